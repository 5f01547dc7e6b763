#!/usr/bin/env bash
# Stops the daemons scripts/slurm-up.sh started (listed in STATE_DIR/started), by pid file,
# newest first; leaves any other Slurm or munge process alone.
# Usage: scripts/slurm-down.sh [STATE_DIR]     (default: $TAOSIM_SLURM_DIR or /tmp/taosim-slurm)
set -uo pipefail
state=${1:-${TAOSIM_SLURM_DIR:-/tmp/taosim-slurm}}
[ -f "$state/started" ] || { echo "slurm-down: nothing was started from $state" >&2; exit 0; }
tac "$state/started" | while read -r name pidfile; do
  pid=$(cat "$pidfile" 2>/dev/null || true)
  # Only a live process with the expected name: a stale pid file must not kill a stranger.
  if [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$name" ]; then
    kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && { echo "slurm-down: $name ($pid) did not stop; sending KILL" >&2; kill -9 "$pid"; }
    echo "slurm-down: stopped $name ($pid)" >&2
  fi
done
rm -f "$state/started"
