"""The layout keeps the architecture visible: no import cycles between druglint's modules
(imports inside functions count too) and no module over 450 lines.

The import graph is built from the source with ``ast``: every ``import`` and ``from ... import``
anywhere in a module (module level, functions, ``if TYPE_CHECKING:`` blocks excepted, since
they never run), relative imports resolved against the module's package. ``from a.b import c``
is an edge to the module ``a.b.c`` when that is a module, else to ``a.b`` (the package's
``__init__`` or the module that defines ``c``). Importing a submodule also runs its parents'
``__init__``; those implicit edges are left out (every module would otherwise depend on
``druglint/__init__``), but a package ``__init__`` that imports its own submodules is counted
like any module.
"""
from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "druglint"
MAX_LINES = 450

# Edges of known cycles whose fix belongs to another branch. Each entry is (importer, imported);
# the cycle test ignores exactly these edges. Keep this empty: remove an entry as soon as the
# change that breaks its cycle lands.
ALLOWED_EDGES: set[tuple[str, str]] = set()

# Modules allowed over MAX_LINES until the branch that owns them splits them (same rule:
# remove the entry when that lands).
ALLOWED_LONG: set[str] = set()


def _modules(src: Path = SRC) -> dict[str, Path]:
    out = {}
    for path in src.rglob("*.py"):
        parts = list(path.relative_to(src.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _type_checking_only(node: ast.If) -> bool:
    t = node.test
    return (isinstance(t, ast.Name) and t.id == "TYPE_CHECKING") or \
        (isinstance(t, ast.Attribute) and t.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST):
    stack = [tree]
    while stack:
        node = stack.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _type_checking_only(child):
                stack.extend(child.orelse)
                continue
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                yield child
            stack.append(child)


def import_graph(src: Path = SRC) -> dict[str, set[str]]:
    """module -> the modules of the package at ``src`` it imports (anywhere in its body)."""
    top = src.name
    modules = _modules(src)
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        package = name if is_package else name.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in _imports(tree):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")
                    anchor = anchor[:len(anchor) - (node.level - 1)]
                    base = ".".join(anchor + ([base] if base else []))
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
            for t in targets:
                while t and t not in modules:  # `import druglint.x.y` of a name: the deepest module
                    t = t.rpartition(".")[0]
                if (t == top or t.startswith(top + ".")) and t in modules and t != name:
                    graph[name].add(t)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on.add(root)
        while work:
            v, it = work[-1]
            for w in it:
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(graph[w]))))
                    break
                if w in on:
                    low[v] = min(low[v], index[w])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[v])
                if low[v] == index[v]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on.discard(w)
                        comp.append(w)
                        if w == v:
                            break
                    if len(comp) > 1:
                        out.append(sorted(comp))
    return out


def test_import_graph_sees_function_level_and_relative_imports():
    graph = import_graph()
    # engine.lint_table imports kinds.schema inside the function
    assert "druglint.kinds.schema" in graph["druglint.engine"]
    # `from druglint import registry` is the module, not the package
    assert "druglint.registry" in graph["druglint.engine"]
    assert "druglint" not in graph["druglint.engine"]


def test_import_graph_resolves_relative_imports_and_finds_function_level_cycles(tmp_path):
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("from .a import f\n")
    (pkg / "sub" / "a.py").write_text("from ..b import g\n\ndef f():\n    return g()\n")
    (pkg / "b.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.c import x\n\n"
                              "def g():\n    from .sub import a\n    return a\n")
    (pkg / "c.py").write_text("import pkg.b\nx = 1\n")
    graph = import_graph(pkg)
    assert graph["pkg.sub"] == {"pkg.sub.a"}
    assert graph["pkg.sub.a"] == {"pkg.b"}
    assert graph["pkg.b"] == {"pkg.sub.a"}  # inside a function counts; TYPE_CHECKING does not
    assert graph["pkg.c"] == {"pkg.b"}
    assert cycles(graph) == [["pkg.b", "pkg.sub.a"]]


def test_cycle_finder_finds_a_cycle_through_three_modules():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles():
    graph = import_graph()
    for a, b in ALLOWED_EDGES:
        assert b in graph.get(a, ()), f"allowed edge {a} -> {b} no longer exists: remove it from ALLOWED_EDGES"
        graph[a].discard(b)
    found = cycles(graph)
    detail = []
    for comp in found:
        members = set(comp)
        detail.append(" <-> ".join(comp) + ": " + "; ".join(
            f"{a} -> {b}" for a in comp for b in sorted(graph[a] & members)))
    assert not found, "import cycles between druglint modules:\n" + "\n".join(detail)


def test_no_module_over_450_lines():
    long = {}
    for name, path in _modules().items():
        n = len(path.read_text(encoding="utf-8").splitlines())
        if n > MAX_LINES and name not in ALLOWED_LONG:
            long[name] = n
    assert not long, f"modules over {MAX_LINES} lines (split them): {long}"
    for name in ALLOWED_LONG:
        assert name in _modules(), f"{name} is gone: remove it from ALLOWED_LONG"


def _reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        m = todo.pop()
        for n in graph.get(m, ()):
            if n not in seen:
                seen.add(n)
                todo.append(n)
    return seen


# the modules that run rules over tables (perf/cli.py only parses the engine options)
ENGINES = {"druglint.engine", "druglint.perf.streaming", "druglint.perf.dask_engine"}


def test_suppression_does_not_depend_on_an_engine():
    """Suppression is applied by every engine at one point, so it must not import any of
    them (nor the pipeline's table machinery): it sees findings and a table context only."""
    graph = import_graph()
    package = [m for m in graph if m == "druglint.suppress" or m.startswith("druglint.suppress.")]
    assert {"druglint.suppress.directives", "druglint.suppress.waivers", "druglint.suppress.records",
            "druglint.suppress.baseline", "druglint.suppress.reviewed"} <= set(package)
    for m in package:
        bad = sorted(_reachable(graph, m) & ENGINES)
        assert not bad, f"{m} reaches {bad}"
