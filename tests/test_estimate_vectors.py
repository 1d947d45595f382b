"""quote.estimate against the golden vectors shared with tests/js/estimate.test.mjs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quote.estimate import PARTS, EstimateError, estimate, format_estimate
from quote.money import format_eur

VECTORS = Path(__file__).parent / "vectors"
CATALOG = json.loads((VECTORS / "catalog.json").read_text(encoding="utf-8"))
FILE = json.loads((VECTORS / "estimate" / "estimates.json").read_text(encoding="utf-8"))
CASES = FILE["vectors"]
FORMATTED_KEYS = {f"{part}{suffix}" for part in PARTS for suffix in ("", "_net", "_vat")}


def catalog_for(vector: dict) -> dict:
    return {**CATALOG, **vector.get("catalog", {})}


def test_enough_vectors() -> None:
    assert len(CASES) >= 35
    assert len({case["name"] for case in CASES}) == len(CASES)


@pytest.mark.parametrize(("cents", "text"), FILE["formats"])
def test_format_eur_matches_format_cents(cents: int, text: str) -> None:
    assert format_eur(cents) == text


@pytest.mark.parametrize("vector", CASES, ids=[case["name"] for case in CASES])
def test_vector(vector: dict) -> None:
    catalog = catalog_for(vector)
    if "error" in vector:
        with pytest.raises(EstimateError) as caught:
            estimate(catalog, vector["selection"])
        assert {"code": caught.value.code, "key": caught.value.key} == vector["error"]
        return

    expected = vector["expected"]
    result = estimate(catalog, vector["selection"])
    assert set(result) == {"months", "lines", *PARTS, "suggestion"}
    for key in ("months", "lines"):
        if key in expected:
            assert result[key] == expected[key], key
    for part in PARTS:
        assert result[part] == expected[part], part
    assert result["suggestion"] == expected["suggestion"]

    formatted = format_estimate(result)
    # A seller who is not a VAT payer (vat_bp None): the prices alone, no net or VAT strings.
    shown = FORMATTED_KEYS if catalog["vat_bp"] is not None else set(PARTS)
    wanted_keys = shown | ({"saving"} if expected["suggestion"] else set())
    assert set(formatted) == wanted_keys
    for key, text in expected.get("formatted", {}).items():
        assert formatted[key] == text, key


@pytest.mark.parametrize(
    "vector", [case for case in CASES if "expected" in case], ids=lambda v: v["name"]
)
def test_totals_are_consistent(vector: dict) -> None:
    """Cross-checks on the hand-written numbers themselves, so a typo cannot hide."""
    expected = vector["expected"]
    months = expected.get("months", vector["selection"].get("months", 3))
    monthly, once = expected["monthly"]["gross"], expected["once"]["gross"]
    assert expected["first_month"]["gross"] == monthly + once
    assert expected["period"]["gross"] == once + monthly * months
    for part in PARTS:
        if vector.get("catalog", {}).get("vat_bp", 0) is None:
            assert (
                expected[part]["vat"] is None and expected[part]["net"] == expected[part]["gross"]
            )
        else:
            assert expected[part]["net"] + expected[part]["vat"] == expected[part]["gross"]
    if "lines" in expected:
        for billing, total in (("monthly", monthly), ("once", once)):
            lines = [line["amount"] for line in expected["lines"] if line["billing"] == billing]
            assert sum(lines) == total
    if expected["suggestion"]:
        suggestion = expected["suggestion"]
        assert suggestion["saving"] == monthly - suggestion["total"] > 0
        assert suggestion["total"] == suggestion["price"]  # no add-ons on the seed catalog
