"""The site in a real Chromium: no console errors, no horizontal scroll, keyboard FAQ."""

from __future__ import annotations

import pytest

from tests.support.browser import FIRST_FRAME, LATER, later_styles_applied, slow_stylesheets
from tests.support.seed import FAQ

PAGES = ["/", "/privatuma-politika/", "/paldies/", "/404.html", "/buj/"]


@pytest.mark.parametrize("width", [320, 375, 1280])
@pytest.mark.parametrize("path", PAGES)
def test_no_console_errors_and_no_horizontal_scroll(new_page, fixture_static_server, width, path):
    page, log = new_page(width=width)
    page.goto(fixture_static_server + path, wait_until="networkidle")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"
    assert log.errors == []


@pytest.mark.parametrize("width", [375, 1280])
def test_every_faq_item_opens_by_keyboard(new_page, fixture_static_server, width):
    page, log = new_page(width=width)
    page.goto(fixture_static_server + "/buj/")
    summaries = page.locator(".faq summary")
    assert summaries.count() == len(FAQ)
    # Reach the first question with the Tab key from the element before the FAQ list.
    page.locator(".faq").evaluate("f => { f.tabIndex = -1; f.focus(); }")
    for index in range(len(FAQ)):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.textContent")
        assert focused == FAQ[index]
        details = summaries.nth(index).locator("xpath=..")
        assert details.get_attribute("open") is None
        page.keyboard.press("Enter")
        assert details.get_attribute("open") == ""
        assert details.locator(".answer").is_visible()
    assert log.errors == []


def test_faq_anchor_opens_its_question(new_page, fixture_static_server):
    page, log = new_page(width=375)
    page.goto(fixture_static_server + "/buj/#cik-atri-parasti-paradas-rezultati")
    assert page.locator("#cik-atri-parasti-paradas-rezultati .answer").is_visible()
    assert page.locator("#vai-var-parvaldit-tikai-linkedin .answer").is_hidden()
    page.evaluate("location.hash = 'vai-var-parvaldit-tikai-linkedin'")
    assert page.locator("#vai-var-parvaldit-tikai-linkedin .answer").is_visible()
    assert log.errors == []


@pytest.mark.parametrize("width", [375, 1280])
def test_each_question_on_the_landing_page_opens_its_answer_on_the_faq_page(
    new_page, fixture_static_server, width
):
    """The landing page lists the questions; a click lands on the FAQ page with that answer open
    and on screen, the other answers closed."""
    page, log = new_page(width=width)
    page.goto(fixture_static_server + "/", wait_until="networkidle")
    links = page.locator("#buj .faq-links a")
    assert links.all_inner_texts() == FAQ
    for index in (0, len(FAQ) - 1):
        page.goto(fixture_static_server + "/", wait_until="networkidle")
        link = page.locator("#buj .faq-links a").nth(index)
        anchor = link.get_attribute("href").split("#", 1)[1]
        # Clicked in place: scrolled near, the calculator would start loading its scripts, and
        # leaving the page would cancel them.
        link.evaluate("a => a.click()")
        page.wait_for_url(f"**/buj/#{anchor}")
        target = page.locator(f'[id="{anchor}"]')
        assert target.get_attribute("open") == ""
        assert target.locator("summary").inner_text() == FAQ[index]
        assert target.locator(".answer").is_visible()
        # On screen once the browser has scrolled to the address (it may do so after "load").
        page.wait_for_function(
            "id => { const top = document.getElementById(id).getBoundingClientRect().top;"
            " return top > -2 && top < innerHeight; }",
            arg=anchor,
            timeout=5000,
        )
        assert page.locator("details[open]").count() == 1
    assert log.errors == []


# -- the landing page's later styles (issue 12) ---------------------------------------------------
# What the page's first frame found: which stylesheets were linked and which of them applied. An
# init script runs before the page's own, and its requestAnimationFrame callback at the first
# rendering opportunity, which a render-blocking stylesheet holds back.


