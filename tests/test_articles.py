"""Articles: pages, indexes, Atom feeds and the sitemap, in the languages they exist in (issue 27).

The fixture site's articles (tests/fixtures/site/content/raksti): ``satura-kalendars`` in Latvian
and English, ``tiktok-b2b`` in Latvian only, ``melnraksts`` a draft.
"""

from __future__ import annotations

import gzip
import json
import re
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest

from tests.support import build, built_pages, copy_fixture_project, publish_languages
from tests.support.html import parse

ORIGIN = "http://127.0.0.1:8000"  # the fixture's SITE_ORIGIN
CALENDAR = {"lv": "raksti/satura-kalendars/", "en": "en/articles/content-calendar/"}
TIKTOK = "raksti/tiktok-b2b/"
INDEX = {"lv": "raksti/", "en": "en/articles/"}
FEED = {"lv": "raksti/atom.xml", "en": "en/articles/atom.xml"}
READING = {"lv": "Lasīšanas laiks: 1\u00a0min", "en": "1\u00a0min read"}
FIRST_FLIGHT = 14_000


def _tree(output: Path, path: str):
    return parse((output / path / "index.html").read_text(encoding="utf-8"))


def _local(output: Path, url: str) -> Path:
    """The built file of a site URL (absolute or site-relative)."""
    path = urlsplit(url).path.lstrip("/")
    return output / (path + "index.html" if path.endswith("/") or not path else path)


def _posting(tree) -> dict:
    for node in tree.css('script[type="application/ld+json"]'):
        data = json.loads(node.text())
        if data.get("@type") == "BlogPosting":
            return data
    raise AssertionError("no BlogPosting")


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_an_article_page_has_its_structured_data_reading_time_and_ways_on(bilingual_site, lang):
    tree = _tree(bilingual_site, CALENDAR[lang])
    assert tree.css_first("html").attributes["lang"] == lang
    posting = _posting(tree)
    address = f"{ORIGIN}/{CALENDAR[lang]}"
    assert posting["url"] == posting["mainEntityOfPage"] == address
    assert posting["inLanguage"] == lang
    assert posting["headline"] == tree.css_first("h1").text()
    assert datetime.fromisoformat(posting["datePublished"]).date().isoformat() == "2026-03-02"
    assert posting["author"]["name"] and posting["description"]
    og_image = tree.css_first('meta[property="og:image"]').attributes["content"]
    assert posting["image"] == og_image and _local(bilingual_site, og_image).is_file()
    assert tree.css_first('meta[property="og:type"]').attributes["content"] == "article"
    assert READING[lang] in tree.css_first(".article-meta").text()
    # The closing call leads to the calculator and the form of the landing page in its language.
    landing = bilingual_site / ("index.html" if lang == "lv" else "en/index.html")
    ids = set(re.findall(r'id="([^"]+)"', landing.read_text(encoding="utf-8")))
    actions = [a.attributes["href"] for a in tree.css(".article-actions a")]
    assert len(actions) == 2
    for href in actions:
        page, _, anchor = href.partition("#")
        assert _local(bilingual_site, page) == landing and anchor in ids, href


def test_articles_link_their_neighbours_in_their_language_and_the_index(bilingual_site):
    older, newer = _tree(bilingual_site, CALENDAR["lv"]), _tree(bilingual_site, TIKTOK)
    assert older.css_first('.article-nav a[rel="prev"]').attributes["href"] == "/" + TIKTOK
    assert newer.css_first('.article-nav a[rel="next"]').attributes["href"] == "/" + CALENDAR["lv"]
    assert older.css_first('.article-nav a[rel="next"]') is None
    # The English article has no neighbour: the Latvian-only one is not in its language.
    english = _tree(bilingual_site, CALENDAR["en"])
    assert english.css(".article-nav a[rel]") == []
    links = [a.attributes["href"] for a in english.css(".article-nav a")]
    assert links == ["/" + INDEX["en"]]


