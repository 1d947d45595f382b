"""Latvian typography on the built Latvian pages (docs/style.md): „…” quotation marks, spaced en
dashes, a no-break space between a number and "€", "min" or "st.".

The check runs on the site built from the owner's content/ and pricing.yaml, so a slip in the
copy is caught before it is published; a scratch project with bad strings shows it can fail.
"""

from __future__ import annotations

import json

import pytest

from tests.support import build, built_pages, copy_project, parse, script_data, write_copy
from tests.support.typography import typography_problems


@pytest.mark.parametrize(
    ("html", "count"),
    [
        ("<p>„Labi” – 10\u00a0€, 10\u00a0minūšu, 80\u00a0€\u00a0/\u00a0st.</p>", 0),
        ("<p>350–600\u00a0€\u00a0/\u00a0mēn. un 1\u202f234\u00a0€</p>", 0),
        ("<p>“Labi”</p>", 1),
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
    ],
)
def test_typography_problems_finds_each_slip(html, count):
    assert len(typography_problems(html)) == count, typography_problems(html)


def test_built_pages_keep_latvian_typography(site):
    found = {}
    latvian = [
        page
        for page in built_pages(site)
        # The Latvian pages: an English page writes English quotation marks and "€650".
        if parse(page.read_text(encoding="utf-8")).css_first("html").attributes.get("lang") == "lv"
    ]
    assert site / "index.html" in latvian
    for page in latvian:
        html = page.read_text(encoding="utf-8")
        problems = typography_problems(html, script_data(html, site))
        if problems:
            found[str(page.relative_to(site))] = problems
    assert not found, "Latvian typography (docs/style.md):\n" + json.dumps(
        found, ensure_ascii=False, indent=1
    )


def test_a_slip_in_the_copy_fails_the_check(tmp_path):
    project = copy_project(tmp_path / "project")
    write_copy(
        project,
        "content/faq/90-typography.md",
        "Title: Vai “šis” ir labi?\nSlug: typography\n\n"
        "Saruna — 10 minūšu, cena 80 € par sesiju (2 st.).\n",
        "Title: Is this right?\nSlug: typography\n\nA 10-minute call.\n",
    )
    output = tmp_path / "output"
    result = build(project, output)
    assert result.returncode == 0, result.stdout + result.stderr
    # A question's answer is shown on the FAQ page (its question on the landing page too).
    problems = typography_problems((output / "buj" / "index.html").read_text(encoding="utf-8"))
    assert any("“" in p and "šis" in p for p in problems), problems
    assert any("—" in p and "Saruna" in p for p in problems), problems
    assert sum("no-break space" in p for p in problems) == 3, problems
    # The same page without the slips passes.
    (project / "content" / "faq" / "90-typography.md").write_text(
        "Title: Vai „šis” ir labi?\nSlug: typography\n\n"
        "Saruna – 10&nbsp;minūšu, cena 80&nbsp;€ par sesiju (2&nbsp;st.).\n",
        encoding="utf-8",
    )
    fixed = tmp_path / "fixed"
    assert build(project, fixed).returncode == 0
    left = typography_problems((fixed / "buj" / "index.html").read_text(encoding="utf-8"))
    assert len(left) == len(problems) - 5, left
