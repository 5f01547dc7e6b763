#!/usr/bin/env python3
"""Times the plain C dense epoch (the practical speed limit on a machine) on the same synthetic
subnets as `taosim bench epoch` and Benchmarks/epoch_numpy.py.

The C epoch (`yuma_c.c`) is a reference distributed beside TaoSim, not part of it, and is not
kept in this repository: the driver looks for it at $TAOSIM_C_EPOCH, else at
../shared/bench/yuma_c.c beside the repository. Without it every row reports no C time (the
rest of `make bench-epoch` runs as usual). It builds yuma_c.c with
gcc -O3 -march=native -ffp-contract=off into .build/bench-c/ and calls `yuma_bench` (the median
of `repeats` batches of at least `seconds` each, timed inside C with the thread's CPU clock, all
buffers allocated once). Inputs: the raw synthetic weights, the validator stakes and the bonds
after numpy's warm-up epochs. The C epoch is dense: at densities below 1 it still walks every
entry (the row is shown for reference only). Variants: yuma2 and yuma3-liquid as in the C file
(kappa 32767/65535, bonds penalty 1, BMA 0.9, alpha 0.7..0.9, steepness 1000).
Prints one JSON line per configuration.
"""
import argparse
import ctypes
import json
import os
import subprocess

import numpy as np

import epoch_numpy

HERE = os.path.dirname(os.path.abspath(__file__))


def source():
    """The C epoch's source file, or None when it is not on this machine."""
    src = os.environ.get("TAOSIM_C_EPOCH") or os.path.join(HERE, "..", "..", "shared", "bench", "yuma_c.c")
    return src if os.path.isfile(src) else None


def library(src):
    out = os.path.join(HERE, "..", ".build", "bench-c")
    os.makedirs(out, exist_ok=True)
    so = os.path.join(out, "libyuma_c.so")
    if not os.path.exists(so) or os.path.getmtime(so) < os.path.getmtime(src):
        subprocess.check_call(["gcc", "-O3", "-march=native", "-ffp-contract=off", "-fPIC", "-shared", src,
                               "-o", so, "-lm"])
    lib = ctypes.CDLL(so)
    dp = np.ctypeslib.ndpointer(dtype=np.float64, flags="C_CONTIGUOUS")
    lib.yuma_bench.argtypes = [ctypes.c_int, ctypes.c_int, dp, dp, dp, dp, ctypes.c_int, ctypes.c_double, dp, dp, dp]
    lib.yuma_bench.restype = ctypes.c_int
    return lib


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--sizes", default="64x256,256x4096,1024x16384")
    p.add_argument("--densities", default="1")
    p.add_argument("--variant", default="yuma2", choices=["yuma2", "yuma3-liquid"])
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--seconds", type=float, default=0.2)
    args = p.parse_args()
    src = source()
    lib = library(src) if src else None
    y3 = 1.0 if args.variant == "yuma3-liquid" else 0.0
    for size in args.sizes.split(","):
        v, n = (int(x) for x in size.lower().split("x"))
        for d in (float(x) for x in args.densities.split(",")):
            if lib is None:
                print(json.dumps({"impl": "c", "variant": args.variant, "validators": v, "uids": n, "density": d,
                                  "arithmetic": "double", "us_per_epoch": None}), flush=True)
                continue
            raw_w, stake, bonds = epoch_numpy.warm_state(v, n, d, args.variant)
            b = bonds.astype(np.float64) / 65535.0
            par = np.array([32767 / 65535, 1, 0.9, y3, y3, 0.7, 0.9, 1000, epoch_numpy.EMISSION, 0], float)
            times, prof, info = np.zeros(args.repeats), np.zeros(8), np.zeros(3)
            lib.yuma_bench(v, n, np.ascontiguousarray(stake[:v]), np.ascontiguousarray(raw_w), np.ascontiguousarray(b),
                           par, args.repeats, args.seconds, times, prof, info)
            print(json.dumps({"impl": "c", "variant": args.variant, "validators": v, "uids": n, "density": d,
                              "arithmetic": "double", "us_per_epoch": round(float(np.median(times)) * 1e6, 3)}),
                  flush=True)


if __name__ == "__main__":
    main()
