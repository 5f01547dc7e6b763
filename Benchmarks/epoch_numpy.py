#!/usr/bin/env python3
"""A straightforward numpy version of TaoSim's double Yuma epoch, timed on the same synthetic
subnets as `taosim bench epoch` (Benchmarks/bench-epoch.sh runs both and the C limit, and prints
the ratios).

Dense matrices with one row per validator (UIDs 0..V-1) and one column per UID; default
hyperparameters (kappa 32767, bonds penalty 65535 = 1, BMA 900000, alpha 45875..58982, steepness
1000), as in spec §3-§6. Variants: yuma2 (spec §5.2), yuma3 (§5.3, fixed rate) and yuma3-liquid
(§5.3.1, sparse presence of §5.3.4). Inputs follow EpochBenchmark exactly: validator i weights
UID j with 1 + (40503 j mod 50000) + ((2654435761 i + 97 j) mod 15000), below density 1 only UIDs
with (7 j + 3) mod 100 < 100 density; stakes (1000 + 37 i) * 1e9; three warm-up epochs (blocks
9997..9999, tempo 360) fill the bonds; the timed epoch runs at block 10000.

Prints one JSON line per configuration with the CPU time of the thread (time.thread_time, the
clock TaoSim reads) and wall time per epoch. With --check DIR, compares the timed epoch's outputs
with the files `taosim bench epoch --dump DIR` wrote and exits 1 if they disagree by more than one
stored u16 unit or 1e-6 of the epoch emission.
"""
import argparse
import json
import os
import sys
import time

import numpy as np

KAPPA = 32767 / 65535
RATE = 1 - 900000 / 1e6
ALPHA_LOW, ALPHA_HIGH, STEEPNESS = 45875 / 65535, 58982 / 65535, 1000
EMISSION = 1_000_000_000
TEMPO = 360


def weights(v, n, density):
    i = np.arange(v, dtype=np.int64)[:, None]
    j = np.arange(n, dtype=np.int64)[None, :]
    w = 1 + (j * 40503) % 50000 + (i * 2654435761 + j * 97) % 15000
    if density < 1:
        w = np.where((j * 7 + 3) % 100 < round(density * 100), w, 0)
    return w.astype(np.float64)


def col_normalize(x):
    s = x.sum(axis=0, keepdims=True)
    return np.divide(x, s, out=x.copy(), where=s > 0)


def epoch(raw_w, stake, bonds_u16, v, n, variant, last_tempo):
    """One epoch; returns (outputs dict, new stored bonds u16)."""
    # Stake weights as exact I32F32 shares, permits (top-K with K = V keeps every staked validator),
    # everybody active.
    s = np.floor(stake * 2.0**32 / stake.sum()) / 2.0**32
    a = s[:v] / s[:v].sum()
    # Weight matrix: self-weights masked, rows normalised.
    w = raw_w.copy()
    w[np.arange(v), np.arange(v)] = 0.0
    row = w.sum(axis=1, keepdims=True)
    w = np.divide(w, row, out=np.zeros_like(w), where=row > 0)
    present = w > 0
    # Stake-weighted median per column over validators with positive active stake (absent = 0).
    u = a / a.sum()
    minority = u.sum() - KAPPA
    order = np.argsort(w, axis=0, kind="stable")
    sorted_w = np.take_along_axis(w, order, axis=0)
    cum = np.cumsum(u[order], axis=0)
    pos = np.argmax(cum > minority, axis=0)
    consensus = sorted_w[pos, np.arange(n)]
    # Clipping, trust, incentive; with beta = 1, W~ = clipped, entries above C = 0 removed.
    clipped = np.minimum(w, consensus[None, :])
    trust = clipped.sum(axis=1)
    ranks = a @ clipped
    incentive = ranks / ranks.sum() if ranks.sum() > 0 else ranks
    support = present & (consensus[None, :] > 0)
    if variant == "yuma2":
        old = col_normalize(bonds_u16.astype(np.float64))
        delta = col_normalize(clipped * a[:, None])
        ema = RATE * delta + (1 - RATE) * old
        ema = col_normalize(ema)
        dividends = ema @ incentive
        colmax = ema.max(axis=0, keepdims=True)
        stored = np.divide(ema, colmax, out=ema.copy(), where=colmax > 0)
    else:
        old = bonds_u16 / 65535.0
        if variant == "yuma3-liquid" and np.any(consensus != 0):
            c = consensus[None, :]
            buy = np.clip(clipped - c, 0, 1)
            sell = np.clip(old - clipped, 0, 1)
            d = np.where(clipped >= old, buy, sell)
            sigma = 1 / (1 + np.exp(np.clip(STEEPNESS / -100 * (d - 0.5), -20, 20)))
            alpha = np.clip(ALPHA_LOW + sigma * (ALPHA_HIGH - ALPHA_LOW), ALPHA_LOW, ALPHA_HIGH)
            ema = np.minimum((1 - alpha) * old + np.maximum(alpha * clipped, 0), 1)
            ema = np.where(support, ema, 0.0)
        else:
            ema = RATE * clipped + (1 - RATE) * old
        dividends = a * (col_normalize(ema) @ incentive)
        stored = ema
    dividends = dividends / dividends.sum() if dividends.sum() > 0 else dividends
    div_full = np.zeros(n)
    div_full[:v] = dividends
    combined = incentive + div_full
    total = combined.sum()
    u16 = lambda x: np.floor(x * 65535).astype(np.int64)
    out = {
        "consensus": u16(consensus), "incentive": u16(incentive), "dividends": u16(div_full),
        "validator_trust": np.concatenate([u16(trust), np.zeros(n - v, dtype=np.int64)]),
        "combined_emission": np.floor(combined / total * EMISSION) if total > 0 else np.floor(s * EMISSION),
    }
    return out, u16(stored).astype(np.uint16)


