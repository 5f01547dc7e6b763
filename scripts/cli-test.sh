#!/usr/bin/env bash
# End-to-end tests of the taosim binary (make test-cli, part of make test):
#  1. the debug and the release binary write byte-identical results for a tiny scenario;
#  2. 1 and 2 workers write byte-identical results;
#  3. invalid input exits 2, prints FILE:LINE:COLUMN problems and writes nothing;
#  4. taosim check passes on a scenario whose expect: clauses hold, fails (exit 1, JUnit
#     failure) on one that is violated;
#  5. a sweep run as 3 shards and merged equals the unsharded sweep byte for byte, and merge
#     refuses a partial set (exit 1, naming the missing runs).
# Environment: RELEASE_BIN, DEBUG_BIN (default .build/release/taosim, .build/debug/taosim).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
release=${RELEASE_BIN:-$root/.build/release/taosim}
debug=${DEBUG_BIN:-$root/.build/debug/taosim}
for bin in "$release" "$debug"; do [ -x "$bin" ] || { echo "cli-test: no binary at $bin" >&2; exit 2; }; done
work=$(mktemp -d /tmp/taosim-cli-test.XXXXXX)
trap 'rm -rf "$work"' EXIT
fail() { echo "cli-test: FAIL: $*" >&2; exit 1; }
step() { echo "cli-test: $*"; }
t0=$(date +%s%N)

"$release" run Scenarios/ci/tiny.yaml --out "$work/release" --workers 2 > /dev/null
"$debug" run Scenarios/ci/tiny.yaml --out "$work/debug" --workers 2 > /dev/null
diff -r "$work/release" "$work/debug" || fail "debug and release results differ"
step "debug and release binaries: identical results ($(find "$work/release" -type f | wc -l) files)"

"$release" run Scenarios/ci/tiny.yaml --out "$work/one" --workers 1 > /dev/null
diff -r "$work/release" "$work/one" || fail "1 and 2 workers differ"
step "1 and 2 workers: identical results"

printf 'seed: 1\nreplications: lots\nnetwork:\n  subnets: -2\n  colour: red\n' > "$work/bad.yaml"
set +e; "$release" run "$work/bad.yaml" --out "$work/bad-out" > /dev/null 2> "$work/bad.log"; rc=$?; set -e
[ $rc -eq 2 ] || fail "invalid scenario exited $rc, expected 2"
[ ! -e "$work/bad-out" ] || fail "an invalid scenario wrote results"
[ "$(grep -c "^$work/bad.yaml:[0-9]*:[0-9]*: " "$work/bad.log")" -eq 3 ] || { cat "$work/bad.log"; fail "expected 3 located problems"; }
set +e; "$release" run "$work" --out "$work/bad-out" 2> /dev/null; rc=$?; set -e
[ $rc -eq 2 ] || fail "a directory as scenario exited $rc, expected 2"
set +e; "$release" run Scenarios/ci/tiny.yaml --set network.subnets=1e999 --out "$work/bad-out" 2> /dev/null; rc=$?; set -e
[ $rc -eq 2 ] && [ ! -e "$work/bad-out" ] || fail "an invalid --set exited $rc or wrote results"
set +e; "$release" run Scenarios/ci/sweep-small.yaml --out "$work/bad-out" 2> "$work/sweep-run.log"; rc=$?; set -e
[ $rc -eq 2 ] && [ ! -e "$work/bad-out" ] && grep -q ": sweep: .*taosim sweep" "$work/sweep-run.log" \
  || fail "run of a file with a sweep: block exited $rc or wrote results (it must say to use taosim sweep)"
printf 'seed: 1\ngenesis:\n  initial_issuance_tao: 1000\n' > "$work/poor.yaml"
set +e; "$release" validate "$work/poor.yaml" > /dev/null 2>&1; vrc=$?
"$release" run "$work/poor.yaml" --out "$work/bad-out" > /dev/null 2>&1; rc=$?; set -e
[ $vrc -eq 2 ] && [ $rc -eq 2 ] && [ ! -e "$work/bad-out" ] \
  || fail "a genesis beyond the issuance: validate exited $vrc, run $rc (both must refuse, writing nothing)"
step "invalid input: exit 2, every problem located, nothing written; run refuses sweep files; validate = run"

"$release" check Scenarios/ci/expectations.yaml --out "$work/check" --junit "$work/pass.xml" > "$work/check.log" \
  || { cat "$work/check.log"; fail "check of ci/expectations.yaml failed"; }
grep -q 'failures="0"' "$work/pass.xml" || fail "JUnit report of a passing check shows failures"
printf 'extends: %s\nexpect:\n  - final.attacker_emission_share > 0\n' "$root/Scenarios/ci/expectations.yaml" > "$work/violated.yaml"
set +e; "$release" check "$work/violated.yaml" --out "$work/check" --junit "$work/fail.xml" > "$work/violated.log"; rc=$?; set -e
[ $rc -eq 1 ] || { cat "$work/violated.log"; fail "check of a violated clause exited $rc, expected 1"; }
grep -q 'FAIL  expect final.attacker_emission_share > 0' "$work/violated.log" || fail "the violated clause is not reported"
grep -q '<failure message=' "$work/fail.xml" || fail "JUnit report lacks the failure"
step "check: passes when expect: holds, exit 1 with a JUnit failure when violated"

"$release" sweep Scenarios/ci/sweep-small.yaml --out "$work/sweep-single" --workers 2 > /dev/null
for i in 2 0; do "$release" sweep Scenarios/ci/sweep-small.yaml --shard $i --of 3 --out "$work/shards" --workers 2 > /dev/null; done
set +e; "$release" merge "$work/shards" --out "$work/partial" > /dev/null 2> "$work/merge.log"; rc=$?; set -e
[ $rc -eq 1 ] || fail "merge of a partial sweep exited $rc, expected 1"
grep -q "^missing run " "$work/merge.log" || fail "merge did not list the missing runs"
[ ! -e "$work/partial" ] || fail "merge wrote a partial sweep"
SLURM_ARRAY_TASK_ID=1 SLURM_ARRAY_TASK_COUNT=3 "$release" sweep Scenarios/ci/sweep-small.yaml --out "$work/shards" --workers 2 \
  > /dev/null 2>&1
"$release" merge "$work/shards" --out "$work/merged" > /dev/null
diff -r "$work/sweep-single" "$work/merged" || fail "merged shards differ from the unsharded sweep"
step "sweep in 3 shards (one from SLURM_ARRAY_TASK_ID) + merge: identical to the unsharded sweep; partial set refused"
step "passed in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
