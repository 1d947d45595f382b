"""Nothing but the document before the landing page's first paint (issue 12), in Chromium.

Lighthouse's simulation (Lantern) charges to FCP and LCP every request that finished before the
paint it observed: a stylesheet or script started a moment before the first frame was on screen
costs a slow phone its download before it paints. So the page's loader (theme/static/js/loader.js)
starts the later styles and the section scripts only once the `first-contentful-paint` entry has
been delivered, and the icons' symbols are in the page. What the first paint saw is read from
the page's own Resource Timing and Paint Timing entries.

The entry's startTime alone would let a loader that starts too early pass now and then: in
headless Chromium it sometimes falls after the second of two animation frames (the old loader's
wait), which in Lighthouse's trace come before the paint. The test therefore also takes the
moment the entry reached an observer that the test installs before the page's own scripts: the
earliest a page can know that it has been painted. Nothing but the document may start before either.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.support import (
    BILINGUAL_PAGES,
    copy_fixture_project,
    publish_languages,
    served_build,
)
from tests.support.browser import (
    FIRST_FRAME,
    LATER,
    later_styles_applied,
    loaded_after_paint,
    slow_stylesheets,
)

LANDINGS = {"lv": "/", "en": "/en/"}
ICONS = "Icons: target, chat, calendar, send, chart, trend"
# What the landing page loads after its first paint: both later stylesheets and every section
# script (the configurator's own styles and data come when it is built, near the calculator).
AFTER_PAINT = [
    "sections.css",
    "contact.css",
    "packages.js",
    "configurator.js",
    "contact.js",
    "count.js",
]

# Installed before the page's scripts, so its observer is called before the page's loader's.
PAINT_DELIVERED = """
new PerformanceObserver((entries) => {
    if (entries.getEntriesByName("first-contentful-paint").length) {
        window.paintDelivered = performance.now();
    }
}).observe({type: "paint", buffered: true});
"""
TIMING = """() => {
    const fcp = performance.getEntriesByName("first-contentful-paint")[0];
    const resources = performance.getEntriesByType("resource").map(
        (entry) => [new URL(entry.name).pathname, entry.startTime]);
    return {fcp: fcp ? fcp.startTime : null, delivered: window.paintDelivered, resources};
}"""


@pytest.fixture(scope="module")
def landing_server(tmp_path_factory) -> Iterator[str]:
    """The fixture site in both languages, with icons on its cards and steps as the owner's
    sections have them; built once for this module."""
    project = copy_fixture_project(tmp_path_factory.mktemp("icons"))
    publish_languages(project, ["lv", "en"])
    for path in (project / "content" / "landing").glob("*.md"):
        text = path.read_text(encoding="utf-8")
        for layout in ("cards", "steps"):
            text = text.replace(f"Layout: {layout}\n", f"Layout: {layout}\n{ICONS}\n", 1)
        path.write_text(text, encoding="utf-8")
    with served_build(project, tmp_path_factory.mktemp("icons-output")) as url:
        yield url


REQUESTED = """(names) => names.filter((name) => performance.getEntriesByType("resource")
    .some((entry) => new URL(entry.name).pathname.endsWith("/" + name)))"""


def _loaded_after_paint(page, timeout: float = 5_000) -> list[str]:
    """The names of the files of AFTER_PAINT the page has requested (as Resource Timing says),
    once it has requested them all or after ``timeout`` ms."""
    with contextlib.suppress(PlaywrightTimeout):  # the assertion then names what is missing
        page.wait_for_function(
            f"(names) => ({REQUESTED})(names).length === names.length",
            arg=AFTER_PAINT,
            timeout=timeout,
        )
    return page.evaluate(REQUESTED, AFTER_PAINT)


@pytest.mark.parametrize("lang", LANDINGS)
def test_no_request_but_the_document_starts_before_the_first_contentful_paint(
    new_page, landing_server, lang
):
    page, log = new_page(width=412, height=823)
    page.add_init_script(PAINT_DELIVERED)
    page.goto(landing_server + LANDINGS[lang], wait_until="networkidle")
    # Everything the page needs further down does come, after the paint.
    assert _loaded_after_paint(page) == AFTER_PAINT
    timing = page.evaluate(TIMING)
    assert timing["fcp"] is not None and timing["delivered"] >= timing["fcp"]
    before = [(p, round(start)) for p, start in timing["resources"] if start < timing["delivered"]]
    assert before == [], (
        f"started before the first contentful paint ({timing['fcp']:.0f} ms, "
        f"known at {timing['delivered']:.0f} ms)"
    )
    assert later_styles_applied(page)
    assert log.errors == []


def test_other_pages_import_only_the_counting_script_and_only_after_their_first_paint(
    new_page, landing_server
):
    """Issue 26: every page counts its view with js/count.js, imported after the paint like the
    landing page's section scripts; nothing else is requested."""
    page, log = new_page(width=412, height=823)
    page.add_init_script(PAINT_DELIVERED)
    for path in ("/buj/", "/en/privacy-policy/"):
        page.goto(landing_server + path, wait_until="networkidle")
        page.wait_for_function(f"({REQUESTED})(['count.js']).length === 1")
        timing = page.evaluate(TIMING)
        assert timing["fcp"] is not None and timing["delivered"] >= timing["fcp"]
        files = [(p.rsplit("/", 1)[-1], round(start)) for p, start in timing["resources"]]
        assert [name for name, _ in files] == ["count.js", "count"], path
        assert all(start >= timing["delivered"] for _, start in files), (path, timing)
    assert log.errors == []


