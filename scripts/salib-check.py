#!/usr/bin/env python3
"""Cross-checks `taosim analyze` against SALib on the Ishigami function (a = 7, b = 0.1).

TaoSim's Sobol design (`taosim validate --design` on a sobol sweep) is evaluated on the
Ishigami function, written as a sweep folder and analysed by `taosim analyze`; SALib analyses
the same outputs and its own design (SALib.sample.sobol). Checks, for every parameter:
  - TaoSim's S1 and ST on its design equal SALib's on the same outputs (same estimators);
  - the analytic indices lie inside TaoSim's 95% intervals;
  - TaoSim's intervals and SALib's (on SALib's own design) overlap.
Then the same for Morris mu* (TaoSim's trajectories vs SALib.sample.morris).

Usage: salib-check.py TAOSIM_BINARY   (needs numpy and SALib: the notebook venv)
"""
import csv, json, math, os, subprocess, sys, tempfile

import numpy as np
from SALib.analyze import morris as morris_analyze
from SALib.analyze import sobol as sobol_analyze
from SALib.sample import morris as morris_sample
from SALib.sample import sobol as sobol_sample

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NAMES = ["validators.weight_sigma", "genesis.validator_stake_sigma", "genesis.root_stake_sigma"]
PROBLEM = {"num_vars": 3, "names": ["x1", "x2", "x3"], "bounds": [[-math.pi, math.pi]] * 3}
A, B = 7.0, 0.1
# Analytic indices (Ishigami & Homma 1990; Sobol' & Levitan 1999).
V = A**2 / 8 + B * math.pi**4 / 5 + B**2 * math.pi**8 / 18 + 0.5
V1 = 0.5 * (1 + B * math.pi**4 / 5) ** 2
V2 = A**2 / 8
V13 = B**2 * math.pi**8 * (1 / 18 - 1 / 50)
S1_TRUE = [V1 / V, V2 / V, 0.0]
ST_TRUE = [(V1 + V13) / V, V2 / V, V13 / V]
failures = []


def ishigami(x):
    return np.sin(x[:, 0]) + A * np.sin(x[:, 1]) ** 2 + B * x[:, 2] ** 4 * np.sin(x[:, 0])


def check(condition, message):
    print(("ok    " if condition else "FAIL  ") + message)
    if not condition:
        failures.append(message)


def taosim_design(taosim, folder, mode, samples):
    """TaoSim's design for three parameters on [0, 1]: (header, rows, unit matrix)."""
    scenario = os.path.join(folder, f"ishigami-{mode}.yaml")
    with open(scenario, "w") as f:
        f.write(f"extends: {os.path.join(ROOT, 'Scenarios/ci/tiny.yaml')}\nreplications: 1\nhorizon_days: 1\n")
        f.write(f"sweep:\n  mode: {mode}\n  samples: {samples}\n  parameters:\n")
        for name in NAMES:
            f.write(f"    - {{path: {name}, min: 0, max: 1}}\n")
    text = subprocess.run([taosim, "validate", scenario, "--design"], check=True, capture_output=True, text=True).stdout
    rows = list(csv.reader(text.splitlines()))
    header, rows = rows[0], rows[1:]
    unit = np.array([[float(row[header.index("unit." + n)]) for n in NAMES] for row in rows])
    return header, rows, unit


