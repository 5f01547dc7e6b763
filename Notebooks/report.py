"""Figures and a Markdown report for any run and compare folders (``taosim report``), headless.

    python report.py --out DIR [--metrics METRICS.csv] [--run FOLDER]... [--compare FOLDER]...
                     [--no-notebooks]

Writes into DIR only (never beside the runs, so two reports never overwrite each other):
``figures/*.png``, ``report.md`` linking them with one line on what each shows, and
``notebooks/*.ipynb``, the analysis notebooks executed on the same runs with their outputs kept.
``METRICS.csv`` is ``taosim describe metrics --csv``: bands are clipped to each metric's bounds.
A compare folder (``compare.csv``, ``compare.json``) adds its paired differences and the runs it
compared, when they are still beside it. Every number drawn comes from the folders' CSVs.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

import plots  # noqa: E402
import results  # noqa: E402

HERE = Path(__file__).resolve().parent

#: Time-series panels: (figure name, title, metrics, what the figure shows).
SERIES = [
    ("centralisation", "Validator-stake centralisation",
     ["top10_validator_share_tao", "top10_entity_share_tao", "gini_validator_stake_tao",
      "subnet_top10_share_median", "subnet_nakamoto_median", "subnet_nakamoto_max"],
     "stake centralisation over time (staked validators only), mean over replications with 95 % bands clipped to each metric's bounds"),
    ("yields", "Network yields",
     ["alpha_apr_30d", "alpha_apy_30d", "tao_apy_30d", "root_apy_tao_30d", "alpha_apy_run", "tao_apy_run"],
     "network-wide yields over the trailing 30 days and the whole run (empty before day 30), 95 % bands"),
    ("fairness", "Emission across subnets",
     ["subnet_emission_hhi", "subnet_emission_gini", "subnet_emission_utility_spearman", "capture_emission_share",
      "honest_emission_share", "spearman_utility_incentive"],
     "how emission is spread over subnets and whether it follows utility, 95 % bands"),
]

#: What each notebook figure shows (report.md's line for it).
NOTEBOOK_FIGURES = {
    "01-centralisation": "notebook 01: stake centralisation over time per run, 95 % bands clipped to the bounds",
    "02-subnet-emission-shares": "notebook 02: subnets ranked by emission share at the end of the run, and the HHI of the shares",
    "02-fairness-and-yields": "notebook 02: utility–incentive rank correlation and the network yields per run, 95 % bands",
    "03-retention-contours": "notebook 03: honest emission share over honest utility × cabal self-weight, one panel per honest stake",
    "03-retention-thresholds": "notebook 03: the smallest honest utility that retains, per honest stake",
    "03-copier": "notebook 03: copier relative dividend against the commit-reveal interval, one line per miner churn "
                 "(below 1: copying pays less than honest work)",
}

#: Metrics of the side-by-side figure (final value per run, 95 % interval over replications).
SIDE_BY_SIDE = ["top10_validator_share_tao", "subnet_nakamoto_median", "subnet_emission_hhi",
                "subnet_emission_utility_spearman", "tao_apy_30d", "root_apy_tao_30d"]

#: Metrics of the paired-difference figure of a compare folder (those it holds).
PAIRED = SIDE_BY_SIDE + ["alpha_apy_30d", "gini_validator_stake_tao", "honest_emission_share",
                         "attacker_emission_share", "capture_emission_share", "emission_per_utility_cv"]


class Report:
    """The figures written so far and the Markdown lines describing them."""

    def __init__(self, out: Path):
        self.out = out
        self.figures = out / "figures"
        self.figures.mkdir(parents=True, exist_ok=True)
        self.lines: list[str] = []

    def save(self, fig, name: str, title: str, says: str) -> None:
        path = self.figures / f"{name}.png"
        fig.savefig(path, dpi=110, bbox_inches="tight", metadata={"Software": None})
        plt.close(fig)
        self.lines += [f"### {title}", "", f"![{title}](figures/{path.name})", "", says, ""]
        print(f"figure: {path}")

    def note(self, text: str) -> None:
        self.lines += [f"*{text}*", ""]
        print(f"note: {text}")


def final_bars(runs: dict, metrics: list[str]):
    """One panel per metric: each run's final value (mean over replications) with its 95 % interval,
    clipped to the metric's bounds. None when no run recorded any of them."""
    table = plots.summary_table(runs, metrics)
    metrics = [m for m in metrics if m in set(table["metric"])]
    if not metrics:
        return None
    ncols = min(3, len(metrics))
    nrows = math.ceil(len(metrics) / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(4.6 * ncols, 3.4 * nrows), squeeze=False)
    for ax, metric in zip(axes.flat, metrics):
        part = table[table["metric"] == metric]
        lower, upper = plots.bounds_of(metric)
        low = part["ci_low"].clip(lower=lower, upper=upper)
        high = part["ci_high"].clip(lower=lower, upper=upper)
        x = range(len(part))
        ax.bar(x, part["final_mean"], color=[f"C{i}" for i in x], alpha=0.8)
        ax.errorbar(x, part["final_mean"], yerr=[part["final_mean"] - low, high - part["final_mean"]],
                    fmt="none", ecolor="k", capsize=3)
        ax.set_xticks(list(x), part["run"], rotation=30, ha="right", fontsize=8)
        ax.set_title(metric, fontsize=10)
        ax.grid(axis="y", alpha=0.3)
    for ax in list(axes.flat)[len(metrics):]:
        ax.set_visible(False)
    fig.tight_layout()
    return fig


