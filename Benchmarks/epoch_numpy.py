#!/usr/bin/env python3
"""A straightforward numpy version of TaoSim's double Yuma epoch, timed on the same synthetic
subnets as `taosim bench epoch` (Benchmarks/bench-epoch.sh runs both and prints the ratio).

Dense matrices with one row per validator (UIDs 0..V-1) and one column per UID; Yuma 3 without
liquid alpha and with the default hyperparameters (bonds penalty 1, BMA 0.9, kappa 32767), as in
spec §3-§6. The inputs follow EpochBenchmark.weight/state exactly: validator i weights UID j with
1 + (40503 j mod 50000) + ((2654435761 i + 97 j) mod 15000), at 10% density only UIDs with
(7 j + 3) mod 10 == 0; stakes (1000 + 37 i) * 1e9; three warm-up epochs fill the bonds.
Prints one JSON line per configuration: CPU (process) and wall microseconds per epoch.
"""
import argparse
import json
import time

import numpy as np

KAPPA = 32767 / 65535
ALPHA = 1 - 900000 / 1e6
EMISSION = 1_000_000_000


def weights(v, n, density):
    i = np.arange(v, dtype=np.int64)[:, None]
    j = np.arange(n, dtype=np.int64)[None, :]
    w = 1 + (j * 40503) % 50000 + (i * 2654435761 + j * 97) % 15000
    if density < 1:
        w = np.where((j * 7 + 3) % 10 == 0, w, 0)
    return w.astype(np.float64)


def epoch(raw_w, stake, bonds_u16, v, n, block, last_update, registration, tempo=360, cutoff=5000):
    """One epoch; returns (combined emission, new bonds u16, consensus u16)."""
    active = last_update + cutoff >= block
    s = stake / stake.sum()
    # Top-K permits with K = V: every staked validator keeps its permit.
    permit = s > 0
    a = np.where(active & permit, s, 0.0)
    a = a / a.sum()
    av = a[:v]
    # Weight matrix: diagonal and outdated entries masked, rows normalised.
    w = raw_w.copy()
    w[np.arange(v), np.arange(v)] = 0.0
    w[last_update[:v, None] <= registration[None, :]] = 0.0
    row = w.sum(axis=1, keepdims=True)
    w = np.divide(w, row, out=np.zeros_like(w), where=row > 0)
    # Stake-weighted median per column over validators with positive active stake.
    part = av > 0
    u = av[part] / av[part].sum()
    minority = u.sum() - KAPPA
    wp = w[part]
    order = np.argsort(wp, axis=0, kind="stable")
    sorted_w = np.take_along_axis(wp, order, axis=0)
    cum = np.cumsum(u[order], axis=0)
    pos = np.argmax(cum > minority, axis=0)
    consensus = sorted_w[pos, np.arange(n)]
    # Clipping, trust, incentive.
    clipped = np.minimum(w, consensus[None, :])
    trust = clipped.sum(axis=1)
    ranks = av @ clipped
    incentive = ranks / ranks.sum() if ranks.sum() > 0 else ranks
    # Yuma-3 bonds: EMA of clipped weights, registered-since-last-tempo columns masked.
    b = bonds_u16 / 65535.0
    b[:, registration >= block - tempo] = 0.0
    ema = ALPHA * clipped + (1 - ALPHA) * b
    col = ema.sum(axis=0, keepdims=True)
    norm = np.divide(ema, col, out=np.zeros_like(ema), where=col > 0)
    dividends = av * (norm @ incentive)
    dividends = dividends / dividends.sum() if dividends.sum() > 0 else dividends
    inc_full = incentive
    div_full = np.zeros(n)
    div_full[:v] = dividends
    combined = inc_full + div_full
    total = combined.sum()
    emission = np.floor(combined / total * EMISSION) if total > 0 else np.floor(s * EMISSION)
    new_bonds = np.floor(ema * 65535).astype(np.uint16)
    quantised = np.floor(consensus * 65535).astype(np.uint16), np.floor(trust * 65535).astype(np.uint16)
    return emission, new_bonds, quantised


def measure(v, n, density, repeats, seconds):
    block = 10_000
    raw_w = weights(v, n, density)
    stake = np.zeros(n)
    stake[:v] = (1000 + 37 * np.arange(v)) * 1e9
    last_update = np.full(n, block - 1, dtype=np.int64)
    registration = np.zeros(n, dtype=np.int64)
    bonds = np.zeros((v, n), dtype=np.uint16)
    for k in range(3):
        _, bonds, _ = epoch(raw_w, stake, bonds, v, n, block - 3 + k, last_update, registration)
    t0 = time.perf_counter()
    epoch(raw_w, stake, bonds, v, n, block, last_update, registration)
    single = max(time.perf_counter() - t0, 1e-7)
    epochs = max(1, min(100_000, int(seconds / single)))
    cpu, wall = [], []
    for _ in range(repeats):
        c0, w0 = time.process_time(), time.perf_counter()
        for _ in range(epochs):
            epoch(raw_w, stake, bonds, v, n, block, last_update, registration)
        cpu.append((time.process_time() - c0) / epochs * 1e6)
        wall.append((time.perf_counter() - w0) / epochs * 1e6)
    return float(np.median(cpu)), float(np.median(wall)), epochs


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--sizes", default="64x256,256x4096,1024x16384")
    p.add_argument("--densities", default="1,0.1")
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--seconds", type=float, default=0.2)
    args = p.parse_args()
    for size in args.sizes.split(","):
        v, n = (int(x) for x in size.lower().split("x"))
        for d in (float(x) for x in args.densities.split(",")):
            cpu, wall, epochs = measure(v, n, d, args.repeats, args.seconds)
            print(json.dumps({"impl": "numpy", "validators": v, "uids": n, "density": d, "arithmetic": "double",
                              "us_per_epoch": round(cpu, 3), "wall_us_per_epoch": round(wall, 3),
                              "epochs_per_repeat": epochs}), flush=True)


if __name__ == "__main__":
    main()
