"""The price list's texts in the page's language, in a real Chromium (issue 14).

The calculator reads its language's catalog JSON (``data/pricing.json`` or
``data/pricing.en.json``, named by the page's ``data-catalog``): the fixture price list's
Latvian and English texts (tests/fixtures/site/pricing.yaml), written here by hand, must be the
ones each page's calculator shows, with no Latvian service name on the English page.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support import serve_folder

pytestmark = pytest.mark.browser

NBSP = "\u00a0"
QUERY = "?content=2&community=1&training=2&months=3#kalkulators"
SHOWN = {
    "/": [
        f"Satura plāns un publicēšana – 2. līmenis: 450{NBSP}€{NBSP}/{NBSP}mēn.",
        f"Kopienas pārvaldīšana: 120{NBSP}€{NBSP}/{NBSP}mēn.",
        # The unit's own spaces do not break either, as in the price table.
        f"Sociālo tīklu apmācība komandai – 2 × 220{NBSP}€{NBSP}/{NBSP}sesija{NBSP}(2{NBSP}st.)",
    ],
    "/en/": [
        f"Content plan and publishing – Tier 2: €450{NBSP}/{NBSP}month",
        f"Community management: €120{NBSP}/{NBSP}month",
        f"Social media training for your team – 2 × €220{NBSP}/{NBSP}session{NBSP}(2{NBSP}h)",
    ],
}


@pytest.fixture(scope="module")
def web(bilingual_site) -> Iterator[str]:
    url, httpd = serve_folder(bilingual_site)
    yield url
    httpd.shutdown()


@pytest.mark.parametrize("root", list(SHOWN))
def test_the_calculator_shows_the_price_list_in_the_pages_language(new_page, web, root):
    page, log = new_page(width=1280, height=900)
    page.goto(web + root + QUERY)
    page.wait_for_selector("#konfigurators:not([hidden])")
    chosen = page.locator(".cfg-sel li").all_inner_texts()
    for expected in SHOWN[root]:
        assert any(line.startswith(expected) for line in chosen), (expected, chosen)
    if root == "/en/":
        form = page.locator("#konfigurators").inner_text()
        for latvian in ("Satura plāns", "Kopienas pārvaldīšana", "mēn.", "Sociālo tīklu"):
            assert latvian not in form
    assert log.errors == []


# -- a text English lacks: the Latvian one, with its language ------------------------------------

# tests/fixtures/untranslated-prices/pricing.yaml: community's name, consultation's unit and
# content's tier 2 summary are Latvian only.
CONTENT_2 = f"2{NBSP}kanāli, 10{NBSP}ieraksti katrā, 2{NBSP}labojumu cikli"
UNTRANSLATED_QUERY = "?content=2&ads=1&community=1&reports=1&consultation=2&months=3#kalkulators"


@pytest.fixture(scope="module")
def untranslated_web(untranslated_prices_build) -> Iterator[str]:
    url, httpd = serve_folder(untranslated_prices_build[0])
    yield url
    httpd.shutdown()


def latvian_spans(page, selector: str) -> list[str]:
    """The texts of the elements in `selector` that Chromium takes to be Latvian (their nearest
    `lang` is lv), each element once."""
    return page.evaluate(
        """selector => [...document.querySelectorAll(selector + ' [lang]')]
            .filter((node) => node.closest('[lang]').lang == 'lv')
            .map((node) => node.textContent)""",
        selector,
    )


def test_the_calculator_marks_a_text_english_lacks_as_latvian(new_page, untranslated_web):
    page, log = new_page(width=1280, height=900)
    page.goto(untranslated_web + "/en/" + UNTRANSLATED_QUERY)
    page.wait_for_selector("#konfigurators:not([hidden])")
    assert latvian_spans(page, ".cfg-choices") == [
        CONTENT_2,  # tier 2's summary (for screen readers)
        CONTENT_2,  # the chosen tier's summary, under the row
        "Kopienas pārvaldīšana",  # its checkbox
        "st.",  # consultation's unit
    ]
    assert latvian_spans(page, ".cfg-tier-note") == [CONTENT_2]  # the chosen tier's summary
    # The chosen services, on screen and on paper: only the Latvian words are marked.
    chosen = page.locator(".cfg-sel li")
    assert f"Kopienas pārvaldīšana: €120{NBSP}/{NBSP}month" in chosen.all_inner_texts()
    assert latvian_spans(page, ".cfg-sel") == ["Kopienas pārvaldīšana", "st."]
    consultation = chosen.filter(has_text="consultation").inner_text()
    assert consultation.startswith(
        f"Digital marketing consultation (1:1) – 2 × €80{NBSP}/{NBSP}st."
    )
    # The package suggestion is written as HTML too, its texts in English here.
    assert "Full social media management (package)" in page.locator(".cfg-sug").inner_text()
    page.emulate_media(media="print")
    assert page.locator(".cfg-sel li span[lang=lv]").first.is_visible()
    closing = page.locator(".cfg-res p:has(> strong) > span[lang=lv]")
    assert closing.is_visible() and closing.inner_text().startswith("Precīzu piedāvājumu")
    assert log.errors == []
