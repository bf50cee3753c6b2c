#!/usr/bin/env python3
"""The module graph of `src/`, derived from the source: which file refers to which through
`crate::…` and `super::…` paths (in `use` lines and inline; comments and `#[cfg(test)]` modules
left out), then import cycles, imports that run upward against the intended floors, the floors
the graph actually has, file sizes and the share of doc-comment lines.

    python3 benches/module-graph.py [SRC_DIR]      # default: src

Files are modules (`src/a.rs` and `src/a/mod.rs` are `a`, `src/a/b.rs` is `a::b`). A path is
attributed to the longest module prefix it names. A parent reaching its own children through
plain relative paths (`mod x; pub use x::y;`) is not counted, as with any other relative path.
"""
import os
import re
import sys
from collections import defaultdict

# The intended floors of the top-level modules, lowest first. An import from a module to one on
# a higher floor "runs upward". Modules not listed (new ones) are reported as such.
FLOORS = [
    ["diagnostic", "package", "parallel", "wordml", "chars", "hashed"],
    ["source", "units", "model", "sandbox"],
    ["numbers", "yaml", "report_diagnostics"],
    ["document"],
    ["catalogue", "disclosure"],
    ["load", "render", "write"],
    ["validate", "keys", "schema"],
    ["compose"],
    ["pipeline", "init"],
    ["diff", "import"],
    ["update", "redline"],
    ["cli"],
    ["main"],
]
RANK = {m: i for i, ms in enumerate(FLOORS) for m in ms}


def module_of(rel):
    parts = rel[:-3].split("/")
    if parts[-1] == "mod":
        parts = parts[:-1]
    if parts == ["lib"]:
        return ""
    return "::".join(parts)


def strip(text):
    # Drop the unit-test module (always last in this crate) and comments.
    m = re.search(r"^#\[cfg\(test\)\]\s*\n\s*mod tests", text, re.M)
    if m:
        text = text[: m.start()]
    out = []
    for line in text.splitlines():
        i = line.find("//")
        out.append(line if i < 0 else line[:i])
    return "\n".join(out)


def resolve(path, modules):
    """Longest prefix of `path` (a list of segments) that is a module."""
    for n in range(len(path), 0, -1):
        cand = "::".join(path[:n])
        if cand in modules:
            return cand
    return None


def expand(base, rest):
    """`a::{b, c::d}` → [a::b, a::c::d] (one level of braces is enough for this crate)."""
    rest = rest.strip()
    if rest.startswith("{"):
        depth, items, cur = 0, [], ""
        for ch in rest[1:]:
            if ch == "{":
                depth += 1
            elif ch == "}":
                if depth == 0:
                    break
                depth -= 1
            if ch == "," and depth == 0:
                items.append(cur)
                cur = ""
            else:
                cur += ch
        items.append(cur)
        out = []
        for it in items:
            it = it.strip()
            if not it:
                continue
            if it == "self":
                out.append(base)
            else:
                out.extend(expand(base, it) if "{" in it else [base + [s for s in re.split(r"::", it.split(" as ")[0]) if s]])
        return out
    return [base + [s for s in rest.split("::") if s]]


def graph(src):
    files = {}
    for root, _, names in os.walk(src):
        for n in names:
            # `tests.rs` files hold unit tests (`#[cfg(test)] mod tests;`), not modules of the build.
            if n.endswith(".rs") and n != "tests.rs":
                rel = os.path.relpath(os.path.join(root, n), src).replace(os.sep, "/")
                files[rel] = open(os.path.join(root, n), encoding="utf-8").read()
    modules = {module_of(r): r for r in files if r != "main.rs"}
    edges = defaultdict(set)
    ref = re.compile(r"\b(crate|super|wengao)((?:::[A-Za-z_][A-Za-z0-9_]*)*)(::\{)?")
    for rel, text in files.items():
        me = "main" if rel == "main.rs" else module_of(rel)
        body = strip(text)
        for m in ref.finditer(body):
            head, tail, brace = m.group(1), m.group(2), m.group(3)
            segs = [s for s in tail.split("::") if s]
            if head in ("crate", "wengao"):
                base = []
            else:  # super: the parent of this file's module
                own = me.split("::") if me else []
                # `super` is the parent of the file's module: `a` from `a/b.rs`, the root from
                # `a.rs` or `a/mod.rs`.
                base = own[:-1]
                while segs and segs[0] == "super":
                    base = base[:-1]
                    segs = segs[1:]
            paths = [base + segs]
            if brace:
                paths = expand(base + segs, body[m.end() - 1 :])
            for p in paths:
                target = resolve(p, modules)
                if target is None and not p:
                    target = ""
                if target is None or target == me:
                    continue
                edges[me].add(target)
    return files, modules, edges


