"""The shape of ``quote/``: no import cycle, layers that only look down, and a map that is true.

The layers, lowest first (docs/contracts.md, "Layout and ownership"): the shared modules
(errors, money, i18n, estimate, owner, private), then ``pricing``, ``contact``, ``offers``,
``site``, and on top the entry points (``commands``, ``cli``, ``python -m`` modules). A module
imports its own layer and the ones below it, never one above. Imports under ``TYPE_CHECKING``
are for annotations only (never run) and are left out.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.support import ROOT

PACKAGE = ROOT / "quote"
CONTRACTS = ROOT / "docs" / "contracts.md"

LAYERS = {
    "pricing": 1,
    "contact": 2,
    "counting": 2,
    "offers": 3,
    "stats": 3,
    "site": 4,
    "commands": 5,
    "cli": 5,
}
ENTRY_POINT = 5


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imported_names(tree: ast.Module, name: str, is_package: bool) -> list[str]:
    """Every module name an import statement of the module names, run-time imports only."""
    found: list[str] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            found.append(source)
            found.extend(f"{source}.{alias.name}" for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def import_graph() -> dict[str, set[str]]:
    known = modules()
    graph: dict[str, set[str]] = {}
    for name, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        targets = set()
        for imported in _imported_names(tree, name, path.name == "__init__.py"):
            if imported in known and imported != name:
                targets.add(imported)
        # "from quote.pricing import messages" names the module, not the package: keep the
        # package only when nothing more precise was named through it.
        graph[name] = {t for t in targets if not any(o.startswith(t + ".") for o in targets)}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1 on the path, 2 done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state:
                cycle = visit(target)
                if cycle:
                    return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return None


def layer(name: str) -> int:
    parts = name.split(".")
    if parts[-1] == "__main__":
        return ENTRY_POINT
    return LAYERS.get(parts[1], 0) if len(parts) > 1 else 0


def test_find_cycle_sees_a_cycle_through_three_modules():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_relative_and_lazy_imports_are_seen(tmp_path):
    tree = ast.parse(
        "from .store import Store\n"
        "def f():\n    from quote.pricing import model\n"
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from quote.offers import document\n"
    )
    names = _imported_names(tree, "quote.contact.app", is_package=False)
    assert "quote.contact.store" in names
    assert "quote.pricing.model" in names
    assert not any(n.startswith("quote.offers") for n in names)


def test_no_import_cycle_in_quote():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_a_lower_layer_never_imports_a_higher_one():
    wrong = [
        f"{source} (layer {layer(source)}) imports {target} (layer {layer(target)})"
        for source, targets in import_graph().items()
        for target in sorted(targets)
        if layer(target) > layer(source)
    ]
    assert wrong == []


def test_no_flat_pricing_modules_left():
    flat = sorted(p.name for p in PACKAGE.glob("*.py") if re.match(r"prices?_", p.name))
    assert flat == []


def test_every_exception_class_is_in_errors():
    """Every exception of quote/ is in quote/errors.py, but the endpoint's request-level ones,
    which never leave it (each becomes an HTTP answer): those are in quote/contact/errors.py."""
    homes = {PACKAGE / "errors.py", PACKAGE / "contact" / "errors.py"}
    elsewhere = []
    for path in PACKAGE.rglob("*.py"):
        if path in homes:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases = {getattr(b, "id", getattr(b, "attr", "")) for b in node.bases}
                if any(b.endswith(("Error", "Exception")) for b in bases):
                    elsewhere.append((str(path.relative_to(ROOT)), node.name))
    assert elsewhere == []


def mapped_modules() -> set[str]:
    """The .py files the layout map in docs/contracts.md names under quote/ (by indentation)."""
    text = CONTRACTS.read_text(encoding="utf-8")
    block = text.split("## Layout and ownership", 1)[1].split("```", 2)[1]
    stack: list[tuple[int, str]] = []
    found: set[str] = set()
    for line in block.splitlines():
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip(" "))
        # the leading names of a line (several may share one: "check.py  diff.py  …")
        names = []
        for word in line.split():
            if not word.endswith((".py", "/")):
                break
            names.append(word)
        while stack and stack[-1][0] >= indent:
            stack.pop()
        prefix = "".join(folder for _, folder in stack)
        found.update(prefix + name for name in names if name.endswith(".py"))
        if names and names[0].endswith("/"):
            stack.append((indent, names[0]))
    return {name for name in found if name.startswith("quote/")}


def test_layout_map_lists_every_module_and_none_that_is_gone():
    real = {str(p.relative_to(ROOT)) for p in PACKAGE.rglob("*.py") if p.name != "__init__.py"}
    mapped = mapped_modules()
    assert sorted(real - mapped) == [], "modules missing from docs/contracts.md"
    assert sorted(mapped - real) == [], "docs/contracts.md lists modules that are gone"
