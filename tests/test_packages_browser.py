"""The package cards' "Izvēlēties" links, in Chromium: a plain link without JavaScript, a choice
made in place with it, on the fixture site."""

from __future__ import annotations

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
    # Until the loader has laid out the sections skipped for the first paint (site.css,
    # .first-paint), a section out of sight has no rendered text to read.
    page.wait_for_function("!document.documentElement.classList.contains('first-paint')")
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
    assert hrefs == [
        f"{named_site}/?full-package={tier}#kalkulators-full-package-{tier}" for tier in "123"
    ]
    assert log.errors == []


def test_without_the_optional_fields_the_cards_still_show(fixture_static_server, new_page):
    page, _ = new_page(width=375)
    page.goto(fixture_static_server + "/")
    page.wait_for_function("!document.documentElement.classList.contains('first-paint')")
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


# What the configurator's section says without JavaScript after each card's link, written by
# hand from the named fixture (tier 2 is indicative in the fixture's price list).
CHOSEN_WITHOUT_JS = {
    "1": f"Izvēlētā pakete: Pamata, 650{NBSP}€{NBSP}/{NBSP}mēn. ar{NBSP}PVN.",
    "2": f"Izvēlētā pakete: Izaugsme, 800{NBSP}€{NBSP}/{NBSP}mēn. ar{NBSP}PVN (orientējoša cena).",
    "3": f"Izvēlētā pakete: Plašā, 950{NBSP}€{NBSP}/{NBSP}mēn. ar{NBSP}PVN.",
}
ASK = "Pieprasi piedāvājumu un ziņā nosauc šo paketi."


def _in_view(locator) -> bool:
    return locator.evaluate(
        "e => { const r = e.getBoundingClientRect();"
        " return r.top >= -1 && r.bottom <= innerHeight }"
    )


@pytest.mark.parametrize("tier", sorted(CHOSEN_WITHOUT_JS))
def test_without_javascript_the_link_names_the_package_its_price_and_the_way_to_ask(
    named_site, new_page, tier
):
    page, log = new_page(width=375, javascript=False)
    page.emulate_media(reduced_motion="reduce")  # no smooth scrolling to wait for
    page.goto(named_site + "/")
    page.locator(".package-action a").nth(int(tier) - 1).click()
    page.wait_for_load_state("load")
    address = urlsplit(page.url)
    assert parse_qs(address.query) == {"full-package": [tier]}
    note = page.locator(f"#{address.fragment}")
    assert note.is_visible() and _in_view(note)
    assert note.inner_text() == f"{CHOSEN_WITHOUT_JS[tier]} {ASK}"
    assert note.locator("xpath=ancestor::section").get_attribute("id") == "kalkulators"
    # Only the chosen package's note; the calculator itself needs JavaScript and says so.
    assert page.locator(".cfg-pick:visible").count() == 1
    assert page.locator("#konfigurators").is_hidden()
    notice = page.locator("#cfg-nojs > .notice").first  # why there is no calculator, above
    assert "JavaScript" in notice.inner_text() and _in_view(notice)
    # The way to ask for an offer: the contact form, on screen.
    note.get_by_role("link", name="Pieprasi piedāvājumu").click()
    page.wait_for_function("location.hash == '#kontakti'")
    assert page.locator("#kontaktforma").is_visible()
    assert _in_view(page.locator("#kontakti-h"))
    assert log.errors == []


def test_with_javascript_a_cards_address_opens_the_configurator_with_the_tier(named_site, new_page):
    """The link opened anew (a new tab, or a click before the configurator has started): the
    configurator restores the tier and shows its section; no no-script note is left."""
    page, log = new_page(width=375, height=700)
    page.emulate_media(reduced_motion="reduce")
    page.goto(named_site + "/?full-package=2#kalkulators-full-package-2")
    page.wait_for_selector("#konfigurators:not([hidden])")
    page.wait_for_function(
        "Math.abs(document.getElementById('kalkulators').getBoundingClientRect().top) < 2"
    )
    assert page.locator('#konfigurators input[name="full-package"][value="2"]').is_checked()
    assert page.locator("#cfg-nojs, .cfg-pick").count() == 0
    assert page.locator('#konfigurators output[name="monthly"]').inner_text() == f"800{NBSP}€"
    assert log.errors == []


@pytest.mark.parametrize("width", [375, 1280])
def test_with_javascript_the_link_chooses_the_tier_in_place(fixture_static_server, new_page, width):
    page, log = new_page(width=width)
    page.goto(fixture_static_server + "/")
    # The calculator is built as the cards come near, before their link is clicked.
    page.locator(".packages").scroll_into_view_if_needed()
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
