#!/usr/bin/env bash
# Epoch benchmark: TaoSim's Yuma epoch (fixed and double) next to a straightforward numpy version
# of the double epoch, on the same synthetic subnets, in one run. Prints a table and the ratio.
# numpy: the system python if it has numpy, else a throw-away venv under .build/.
# Usage: Benchmarks/bench-epoch.sh [sizes] [repeats]   e.g. Benchmarks/bench-epoch.sh 64x256,256x4096 3
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${1:-64x256,256x4096,1024x16384}
REPEATS=${2:-5}
make -s release >/dev/null
PY=python3
if ! python3 -c 'import numpy' 2>/dev/null; then
  VENV=.build/bench-venv
  if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import numpy' 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q numpy
  fi
  PY="$VENV/bin/python"
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
echo "== taosim bench epoch (median of $REPEATS repeats; CPU time of the thread)"
.build/release/taosim bench epoch --sizes "$SIZES" --repeats "$REPEATS" --json | tee "$TMP/taosim.jsonl"
echo "== numpy ($("$PY" -c 'import numpy; print(numpy.__version__)'))"
"$PY" Benchmarks/epoch_numpy.py --sizes "$SIZES" --repeats "$REPEATS" | tee "$TMP/numpy.jsonl"
"$PY" - "$TMP/taosim.jsonl" "$TMP/numpy.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for f in sys.argv[1:] for l in open(f) if l.strip()]
key = lambda r: (r["validators"], r["uids"], r["density"])
table = {}
for r in rows:
    impl = r["impl"] if r["impl"] == "numpy" else f"taosim-{r['arithmetic']}"
    table.setdefault(key(r), {})[impl] = r["us_per_epoch"]
print()
print(f"{'validators x uids':>18} {'density':>7} {'double us':>11} {'fixed us':>11} {'numpy us':>11} {'fixed/double':>12} {'numpy/double':>12}")
for k in sorted(table):
    t = table[k]
    d, f, n = t.get("taosim-double"), t.get("taosim-fixed"), t.get("numpy")
    fmt = lambda x: f"{x:11.1f}" if x is not None else f"{'-':>11}"
    ratio = lambda a, b: f"{a / b:11.2f}x" if a and b else f"{'-':>12}"
    print(f"{k[0]:>8} x {k[1]:<7} {k[2]*100:6.0f}% {fmt(d)} {fmt(f)} {fmt(n)} {ratio(f, d)} {ratio(n, d)}")
PY
