"""The built fixture site: every part of its copy (the seed as edited), the pages, the head, no
third-party URLs."""

from __future__ import annotations

from itertools import pairwise
from urllib.parse import urlsplit

import pytest

from tests.support import FIXTURE_PROJECT, PageIndex, built_pages, text_of
from tests.support.seed import FAQ

# Written by hand from ../shared/seed/000_54147e6c76d8bfef.txt as edited for issue 15
# (docs/style.md).
SECTION_HEADINGS = [
    "Konsekventa komunikācija, kas veido uzticību un pieprasījumus",
    "Ko tieši saņemsi pirmajā mēnesī",
    "Kā notiek sociālo tīklu pārvaldīšana",
    "Ieguvumi",
    "Pakalpojumi un cenas",
    "Biežāk uzdotie jautājumi",
    "Sociālie tīkli var strādāt kā stabila sistēma",
]
PILLARS = [
    "Stratēģija pirms publicēšanas",
    "Mēneša satura kalendārs",
    "Konsekventa publicēšana",
    "Kopienas pārvaldīšana",
    "Rezultātu analīze",
    "Ilgtermiņa sistēma",
]
STEPS = [
    "Audits un mērķi",
    "Struktūra un kalendārs",
    "Publicēšana un iesaiste",
    "Ierakstu reklamēšana un A/B testi",
    "Analīze un uzlabojumi",
]
BENEFITS = [
    "Prognozējama sasniedzamība un iesaiste",
    "Skaidra saikne ar biznesa mērķiem",
    "Ātrāka uzticība un reputācija",
    "Reklāmas bez budžeta „dedzināšanas”",
    "Vienots vizuālais stils un zīmola balss",
    "Pārskatāmas atskaites un uzlabojumi",
]
FIRST_MONTH_TERMS = [
    "Mērķi un KPI",
    "Satura rubrikas",
    "Satura kalendārs",
    "Vizuālās vadlīnijas",
    "Atskaites un secinājumi",
]
CORRECTED = {
    "uzraidzīha": "Iesaistes uzraudzība",
    "apmāksātas": "apmaksātas reklāmas",
    "raitšs": "Lai process būtu raits",
    "Profesionāls ne jautrs tonis": "Profesionāls, ne jautrs tonis",
}
# Sentences from the seed that must reach the page word for word.
SAMPLE_SENTENCES = [
    "Stratēģija, satura plāns un regulāra komunikācija TikTok, Meta, LinkedIn un YouTube "
    "platformās.",
    "Konsekvents saturs ar izmērāmiem un saprotamiem datiem.",
    "Sociālo tīklu mērķis ir radīt uzticību zīmolam.",
    "Uzsāksim sarunu jau šodien!",
]
# The same from the FAQ's answers, which are on the FAQ page (/buj/) since issue 12.
FAQ_SENTENCES = [
    "Drošība nav detaļa, tā ir pamats.",
    "Nelūdzu dalīties ar parolēm.",
]


@pytest.fixture(scope="session")
def landing(fixture_landing_html) -> PageIndex:
    return PageIndex(fixture_landing_html)


@pytest.fixture(scope="session")
def landing_text(fixture_landing_html) -> str:
    return text_of(fixture_landing_html)


def test_one_h1_is_the_hero(landing):
    assert [text for level, text in landing.headings if level == 1] == [
        "Sociālo tīklu pārvaldīšana"
    ]


@pytest.mark.parametrize("heading", SECTION_HEADINGS)
def test_section_headings_are_h2(landing, heading):
    assert (2, heading) in landing.headings


@pytest.mark.parametrize("title", PILLARS + STEPS + BENEFITS)
def test_item_titles_are_h3(landing, title):
    assert (3, title) in landing.headings


def test_sections_follow_the_seed_order(landing):
    titles = [text for _, text in landing.headings]
    positions = [titles.index(h) for h in [PILLARS[0], *SECTION_HEADINGS]]
    assert positions == sorted(positions)


def test_steps_are_numbered_in_order(fixture_landing_html):
    start = fixture_landing_html.index('class="steps"')
    found = [fixture_landing_html.index(f"<h3>{step}</h3>", start) for step in STEPS]
    assert found == sorted(found)
    assert fixture_landing_html[start - 4 : start] == "<ol "


