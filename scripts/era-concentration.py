#!/usr/bin/env python3
"""Subnet emission concentration per rule era (spec §17.0): reads every completed run under a
sweep folder of `taosim sweep Scenarios/eras-mainnet.yaml` (or Scenarios/eras.yaml) and prints a
Markdown table of network.csv's subnet_emission_hhi and subnet_emission_top32_share — at the last
record and as the mean over the last 30 records (days) — with the final issuance.

Usage: scripts/era-concentration.py SWEEP_FOLDER
"""
import csv
import json
import os
import sys


def runs(folder):
    for root, _, files in sorted(os.walk(folder)):
        if "manifest.json" in files and "network.csv" in files and "COMPLETE" in files:
            with open(os.path.join(root, "manifest.json")) as f:
                era = json.load(f)["scenario"]["chain"]["era"]
            yield era, os.path.join(root, "network.csv")


def main():
    print("| era | HHI (final) | HHI (mean, last 30 days) | top-32 share (final) | top-32 share (mean, last 30 days) | issuance, TAO (final) | last day |")
    print("|---|---|---|---|---|---|---|")
    for era, path in sorted(runs(sys.argv[1])):
        with open(path) as f:
            rows = list(csv.DictReader(f))
        tail = rows[-30:]
        mean = lambda c: sum(float(r[c]) for r in tail) / len(tail)
        last = rows[-1]
        print(
            f"| {era} | {float(last['subnet_emission_hhi']):.4f} | {mean('subnet_emission_hhi'):.4f} | "
            f"{float(last['subnet_emission_top32_share']):.4f} | {mean('subnet_emission_top32_share'):.4f} | "
            f"{float(last['issuance_tao']):,.0f} | {float(last['day']):.0f} |")


if __name__ == "__main__":
    main()