@pytest.mark.parametrize("lang", LANDINGS)
def test_no_page_requests_the_icon_file(new_page, landing_server, lang):
    """The icons are symbols inside the page, drawn without a request of their own."""
    paths = ["/" + p.removesuffix("index.html") for p in BILINGUAL_PAGES[lang]]
    page, log = new_page(width=1280)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for path in paths:
        page.goto(landing_server + path, wait_until="networkidle")
        loaded_after_paint(page)  # what the loader starts is not cut short by the next page
    assert requested and not [url for url in requested if "icons" in url]
    page.goto(landing_server + LANDINGS[lang], wait_until="networkidle")
    # Every icon drawn on the landing page has its symbol in the page.
    icons = page.locator("svg.icon use")
    assert icons.count() > 0
    missing = icons.evaluate_all(
        "uses => uses.map(u => u.getAttribute('href')).filter(href => !href.startsWith('#')"
        " || !document.querySelector('symbol' + href))"
    )
    assert missing == []
    assert log.errors == []


@pytest.mark.parametrize("opening", ["#kalkulators", "?content=2&ads=1"])
def test_a_page_opened_further_down_links_the_styles_before_its_first_frame(
    new_page, landing_server, opening
):
    """A share link, a link to the calculator or to a section: the visitor sees it styled at once,
    and the section scripts come without waiting for a paint entry."""
    page, log = new_page(width=375)
    page.add_init_script(FIRST_FRAME)
    slow_stylesheets(page)
    page.goto(landing_server + "/" + opening, wait_until="networkidle")
    assert page.evaluate("window.firstFrame") == [[path, True] for path in LATER]
    assert _loaded_after_paint(page) == AFTER_PAINT
    assert log.errors == []


# Stand-ins for browsers the loader must not leave without the rest of the page.
NO_PAINT_TIMING = "Object.defineProperty(PerformanceObserver, 'supportedEntryTypes', {value: []})"
NO_OBSERVER = "delete window.PerformanceObserver"
# A paint entry that never comes (as for a page opened in a background tab).
NO_PAINT_ENTRY = "PerformanceObserver.prototype.observe = function () {}"


@pytest.mark.parametrize("browser_lacks", [NO_PAINT_TIMING, NO_OBSERVER, NO_PAINT_ENTRY])
def test_without_a_paint_entry_the_page_still_loads_the_rest(
    new_page, landing_server, browser_lacks
):
    page, log = new_page(width=375)
    page.add_init_script(browser_lacks)
    page.goto(landing_server + "/", wait_until="load")
    # The fallback after a missing paint entry waits 3 s: well within the 10 s allowed here.
    assert _loaded_after_paint(page, timeout=10_000) == AFTER_PAINT
    assert later_styles_applied(page)
    assert log.errors == []


