"""The package suggestion with add-ons: quote.estimate against the suggestion vectors.

tests/vectors/estimate/suggestions.json; the same vectors run in node and in the browser.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quote.estimate import PARTS, estimate, format_estimate

FILE = json.loads(
    (Path(__file__).parent / "vectors" / "estimate" / "suggestions.json").read_text("utf-8")
)
CATALOG = FILE["catalog"]
CASES = FILE["vectors"]


def test_the_vectors_cover_add_ons_two_covering_tiers_and_an_indicative_tier() -> None:
    suggested = [case["expected"]["suggestion"] for case in CASES if case["expected"]["suggestion"]]
    assert any(len(s["addons"]) >= 2 for s in suggested)
    assert any(s["indicative"] for s in suggested)
    assert any(case["expected"]["suggestion"] is None for case in CASES)


@pytest.mark.parametrize("vector", CASES, ids=[case["name"] for case in CASES])
def test_vector(vector: dict) -> None:
    expected = vector["expected"]
    result = estimate(CATALOG, vector["selection"])
    for part in PARTS:
        assert result[part] == expected[part], part
    assert result["suggestion"] == expected["suggestion"]
    formatted = format_estimate(result)
    for key, text in expected.get("formatted", {}).items():
        assert formatted[key] == text, key


@pytest.mark.parametrize("vector", CASES, ids=[case["name"] for case in CASES])
def test_the_hand_written_numbers_add_up(vector: dict) -> None:
    expected, months = vector["expected"], vector["selection"]["months"]
    monthly, once = expected["monthly"]["gross"], expected["once"]["gross"]
    assert expected["period"]["gross"] == once + monthly * months
    suggestion = expected["suggestion"]
    if suggestion:
        addons = sum(addon["amount"] for addon in suggestion["addons"])
        assert suggestion["total"] == suggestion["price"] + addons
        assert suggestion["saving"] == monthly - suggestion["total"] > 0


@pytest.mark.browser
def test_the_vectors_in_the_browser_engine(new_page, fixture_static_server):
    """The estimate.js the page itself loads (minified, as shipped), in Chromium."""
    page, log = new_page(width=375)
    page.goto(fixture_static_server + "/")
    got = page.evaluate(
        """async ([catalog, vectors]) => {
          const m = await import('/theme/js/estimate.js');
          // The Latvian page's euro format, as the configurator reads it.
          const money = JSON.parse(document.getElementById('konfigurators').dataset.money);
          return vectors.map((v) => {
            const r = m.estimate(catalog, v.selection);
            return { result: r, formatted: m.formatEstimate(r, money) };
          });
        }""",
        [CATALOG, CASES],
    )
    for vector, outcome in zip(CASES, got, strict=True):
        expected, result = vector["expected"], outcome["result"]
        for part in PARTS:
            assert result[part] == expected[part], f"{vector['name']}: {part}"
        assert result["suggestion"] == expected["suggestion"], vector["name"]
        for key, text in expected.get("formatted", {}).items():
            assert outcome["formatted"][key] == text, vector["name"]
    assert log.errors == []
