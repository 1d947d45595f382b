"""The pydantic schema behind pricing.yaml's validation: what the error mapping must get right
beyond tests/test_pricing_validation.py (the allowed fields of nested models, lists pydantic
counts after validation, numbers read exactly, the model built in Python)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from quote.pricing.marks import load_marked
from quote.pricing.model import Include, Tier, parse_price_list
from quote.pricing.problems import PricingError, Problem
from tests.support.pricing_text import text


def problems(content: str) -> list[Problem]:
    with pytest.raises(PricingError) as caught:
        parse_price_list(content)
    return caught.value.problems


def test_unknown_field_in_a_nested_mapping_lists_that_mapping_s_fields():
    found = problems(text((14, "    limits: Limits", "    limit: Limits")))
    unknown, missing = sorted(found, key=lambda p: p.path != "table.labels.limit")
    assert (unknown.path, unknown.line, unknown.column) == ("table.labels.limit", 14, 5)
    assert unknown.expected == (
        "nezināms lauks; atļautie lauki: includes, notes, limits, bonuses (varbūt domāts 'limits'?)"
    )
    assert (missing.path, missing.line, missing.column) == ("table.labels.limits", 12, 5)
    assert missing.expected == "trūkst obligātā lauka 'limits'"


def test_unknown_tier_field_lists_the_tier_s_fields():
    found = problems(
        text((27, "        summary: 1 kanāls", "        summary: 1 kanāls\n        x: 1"))
    )
    [problem] = [p for p in found if p.path == "services[content].tiers[1].x"]
    assert "atļautie lauki: id, price, summary, includes, indicative" in problem.expected


def test_an_invalid_only_tier_is_not_also_an_empty_list():
    # pydantic counts the tiers that validated; the file has one, so only its price is wrong.
    [problem] = problems(text((47, "        price: 650", "        price: 0")))
    assert problem.path == "services[full-package].tiers[1].price"


def test_an_empty_tier_list_is_reported_as_empty():
    content = text(
        (24, "    tiers:", "    tiers: []"), *[(n, old, None) for n, old in CONTENT_TIERS]
    )
    found = problems(content)
    [problem] = [p for p in found if p.path == "services[content].tiers"]
    assert (problem.expected, problem.found) == (
        "gaidīts saraksts ar vismaz vienu ierakstu",
        "tukšs saraksts",
    )


CONTENT_TIERS = [
    (25, '      - id: "1"'),
    (26, "        price: 350"),
    (27, "        summary: 1 kanāls"),
    (28, '      - id: "2"'),
    (29, "        price: 450"),
    (30, "        summary: 2 kanāli"),
]


def test_package_tier_with_includes_left_empty():
    [problem] = problems(
        text(
            (49, "        includes:", "        includes: []"),
            (50, "          - service: content", None),
            (51, '            tier: "2"', None),
            (52, "          - service: community", None),
        )
    )
    assert problem.path == "services[full-package].tiers[1].includes"
    assert problem.found == "tukšs saraksts"


def test_numbers_are_read_exactly_as_written():
    marked = load_marked("a: 80.005\nb: 0x10\nc: 1_000\nd: '7'\ne: yes\nf:\n")
    assert marked.data == {
        "a": Decimal("80.005"),
        "b": Decimal(16),
        "c": Decimal(1000),
        "d": "7",
        "e": True,
        "f": None,
    }
    assert (marked.values[("a",)].line, marked.values[("a",)].column) == (1, 4)
    assert marked.values[("d",)].found == "'7'"
    assert marked.keys[("f",)].line == 6


def test_model_built_in_python_takes_cents():
    tier = Tier(id="1", price=35000, summary="1 kanāls")
    assert tier.price == 35000
    assert tier.includes == ()
    assert Include(service="community").tier is None
    with pytest.raises(ValueError):
        Tier(id="Pirmais", price=35000, summary="1 kanāls")


def test_price_list_prices_are_cents_from_euros():
    price_list = parse_price_list(text((20, "    price: 250", "    price: 289.50")))
    assert price_list.service("positioning").price == 28950
    assert price_list.service("community").unit == "mēn."
    assert price_list.service("positioning").unit is None
