"""The site in a real Chromium: no console errors, no horizontal scroll, keyboard FAQ."""

from __future__ import annotations

import pytest

from tests.test_site_build import FAQ

PAGES = ["/", "/privatuma-politika/", "/paldies/", "/404.html"]


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
    page.goto(fixture_static_server + "/")
    summaries = page.locator(".faq summary")
    assert summaries.count() == len(FAQ)
    # Reach the first question with the Tab key from the element before the FAQ list.
    page.locator("#buj-h").evaluate("h => { h.tabIndex = -1; h.focus(); }")
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
    page.goto(fixture_static_server + "/#cik-atri-parasti-paradas-rezultati")
    assert page.locator("#cik-atri-parasti-paradas-rezultati .answer").is_visible()
    page.evaluate("location.hash = 'vai-var-parvaldit-tikai-linkedin'")
    assert page.locator("#vai-var-parvaldit-tikai-linkedin .answer").is_visible()
    assert log.errors == []
