"""A missing translation warns and never blocks (issue 24): the other language just does not
show what is not translated, and the build names the file to create."""

from __future__ import annotations

from pathlib import Path

import pytest

from quote.i18n import looks_untranslated
from tests.support import build, copy_fixture_project, publish_languages

SLUG = "cik-labojumu-cikli-ir-ieklauti"


def test_a_faq_question_in_latvian_only_builds_and_warns(tmp_path: Path) -> None:
    project = copy_fixture_project(tmp_path / "project")
    publish_languages(project, ["lv", "en"])
    (project / "content" / "faq" / "80-labojumi.en.md").unlink()
    output = tmp_path / "output"

    result = build(project, output)

    said = result.stdout + result.stderr
    assert result.returncode == 0, said
    assert "Traceback" not in said
    warning = next(line for line in said.splitlines() if "80-labojumi.md" in line)
    assert "brīdinājums" in warning
    assert "80-labojumi.en.md" in warning
    assert "Lang: en" in warning
    assert f"Slug: {SLUG}" in warning
    latvian = "".join(p.read_text(encoding="utf-8") for p in output.glob("*.html"))
    latvian += "".join(p.read_text(encoding="utf-8") for p in output.glob("*/index.html"))
    english = "".join(p.read_text(encoding="utf-8") for p in (output / "en").rglob("*.html"))
    assert SLUG in latvian
    assert SLUG not in english


def test_a_page_in_latvian_only_builds_warns_and_english_links_to_it(tmp_path: Path) -> None:
    project = copy_fixture_project(tmp_path / "project")
    publish_languages(project, ["lv", "en"])
    (project / "content" / "pages" / "privatuma-politika.en.md").unlink()
    output = tmp_path / "output"

    result = build(project, output)

    said = result.stdout + result.stderr
    assert result.returncode == 0, said
    assert "Traceback" not in said
    warning = next(line for line in said.splitlines() if "privatuma-politika.md" in line)
    assert warning == (
        "content/pages/privatuma-politika.md: brīdinājums: nav tulkojuma valodā 'en': "
        "izveidojiet failu content/pages/privatuma-politika.en.md ar Lang: en un "
        "Slug: privatuma-politika; līdz tam valodas 'en' lapas ved uz šo lapu"
    )
    assert (output / "privatuma-politika" / "index.html").is_file()
    english = (output / "en" / "index.html").read_text(encoding="utf-8")
    assert 'href="/privatuma-politika/"' in english  # the page that exists, not a 404
    latvian_page = (output / "privatuma-politika" / "index.html").read_text(encoding="utf-8")
    assert 'hreflang="en"' not in latvian_page  # no switch to a page that is not there


@pytest.mark.parametrize(
    ("text", "original", "untranslated"),
    [
        (
            "Labdien! Šis teksts vēl ir latviešu valodā, jo tulkojums nav gatavs; rezultāti būs "
            "redzami pēc mēneša.",
            None,
            True,
        ),
        ("Hello! Jānis and Līga from Rīga manage our channels every week.", None, False),
        ("Same words here.", "Same  words here.", True),  # copied: the same words
        ("The ad budget is paid to the platforms.", "Reklāmu budžetu maksā platformām.", False),
        ("", None, False),
    ],
)
def test_what_counts_as_not_yet_translated(text, original, untranslated):
    assert looks_untranslated(text, original, "lv") is untranslated


def test_an_english_file_still_in_latvian_builds_and_is_reported(tmp_path: Path) -> None:
    project = copy_fixture_project(tmp_path / "project")
    publish_languages(project, ["lv", "en"])
    faq = project / "content" / "faq"
    clean = build(project, tmp_path / "clean")
    assert "nav tulkots" not in clean.stdout + clean.stderr  # the fixture's English is English
    latvian = (faq / "80-labojumi.md").read_text(encoding="utf-8")
    english = (faq / "80-labojumi.en.md").read_text(encoding="utf-8")
    head = english.split("\n\n", 1)[0]
    (faq / "80-labojumi.en.md").write_text(head + "\n\n" + latvian.split("\n\n", 1)[1])

    result = build(project, tmp_path / "output")

    said = result.stdout + result.stderr
    assert result.returncode == 0, said
    assert "content/faq/80-labojumi.en.md: brīdinājums: teksts nav tulkots valodā 'en'" in said, (
        said
    )
