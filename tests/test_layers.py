"""The package's layers, read from its imports: nothing imports upwards, nothing goes in circles.

Every ``import`` statement of every module counts, those inside functions too (a lazy import
is still a dependency). The layers, lowest first, and what each may import besides itself:

- core: nothing of actplot's above it;
- catalog: the core;
- expression: the catalog and the core;
- draw: the core only (a back end draws curves; it never looks a name up);
- api (``api``, ``specs``, ``request``, ``describe``, ``pictures``): everything below;
- front ends (``cli``, ``gallery``, ``site``, ``sphinxext``): the api layer and the core's
  vocabulary (errors, settings, curves), never the catalog, the expression language or a back
  end, and not each other, except the command line's ``gallery`` and ``site`` commands, which
  are their shells, and the website, which draws its pictures with the gallery's machinery;
  the package's ``__init__`` re-exports the API and ``__main__`` runs the command line.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

import actplot

PACKAGE = Path(actplot.__file__).resolve().parent

#: Each layer's rank, and the modules (dotted prefixes below ``actplot``) that belong to it.
LAYERS: dict[str, tuple[int, tuple[str, ...]]] = {
    "core": (0, ("core",)),
    "catalog": (1, ("catalog",)),
    "expression": (2, ("expression",)),
    "draw": (3, ("draw",)),
    "api": (4, ("api", "specs", "request", "describe", "pictures")),
    "front": (5, ("cli", "gallery", "site", "sphinxext")),
    "package": (6, ("__init__", "__main__")),
}
#: Imports a layer may not make although the ranks allow them.
FORBIDDEN = {"draw": {"catalog", "expression"}, "front": {"catalog", "expression", "draw"}}
#: The one import between two front ends.
FRONT_END_EDGES = {("cli", "gallery"), ("cli", "site"), ("site", "gallery")}


def module_name(path: Path, package: Path = PACKAGE) -> str:
    """``actplot.core.curves`` for actplot/core/curves.py, ``actplot.gallery`` for its __init__."""
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" and len(parts) > 1 else parts)


def imports_of(path: Path, name: str, modules: set[str] | None = None) -> set[str]:
    """The actplot modules that the module at ``path`` imports, anywhere in its code."""
    modules = MODULES if modules is None else modules
    found: set[str] = set()
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.split(".")[0] == "actplot"}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the module's own package
                anchor = name.split(".")[: len(name.split(".")) - node.level + (1 if is_package else 0)]
                base = ".".join([*anchor, *([base] if base else [])])
            if base.split(".")[0] != "actplot":
                continue
            for alias in node.names:  # `from actplot.draw import figure` imports a module
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base)
    found.discard(name)
    return {_known(target, modules) for target in found}


def _known(target: str, modules: set[str]) -> str:
    """The module ``target`` names, or the package it is an attribute of."""
    while target not in modules and "." in target:
        target = target.rsplit(".", 1)[0]
    return target


MODULES = {module_name(path) for path in PACKAGE.rglob("*.py")}


def layer_of(name: str) -> str:
    """The layer of module ``name`` (``actplot`` itself is the package's ``__init__``)."""
    first = name.split(".")[1] if "." in name else "__init__"
    for layer, (_, members) in LAYERS.items():
        if first in members:
            return layer
    raise AssertionError(f"{name} belongs to no layer: add it to LAYERS (and to the README's 'How it is built')")


def graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """Each module of the package with the modules it imports."""
    return {module_name(path, package): imports_of(path, module_name(path, package))
            for path in sorted(package.rglob("*.py"))}


def violations(edges: Mapping[str, Iterable[str]]) -> list[str]:
    """Every import that breaks the layering, as ``a -> b: why``."""
    found = []
    for source, targets in edges.items():
        here = layer_of(source)
        for target in targets:
            there = layer_of(target)
            top = ([*source.split("."), ""])[1], ([*target.split("."), ""])[1]
            if LAYERS[there][0] > LAYERS[here][0]:
                found.append(f"{source} -> {target}: {here} imports the higher layer {there}")
            elif there in FORBIDDEN.get(here, set()):
                found.append(f"{source} -> {target}: {here} may not import {there}")
            elif here == there == "front" and top[0] != top[1] and top not in FRONT_END_EDGES:
                found.append(f"{source} -> {target}: one front end imports another")
    return found


def cycles(edges: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """The import circles: each a list of modules that import each other round."""
    found: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for target in sorted(edges.get(node, ())):
            if state.get(target) == 1:
                found.append([*path[path.index(target):], target])
            elif target not in state:
                visit(target)
        path.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node)
    return found


def test_every_module_belongs_to_a_layer():
    assert {layer_of(name) for name in MODULES} == set(LAYERS)


def test_no_module_imports_a_higher_layer_or_a_forbidden_one():
    assert violations(graph()) == []


def test_the_package_has_no_import_circles():
    edges = graph()
    # The package itself re-exports the API, and importing any submodule runs it first: that
    # edge is Python's, not a dependency of the submodule, so the package's own node is left out.
    inner = {name: {t for t in targets if t != "actplot"} for name, targets in edges.items() if name != "actplot"}
    assert cycles(inner) == []


def test_the_checks_find_what_they_look_for():
    edges = {
        "actplot.core.curves": {"actplot.catalog"},  # upwards
        "actplot.draw.figure": {"actplot.catalog"},  # allowed by rank, forbidden to a back end
        "actplot.sphinxext": {"actplot.cli"},  # one front end importing another
        "actplot.cli": {"actplot.gallery", "actplot.api"},  # the allowed ones
        "actplot.catalog": {"actplot.core.schema"},
    }
    assert violations(edges) == [
        "actplot.core.curves -> actplot.catalog: core imports the higher layer catalog",
        "actplot.draw.figure -> actplot.catalog: draw may not import catalog",
        "actplot.sphinxext -> actplot.cli: one front end imports another",
    ]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]


def test_imports_inside_functions_and_relative_imports_count(tmp_path):
    package = tmp_path / "actplot"
    (package / "core").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "core" / "__init__.py").write_text("")
    (package / "core" / "a.py").write_text("def f():\n    from actplot.draw import figure\n")
    (package / "core" / "b.py").write_text("from . import a\nfrom .a import f\n")
    modules = {"actplot", "actplot.core", "actplot.core.a", "actplot.core.b", "actplot.draw", "actplot.draw.figure"}
    assert imports_of(package / "core" / "a.py", "actplot.core.a", modules) == {"actplot.draw.figure"}
    assert imports_of(package / "core" / "b.py", "actplot.core.b", modules) == {"actplot.core.a"}
