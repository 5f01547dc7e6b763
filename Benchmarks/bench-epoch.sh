#!/usr/bin/env bash
# Epoch benchmark: TaoSim's Yuma epoch (double and fixed) next to a straightforward numpy version of
# the double epoch and the plain C dense epoch (the practical speed limit), on the same synthetic
# subnets, same variants, in one run. Checks that numpy and TaoSim's double outputs agree on the
# inputs they time (consensus, incentive, dividends, trust, bonds within one stored u16 unit;
# emission within 1e-6 of the amount) and prints one table with the ratios.
# All three use the CPU time of the running thread; numpy runs single-threaded.
# numpy: the system python if it has numpy, else a throw-away venv under .build/.
# Usage: Benchmarks/bench-epoch.sh [sizes] [repeats] [seconds]
#   e.g. Benchmarks/bench-epoch.sh 64x256,256x4096 3 0.1
# The sparse case (20×256, 33 % ≈ 85 weights per row, like a real subnet) always runs.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${1:-64x256,256x4096,1024x16384}
REPEATS=${2:-5}
SECONDS_PER_REPEAT=${3:-0.2}
SPARSE=20x256
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
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown); numpy $("$PY" -c 'import numpy; print(numpy.__version__)')"
status=0
for variant in yuma2 yuma3-liquid; do
  flags=(--yuma 2)
  [ "$variant" = yuma3-liquid ] && flags=(--yuma 3 --liquid-alpha)
  for spec in "$SIZES:1" "$SPARSE:0.33"; do
    sizes=${spec%:*} density=${spec#*:}
    .build/release/taosim bench epoch --sizes "$sizes" --densities "$density" "${flags[@]}" --repeats "$REPEATS" \
      --seconds "$SECONDS_PER_REPEAT" --json --dump "$TMP/dump" >> "$TMP/rows.jsonl"
    "$PY" Benchmarks/epoch_numpy.py --sizes "$sizes" --densities "$density" --variant "$variant" --repeats "$REPEATS" \
      --seconds "$SECONDS_PER_REPEAT" --check "$TMP/dump" >> "$TMP/rows.jsonl" || status=1
    "$PY" Benchmarks/epoch_c.py --sizes "$sizes" --densities "$density" --variant "$variant" --repeats "$REPEATS" \
      --seconds "$SECONDS_PER_REPEAT" >> "$TMP/rows.jsonl"
  done
done
"$PY" - "$TMP/rows.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
table, checks = {}, {}
for r in rows:
    key = (r["variant"], r["validators"], r["uids"], r["density"])
    impl = r["impl"] if r["impl"] != "taosim" else f"taosim-{r['arithmetic']}"
    table.setdefault(key, {})[impl] = r["us_per_epoch"]
    if "check" in r:
        checks[key] = r["check"]
fmt = lambda x: f"{x:12.1f}" if x is not None else f"{'-':>12}"
ratio = lambda a, b: f"{a / b:9.2f}x" if a and b else f"{'-':>10}"
print(f"{'variant':<13} {'size':>12} {'dens':>5} {'double us':>12} {'fixed us':>12} {'numpy us':>12} {'C us':>12}"
      f" {'dbl/C':>10} {'numpy/dbl':>10} {'fix/dbl':>10}  agree (max |du16|, emission)")
for k in sorted(table, key=lambda k: (k[0], k[3] < 1, k[1] * k[2])):
    t = table[k]
    d, f, n, c = t.get("taosim-double"), t.get("taosim-fixed"), t.get("numpy"), t.get("c")
    ch = checks.get(k)
    agree = "-" if ch is None else (("yes" if ch["agree"] else "NO") + f" ({max(ch[x] for x in ('consensus', 'incentive', 'dividends', 'validator_trust', 'bonds'))}, {ch['emission_rel']:.1e})")
    size = f"{k[1]}x{k[2]}"
    print(f"{k[0]:<13} {size:>12} {k[3]*100:4.0f}% {fmt(d)} {fmt(f)} {fmt(n)} {fmt(c)} {ratio(d, c)} {ratio(n, d)} {ratio(f, d)}  {agree}")
print("C is dense: below 100% density its row walks every entry anyway (reference only).")
if all(t.get("c") is None for t in table.values()):
    print("No C times: the plain C epoch (yuma_c.c, distributed beside TaoSim, not part of it) was not found;"
          " set TAOSIM_C_EPOCH to its path.")
PY
if [ "$status" -ne 0 ]; then echo "bench-epoch: numpy and TaoSim outputs disagree" >&2; fi
exit "$status"
