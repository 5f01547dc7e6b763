#!/usr/bin/env python3
"""Checks that the declared module layers are what the code does.

Reads three descriptions of the same thing and fails (exit 1, one line per problem) unless they agree:

1. README.md's module table (`| layer | module | depends on | its one job |`);
2. the layer line in Package.swift's header (`/// 5 SimCLI · 4 Experiments, Conformance · …`)
   and every non-test target's `dependencies:` there;
3. every `import` in Sources/<Target>/**/*.swift.

Rules:
- the header and the README table give every target the same layer, and name every target;
- a target's project dependencies in Package.swift are exactly those in the table's "depends on" cell;
- every import of a project module is a declared dependency, and every declared dependency is
  imported somewhere in the target (external products and system modules are ignored);
- a dependency points to a lower layer, or to the same layer (then the table names it, as above);
  never to a higher layer, and the dependency graph has no cycle;
- the top layer (the executable) depends on the layer right below it only: it parses arguments,
  calls the experiment layer and prints.

Usage: scripts/check-layers.py [PACKAGE_ROOT]   (default: the folder above this script)
       scripts/check-layers.py --self-test      also shows, on copies, that each rule catches a break
"""

import pathlib
import re
import shutil
import sys
import tempfile

# Imports that the top layer may make past layer 4, by file name (none: the bench commands reach the
# model through the Benchmarks target).
TOP_LAYER_ALLOWANCES: dict[str, set[str]] = {}

IMPORT = re.compile(
    r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|internal|package|private|fileprivate)\s+)?import\s+"
    r"(?:(?:struct|class|enum|protocol|typealias|func|var|let|actor)\s+)?([A-Za-z_]\w*)",
    re.M)
TARGET = re.compile(r"\.(target|executableTarget|systemLibrary)\(\s*name:\s*\"(\w+)\"")


def balanced(text, start):
    """The text of the parenthesised group that opens at text[start] == '('."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                return text[start + 1:i]
    raise ValueError("unbalanced parentheses in Package.swift")


def package_targets(text):
    """{name: (kind, path, [project dependency names])} for every non-test target."""
    targets = {}
    for match in TARGET.finditer(text):
        body = balanced(text, match.start() + len(match.group(1)) + 1)
        path_match = re.search(r"path:\s*\"([^\"]+)\"", body)
        path = path_match.group(1) if path_match else "Sources/" + match.group(2)
        if path.startswith("Tests/"):
            continue
        deps = []
        dep_match = re.search(r"dependencies:\s*\[", body)
        if dep_match:
            depth, i = 1, dep_match.end()
            while depth:
                depth += {"[": 1, "]": -1}.get(body[i], 0)
                i += 1
            listed = body[dep_match.end():i - 1]
            listed = re.sub(r"//[^\n]*", "", listed)
            listed = re.sub(r"\.product\([^)]*\)", "", listed)
            deps = re.findall(r"\"(\w+)\"", listed)
        targets[match.group(2)] = (match.group(1), path, deps)
    return targets


def header_layers(text):
    """{module: layer} from the header line(s) `/// 5 A · 4 B, C · …`."""
    layers = {}
    joined = " ".join(line[3:].strip() for line in text.splitlines() if line.startswith("///"))
    section = re.search(r"((?:\d\s+[\w`()]+(?:,\s*[\w`()]+)*\s*(?:·|\.)\s*)+)", joined)
    if not section:
        return layers
    for part in re.split(r"\s*·\s*", section.group(1).strip().rstrip(".")):
        number, _, names = part.partition(" ")
        for name in names.split(","):
            name = re.sub(r"\(.*?\)", "", name).strip().strip("`")
            if name:
                layers[name] = int(number)
    return layers


def readme_table(text):
    """{module: (layer, [dependencies])} from the module table of README.md."""
    rows = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 4 and cells[0].isdigit() and cells[1].startswith("`"):
            module = cells[1].strip("`")
            deps = [d.strip().strip("`") for d in cells[2].split(",") if d.strip() not in ("", "—", "-")]
            rows[module] = (int(cells[0]), deps)
    return rows


def source_imports(root, path, project):
    """{module: [files]} of the project modules imported in the target's sources."""
    found = {}
    for file in sorted((root / path).rglob("*.swift")):
        text = re.sub(r"/\*.*?\*/", "", file.read_text(encoding="utf-8"), flags=re.S)
        text = re.sub(r"//[^\n]*", "", text)
        for name in IMPORT.findall(text):
            if name in project:
                found.setdefault(name, []).append(file.name)
    return found


def cycles(graph):
    """One cycle of the dependency graph as a list of names, or None."""
    state = {}

    def visit(node, trail):
        state[node] = "open"
        for dep in graph.get(node, []):
            if state.get(dep) == "open":
                return trail[trail.index(dep):] + [dep] if dep in trail else [node, dep]
            if dep not in state:
                found = visit(dep, trail + [dep])
                if found:
                    return found
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node, [node])
            if found:
                return found
    return None


