"""The architecture's layering, read from the source: no import circles, and no layer importing
one it must not know (docs/architecture.md, "Layers").

Every import counts, also those inside functions (termlint defers many for start-up speed) and
those under ``TYPE_CHECKING``: a deferred import is still a dependency, and a circle of them is
still a circle a reader has to hold in mind.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "termlint"

#: The uses added for editors (issue 18): deciding what a file reports, linting a buffer, and
#: the language server, a use beside the command line.
USES = ("termlint.decide", "termlint.buffer", "termlint.lsp")

#: For each layer (a module or a package prefix), the termlint modules it must never import.
#: Layers not listed may import anything below the command line.
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "termlint.model": ("termlint.",),
    "termlint.version": ("termlint.",),
    "termlint.lazy": ("termlint.",),
    # The rest of the ground: small helpers that need nothing of termlint but the model.
    **{ground: ("termlint.cache", "termlint.sources", "termlint.morphology", "termlint.vocab",
                "termlint.engine", "termlint.report", "termlint.suppress", "termlint.fix",
                "termlint.lint", "termlint.api", "termlint.assembly", "termlint.services",
                "termlint.config", "termlint.baseline", "termlint.walk", "termlint.plan",
                "termlint.ownfiles", "termlint.idcheck", *USES)
       for ground in ("termlint.parallel", "termlint.gitdiff", "termlint.globs",
                      "termlint.validation", "termlint.patch")},
    # Finding files and deciding what a run checks: never the linguistics or the output.
    **{planning: ("termlint.morphology", "termlint.engine", "termlint.report",
                  "termlint.suppress", "termlint.fix", "termlint.lint", "termlint.api",
                  "termlint.assembly", "termlint.services", *USES)
       for planning in ("termlint.walk", "termlint.plan", "termlint.ownfiles")},
    "termlint.sources": (
        "termlint.morphology", "termlint.engine", "termlint.vocab", "termlint.report",
        "termlint.suppress", "termlint.fix", "termlint.lint", "termlint.api",
        "termlint.assembly", "termlint.services", "termlint.config", "termlint.baseline",
        *USES,
    ),
    "termlint.morphology": (
        "termlint.sources", "termlint.engine", "termlint.vocab", "termlint.report",
        "termlint.suppress", "termlint.fix", "termlint.lint", "termlint.api",
        "termlint.assembly", "termlint.services", "termlint.config", "termlint.baseline",
        *USES,
    ),
    "termlint.vocab": (
        "termlint.engine", "termlint.sources", "termlint.report", "termlint.suppress",
        "termlint.fix", "termlint.lint", "termlint.api", "termlint.assembly",
        "termlint.services", "termlint.config",
        *USES,
    ),
    "termlint.engine": (
        "termlint.sources", "termlint.report", "termlint.suppress", "termlint.fix",
        "termlint.lint", "termlint.api", "termlint.assembly", "termlint.services",
        "termlint.config", "termlint.baseline", "termlint.gitdiff",
        *USES,
    ),
    "termlint.report": (
        "termlint.engine", "termlint.morphology", "termlint.sources", "termlint.vocab",
        "termlint.lint", "termlint.api", "termlint.assembly", "termlint.fix",
        "termlint.config", "termlint.services",
        *USES,
    ),
    "termlint.fix": (
        "termlint.engine", "termlint.morphology", "termlint.vocab", "termlint.report",
        "termlint.api", "termlint.assembly", "termlint.services",
        *USES,
    ),
    "termlint.suppress": (
        "termlint.engine", "termlint.morphology", "termlint.vocab", "termlint.report",
        "termlint.api", "termlint.assembly", "termlint.services", "termlint.fix",
        *USES,
    ),
    # Vocabulary packages: fetched and verified bytes; they never read what they hold.
    "termlint.packages": ("termlint.morphology", "termlint.engine", "termlint.vocab",
                          "termlint.sources", "termlint.report", "termlint.suppress",
                          "termlint.fix", "termlint.lint", "termlint.api", "termlint.assembly",
                          "termlint.services", "termlint.config", "termlint.plan"),
    # Reading a configuration file's text: nothing of termlint at all.
    "termlint.config_read": ("termlint.",),
    # One guarded HTTP GET, shared by term-bank imports and packages: nothing of termlint.
    "termlint.httpget": ("termlint.",),
    "termlint.lint": ("termlint.api", "termlint.report", "termlint.fix", "termlint.services",
                      "termlint.plan", "termlint.ownfiles", "termlint.config", *USES),
    # What check decides for a file, and linting a buffer as check would: uses of the
    # pipeline, which the language server uses in turn, never the reverse.
    "termlint.decide": ("termlint.buffer", "termlint.lsp"),
    "termlint.buffer": ("termlint.lsp",),
}

#: Only the command line may import the command line.
COMMAND_LINE = ("termlint.cli", "termlint.console", "termlint.commands")

#: The language server is started by the command line (``termlint lsp``) and imported by
#: nothing else: no part of termlint depends on pygls.
SERVER = "termlint.lsp"


def module_names(package: Path) -> dict[str, Path]:
    """Dotted name of every module under ``package`` (a package by its ``__init__``)."""
    names: dict[str, Path] = {}
    for path in package.rglob("*.py"):
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def imports_of(name: str, path: Path, known: Iterable[str]) -> set[str]:
    """The termlint modules ``name`` imports anywhere in its file. ``from a.b import c`` names
    ``a.b.c`` when that is a module, else ``a.b``; a parent package imported only on the way to
    a submodule is not counted (Python runs it, but it is not what the code depends on)."""
    modules = set(known)
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in modules)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                origin = ".".join([*base, *([node.module] if node.module else [])])
            else:
                origin = node.module or ""
            subs = [f"{origin}.{alias.name}" for alias in node.names]
            modules_named = [sub for sub in subs if sub in modules]
            found.update(modules_named)
            if len(modules_named) < len(subs) and origin in modules:
                found.add(origin)
    found.discard(name)
    return found


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    names = module_names(package)
    return {name: imports_of(name, path, names) for name, path in names.items()}


def cycles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.get(root, ()))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return found


def _in(module: str, layer: str) -> bool:
    return module == layer or module.startswith(layer.rstrip(".") + ".") or (
        layer.endswith(".") and module.startswith(layer))


def violations(graph: Mapping[str, Iterable[str]]) -> list[str]:
    """``importer -> imported`` for every import a layer must not make."""
    bad = []
    for module, imported in sorted(graph.items()):
        for layer, banned in FORBIDDEN.items():
            if not _in(module, layer):
                continue
            bad.extend(f"{module} -> {target}" for target in sorted(imported)
                       if any(_in(target, ban) for ban in banned))
        if not any(_in(module, layer) for layer in COMMAND_LINE):
            bad.extend(f"{module} -> {target}" for target in sorted(imported)
                       if any(_in(target, layer) for layer in COMMAND_LINE))
            if not _in(module, SERVER):
                bad.extend(f"{module} -> {target}" for target in sorted(imported)
                           if _in(target, SERVER))
    return bad


def test_termlint_has_no_import_cycles() -> None:
    assert cycles(import_graph()) == []


def test_no_layer_imports_one_it_must_not_know() -> None:
    assert violations(import_graph()) == []


def test_the_graph_sees_deferred_and_relative_imports(tmp_path: Path) -> None:
    package = tmp_path / "termlint"
    (package / "sources").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "model.py").write_text("")
    (package / "sources" / "__init__.py").write_text("from .base import X\n")
    (package / "sources" / "base.py").write_text(
        "def f():\n    from termlint.engine import run\n")
    (package / "engine.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
        "    from termlint.sources import base\n")
    graph = import_graph(package)
    assert graph["termlint.sources"] == {"termlint.sources.base"}
    assert graph["termlint.sources.base"] == {"termlint.engine"}
    assert graph["termlint.engine"] == {"termlint.sources.base"}
    assert cycles(graph) == [["termlint.engine", "termlint.sources.base"]]
    assert violations(graph) == ["termlint.engine -> termlint.sources.base",
                                 "termlint.sources.base -> termlint.engine"]


@pytest.mark.parametrize("graph, expected", [
    ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
    ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
    ({"a": {"b"}, "b": {"a"}, "c": {"d"}, "d": {"c"}}, [["a", "b"], ["c", "d"]]),
])
def test_cycle_finder(graph: dict[str, set[str]], expected: list[list[str]]) -> None:
    assert sorted(cycles(graph)) == expected


def test_only_the_command_line_imports_the_language_server() -> None:
    graph = {"termlint.buffer": {"termlint.lsp.server"},
             "termlint.commands.lsp": {"termlint.lsp.features"},
             "termlint.lsp.features": {"termlint.lsp.server", "termlint.buffer"}}
    assert set(violations(graph)) == {"termlint.buffer -> termlint.lsp.server"}


def test_only_the_command_line_imports_the_command_line() -> None:
    graph = {"termlint.engine": {"termlint.commands.check"}, "termlint.cli": {"termlint.api"}}
    assert violations(graph) == ["termlint.engine -> termlint.commands.check"]
