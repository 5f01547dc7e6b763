#!/usr/bin/env bash
# Regenerates Results/designs/ (part of `make results`): the Sobol sensitivity study
# Scenarios/studies/designs-sensitivity.yaml is swept in a scratch folder, analysed with
# `taosim analyze`, and its outcome table (sweep.csv), plan (sweep.json), indices
# (sensitivity.csv) and figure (sensitivity.png, Notebooks/designs_figure.py) are copied to
# Results/designs/. The point folders are not kept (rerun the sweep to get them).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
taosim=${TAOSIM:-$root/.build/release/taosim}
workers=${WORKERS:-2}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$root"
start=$(date +%s)
"$taosim" sweep Scenarios/studies/designs-sensitivity.yaml --out "$scratch" --workers "$workers" --quiet > /dev/null
swept=$(date +%s)
sweep=$(ls -d "$scratch"/designs-sensitivity/sweep-*)
"$taosim" analyze "$sweep" --outputs top10_validator_share copier_relative_dividend_mean \
  --where "top10_validator_share > 0.7"
out=Results/designs
mkdir -p "$out"
cp "$sweep/sweep.json" "$sweep/sweep.csv" "$sweep/sensitivity.csv" "$out/"
"$(scripts/notebook-venv.sh)/bin/python" Notebooks/designs_figure.py "$out/sensitivity.csv" "$out/sensitivity.png"
echo "designs-study: $(basename "$sweep"): sweep $((swept - start)) s with $workers worker(s), then analysis; results in $out/"
