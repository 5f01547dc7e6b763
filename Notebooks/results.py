"""Load TaoSim results into pandas: a run folder's manifest and CSVs, chosen by name.

A run lives in ``<root>/<scenario>/<run-id>/`` (``root`` is usually ``Results`` or
``Results/reference``) and holds ``manifest.json``, ``network.csv``, ``subnets.csv``, optionally
``neurons.csv``, ``summary.csv`` and study tables such as ``retention.csv`` or ``copier.csv``.
Runs are always chosen by scenario name and run id, never "the latest": a notebook must say which
results it shows. ``Notebooks/runs.json`` gives the reference runs short labels (written by
``make results``).

This module only reads files and reshapes them; it computes nothing about the model. The one
statistic it offers, ``replication_band``, is a mean with a 95% t-interval across replications
for plotting bands.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import pandas as pd

__all__ = [
    "Run",
    "ResultsError",
    "load_run",
    "load_named_run",
    "named_runs",
    "list_runs",
    "replication_band",
    "save_figure",
    "save_table",
    "figures_folder",
    "output_folder",
    "load_runs",
    "IDENTITY_COLUMNS",
]

#: Columns every results row starts with (the first four), in this order.
IDENTITY_COLUMNS = ("scenario", "run_id", "replication", "seed")

#: Columns read as text whatever they look like (a run id may look like a number).
_TEXT_COLUMNS = {"scenario": str, "run_id": str, "seed": str, "policy": str}

#: The standard tables of a run, by attribute name.
_STANDARD_TABLES = ("network", "subnets", "neurons", "summary")

_NOTEBOOKS = Path(__file__).resolve().parent
_REPO = _NOTEBOOKS.parent


class ResultsError(Exception):
    """A run or a table that was asked for is missing or malformed."""


@dataclass
class Run:
    """One run folder: its manifest and lazily loaded tables."""

    path: Path
    manifest: dict
    _tables: dict = field(default_factory=dict, repr=False)

    @property
    def scenario(self) -> str:
        """The scenario name, as recorded in the folder layout."""
        return self.path.parent.name

    @property
    def run_id(self) -> str:
        """The run id (the folder's name)."""
        return self.path.name

    def file(self, table: str) -> Path | None:
        """``<table>.csv``, or ``<table>.csv.gz`` (a run written with ``--compress``), or None."""
        for name in (f"{table}.csv", f"{table}.csv.gz"):
            if (self.path / name).is_file():
                return self.path / name
        return None

    def has(self, table: str) -> bool:
        """Whether ``<table>.csv`` (or ``<table>.csv.gz``) exists in the run folder."""
        return self.file(table) is not None

    def tables(self) -> list[str]:
        """Names of every CSV table in the run folder (plain or gzip-compressed), sorted."""
        names = {p.name[: -len(".csv")] for p in self.path.glob("*.csv")}
        names |= {p.name[: -len(".csv.gz")] for p in self.path.glob("*.csv.gz")}
        return sorted(names)

    def table(self, name: str) -> pd.DataFrame:
        """``<name>.csv`` as a DataFrame (identity columns as text); cached after the first read.
        A ``<name>.csv.gz`` is read the same way (pandas decompresses by the file name).

        Raises ``ResultsError`` naming the tables that do exist when ``name`` is missing.
        """
        if name not in self._tables:
            path = self.file(name)
            if path is None:
                raise ResultsError(
                    f"{self.path}: no {name}.csv (tables here: {', '.join(self.tables()) or 'none'})"
                )
            header = pd.read_csv(path, nrows=0).columns
            dtypes = {c: t for c, t in _TEXT_COLUMNS.items() if c in header}
            try:
                self._tables[name] = pd.read_csv(path, dtype=dtypes, keep_default_na=False, na_values=[""])
            except (pd.errors.ParserError, ValueError) as error:
                raise ResultsError(f"{path}: cannot read: {error}") from error
        return self._tables[name]

    @property
    def network(self) -> pd.DataFrame:
        """``network.csv``: one row per replication × epoch, network-wide metrics."""
        return self.table("network")

    @property
    def subnets(self) -> pd.DataFrame:
        """``subnets.csv``: one row per replication × epoch × subnet."""
        return self.table("subnets")

    @property
    def neurons(self) -> pd.DataFrame | None:
        """``neurons.csv`` when the scenario recorded neurons, else ``None``."""
        return self.table("neurons") if self.has("neurons") else None

    @property
    def summary(self) -> pd.DataFrame:
        """``summary.csv``: each metric's final and time-averaged value over replications."""
        return self.table("summary")

    def scenario_value(self, key_path: str, default=None):
        """A value of the resolved scenario in the manifest, by dotted key path (``a.b.c``)."""
        node = self.manifest.get("scenario", self.manifest)
        for key in key_path.split("."):
            if isinstance(node, dict) and key in node:
                node = node[key]
            elif isinstance(node, list) and key.isdigit() and int(key) < len(node):
                node = node[int(key)]
            else:
                return default
        return node

    def label(self) -> str:
        """``scenario/run-id`` for titles and legends."""
        return f"{self.scenario}/{self.run_id}"


def load_run(root: str | Path, scenario: str | None = None, run_id: str | None = None) -> Run:
    """The run ``<root>/<scenario>/<run_id>``, or the run folder ``root`` itself when only it is given.

    Relative roots are taken from the repository's top folder, so notebooks work from any
    current directory. Raises ``ResultsError`` listing the run ids that exist for the scenario
    when the one asked for does not.
    """
    base = Path(root)
    if not base.is_absolute():
        base = _REPO / base
    if scenario is None and run_id is None:
        path = base
    elif scenario is None or run_id is None:
        raise ResultsError("give both the scenario name and the run id (runs are never chosen by date)")
    else:
        path = base / scenario / run_id
    manifest_path = path / "manifest.json"
    if not manifest_path.is_file():
        known = list_runs(base, scenario) if scenario else []
        hint = f" (runs of {scenario} under {base}: {', '.join(known)})" if known else ""
        raise ResultsError(f"no run at {path}: manifest.json missing{hint}")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ResultsError(f"{manifest_path}: not valid JSON: {error}") from error
    recorded = manifest.get("run_id")
    if recorded is not None and run_id is not None and str(recorded) != run_id:
        raise ResultsError(f"{manifest_path}: records run id {recorded}, folder says {run_id}")
    return Run(path=path, manifest=manifest)


def list_runs(root: str | Path, scenario: str) -> list[str]:
    """Run ids under ``<root>/<scenario>/`` that have a manifest, sorted by name (not by date)."""
    base = Path(root)
    if not base.is_absolute():
        base = _REPO / base
    folder = base / scenario
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if (p / "manifest.json").is_file())


