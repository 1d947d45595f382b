"""A second language as configuration: the fixture site with its English published.

The fixture's English copy (content/**/*.en.md, Lang: en) is published by adding "en" to
LANGUAGES in a scratch copy; the project's own LANGUAGES decides what the owner publishes.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from selectolax.lexbor import LexborHTMLParser

from quote.i18n import catalog_path, language_name, og_locale
from tests.support import ROOT, build, copy_fixture_project, parse, text_of

ORIGIN = "http://127.0.0.1:8000"
CATALOGS = ROOT / "theme" / "translations"
PAGES = {
    "lv": ["index.html", "privatuma-politika/index.html", "paldies/index.html", "404.html"],
    "en": [
        "en/index.html",
        "en/privacy-policy/index.html",
        "en/thank-you/index.html",
        "en/404.html",
    ],
}


def publish(project: Path, languages: list[str]) -> None:
    settings = project / "pelicanconf.py"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text + f"\nLANGUAGES = {languages!r}\n", encoding="utf-8")


@pytest.fixture(scope="module")
def english_site(tmp_path_factory) -> Path:
    project = copy_fixture_project(tmp_path_factory.mktemp("english"))
    publish(project, ["lv", "en"])
    output = tmp_path_factory.mktemp("english-output")
    result = build(project, output)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def page(output: Path, path: str) -> LexborHTMLParser:
    return parse((output / path).read_text(encoding="utf-8"))


def file_of(output: Path, url: str) -> Path:
    path = urlsplit(url).path.lstrip("/")
    return output / (path + "index.html" if path == "" or path.endswith("/") else path)


@pytest.mark.parametrize(("lang", "path"), [(lang, p) for lang, ps in PAGES.items() for p in ps])
def test_every_page_in_both_languages(english_site, lang, path):
    tree = page(english_site, path)
    assert tree.css_first("html").attributes["lang"] == lang
    assert tree.css_first('meta[property="og:locale"]').attributes["content"] == og_locale(lang)
    assert tree.css_first("h1").text().strip()


def test_alternates_point_both_ways_to_pages_that_exist(english_site):
    for lang, paths in PAGES.items():
        for path in paths:
            if path.endswith("404.html"):
                continue
            links = {
                link.attributes["hreflang"]: link.attributes["href"]
                for link in page(english_site, path).css('link[rel="alternate"][hreflang]')
            }
            assert set(links) == {"lv", "en", "x-default"}, path
            assert links["x-default"] == links["lv"], path
            assert file_of(english_site, links[lang]) == english_site / path, path
            other = "en" if lang == "lv" else "lv"
            back = {
                link.attributes["hreflang"]: link.attributes["href"]
                for link in page(
                    english_site, str(file_of(english_site, links[other]).relative_to(english_site))
                ).css('link[rel="alternate"][hreflang]')
            }
            assert back[lang] == links[lang], path


def test_the_switch_leads_to_the_same_page_in_the_other_language(english_site):
    pairs = list(zip(PAGES["lv"][:3], PAGES["en"][:3], strict=True))
    for lv, en in pairs + [(en, lv) for lv, en in pairs]:
        links = page(english_site, lv).css(".lang-switch a")
        assert len(links) == 1, lv
        assert file_of(english_site, links[0].attributes["href"]) == english_site / en, lv
        target = links[0].attributes["hreflang"]
        assert links[0].text().strip() == language_name(target)


def test_the_landing_pages_share_their_anchors(english_site):
    ids = [
        [s.attributes["id"] for s in page(english_site, p).css("main section")]
        for p in ("index.html", "en/index.html")
    ]
    assert ids[0] == ids[1] and "kontakti" in ids[0]


def _catalog_pairs() -> list[tuple[str, str]]:
    from babel.messages.pofile import read_po

    with catalog_path(CATALOGS, "en").open("rb") as handle:
        catalog = read_po(handle, locale="en")
    return [(m.id, m.string) for m in catalog if m.id and m.string and m.id != m.string]


def _shown(html_text: str) -> str:
    """What a visitor meets: the text and the attributes read aloud or shown."""
    attributes = re.findall(
        r'(?:aria-label|title|placeholder|alt|data-[a-z]+)="([^"]*)"', html_text
    )
    shown = html.unescape(text_of(html_text) + " " + " ".join(attributes))
    return re.sub(r"\[[^\]]*\]", "", shown)  # the fixture owner's [placeholders] are data


def test_no_latvian_interface_string_on_english_pages_and_the_reverse(english_site):
    pairs = _catalog_pairs()
    for path in PAGES["en"]:
        shown = _shown((english_site / path).read_text(encoding="utf-8"))
        left = [
            lv
            for lv, _en in pairs
            if "%(" not in lv and html.unescape(re.sub("<[^>]+>", "", lv)) in shown
        ]
        assert not left, (path, left)
    for path in PAGES["lv"]:
        shown = _shown((english_site / path).read_text(encoding="utf-8"))
        left = [
            en
            for _lv, en in pairs
            if "%(" not in en and html.unescape(re.sub("<[^>]+>", "", en)) in shown
        ]
        assert not left, (path, left)


def test_english_prices_and_settings(english_site):
    tree = page(english_site, "en/index.html")
    assert tree.css_first(".package-amount").text().startswith("€")
    assert tree.css_first(".brand").text() == "Social media management"
    assert "no cookies" in tree.css_first(".site-footer").text()
    data = json.loads(tree.css_first('script[type="application/ld+json"]').text())
    assert data["inLanguage"] == "en" and data["url"] == ORIGIN + "/en/"
    latvian = json.loads(
        page(english_site, "index.html").css_first('script[type="application/ld+json"]').text()
    )
    assert latvian["inLanguage"] == "lv" and latvian["url"] == ORIGIN + "/"


def test_sitemap_lists_every_language_with_alternates(english_site):
    sitemap = (english_site / "sitemap.xml").read_text(encoding="utf-8")
    for url in (ORIGIN + "/", ORIGIN + "/en/", ORIGIN + "/en/privacy-policy/"):
        assert f"<loc>{url}</loc>" in sitemap
    assert (
        f'<xhtml:link rel="alternate" hreflang="en" href="{ORIGIN}/en/privacy-policy/"/>' in sitemap
    )
    assert sitemap.count('hreflang="x-default"') == 4  # two pages, two languages each
    assert "thank-you" not in sitemap
    robots = (english_site / "robots.txt").read_text(encoding="utf-8")
    assert "Disallow: /en/thank-you/" in robots and "Disallow: /paldies/" in robots


def test_the_build_tells_the_endpoint_each_languages_pages(english_site):
    data = json.loads((english_site / "data" / "form-languages.json").read_text(encoding="utf-8"))
    assert data == {
        "default": "lv",
        "languages": {
            "lv": {"thanks_url": "/paldies/", "form_url": "/#kontakti"},
            "en": {"thanks_url": "/en/thank-you/", "form_url": "/en/#kontakti"},
        },
    }
    for lang, pages in data["languages"].items():
        assert file_of(english_site, pages["thanks_url"]).is_file(), lang
        form = page(
            english_site, str(file_of(english_site, pages["form_url"]).relative_to(english_site))
        )
        assert form.css_first('#kontakti input[name="lang"]').attributes["value"] == lang


def test_an_unpublished_language_is_not_written(fixture_site):
    # The fixture has English content, but its LANGUAGES is Latvian only.
    assert not (fixture_site / "en").exists()
    assert 'hreflang="en"' not in (fixture_site / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("missing", "said"),
    [
        ("content/faq/30-kanali.en.md", "30-kanali.md:2:navtulkojumavalodā'en'"),
        ("content/pages/paldies.en.md", "paldies.md:navtulkojumavalodāen"),
    ],
)
def test_a_published_language_must_be_whole(tmp_path, missing, said):
    project = copy_fixture_project(tmp_path / "site")
    (project / missing).unlink()
    publish(project, ["lv", "en"])
    result = build(project, tmp_path / "out")
    assert result.returncode != 0
    assert said in "".join((result.stdout + result.stderr).split())
    assert not (tmp_path / "out" / "index.html").exists()


def test_a_third_language_builds_with_no_code_change(tmp_path):
    # Content, a catalog and one line of settings: a tiny Russian made from the English fixture.
    project = copy_fixture_project(tmp_path / "site")
    for source in sorted((project / "content").rglob("*.en.md")):
        text = source.read_text(encoding="utf-8").replace("Lang: en", "Lang: ru")
        text = re.sub(r"^Title: (.*)$", r"Title: Русский: \1", text, count=1, flags=re.M)
        text = text.replace("en/thank-you/", "ru/spasibo/").replace(
            "en/privacy-policy/", "ru/privacy/"
        )
        source.with_name(source.name.replace(".en.md", ".ru.md")).write_text(text, encoding="utf-8")
    catalogs = tmp_path / "site" / "theme" / "translations"
    po = catalog_path(catalogs, "ru")
    po.parent.mkdir(parents=True)
    shutil.copy(catalog_path(catalogs, "en"), po)
    po.write_text(
        po.read_text(encoding="utf-8").replace('msgstr "Copy link"', 'msgstr "Копировать ссылку"'),
        encoding="utf-8",
    )
    publish(project, ["lv", "en", "ru"])
    output = tmp_path / "out"
    result = build(project, output)
    assert result.returncode == 0, result.stdout + result.stderr
    landing = (output / "ru" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ru">' in landing and "Копировать ссылку" in landing
    assert 'hreflang="ru" href="http://127.0.0.1:8000/ru/"' in landing
    assert (output / "ru" / "spasibo" / "index.html").is_file()
    form_languages = json.loads((output / "data" / "form-languages.json").read_text("utf-8"))
    assert form_languages["languages"]["ru"] == {
        "thanks_url": "/ru/spasibo/",
        "form_url": "/ru/#kontakti",
    }
    assert 'hreflang="ru"' in (output / "en" / "index.html").read_text(encoding="utf-8")
