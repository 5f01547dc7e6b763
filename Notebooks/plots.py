"""Figures shared by the notebooks: bands across replications, per-run lines, summary tables.

Only plotting and table layout; every number shown comes from a run's CSVs. A metric a run did
not record is left out with a printed note, never filled in.
"""

from __future__ import annotations

import math
from typing import Iterable, Mapping

import matplotlib.pyplot as plt
import pandas as pd

import results

__all__ = ["time_column", "metric_bands", "summary_table", "missing_note", "final_values"]


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

    Returns the figure, or ``None`` when no run recorded any of the metrics.
    """
    metrics = list(metrics)
    titles = titles or {}
    ncols = min(ncols, len(metrics))
    nrows = math.ceil(len(metrics) / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(5.2 * ncols, 3.6 * nrows), squeeze=False)
    shown = 0
    for ax, metric in zip(axes.flat, metrics):
        for label, run in runs.items():
            frame = run.table(table)
            if metric not in frame.columns:
                missing_note(label, table, metric)
                continue
            t = time_column(frame)
            band = results.replication_band(frame, metric, by=[t])
            line, = ax.plot(band[t], band["mean"], label=label, lw=1.4)
            ax.fill_between(band[t], band["ci_low"], band["ci_high"], color=line.get_color(), alpha=0.18, lw=0)
            shown += 1
        ax.set_title(titles.get(metric, metric))
        ax.set_xlabel(t if shown else "")
        ax.grid(alpha=0.3)
    for ax in list(axes.flat)[len(metrics):]:
        ax.set_visible(False)
    if shown == 0:
        plt.close(fig)
        return None
    handles, labels = axes.flat[0].get_legend_handles_labels()
    if handles:
        fig.legend(handles, labels, loc="lower center", ncol=min(len(labels), 5), frameon=False,
                   bbox_to_anchor=(0.5, -0.02 - 0.03 * math.ceil(len(labels) / 5)))
    fig.tight_layout()
    return fig


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
