"""Figures shared by the notebooks: bands across replications, per-run lines, summary tables.

Only plotting and table layout; every number shown comes from a run's CSVs. A metric a run did
not record is left out with a printed note, never filled in.
"""

from __future__ import annotations

import math
import re
from typing import Iterable, Mapping

import matplotlib.pyplot as plt
from matplotlib.ticker import MaxNLocator
import pandas as pd

import results

__all__ = ["time_column", "metric_bands", "summary_table", "missing_note", "final_values", "load_bounds",
           "bounds_of", "subnet_emission_shares", "subnet_shares_figure", "copier_figure"]

#: Metric bounds by column name, from ``taosim describe metrics --csv`` (see ``load_bounds``).
_BOUNDS: dict[str, tuple[float, float]] = {}


def load_bounds(path) -> None:
    """Reads the bounds of every column from ``path``, the CSV ``taosim describe metrics --csv``
    prints (``table,name,unit,lower,upper``; an empty bound is none). Without it, bounds follow the
    unit a column name implies (``bounds_of``)."""
    if path is None:
        return
    frame = pd.read_csv(path, keep_default_na=False, na_values=[""])
    for row in frame.itertuples():
        lower = -math.inf if pd.isna(row.lower) else float(row.lower)
        upper = math.inf if pd.isna(row.upper) else float(row.upper)
        _BOUNDS.setdefault(row.name, (lower, upper))


def bounds_of(metric: str) -> tuple[float, float]:
    """The values ``metric`` can take: the catalogue's bounds when loaded (``load_bounds``), else
    [0, 1] for shares and indices, [0, ∞) for counts and amounts, unbounded otherwise."""
    if metric in _BOUNDS:
        return _BOUNDS[metric]
    # A per-class yield (<yield>_<class>_<window>) has its network yield's bounds.
    rule = re.match(r"^(alpha_apr|alpha_apy|tao_apy|root_apy_tao)_.+_(run|30d)$", metric)
    if rule and f"{rule.group(1)}_{rule.group(2)}" in _BOUNDS:
        return _BOUNDS[f"{rule.group(1)}_{rule.group(2)}"]
    if "share" in metric or metric.startswith(("gini_", "hhi_")) or metric.endswith(("_gini", "_hhi")):
        return (0.0, 1.0)
    if metric.endswith(("_count", "_tao", "_alpha")) or "nakamoto" in metric:
        return (0.0, math.inf)
    return (-math.inf, math.inf)


def subnet_emission_shares(run: results.Run) -> pd.DataFrame | None:
    """Each replication's subnet TAO emission shares at the end of the run: every subnet's latest
    recorded ``emission_share`` (subnets record after their own, staggered epochs, so the last
    block alone would hold one subnet), renormalised to sum to 1 over the live subnets.

    Returns columns ``replication, netuid, share, rank`` (rank 1 = largest), or None without
    ``subnets.csv`` or its ``emission_share`` column.
    """
    if not run.has("subnets"):
        return None
    sub = run.subnets
    if "emission_share" not in sub.columns:
        return None
    latest = sub.sort_values("block").groupby(["replication", "netuid"], sort=True).tail(1)
    latest = latest[["replication", "netuid", "emission_share"]].rename(columns={"emission_share": "share"})
    total = latest.groupby("replication")["share"].transform("sum")
    latest = latest.assign(share=latest["share"] / total.where(total > 0))
    latest = latest.sort_values(["replication", "share"], ascending=[True, False])
    return latest.assign(rank=latest.groupby("replication").cumcount() + 1).reset_index(drop=True)


def time_column(frame: pd.DataFrame) -> str:
    """The time key to plot against: ``day`` when recorded, else ``epoch``, else ``block``."""
    for name in ("day", "epoch", "block"):
        if name in frame.columns:
            return name
    raise results.ResultsError("no time column (day, epoch or block) in the table")


