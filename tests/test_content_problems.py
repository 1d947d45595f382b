"""Mistakes in the landing and FAQ Markdown files: Latvian, one line each, all at once.

Each mistake is made in a scratch copy of the fixture site and built by a real Pelican process;
the expected lines are written by hand (line numbers of the fixture files as edited here).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support import build, copy_fixture_project, publish_languages

SUMMARY = "vietne netika būvēta."


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def lines_of(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("content/")]


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_fixture_project(tmp_path / "scratch")


# One time for every content file: mistakes made in several files at once come in file order
# (the file saved last would come first, see test_the_file_saved_last_comes_first).
SAVED_TOGETHER = (1_700_000_000_000_000_000, 1_700_000_000_000_000_000)


def failed_build(project: Path, saved_together: bool = True) -> str:
    if saved_together:
        for path in (project / "content").rglob("*"):
            os.utime(path, ns=SAVED_TOGETHER)
    output = project / "output"
    output.mkdir()
    (output / "index.html").write_text("old", encoding="utf-8")
    result = build(project, output)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "Error" not in result.stderr  # no Python exception names either
    assert (output / "index.html").read_text(encoding="utf-8") == "old"
    return result.stderr


def test_every_metadata_mistake_at_once_with_file_line_and_hint(project):
    landing, faq = project / "content" / "landing", project / "content" / "faq"
    edit(landing / "20-principi.md", "Layout: cards\n", "Layout: card\n")
    edit(landing / "30-komunikacija.md", "Anchor: komunikacija\n", "")
    edit(landing / "50-process.md", "Anchor: process\n", "Anchor: principi\n")
    edit(faq / "10-rezultati.md", "Title: Cik", "Tittle: Cik")
    edit(landing / "60-ieguvumi.md", "Anchor: ieguvumi\n", "Anchor: ieguvumi\nNavv: Ieguvumi\n")
    stderr = failed_build(project)
    assert lines_of(stderr) == [
        "content/faq/10-rezultati.md:1: Tittle: nezināms lauks; gaidīts viens no: Title, Slug, "
        "Status, Lang; varbūt domāts 'Title'?",
        "content/faq/10-rezultati.md:1: trūkst lauka Title (jautājums); gaidīta rinda "
        "'Title: …' faila galvā; vai 'Tittle:' ir pārrakstīšanās?",
        "content/landing/20-principi.md:2: Layout: nezināms izkārtojums 'card'; gaidīts viens "
        "no: hero, cards, text, steps, prices, configurator, faq, contact, about, results, "
        "testimonials; varbūt domāts 'cards'?",
        "content/landing/30-komunikacija.md:1: trūkst lauka Anchor (sadaļas adrese lapā, #…); "
        "gaidīta rinda 'Anchor: …' faila galvā",
        "content/landing/50-process.md:4: Anchor: adrese 'principi' jau ir failā "
        "content/landing/20-principi.md:3; gaidīta adrese, kas lapā ir tikai vienreiz",
        "content/landing/60-ieguvumi.md:5: Navv: nezināms lauks; gaidīts viens no: Title, Layout, "
        "Anchor, Nav, Heading, Cta, Cta_anchor, Status, Lang, Icons, Photo, Photo_alt; varbūt "
        "domāts "
        "'Nav'?",
    ]
    assert stderr.rstrip().endswith(f"content: kļūdu skaits: 6; {SUMMARY}")


def test_unclosed_elements_and_literal_markdown_marks_fail_with_their_line(project):
    landing, faq = project / "content" / "landing", project / "content" / "faq"
    append(landing / "30-komunikacija.md", '\n<div class="izcelts">\nTeksts bez beigām.\n')
    append(faq / "20-reklamu-budzets.md", "\nTas ir **ļoti svarīgi.\n")
    append(faq / "30-kanali.md", "\nŠis __nav pabeigts.\n")
    append(faq / "40-linkedin.md", "\nTeksts.</span>\n")

    stderr = failed_build(project)
    komunikacija = (landing / "30-komunikacija.md").read_text(encoding="utf-8")
    div_line = komunikacija.splitlines().index('<div class="izcelts">') + 1
    budzets = (faq / "20-reklamu-budzets.md").read_text(encoding="utf-8").splitlines()
    kanali = (faq / "30-kanali.md").read_text(encoding="utf-8").splitlines()
    linkedin = (faq / "40-linkedin.md").read_text(encoding="utf-8").splitlines()
    assert lines_of(stderr) == [
        f"content/faq/20-reklamu-budzets.md:{len(budzets)}: lapā redzams '**' („Tas ir **ļoti "
        "svarīgi.”); treknrakstam vajag pāri: **teksts**, bez atstarpes aiz atverošā un pirms "
        "aizverošā",
        f"content/faq/30-kanali.md:{len(kanali)}: lapā redzams '__' („Šis __nav pabeigts.”); "
        "treknrakstam vajag pāri: __teksts__, bez atstarpes aiz atverošā un pirms aizverošā",
        f"content/faq/40-linkedin.md:{len(linkedin)}: </span> bez atbilstoša <span>; izdzēsiet "
        "to vai pievienojiet sākuma birku",
        f'content/landing/30-komunikacija.md:{div_line}: elements <div class="izcelts"> nav '
        "aizvērts; gaidīts </div> tajā pašā sadaļā",
    ]


def test_pelicans_own_reading_errors_are_reported_as_the_files_problem(project):
    landing, pages = project / "content" / "landing", project / "content" / "pages"
    path = landing / "40-pirmais-menesis.md"
    path.write_text("Date: vakar\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    edit(pages / "paldies.md", "Title: Paldies!\n", "")

    stderr = failed_build(project)
    assert lines_of(stderr) == [
        "content/landing/40-pirmais-menesis.md:1: failu neizdevās nolasīt (Pelican: 'vakar' is "
        "not a valid date)",
        "content/pages/paldies.md:1: trūkst lauka Title (lapas virsraksts); gaidīta rinda "
        "'Title: …' faila galvā",
    ]


def test_bold_code_and_closed_html_are_fine(project):
    append(
        project / "content" / "faq" / "30-kanali.md",
        '\n**Trekns** un `a**b__c` kodā.\n\n<div class="izcelts">\n\nTeksts.\n\n</div>\n',
    )
    result = build(project, project / "output")
    assert result.returncode == 0, result.stderr


def test_the_file_saved_last_comes_first(project):
    # The owner changes the Latvian section's anchor; its English file, untouched, now lacks an
    # original. The file they saved is named first, though its name sorts after the other's.
    publish_languages(project, ["lv", "en"])
    landing = project / "content" / "landing"
    english = landing / "30-komunikacija.en.md"
    os.utime(english, ns=SAVED_TOGETHER)
    edit(landing / "30-komunikacija.md", "Anchor: komunikacija\n", "Anchor: sistema\n")
    assert lines_of(failed_build(project, saved_together=False)) == [
        "content/landing/30-komunikacija.md:3: nav tulkojuma valodā 'en': vajadzīgs fails ar "
        "Lang: en un Anchor: sistema (vai jāizņem 'en' no LANGUAGES)",
        "content/landing/30-komunikacija.en.md:4: tulkojums valodā 'en' bez publicēta oriģināla "
        "valodā 'lv' (fails ar Anchor: komunikacija bez Status: draft); publicē oriģinālu vai "
        "liec šim failam Status: draft",
    ]


def test_a_misspelt_template_of_the_faq_page_is_reported_in_that_page(project):
    edit(project / "content" / "pages" / "buj.md", "Template: faq\n", "Templat: faq\n")
    assert lines_of(failed_build(project)) == [
        "content/pages/buj.md:3: Templat: nezināms lauks; varbūt domāts 'Template'? Bez "
        "Template: faq šī nav BUJ lapa, un sadaļas content/landing/90-buj.md jautājumi nevar uz "
        "to norādīt",
    ]


def test_a_mistake_in_a_translation_is_not_called_a_missing_file(project):
    # The owner misspells Slug in the English question; the Latvian one is untouched. The
    # English file is there: the warning must not ask for it to be created.
    publish_languages(project, ["lv", "en"])
    faq = project / "content" / "faq"
    edit(faq / "10-rezultati.en.md", "Slug: cik-atri", "Slgu: cik-atri")
    lines = lines_of(failed_build(project))
    # The mistakes come first, in the file the owner changed; then the warning that follows.
    assert lines[0].startswith("content/faq/10-rezultati.en.md:2: Slgu: nezināms lauks"), lines
    assert lines[1].startswith("content/faq/10-rezultati.en.md:2: trūkst lauka Slug"), lines
    assert lines[2:] == [
        "content/faq/10-rezultati.md:2: brīdinājums: valodā 'en' šī jautājuma nav: fails "
        "content/faq/10-rezultati.en.md ir, bet nav lasīts kā tā tulkojums (tajā ir kļūda, "
        "cits Slug nekā cik-atri-parasti-paradas-rezultati vai Status: draft); līdz tam valodas "
        "'en' lapās šī jautājuma nav"
    ]
