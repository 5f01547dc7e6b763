"""The figure of the designs sensitivity study: Sobol indices with their 95% bootstrap intervals.

Usage: python designs_figure.py SENSITIVITY_CSV OUT_PNG

One panel per output of `taosim analyze` (sensitivity.csv, method sobol): for every parameter its
first-order index S1 and total index ST as bars with the interval as error bars. Indices are
shares of the output's variance: ST - S1 is the part due to interactions.
"""
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

PARAMETERS = {
    "subnet.commit_reveal_interval_tempos": "commit-reveal",
    "network.validators_per_subnet": "validators / subnet",
    "attacks[0].stake_alpha": "copier stake",
    "nominators.count": "nominators",
    "nominators.rule": "nominator rule",
}
LABELS = {
    "top10_validator_share_final": "top-10 validators' share of stake (final)",
    "copier_relative_dividend_mean": "copier's relative dividend (time mean)",
}


def main(source, target):
    table = pd.read_csv(source)
    sobol = table[table["method"] == "sobol"].copy()
    for column in ("value", "ci_low", "ci_high"):
        sobol[column] = pd.to_numeric(sobol[column])
    outputs = list(dict.fromkeys(sobol["output"]))
    figure, axes = plt.subplots(1, len(outputs), figsize=(5.5 * len(outputs), 4.2), sharey=True, squeeze=False)
    for axis, output in zip(axes[0], outputs):
        rows = sobol[sobol["output"] == output]
        parameters = list(dict.fromkeys(rows["parameter"]))
        x = np.arange(len(parameters))
        for offset, statistic, colour in ((-0.18, "S1", "#4477aa"), (0.18, "ST", "#ee6677")):
            part = rows[rows["statistic"] == statistic].set_index("parameter").loc[parameters]
            value = part["value"].to_numpy()
            error = np.vstack([value - part["ci_low"].to_numpy(), part["ci_high"].to_numpy() - value])
            axis.bar(x + offset, value, width=0.36, color=colour, label=statistic, yerr=error, capsize=3)
        axis.axhline(0, color="black", linewidth=0.6)
        axis.set_xticks(x)
        axis.set_xticklabels([PARAMETERS.get(p, p) for p in parameters], rotation=25, ha="right")
        axis.set_title(LABELS.get(output, output), fontsize=10)
        axis.set_ylabel("Sobol index (share of variance)")
        axis.legend(frameon=False)
    n = int(sobol["n"].iloc[0]) if len(sobol) else 0
    figure.suptitle(f"Sobol indices with 95% bootstrap intervals (N = {n} base samples)", fontsize=11)
    figure.tight_layout()
    figure.savefig(target, dpi=120)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