def missing_note(label: str, table: str, metric: str) -> None:
    """Prints that ``metric`` is absent from ``label``'s ``table`` (so it is not shown)."""
    print(f"note: {metric} is not in {table}.csv of {label}; not shown")


def metric_bands(runs: Mapping[str, results.Run], metrics: Iterable[str], table: str = "network",
                 titles: Mapping[str, str] | None = None, ncols: int = 3):
    """One panel per metric; one line per run (mean over replications) with its 95% band.

    A metric no run recorded, or recorded only as empty fields (say, a 30-day yield of a shorter
    run), gets no panel and a printed note. Bands are clipped to the metric's bounds
    (``bounds_of``); a series of three points or fewer is drawn as markers with interval bars.

    Returns the figure, or ``None`` when no run recorded any of the metrics.
    """
    titles = titles or {}
    metrics = [m for m in metrics if _has_values(runs, m, table)]
    if not metrics:
        return None
    ncols = min(ncols, len(metrics))
    nrows = math.ceil(len(metrics) / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(5.2 * ncols, 3.6 * nrows), squeeze=False)
    shown = 0
    for ax, metric in zip(axes.flat, metrics):
        low_values, high_values = [], []
        for label, run in runs.items():
            frame = run.table(table)
            if metric not in frame.columns:
                missing_note(label, table, metric)
                continue
            t = time_column(frame)
            band = results.replication_band(frame.dropna(subset=[metric]), metric, by=[t])
            lower, upper = bounds_of(metric)
            band["ci_low"] = band["ci_low"].clip(lower=lower, upper=upper)
            band["ci_high"] = band["ci_high"].clip(lower=lower, upper=upper)
            if len(band) <= 3:  # too few points for a band: markers with interval bars
                yerr = [band["mean"] - band["ci_low"], band["ci_high"] - band["mean"]]
                ax.errorbar(band[t], band["mean"], yerr=yerr, label=label, marker="o", capsize=3, lw=1.4)
            else:
                line, = ax.plot(band[t], band["mean"], label=label, lw=1.4)
                ax.fill_between(band[t], band["ci_low"], band["ci_high"], color=line.get_color(), alpha=0.18, lw=0)
            low_values.append(band["ci_low"].min())
            high_values.append(band["ci_high"].max())
            shown += 1
        title = titles.get(metric, metric)
        # Values over several orders of magnitude (annualised TAO yields of young pools): log scale.
        if low_values and min(low_values) > 0 and max(high_values) > 100 * min(low_values):
            ax.set_yscale("log")
            title += " (log scale)"
        ax.set_title(title, fontsize=10, wrap=True)
        ax.set_xlabel(t if shown else "")
        ax.grid(alpha=0.3)
    for ax in list(axes.flat)[len(metrics):]:
        ax.set_visible(False)
    if shown == 0:
        plt.close(fig)
        return None
    handles, labels = [], []
    for ax in axes.flat:
        for h, l in zip(*ax.get_legend_handles_labels()):
            if l not in labels:
                handles.append(h)
                labels.append(l)
    fig.tight_layout()
    if handles:
        # Below the panels, outside the axes: saving with bbox_inches="tight" keeps it whole.
        fig.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=min(len(labels), 4),
                   frameon=False, fontsize=9)
    return fig


def _has_values(runs: Mapping[str, results.Run], metric: str, table: str) -> bool:
    """Whether some run's ``table`` holds a value of ``metric`` (printing a note when none does)."""
    for run in runs.values():
        frame = run.table(table)
        if metric in frame.columns and frame[metric].notna().any():
            return True
    print(f"note: no run holds a value of {metric}; not shown")
    return False


def final_values(run: results.Run, metric: str, table: str = "network") -> pd.Series | None:
    """``metric`` at the last recorded time of each replication (one value per replication)."""
    frame = run.table(table)
    if metric not in frame.columns:
        return None
    t = time_column(frame)
    last = frame[frame[t] == frame[t].max()]
    if "netuid" in last.columns:
        raise results.ResultsError(f"{metric} in {table}.csv is per subnet; aggregate it first")
    return last.set_index("replication")[metric]


