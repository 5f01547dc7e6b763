"""Compares two results trees file by file, byte for byte; exits 1 on any difference.

Usage: python3 scripts/compare-results.py EXPECTED ACTUAL [--only NAME…]

Every file must exist on both sides with the same bytes, with exceptions that carry no
results: `figures/` folders (PNG renderings of the results, made by the notebooks) are skipped;
in `manifest.json` the top-level `timing` key (wall-clock, by design not reproducible) and
`source_revision` (the revision the binary was built from) are dropped before comparing; and in
`COMPLETE` the entry of manifest.json (whose bytes hold that revision) is dropped, since the
manifest itself is compared field by field. A top-level README.md is not a result.

Why skip the revision rather than compare CSVs only: every other manifest field (resolved
scenario, sources and their digests, columns, health counts) must still match, so a run from a
new revision equals the reference exactly when everything but the build stamp does. With --only, only those top-level folders are compared.
Prints one line per difference (at most 40) and a closing count.
"""

import json
import sys
from pathlib import Path

SKIPPED_DIRS = {"figures"}


def files(root: Path, only: list[str] | None) -> set[str]:
    out = set()
    for path in root.rglob("*"):
        rel = path.relative_to(root)
        if path.is_dir() or any(part in SKIPPED_DIRS for part in rel.parts[:-1]) or rel.as_posix() == "README.md":
            continue
        if only is not None and rel.parts[0] not in only:
            continue
        out.add(rel.as_posix())
    return out


def json_without(data: bytes, drop):
    """The JSON document `data` after `drop(value)` removed what is not compared (the bytes if
    they are not JSON)."""
    try:
        value = json.loads(data)
    except ValueError:
        return data
    if isinstance(value, dict):
        drop(value)
    return value


def manifest_without_timing(data: bytes):
    """manifest.json without `timing` and `source_revision`."""
    return json_without(data, lambda v: [v.pop("timing", None), v.pop("source_revision", None)])


def marker_without_manifest(data: bytes):
    """COMPLETE without manifest.json's size and digest (the manifest is compared by fields)."""
    return json_without(data, lambda v: isinstance(v.get("files"), dict) and v["files"].pop("manifest.json", None))


def first_difference(a: bytes, b: bytes) -> str:
    la, lb = a.splitlines(), b.splitlines()
    for i, (x, y) in enumerate(zip(la, lb)):
        if x != y:
            return f"line {i + 1}: {x[:100]!r} != {y[:100]!r}"
    return f"{len(la)} vs {len(lb)} lines"


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__)
        return 2
    expected, actual = Path(argv[0]), Path(argv[1])
    only = argv[argv.index("--only") + 1:] if "--only" in argv else None
    for root in (expected, actual):
        if not root.is_dir():
            print(f"compare-results: {root} is not a folder")
            return 2
    a, b = files(expected, only), files(actual, only)
    problems = [f"only in {expected}: {p}" for p in sorted(a - b)]
    problems += [f"only in {actual}: {p}" for p in sorted(b - a)]
    for rel in sorted(a & b):
        x, y = (expected / rel).read_bytes(), (actual / rel).read_bytes()
        if x == y:
            continue
        if rel.endswith("manifest.json") and manifest_without_timing(x) == manifest_without_timing(y):
            continue
        if Path(rel).name == "COMPLETE" and marker_without_manifest(x) == marker_without_manifest(y):
            continue
        problems.append(f"differs: {rel}: {first_difference(x, y)}")
    for line in problems[:40]:
        print(line)
    if len(problems) > 40:
        print(f"… and {len(problems) - 40} more")
    print(f"compare-results: {len(a & b)} files compared, {len(problems)} differences")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
