#!/usr/bin/env bash
# `make test-designs`: sweep designs end to end and the sensitivity estimators against SALib.
#  1. an lhs and a sobol sweep on the tiny network (Scenarios/ci/designs-*.yaml) run, write
#     sweep.csv with every point complete, and `taosim analyze` writes sensitivity.csv (Sobol
#     indices; a PRIM box for --where); the same sweep with 2 workers writes the same bytes;
#  2. an invalid design exits 2 with FILE:LINE:COLUMN and key, and writes nothing;
#  3. scripts/salib-check.py: Ishigami indices on TaoSim's designs against SALib and the
#     analytic values (in the notebook venv, which pins SALib).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
taosim=${TAOSIM:-$root/.build/release/taosim}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "designs-test: FAIL: $*" >&2; exit 1; }
step() { echo "designs-test: ok: $*"; }
cd "$root"

for mode in lhs sobol; do
  "$taosim" sweep "Scenarios/ci/designs-$mode.yaml" --out "$work/one" --quiet > /dev/null
  "$taosim" sweep "Scenarios/ci/designs-$mode.yaml" --out "$work/two" --workers 2 --quiet > /dev/null
done
diff -r "$work/one" "$work/two" > /dev/null || fail "design sweeps with 1 and 2 workers differ"
lhs=$(ls -d "$work"/one/designs-lhs/sweep-*)
sobol=$(ls -d "$work"/one/designs-sobol/sweep-*)
[ "$(tail -n +2 "$lhs/sweep.csv" | wc -l)" -eq 8 ] || fail "the lhs sweep.csv does not have 8 points"
[ "$(tail -n +2 "$sobol/sweep.csv" | wc -l)" -eq 16 ] || fail "the sobol sweep.csv does not have 16 points"
! grep -q ",false," "$lhs/sweep.csv" "$sobol/sweep.csv" || fail "a point of a design sweep is not complete"
head -1 "$sobol/sweep.csv" | grep -q ",design_block,design_step,design_role,design_parameter,unit.validators.weight_sigma,unit.nominators.count,complete,.*,top10_validator_share_final,top10_validator_share_final_ci_low," \
  || fail "the sobol sweep.csv lacks design or outcome columns"
step "lhs (8 points) and sobol (16 points) sweeps on the tiny network; 1 and 2 workers identical"

"$taosim" analyze "$sobol" --outputs top10_validator_share copier_relative_dividend_mean > "$work/sobol.log"
[ "$(grep -c '^designs-sobol,.*,sobol,sobol,top10_validator_share_final,.*,S[1T],' "$sobol/sensitivity.csv")" -eq 4 ] \
  || { cat "$sobol/sensitivity.csv"; fail "analyze did not write S1 and ST of both parameters"; }
cp "$sobol/sensitivity.csv" "$work/first.csv"
"$taosim" analyze "$sobol" --outputs top10_validator_share copier_relative_dividend_mean > /dev/null
cmp -s "$work/first.csv" "$sobol/sensitivity.csv" || fail "analyze wrote different bytes the second time"
"$taosim" analyze "$lhs" --where "top10_validator_share > 0.2" > "$work/lhs.log"
grep -q ',prim,top10_validator_share > 0.2,,coverage,' "$lhs/sensitivity.csv" || fail "analyze --where wrote no PRIM box"
grep -q ',prim,top10_validator_share > 0.2,emission.policy.kind,choices,' "$lhs/sensitivity.csv" \
  || fail "the PRIM box lacks the choice parameter's limits"
set +e; "$taosim" analyze "$lhs" --outputs top10_validator_share 2> "$work/refused.log"; rc=$?; set -e
[ $rc -eq 2 ] && grep -q "has no sensitivity indices" "$work/refused.log" || fail "Sobol indices of an lhs sweep: exit $rc"
step "analyze: Sobol S1/ST with intervals (same bytes twice), a PRIM box for --where, indices of an lhs sweep refused"

printf 'extends: %s\nsweep:\n  mode: sobol\n  samples: 4\n  parameters:\n    - {path: validators.weight_sigma, min: 0.5, max: 0.1}\n' \
  "$root/Scenarios/ci/tiny.yaml" > "$work/bad.yaml"
set +e; "$taosim" sweep "$work/bad.yaml" --out "$work/bad-out" 2> "$work/bad.log"; rc=$?; set -e
[ $rc -eq 2 ] && [ ! -e "$work/bad-out" ] && grep -q "bad.yaml:6:[0-9]*: sweep.parameters\[0\].max: max 0.1 must exceed min 0.5" "$work/bad.log" \
  || { cat "$work/bad.log"; fail "an invalid design exited $rc or was not located"; }
step "an invalid design exits 2 at FILE:LINE:COLUMN with its key and writes nothing"

python="$(scripts/notebook-venv.sh)/bin/python"
"$python" scripts/salib-check.py "$taosim" > "$work/salib.log" || { cat "$work/salib.log"; fail "SALib cross-check"; }
grep -E "^      x" "$work/salib.log"
step "$(tail -1 "$work/salib.log")"
