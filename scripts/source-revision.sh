#!/bin/sh
# Writes OUT/SourceRevision.swift with the package's source revision (`git describe --always
# --dirty` of PACKAGE_ROOT, or "unknown" when PACKAGE_ROOT is not the top of a git checkout, e.g.
# an unpacked source tarball inside some other repository). Called by the SourceRevision build
# plugin before every build; the file is replaced only when its text changes.
# Usage: scripts/source-revision.sh PACKAGE_ROOT OUT
set -u
root=$1
out=$2
revision=unknown
top=$(git -C "$root" rev-parse --show-toplevel 2>/dev/null || true)
if [ -n "$top" ] && [ "$(cd "$top" && pwd -P)" = "$(cd "$root" && pwd -P)" ]; then
  revision=$(git -C "$root" describe --always --dirty 2>/dev/null || echo unknown)
fi
# Only characters that need no escaping in a Swift string literal.
revision=$(printf '%s' "$revision" | tr -cd 'A-Za-z0-9._+-')
[ -n "$revision" ] || revision=unknown
mkdir -p "$out"
text="/// The source revision this module was built from (generated; see scripts/source-revision.sh).
let builtSourceRevision = \"$revision\""
if [ "$(cat "$out/SourceRevision.swift" 2>/dev/null)" != "$text" ]; then
  printf '%s\n' "$text" > "$out/SourceRevision.swift.tmp" && mv "$out/SourceRevision.swift.tmp" "$out/SourceRevision.swift"
fi
