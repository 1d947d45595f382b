"""Typography on the built pages, in each page's language (docs/style.md): the quotation marks of
the language and no straight ones, spaced en dashes and no em dash, a no-break space between a
number and its unit (money, minutes and hours, days, weeks and months, posts, channels, revision
rounds, platforms), and never two spaces in a row; in the text, the attributes and the texts the
scripts show (the calculator's and the price list's).

The check runs on the site built from the owner's content/ and pricing.yaml, so a slip in the
copy is caught before it is published; fixture text shows that each rule can fail.
"""

from __future__ import annotations

import json

import pytest

from tests.support import (
    build,
    built_pages,
    copy_fixture_project,
    publish_languages,
    script_data,
    write_copy,
)
from tests.support.typography import page_language, typography_problems

NB = "\u00a0"


@pytest.mark.parametrize(
    ("html", "count"),
    [
        ("<p>„Labi” – 10\u00a0€, 10\u00a0minūšu, 80\u00a0€\u00a0/\u00a0st.</p>", 0),
        ("<p>350–600\u00a0€\u00a0/\u00a0mēn. un 1\u202f234\u00a0€</p>", 0),
        ("<p>“Labi”</p>", 1),
        ('<p>"Labi"</p>', 2),
        ("<p>Saturs — un forma</p>", 1),
        ("<p>10 €</p>", 1),
        ("<p>10€</p>", 1),
        ("<p>pēc 10 minūšu sarunas</p>", 1),
        ("<p>pēc 10 min sarunas</p>", 1),
        ("<p>sesija (2 st.)</p>", 1),
        ("<p>80 € / st.</p>", 1),
        ("<p><b>10</b> €</p>", 1),
        ("<p><b>10</b>&nbsp;€</p>", 0),
        ('<p><input value="10">€ mēnesī</p>', 0),
        ('<a title="“x”">x</a>', 1),
        ('<script type="application/ld+json">{"a": ["\\u201cx\\u201d"]}</script>', 1),
        ('<script type="application/ld+json">{"unitText": "sesija (2 st.)"}</script>', 0),
        ('<script type="application/json">{"restored": ["\\u201cx\\u201d"]}</script>', 1),
        ("<script>var a = '—';</script><style>p::after{content:'—'}</style>", 0),
        # units of time and counts, in every case form
        ("<p>nākamajiem 1–3 mēnešiem, 1 mēnesī, par 2 mēn.</p>", 3),
        ("<p>4–8 nedēļu laikā, pēc 1–2 nedēļām, 1 nedēļa</p>", 3),
        ("<p>7 dienu laikā, 1–2 darba dienu laikā, 1 diena</p>", 3),
        ("<p>10 ieraksti, 1 ieraksts, 10 ierakstiem</p>", 3),
        ("<p>1 kanāls, 2 kanāli, 3 kanālos, 2–3 kanālu</p>", 4),
        ("<p>2 labojumu cikli, 1 platformā</p>", 2),
        ("<p>4–8&nbsp;nedēļu, 1–2&nbsp;darba dienu, 10&nbsp;ieraksti, 2&nbsp;kanālos</p>", 0),
        ("<p>1.–2. nedēļa, 5.–8. nedēļa</p>", 0),
        ('<script type="application/json">{"period": "Par {n} mēnešiem"}</script>', 1),
        ('<script type="application/json">{"period": "Par {n}\\u00a0mēnešiem"}</script>', 0),
        # two spaces in a row, as shown: source whitespace collapses, a no-break space does not
        ("<p>650\u00a0€  / mēn.</p>", 0),
        ("<p>650\u00a0€ &nbsp;/ mēn.</p>", 1),
        ("<p><span>650\u00a0€</span> <span>&nbsp;/&nbsp;mēn.</span></p>", 1),
        ("<p><span>650\u00a0€</span><span>&nbsp;/&nbsp;mēn.</span></p>", 0),
        ("<p>Teksts.</p>\n  <p>&nbsp;Cits</p>", 0),
        ('<script type="application/json">{"a": "divas  atstarpes"}</script>', 1),
    ],
)
def test_typography_problems_finds_each_slip(html, count):
    assert len(typography_problems(html, lang="lv")) == count, typography_problems(html, lang="lv")


@pytest.mark.parametrize(
    ("html", "count"),
    [
        ("<p>“Good” – €10, a 10-minute call, €80\u00a0/\u00a0hour, don’t</p>", 0),
        ("<p>„Good”</p>", 1),
        ('<p>"Good"</p>', 2),
        ("<p>don't</p>", 1),
        ("<p>Content — and form</p>", 1),
        ("<p>in 4–8 weeks, after 7 days, within 1–2 working days, for 3 months</p>", 4),
        ("<p>1 channel, 2–3 channels, 10 posts each, 2 revision rounds, 1 platform</p>", 5),
        ("<p>in 4–8&nbsp;weeks, 10&nbsp;posts, 2&nbsp;channels, Weeks 1–2</p>", 0),
        ('<script type="application/json">{"period": "For {n} months"}</script>', 1),
        ("<p><span>€650</span> <span>&nbsp;/&nbsp;month</span></p>", 1),
    ],
)
def test_english_typography_problems_finds_each_slip(html, count):
    assert len(typography_problems(html, lang="en")) == count, typography_problems(html, lang="en")