def top(m):
    return m.split("::")[0] if m else "lib"


def sccs(nodes, edges):
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            out.append(comp)

    sys.setrecursionlimit(10000)
    for v in nodes:
        if v not in index:
            visit(v)
    return out


def name(m):
    return m or "lib"


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    src = args[0] if args else "src"
    files, modules, edges = graph(src)
    nodes = sorted(set(modules) | {"main"})
    # The crate root only declares modules; leave it out of cycles and floors.
    edges = {k: {v for v in vs if v != ""} for k, vs in edges.items() if k != ""}
    nodes = [n for n in nodes if n != ""]
    comps = [c for c in sccs(nodes, edges) if len(c) > 1]
    print(f"files: {len(files)} ({len([f for f in files if f.endswith('.rs')])} .rs), modules: {len(nodes)}")
    print(f"edges: {sum(len(v) for v in edges.values())}")
    print(f"import cycles: {len(comps)}")
    for c in comps:
        print("  " + " <-> ".join(sorted(name(x) for x in c)))
    upward = []
    unranked = set()
    for a, bs in sorted(edges.items()):
        for b in sorted(bs):
            ta, tb = top(a), top(b)
            if ta == tb:
                continue
            if ta not in RANK:
                unranked.add(ta)
            if tb not in RANK:
                unranked.add(tb)
            if ta in RANK and tb in RANK and RANK[tb] > RANK[ta]:
                upward.append((a, b))
    print(f"upward imports: {len(upward)}")
    for a, b in upward:
        print(f"  {name(a)} -> {name(b)}")
    if unranked:
        print("modules without a floor in FLOORS: " + ", ".join(sorted(unranked)))
    # Actual floors: longest path to a leaf over the condensed graph.
    comp_of = {}
    for i, c in enumerate(sccs(nodes, edges)):
        for v in c:
            comp_of[v] = i
    depth = {}

    def d(v, seen=()):
        if v in depth:
            return depth[v]
        best = 0
        for w in edges.get(v, ()):
            if comp_of[w] != comp_of[v] and w not in seen:
                best = max(best, d(w, seen + (v,)) + 1)
        depth[v] = best
        return best

    for v in nodes:
        d(v)
    floors = max(depth.values()) + 1 if depth else 0
    print(f"floors (longest import chain, cycles collapsed): {floors}")
    by_floor = defaultdict(list)
    for v, k in depth.items():
        by_floor[k].append(name(v))
    for k in sorted(by_floor):
        print(f"  {k}: {', '.join(sorted(by_floor[k]))}")
    # Sizes and doc share.
    total = doc = 0
    sizes = []
    for rel, text in files.items():
        lines = text.splitlines()
        total += len(lines)
        doc += sum(1 for l in lines if l.lstrip().startswith(("///", "//!")))
        sizes.append((len(lines), rel))
    sizes.sort(reverse=True)
    print(f"lines: {total}, doc-comment lines: {doc} ({100.0 * doc / total:.1f} %)")
    print(f"files over 600 lines: {sum(1 for n, _ in sizes if n > 600)}")
    print("largest files:")
    for n, rel in sizes[:8]:
        print(f"  {n:5} src/{rel}")
    if "--edges" in sys.argv:
        for a in sorted(edges):
            print(f"{name(a)} -> {', '.join(sorted(name(b) for b in edges[a]))}")


if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:
        pass