def taosim_analyze(taosim, folder, mode, header, rows, y):
    """Writes the design with its outputs as a sweep folder and runs `taosim analyze` on it."""
    sweep = os.path.join(folder, f"sweep-{mode}")
    os.makedirs(sweep, exist_ok=True)
    plan = {"format": "taosim-sweep", "scenario_name": "ishigami", "sweep_id": f"sweep-{mode}", "mode": mode,
            "parameters": NAMES, "scenario": {"seed": 7}, "points": []}
    with open(os.path.join(sweep, "sweep.json"), "w") as f:
        json.dump(plan, f)
    complete = header.index("complete")
    with open(os.path.join(sweep, "sweep.csv"), "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(header + ["ishigami"])
        for row, value in zip(rows, y):
            row = list(row)
            row[complete] = "true"
            out.writerow(row + [repr(float(value))])
    subprocess.run([taosim, "analyze", sweep, "--outputs", "ishigami"], check=True, capture_output=True)
    result = {}
    with open(os.path.join(sweep, "sensitivity.csv")) as f:
        for row in csv.DictReader(f):
            result[(row["parameter"], row["statistic"])] = (
                float(row["value"]), float(row["ci_low"] or "nan"), float(row["ci_high"] or "nan"))
    return result


def main():
    taosim = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as folder:
        n = 1024
        header, rows, unit = taosim_design(taosim, folder, "sobol", n)
        check(len(rows) == n * 5, f"TaoSim's Sobol design has N(k+2) = {n * 5} points")
        y = ishigami(-math.pi + 2 * math.pi * unit)
        ours = taosim_analyze(taosim, folder, "sobol", header, rows, y)
        same = sobol_analyze.analyze(PROBLEM, y, calc_second_order=False, num_resamples=1000, seed=1)
        x = sobol_sample.sample(PROBLEM, n, calc_second_order=False, seed=1)
        theirs = sobol_analyze.analyze(PROBLEM, ishigami(x), calc_second_order=False, num_resamples=1000, seed=1)
        for j, name in enumerate(NAMES):
            for index, truth in (("S1", S1_TRUE[j]), ("ST", ST_TRUE[j])):
                value, low, high = ours[(name, index)]
                print(f"      x{j + 1} {index}: TaoSim {value:.4f} [{low:.4f}, {high:.4f}]  SALib on TaoSim's design "
                      f"{same[index][j]:.4f} ± {same[index + '_conf'][j]:.4f}  SALib's design "
                      f"{theirs[index][j]:.4f} ± {theirs[index + '_conf'][j]:.4f}  analytic {truth:.4f}")
                check(abs(value - same[index][j]) <= 1e-9 * max(1, abs(value)),
                      f"x{j + 1} {index}: TaoSim's estimate equals SALib's on the same outputs")
                check(low <= truth <= high, f"x{j + 1} {index}: analytic {truth:.4f} inside TaoSim's interval")
                salib_low = theirs[index][j] - theirs[index + "_conf"][j]
                salib_high = theirs[index][j] + theirs[index + "_conf"][j]
                check(low <= salib_high and salib_low <= high, f"x{j + 1} {index}: TaoSim's and SALib's intervals overlap")

        r = 200
        header, rows, unit = taosim_design(taosim, folder, "morris", r)
        check(len(rows) == r * 4, f"TaoSim's Morris design has r(k+1) = {r * 4} points")
        x = -math.pi + 2 * math.pi * unit
        y = ishigami(x)
        ours = taosim_analyze(taosim, folder, "morris", header, rows, y)
        same = morris_analyze.analyze(PROBLEM, x, y, num_levels=4, num_resamples=1000, seed=1)
        xs = morris_sample.sample(PROBLEM, r, num_levels=4, seed=1)
        theirs = morris_analyze.analyze(PROBLEM, xs, ishigami(xs), num_levels=4, num_resamples=1000, seed=1)
        for j, name in enumerate(NAMES):
            value, low, high = ours[(name, "mu_star")]
            print(f"      x{j + 1} mu*: TaoSim {value:.4f} [{low:.4f}, {high:.4f}]  SALib on TaoSim's design "
                  f"{same['mu_star'][j]:.4f}  SALib's design {theirs['mu_star'][j]:.4f} ± {theirs['mu_star_conf'][j]:.4f}")
            check(abs(value - same["mu_star"][j]) <= 1e-9 * max(1, abs(value)),
                  f"x{j + 1} mu*: TaoSim's estimate equals SALib's on the same outputs")
            check(abs(ours[(name, "sigma")][0] - same["sigma"][j]) <= 1e-9 * max(1, abs(same["sigma"][j])),
                  f"x{j + 1} sigma: TaoSim's equals SALib's on the same outputs")
            salib_low = theirs["mu_star"][j] - theirs["mu_star_conf"][j]
            salib_high = theirs["mu_star"][j] + theirs["mu_star_conf"][j]
            check(low <= salib_high and salib_low <= high, f"x{j + 1} mu*: TaoSim's and SALib's intervals overlap")
    if failures:
        print(f"salib-check: {len(failures)} check(s) failed")
        sys.exit(1)
    print("salib-check: TaoSim's Sobol and Morris estimates agree with SALib and the analytic Ishigami indices")


if __name__ == "__main__":
    main()