def test_the_landing_page_paints_before_linking_the_styles_further_down(
    new_page, fixture_static_server
):
    page, log = new_page(width=375)
    page.add_init_script(FIRST_FRAME)
    slow_stylesheets(page)
    page.goto(fixture_static_server + "/", wait_until="networkidle")
    assert page.evaluate("window.firstFrame") == []
    assert later_styles_applied(page)
    linked = page.evaluate(
        "[...document.querySelectorAll('link[rel=stylesheet]')].map(l => new URL(l.href).pathname)"
    )
    assert linked[:2] == LATER, linked
    assert log.errors == []


@pytest.mark.parametrize("how", ["anchor", "reload"])
def test_a_landing_page_opening_further_down_waits_for_those_styles(
    new_page, fixture_static_server, how
):
    """A visitor who lands on a section (or reloads, or comes back) never sees it unstyled."""
    page, log = new_page(width=375)
    page.add_init_script(FIRST_FRAME)
    slow_stylesheets(page)
    if how == "anchor":
        page.goto(fixture_static_server + "/#buj", wait_until="networkidle")
    else:
        page.goto(fixture_static_server + "/", wait_until="networkidle")
        # The first visit's styles and scripts, started after its paint, finish loading first:
        # a reload would cut them short, and the log would count them as failed requests.
        page.wait_for_function("!document.documentElement.classList.contains('first-paint')")
        page.wait_for_load_state("networkidle")
        page.reload(wait_until="networkidle")
    assert page.evaluate("window.firstFrame") == [[path, True] for path in LATER]
    assert later_styles_applied(page)
    assert log.errors == []


def test_without_javascript_the_landing_page_links_those_styles_itself(
    new_page, fixture_static_server
):
    page, _ = new_page(width=375, javascript=False)
    page.goto(fixture_static_server + "/", wait_until="networkidle")
    assert later_styles_applied(page)


# -- the header on a phone -----------------------------------------------------------------------
HEADER_ROWS = """() => new Set([...document.querySelectorAll(
    ".site-header .brand, .site-header nav li, .site-header .lang-switch li"
  )].map((e) => Math.round(e.getBoundingClientRect().top))).size"""
# Wholly inside the menu's box and clear of the fade at its right edge (2rem).
ON_SCREEN = """(a) => { const r = a.getBoundingClientRect();
  const menu = a.closest("nav").getBoundingClientRect();
  const fade = 2 * parseFloat(getComputedStyle(document.documentElement).fontSize);
  const hit = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
  return r.left >= menu.left - 1 && r.right <= menu.right - fade + 1 && r.right <= innerWidth
    && hit !== null && hit.closest("a") === a; }"""


@pytest.mark.parametrize("width", [320, 375])
@pytest.mark.parametrize("path", ["/", "/buj/"])
def test_the_phone_header_is_two_lines_and_every_link_in_it_can_be_reached(
    new_page, fixture_static_server, width, path
):
    """The name on one line, the menu and the language switch on the next (was four lines at
    375 px); a menu longer than the line scrolls, and each link focused is wholly on screen."""
    page, log = new_page(width=width)
    page.goto(fixture_static_server + path, wait_until="networkidle")
    assert page.evaluate(HEADER_ROWS) == 2
    links = page.locator(".site-header nav a")
    assert links.count() == 6
    for index in range(links.count()):
        link = links.nth(index)
        link.focus()
        page.wait_for_timeout(50)
        assert link.evaluate(ON_SCREEN), link.inner_text()
    assert (
        page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        <= 0
    )
    assert log.errors == []


def test_the_header_is_one_line_on_a_wide_screen(new_page, fixture_static_server):
    page, _ = new_page(width=1280)
    page.goto(fixture_static_server + "/", wait_until="networkidle")
    assert page.evaluate(HEADER_ROWS) == 1