def test_the_rules_follow_the_pages_language():
    assert page_language('<html lang="en"><p>don\'t</p></html>') == "en"
    assert len(typography_problems('<html lang="en"><p>don\'t</p></html>')) == 1
    assert typography_problems('<html lang="lv"><p>don\'t</p></html>') == []


def site_problems(output) -> dict[str, list[str]]:
    """Each page's problems, the texts its scripts show included."""
    found = {}
    for page in built_pages(output):
        html = page.read_text(encoding="utf-8")
        problems = typography_problems(html, script_data(html, output, catalog=True))
        if problems:
            found[str(page.relative_to(output))] = problems
    return found


def test_built_pages_keep_their_languages_typography(site):
    languages = {page_language(page.read_text(encoding="utf-8")) for page in built_pages(site)}
    assert "lv" in languages
    found = site_problems(site)
    assert not found, "Typography (docs/style.md):\n" + json.dumps(
        found, ensure_ascii=False, indent=1
    )


def test_the_fixture_site_keeps_it_in_both_languages(bilingual_site):
    """The templates and the scripts' texts, on the fixture's copy and price list: the package
    cards' price once had a space and a no-break space in a row."""
    assert {"index.html", "en/index.html"} <= {
        str(page.relative_to(bilingual_site)) for page in built_pages(bilingual_site)
    }
    found = site_problems(bilingual_site)
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)


def test_a_slip_in_the_copy_fails_the_check(tmp_path):
    project = copy_fixture_project(tmp_path / "project")
    publish_languages(project, ["lv", "en"])
    write_copy(
        project,
        "content/faq/90-typography.md",
        "Title: Vai “šis” ir labi?\nSlug: typography\n\n"
        "Saruna — 10 minūšu, cena 80 € par sesiju (2 st.), atbilde 1–2 darba dienu laikā, "
        "2 kanāli un 10 ieraksti &nbsp;mēnesī.\n",
        'Title: Is "this" right?\nSlug: typography\n\n'
        "We'll talk for 10 minutes — and reply within 2 working days, 2 channels &nbsp;a month.\n",
    )
    output = tmp_path / "output"
    result = build(project, output)
    assert result.returncode == 0, result.stdout + result.stderr
    # A question's answer is shown on the FAQ page (its question on the landing page too).
    latvian = typography_problems((output / "buj" / "index.html").read_text(encoding="utf-8"))
    assert any("“" in p and "šis" in p for p in latvian), latvian
    assert any("—" in p and "Saruna" in p for p in latvian), latvian
    assert sum(p.startswith("no-break space") for p in latvian) == 6, latvian
    assert sum(p.startswith("two spaces") for p in latvian) == 1, latvian
    english = typography_problems((output / "en" / "faq" / "index.html").read_text("utf-8"))
    assert sum(p.startswith("straight quotation mark") for p in english) == 2, english
    assert sum(p.startswith("straight apostrophe") for p in english) == 1, english
    assert sum(p.startswith("em dash") for p in english) == 1, english
    assert sum(p.startswith("no-break space") for p in english) == 3, english
    assert sum(p.startswith("two spaces") for p in english) == 1, english
    # The same pages without the slips pass.
    write_copy(
        project,
        "content/faq/90-typography.md",
        "Title: Vai „šis” ir labi?\nSlug: typography\n\n"
        "Saruna – 10&nbsp;minūšu, cena 80&nbsp;€ par sesiju (2&nbsp;st.), atbilde "
        "1–2&nbsp;darba dienu laikā, 2&nbsp;kanāli un 10&nbsp;ieraksti mēnesī.\n",
        "Title: Is “this” right?\nSlug: typography\n\n"
        "We’ll talk for 10&nbsp;minutes – and reply within 2&nbsp;working days, "
        "2&nbsp;channels a month.\n",
    )
    fixed = tmp_path / "fixed"
    assert build(project, fixed).returncode == 0
    assert site_problems(fixed) == {}


def test_a_slip_in_the_price_list_is_found_where_the_calculator_shows_it(tmp_path):
    """A tier summary is shown by the calculator's script from the catalog, not only in the
    price table."""
    project = copy_fixture_project(tmp_path / "project")
    pricing = project / "pricing.yaml"
    text = pricing.read_text(encoding="utf-8")
    assert f"lv: 1{NB}kanāls, 10{NB}ieraksti" in text
    pricing.write_text(text.replace(f"lv: 1{NB}kanāls", "lv: 1 kanāls"), encoding="utf-8")
    output = tmp_path / "output"
    assert build(project, output).returncode == 0
    html = (output / "index.html").read_text(encoding="utf-8")
    in_page = typography_problems(html)
    with_scripts = typography_problems(html, script_data(html, output, catalog=True))
    assert [p for p in with_scripts if p not in in_page and "1 kanāls" in p], with_scripts
