#!/usr/bin/env python3
"""What root auto-parenting (spec §17.5.3) does to subnet owners' stake weight and to validator
concentration: compares two runs of the same scenario and seed, one with auto-parenting and one
without (chain.child_keys.genesis_younger_than_days or chain.child_keys.auto_parent).

Usage: scripts/auto-parenting-effect.py ON_RUN_DIR OFF_RUN_DIR [TAU]
Each run needs neurons.csv (record.neuron_every_epochs > 0). Prints, for every subnet whose owner
hotkey has a different stake weight between the runs, the owner's stake weight (alpha + TAU * root,
TAU = 0.18 by default) and its share of the permit holders' stake weight at the last neuron record,
then the subnet's and the network's top-10 validator share at the last record of each run.
"""
import csv
import sys


def last_neurons(run):
    rows = {}
    last = {}
    with open(f"{run}/neurons.csv") as f:
        for r in csv.DictReader(f):
            n = int(r["netuid"])
            e = int(r["epoch"])
            if last.get(n, -1) < e:
                last[n] = e
                rows[n] = []
            if e == last[n]:
                rows[n].append(r)
    return rows


def owner_weight(rows, tau):
    owner = 0.0
    permits = 0.0
    for r in rows:
        w = float(r["alpha_stake_alpha"]) + tau * float(r["root_stake_tao"])
        if r["validator_permit"] == "1":
            permits += w
        if r["neuron_class"] == "owner":
            owner = w
    return owner, (owner / permits if permits > 0 else 0.0)


def last_column(path, column, key=None):
    out = {}
    with open(path) as f:
        for r in csv.DictReader(f):
            out[r[key] if key else ""] = r[column]
    return out


def main():
    on, off = sys.argv[1], sys.argv[2]
    tau = float(sys.argv[3]) if len(sys.argv) > 3 else 0.18
    a, b = last_neurons(on), last_neurons(off)
    sub_on = last_column(f"{on}/subnets.csv", "top10_validator_share", "netuid")
    sub_off = last_column(f"{off}/subnets.csv", "top10_validator_share", "netuid")
    print("| netuid | owner stake weight off | on | owner share of permit stake weight off | on | subnet top-10 validator share off | on |")
    print("|---|---|---|---|---|---|---|")
    for n in sorted(a):
        w_on, s_on = owner_weight(a[n], tau)
        w_off, s_off = owner_weight(b.get(n, []), tau)
        if abs(w_on - w_off) <= 1e-6 * max(1.0, w_off):
            continue
        print(f"| {n} | {w_off:,.0f} | {w_on:,.0f} | {s_off:.4f} | {s_on:.4f} | {float(sub_off[str(n)]):.4f} | {float(sub_on[str(n)]):.4f} |")
    for column in ["top10_validator_share", "top10_validator_share_tao", "subnet_top10_share_median", "top10_dividend_share"]:
        x, y = last_column(f"{off}/network.csv", column)[""], last_column(f"{on}/network.csv", column)[""]
        print(f"network {column}: off {float(x):.4f}, on {float(y):.4f}")


if __name__ == "__main__":
    main()