def paired_figure(compare: pd.DataFrame, name: str):
    """Paired differences from the reference scenario (final values): one panel per metric, one
    row per scenario, the mean difference with its 95 % paired-t interval; 0 dashed."""
    rows = compare[(compare["aggregate"] == "final") & (compare["position"] > 0)]
    metrics = [m for m in PAIRED if m in set(rows["metric"])]
    if not metrics:
        return None
    ncols = min(3, len(metrics))
    nrows = math.ceil(len(metrics) / ncols)
    height = (0.35 * rows["scenario"].nunique() + 1.4) * nrows
    fig, axes = plt.subplots(nrows, ncols, figsize=(4.8 * ncols, height), squeeze=False)
    for ax, metric in zip(axes.flat, metrics):
        part = rows[rows["metric"] == metric].sort_values("position")
        y = list(range(len(part)))
        mean = part["diff_mean"].astype(float)
        low = part["diff_ci_low"].astype(float).fillna(mean)
        high = part["diff_ci_high"].astype(float).fillna(mean)
        excludes = ((low > 0) | (high < 0)).tolist()
        for yi, m, lo, hi, e in zip(y, mean, low, high, excludes):
            color = "C3" if e else "C0"
            ax.errorbar([m], [yi], xerr=[[m - lo], [hi - m]], fmt="o", capsize=3, color=color, ecolor=color, zorder=3)
        ax.axvline(0, color="grey", lw=1, ls="--")
        ax.set_yticks(y, part["scenario"], fontsize=8)
        ax.invert_yaxis()
        ax.set_title(metric, fontsize=10)
        ax.grid(axis="x", alpha=0.3)
    for ax in list(axes.flat)[len(metrics):]:
        ax.set_visible(False)
    reference = rows["reference"].iloc[0]
    fig.suptitle(f"paired difference from {reference}, final values (red: the 95 % interval excludes 0)\n{name}",
                 fontsize=10)
    fig.tight_layout(rect=(0, 0, 1, 1 - 0.6 / height))
    return fig


def compared_runs(folder: Path) -> dict:
    """The runs a compare folder compared that are still beside it (``OUT/compare/<name>/`` and
    ``OUT/<scenario>/<run-id>/``), in the comparison's order."""
    manifest = json.loads((folder / "compare.json").read_text(encoding="utf-8"))
    root = folder.parent.parent
    found = [root / r["folder"] for r in sorted(manifest.get("runs", []), key=lambda r: r["position"])]
    return results.load_runs([f for f in found if (f / "manifest.json").is_file()])


