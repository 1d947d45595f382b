"""Case studies: a page each, a list per language, and the landing page's link (issue 27).

The fixture's case studies (tests/fixtures/site/content/projekti): ``kafejnica-instagram`` in
Latvian and English, ``gramatvedibas-birojs`` in Latvian only.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.support import build, copy_fixture_project
from tests.support.html import parse
from tests.support.trust import trust_project

ORIGIN = "http://127.0.0.1:8000"
CAFE = {"lv": "projekti/kafejnica-instagram/", "en": "en/case-studies/cafe-instagram/"}
OFFICE = "projekti/gramatvedibas-birojs/"
LIST = {"lv": "projekti/", "en": "en/case-studies/"}


def _tree(output: Path, path: str):
    return parse((output / path / "index.html").read_text(encoding="utf-8"))


def test_a_case_study_shows_client_goal_period_results_and_testimonial(bilingual_site):
    tree = _tree(bilingual_site, CAFE["lv"])
    facts = [node.text() for node in tree.css(".case-facts dd")]
    assert facts == [
        "Kafejnīca „Rasa”",
        "Ēdināšana",
        "2026. gada janvāris–marts",
        "Vairāk galdiņu rezervāciju darba dienu vakaros",
    ]
    results = [(li.css_first("strong").text(), li.text()) for li in tree.css(".case-results li")]
    assert [figure for figure, _ in results] == ["+38\u00a0%", "1\u00a0200", "4,2\u00a0%"]
    assert "jaunu sekotāju" in results[1][1]
    assert "atved viesus" in tree.css_first(".case-quote blockquote").text()
    assert tree.css_first(".case-quote figcaption").text() == "Anna Ozola, īpašniece"
    english = _tree(bilingual_site, CAFE["en"])
    assert [node.text() for node in english.css(".case-facts dt")] == [
        "Client",
        "Sector",
        "Timeframe",
        "Goal",
    ]


def test_a_case_study_has_its_structured_data(bilingual_site):
    tree = _tree(bilingual_site, CAFE["en"])
    [data] = [
        json.loads(node.text())
        for node in tree.css('script[type="application/ld+json"]')
        if json.loads(node.text()).get("@type") == "Article"
    ]
    assert data["url"] == f"{ORIGIN}/{CAFE['en']}" and data["inLanguage"] == "en"
    assert data["about"] == {
        "@type": "Organization",
        "name": "Café “Rasa”",
        "description": "Food and drink",
    }
    assert data["temporalCoverage"] == "January–March 2026"
    assert data["image"] == tree.css_first('meta[property="og:image"]').attributes["content"]


def test_each_language_lists_its_own_case_studies(bilingual_site):
    def listed(lang):
        return [a.attributes["href"] for a in _tree(bilingual_site, LIST[lang]).css("h2 a")]

    assert listed("lv") == ["/" + CAFE["lv"], "/" + OFFICE]
    assert listed("en") == ["/" + CAFE["en"]]
    # The untranslated one has no alternates and is nowhere in English.
    assert _tree(bilingual_site, OFFICE).css("link[hreflang]") == []
    assert not list((bilingual_site / "en").rglob("*gramatvedibas*"))
    sitemap = (bilingual_site / "sitemap.xml").read_text(encoding="utf-8")
    entries = dict(re.findall(r"<url><loc>([^<]+)</loc>(.*?)</url>", sitemap))
    assert f'hreflang="en" href="{ORIGIN}/{CAFE["en"]}"' in entries[f"{ORIGIN}/{CAFE['lv']}"]
    assert entries[f"{ORIGIN}/{OFFICE}"] == ""
    assert f'hreflang="en" href="{ORIGIN}/{LIST["en"]}"' in entries[f"{ORIGIN}/{LIST['lv']}"]


def _with_results(project: Path) -> Path:
    """The fixture's results section published (it ships as a draft)."""
    for path in (project / "content" / "landing").glob("64-rezultati*.md"):
        path.write_text(path.read_text("utf-8").replace("Status: draft\n", ""), "utf-8")
    return project


def test_the_landing_results_section_links_the_case_studies_when_there_are_any(tmp_path):
    project = _with_results(trust_project(tmp_path / "with"))
    output = tmp_path / "with-output"
    assert build(project, output).returncode == 0
    link = parse((output / "index.html").read_text(encoding="utf-8")).css_first(
        ".section--results .results-more a"
    )
    assert link is not None and link.attributes["href"] == "/" + LIST["lv"]
    # Without case studies, the section has no link.
    bare = _with_results(trust_project(tmp_path / "without"))
    for path in (bare / "content" / "projekti").glob("*.md"):
        path.unlink()
    output = tmp_path / "without-output"
    assert build(bare, output).returncode == 0
    html = (output / "index.html").read_text(encoding="utf-8")
    assert 'class="section section--results' in html and "results-more" not in html
    assert not (output / "projekti").exists()


def test_a_published_case_study_with_a_placeholder_or_a_missing_field_stops_the_build(tmp_path):
    project = copy_fixture_project(tmp_path / "project")
    folder = project / "content" / "projekti"
    office = folder / "20-birojs.md"
    office.write_text(
        office.read_text(encoding="utf-8").replace("Sector: Grāmatvedība\n", ""),
        encoding="utf-8",
    )
    example = (Path(__file__).parents[1] / "content" / "projekti" / "10-piemers.md").read_text(
        encoding="utf-8"
    )
    (folder / "30-piemers.md").write_text(example.replace("Status: draft\n", ""), "utf-8")
    result = build(project, tmp_path / "output")
    assert result.returncode != 0
    assert "20-birojs.md: trūkst rindas Sector" in result.stderr
    assert "30-piemers.md: aizvietotājs [" in result.stderr
