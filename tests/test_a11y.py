"""axe-core (axe-playwright-python) finds no WCAG 2.2 A/AA violation on any page.

Every page of the fixture site published in both languages is served from a plain static server
on 127.0.0.1 and checked in Chromium at two phone widths and a desktop width with JavaScript on
(the configurator and the form's script change the page), and each language's landing page once
more in dark mode and as it is without JavaScript (its scripts taken out).
A control page with known violations proves that axe runs and reports.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.support.browser import OPTIONS
from tests.support.site import serve_folder

pytestmark = pytest.mark.browser

PAGES = [
    "/",
    "/privatuma-politika/",
    "/paldies/",
    "/404.html",
    "/buj/",
    "/en/",
    "/en/privacy-policy/",
    "/en/thank-you/",
    "/en/404.html",
    "/en/faq/",
    "/raksti/",
    "/raksti/satura-kalendars/",
    "/en/articles/content-calendar/",
    "/projekti/",
    "/projekti/kafejnica-instagram/",
]
LANDINGS = ["/", "/en/"]
WIDTHS = [320, 375, 1280]
# A script a browser runs: no type, or a JavaScript type or "module" (not JSON, not importmap).
_SCRIPT = re.compile(
    r"""<script\b(?![^>]*\btype\s*=\s*["']?(?!(?:text/javascript|module|application/javascript)"""
    r"""["'\s>])[^\s>"']+)[^>]*>.*?</script>""",
    re.S | re.I,
)

_DATA_SCRIPT = re.compile(r"<script\b[^>]*\btype\s*=", re.I)


@pytest.fixture(scope="module")
def static_site(bilingual_site) -> Iterator[str]:
    url, server = serve_folder(bilingual_site)
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def _check(axe: Axe, page) -> tuple[int, str]:
    results = axe.run(page, options=OPTIONS)
    return results.violations_count, results.generate_report()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PAGES)
def test_no_wcag_violations(static_site, new_page, axe, path, width):
    page, _ = new_page(width=width)
    page.goto(static_site + path, wait_until="load")
    page.wait_for_load_state("networkidle")
    count, report = _check(axe, page)
    assert count == 0, report


@pytest.mark.parametrize("landing", LANDINGS)
def test_no_wcag_violations_on_the_landing_page_in_dark_mode(static_site, new_page, axe, landing):
    # The palette switches with prefers-color-scheme: its contrast is checked too.
    page, _ = new_page(width=375)
    page.emulate_media(color_scheme="dark")
    page.goto(static_site + landing, wait_until="load")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
    count, report = _check(axe, page)
    assert count == 0, report


def without_scripts(html: str) -> str:
    """The page as a browser without JavaScript shows it: executable scripts removed,
    <noscript> content shown."""
    html = _SCRIPT.sub("", html)
    return re.sub(r"</?noscript\b[^>]*>", "", html)


# Each language's landing page, and as a package card's "Izvēlēties" opens it (its note shown
# by :target).
@pytest.mark.parametrize(
    "address",
    [
        path + query
        for path in LANDINGS
        for query in ("", "?full-package=2#kalkulators-full-package-2")
    ],
)
def test_no_wcag_violations_on_the_landing_page_without_javascript(
    static_site, new_page, axe, address
):
    # axe needs JavaScript itself (and hangs in a context with it turned off), so the page's
    # own scripts are taken out of the document instead.
    page, _ = new_page(width=375)

    def strip(route):
        response = route.fetch()
        route.fulfill(response=response, body=without_scripts(response.text()))

    page.route(lambda url: urlsplit(url).path == urlsplit(address).path, strip)
    page.route("**/*.js*", lambda route: route.abort())
    page.goto(static_site + address, wait_until="load")
    if "#" in address:
        assert page.locator(".cfg-pick:visible").count() == 1
    assert page.evaluate("document.scripts.length") == len(_DATA_SCRIPT.findall(page.content())), (
        "an executable script is left in the page"
    )
    count, report = _check(axe, page)
    assert count == 0, report


def test_without_scripts_keeps_data_and_noscript_content():
    html = (
        '<script>a()</script><script type="module" src="/m.js"></script>'
        '<script type="application/ld+json">{}</script><noscript><p>Bez JS</p></noscript>'
    )
    assert without_scripts(html) == '<script type="application/ld+json">{}</script><p>Bez JS</p>'


def test_axe_reports_violations_on_a_bad_page(new_page, axe):
    page, _ = new_page(width=375)
    page.set_content(
        '<html><head><title>x</title></head><body><img src="x.png">'
        '<p style="color:#eee;background:#fff">gaiši pelēks</p><button></button></body></html>'
    )
    results = axe.run(page, options=OPTIONS)
    found = {v["id"] for v in results.response["violations"]}
    assert {"image-alt", "html-has-lang", "button-name", "color-contrast"} <= found, found