@pytest.fixture(scope="session")
def faq_page_html(fixture_site) -> str:
    return (fixture_site / "buj" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("question", FAQ)
def test_every_faq_question_is_a_details_summary(faq_page_html, question):
    assert f'<summary itemprop="name">{question}</summary>' in faq_page_html


def test_faq_anchor_is_readable_and_stable(faq_page_html):
    faq = PageIndex(faq_page_html)
    assert '<details id="cik-atri-parasti-paradas-rezultati" ' in faq_page_html
    faq_ids = [i for i in faq.ids if faq_page_html.count(f'<details id="{i}" ')]
    assert len(faq_ids) == len(FAQ)
    assert all(i.isascii() and i == i.lower() for i in faq_ids)


@pytest.mark.parametrize("term", FIRST_MONTH_TERMS)
def test_first_month_items(landing_text, term):
    assert term in landing_text


@pytest.mark.parametrize(("wrong", "right"), CORRECTED.items())
def test_seed_slips_are_corrected(landing_text, faq_page_html, wrong, right):
    """In the landing page or in the FAQ's answers, on their own page since issue 12."""
    copy = landing_text + " " + text_of(faq_page_html)
    assert right in copy
    assert wrong not in copy


@pytest.mark.parametrize("sentence", SAMPLE_SENTENCES)
def test_seed_sentences_are_on_the_page(landing_text, sentence):
    assert sentence in landing_text


@pytest.mark.parametrize("sentence", FAQ_SENTENCES)
def test_seed_sentences_of_the_faq_are_on_the_faq_page(faq_page_html, landing_text, sentence):
    assert sentence in text_of(faq_page_html)
    assert sentence not in landing_text


def test_stray_list_markers_are_not_content(fixture_landing_html):
    assert "<li></li>" not in fixture_landing_html
    assert "<p>-</p>" not in fixture_landing_html


def test_headings_never_skip_a_level(fixture_site):
    for page in built_pages(fixture_site):
        levels = [level for level, _ in PageIndex(page.read_text(encoding="utf-8")).headings]
        assert levels and levels[0] == 1, page
        assert levels.count(1) == 1, page
        for before, after in pairwise(levels):
            assert after <= before + 1, (page, levels)


def test_head_of_every_page(fixture_site):
    for page in built_pages(fixture_site):
        index = PageIndex(page.read_text(encoding="utf-8"))
        assert index.html_lang == "lv", page
        assert index.meta.get("og:locale") == "lv_LV", page
        assert index.meta.get("description"), page
        assert index.meta.get("og:title"), page
        assert index.links.get("canonical", "").startswith("http"), page
        assert index.links.get("icon", "").startswith("data:image/svg+xml,%3Csvg"), page


def test_canonical_urls(fixture_site):
    landing = PageIndex((fixture_site / "index.html").read_text(encoding="utf-8"))
    privacy = PageIndex(
        (fixture_site / "privatuma-politika/index.html").read_text(encoding="utf-8")
    )
    assert landing.links["canonical"] == "http://127.0.0.1:8000/"
    assert privacy.links["canonical"] == "http://127.0.0.1:8000/privatuma-politika/"


def test_pages_and_files_exist(fixture_site):
    for name in [
        "index.html",
        "privatuma-politika/index.html",
        "paldies/index.html",
        "buj/index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
    ]:
        assert (fixture_site / name).is_file(), name


def test_no_blog_scaffolding(fixture_site):
    names = {p.relative_to(fixture_site).as_posix() for p in fixture_site.rglob("*")}
    for unwanted in ["archives.html", "tags.html", "categories.html", "authors.html", "feeds"]:
        assert unwanted not in names
    assert not any(n.startswith(("tag/", "category/", "author/")) for n in names)


def test_privacy_notice(fixture_site):
    text = text_of((fixture_site / "privatuma-politika/index.html").read_text(encoding="utf-8"))
    assert "Datu valsts inspekcijā" in text
    assert "{owner_" not in text
    # Owner facts come from settings, as marked placeholders until the owner fills them.
    assert "jānorāda pelicanconf.py" in text
    assert "info@example.lv" in text


def test_sitemap_and_robots(fixture_site):
    sitemap = (fixture_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>http://127.0.0.1:8000/</loc>" in sitemap
    assert "<loc>http://127.0.0.1:8000/privatuma-politika/</loc>" in sitemap
    assert "<loc>http://127.0.0.1:8000/buj/</loc>" in sitemap
    assert "paldies" not in sitemap
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in (fixture_site / "robots.txt").read_text()


def test_no_third_party_urls(fixture_site):
    from pelican.settings import read_settings

    settings = read_settings(str(FIXTURE_PROJECT / "pelicanconf.py"))
    allowed = {url for _, url in settings["SOCIAL_LINKS"]}
    own_host = urlsplit(settings["SITE_ORIGIN"]).netloc
    for page in built_pages(fixture_site):
        for url in PageIndex(page.read_text(encoding="utf-8")).urls:
            parts = urlsplit(url)
            if parts.scheme in {"mailto", "tel"}:
                continue
            if parts.netloc and parts.netloc != own_host:
                assert url in allowed, (page, url)
