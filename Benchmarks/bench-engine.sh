#!/usr/bin/env bash
# Engine benchmark: TaoSim's event queue vs SimPy on the same hold model, in one run.
# SimPy goes into a throw-away venv under .build/ (not the project's notebook venv).
# Usage: Benchmarks/bench-engine.sh [events] [simpy-events]
set -euo pipefail
cd "$(dirname "$0")/.."
EVENTS=${1:-5000000}
SIMPY_EVENTS=${2:-1000000}
VENV=.build/bench-venv
make -s release >/dev/null
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q simpy==4.1.1 numpy
fi
echo "== taosim (median of 5 repeats, $EVENTS events)"
TAOSIM_JSON=$(.build/release/taosim bench engine --events "$EVENTS" --repeats 5 --json)
echo "$TAOSIM_JSON"
echo "== SimPy ($SIMPY_EVENTS events; its rate does not depend on the count)"
SIMPY_JSON=$("$VENV/bin/python" Benchmarks/engine_simpy.py --events "$SIMPY_EVENTS")
echo "$SIMPY_JSON"
"$VENV/bin/python" - "$TAOSIM_JSON" "$SIMPY_JSON" <<'PY'
import json, sys
t, s = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(f"taosim {t['events_per_second']/1e6:.2f} M events/s, SimPy {s['events_per_second']/1e6:.3f} M events/s, "
      f"ratio {t['events_per_second']/s['events_per_second']:.0f}x")
PY
