#!/usr/bin/env bash
# Regenerates the key reference in Scenarios/README.md (between <!-- keys:begin --> and
# <!-- keys:end -->) from `taosim describe keys --markdown`; the test suite checks they match.
# Usage: scripts/update-key-reference.sh [TAOSIM]   (default .build/debug/taosim)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/.build/debug/taosim}
[ -x "$bin" ] || { echo "update-key-reference: no binary at $bin (swift build)" >&2; exit 2; }
"$bin" describe keys --markdown > "$root/.build/key-reference.md"
python3 - "$root/Scenarios/README.md" "$root/.build/key-reference.md" <<'PY'
import sys
readme, table = sys.argv[1], open(sys.argv[2]).read()
text = open(readme).read()
begin, end = "<!-- keys:begin -->\n", "<!-- keys:end -->"
i, j = text.index(begin) + len(begin), text.index(end)
open(readme, "w").write(text[:i] + table + text[j:])
PY
echo "update-key-reference: Scenarios/README.md updated"
