"""The whole fixture site, with the owner's trust sections and a photo, as a prospect uses it in
Chromium (issue 12's budgets): no request leaves for another host, nothing shifts while the
landing page is read from top to bottom (the phone bar included), pictures are sized and those
below the fold load lazily, and axe finds no WCAG violation with the phone bar up.

tests/test_site_build.py checks the URLs written in the pages; here every request the browser
makes is recorded, the scripts' own (the catalog, the estimate engine, the icons) included.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.support import built_pages, served_build
from tests.support.browser import CLS_OBSERVER, OPTIONS, bar_is_up
from tests.support.trust import trust_project

pytestmark = pytest.mark.browser
BAR_UP = """() => { const bar = document.querySelector('.cfg-float');
  return getComputedStyle(bar).visibility == 'visible'
    && Math.abs(bar.getBoundingClientRect().bottom - innerHeight) < 1; }"""


@pytest.fixture(scope="module")
def whole_site(tmp_path_factory):
    """(URL, output folder) of the fixture site built with the trust sections published."""
    output = tmp_path_factory.mktemp("whole-output")
    project = trust_project(tmp_path_factory.mktemp("whole"))
    with served_build(project, output) as url:
        yield url, output


def _paths(output) -> list[str]:
    return [
        "/" + p.relative_to(output).as_posix().removesuffix("index.html")
        for p in built_pages(output)
    ]


def read_to_the_end(page, step: int = 500, each=None) -> None:
    """Scroll the page from top to bottom with the mouse wheel as a reader does, ``step`` pixels
    at a time (calling ``each()`` after each), letting lazy pictures load and the phone bar come
    and go."""
    while page.evaluate("scrollY + innerHeight < document.documentElement.scrollHeight - 1"):
        page.mouse.wheel(0, step)
        page.wait_for_timeout(120)
        if each:
            each()
    page.wait_for_load_state("networkidle")


def foreign_requests(requests: list[str], own: str) -> list[str]:
    host = urlsplit(own).netloc
    return [
        u
        for u in requests
        if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).netloc != host
    ]


def test_foreign_requests_are_found():
    own = "http://127.0.0.1:8000"
    seen = [own + "/", "data:image/svg+xml,x", "https://fonts.googleapis.com/css?family=Inter"]
    assert foreign_requests(seen, own) == [seen[2]]


def test_no_request_leaves_for_another_host(whole_site, new_page):
    url, output = whole_site
    paths = _paths(output)
    assert {"/", "/privatuma-politika/", "/paldies/", "/404.html"} <= set(paths)
    requests = []
    for path in paths:
        page, log = new_page(width=375)
        page.on("request", lambda request: requests.append(request.url))
        page.goto(url + path, wait_until="networkidle")
        read_to_the_end(page)
        if path == "/":
            page.wait_for_selector("#konfigurators:not([hidden])")
            page.locator(".package-action a").first.click()  # the configurator's choice and totals
        assert log.errors == [], path
    assert any(u.endswith(".avif") for u in requests), "the photo was not loaded"
    assert any("/data/pricing.json" in u for u in requests), "the configurator did not start"
    assert foreign_requests(requests, url) == []


@pytest.mark.parametrize("width", [375, 1280])
def test_nothing_shifts_while_the_landing_page_is_read(whole_site, new_page, width):
    url, _ = whole_site
    page, log = new_page(width=width, height=700)
    page.add_init_script(CLS_OBSERVER)
    page.goto(url + "/", wait_until="load")
    # The calculator is built while the page is read, as the visitor comes near it.
    bar_seen = []
    read_to_the_end(page, each=lambda: bar_seen.append(bar_is_up(page)))
    assert page.locator("#konfigurators").is_visible()
    assert any(bar_seen) == (width < 600), "the phone bar is for phones, and shows on them"
    page.wait_for_function("document.querySelector('#fixture-par-mani img').complete")
    assert page.evaluate("window.layoutShift") == 0
    assert log.errors == []


# A share link, a link to the calculator, a package card's link opened anew.
@pytest.mark.parametrize(
    "address", ["/?content=2&ads=1", "/#kalkulators", "/?full-package=2#kalkulators-full-package-2"]
)
@pytest.mark.parametrize("width", [375, 1280])
def test_nothing_shifts_when_a_link_opens_the_page_on_the_configurator(
    whole_site, new_page, width, address
):
    url, _ = whole_site
    page, log = new_page(width=width, height=700)
    page.emulate_media(reduced_motion="reduce")
    page.add_init_script(CLS_OBSERVER)
    page.goto(url + address, wait_until="load")
    page.wait_for_selector("#konfigurators:not([hidden])")
    section = page.locator("#kalkulators")
    page.wait_for_function(
        "s => Math.abs(s.getBoundingClientRect().top) < 2", arg=section.element_handle()
    )
    page.wait_for_timeout(300)
    assert page.evaluate("window.layoutShift") == 0
    assert log.errors == []


def test_a_layout_shift_is_measured(whole_site, new_page):
    """The observer above counts what moves without the visitor's input."""
    url, _ = whole_site
    page, _ = new_page(width=375, height=700)
    page.add_init_script(CLS_OBSERVER)
    page.goto(url + "/404.html", wait_until="load")
    page.wait_for_timeout(200)
    assert page.evaluate("window.layoutShift") == 0
    page.evaluate("document.body.insertAdjacentHTML('afterbegin', '<p style=height:200px>x</p>')")
    page.wait_for_function("window.layoutShift > 0")


@pytest.mark.parametrize("width", [375, 1280])
def test_pictures_are_sized_and_lazy_below_the_fold(whole_site, new_page, width):
    url, output = whole_site
    checked = 0
    for path in _paths(output):
        page, _ = new_page(width=width, height=700)
        page.goto(url + path, wait_until="load")
        for img in page.locator("img").all():
            name = f"{path} {img.get_attribute('src')}"
            width_attr, height_attr = img.get_attribute("width"), img.get_attribute("height")
            assert width_attr and height_attr, f"{name}: no width and height"
            if img.evaluate("i => i.getBoundingClientRect().top") > page.viewport_size["height"]:
                assert img.get_attribute("loading") == "lazy", f"{name}: below the fold, not lazy"
            img.scroll_into_view_if_needed()
            page.wait_for_function(
                "i => i.complete && i.naturalWidth > 0", arg=img.element_handle()
            )
            box = img.bounding_box()
            ratio = int(width_attr) / int(height_attr)
            assert box["width"] / box["height"] == pytest.approx(ratio, rel=0.02), name
            checked += 1
    assert checked >= 1, "no picture on the site: the trust sections' photo is expected"


@pytest.mark.parametrize("width", [320, 375, 1280])
def test_no_wcag_violation_with_the_configurator_in_view(whole_site, new_page, width):
    url, _ = whole_site
    page, _ = new_page(width=width, height=700)
    page.emulate_media(reduced_motion="reduce")
    page.goto(url + "/?content=2&ads=1", wait_until="networkidle")
    page.wait_for_selector("#konfigurators:not([hidden])")
    page.locator("#fixture-par-mani img").scroll_into_view_if_needed()  # the photo loaded
    page.locator(".cfg-choices fieldset").nth(1).scroll_into_view_if_needed()
    if width < 600:
        page.wait_for_function("document.querySelector('.cfg-float-shown')")
        page.wait_for_function(BAR_UP)
    results = Axe().run(page, options=OPTIONS)
    assert results.violations_count == 0, results.generate_report()
