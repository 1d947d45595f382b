"""The FAQ on its own page (issue 12): /buj/ in Latvian, /en/faq/ in English, every question of
content/faq with its answer; the landing page keeps only the questions, each a link to its
answer there, so that the landing page arrives in one round trip.

On the fixture site published in both languages (tests/fixtures/site, ``bilingual_site``). The
questions, addresses and a phrase of each answer are written by hand from the fixture's files.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench.page_assets import page_assets
from tests.support import BILINGUAL_PAGES, build, copy_fixture_project, parse, text_of

# (address, question, a phrase of its answer) in page order, per language.
QUESTIONS = {
    "lv": [
        (
            "cik-atri-parasti-paradas-rezultati",
            "Cik ātri parasti parādās rezultāti sociālajos tīklos?",
            "Organiskajā saturā rezultāti parasti nav redzami jau pēc dienas.",
        ),
        (
            "vai-reklamu-budzets-ir-ieklauts-cena",
            "Vai reklāmu budžets ir iekļauts cenā?",
            "Pakalpojuma cena sedz darbu: plānošanu, uzstādīšanu, testēšanu",
        ),
        (
            "cik-kanalus-var-ieklaut",
            "Cik kanālus var iekļaut satura plānā un publicēšanā?",
            "Kanālu skaits tiek izvēlēts pēc mērķa un auditorijas.",
        ),
        (
            "vai-var-parvaldit-tikai-linkedin",
            "Vai var pārvaldīt tikai LinkedIn bez citiem kanāliem?",
            "LinkedIn var būt ļoti labs B2B kanāls",
        ),
        (
            "kadi-materiali-vajadzigi",
            "Kādi materiāli un informācija vajadzīgi, lai sāktu?",
            "Sākums ir vienkāršs: uzņēmumam ir jāspēj skaidri un korekti sevi parādīt",
        ),
        (
            "piekluves-un-drosiba",
            "Kā tiek piešķirtas piekļuves tiesības un nodrošināta drošība sociālajos tīklos?",
            "Drošība nav detaļa, tā ir pamats.",
        ),
        (
            "kadas-atskaites-sanemsu",
            "Kādas atskaites saņemšu un cik bieži?",
            "Atskaites mērķis nav „parādīt ciparus”, bet palīdzēt pieņemt lēmumus.",
        ),
        (
            "cik-labojumu-cikli-ir-ieklauti",
            "Cik labojumu cikli ir iekļauti un kā notiek saskaņošana?",
            "Lai sadarbība būtu prognozējama, saskaņošana notiek pa cikliem",
        ),
    ],
    "en": [
        (
            "cik-atri-parasti-paradas-rezultati",
            "How soon do results usually show on social media?",
            "The first signals usually show within 4–8 weeks of steady publishing.",
        ),
        (
            "vai-reklamu-budzets-ir-ieklauts-cena",
            "Is the ad budget included in the price?",
            "The ad budget is paid to the platforms and agreed separately.",
        ),
        (
            "cik-kanalus-var-ieklaut",
            "How many channels can the content plan and publishing cover?",
            "Up to three channels, depending on the level you choose.",
        ),
        (
            "vai-var-parvaldit-tikai-linkedin",
            "Can you manage LinkedIn only, without other channels?",
            "LinkedIn can be the only channel.",
        ),
        (
            "kadi-materiali-vajadzigi",
            "What materials and information do you need to start?",
            "Your brand guidelines, existing photos and access to your accounts.",
        ),
        (
            "piekluves-un-drosiba",
            "How are access rights granted and security ensured?",
            "You grant access through the platforms’ official tools; the accounts stay yours.",
        ),
        (
            "kadas-atskaites-sanemsu",
            "What reports will I get, and how often?",
            "A short monthly report with the KPIs and the conclusions.",
        ),
        (
            "cik-labojumu-cikli-ir-ieklauti",
            "How many revision rounds are included, and how is content approved?",
            "Each level includes a set number of revision rounds, listed in the price table.",
        ),
    ],
}
HEADING = {"lv": "Biežāk uzdotie jautājumi", "en": "Frequently asked questions"}
NAV = {"lv": "BUJ", "en": "FAQ"}
ALL_ANSWERS = {"lv": "Visi jautājumi un atbildes", "en": "All questions and answers"}
FAQ_URL = {"lv": "/buj/", "en": "/en/faq/"}
LANDING_URL = {"lv": "/", "en": "/en/"}
ORIGIN = "http://127.0.0.1:8000"
LANGS = list(QUESTIONS)


def _file(site: Path, url: str) -> Path:
    return site / url.lstrip("/") / "index.html"


def _html(site: Path, url: str) -> str:
    return _file(site, url).read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGS)
def test_the_faq_page_has_every_question_with_its_answer_in_order(bilingual_site, lang):
    tree = parse(_html(bilingual_site, FAQ_URL[lang]))
    assert tree.css_first("html").attributes["lang"] == lang
    assert [h.text().strip() for h in tree.css("h1")] == [HEADING[lang]]
    details = tree.css("main .faq details")
    found = [
        (d.attributes["id"], d.css_first("summary").text().strip(), d.css_first(".answer").text())
        for d in details
    ]
    assert [(a, q) for a, q, _ in found] == [(a, q) for a, q, _ in QUESTIONS[lang]]
    for (_, _, answer), (_, question, phrase) in zip(found, QUESTIONS[lang], strict=True):
        assert phrase in " ".join(answer.split()), question
    assert all("open" not in d.attributes for d in details)  # opened by the address, or a click


@pytest.mark.parametrize("lang", LANGS)
def test_the_landing_page_lists_the_questions_as_links_to_their_answers(bilingual_site, lang):
    section = parse(_html(bilingual_site, LANDING_URL[lang])).css_first("main section#buj")
    assert section.css_first("h2").text().strip() == HEADING[lang]
    links = [(a.attributes["href"], a.text().strip()) for a in section.css(".faq-links a")]
    assert links == [(f"{FAQ_URL[lang]}#{a}", q) for a, q, _ in QUESTIONS[lang]]
    every = [
        a.attributes["href"] for a in section.css("a") if a.text().strip() == ALL_ANSWERS[lang]
    ]
    assert every == [FAQ_URL[lang]]


@pytest.mark.parametrize("lang", LANGS)
def test_the_landing_page_holds_none_of_the_answers(bilingual_site, lang):
    html = _html(bilingual_site, LANDING_URL[lang])
    text = text_of(html)
    assert "<details" not in html and "acceptedAnswer" not in html and "FAQPage" not in html
    assert [phrase for _, _, phrase in QUESTIONS[lang] if phrase in text] == []
    assert "openTarget" not in html  # the script that opens an answer belongs to the FAQ page


def test_no_link_anywhere_leads_to_the_old_faq_section(bilingual_site):
    """The menu's BUJ / FAQ leads to the FAQ page on every page, and no link is left that looks
    for the answers on the landing page (#buj, #<question>)."""
    anchors = {a for a, _, _ in QUESTIONS["lv"]} | {"buj"}
    old = []
    for lang, paths in BILINGUAL_PAGES.items():
        for path in paths:
            tree = parse((bilingual_site / path).read_text(encoding="utf-8"))
            menu = [
                a.attributes["href"]
                for a in tree.css("header nav a")
                if a.text().strip() == NAV[lang]
            ]
            assert menu == [FAQ_URL[lang]], path
            for node in tree.css("a[href]"):
                href = node.attributes["href"]
                path_part, _, fragment = href.partition("#")
                if fragment in anchors and path_part not in FAQ_URL.values():
                    old.append(f"{path}: {href}")
    assert old == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_faq_page_is_in_the_menu_as_the_current_page(bilingual_site, lang):
    tree = parse(_html(bilingual_site, FAQ_URL[lang]))
    current = [a.attributes["href"] for a in tree.css('header nav a[aria-current="page"]')]
    assert current == [FAQ_URL[lang]]


@pytest.mark.parametrize("lang", LANGS)
def test_the_faq_page_leads_on_to_the_contact_form_and_the_calculator(bilingual_site, lang):
    tree = parse(_html(bilingual_site, FAQ_URL[lang]))
    last = tree.css("main article > *")[-1]
    assert last.tag == "section" and "faq-next" in last.attributes["class"]
    actions = [a.attributes["href"] for a in last.css("a.button")]
    assert actions == [LANDING_URL[lang] + "#kontakti", LANDING_URL[lang] + "#kalkulators"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_faq_page_head_canonical_and_alternates(bilingual_site, lang):
    tree = parse(_html(bilingual_site, FAQ_URL[lang]))
    canonical = tree.css_first('link[rel="canonical"]').attributes["href"]
    assert canonical == ORIGIN + FAQ_URL[lang]
    alternates = {
        link.attributes["hreflang"]: link.attributes["href"]
        for link in tree.css('link[rel="alternate"][hreflang]')
    }
    assert alternates == {
        "lv": ORIGIN + "/buj/",
        "en": ORIGIN + "/en/faq/",
        "x-default": ORIGIN + "/buj/",
    }
    assert tree.css_first("title").text().startswith(HEADING[lang] + " · ")
    switch = [a.attributes["href"] for a in tree.css(".lang-switch a")]
    assert switch == [FAQ_URL["en" if lang == "lv" else "lv"]]


def test_the_faq_page_is_in_the_sitemap_with_its_alternates(bilingual_site):
    sitemap = (bilingual_site / "sitemap.xml").read_text(encoding="utf-8")
    for url in FAQ_URL.values():
        entry = re.search(rf"<url><loc>{re.escape(ORIGIN + url)}</loc>(.*?)</url>", sitemap)
        assert entry, url
        assert f'hreflang="en" href="{ORIGIN}/en/faq/"' in entry.group(1)
        assert f'hreflang="lv" href="{ORIGIN}/buj/"' in entry.group(1)


@pytest.mark.parametrize("lang", LANGS)
def test_the_faq_page_paints_without_another_request(bilingual_site, lang):
    """Its styles are inline (site.css and faq.css), its scripts inline at the end: the first
    paint waits for nothing but the document."""
    html = _html(bilingual_site, FAQ_URL[lang])
    assets = page_assets(html)
    assert (assets.styles, assets.noscript_styles, assets.scripts) == ([], [], [])
    # Only the counting script (issue 26), which the loader imports after the paint.
    assert [ref.split("?")[0] for ref in assets.after_paint_scripts] == ["/theme/js/count.js"]
    style = parse(html).css_first("head style").text()
    assert ".faq summary{" in style and ".hero{" in style


def test_the_build_stops_when_the_faq_section_has_no_faq_page(tmp_path):
    project = copy_fixture_project(tmp_path / "project")
    for name in ("buj.md", "buj.en.md"):
        (project / "content" / "pages" / name).unlink()
    result = build(project, tmp_path / "output")
    assert result.returncode != 0
    assert (
        "content/landing/90-buj.md:2: Layout: faq: atbildes ir savā lapā, bet nav lapas ar "
        "Template: faq" in result.stderr
    )
    assert not (tmp_path / "output" / "index.html").exists()
