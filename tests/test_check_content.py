"""`quote check` checks the content too (issue 24: it exited 0 while content files had errors).

Each case is a scratch copy of the fixture site, checked by the real command; the expected lines
are written by hand from the fixture files as edited here."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import copy_fixture_project, publish_languages, run_quote

HERO = "content/landing/10-sakums.md"


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_fixture_project(tmp_path / "project")


def files_of(project: Path) -> list[str]:
    return sorted(str(p.relative_to(project)) for p in project.rglob("*"))


def test_a_good_site_checks_its_content_and_leaves_nothing_behind(project):
    before = files_of(project)
    result = run_quote("check", cwd=project, timeout=180)
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("Saturs: kļūdu nav.\n")
    assert files_of(project) == before


def test_a_content_mistake_fails_the_check_at_its_file_and_line(project):
    hero = project / HERO
    hero.write_text(hero.read_text(encoding="utf-8").replace("Layout: hero", "Layout: varonis"))
    before = files_of(project)
    result = run_quote("check", cwd=project, timeout=180)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0] == (
        f"{HERO}:2: Layout: nezināms izkārtojums 'varonis'; gaidīts viens no: hero, cards, text, "
        "steps, prices, configurator, faq, contact, about, results, testimonials"
    )
    assert lines[-1] == "Saturā ir kļūdas: vietne ar to netiktu būvēta."
    assert "Traceback" not in result.stderr
    # The price list itself was fine, and is still shown.
    assert "pricing.yaml: kļūdu nav" in result.stdout
    assert files_of(project) == before
    prices = run_quote("check", "--prices-only", cwd=project)
    assert prices.returncode == 0 and "Saturs" not in prices.stdout


def test_a_missing_translation_is_a_warning_not_a_failure(project):
    publish_languages(project, ["lv", "en"])
    (project / "content" / "faq" / "10-rezultati.en.md").unlink()
    result = run_quote("check", cwd=project, timeout=180)
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("Saturs: kļūdu nav.\n")
    assert "brīdinājums: nav tulkojuma valodā 'en'" in result.stderr
    assert "content/faq/10-rezultati.en.md" in result.stderr


def test_a_warning_beside_a_mistake_is_said_once(project):
    publish_languages(project, ["lv", "en"])
    (project / "content" / "faq" / "10-rezultati.en.md").unlink()
    hero = project / HERO
    hero.write_text(hero.read_text(encoding="utf-8").replace("Layout: hero", "Layout: varonis"))
    result = run_quote("check", cwd=project, timeout=180)
    assert result.returncode == 1
    missing = [line for line in result.stderr.splitlines() if "nav tulkojuma valodā 'en'" in line]
    assert len(missing) == 1, result.stderr
    assert missing[0].startswith("content/faq/10-rezultati.md:")
    assert f"{HERO}:2: Layout: nezināms izkārtojums 'varonis'" in result.stderr