def summary_table(runs: Mapping[str, results.Run], metrics: Iterable[str]) -> pd.DataFrame:
    """For each run and metric: the mean of the final values over replications, its 95% t-interval
    and n, computed from ``network.csv`` (so it matches the plotted bands exactly)."""
    rows = []
    for label, run in runs.items():
        for metric in metrics:
            values = final_values(run, metric)
            if values is None:
                missing_note(label, "network", metric)
                continue
            band = results.replication_band(
                pd.DataFrame({"k": 0, "replication": values.index, metric: values.values}), metric, by=["k"])
            b = band.iloc[0]
            rows.append({"run": label, "metric": metric, "final_mean": b["mean"], "ci_low": b["ci_low"],
                         "ci_high": b["ci_high"], "n": int(b["n"])})
    return pd.DataFrame(rows, columns=["run", "metric", "final_mean", "ci_low", "ci_high", "n"])


def subnet_shares_figure(runs: dict):
    """Ranked subnet emission shares at the end of each run and their HHI (mean ± sd over
    replications), from each subnet's latest share (``plots.subnet_emission_shares``)."""
    fig, ax = plt.subplots(1, 2, figsize=(11, 3.9))
    shown = 0
    names = []
    for label, run in runs.items():
        shares = subnet_emission_shares(run)
        if shares is None:
            missing_note(label, "subnets", "emission_share")
            continue
        curve = shares.groupby("rank")["share"].mean()
        ax[0].plot(curve.index, curve.values, marker=".", label=label)
        hhi = shares.groupby("replication")["share"].apply(lambda s: float((s ** 2).sum()))
        sd = hhi.std() if len(hhi) > 1 else 0.0
        ax[1].bar(shown, hhi.mean(), yerr=sd or None, capsize=3, color=f"C{shown}")
        ax[1].text(shown, hhi.mean() + sd, f"{hhi.mean():.4f}", ha="center", va="bottom", fontsize=8)
        print(f"{label}: {shares['netuid'].nunique()} subnets, HHI {hhi.mean():.4f}")
        names.append(label)
        shown += 1
    if shown == 0:
        plt.close(fig)
        return None
    ax[0].xaxis.set_major_locator(MaxNLocator(integer=True))
    ax[0].set_xlabel("subnet rank by emission share")
    ax[0].set_ylabel("share of TAO emission")
    ax[0].set_ylim(bottom=0)
    ax[0].grid(alpha=0.3)
    ax[0].legend(frameon=False, fontsize=8)
    ax[1].set_xticks(range(shown), names, rotation=30, ha="right", fontsize=8)
    ax[1].set_title("HHI of subnet emission shares (end of run)")
    fig.tight_layout()
    return fig


def copier_figure(run: results.Run):
    """A copier study's relative dividend against the commit-reveal interval, one line per churn
    level, with its 95 % interval (a ratio of dividends: clipped at 0)."""
    cop = run.table("copier")
    fig, ax = plt.subplots(figsize=(6, 3.8))
    for churn, part in cop.groupby("churn", sort=True):
        part = part.sort_values("reveal_interval_tempos")
        low = part["ci_low"].clip(lower=0)
        err = [part["copier_relative_dividend"] - low, part["ci_high"] - part["copier_relative_dividend"]]
        ax.errorbar(part["reveal_interval_tempos"], part["copier_relative_dividend"], yerr=err, marker="o",
                    capsize=3, label=f"churn {churn:g}")
    ax.axhline(1, color="grey", lw=1, ls="--")
    ax.set_xlabel("commit-reveal interval (tempos)")
    ax.set_ylabel("copier relative dividend")
    ax.legend(frameon=False)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig
