"""The owner's trust sections (about, results, testimonials) appear only when their files exist
and are published, with photos resized at build time. Built from a scratch copy of the fixture
site with the trust sections of tests/fixtures/trust added."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from tests.support import (
    ROOT,
    build,
    parse,
    publish_languages,
    served_build,
)
from tests.support.trust import trust_project

FIXTURES = ROOT / "tests" / "fixtures" / "trust"


@pytest.fixture(scope="module")
def trust_site(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("trust-output")


@pytest.fixture(scope="module")
def trust_url(tmp_path_factory, trust_site):
    project = trust_project(tmp_path_factory.mktemp("trust"))
    with served_build(project, trust_site) as url:
        yield url


@pytest.mark.browser
def test_published_sections_appear_and_drafts_do_not(trust_url, new_page):
    page, log = new_page(width=375)
    page.goto(trust_url + "/", wait_until="networkidle")
    about = page.locator("#fixture-par-mani")
    assert about.locator("h2").inner_text() == "Par mani"
    assert "Es esmu fiktīva persona no testa." in about.inner_text()
    quote = page.locator("#fixture-atsauksmes figure")
    assert quote.locator("figcaption").inner_text() == "Jānis Testiņš, SIA Fikcija"
    assert "tikai tests" in quote.locator("blockquote").inner_text()
    assert page.locator("#fixture-rezultati").count() == 0
    nav = page.locator("header nav").inner_text()
    assert "Par mani" in nav and "Rezultāti" not in nav
    html = page.content()
    assert "melnraksts" not in html and "Instructions for the owner" not in html
    assert log.errors == []


@pytest.mark.browser
def test_icons_come_from_the_one_symbol_set_inside_the_page(trust_url, new_page):
    page, log = new_page(width=1280)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(trust_url + "/", wait_until="networkidle")
    assert requested and not [url for url in requested if "icons" in url]
    uses = page.locator(".cards .icon use").evaluate_all(
        "uses => uses.map(u => u.getAttribute('href'))"
    )
    assert uses == ["#i-target", "#i-chat"]
    # The page carries the symbols it uses, each once, and no other.
    symbols = page.locator("svg symbol").evaluate_all("symbols => symbols.map(s => s.id)")
    assert symbols == ["i-target", "i-chat"]
    assert page.locator(".cards .icon").first.get_attribute("aria-hidden") == "true"
    assert page.locator("svg:has(> symbol)").get_attribute("aria-hidden") == "true"
    # Drawn: the symbol's circles fill the icon's box (an icon without its symbol is empty).
    box = page.locator(".cards .icon").first.evaluate(
        "svg => { const b = svg.querySelector('use').getBBox(); return [b.width, b.height]; }"
    )
    assert box == [18, 18]
    assert log.errors == []


@pytest.mark.browser
def test_the_photo_is_responsive_sized_and_lazy(trust_url, trust_site, new_page):
    page, log = new_page(width=375)
    page.goto(trust_url + "/", wait_until="load")
    img = page.locator("#fixture-par-mani picture img")
    assert img.get_attribute("loading") == "lazy"
    assert (img.get_attribute("width"), img.get_attribute("height")) == ("960", "720")
    assert img.get_attribute("alt") == "Fiktīva persona pie galda"
    sources = page.locator("#fixture-par-mani picture source")
    # AVIF first, WebP next: the browser takes the first type it can show; JPEG for the rest.
    assert sources.evaluate_all("s => s.map(e => e.type)") == ["image/avif", "image/webp"]
    srcsets = [*sources.evaluate_all("s => s.map(e => e.srcset)"), img.get_attribute("srcset")]
    for srcset, (suffix, kind) in zip(
        srcsets, ((".avif", "AVIF"), (".webp", "WEBP"), (".jpg", "JPEG")), strict=True
    ):
        candidates = [c.strip().split(" ") for c in srcset.split(",")]
        assert [w for _, w in candidates] == ["320w", "640w", "960w"]
        for url, width in candidates:
            assert url.endswith(suffix)
            with Image.open(trust_site / url.lstrip("/")) as picture:
                assert picture.format == kind
                assert picture.size == (int(width[:-1]), int(width[:-1]) * 3 // 4)
    img.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => { const i = document.querySelector('#fixture-par-mani img');"
        " return i.complete && i.naturalWidth > 0 }"
    )
    assert img.evaluate("e => e.currentSrc").endswith(".avif")
    assert log.errors == []


@pytest.mark.browser
def test_trust_sections_have_no_wcag_violations(trust_url, new_page):
    from axe_playwright_python.sync_playwright import Axe

    from tests.support.browser import OPTIONS

    page, _ = new_page(width=375)
    page.goto(trust_url + "/", wait_until="networkidle")
    page.locator("#fixture-par-mani img").scroll_into_view_if_needed()
    results = Axe().run(page, context="#fixture-par-mani, #fixture-atsauksmes", options=OPTIONS)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "Es esmu fiktīva persona no testa.",
            "[Teksts par tevi]",
            "aizvietotājs [Teksts par tevi] jāaizstāj",
        ),
        (
            "Photo: images/fixture-portrait.jpg",
            "Photo: images/nav.jpg",
            "Photo: fails 'images/nav.jpg' nav atrasts",
        ),
        ("Photo_alt: Fiktīva persona pie galda", "", "trūkst lauka Photo_alt"),
        (
            "Layout: about",
            "Layout: about\nIcons: nope",
            "Icons: tēmā nav ikonas 'nope'",
        ),
    ],
)
def test_an_unfinished_section_stops_the_build(tmp_path, old, new, message):
    project = trust_project(tmp_path / "project")
    about = project / "content" / "landing" / "62-par-mani.md"
    about.write_text(about.read_text(encoding="utf-8").replace(old, new), "utf-8")
    output = tmp_path / "output"
    result = build(project, output)
    assert result.returncode != 0
    # Pelican's log wraps long lines; compare without the whitespace.
    said = "".join((result.stdout + result.stderr).split())
    assert "62-par-mani.md" in said
    assert "".join(message.split()) in said
    assert not (output / "index.html").exists()


@pytest.fixture(scope="module")
def bilingual_trust(tmp_path_factory) -> tuple[Path, str]:
    """The trust sections published in both languages: the build's folder and its URL."""
    project = trust_project(tmp_path_factory.mktemp("trust-bilingual"))
    publish_languages(project, ["lv", "en"])
    output = tmp_path_factory.mktemp("trust-bilingual-output")
    with served_build(project, output) as url:
        yield output, url


