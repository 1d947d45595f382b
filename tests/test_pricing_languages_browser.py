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