# -- content-visibility until the first paint (site.css, .first-paint) ----------------------------
# What the first frame found: the root's class and each section's content-visibility.
SECTIONS_AT_FIRST_FRAME = """
function sectionsAtThisFrame() {
    // On a busy machine a frame can come while the parser has not yet reached the sections, or
    // only some of them: wait for the configurator's (the fixture's), which the test reads. The
    // loader that ends .first-paint is inlined after every section, so it cannot have run yet.
    if (!document.getElementById("kalkulators")) return requestAnimationFrame(sectionsAtThisFrame);
    const sections = [...document.querySelectorAll("main > section")];
    window.sectionsAtFirstFrame = {
        firstPaint: document.documentElement.classList.contains("first-paint"),
        sections: sections.map(
            (section) => [section.id, getComputedStyle(section).contentVisibility]),
    };
}
requestAnimationFrame(sectionsAtThisFrame);
"""
SECTIONS_NOW = """[...document.querySelectorAll("main > section")].map(
    (section) => [section.id, getComputedStyle(section).contentVisibility])"""


def test_the_first_layout_skips_the_sections_further_down_until_the_page_is_painted(
    new_page, landing_server
):
    page, log = new_page(width=412, height=823)
    page.add_init_script(SECTIONS_AT_FIRST_FRAME)
    page.goto(landing_server + "/", wait_until="networkidle")
    first = page.evaluate("window.sectionsAtFirstFrame")
    assert first["firstPaint"]
    visibility = dict(first["sections"])
    # The hero is always laid out; the configurator's section too (its fixed bar and sticky
    # summary need the screen as their containing block); every other section may be skipped.
    assert visibility.pop("sakums") == "visible"
    assert visibility.pop("kalkulators") == "visible"
    assert visibility and set(visibility.values()) == {"auto"}, visibility
    # Once painted, every section is laid out, so that addresses further down are exact.
    page.wait_for_function("!document.documentElement.classList.contains('first-paint')")
    assert {value for _, value in page.evaluate(SECTIONS_NOW)} == {"visible"}
    assert log.errors == []


@pytest.mark.parametrize("opening", ["#kalkulators", "?content=2&ads=1"])
def test_a_page_opened_further_down_lays_out_every_section_at_once(
    new_page, landing_server, opening
):
    page, log = new_page(width=375)
    page.add_init_script(SECTIONS_AT_FIRST_FRAME)
    page.goto(landing_server + "/" + opening, wait_until="networkidle")
    first = page.evaluate("window.sectionsAtFirstFrame")
    assert not first["firstPaint"]
    assert {value for _, value in first["sections"]} == {"visible"}
    assert log.errors == []


@pytest.mark.parametrize("target", ["kalkulators", "cenas", "kontakti"])
def test_a_menu_link_scrolls_to_its_section_exactly(new_page, landing_server, target):
    """With sections of estimated height left above it, the scroll would stop thousands of
    pixels off (measured: 2,783 px before the calculator at 1280 px). The contact section lies
    below the calculator, which is built only when the visitor comes near it: built during this
    very scroll, it would grow the page under it (measured: 950 px short at 1280 px)."""
    page, log = new_page(width=1280)
    page.goto(landing_server + "/", wait_until="networkidle")
    page.wait_for_function("!document.documentElement.classList.contains('first-paint')")
    assert page.evaluate("document.getElementById('konfigurators').hidden"), "built too soon"
    page.locator(f'header nav a[href$="#{target}"]').click()
    # The page scrolls smoothly: wait until the section's top has come to rest at the top.
    page.wait_for_function(
        """(id) => {
            const top = Math.round(document.getElementById(id).getBoundingClientRect().top);
            const settled = top === window.lastTop;
            window.lastTop = top;
            return settled && Math.abs(top) <= 1;
        }""",
        arg=target,
        polling=200,
        timeout=5_000,
    )
    assert log.errors == []
