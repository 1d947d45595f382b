"""The fixture price list loads into the seed's prices, texts and packages (hand-written values)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from quote.pricing.model import Include, load_price_list, parse_price_list
from tests.support import FIXTURE_PRICING as PRICING


@pytest.fixture(scope="module")
def price_list():
    return load_price_list(PRICING)


def test_top_level(price_list):
    assert price_list.currency == "EUR"
    assert price_list.vat_bp == 2100
    assert price_list.vat_rate == Decimal("0.21")
    assert price_list.vat_note == (
        "Cenas norādītas ar PVN. Reklāmu budžets nav iekļauts cenās un tiek saskaņots atsevišķi."
    )
    assert price_list.closing_note == (
        "Precīzu piedāvājumu varu sagatavot pēc 10\u00a0minūšu sarunas par mērķiem, kanāliem un "
        "vēlamo ritmu."
    )


def test_table_text(price_list):
    table = price_list.table
    assert table.title == "Pakalpojumi un cenas"
    assert (table.columns.service, table.columns.price, table.columns.details) == (
        "Pakalpojums",
        "Cena (ar PVN)",
        "Līmeņi un kas iekļauts",
    )
    labels = table.labels
    assert (labels.includes, labels.notes, labels.limits, labels.bonuses) == (
        "Iekļauts",
        "Piezīme",
        "Limits",
        "Bonuss",
    )


def test_services_billing_units_and_prices(price_list):
    rows = [(s.id, s.billing, s.quantity, s.unit, s.price, s.package) for s in price_list.services]
    assert rows == [
        ("positioning", "once", False, None, 25000, False),
        ("content", "monthly", False, "mēn.", None, False),
        ("community", "monthly", False, "mēn.", 12000, False),
        ("reports", "monthly", False, "mēn.", 6000, False),
        ("ads", "monthly", False, "mēn.", None, False),
        ("influencer", "once", True, "sadarbība", 20000, False),
        ("training", "once", True, "sesija (2 st.)", 22000, False),
        ("consultation", "once", True, "st.", 8000, False),
        ("full-package", "monthly", False, "mēn.", None, True),
    ]


def test_names(price_list):
    assert [s.name for s in price_list.services] == [
        "Sociālo tīklu virziens un pozicionējums",
        "Satura plāns un publicēšana",
        "Kopienas pārvaldīšana",
        "Mēneša atskaites un rezultātu analīze",
        "Sociālo tīklu reklāmu pārvaldīšana",
        "Sadarbības ar influenceriem plānošana",
        "Sociālo tīklu apmācība komandai",
        "Digitālā mārketinga konsultācija (1:1)",
        "Pilna sociālo tīklu pārvaldīšana (pakete)",
    ]


def test_content_and_ads_tiers(price_list):
    content = price_list.service("content")
    assert [(t.id, t.price, t.summary) for t in content.tiers] == [
        ("1", 35000, "1\u00a0kanāls, 10\u00a0ieraksti, 1\u00a0labojumu cikls"),
        ("2", 45000, "2\u00a0kanāli, 10\u00a0ieraksti katrā, 2\u00a0labojumu cikli"),
        ("3", 60000, "3\u00a0kanāli, 10\u00a0ieraksti katrā, 2\u00a0labojumu cikli"),
    ]
    ads = price_list.service("ads")
    assert [(t.id, t.price, t.summary) for t in ads.tiers] == [
        ("1", 25000, "1\u00a0platforma, pamata struktūra, testi un optimizācija"),
        ("2", 35000, "2\u00a0platformas vai vairāki segmenti, aktīvāka testēšana"),
        ("3", 45000, "sarežģītāka piltuve, vairāk kampaņu, regulāra budžeta pārdale"),
    ]
    assert (content.min_price, content.max_price) == (35000, 60000)


def test_full_package(price_list):
    package = price_list.service("full-package")
    assert [(t.id, t.price, t.indicative) for t in package.tiers] == [
        ("1", 65000, False),
        ("2", 80000, True),
        ("3", 95000, False),
    ]
    common = [Include(service="community"), Include(service="reports")]
    assert list(package.tier("1").includes) == [
        Include(service="content", tier="2"),
        Include(service="ads", tier="1"),
        *common,
    ]
    assert list(package.tier("2").includes) == [
        Include(service="content", tier="3"),
        Include(service="ads", tier="2"),
        *common,
    ]
    assert list(package.tier("3").includes) == [
        Include(service="content", tier="3"),
        Include(service="ads", tier="3"),
        *common,
    ]
    assert package.bonuses == ("prioritāra komunikācija un operatīvas korekcijas",)


def test_seed_lines_are_kept(price_list):
    positioning = price_list.service("positioning")
    assert positioning.includes == (
        "situācijas izvērtējums un prioritātes",
        "KPI orientieri (sasniedzamība, klikšķi, pieprasījumi)",
        "3–5 satura virzieni un 6–10 tematiskās rubrikas",
    )
    assert [(e.label, e.text) for e in positioning.extras] == [
        ("1\u00a0labojumu cikls", "precizējumi pēc saskaņošanas")
    ]
    assert price_list.service("community").limits == (
        "tipiska slodze (ja tā tiek pārsniegta, vienojamies par apjomu)",
    )
    assert price_list.service("content").notes == (
        "foto un video satura veidošana tiek piedāvāta kā atsevišķs pakalpojums",
    )
    assert len(price_list.service("content").description) == 3
    assert len(price_list.service("training").includes) == 4


def test_version_is_12_hex_and_stable(price_list):
    assert re.fullmatch(r"[0-9a-f]{12}", price_list.version)
    assert load_price_list(PRICING).version == price_list.version


def test_version_follows_the_data(price_list):
    text = PRICING.read_text(encoding="utf-8")
    assert "    price: 120\n" in text
    changed = parse_price_list(text.replace("    price: 120\n", "    price: 125\n"))
    assert changed.version != price_list.version
    # a comment is not data
    commented = parse_price_list("# jauns komentārs\n" + text)
    assert commented.version == price_list.version
