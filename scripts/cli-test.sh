#!/usr/bin/env bash
# End-to-end tests of the taosim binary (make test-cli, part of make test):
#  1. the debug and the release binary write byte-identical results for a tiny scenario;
#  2. 1 and 2 workers write byte-identical results;
#  3. invalid input exits 2, prints FILE:LINE:COLUMN problems and writes nothing;
#  4. taosim check passes on a scenario whose expect: clauses hold, fails (exit 1, JUnit
#     failure) on one that is violated;
#  5. a sweep run as 3 shards and merged equals the unsharded sweep byte for byte, and merge
#     refuses a partial set (exit 1, naming the missing runs);
#  6. nothing is written outside --out: a file name that makes an unusable run name exits 2, a
#     shard manifest naming '../' folders is refused (exit 1); nothing is written beside --out;
#  7. a second writer into the same run folder exits 1 naming the lock, and the first finishes;
#  8. check cannot pass on nothing: an empty folder and an interrupted run fail (exit 1), a
#     sweep folder is checked point by point;
#  9. compare writes the same files with 1 and 2 workers, and reads complete runs back;
# 10. --compress writes .csv.gz tables holding the plain bytes (same run id) that check, merge,
#     compare and pandas read; every command's help has an example;
# 11. report writes PNG figures and a Markdown report linking them for a fresh run and a compare
#     folder (exit 2 for a folder that is neither); validate and run warn, exit 0, about permits
#     reaching miners at FILE:LINE:COLUMN.
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
# Byte for byte except the manifest's source_revision (and COMPLETE's entry of manifest.json):
# the debug binary may be older than the release one (make test-cli builds it only when absent).
python3 scripts/compare-results.py "$work/release" "$work/debug" > "$work/debug-release.log" \
  || { cat "$work/debug-release.log"; fail "debug and release results differ"; }
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
set +e; "$release" slurm Scenarios/ci/tiny.yaml --shards 2 --out "$work/bad-out" --taosim "$release" 2> "$work/slurm.log"; rc=$?; set -e
[ $rc -eq 2 ] && [ ! -e "$work/bad-out" ] && grep -q "^Scenarios/ci/tiny.yaml:[0-9]*:[0-9]*: sweep: has no sweep: block" "$work/slurm.log" \
  || { cat "$work/slurm.log"; fail "slurm of a file without a sweep: block exited $rc or wrote scripts"; }
printf 'seed: 1\ngenesis:\n  initial_issuance_tao: 1000\n' > "$work/poor.yaml"
set +e; "$release" validate "$work/poor.yaml" > /dev/null 2>&1; vrc=$?
"$release" run "$work/poor.yaml" --out "$work/bad-out" > /dev/null 2>&1; rc=$?; set -e
[ $vrc -eq 2 ] && [ $rc -eq 2 ] && [ ! -e "$work/bad-out" ] \
  || fail "a genesis beyond the issuance: validate exited $vrc, run $rc (both must refuse, writing nothing)"
printf 'seed: 1\nnetwork: {subnets: 2}\nattacks:\n  - kind: copier\n    subnets: [5]\n' > "$work/far.yaml"
set +e; "$release" validate "$work/far.yaml" > /dev/null 2> "$work/far.log"; rc=$?; set -e
[ $rc -eq 2 ] && grep -q "^$work/far.yaml:4:5: attacks\[0\].subnets: .*subnet 5, outside 1...2" "$work/far.log" \
  || { cat "$work/far.log"; fail "an attack beyond the network exited $rc or was not reported at its attacks[0] line"; }
step "invalid input: exit 2, every problem located, nothing written; run refuses sweep files, slurm files without one; validate = run; model errors at their attacks[k] line"

