"""The tests' own shape (issue 21): helpers live in tests/support/ only, so no test module
imports another, and the static HTTP server and `wait_until` are written once, there."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.support import ROOT

# What serves files over HTTP by hand: a server class from http.server.
STATIC_SERVER_NAMES = {"HTTPServer", "ThreadingHTTPServer", "SimpleHTTPRequestHandler"}
# Helpers written once in tests/support/: waiting, the contact form's factories, the project root.
SUPPORT_FUNCTIONS = {"wait_until", "valid_form", "make_app"}
SUPPORT_NAMES = {"ROOT"}


def imported_modules(tree: ast.AST) -> set[str]:
    """Every module an ``import`` or ``from … import`` names, lazy ones inside functions too."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            prefix = "tests." if node.level and node.module.startswith("test_") else ""
            found.add(prefix + node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_module_imports(source: str) -> list[str]:
    """The test modules (tests/test_*.py) that ``source`` imports."""
    return sorted(
        name
        for name in imported_modules(ast.parse(source))
        if name.startswith("tests.test_") and name.count(".") == 1
    )


def helper_problems(source: str) -> list[str]:
    """A static HTTP server, `wait_until`, a form factory or `ROOT` written outside
    tests/support/."""
    problems = []
    tree = ast.parse(source)
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name) and target.id in SUPPORT_NAMES:
                    problems.append(f"line {node.lineno}: {target.id} =")
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name in SUPPORT_FUNCTIONS:
            problems.append(f"line {node.lineno}: def {node.name}")
        if isinstance(node, ast.Name | ast.Attribute):
            name = node.id if isinstance(node, ast.Name) else node.attr
            if name in STATIC_SERVER_NAMES:
                problems.append(f"line {node.lineno}: {name}")
        if isinstance(node, ast.ImportFrom) and node.module == "http.server":
            problems.append(f"line {node.lineno}: from http.server import …")
    return problems


def checked_files() -> list[Path]:
    """The test modules, the conftest and the tools that use the test helpers."""
    return sorted(
        [*ROOT.glob("tests/test_*.py"), ROOT / "tests" / "conftest.py", *ROOT.glob("tools/*.py")]
    )


test_module_imports.__test__ = False  # a helper named like a test


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("from tests.test_a11y import OPTIONS", ["tests.test_a11y"]),
        ("import tests.test_site_build", ["tests.test_site_build"]),
        ("from .test_typography import typography_problems", ["tests.test_typography"]),
        ("from tests import test_a11y", ["tests.test_a11y"]),
        ("def f():\n    from tests.test_a11y import OPTIONS", ["tests.test_a11y"]),
        ("from tests.support.browser import OPTIONS", []),
        ("from tests.support import test_data", []),
    ],
)
def test_imports_of_test_modules_are_seen(source, found):
    assert test_module_imports(source) == found


@pytest.mark.parametrize(
    ("source", "count"),
    [
        ("def wait_until(p):\n    pass", 1),
        ("from http.server import ThreadingHTTPServer", 1),
        ("import http.server\nhttp.server.SimpleHTTPRequestHandler", 1),
        ("from tests.support.endpoint import wait_until\nwait_until(bool)", 0),
        ("def valid_form(**changes):\n    return {}", 1),
        ("def make_app(tmp_path):\n    pass", 1),
        ("from pathlib import Path\nROOT = Path(__file__).parent.parent", 1),
        ("from tests.support import ROOT\nPAGES = ROOT / 'pages'", 0),
    ],
)
def test_hand_written_helpers_are_seen(source, count):
    assert len(helper_problems(source)) == count, helper_problems(source)


def test_no_test_module_imports_another():
    found = {
        str(path.relative_to(ROOT)): imports
        for path in checked_files()
        if (imports := test_module_imports(path.read_text(encoding="utf-8")))
    }
    assert found == {}, "move the shared helper to tests/support/"


def test_static_server_and_wait_until_only_in_support():
    found = {
        str(path.relative_to(ROOT)): problems
        for path in checked_files()
        if (problems := helper_problems(path.read_text(encoding="utf-8")))
    }
    assert found == {}, (
        "use tests/support/site.py serve_folder, tests/support/endpoint.py wait_until,"
        " tests/support/contact.py and tests.support.ROOT"
    )
