"""Indicative (unconfirmed) prices are marked wherever they appear and left out of structured data.

The fixture price list has one indicative tier: full-package 2 (800 €).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from quote.contact import ContactConfig, create_app
from quote.contact.store import Store
from quote.contact.wording import estimate_lines, plural
from tests.support import FIXTURE_PRICING, build, copy_fixture_project

NBSP = "\u00a0"
MARK = "orientējoša cena"


def test_the_price_table_marks_only_the_indicative_tier(fixture_landing_html):
    rows = re.findall(r'<ul class="tiers">(.*?)</ul>', fixture_landing_html, re.S)
    tiers = [li for row in rows for li in re.findall(r"<li>(.*?)</li>", row, re.S)]
    marked = [li for li in tiers if MARK in li]
    assert len(marked) == 1
    assert f"800{NBSP}€" in marked[0]


def jsonld_offers(html: str) -> dict[str, dict]:
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(script)
    items = data["hasOfferCatalog"]["itemListElement"]
    return {item["itemOffered"]["name"]: item for item in items}


def test_structured_data_leaves_indicative_prices_out(tmp_path):
    project = copy_fixture_project(tmp_path / "p")
    pricing = project / "pricing.yaml"
    text = pricing.read_text(encoding="utf-8")
    # content 3 (600 €, the dearest) becomes indicative: the range in the data ends at 450 €.
    assert text.count("        price: 600\n") == 1
    pricing.write_text(
        text.replace("        price: 600\n", "        price: 600\n        indicative: true\n"),
        encoding="utf-8",
    )
    result = build(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    content = jsonld_offers(html)["Satura plāns un publicēšana"]["priceSpecification"]
    assert (content["minPrice"], content["maxPrice"]) == ("350.00", "450.00")
    # The price table still shows it, marked.
    table = "".join(re.findall(r'<ul class="tiers">(.*?)</ul>', html, re.S))
    assert table.count(MARK) == 2  # content 3 and full-package 2


@pytest.mark.browser
def test_the_configurator_marks_the_indicative_package_and_its_suggestion(
    new_page, fixture_static_server
):
    page, log = new_page(width=1280, height=900)
    page.emulate_media(reduced_motion="reduce")
    # 600 + 350 + 120 + 60 = 1130 € a month: only package 2 (800 €, indicative) covers it.
    page.goto(f"{fixture_static_server}/?content=3&ads=2&community=1&reports=1&months=3")
    page.wait_for_selector("#konfigurators:not([hidden])")
    suggestion = page.locator(".cfg-sug").inner_text()
    assert f"sedz tavu izvēli par 800{NBSP}€ mēnesī (paketes cena – {MARK})" in suggestion
    assert f"ietaupījums 330{NBSP}€ mēnesī" in suggestion
    page.locator(".cfg-sug button").click()
    chosen = page.locator(".cfg-sel").inner_text()
    assert f"2. līmenis: 800{NBSP}€{NBSP}/{NBSP}mēn. ({MARK})" in chosen
    assert MARK in page.locator('.cfg-tiers:has([name="full-package"]) .cfg-tier-note').inner_text()
    # The printed estimate is .cfg-sel with the totals: the mark is printed too.
    page.emulate_media(media="print")
    assert MARK in page.locator(".cfg-sel").inner_text()
    assert log.errors == []


def test_a_stored_inquiry_marks_the_indicative_tier(tmp_path):
    app = create_app(
        ContactConfig.of(
            site_origin="http://site.test",
            db=tmp_path / "inquiries.sqlite3",
            mail_dir=tmp_path / "mail",
            pricing=FIXTURE_PRICING,
            rate_limit="10000 per minute",
        )
    )
    form = {
        "name": "Anna Bērziņa",
        "email": "anna@example.lv",
        "message": "Vēlos pilnu paketi nākamajiem trim mēnešiem, lūdzu piedāvājumu.",
        "quote": "full-package=2&positioning=1&months=3",
        "website": "",
    }
    response = app.test_client().post(
        "/api/contact",
        data=form,
        headers={"Origin": "http://site.test", "Accept": "application/json"},
    )
    assert response.status_code == 201, response.get_json()
    row = Store(Path(tmp_path / "inquiries.sqlite3")).get_inquiry(response.get_json()["id"])
    lines = json.loads(row["estimate_json"])["lines"]
    assert [line.get("indicative", False) for line in lines] == [False, True]
    services = {"full-package": {"name": "Pilna pārvaldīšana"}}
    text = "\n".join(estimate_lines(row, services))
    assert f"  - Pilna pārvaldīšana, 2. līmenis: 800{NBSP}€{NBSP}/{NBSP}mēn. ({MARK})" in text


@pytest.mark.parametrize(
    ("count", "text"),
    [
        (1, "1 mēnesi"),
        (21, "21 mēnesi"),
        (101, "101 mēnesi"),
        (11, "11 mēnešiem"),
        (111, "111 mēnešiem"),
        (0, "0 mēnešiem"),
        (2, "2 mēnešiem"),
        (10, "10 mēnešiem"),
        (12, "12 mēnešiem"),
    ],
)
def test_a_count_takes_the_latvian_singular_after_1_21_101_not_after_11(count, text):
    assert plural(count, "mēnesi", "mēnešiem") == text