def warm_state(v, n, density, variant):
    raw_w = weights(v, n, density)
    stake = np.zeros(n)
    stake[:v] = (1000 + 37 * np.arange(v)) * 1e9
    bonds = np.zeros((v, n), dtype=np.uint16)
    last_step = 0
    for k in range(3):
        block = 10_000 - 3 + k
        last_tempo = last_step + 1 if last_step else max(0, block - TEMPO)
        _, bonds = epoch(raw_w, stake, bonds, v, n, variant, last_tempo)
        last_step = block
    return raw_w, stake, bonds


def measure(v, n, density, variant, repeats, seconds):
    raw_w, stake, bonds = warm_state(v, n, density, variant)
    args = (raw_w, stake, bonds, v, n, variant, 10_000)
    t0 = time.thread_time()
    out, new_bonds = epoch(*args)
    single = max(time.thread_time() - t0, 1e-7)
    epochs = max(1, min(100_000, int(seconds / single)))
    cpu, wall = [], []
    for _ in range(repeats):
        c0, w0 = time.thread_time(), time.perf_counter()
        for _ in range(epochs):
            epoch(*args)
        cpu.append((time.thread_time() - c0) / epochs * 1e6)
        wall.append((time.perf_counter() - w0) / epochs * 1e6)
    return float(np.median(cpu)), float(np.median(wall)), epochs, out, new_bonds


def check(folder, v, n, density, variant, out, bonds):
    """Worst differences against TaoSim's dumped double output; None when there is no dump."""
    stem = os.path.join(folder, f"{v}x{n}_d{float(density)}_{variant}_double")
    if not os.path.exists(stem + ".json"):
        return None
    theirs = json.load(open(stem + ".json"))
    worst = {k: int(np.max(np.abs(np.asarray(theirs[k], dtype=np.int64) - out[k].astype(np.int64))))
             for k in ("consensus", "incentive", "dividends", "validator_trust")}
    emission = np.asarray(theirs["combined_emission"], dtype=np.float64)
    worst["emission_rel"] = float(np.max(np.abs(emission - out["combined_emission"])) / EMISSION)
    their_bonds = np.fromfile(stem + ".bonds.u16", dtype="<u2").reshape(v, n)
    worst["bonds"] = int(np.max(np.abs(their_bonds.astype(np.int64) - bonds.astype(np.int64))))
    worst["agree"] = all(worst[k] <= 1 for k in ("consensus", "incentive", "dividends", "validator_trust", "bonds")) \
        and worst["emission_rel"] <= 1e-6
    return worst


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--sizes", default="64x256,256x4096,1024x16384")
    p.add_argument("--densities", default="1,0.1")
    p.add_argument("--variant", default="yuma3", choices=["yuma2", "yuma3", "yuma3-liquid"])
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--seconds", type=float, default=0.2)
    p.add_argument("--check", help="folder of `taosim bench epoch --dump` outputs to compare with")
    args = p.parse_args()
    disagree = False
    for size in args.sizes.split(","):
        v, n = (int(x) for x in size.lower().split("x"))
        for d in (float(x) for x in args.densities.split(",")):
            cpu, wall, epochs, out, bonds = measure(v, n, d, args.variant, args.repeats, args.seconds)
            row = {"impl": "numpy", "variant": args.variant, "validators": v, "uids": n, "density": d,
                   "arithmetic": "double", "us_per_epoch": round(cpu, 3), "wall_us_per_epoch": round(wall, 3),
                   "epochs_per_repeat": epochs}
            if args.check:
                worst = check(args.check, v, n, d, args.variant, out, bonds)
                if worst is not None:
                    row["check"] = worst
                    disagree = disagree or not worst["agree"]
            print(json.dumps(row), flush=True)
    sys.exit(1 if disagree else 0)


if __name__ == "__main__":
    main()
