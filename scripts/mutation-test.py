#!/usr/bin/env python3
"""Generated input test: mutates the shipped scenarios and checks that taosim never crashes,
hangs or writes outside --out, and that every refusal is located.

Usage: scripts/mutation-test.py TAOSIM

The cases come from two sources:
  * the key reference (`taosim describe keys --markdown`, the table Scenarios/README.md embeds):
    for every key, values at and beyond both ends of its documented range, wrong types, YAML
    tags, null, and for text keys hostile paths and names;
  * every shipped scenario under Scenarios/: each key deleted, a key duplicated, each section
    emptied (null) and its extends: pointed at hostile paths (a FIFO, devices, /etc files,
    folders, symbolic links, names like ...yaml) plus files with hostile names.
Each case is a scenario file in a scratch copy of Scenarios/ (so extends: chains resolve).

Checks, per case:
  * `taosim validate` exits 0 (and prints "ok  FILE") or 2 with at least one problem of the form
    FILE:LINE:COLUMN: KEY.PATH: message located in the case's own file (or its --set);
  * no signal, no timeout;
  * for hostile names, hostile --set values, attack amounts at their range ends and a sample of
    cases that validate, `taosim run` with a short horizon (0.6 days) into a scratch --out
    exits 0 or 2, and no file appears outside --out.
Validation runs many files per process (a batch that crashes is re-run file by file to name the
culprit). Prints the number of cases and the time taken; exits 1 on any failure.
MUTATION_TIMES=1 also prints the time of every batch, run and phase.
"""
import copy
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BATCH = 150
TIMEOUT = 120
RUN_SAMPLE = 24
RUN_TIMEOUT = 60
PROBLEM = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (?P<path>[^:]+): .+$")


def fail(message):
    print("mutation-test: " + message, file=sys.stderr)
    sys.exit(1)


# MARK: - The key reference


