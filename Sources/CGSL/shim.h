#ifndef CGSL_SHIM_H
#define CGSL_SHIM_H
#include <gsl/gsl_version.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_qrng.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_sort_double.h>

/* Swift 6 rejects direct use of C global variables ("not concurrency-safe");
   expose the ones TaoSim needs through inline accessors. */
static inline const gsl_rng_type *cgsl_rng_mt19937(void) { return gsl_rng_mt19937; }
static inline const char *cgsl_version(void) { return gsl_version; }
static inline const gsl_qrng_type *cgsl_qrng_sobol(void) { return gsl_qrng_sobol; }

/* The mt19937 state layout of GSL 2.x (gsl/rng/mt.c): 624 words and an index.
   TaoSim fills it from a 64-bit stream key so that streams are not limited to
   2^32 distinct seeds (gsl_rng_set keeps only the low 32 bits for mt19937). */
typedef struct { unsigned long mt[624]; int mti; } cgsl_mt19937_state;
static inline size_t cgsl_mt19937_state_size(void) { return sizeof(cgsl_mt19937_state); }
#endif
