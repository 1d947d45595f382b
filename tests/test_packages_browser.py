"""The package cards' "Izvēlēties" links, in Chromium: a plain link without JavaScript, a choice
made in place with it, on the fixture site."""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.support import copy_fixture_project, served_build

pytestmark = pytest.mark.browser
NBSP = "\u00a0"
# The card fields added to the fixture's full package (its prices: 650, 800 and 950 €).
NAMED = {"1": ("Pamata", "mazam uzņēmumam"), "2": ("Izaugsme", "augošam"), "3": ("Plašā", None)}


@pytest.fixture(scope="module")
def named_site(tmp_path_factory):
    """The fixture site with names, "for whom" lines and tier 2 recommended."""
    project = copy_fixture_project(tmp_path_factory.mktemp("named"))
    pricing = project / "pricing.yaml"
    lines = pricing.read_text(encoding="utf-8").splitlines()
    start = lines.index("  - id: full-package")
    out = lines[:start]
    for line in lines[start:]:
        out.append(line)
        if line == "    package: true":
            out.append('    recommended: "2"')
        for tier, (name, for_whom) in NAMED.items():
            if line == f'      - id: "{tier}"':
                out.append(f"        name: {name}")
                if for_whom:
                    out.append(f"        for_whom: {for_whom}")
    pricing.write_text("\n".join(out) + "\n", encoding="utf-8")
    with served_build(project, tmp_path_factory.mktemp("named-output")) as url:
        yield url


def test_cards_show_names_for_whom_prices_and_the_recommended_tier(named_site, new_page):
    page, log = new_page(width=1280)
    page.goto(named_site + "/")
    cards = page.locator(".package")
    assert cards.count() == 3
    assert cards.locator("h3").all_inner_texts() == ["Pamata", "Izaugsme", "Plašā"]
    assert cards.locator(".package-amount").all_inner_texts() == [
        f"650{NBSP}€",
        f"800{NBSP}€",
        f"950{NBSP}€",
    ]
    assert cards.nth(0).locator(".package-for").inner_text() == "Kam piemērota: mazam uzņēmumam"
    assert cards.nth(2).locator(".package-for").count() == 0
    recommended = page.locator(".package--recommended")
    assert recommended.count() == 1
    assert recommended.locator("h3").inner_text() == "Izaugsme"
    assert recommended.locator(".package-badge").inner_text() == "Ieteicamā izvēle"
    assert "orientējoša cena" in recommended.inner_text()  # the fixture's tier 2 is indicative
    hrefs = cards.locator(".package-action a").evaluate_all("links => links.map(a => a.href)")
    assert hrefs == [f"{named_site}/?full-package={tier}#kalkulators" for tier in "123"]
    assert log.errors == []


def test_without_the_optional_fields_the_cards_still_show(fixture_static_server, new_page):
    page, _ = new_page(width=375)
    page.goto(fixture_static_server + "/")
    cards = page.locator(".package")
    assert cards.count() == 3
    assert page.locator(".package--recommended, .package-badge, .package-for").count() == 0
    assert cards.locator("h3").nth(0).inner_text().endswith(" 1")


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
