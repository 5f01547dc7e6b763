"""Clears outputs and execution counts of notebooks, or checks that they are clear (--check).

Usage: python scripts/strip-notebooks.py [--check] NOTEBOOK...
Committed notebooks carry no outputs: figures are saved as PNGs next to the results they show.
"""

import sys

import nbformat


def strip(path: str, check: bool) -> bool:
    """Returns True if the notebook was (check: is) already clean."""
    nb = nbformat.read(path, as_version=4)
    clean = True
    for cell in nb.cells:
        if cell.cell_type == "code":
            if cell.get("outputs") or cell.get("execution_count") is not None:
                clean = False
                cell.outputs, cell.execution_count = [], None
        for key in ("execution", "collapsed", "scrolled"):
            if key in cell.metadata:
                clean = False
                del cell.metadata[key]
    for key in ("papermill", "widgets"):
        if key in nb.metadata:
            clean = False
            del nb.metadata[key]
    if not clean and not check:
        nbformat.write(nb, path)
    return clean


def main(argv: list[str]) -> int:
    check = "--check" in argv
    paths = [a for a in argv if a != "--check"]
    dirty = [p for p in paths if not strip(p, check)]
    for p in dirty:
        print(f"{p}: {'has outputs (run scripts/strip-notebooks.py on it)' if check else 'stripped'}")
    return 1 if (check and dirty) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