def named_runs(path: str | Path = _NOTEBOOKS / "runs.json") -> dict:
    """The labelled runs of ``Notebooks/runs.json``: label → {root, scenario, run_id}."""
    path = Path(path)
    if not path.is_file():
        raise ResultsError(f"{path} is missing: run `make results` to write the reference runs and their names")
    return json.loads(path.read_text(encoding="utf-8"))


def load_named_run(label: str, runs: dict | None = None) -> Run:
    """The run ``runs.json`` calls ``label``."""
    runs = named_runs() if runs is None else runs
    if label not in runs:
        raise ResultsError(f"no run labelled {label!r} (labels: {', '.join(sorted(runs))})")
    entry = runs[label]
    return load_run(entry["root"], entry["scenario"], entry["run_id"])


# Two-sided 95% quantiles of Student's t for 1..30 degrees of freedom (standard table values).
_T975 = (
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
)


def _t975(df: int) -> float:
    """Two-sided 95% t quantile: the table to 30 degrees of freedom, then a Cornish–Fisher series."""
    if df < 1:
        return math.nan
    if df <= 30:
        return _T975[df - 1]
    z = 1.959963984540054
    return z + (z**3 + z) / (4 * df) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df**2)


def replication_band(frame: pd.DataFrame, metric: str, by: Iterable[str] = ("epoch",),
                     replication: str = "replication") -> pd.DataFrame:
    """Mean of ``metric`` across replications for each ``by`` key, with a 95% t-interval.

    Returns columns ``*by, mean, sd, n, ci_low, ci_high``; with one replication the interval is
    the mean itself (no spread to show).
    """
    by = list(by)
    missing = [c for c in by + [metric, replication] if c not in frame.columns]
    if missing:
        raise ResultsError(f"columns missing for the band of {metric}: {', '.join(missing)}")
    grouped = frame.groupby(by, sort=True)[metric]
    out = grouped.agg(mean="mean", sd="std", n="count").reset_index()
    half = [(_t975(n - 1) * sd / math.sqrt(n)) if n > 1 else 0.0 for n, sd in zip(out["n"], out["sd"])]
    out["ci_low"] = out["mean"] - half
    out["ci_high"] = out["mean"] + half
    return out


def figures_folder(runs: Run | Iterable[Run]) -> Path:
    """``<folder>/figures/``, created if needed: ``folder`` is the run's folder for one run, the
    nearest folder holding all of them for several."""
    runs = [runs] if isinstance(runs, Run) else list(runs)
    if not runs:
        raise ResultsError("a figure or table needs the run(s) it comes from")
    folders = [r.path.resolve() for r in runs]
    common = Path(*Path(folders[0]).parts[: _common_prefix([f.parts for f in folders])])
    target = common / "figures"
    target.mkdir(parents=True, exist_ok=True)
    return target


def output_folder(runs: Run | Iterable[Run], folder: str | Path | None = None) -> Path:
    """``folder`` (created if needed) when given — a report's own figures folder, so two reports
    never overwrite each other's figures — else ``figures_folder(runs)``."""
    if folder is None:
        return figures_folder(runs)
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    return target


def load_runs(folders: Iterable[str | Path]) -> dict:
    """Run folders given by path (a notebook's ``RUN_DIRS`` parameter): label → ``Run``, the label
    being the scenario name (with the run id when two runs share a scenario)."""
    runs = [load_run(f) for f in folders]
    names = [r.scenario for r in runs]
    return {(n if names.count(n) == 1 else r.label()): r for n, r in zip(names, runs)}


def save_figure(fig, name: str, runs: Run | Iterable[Run], folder: str | Path | None = None) -> Path:
    """Saves ``fig`` as ``<name>.png`` in ``folder`` when given, else in ``figures/`` next to the
    results it shows (see ``figures_folder``).

    Returns the path written.
    """
    path = output_folder(runs, folder) / (name if name.endswith(".png") else f"{name}.png")
    fig.savefig(path, dpi=110, bbox_inches="tight", metadata={"Software": None})
    return path


def save_table(frame: pd.DataFrame, name: str, runs: Run | Iterable[Run], folder: str | Path | None = None) -> Path:
    """Saves ``frame`` as ``<name>.csv`` in ``folder`` when given, else in ``figures/`` next to
    the results it comes from."""
    path = output_folder(runs, folder) / (name if name.endswith(".csv") else f"{name}.csv")
    frame.to_csv(path, index=False)
    return path


def _common_prefix(parts: list[tuple]) -> int:
    """Length of the longest common prefix of several path part tuples."""
    length = min(len(p) for p in parts)
    for i in range(length):
        if any(p[i] != parts[0][i] for p in parts):
            return i
    return length
