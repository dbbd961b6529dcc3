"""Imports run one way: domain apps below, front doors on top, demo apart, and no cycles anywhere.

Read from the source with ``ast``, so an import inside a function counts as much as one at the top of
a module: a cycle hidden in a function is still a cycle. See docs/architecture.md.
"""

from __future__ import annotations

import ast
import re
from collections import deque
from dataclasses import dataclass
from functools import cache

import pytest

from tests.architecture.codebase import (
    DEMO,
    DOMAIN_APPS,
    FRONT_DOORS,
    LAYERS,
    PACKAGES,
    Module,
    project_modules,
)

# Calls that import a module named by a string literal: the same dependency, spelled differently.
IMPORTING_CALLS = frozenset({"import_module", "import_string", "__import__"})


@dataclass(frozen=True)
class Import:
    source: Module
    line: int
    target: str  # dotted name of the project module imported (or the nearest one that exists)
    in_ready: bool  # inside AppConfig.ready(), where Django wants signal receivers connected

    @property
    def target_app(self) -> str:
        return self.target.split(".")[0]

    def where(self) -> str:
        return f"{self.source.file}:{self.line}"


def nearest_module(name: str, known: set[str] | dict) -> str:
    """The longest dotted prefix of ``name`` that is a module of ours (``a.b.Name`` → ``a.b``)."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in known:
            return candidate
    return name


def from_import_targets(
    importer: str, is_package: bool, level: int, base: str | None, names: list[str], known: set[str] | dict
) -> list[str]:
    """The modules a ``from … import …`` statement of module ``importer`` depends on.

    1. Resolve a relative base against the importer's package (``level`` dots: one dot is the
       package itself, each further dot one package up).
    2. ``from pkg import mod`` depends on ``pkg.mod`` when that is a module; otherwise on the
       nearest module of ``pkg`` (``from pkg.mod import Name`` → ``pkg.mod``).
    """
    if level:
        package = importer.split(".") if is_package else importer.split(".")[:-1]
        package = package[: len(package) - (level - 1)]
        base = ".".join([*package, base] if base else package)
    if not base or base.split(".")[0] not in PACKAGES:
        return []
    targets = []
    for name in names:
        submodule = f"{base}.{name}"
        targets.append(submodule if submodule in known else nearest_module(base, known))
    return targets


class _ImportCollector(ast.NodeVisitor):
    def __init__(self, module: Module, known: dict) -> None:
        self.module = module
        self.known = known
        self.found: list[Import] = []
        self._app_config = False
        self._in_ready = False

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        outer = self._app_config
        self._app_config = any(ast.unparse(base).endswith("AppConfig") for base in node.bases)
        self.generic_visit(node)
        self._app_config = outer

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        outer_ready, outer_config = self._in_ready, self._app_config
        self._in_ready = self._in_ready or (self._app_config and node.name == "ready")
        self._app_config = False  # a class nested in the function is judged on its own
        self.generic_visit(node)
        self._in_ready, self._app_config = outer_ready, outer_config

    visit_AsyncFunctionDef = visit_FunctionDef

    def _add(self, node: ast.AST, target: str) -> None:
        found = Import(self.module, node.lineno, target, self._in_ready)
        if found not in self.found:  # ``from pkg.mod import a, b`` is one dependency, not two
            self.found.append(found)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.name.split(".")[0] in PACKAGES:
                self._add(node, nearest_module(alias.name, self.known))

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        names = [alias.name for alias in node.names]
        for target in from_import_targets(
            self.module.name, self.module.is_package, node.level, node.module, names, self.known
        ):
            self._add(node, target)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if called in IMPORTING_CALLS and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                if first.value.split(".")[0] in PACKAGES:
                    self._add(node, nearest_module(first.value, self.known))
        self.generic_visit(node)


@cache
def all_imports() -> tuple[Import, ...]:
    modules = project_modules()
    found: list[Import] = []
    for module in modules.values():
        collector = _ImportCollector(module, modules)
        collector.visit(module.tree())
        found += collector.found
    return tuple(found)


def _natural(text: str) -> list:
    # file:48 before file:333
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


def fail_listing(title: str, lines: list[str]) -> None:
    """Fail with one line per offending import, file:line first."""
    if lines:
        pytest.fail(f"{title} ({len(lines)}):\n  " + "\n  ".join(sorted(lines, key=_natural)), pytrace=False)


def describe(imp: Import) -> str:
    level = LAYERS.get(imp.source.app)
    target_level = LAYERS.get(imp.target_app)
    return (
        f"{imp.where()}: {imp.source.name} ({imp.source.app}, layer {level}) imports {imp.target} "
        f"({imp.target_app}, layer {target_level}){' in AppConfig.ready()' if imp.in_ready else ''}"
    )


def test_the_walk_sees_the_whole_project():
    # Guards every test below against passing because it looked at nothing.
    modules = project_modules()
    for expected in ("agreements.services", "deadlines.rules", "workspace.views.requests", "demo.seed"):
        assert expected in modules
    assert not [name for name in modules if ".migrations" in name]
    edges = {(imp.source.name, imp.target) for imp in all_imports()}
    assert ("config.urls", "workspace.views.site") in edges
    assert ("agreements.models", "agreements.models.agreement") in edges


def test_relative_and_submodule_imports_resolve_to_modules():
    known = {
        "agreements",
        "agreements.models",
        "agreements.models.agreement",
        "agreements.models.request",
        "agreements.services",
        "deadlines",
        "deadlines.rules",
    }
    # from . import x / from .agreement import Agreement, inside agreements/models/request.py
    assert from_import_targets("agreements.models.request", False, 1, None, ["x"], known) == [
        "agreements.models"
    ]
    assert from_import_targets("agreements.models.request", False, 1, "agreement", ["A"], known) == [
        "agreements.models.agreement"
    ]
    # from ..services import f, inside agreements/models/request.py; from .agreement import A in __init__
    assert from_import_targets("agreements.models.request", False, 2, "services", ["f"], known) == [
        "agreements.services"
    ]
    assert from_import_targets("agreements.models", True, 1, "agreement", ["A"], known) == [
        "agreements.models.agreement"
    ]
    assert from_import_targets("x", False, 0, "deadlines", ["rules", "Name"], known) == [
        "deadlines.rules",
        "deadlines",
    ]
    assert from_import_targets("x", False, 0, "agreements.models", ["Agreement"], known) == [
        "agreements.models"
    ]
    assert from_import_targets("x", False, 0, "django.db", ["models"], known) == []


def test_domain_apps_import_no_front_door_and_not_demo():
    offenders = [
        describe(imp)
        for imp in all_imports()
        if imp.source.app in DOMAIN_APPS and imp.target_app in FRONT_DOORS | {DEMO}
    ]
    fail_listing("domain modules importing workspace, api or demo", offenders)


def test_no_module_imports_an_app_above_its_own():
    """Bottom to top: jurisdictions, accounts, carriers, deadlines, agreements, documents, amendments,
    then the front doors (workspace, api), then config. AppConfig.ready() imports count too."""
    offenders = [
        describe(imp)
        for imp in all_imports()
        if imp.source.app in LAYERS
        and imp.target_app in LAYERS
        and LAYERS[imp.target_app] > LAYERS[imp.source.app]
    ]
    fail_listing("imports of an app above the importer's own", offenders)


def test_the_front_doors_do_not_import_each_other():
    offenders = [
        describe(imp)
        for imp in all_imports()
        if imp.source.app in FRONT_DOORS
        and imp.target_app in FRONT_DOORS
        and imp.source.app != imp.target_app
    ]
    fail_listing("workspace and api importing each other", offenders)


def test_nothing_but_tests_imports_demo():
    # config/settings.py names "demo" in INSTALLED_APPS as a string: that loads its commands, not code.
    offenders = [describe(imp) for imp in all_imports() if imp.source.app != DEMO and imp.target_app == DEMO]
    fail_listing("project modules importing demo", offenders)


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components, iteratively (no recursion limit to hit).

    1. Number each node in the order a depth-first search first reaches it; keep the nodes of the
       current search path on a stack.
    2. A node's low link is the smallest number reachable from it through the path and one back edge.
    3. When a node's low link is its own number, it and everything above it on the stack form one
       component; pop them.
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(sorted(component))
    return components


def shortest_cycle_through(start: str, graph: dict[str, set[str]], members: set[str]) -> list[str]:
    """Breadth-first from ``start`` back to itself inside one component: one concrete cycle to read."""
    came_from: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for child in sorted(graph[node] & members):
            if child == start:
                path = [node]
                while path[-1] != start:
                    path.append(came_from[path[-1]])
                return [start, *reversed(path[:-1]), start]
            if child not in came_from:
                came_from[child] = node
                queue.append(child)
    return [start]


def test_strongly_connected_finds_each_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"f"}, "f": {"e"}}
    components = sorted(c for c in strongly_connected(graph) if len(c) > 1)
    assert components == [["a", "b", "c"], ["e", "f"]]
    assert shortest_cycle_through("a", graph, {"a", "b", "c"}) == ["a", "b", "c", "a"]


def test_no_import_cycles():
    """Module by module, imports inside functions included.

    Imports in AppConfig.ready() are left out of the graph: Django runs ready() once every app is
    loaded and nothing imports an apps.py, so they cannot close a loop; the layer test still sees them.
    """
    modules = project_modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    edges: dict[tuple[str, str], list[Import]] = {}
    for imp in all_imports():
        if imp.in_ready or imp.target not in modules or imp.target == imp.source.name:
            continue
        graph[imp.source.name].add(imp.target)
        edges.setdefault((imp.source.name, imp.target), []).append(imp)
    cycles = []
    for component in strongly_connected(graph):
        if len(component) < 2:
            continue
        members = set(component)
        files = ", ".join(modules[name].file for name in component)
        lines = [f"cycle among {len(component)} modules: {files}"]
        lines.append("    e.g. " + " → ".join(shortest_cycle_through(component[0], graph, members)))
        for (source, target), found in sorted(edges.items()):
            if source in members and target in members:
                lines += [f"    {imp.where()}: {source} imports {target}" for imp in found]
        cycles.append("\n".join(lines))
    if cycles:
        pytest.fail(f"{len(cycles)} import cycle(s):\n" + "\n".join(cycles), pytrace=False)
