"""quote.estimate share links against tests/vectors/estimate/queries.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quote.estimate import EstimateError, estimate, parse_query, to_query

VECTORS = Path(__file__).parent / "vectors"
CATALOG = json.loads((VECTORS / "catalog.json").read_text(encoding="utf-8"))
QUERIES = json.loads((VECTORS / "estimate" / "queries.json").read_text(encoding="utf-8"))
ESTIMATES = json.loads((VECTORS / "estimate" / "estimates.json").read_text(encoding="utf-8"))


def names(cases: list[dict]) -> list[str]:
    return [case["name"] for case in cases]


@pytest.mark.parametrize("vector", QUERIES["parse"], ids=names(QUERIES["parse"]))
def test_parse_query(vector: dict) -> None:
    selection = parse_query(CATALOG, vector["query"])
    assert selection == vector["selection"]
    assert list(selection)[-1] == "months"
    estimate(CATALOG, selection)  # always a valid selection
    canonical = to_query(CATALOG, selection)
    assert canonical == vector["canonical"]
    assert parse_query(CATALOG, canonical) == selection


@pytest.mark.parametrize("vector", QUERIES["to_query"], ids=names(QUERIES["to_query"]))
def test_to_query(vector: dict) -> None:
    if "error" in vector:
        with pytest.raises(EstimateError) as caught:
            to_query(CATALOG, vector["selection"])
        assert {"code": caught.value.code, "key": caught.value.key} == vector["error"]
        return
    query = to_query(CATALOG, vector["selection"])
    assert query == vector["query"]
    assert to_query(CATALOG, parse_query(CATALOG, query)) == query


VALID = [case for case in ESTIMATES["vectors"] if "expected" in case and "catalog" not in case]


@pytest.mark.parametrize("vector", VALID, ids=names(VALID))
def test_round_trip_keeps_the_estimate(vector: dict) -> None:
    """A share link of any valid vector selection prices exactly like the selection itself."""
    back = parse_query(CATALOG, to_query(CATALOG, vector["selection"]))
    assert estimate(CATALOG, back) == estimate(CATALOG, vector["selection"])
