"""quote.money: VAT basis points, the VAT split and the one euro format (hand-written goldens)."""

from __future__ import annotations

import json
from decimal import Decimal
from types import SimpleNamespace

import pytest

from quote.money import format_eur, format_price, format_range, money_format, split_vat, vat_bp
from tests.support import ROOT

NB = "\u00a0"  # every space in a formatted price


@pytest.mark.parametrize(
    ("rate", "bp"),
    [(0.21, 2100), ("0.21", 2100), (Decimal("0.21"), 2100), (0.055, 550), (0.2155, 2155), (0, 0)],
)
def test_vat_bp(rate, bp):
    assert vat_bp(rate) == bp


@pytest.mark.parametrize("rate", [1, 1.5, -0.21, 0.21555, "abc", True])
def test_vat_bp_rejects(rate):
    with pytest.raises(ValueError):
        vat_bp(rate)


@pytest.mark.parametrize(
    ("gross", "bp", "net", "vat"),
    [
        (25000, 2100, 20661, 4339),  # 206.6115…
        (35000, 2100, 28926, 6074),  # 289.2561…
        (88000, 2100, 72727, 15273),  # the contract's example
        (12000, 2100, 9917, 2083),  # 99.1735…
        (6000, 2100, 4959, 1041),  # 49.5867…
        (0, 2100, 0, 0),
        (1, 2100, 1, 0),  # 0.826… rounds up
        (4, 6000, 3, 1),  # exactly 2.5: half up
        (3, 10000, 2, 1),  # exactly 1.5: half up
        (1000, 0, 1000, 0),
    ],
)
def test_split_vat(gross, bp, net, vat):
    assert split_vat(gross, bp) == (net, vat)


def test_split_vat_wants_int_cents():
    with pytest.raises(TypeError):
        split_vat(250.0, 2100)


@pytest.mark.parametrize(
    ("cents", "text"),
    [
        (25000, f"250{NB}€"),
        (28926, f"289,26{NB}€"),
        (123450, f"1{NB}234,50{NB}€"),
        (1234500, f"12{NB}345{NB}€"),
        (123456700, f"1{NB}234{NB}567{NB}€"),
        (99999999, f"999{NB}999,99{NB}€"),
        (100000, f"1{NB}000{NB}€"),
        (99900, f"999{NB}€"),
        (100, f"1{NB}€"),
        (5, f"0,05{NB}€"),
        (50, f"0,50{NB}€"),
        (0, f"0{NB}€"),
    ],
)
def test_format_eur(cents, text):
    assert format_eur(cents) == text


def test_format_eur_has_no_plain_or_narrow_spaces():
    for cents in (123450, 1234500, 123456789):
        text = format_eur(cents)
        assert " " not in text and "\u202f" not in text


@pytest.mark.parametrize("value", [250.0, "250", True, None])
def test_format_eur_wants_int_cents(value):
    with pytest.raises(TypeError):
        format_eur(value)


def test_format_range():
    assert format_range(35000, 60000, "mēn.") == f"350\u2013600{NB}€{NB}/{NB}mēn."
    assert format_range(65000, 95000) == f"650\u2013950{NB}€"
    assert format_range(28950, 123450) == f"289,50\u2013{'1'}{NB}234,50{NB}€"
    assert format_range(35000, 35000, "mēn.") == f"350{NB}€{NB}/{NB}mēn."
    with pytest.raises(ValueError):
        format_range(60000, 35000)


def _tier(price):
    return SimpleNamespace(price=price)


@pytest.mark.parametrize(
    ("price", "tiers", "unit", "text"),
    [
        (25000, (), None, f"250{NB}€"),
        (12000, (), "mēn.", f"120{NB}€{NB}/{NB}mēn."),
        (20000, (), "sadarbība", f"200{NB}€{NB}/{NB}sadarbība"),
        (22000, (), "sesija (2 h)", f"220{NB}€{NB}/{NB}sesija{NB}(2{NB}h)"),
        (8000, (), "st.", f"80{NB}€{NB}/{NB}st."),
        (None, (_tier(35000), _tier(45000), _tier(60000)), "mēn.", f"350–600{NB}€{NB}/{NB}mēn."),
        (None, (_tier(65000), _tier(80000), _tier(95000)), "mēn.", f"650–950{NB}€{NB}/{NB}mēn."),
    ],
)
def test_format_price(price, tiers, unit, text):
    assert format_price(SimpleNamespace(price=price, tiers=tiers, unit=unit)) == text


MONEY_VECTORS = json.loads((ROOT / "tests" / "vectors" / "money.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("lang", "cents", "text"),
    [(lang, *vector) for lang, vectors in MONEY_VECTORS["amounts"].items() for vector in vectors],
)
def test_format_eur_per_language(lang, cents, text):
    assert format_eur(cents, lang) == text


@pytest.mark.parametrize(
    ("lang", "low", "high", "text"),
    [(lang, *vector) for lang, vectors in MONEY_VECTORS["ranges"].items() for vector in vectors],
)
def test_format_range_per_language(lang, low, high, text):
    assert format_range(low, high, lang=lang) == text


@pytest.mark.parametrize("lang", sorted(MONEY_VECTORS["formats"]))
def test_money_format_for_the_scripts(lang):
    # What the page hands to estimate.js's formatCents (tests/js/estimate.test.mjs uses the same).
    assert money_format(lang) == MONEY_VECTORS["formats"][lang]


def test_format_price_in_english():
    tiered = SimpleNamespace(price=None, tiers=(_tier(35000), _tier(60000)), unit="month")
    assert format_price(tiered, "en") == f"€350–600{NB}/{NB}month"
    assert format_price(SimpleNamespace(price=8000, tiers=(), unit="h"), "en") == f"€80{NB}/{NB}h"
