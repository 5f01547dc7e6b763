// zlib (zlib1g-dev / brew zlib), for gzip result files.
#include <zlib.h>