def key_rows(taosim):
    """(path, type, range, kind) for every key of the generated key reference."""
    text = subprocess.run([taosim, "describe", "keys", "--markdown"], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in text.splitlines()[2:]:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 6:
            continue
        path, kind_note = cells[0].strip("`"), cells[5]
        kind = kind_note[len("kind: "):] if kind_note.startswith("kind: ") else None
        rows.append((path, cells[1], cells[3], kind))
    return rows


def parse_range(text):
    """(low, high, low_open) from '[a, b]' or '(a, b]', or None."""
    m = re.match(r"^([\[(])(-?[0-9.e+-]+), (-?[0-9.e+-]+)\]$", text)
    if not m:
        return None
    return float(m.group(2)), float(m.group(3)), m.group(1) == "("


class Tagged:
    """A scalar written with an explicit YAML tag (`!!str 7`)."""

    def __init__(self, tag, text):
        self.tag, self.text = tag, text


def tagged_representer(dumper, value):
    return dumper.represent_scalar(value.tag, value.text)


yaml.SafeDumper.add_representer(Tagged, tagged_representer)


def number_text(x):
    return int(x) if float(x).is_integer() and abs(x) < 2**63 else x


def values_for(kind, range_text):
    """The mutated values for a key of type `kind` with documented range `range_text`."""
    wrong = ["some text", [1, 2], {"x": 1}, None, Tagged("tag:yaml.org,2002:str", "7"), Tagged("!custom", "1")]
    if kind == "integer":
        r = parse_range(range_text)
        out = [2**63, -(2**63) - 1, 10**30, 1.5, True] + wrong
        if r:
            low, high, _ = int(r[0]), int(r[1]), r[2]
            out = [low, high, low - 1, high + 1] + out
        return out
    if kind == "number":
        r = parse_range(range_text)
        out = [1e308, -1e308, 1e400, float("nan"), float("inf"), "1e999", True] + wrong
        if r:
            low, high, _ = r
            span = max(abs(high - low), 1e-9)
            out = [number_text(low), number_text(high), low - span * 1e-6 - 1e-12, high + span * 1e-6 + 1e-12,
                   high * 10 + 1] + out
        return out
    if kind == "true/false":
        return [True, False, "yes", 1] + wrong
    if kind == "text":
        return ["", "x" * 20_000, "../../outside", "/etc/passwd", "a/b", "..", ".", "-x", "ok-name", "\u00e9t\u00e9"] + wrong
    if kind.startswith("one of: "):
        return kind[len("one of: "):].split(", ") + ["no-such-option"] + wrong
    if kind == "list":
        return [[], [None], list(range(20_000)), "not a list", {"x": 1}, None]
    return []


# MARK: - Scenario trees


def set_path(tree, path, value):
    """Sets `path` (dotted, `[]` = item 0, created when missing) in `tree`; False if impossible."""
    parts = re.findall(r"[^.\[\]]+|\[\]", path)
    node = tree
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        nxt = None if last else parts[i + 1]
        if part == "[]":
            if not isinstance(node, list):
                return False
            if not node:
                node.append([] if nxt == "[]" else {})
            if last:
                node[0] = value
            node = node[0]
            continue
        if not isinstance(node, dict):
            return False
        if last:
            node[part] = value
        else:
            if not isinstance(node.get(part), (dict, list)):
                node[part] = [] if nxt == "[]" else {}
            node = node[part]
    return True


def load(path):
    with open(path) as f:
        return yaml.safe_load(f)


def dump(tree):
    return yaml.safe_dump(tree, sort_keys=False, allow_unicode=True, width=1 << 20)


def host_for(path, kind, scenarios):
    """A scenario (relative name, tree) to mutate `path` in, adjusted so the key applies."""
    tiny = copy.deepcopy(scenarios["ci/tiny.yaml"])
    if path.startswith("attacks"):  # on the tiny network, so that every such case can run
        tiny["attacks"] = [{"kind": kind}] if kind else []
        return "ci/tiny.yaml", tiny
    if path.startswith("study"):
        for name, tree in sorted(scenarios.items()):
            if (tree.get("study") or {}).get("kind") == kind:
                return name, copy.deepcopy(tree)
        tiny["study"] = {"kind": kind}
        return "ci/tiny.yaml", tiny
    if path.startswith("sweep"):
        return "ci/sweep-small.yaml", copy.deepcopy(scenarios["ci/sweep-small.yaml"])
    if path.startswith("subnet_overrides"):
        tiny["subnet_overrides"] = [{"subnets": [1]}]
    for tagged in ("miners.utility", "miners.evolution", "emission.policy"):
        if path.startswith(tagged + ".") and kind:
            set_path(tiny, tagged + ".kind", kind)
    return "ci/tiny.yaml", tiny


# MARK: - Cases


class Case:
    def __init__(self, folder, name, text, key=None, sets=(), expect_refusal=False, runnable=True, always_run=False):
        self.folder, self.name, self.text, self.key = folder, name, text, key
        self.sets, self.expect_refusal, self.runnable = list(sets), expect_refusal, runnable
        # Run whether or not validate accepts it (hostile names, amounts at the ends of ranges).
        self.always_run = always_run

    @property
    def file(self):
        return os.path.join(self.folder, self.name)


def key_cases(rows, scenarios, work):
    cases = []
    for n, (path, kind, range_text, tag) in enumerate(rows):
        if kind in ("mapping", "kind", "mapping with kind", "type") or path.endswith(".kind"):
            continue
        host_name, host = host_for(path, tag, scenarios)
        folder = os.path.join(work, os.path.dirname(host_name))
        for m, value in enumerate(values_for(kind, range_text)):
            tree = copy.deepcopy(host)
            if not set_path(tree, path, value):
                continue
            name = "mut-key-%03d-%02d.yaml" % (n, m)
            tiny = host_name == "ci/tiny.yaml"
            cases.append(Case(folder, name, dump(tree), key=path.replace("[]", "[0]"), runnable=tiny,
                              always_run=tiny and path.startswith("attacks") and m < 2))
    return cases


def walk_keys(tree, prefix=()):
    """Every mapping key path in `tree` (lists by index)."""
    if isinstance(tree, dict):
        for key, value in tree.items():
            yield prefix + (key,)
            yield from walk_keys(value, prefix + (key,))
    elif isinstance(tree, list):
        for i, item in enumerate(tree):
            yield from walk_keys(item, prefix + (i,))


def without(tree, path):
    tree = copy.deepcopy(tree)
    node = tree
    for part in path[:-1]:
        node = node[part]
    del node[path[-1]]
    return tree


def emptied(tree, path):
    tree = copy.deepcopy(tree)
    node = tree
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = None
    return tree


def structural_cases(scenarios, texts, work):
    cases = []
    for name, tree in sorted(scenarios.items()):
        folder = os.path.join(work, os.path.dirname(name))
        stem = os.path.basename(name)[:-5]
        quick = "study" not in tree  # study scenarios take minutes to run; they are validated only
        for k, path in enumerate(walk_keys(tree)):
            if len(path) > 3:
                continue
            cases.append(Case(folder, "mut-%s-del-%03d.yaml" % (stem, k), dump(without(tree, path)), runnable=quick))
            cases.append(Case(folder, "mut-%s-null-%03d.yaml" % (stem, k), dump(emptied(tree, path)), runnable=quick))
        # Duplicated keys: each top-level line repeated (the YAML reader must refuse it, located).
        lines = texts[name].splitlines()
        for k, line in enumerate(lines):
            if re.match(r"^[a-z_]+:", line):
                dup = "\n".join(lines + [line]) + "\n"
                cases.append(Case(folder, "mut-%s-dup-%03d.yaml" % (stem, k), dup, expect_refusal=True, runnable=quick))
        # The file's text cut short at each eighth.
        text = texts[name]
        for k in range(1, 8):
            cases.append(Case(folder, "mut-%s-cut-%d.yaml" % (stem, k), text[: len(text) * k // 8], runnable=quick))
    return cases


def hostile_cases(scenarios, work):
    """Hostile extends: targets and hostile file names, next to the CI scenarios."""
    folder = os.path.join(work, "ci")
    os.mkfifo(os.path.join(folder, "fifo.yaml"))
    os.symlink("/etc/passwd", os.path.join(folder, "link-passwd.yaml"))
    os.symlink("missing-target.yaml", os.path.join(folder, "link-dangling.yaml"))
    os.mkdir(os.path.join(folder, "folder.yaml"))
    with open(os.path.join(folder, "notes.txt"), "w") as f:
        f.write("secret: do-not-print-me\n")
    targets = ["/etc/shadow", "/etc/passwd", "/dev/zero", "/dev/null", "/dev/stdin", "/proc/self/environ",
               "fifo.yaml", "link-passwd.yaml", "link-dangling.yaml", "folder.yaml", "notes.txt", "../..", "..",
               ".", "", "...yaml", "../../../../../../etc/passwd", "/", "x" * 5000 + ".yaml", "nul\u0001.yaml",
               "tiny.yaml/../tiny.yaml", ["tiny.yaml"], {"path": "tiny.yaml"}, 7, None, "self.yaml"]
    cases = []
    for k, target in enumerate(targets):
        tree = {"extends": target, "seed": 1, "horizon_days": 0.01}
        name = "self.yaml" if target == "self.yaml" else "mut-extends-%02d.yaml" % k
        cases.append(Case(folder, name, dump(tree), key="extends", expect_refusal=target != "...yaml"))
    for name in ["fifo.yaml", "link-passwd.yaml", "link-dangling.yaml", "folder.yaml", "notes.txt"]:
        cases.append(Case(folder, name, None, expect_refusal=True, always_run=True))  # the file itself
    tiny = dump(scenarios["ci/tiny.yaml"])
    for k, name in enumerate(["...yaml", "..yaml", ".yaml", "-x.yaml", "UPPER.yaml", "sp ace.yaml", "\u00e9t\u00e9.yaml",
                              "a" * 200 + ".yaml", "x.yaml.yaml", "--set.yaml"]):
        cases.append(Case(folder, name, tiny, always_run=True))
    for k, name in enumerate(["..", "../x", "a/b", ".", "", "-x", "x" * 65, "ok"]):
        tree = copy.deepcopy(scenarios["ci/tiny.yaml"])
        tree["name"] = name
        cases.append(Case(folder, "mut-name-%02d.yaml" % k, dump(tree), key="name", expect_refusal=name != "ok",
                          always_run=True))
    deep = ".".join(["a"] * 20_000)
    for k, setting in enumerate([deep + "=1", "extends=/etc/passwd", "name=../../x", "name=..", "seed=!!str 7",
                                 "network=", "network.subnets=1e999", "a[99999999999999999999]=1",
                                 "attacks[0].kind=whales", "=1", "seed"]):
        cases.append(Case(folder, "mut-set-%02d.yaml" % k, tiny, sets=[setting], always_run=True))
    return cases


# MARK: - Checking


def validate(taosim, cases, cwd):
    """Runs validate on `cases` in batches; returns {file: (rc, output lines)} and failures."""
    results, failures = {}, []
    groups = {}
    for case in cases:
        # A path given as such (a FIFO, a link, a folder) is validated alone: a command-line path
        # problem stops the whole command.
        groups.setdefault(tuple(case.sets) if case.text is not None else ("alone", case.file), []).append(case)
    for sets, group in groups.items():
        for start in range(0, len(group), BATCH):
            batch = group[start:start + BATCH]
            began = time.monotonic()
            sets = () if sets[:1] == ("alone",) else sets
            rc, out = invoke(taosim, ["validate"] + [c.file for c in batch] + [a for s in sets for a in ("--set", s)], cwd)
            if os.environ.get("MUTATION_TIMES"):
                print("%6.1f s  %s … %s" % (time.monotonic() - began, batch[0].name, batch[-1].name), file=sys.stderr)
            if rc not in (0, 2) or any(leaked(line) for line in out):
                for case in batch:  # find the culprit
                    rc1, out1 = invoke(taosim, ["validate", case.file] + [a for s in sets for a in ("--set", s)], cwd)
                    results[case.file] = (rc1, out1)
            else:
                for case in batch:
                    results[case.file] = (rc, out)
    accepted = set()
    for case in cases:
        rc, out = results[case.file]
        found = judge(case, rc, out)
        failures += found
        if not found and any(line.startswith("ok  " + case.file) for line in out):
            accepted.add(case.file)
    return failures, accepted


def invoke(taosim, args, cwd, timeout=TIMEOUT):
    try:
        p = subprocess.run([taosim] + args, cwd=cwd, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "timeout", []
    text = (p.stdout + p.stderr).decode("utf-8", "replace")
    return p.returncode, text.splitlines()


def judge(case, rc, lines):
    what = "%s%s" % (case.file, "".join(" --set " + s for s in case.sets)[:200])
    if rc == "timeout":
        return ["%s: hung (no exit within %d s)" % (what, TIMEOUT)]
    if rc not in (0, 2):
        return ["%s: exit %s (%s)" % (what, rc, "signal %d" % -rc if rc < 0 else "not 0 or 2")]
    if case.text is None:  # a path given as such: any exit 0 or 2 without a crash, no leak
        secrets = [l for l in lines if leaked(l)]
        return ["%s: a message quotes another file: %s" % (what, secrets[0][:200])] if secrets else []
    ok = any(line == "ok  " + case.file or line.startswith("ok  " + case.file + "  (") for line in lines)
    problems = []
    for line in lines:
        m = PROBLEM.match(line)
        if m and m.group("path") == "warning":
            continue  # a located warning (FILE:LINE:COL: warning: key: …) is not a refusal
        if m and (m.group("file") == case.file or m.group("file").startswith("<--set ")):
            problems.append(m)
    if ok and problems:
        return ["%s: both ok and problems" % what]
    if ok:
        return ["%s: accepted, expected a refusal" % what] if case.expect_refusal else []
    if not problems:
        mine = [l for l in lines if case.file in l][:3]
        return ["%s: refused without a FILE:LINE:COLUMN: KEY: problem: %s" % (what, mine)]
    secrets = [l for l in lines if leaked(l)]
    if secrets:
        return ["%s: a message quotes another file: %s" % (what, secrets[0][:200])]
    return []


def leaked(line):
    """True for a message quoting a file that is not a scenario (the planted secret, /etc/passwd)."""
    return "do-not-print-me" in line or "root:x:" in line


def snapshot(root, skip):
    found = set()
    for folder, dirs, files in os.walk(root):
        if os.path.abspath(folder).startswith(skip):
            dirs[:] = []
            continue
        for name in dirs + files:
            found.add(os.path.join(folder, name))
    return found


def run_sample(taosim, cases, work, cwd, every=False):
    """`taosim run` with a tiny horizon on `cases` (all, or a spread of them); nothing outside --out."""
    failures = []
    step = 1 if every else max(1, len(cases) // RUN_SAMPLE)
    chosen = cases if every else cases[::step][:RUN_SAMPLE]
    for case in chosen:
        out = tempfile.mkdtemp(prefix="out-", dir=work)
        before = snapshot(work, out) | snapshot(cwd, out)
        args = ["run", case.file, "--out", out, "--workers", "1", "--set", "horizon_days=0.6", "--set", "replications=1"]
        began = time.monotonic()
        rc, lines = invoke(taosim, args + [a for s in case.sets for a in ("--set", s)], cwd, RUN_TIMEOUT)
        if os.environ.get("MUTATION_TIMES"):
            print("%6.1f s  run %s: %s" % (time.monotonic() - began, case.name, case.text[:0]), file=sys.stderr)
        if rc == "timeout" or rc not in (0, 2):
            failures.append("%s: run %s" % (case.file, "hung" if rc == "timeout" else "exit %s" % rc))
        after = snapshot(work, out) | snapshot(cwd, out)
        for extra in sorted(after - before):
            failures.append("%s: run wrote %s outside --out" % (case.file, extra))
        shutil.rmtree(out, ignore_errors=True)
    return failures, len(chosen)


def main():
    if len(sys.argv) != 2:
        fail("usage: mutation-test.py TAOSIM")
    taosim = os.path.abspath(sys.argv[1])
    start = time.monotonic()
    phase = lambda label: os.environ.get("MUTATION_TIMES") and print("%6.1f s  phase %s" % (time.monotonic() - start, label), file=sys.stderr)
    work = tempfile.mkdtemp(prefix="taosim-mutation-")
    cwd = tempfile.mkdtemp(prefix="cwd-", dir=work)
    try:
        shutil.copytree(os.path.join(ROOT, "Scenarios"), os.path.join(work, "Scenarios"))
        # Scenarios name real-network snapshots in data/ (genesis.snapshot: ../data/…).
        shutil.copytree(os.path.join(ROOT, "data"), os.path.join(work, "data"))
        scen = os.path.join(work, "Scenarios")
        texts, scenarios = {}, {}
        for folder, _, files in os.walk(scen):
            for name in files:
                if name.endswith(".yaml"):
                    rel = os.path.relpath(os.path.join(folder, name), scen)
                    texts[rel] = open(os.path.join(folder, name)).read()
                    scenarios[rel] = load(os.path.join(folder, name))
        rows = key_rows(taosim)
        cases = key_cases(rows, scenarios, scen) + structural_cases(scenarios, texts, scen) + hostile_cases(scenarios, scen)
        for case in cases:
            if case.text is not None:
                with open(case.file, "w") as f:
                    f.write(case.text)
        phase("cases written")
        listing_before = snapshot(work, cwd)
        failures, ok_files = validate(taosim, cases, cwd)
        written = sorted(snapshot(work, cwd) - listing_before) + sorted(snapshot(cwd, "\0"))
        failures += ["validate wrote %s" % path for path in written]
        accepted = [c for c in cases if c.runnable and c.file in ok_files and not c.always_run]
        phase("validated")
        run_failures, runs = run_sample(taosim, [c for c in cases if c.always_run], work, cwd, every=True)
        more_failures, more = run_sample(taosim, accepted, work, cwd)
        run_failures, runs = run_failures + more_failures, runs + more
        phase("runs")
        failures += run_failures
        elapsed = time.monotonic() - start
        print("mutation-test: %d generated cases validated (%d from %d keys of the key reference, %d shipped scenarios), "
              "%d sample runs, %.1f s" % (len(cases), sum(1 for c in cases if c.name.startswith("mut-key-")), len(rows),
                                          len(scenarios), runs, elapsed))
        if failures:
            for line in failures[:60]:
                print("  FAIL " + line, file=sys.stderr)
            fail("%d failure(s)" % len(failures))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