def test_each_language_has_an_index_of_its_own_articles_newest_first(bilingual_site):
    def listed(lang):
        tree = _tree(bilingual_site, INDEX[lang])
        return [a.attributes["href"] for a in tree.css(".article-list h2 a")]

    assert listed("lv") == ["/" + TIKTOK, "/" + CALENDAR["lv"]]
    assert listed("en") == ["/" + CALENDAR["en"]]
    tree = _tree(bilingual_site, INDEX["en"])
    assert tree.css_first("h1").text() == "Articles"
    assert READING["en"] in tree.css_first(".article-list").text()


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_feed_is_atom_with_dated_entries_and_absolute_links(bilingual_site, lang):
    feed = feedparser.parse((bilingual_site / FEED[lang]).read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    expected = [f"{ORIGIN}/{TIKTOK}", f"{ORIGIN}/{CALENDAR['lv']}"] if lang == "lv" else []
    expected = expected or [f"{ORIGIN}/{CALENDAR['en']}"]
    assert [entry.link for entry in feed.entries] == expected
    for entry in feed.entries:
        assert entry.published_parsed and entry.updated_parsed and entry.title and entry.id
        assert entry.author and entry.summary
        assert _local(bilingual_site, entry.link).is_file()
    self_link = next(link.href for link in feed.feed.links if link.rel == "self")
    assert self_link == f"{ORIGIN}/{FEED[lang]}"


def test_every_page_links_its_languages_feed_in_its_head(bilingual_site):
    for page in built_pages(bilingual_site):
        tree = parse(page.read_text(encoding="utf-8"))
        lang = tree.css_first("html").attributes["lang"]
        link = tree.css_first('head link[rel="alternate"][type="application/atom+xml"]')
        assert link is not None, page
        assert link.attributes["href"] == "/" + FEED[lang], page


def test_an_untranslated_article_is_only_in_its_own_language(bilingual_site):
    tree = _tree(bilingual_site, TIKTOK)
    assert tree.css("link[hreflang]") == [] and tree.css(".lang-switch") == []
    english = (bilingual_site / FEED["en"]).read_text(encoding="utf-8")
    index = (bilingual_site / INDEX["en"] / "index.html").read_text(encoding="utf-8")
    assert "tiktok-b2b" not in english and "tiktok-b2b" not in index
    assert "tiktok-b2b" in (bilingual_site / FEED["lv"]).read_text(encoding="utf-8")
    assert not list((bilingual_site / "en").rglob("*tiktok*"))


def test_a_draft_article_is_published_nowhere(bilingual_site):
    for path in bilingual_site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json"):
            assert "melnraksts" not in path.read_text(encoding="utf-8"), path


def test_the_sitemap_lists_the_articles_and_indexes_with_their_alternates(bilingual_site):
    sitemap = (bilingual_site / "sitemap.xml").read_text(encoding="utf-8")
    entries = dict(re.findall(r"<url><loc>([^<]+)</loc>(.*?)</url>", sitemap))
    calendar = entries[f"{ORIGIN}/{CALENDAR['lv']}"]
    assert f'hreflang="en" href="{ORIGIN}/{CALENDAR["en"]}"' in calendar
    assert f"{ORIGIN}/{CALENDAR['en']}" in entries
    assert entries[f"{ORIGIN}/{TIKTOK}"] == ""  # one language: no alternates
    assert f'hreflang="en" href="{ORIGIN}/{INDEX["en"]}"' in entries[f"{ORIGIN}/{INDEX['lv']}"]


@pytest.mark.parametrize("path", [CALENDAR["lv"], CALENDAR["en"], TIKTOK])
def test_an_article_page_fits_in_the_first_14000_compressed_bytes(bilingual_site, path):
    data = (bilingual_site / path / "index.html").read_bytes()
    assert len(gzip.compress(data, 9, mtime=0)) <= FIRST_FLIGHT


def test_a_language_not_published_has_no_articles_index_or_feed(fixture_site):
    """The fixture publishes Latvian only: its English article is not written or linked."""
    assert not (fixture_site / "en").exists()
    assert (fixture_site / FEED["lv"]).is_file()
    tree = _tree(fixture_site, CALENDAR["lv"])
    assert tree.css("link[hreflang]") == []


def test_the_index_is_paginated(tmp_path):
    project = copy_fixture_project(tmp_path / "project")
    publish_languages(project, ["lv", "en"])
    settings = project / "pelicanconf.py"
    settings.write_text(
        settings.read_text(encoding="utf-8")
        + '\nARTICLES_PER_PAGE = 1\nPAGINATED_TEMPLATES = {"articles": 1}\n',
        encoding="utf-8",
    )
    output = tmp_path / "output"
    result = build(project, output)
    assert result.returncode == 0, result.stdout + result.stderr
    first, second = _tree(output, INDEX["lv"]), _tree(output, INDEX["lv"] + "2/")
    assert [a.attributes["href"] for a in first.css(".article-list h2 a")] == ["/" + TIKTOK]
    assert [a.attributes["href"] for a in second.css(".article-list h2 a")] == [
        "/" + CALENDAR["lv"]
    ]
    assert first.css_first('a[rel="next"]').attributes["href"] == "/" + INDEX["lv"] + "2/"
    assert second.css_first('a[rel="prev"]').attributes["href"] == "/" + INDEX["lv"]
    canonical = second.css_first('link[rel="canonical"]').attributes["href"]
    assert canonical == f"{ORIGIN}/{INDEX['lv']}2/"
    assert not (output / INDEX["en"] / "2").exists()
