"""`quote history` and `quote undo` (issue 24: undo was a manual `cp` of a file with a
timestamp-and-hash name, and hinted at only while the YAML was broken, not after a valid but
wrong price). Run as the owner runs them, on a scratch copy of the fixture site."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import copy_fixture_project, run_quote
from tests.support.commands import owner_environment

# tests/fixtures/site/pricing.yaml, line 86: the price of tier 3 of "content", 600 €.
PRICE_LINE = 86
# By hand: 600 / 1,21 = 495,87; 615 / 1,21 = 508,26 (VAT 21 %).
UP = "Satura plāns un publicēšana, 3 [content/3]: 600 € → 615 € ar PVN; 495,87 € → 508,26 € bez PVN"
DOWN = (
    "Satura plāns un publicēšana, 3 [content/3]: 615 € → 600 € ar PVN; 508,26 € → 495,87 € bez PVN"
)
UNDO_HINT = "Atsaukt: quote undo (visas versijas: quote history)."


def nbsp(text: str) -> str:
    """The prices' spaces as the formatting writes them (no-break)."""
    return text.replace(" €", "\u00a0€").replace("21 %", "21\u00a0%")


def set_price(project: Path, euros: int) -> None:
    pricing = project / "pricing.yaml"
    lines = pricing.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[PRICE_LINE - 1].startswith("        price: "), lines[PRICE_LINE - 1]
    lines[PRICE_LINE - 1] = f"        price: {euros}\n"
    pricing.write_text("".join(lines), encoding="utf-8")


def make_build(project: Path) -> subprocess.CompletedProcess:
    """What `make build` runs."""
    return subprocess.run(
        [sys.executable, "-m", "quote.site.builds", "--link", "preview"],
        cwd=project,
        env=owner_environment(),
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )


def built_price(project: Path) -> int:
    catalog = json.loads((project / "preview" / "data" / "pricing.json").read_text("utf-8"))
    content = next(s for s in catalog["services"] if s["id"] == "content")
    return next(t["price"] for t in content["tiers"] if t["id"] == "3")


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_fixture_project(tmp_path / "project")


@pytest.fixture
def changed(project) -> Path:
    """The fixture built at 600 €, then at 615 €."""
    first = make_build(project)
    assert "quote undo" not in first.stdout  # nothing to undo yet
    set_price(project, 615)
    second = make_build(project)
    assert second.stdout.splitlines()[-3:] == [
        "Cenas mainītas kopš iepriekšējās būvēšanas:",
        nbsp(f"~ {UP}"),
        UNDO_HINT,
    ]
    return project


def test_a_build_without_a_change_does_not_mention_undo(changed):
    assert "quote undo" not in make_build(changed).stdout


def test_a_change_of_text_only_says_the_prices_stayed(changed):
    pricing = changed / "pricing.yaml"
    text = pricing.read_text(encoding="utf-8")
    pricing.write_text(text.replace("Satura plāns un publicēšana", "Satura plāns", 1), "utf-8")
    assert make_build(changed).stdout.splitlines()[-2:] == [
        "Cenrādis mainīts kopš iepriekšējās būvēšanas (cenas nav mainītas).",
        UNDO_HINT,
    ]


def test_history_lists_the_built_versions_with_what_restoring_would_change(changed):
    result = run_quote("history", cwd=changed)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("1. ") and lines[0].endswith(" – tāda pati kā pašreizējā")
    assert lines[1].startswith("2. ") and "versija" in lines[1]
    assert lines[2] == nbsp(f"   ~ {DOWN}")
    assert lines[-1] == (
        "Atjaunot kādu no tām: quote undo N (bez N – jaunāko, kas atšķiras no pašreizējās)."
    )


def test_undo_shows_asks_and_a_no_changes_nothing(changed):
    before = (changed / "pricing.yaml").read_bytes()
    copies = sorted((changed / "var" / "pricing-history").iterdir())
    result = run_quote("undo", cwd=changed, input="nē\n")
    assert result.returncode == 1
    assert nbsp(f"   ~ {DOWN}") in result.stdout
    assert "Atjaunot šo versiju? (jā/nē):" in result.stdout
    assert result.stdout.endswith("Nekas netika mainīts.\n")
    assert (changed / "pricing.yaml").read_bytes() == before
    assert sorted((changed / "var" / "pricing-history").iterdir()) == copies
    assert built_price(changed) == 61500


def test_undo_restores_rebuilds_and_can_itself_be_undone(changed):
    pricing = changed / "pricing.yaml"
    at_615 = pricing.read_bytes()
    result = run_quote("undo", cwd=changed, input="jā\n", timeout=180)
    assert result.returncode == 0, result.stderr
    assert "        price: 600\n" in pricing.read_text(encoding="utf-8")
    assert built_price(changed) == 60000
    assert result.stdout.splitlines()[-1] == (
        "Vietne pārbūvēta (preview/). Lai to publicētu: make publish."
    )
    # The file it replaced is the newest version that differs: undo again puts it back.
    history = run_quote("history", cwd=changed).stdout.splitlines()
    assert history[2] == nbsp(f"   ~ {UP}")
    again = run_quote("undo", "--yes", cwd=changed, timeout=180)
    assert again.returncode == 0, again.stderr
    assert nbsp(f"   ~ {UP}") in again.stdout
    assert pricing.read_bytes() == at_615
    assert built_price(changed) == 61500


def test_undo_puts_back_a_good_version_over_a_broken_file(changed):
    pricing = changed / "pricing.yaml"
    pricing.write_text("services: [\n", encoding="utf-8")
    check = run_quote("check", cwd=changed)
    assert "Lai to atjaunotu: quote undo (vai cp var/pricing-history/" in check.stderr
    result = run_quote("undo", "--yes", cwd=changed, timeout=180)
    assert result.returncode == 0, result.stderr
    assert "(pašreizējais cenrādis nav derīgs: salīdzināt nav ar ko)" in result.stdout
    assert "        price: 615\n" in pricing.read_text(encoding="utf-8")
    # The broken file is kept too, as the owner left it.
    kept = sorted((changed / "var" / "pricing-history").glob("*-nederigs.yaml"))
    assert [path.read_text(encoding="utf-8") for path in kept] == ["services: [\n"]


def test_undo_of_a_version_that_is_not_there_says_so_and_changes_nothing(changed):
    before = (changed / "pricing.yaml").read_bytes()
    result = run_quote("undo", "9", "--yes", cwd=changed)
    assert result.returncode == 1
    assert result.stderr == "Versijas Nr. 9 nav; visas versijas: quote history.\n"
    assert (changed / "pricing.yaml").read_bytes() == before


def test_before_any_build_there_is_no_history(project):
    for args in (["history"], ["undo", "--yes"]):
        result = run_quote(*args, cwd=project)
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        assert result.stderr == (
            "Saglabātu pricing.yaml versiju vēl nav: tās rodas pēc katras veiksmīgas būvēšanas "
            "(make build, make serve, make publish).\n"
        )
    assert not (project / "var").exists()