"$release" run Scenarios/ci/tiny.yaml --set network.subnets=3 --seed 5 --replications 2 --out "$work/set-run" > /dev/null
mkdir -p "$work/set-batch-in" && cp Scenarios/ci/tiny.yaml "$work/set-batch-in/"
"$release" batch "$work/set-batch-in" --set network.subnets=3 --seed 5 --replications 2 --out "$work/set-batch" > /dev/null
diff -r "$work/set-run" "$work/set-batch" > /dev/null || fail "batch --set/--seed/--replications differs from run with them"
step "batch --set --seed --replications: the same run folder as run with them"

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
cp Scenarios/ci/tiny.yaml "$work/....yaml"
mkdir -p "$work/confined"
set +e; "$release" run "$work/....yaml" --out "$work/confined/out" > /dev/null 2> "$work/name.log"; rc=$?; set -e
[ $rc -eq 2 ] || fail "a file-derived run name '...' exited $rc, expected 2"
grep -q "rename the file or set name:" "$work/name.log" || { cat "$work/name.log"; fail "no clear message for the run name"; }
[ -z "$(ls -A "$work/confined")" ] || fail "a refused run name wrote $(ls -A "$work/confined")"
cp -r "$work/shards" "$work/hostile"
sed -i 's|"folder": "sweep-small/|"folder": "../../escape/|' "$work"/hostile/shards/*/shard-*.json
set +e; "$release" merge "$work/hostile" --out "$work/confined/merged" > /dev/null 2> "$work/hostile.log"; rc=$?; set -e
[ $rc -eq 1 ] || fail "merge of a shard manifest naming ../ exited $rc, expected 1"
grep -q "unsafe run folder" "$work/hostile.log" || { cat "$work/hostile.log"; fail "merge did not name the unsafe folder"; }
[ -z "$(ls -A "$work/confined")" ] && [ ! -e "$work/escape" ] || fail "a refused merge wrote files"
step "confinement: a '...' file name exits 2, a '../' shard folder is refused; nothing written outside --out"

long=(run Scenarios/ci/tiny.yaml --set horizon_days=1500 --workers 1 --out "$work/race")
"$release" "${long[@]}" > "$work/first.log" 2>&1 & first=$!
for _ in $(seq 100); do compgen -G "$work/race/tiny/.*.lock" > /dev/null && break; sleep 0.1; done
set +e; "$release" "${long[@]}" > /dev/null 2> "$work/second.log"; rc=$?; set -e
kill -0 $first 2> /dev/null || fail "the first writer finished before the second started; lengthen the run"
[ $rc -eq 1 ] && grep -q "being written by another taosim process" "$work/second.log" \
  || { cat "$work/second.log"; fail "a second writer exited $rc without naming the lock"; }
wait $first || { cat "$work/first.log"; fail "the first writer failed beside a second writer"; }
"$release" check "$work/race" > /dev/null || fail "the first writer's run does not check"
step "a second writer into the same run folder exits 1 naming the lock; the first completes"

mkdir -p "$work/empty"
set +e; "$release" check "$work/empty" > "$work/empty.log"; rc=$?; set -e
[ $rc -eq 1 ] && grep -q "holds no complete run" "$work/empty.log" || fail "check of an empty folder exited $rc"
"$release" check "$work/sweep-single" > "$work/sweep-check.log" || { cat "$work/sweep-check.log"; fail "check of a sweep folder failed"; }
points=$(find "$work/sweep-single" -name COMPLETE | wc -l)
grep -q "^checked $work/sweep-single: $points run folder(s), 1 sweep(s), 0 incomplete" "$work/sweep-check.log" \
  || { cat "$work/sweep-check.log"; fail "check did not check every sweep point"; }
grep -q "PASS  conservation held while simulating" "$work/sweep-check.log" || fail "check did not read the health block"
cp -r "$work/sweep-single" "$work/crashed"
point=$(dirname "$(find "$work/crashed" -name COMPLETE | head -1)")
rm "$point/COMPLETE" "$point/manifest.json"
set +e; "$release" check "$work/crashed" > "$work/crashed.log"; rc=$?; set -e
[ $rc -eq 1 ] && grep -q "FAIL  the run is complete" "$work/crashed.log" || { cat "$work/crashed.log"; fail "check of an interrupted run exited $rc"; }
step "check: an empty folder and an interrupted run fail, a sweep folder is checked point by point ($points points)"
printf 'extends: %s\nname: tiny-equal\nemission:\n  policy:\n    kind: equal\n' "$root/Scenarios/ci/tiny.yaml" > "$work/tiny-equal.yaml"
for w in 1 2; do
  "$release" compare Scenarios/ci/tiny.yaml "$work/tiny-equal.yaml" --replications 3 --workers $w --out "$work/compare-$w" \
    > "$work/compare-$w.log" || { cat "$work/compare-$w.log"; fail "compare with $w worker(s) failed"; }
done
diff -r "$work/compare-1" "$work/compare-2" || fail "compare with 1 and 2 workers differs"
"$release" compare Scenarios/ci/tiny.yaml "$work/tiny-equal.yaml" --replications 3 --out "$work/compare-1" > "$work/again.log"
[ "$(grep -c '^skipped ' "$work/again.log")" -eq 2 ] || { cat "$work/again.log"; fail "compare re-ran complete runs"; }
"$release" check "$work/compare-1" > /dev/null || fail "check of a folder holding a comparison failed"
step "compare: identical files with 1 and 2 workers; complete runs read back, not re-run"
TAOSIM_PROGRESS_INTERVAL=0.05 "$debug" sweep Scenarios/ci/sweep-small.yaml --workers 1 --out "$work/progress" \
  > /dev/null 2> "$work/progress.log" || { cat "$work/progress.log"; fail "sweep with progress failed"; }
runs=$(find "$work/progress" -name COMPLETE | wc -l)
[ "$(grep -c '^finished sweep-small/sweep-[0-9a-f]*/point-[0-9]* ([0-9]*/[0-9]* runs, ' "$work/progress.log")" -eq "$runs" ] \
  && grep -q "^progress: [0-9]*/$runs runs, [0-9]*/[0-9]* jobs, [0-9.]* s elapsed" "$work/progress.log" \
  && ! grep -q $'\r' "$work/progress.log" || { cat "$work/progress.log"; fail "plain progress: expected timed lines and one line per run"; }
# The progress sweep ran the debug binary: compare as the debug/release step does (source_revision aside).
python3 scripts/compare-results.py "$work/sweep-single" "$work/progress" > "$work/progress-compare.log" \
  || { cat "$work/progress-compare.log"; fail "a sweep with progress lines wrote different results"; }
"$release" run Scenarios/ci/tiny.yaml --quiet --out "$work/quiet" > /dev/null 2> "$work/quiet.log"
[ ! -s "$work/quiet.log" ] || { cat "$work/quiet.log"; fail "--quiet still printed to stderr"; }
step "progress: timed plain lines and one line per run when stderr is a file; --quiet is silent; results unchanged"
"$release" run Scenarios/ci/tiny.yaml --compress --quiet --out "$work/gz" --workers 2 > /dev/null
plain=$(echo "$work"/release/tiny/*/) packed=$(echo "$work"/gz/tiny/*/)
[ "$(basename "$plain")" = "$(basename "$packed")" ] || fail "--compress changed the run id"
for table in network subnets neurons; do
  [ ! -e "$packed/$table.csv" ] && gzip -t "$packed/$table.csv.gz" || fail "--compress did not write $table.csv.gz"
  gzip -dc "$packed/$table.csv.gz" | cmp -s - "$plain/$table.csv" || fail "$table.csv.gz does not hold $table.csv's bytes"
done
"$release" check "$packed" > "$work/gz-check.log" || { cat "$work/gz-check.log"; fail "check of a compressed run failed"; }
"$release" sweep Scenarios/ci/sweep-small.yaml --compress --quiet --out "$work/gz-sweep" --workers 2 > /dev/null
for i in 0 1 2; do "$release" sweep Scenarios/ci/sweep-small.yaml --compress --quiet --shard $i --of 3 --out "$work/gz-shards" > /dev/null; done
"$release" merge "$work/gz-shards" --out "$work/gz-merged" > /dev/null
diff -r "$work/gz-sweep" "$work/gz-merged" || fail "merged compressed shards differ from the unsharded compressed sweep"
"$release" compare Scenarios/ci/tiny.yaml "$work/tiny-equal.yaml" --replications 3 --compress --quiet --out "$work/gz-compare" \
  > "$work/gz-compare.log" || { cat "$work/gz-compare.log"; fail "compare --compress failed"; }
diff "$work/compare-1/compare/"*/compare.csv "$work/gz-compare/compare/"*/compare.csv > /dev/null \
  || fail "compare --compress found other numbers than compare"
# pandas (the notebook environment) reads the .csv.gz as it is, to the same table as the .csv.
venv=$(scripts/notebook-venv.sh)
"$venv/bin/python" - "$plain" "$packed" <<'PY' || fail "pandas did not read the .csv.gz tables as the .csv ones"
import sys
from pathlib import Path
import pandas as pd
sys.path.insert(0, "Notebooks")
import results
plain, packed = Path(sys.argv[1]), Path(sys.argv[2])
for table in ("network", "subnets", "neurons"):
    a = pd.read_csv(plain / f"{table}.csv", dtype=str, keep_default_na=False)
    b = pd.read_csv(packed / f"{table}.csv.gz", dtype=str, keep_default_na=False)
    assert len(a) > 0 and a.equals(b), table
    assert results.load_run(packed).table(table).equals(results.load_run(plain).table(table)), table
PY
# The source revision: git describe in a checkout, "unknown" in an unpacked tarball (also one
# unpacked inside another repository); the manifest records it, nothing else depends on it.
mkdir -p "$work/tarball/pkg" "$work/outer"
git -C "$root" archive HEAD scripts/source-revision.sh | tar -x -C "$work/tarball/pkg"
sh "$work/tarball/pkg/scripts/source-revision.sh" "$work/tarball/pkg" "$work/tarball/gen"
grep -q 'builtSourceRevision = "unknown"' "$work/tarball/gen/SourceRevision.swift" || fail "a tarball build does not say unknown"
git init -q "$work/outer" && cp -r "$work/tarball/pkg" "$work/outer/pkg"
sh "$work/outer/pkg/scripts/source-revision.sh" "$work/outer/pkg" "$work/outer/gen"
grep -q 'builtSourceRevision = "unknown"' "$work/outer/gen/SourceRevision.swift" || fail "a tarball inside another repository took its revision"
sh scripts/source-revision.sh "$root" "$work/here"
grep -q "builtSourceRevision = \"$(git -C "$root" describe --always --dirty)\"" "$work/here/SourceRevision.swift" \
  || fail "the source revision of this checkout is not git describe's"
grep -q '"source_revision": "' "$packed/manifest.json" && grep -q '"sha256": "' "$packed/manifest.json" \
  || fail "the manifest lacks the source revision or the scenario digests"
step "source revision: git describe in a checkout, unknown in a tarball; recorded in the manifest with scenario digests"
step "--compress: .csv.gz tables hold the plain bytes under the same run id; check, merge, compare and pandas read them"
"$release" report "$work/compare-1/compare/"* "$work/release/tiny/"* --out "$work/report" > "$work/report.log" 2>&1 \
  || { cat "$work/report.log"; fail "report of a run and a compare folder failed"; }
pngs=$(find "$work/report/figures" -name '*.png' -size +1k | wc -l)
[ "$pngs" -ge 6 ] && [ -s "$work/report/report.md" ] || { cat "$work/report.log"; fail "report wrote $pngs figures (expected ≥ 6) or no report.md"; }
for png in "$work/report/figures/"*.png; do
  grep -q "](figures/$(basename "$png"))" "$work/report/report.md" || fail "report.md does not link $(basename "$png")"
done
[ -f "$work/report/figures/paired-$(basename "$work/compare-1/compare/"*).png" ] || fail "report drew no paired differences"
grep -q '"outputs": \[$' "$work/report/notebooks/02-emission-policies.ipynb" && grep -q 'figure: ' "$work/report/notebooks/02-emission-policies.ipynb" \
  || fail "the executed notebooks did not keep their outputs"
[ ! -e "$work/release/tiny/figures" ] && [ ! -e "$work/compare-1/figures" ] || fail "report wrote figures beside the runs"
set +e; "$release" report "$work/empty" --out "$work/report-bad" 2> "$work/report-bad.log"; rc=$?; set -e
[ $rc -eq 2 ] && grep -q "not a run folder" "$work/report-bad.log" && [ ! -e "$work/report-bad" ] \
  || { cat "$work/report-bad.log"; fail "report of a folder that is no run exited $rc or wrote a report"; }
printf 'extends: %s\nnetwork:\n  validators_per_subnet: 4\nsubnet:\n  max_validators: 12\n' "$root/Scenarios/ci/tiny.yaml" > "$work/permits.yaml"
"$release" validate "$work/permits.yaml" > /dev/null 2> "$work/permits.log" || fail "a permit warning changed validate's exit code"
"$release" run "$work/permits.yaml" --quiet --out "$work/permits-out" > /dev/null 2> "$work/permits-run.log" || fail "a permit warning failed the run"
for log in permits permits-run; do
  grep -q "^$work/permits.yaml:3:26: warning: network.validators_per_subnet: .*permit(s) go to miners" "$work/$log.log" \
    || { cat "$work/$log.log"; fail "$log: no located permit warning"; }
done
step "report: $pngs figures linked from report.md, notebooks executed with outputs, nothing beside the runs; exit 2 for no run; permit warnings located, exit 0"
commands=$("$release" --help | sed -n '/^SUBCOMMANDS:/,/^$/p' | awk '/^  [a-z]/ { print $1 }')
[ "$(echo "$commands" | wc -w)" -ge 10 ] || fail "could not read the command list from taosim --help"
for command in $commands "bench engine" "bench epoch" "bench network"; do
  # shellcheck disable=SC2086
  "$release" help $command > "$work/help.txt"
  grep -q "^USAGE: taosim $command" "$work/help.txt" && grep -q "^ *Example:" "$work/help.txt" \
    || fail "taosim $command --help shows no example"
done
step "every command's help has an example"
step "passed in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
