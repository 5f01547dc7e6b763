#!/usr/bin/env bash
# The seed analysis's claims at full length: every Scenarios/seed-claims/claim-*.yaml run as the
# file says (180 days, 8 replications on the calibrated mainnet world), into Results/seed-claims/,
# tracked, and Notebooks/claims.json (label → run) for Notebooks/04-seed-claims.ipynb.
# `make results` calls it; CI does not (too slow): it re-runs the shortened variants of the same
# files (their `# reference-run:` lines) against Results/reference/.
#
# Runs go to Results/seed-claims.partial/ first, with --resume, so an interrupted regeneration
# keeps every finished run and continues where it stopped; the tracked folder is replaced only
# when all of them are complete.
#   Environment: TAOSIM (binary; default .build/release/taosim), WORKERS (default 2).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bin=${TAOSIM:-$root/.build/release/taosim}
[ -x "$bin" ] || { echo "seed-claims: no taosim binary at $bin (make release)" >&2; exit 2; }
shopt -s nullglob
scenarios=(Scenarios/seed-claims/claim-*.yaml)
[ ${#scenarios[@]} -gt 0 ] || { echo "seed-claims: no claim scenarios" >&2; exit 2; }
partial=Results/seed-claims.partial
mkdir -p "$partial"
t0=$(date +%s)
for f in "${scenarios[@]}"; do
  start=$(date +%s)
  "$bin" run "$f" --resume --quiet --workers "${WORKERS:-2}" --out "$partial" > "$partial/run.log" 2>&1 \
    || { cat "$partial/run.log" >&2; echo "seed-claims: $f failed (finished runs kept in $partial)" >&2; exit 1; }
  printf 'seed-claims: %-52s %5d s\n' "$f" $(( $(date +%s) - start ))
done
rm -f "$partial/run.log"
# Only the runs of the current files: a run id moves when a scenario changes.
python3 - "$partial" "${scenarios[@]}" <<'PY'
import json, shutil, subprocess, sys
from pathlib import Path
partial, files = Path(sys.argv[1]), sys.argv[2:]
runs = {}
for f in files:
    name = Path(f).stem
    folder = partial / name
    done = [q for q in sorted(folder.iterdir()) if (q / "COMPLETE").is_file()]
    if not done:
        sys.exit(f"seed-claims: no complete run of {f}")
    newest = max(done, key=lambda q: (q / "COMPLETE").stat().st_mtime)
    for q in folder.iterdir():
        if q != newest:
            shutil.rmtree(q)
    runs[name] = {"root": "Results/seed-claims", "scenario": name, "run_id": newest.name}
Path("Notebooks/claims.json.tmp").write_text(json.dumps(runs, indent=2, sort_keys=True) + "\n")
PY
rm -rf Results/seed-claims.old
[ -d Results/seed-claims ] && mv Results/seed-claims Results/seed-claims.old
mv "$partial" Results/seed-claims
mv Notebooks/claims.json.tmp Notebooks/claims.json
rm -rf Results/seed-claims.old
echo "seed-claims: ${#scenarios[@]} full-length runs in Results/seed-claims/ ($(( $(date +%s) - t0 )) s); Notebooks/claims.json updated"
