#!/usr/bin/env bash
# Executes every notebook in Notebooks/ headless (papermill) on the named reference runs; fails if
# any cell fails. Also runs the loader's tests and checks that committed notebooks have no outputs.
# Figures land as PNGs next to the results they show (…/figures/*.png, not tracked); the executed
# notebooks, outputs kept, in Results/reference/figures/notebooks/ (not tracked either).
# Usage: scripts/run-notebooks.sh [NOTEBOOK…]      (default: Notebooks/*.ipynb)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
venv=$(scripts/notebook-venv.sh)
py=$venv/bin/python
export MPLBACKEND=Agg PYDEVD_DISABLE_FILE_VALIDATION=1

(cd Notebooks && "$py" -m unittest -q test_results)

if [ $# -gt 0 ]; then notebooks=("$@"); else notebooks=(Notebooks/*.ipynb); fi
"$py" scripts/strip-notebooks.py --check "${notebooks[@]}"

logs=$(mktemp -d /tmp/taosim-notebooks.XXXXXX)
trap 'rm -rf "$logs"' EXIT
out=Results/reference/figures/notebooks
mkdir -p "$out"
# The catalogue's bounds for the bands, when a taosim binary is at hand (TAOSIM or the release build).
parameters=()
bin=${TAOSIM:-$root/.build/release/taosim}
if [ -x "$bin" ] && "$bin" describe metrics --csv > "$logs/metrics.csv" 2> /dev/null; then
  parameters=(-p METRICS_FILE "$logs/metrics.csv")
fi
passed=0; failed=0
for nb in "${notebooks[@]}"; do
  name=$(basename "$nb")
  start=$(date +%s)
  if "$venv/bin/papermill" --no-progress-bar --kernel python3 --cwd Notebooks ${parameters[@]+"${parameters[@]}"} \
       "$nb" "$out/$name" > "$logs/$name.log" 2>&1; then
    passed=$((passed + 1))
    echo "run-notebooks: ok   $name ($(( $(date +%s) - start )) s)"
    # The figures each notebook reports (printed lines "figure: PATH").
    "$py" - "$out/$name" <<'PY'
import sys, nbformat
nb = nbformat.read(sys.argv[1], as_version=4)
for cell in nb.cells:
    for o in cell.get("outputs", []):
        for line in (o.get("text") or "").splitlines():
            if line.startswith("figure: "):
                print("  " + line)
PY
  else
    failed=$((failed + 1))
    echo "run-notebooks: FAIL $name"
    tail -40 "$logs/$name.log"
  fi
done
echo "notebooks: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
