"""The package cards' "Izvēlēties" links, in Chromium: a plain link without JavaScript, a choice
made in place with it, on the fixture site."""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = pytest.mark.browser


def _last_card_link(page):
    """The last card's link, and the package and tier its query chooses."""
    links = page.locator(".package-action a")
    assert links.count() >= 1, "no package card with a link"
    link = links.nth(links.count() - 1)
    [(package, [tier])] = parse_qs(urlsplit(link.get_attribute("href")).query).items()
    return link, package, tier


def test_without_javascript_the_link_opens_the_configurator_section(
    fixture_static_server, new_page
):
    page, log = new_page(width=375, javascript=False)
    page.goto(fixture_static_server + "/")
    link, package, tier = _last_card_link(page)
    link.click()
    page.wait_for_load_state("load")
    address = urlsplit(page.url)
    assert parse_qs(address.query) == {package: [tier]}
    section = page.locator(f"#{address.fragment}")
    assert section.locator("#konfigurators").count() == 1, "the link must lead to the configurator"
    # The page scrolls smoothly (and page functions cannot be awaited without JavaScript):
    # poll until the section has arrived near the top.
    deadline = time.monotonic() + 5
    while (top := section.evaluate("e => e.getBoundingClientRect().top")) > 24:
        assert time.monotonic() < deadline, f"the section stays {top} px below the top"
        page.wait_for_timeout(100)
    assert top > -24
    assert log.errors == []


@pytest.mark.parametrize("width", [375, 1280])
def test_with_javascript_the_link_chooses_the_tier_in_place(fixture_static_server, new_page, width):
    page, log = new_page(width=width)
    page.goto(fixture_static_server + "/")
    page.wait_for_selector("#konfigurators:not([hidden])")
    page.evaluate("window.notReloaded = true")
    link, package, tier = _last_card_link(page)
    card_price = link.locator("xpath=ancestor::li[1]").locator(".package-amount").inner_text()
    link.click()
    radio = page.locator(f'#konfigurators input[name="{package}"][value="{tier}"]')
    assert radio.is_checked()
    assert page.evaluate("window.notReloaded === true"), "the page was loaded again"
    assert page.evaluate("document.activeElement") == radio.evaluate("e => e")
    assert parse_qs(urlsplit(page.url).query).get(package) == [tier]
    monthly = page.locator('#konfigurators output[name="monthly"]')
    assert monthly.inner_text() == card_price, "the configurator's total is not the card's price"
    page.wait_for_function(
        "e => { const box = e.getBoundingClientRect();"
        " return box.top >= 0 && box.bottom <= innerHeight }",
        arg=radio.element_handle(),
        timeout=5000,
    )
    assert log.errors == []
