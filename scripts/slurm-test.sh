#!/usr/bin/env bash
# The real cluster test (make test-slurm): a sharded sweep on a single-node Slurm cluster must give
# the same bytes as the unsharded sweep, also after a shard was killed and re-submitted alone.
#
#  1. starts Slurm (scripts/slurm-up.sh: installs it from Debian when absent; reuses a running one);
#  2. runs the unsharded `taosim sweep` of a small scenario locally;
#  3. `taosim slurm --shards 4`, then submit.sh --wait: 4 array tasks, then the merge job (afterok);
#     compares the merged folder with the unsharded one byte for byte (diff -r);
#  4. again, but shard 2 is cancelled (killed before it ran): the merge job must be cancelled by
#     Slurm (dependency never satisfied) and `taosim merge` must refuse the partial sweep (exit 1,
#     naming the missing runs); then resubmit.sh 2 re-runs shard 2 alone and the merge, and the
#     result must again equal the unsharded sweep byte for byte;
#  5. stops only the daemons step 1 started (by pid file).
# Usage: scripts/slurm-test.sh [SCENARIO]    (default Scenarios/ci/sweep-small.yaml)
# Environment: TAOSIM (binary; default .build/release/taosim, built when missing).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
t0=$(date +%s%N)
scenario=${1:-Scenarios/ci/sweep-small.yaml}
name=$(basename "$scenario" .yaml)
bin=${TAOSIM:-$root/.build/release/taosim}
fail() { echo "slurm-test: FAIL: $*" >&2; exit 1; }
step() { local ms=$(( ($(date +%s%N) - t0) / 1000000 )); printf 'slurm-test: [%3d.%01ds] %s\n' $((ms / 1000)) $((ms % 1000 / 100)) "$*"; }

[ -f "$scenario" ] || fail "scenario $scenario not found"
if [ -z "${TAOSIM:-}" ]; then swift build -c release --product taosim >/dev/null; fi
[ -x "$bin" ] || fail "no taosim binary at $bin"

work=$(mktemp -d /tmp/taosim-slurm-test.XXXXXX)
started=no
cleanup() {
  local rc=$?
  if [ "$started" = yes ]; then scripts/slurm-down.sh || true; fi
  if [ $rc -eq 0 ]; then rm -rf "$work"; else echo "slurm-test: kept $work for inspection" >&2; fi
}
trap cleanup EXIT

up=$(scripts/slurm-up.sh)
eval "$up"
started=$TAOSIM_SLURM_STARTED
step "Slurm up (started here: $started): $(sinfo -h -o '%P %D %T' | tr '\n' ' ')"

# The state a finished job ended in (the job record stays for MinJobAge seconds).
job_state() { scontrol show job "$1" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' | head -1; }

"$bin" sweep "$scenario" --out "$work/single" > "$work/single.log"
step "unsharded sweep done: $(find "$work/single" -type f | wc -l) files"

# --- 3. four shards, then the merge job -------------------------------------------------------
"$bin" slurm "$scenario" --shards 4 --out "$work/sharded" --work "$work/job" --taosim "$bin" > /dev/null
merge_job=$("$work/job/submit.sh" --wait | tail -1)
[ "$(job_state "$merge_job")" = COMPLETED ] || { cat "$work"/job/logs/* >&2; fail "merge job $merge_job: $(job_state "$merge_job")"; }
diff -r "$work/single" "$work/sharded" || fail "4-shard Slurm sweep differs from the unsharded sweep"
step "4 shards + merge job on Slurm: identical to the unsharded sweep ($(find "$work/sharded" -type f | wc -l) files)"

# --- 4. shard 2 killed, merge refused, shard 2 re-submitted alone --------------------------------
"$bin" slurm "$scenario" --shards 4 --out "$work/retried" --work "$work/job2" --taosim "$bin" > /dev/null
array=$(sbatch --parsable --hold "$work/job2/sweep-array.sbatch"); array=${array%%;*}
scancel "${array}_2"
scontrol release "$array"
merge_job=$(sbatch --parsable --wait --dependency="afterok:$array" "$work/job2/merge.sbatch" || true)
merge_job=${merge_job%%;*}
state=$(job_state "$merge_job")
[ "$state" = CANCELLED ] || fail "merge job after a killed shard should be cancelled by Slurm, is '$state'"
[ ! -e "$work/retried/$name" ] || fail "a partial sweep was merged into $work/retried"
step "shard 2 killed: Slurm cancelled the merge job (dependency never satisfied)"

set +e
"$bin" merge "$work/job2/shard-output" --out "$work/partial" > "$work/partial.log" 2>&1
rc=$?
set -e
[ $rc -eq 1 ] || { cat "$work/partial.log" >&2; fail "taosim merge of a partial sweep exited $rc, expected 1"; }
grep -qi missing "$work/partial.log" || { cat "$work/partial.log" >&2; fail "taosim merge did not list the missing runs"; }
[ ! -e "$work/partial/$name" ] || fail "taosim merge wrote results for a partial sweep"
step "taosim merge refuses the partial sweep: $(grep -ci missing "$work/partial.log") line(s) naming missing runs"

merge_job=$("$work/job2/resubmit.sh" --wait 2 | tail -1)
[ "$(job_state "$merge_job")" = COMPLETED ] || { cat "$work"/job2/logs/* >&2; fail "merge after re-submitting shard 2: $(job_state "$merge_job")"; }
diff -r "$work/single" "$work/retried" || fail "sweep with shard 2 re-submitted differs from the unsharded sweep"
step "shard 2 re-submitted alone + merge: identical to the unsharded sweep"
echo "slurm-test: 3 passed, 0 failed"
