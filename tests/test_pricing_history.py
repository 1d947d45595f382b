"""Undo: good builds keep the last good pricing.yaml copies in var/; a broken file says how to
restore one, in `quote check` and in the build's messages (so in the preview's banner too)."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from quote.pricing.backups import copies, remember
from tests.support import BIN, FIXTURE_PROJECT, ROOT, copy_fixture_project

MAKE_BUILD = ("--settings", "pelicanconf.py", "--link", "preview")


def make_build(project: Path) -> subprocess.CompletedProcess:
    """What `make build` runs."""
    return subprocess.run(
        [str(BIN / "python"), "-m", "quote.site.builds", *MAKE_BUILD],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=180,
    )


def check(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "quote"), "check"], cwd=project, capture_output=True, text=True, timeout=60
    )


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_fixture_project(tmp_path / "scratch")


@pytest.fixture(scope="module")
def built_once(tmp_path_factory) -> Path:
    """A scratch copy after one good `make build` (its pricing.yaml kept in
    var/pricing-history), made once for the module; `built_project` gives each test a copy."""
    scratch = tmp_path_factory.mktemp("built-once")
    result = make_build(copy_fixture_project(scratch))
    assert result.returncode == 0, result.stdout + result.stderr
    return scratch


@pytest.fixture
def built_project(built_once, tmp_path) -> Path:
    """A private copy of `built_once` for a test that breaks its price list: the state of a
    fresh copy after `make build` (the first test checks that state step by step), without a
    build per test."""
    shutil.copytree(built_once, tmp_path / "scratch", symlinks=True)
    return tmp_path / "scratch" / FIXTURE_PROJECT.relative_to(ROOT)


def test_a_good_build_keeps_a_copy_when_the_prices_mean_something_new(project):
    pricing = project / "pricing.yaml"
    history = project / "var" / "pricing-history"
    assert make_build(project).returncode == 0
    [first] = copies(pricing)
    assert first.parent == history
    assert first.read_bytes() == pricing.read_bytes()

    pricing.write_text(pricing.read_text(encoding="utf-8") + "# tikai komentārs\n", "utf-8")
    assert make_build(project).returncode == 0
    assert copies(pricing) == [first]  # same meaning, no new copy

    original = pricing.read_text(encoding="utf-8")
    pricing.write_text(original.replace("price: 600\n", "price: 640\n"), encoding="utf-8")
    assert make_build(project).returncode == 0
    newest, older = copies(pricing)
    assert older == first and "price: 640\n" in newest.read_text(encoding="utf-8")

    pricing.write_text("", encoding="utf-8")
    assert make_build(project).returncode != 0
    assert copies(pricing) == [newest, older]  # a broken file is never kept


def test_only_the_newest_few_copies_are_kept(tmp_path):
    pricing = tmp_path / "pricing.yaml"
    pricing.write_text("currency: EUR\n", encoding="utf-8")
    for number in range(7):
        remember(pricing, f"{number:012x}")
        newest = copies(pricing)[0]
        # Distinct, ordered names even within one second.
        os.rename(newest, newest.with_name(f"pricing-2026010{number}T000000-{number:012x}.yaml"))
    assert [p.name[-17:-5] for p in copies(pricing)] == [f"{n:012x}" for n in (6, 5, 4, 3, 2)]


@pytest.mark.parametrize("broken", ["", "services: [\n", "\x00\x01"])
def test_an_empty_or_unparsable_file_tells_how_to_restore_the_last_good_copy(built_project, broken):
    project = built_project
    pricing = project / "pricing.yaml"
    good = pricing.read_text(encoding="utf-8")
    [copy] = copies(pricing)
    pricing.write_text(broken, encoding="utf-8")

    result = check(project)
    assert result.returncode == 1
    restore = f"cp {shlex.quote(os.path.relpath(copy, project))} pricing.yaml"
    assert restore in result.stderr
    assert "Pēdējā derīgā pricing.yaml versija" in result.stderr
    built = make_build(project)
    assert built.returncode == 1 and restore in built.stderr

    subprocess.run(shlex.split(restore), cwd=project, check=True)
    assert pricing.read_text(encoding="utf-8") == good
    assert check(project).returncode == 0


def test_an_invalid_but_readable_file_gets_no_restore_hint(built_project):
    pricing = built_project / "pricing.yaml"
    assert copies(pricing)  # a copy to restore exists, and still no hint is given
    pricing.write_text(pricing.read_text("utf-8").replace("price: 600\n", "price: abc\n"), "utf-8")
    result = check(built_project)
    assert result.returncode == 1 and "services[content].tiers[3].price" in result.stderr
    assert "cp " not in result.stderr