def test_trust_sections_publish_in_both_languages(bilingual_trust):
    output, _ = bilingual_trust
    english = parse((output / "en" / "index.html").read_text(encoding="utf-8"))
    about = english.css_first("#fixture-par-mani")
    assert about.css_first("h2").text() == "About me"
    assert "I am a fictional person from a test." in about.text()
    assert about.css_first("picture img").attributes["alt"] == "A fictional person at a desk"
    assert "only a test could make it up" in english.css_first("#fixture-atsauksmes").text()
    assert english.css_first("#fixture-rezultati") is None
    nav = english.css_first("header nav").text()
    assert "About me" in nav and "Results" not in nav
    latvian = parse((output / "index.html").read_text(encoding="utf-8"))
    assert [s.attributes["id"] for s in latvian.css("main section")] == [
        s.attributes["id"] for s in english.css("main section")
    ]


@pytest.mark.browser
@pytest.mark.parametrize(
    ("path", "quotes"),
    # Latvian „…” as docs/style.md writes them; English from the browser's data for the
    # page's language (“…”), as any further language.
    [("/", '"„" "”"'), ("/en/", "auto")],
)
def test_a_testimonial_is_quoted_in_the_page_s_language(bilingual_trust, new_page, path, quotes):
    page, log = new_page(width=375)
    page.goto(bilingual_trust[1] + path, wait_until="networkidle")
    quote = page.locator("#fixture-atsauksmes blockquote").first
    assert quote.evaluate("q => getComputedStyle(q).quotes") == quotes
    marks = quote.locator("p").first.evaluate(
        "p => ['::before', '::after'].map(part => getComputedStyle(p, part).content)"
    )
    assert marks == ["open-quote", "close-quote"]
    assert log.errors == []


@pytest.mark.parametrize(
    ("draft", "said"),
    [
        # The English published, its Latvian original still a draft.
        ("62-par-mani.md", "62-par-mani.en.md:5: tulkojums valodā 'en' bez publicēta oriģināla"),
        # The Latvian published, its English translation still a draft.
        ("66-atsauksmes.en.md", "66-atsauksmes.md:3: nav tulkojuma valodā 'en'"),
    ],
)
def test_a_trust_section_published_in_one_language_only_stops_the_build(tmp_path, draft, said):
    project = trust_project(tmp_path / "project")
    publish_languages(project, ["lv", "en"])
    section = project / "content" / "landing" / draft
    lines = section.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(1, "Status: draft\n")
    section.write_text("".join(lines), encoding="utf-8")
    output = tmp_path / "output"
    result = build(project, output)
    assert result.returncode != 0
    assert "".join(said.split()) in "".join((result.stdout + result.stderr).split())
    assert not (output / "index.html").exists()