def execute_notebooks(report: Report, runs: dict, studies: dict, metrics: str | None) -> None:
    """Runs the notebooks that apply into ``notebooks/`` with their outputs kept, their figures
    going to ``figures/``: 01 and 02 on the runs with ``network.csv`` (papermill parameters
    RUN_DIRS, FIGURES_DIR, METRICS_FILE), 03 on a retention or copier study (RETENTION_DIR,
    COPIER_DIR)."""
    try:
        import papermill
    except ImportError:
        report.note("papermill is not installed in this Python; the notebooks were not executed")
        return
    folder = report.out / "notebooks"
    folder.mkdir(exist_ok=True)
    jobs = []
    if runs:
        parameters = {"RUN_DIRS": [str(r.path) for r in runs.values()], "FIGURES_DIR": str(report.figures),
                      "METRICS_FILE": metrics}
        jobs += [("01-centralisation", parameters), ("02-emission-policies", parameters)]
    if studies:
        parameters = {"FIGURES_DIR": str(report.figures)}
        for kind, key in (("retention", "RETENTION_DIR"), ("copier", "COPIER_DIR")):
            found = [r for r in studies.values() if r.has(kind)]
            # A missing study gets a folder that is not one, so the notebook draws nothing for it
            # instead of falling back to runs.json's reference run.
            parameters[key] = str(found[0].path) if found else ""
        jobs.append(("03-attacks", parameters))
    executed = []
    figures = []
    for name, parameters in jobs:
        target = folder / f"{name}.ipynb"
        done = papermill.execute_notebook(str(HERE / f"{name}.ipynb"), str(target), parameters=parameters,
                                          cwd=str(HERE), kernel_name="python3", progress_bar=False)
        executed.append(f"[{name}](notebooks/{target.name})")
        # The figures a notebook saved are the lines "figure: PATH" it printed.
        for cell in done.cells:
            for output in cell.get("outputs", []):
                figures += [Path(line[len("figure: "):]) for line in output.get("text", "").splitlines()
                            if line.startswith("figure: ")]
    if executed:
        report.lines += ["## Notebooks", "", "Executed on these runs, outputs kept: " + ", ".join(executed) + ".", ""]
    for path in figures:
        says = NOTEBOOK_FIGURES.get(path.stem, "a notebook figure")
        report.lines += [f"### {path.stem}", "", f"![{path.stem}](figures/{path.name})", "", f"What it shows: {says}.", ""]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--metrics", help="taosim describe metrics --csv output (bounds)")
    parser.add_argument("--run", action="append", default=[], type=Path)
    parser.add_argument("--compare", action="append", default=[], type=Path)
    parser.add_argument("--no-notebooks", action="store_true")
    args = parser.parse_args(argv)
    plots.load_bounds(args.metrics)
    report = Report(args.out.resolve())
    loaded = results.load_runs(args.run)
    runs = {label: r for label, r in loaded.items() if r.has("network")}
    studies = {label: r for label, r in loaded.items() if not r.has("network")}
    comparisons = []
    for folder in args.compare:
        comparisons.append((folder, pd.read_csv(folder / "compare.csv", keep_default_na=False, na_values=[""])))
        for label, run in compared_runs(folder).items():
            runs.setdefault(label, run)
    report.lines += ["# TaoSim report", ""]
    for label, run in studies.items():
        report.lines += [f"## Study `{label}`", "", f"{run.path}: tables {', '.join(run.tables())}.", ""]
    if runs:
        report.lines += ["Runs:", ""] + [f"- `{label}`: {r.path} ({r.manifest.get('replications', '?')} replication(s), "
                                          f"seed {r.manifest.get('seed', '?')})" for label, r in runs.items()] + [""]
        report.lines += ["## Time series", ""]
        for name, title, metrics, says in SERIES:
            fig = plots.metric_bands(runs, metrics)
            if fig is None:
                report.note(f"{title}: no run recorded {', '.join(metrics)}")
                continue
            fig.suptitle(title, fontsize=11)
            fig.tight_layout()
            report.save(fig, name, title, "What it shows: " + says + ".")
        columns = {c for r in runs.values() for c in r.network.columns}
        classes = sorted(c[len("tao_apy_"):-len("_30d")] for c in columns
                         if c.startswith("tao_apy_") and c.endswith("_30d") and c != "tao_apy_30d")
        class_yields = [f"{y}_{c}_30d" for c in classes for y in ("alpha_apy", "tao_apy", "root_apy_tao")]
        fig = plots.metric_bands(runs, class_yields) if classes else None
        if fig is not None:
            fig.suptitle("Yields by validator class (trailing 30 days)", fontsize=11)
            fig.tight_layout()
            report.save(fig, "class-yields", "Yields by validator class",
                        "What it shows: for each validator class, the alpha yield after take, the TAO yield "
                        "(dividends and price) and the root stake's TAO yield on the stake on its hotkeys, over the "
                        "trailing 30 days, 95 % bands.")
        report.lines += ["## Runs side by side", ""]
        fig = final_bars(runs, SIDE_BY_SIDE)
        if fig is not None:
            report.save(fig, "side-by-side", "Final values side by side",
                        "What it shows: each run's final value, mean over replications with its 95 % interval "
                        "(clipped to the metric's bounds).")
        fig = plots.subnet_shares_figure(runs)
        if fig is not None:
            report.save(fig, "subnet-emission-shares", "Subnet emission shares",
                        "What it shows: subnets ranked by their share of TAO emission at the end of the run (each "
                        "subnet's latest recorded share) and the HHI of those shares; equal shares over n subnets give 1/n.")
    for folder, compare in comparisons:
        name = folder.name
        report.lines += [f"## Paired differences: {name}", ""]
        fig = paired_figure(compare, name)
        if fig is None:
            report.note(f"{name}: no paired differences of the figure's metrics")
            continue
        report.save(fig, f"paired-{name}", f"Paired differences ({name})",
                    "What it shows: each scenario's final value minus the reference's, replication by replication "
                    "(common random numbers), with the 95 % paired-t interval; red where it excludes 0.")
    if not args.no_notebooks:
        execute_notebooks(report, runs, studies, args.metrics)
    (report.out / "report.md").write_text("\n".join(report.lines), encoding="utf-8")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except results.ResultsError as error:
        print(f"report: {error}", file=sys.stderr)
        sys.exit(2)