def check(root):
    problems = []
    package_text = (root / "Package.swift").read_text(encoding="utf-8")
    targets = package_targets(package_text)
    header = header_layers(package_text)
    table = readme_table((root / "README.md").read_text(encoding="utf-8"))
    project = set(targets)

    for name in sorted(project):
        if name not in header:
            problems.append(f"Package.swift: header names no layer for target {name}")
        if name not in table:
            problems.append(f"README.md: module table has no row for target {name}")
        elif name in header and header[name] != table[name][0]:
            problems.append(f"{name}: layer {header[name]} in Package.swift's header but {table[name][0]} in README.md")
    for name in sorted(set(header) - project):
        problems.append(f"Package.swift: header names {name}, which is not a target")
    for name in sorted(set(table) - project):
        problems.append(f"README.md: module table names {name}, which is not a target")

    layer = {n: header.get(n, table.get(n, (None,))[0]) for n in project}
    top = max((l for l in layer.values() if l is not None), default=0)
    for name, (kind, path, deps) in sorted(targets.items()):
        if name in table and sorted(table[name][1]) != sorted(deps):
            problems.append(
                f"{name}: README.md says it depends on {', '.join(sorted(table[name][1])) or 'nothing'}; "
                f"Package.swift says {', '.join(sorted(deps)) or 'nothing'}")
        for dep in deps:
            if dep not in project:
                continue
            if layer[name] is not None and layer[dep] is not None:
                if layer[dep] > layer[name]:
                    problems.append(f"{name} (layer {layer[name]}) depends on {dep} from the higher layer {layer[dep]}")
                elif layer[name] == top and layer[dep] != top - 1 and not any(
                        dep in allowed for allowed in TOP_LAYER_ALLOWANCES.values()):
                    problems.append(f"{name} is the top layer and may depend on layer {top - 1} only, not on {dep} (layer {layer[dep]})")
        if kind == "systemLibrary":
            continue
        imports = source_imports(root, path, project - {name})
        for module, files in sorted(imports.items()):
            if module not in deps:
                problems.append(f"{path}/{files[0]}: imports {module}, which is not a dependency of {name} in Package.swift")
            elif layer.get(name) == top and layer.get(module) != top - 1:
                stray = [f for f in files if module not in TOP_LAYER_ALLOWANCES.get(f, set())]
                if stray:
                    problems.append(f"{path}/{stray[0]}: the top layer imports {module} (layer {layer.get(module)}); it calls layer {top - 1} only")
        for dep in deps:
            if dep in project and dep not in imports:
                problems.append(f"{name}: declares a dependency on {dep} but no file in {path} imports it")

    graph = {n: [d for d in deps if d in project] for n, (_, _, deps) in targets.items()}
    cycle = cycles(graph)
    if cycle:
        problems.append("dependency cycle: " + " → ".join(cycle))
    return problems, len(targets)


def add_dependency(text, target, dependency):
    """Package.swift's text with `dependency` added to `target`'s dependencies."""
    head = f'name: "{target}"'
    at = text.index(head) + len(head)
    listed = re.match(r",\s*dependencies:\s*\[", text[at:])
    if listed:
        at += listed.end()
        return text[:at] + f'"{dependency}", ' + text[at:]
    return text[:at] + f', dependencies: ["{dependency}"]' + text[at:]


# (what is broken; edits of a copy: file → function of its text; a message the check must print)
BREAKS = [
    ("an undeclared import", {"Sources/Emission/LayersSelfTest.swift": lambda t: "import Simulation\n"},
     "imports Simulation, which is not a dependency of Emission"),
    ("a dependency on a higher layer",
     {"Package.swift": lambda t: add_dependency(t, "Consensus", "Experiments"),
      "Sources/Consensus/LayersSelfTest.swift": lambda t: "import Experiments\n"},
     "Consensus (layer 2) depends on Experiments from the higher layer 4"),
    ("a cycle",
     {"Package.swift": lambda t: add_dependency(t, "EpochTypes", "NetworkModel"),
      "Sources/EpochTypes/LayersSelfTest.swift": lambda t: "import NetworkModel\n"},
     "dependency cycle"),
    ("the executable reaching past layer 4",
     {"Package.swift": lambda t: add_dependency(t, "SimCLI", "Simulation"),
      "Sources/SimCLI/LayersSelfTest.swift": lambda t: "import Simulation\n"},
     "SimCLI is the top layer and may depend on layer 4 only, not on Simulation"),
    ("a table that disagrees with Package.swift",
     {"README.md": lambda t: re.sub(r"(\| `Emission` \| )", r"\1`SimCore`, ", t, count=1)},
     "Emission: README.md says it depends on"),
]


def self_test(root):
    """Breaks a copy of the package once per rule and expects the check to say so."""
    failures = 0
    for what, edits, expected in BREAKS:
        with tempfile.TemporaryDirectory() as folder:
            copy = pathlib.Path(folder)
            shutil.copy(root / "Package.swift", copy)
            shutil.copy(root / "README.md", copy)
            shutil.copytree(root / "Sources", copy / "Sources")
            for name, edit in edits.items():
                file = copy / name
                file.write_text(edit(file.read_text(encoding="utf-8") if file.exists() else ""), encoding="utf-8")
            problems, _ = check(copy)
            if any(expected in p for p in problems):
                print(f"layers self-test: {what} is caught")
            else:
                print(f"layers self-test: {what} is NOT caught: {problems}", file=sys.stderr)
                failures += 1
    return failures


def main():
    arguments = [a for a in sys.argv[1:] if a != "--self-test"]
    root = pathlib.Path(arguments[0] if arguments else pathlib.Path(__file__).resolve().parent.parent)
    if "--self-test" in sys.argv[1:] and self_test(root):
        return 1
    problems, count = check(root)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"layers: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    print(f"layers: {count} targets agree with Package.swift's header and README.md's module table")
    return 0


if __name__ == "__main__":
    sys.exit(main())
