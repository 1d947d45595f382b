"""to_catalog of the fixture price list equals the hand-written tests/vectors/catalog.json (bar the
version), and so does the catalog the built fixture site ships."""

from __future__ import annotations

import json
import re
from pathlib import Path

from quote.pricing.catalog import to_catalog
from quote.pricing.model import load_price_list
from tests.support import FIXTURE_PRICING

VECTOR = Path(__file__).resolve().parent / "vectors" / "catalog.json"


def test_catalog_matches_the_vector():
    price_list = load_price_list(FIXTURE_PRICING)
    catalog = to_catalog(price_list)
    expected = json.loads(VECTOR.read_text(encoding="utf-8"))
    assert re.fullmatch(r"[0-9a-f]{12}", catalog["version"])
    assert catalog["version"] == price_list.version
    assert {**catalog, "version": None} == {**expected, "version": None}


def test_catalog_keys_and_order():
    catalog = to_catalog(load_price_list(FIXTURE_PRICING))
    assert list(catalog) == ["version", "currency", "vat_bp", "services"]
    for service in catalog["services"]:
        assert set(service) == {
            "id",
            "name",
            "billing",
            "quantity",
            "unit",
            "price",
            "tiers",
            "package",
        }
        for tier in service["tiers"]:
            assert set(tier) == {"id", "price", "summary", "indicative", "includes"}
            assert isinstance(tier["id"], str)


def test_catalog_round_trips_through_json():
    catalog = to_catalog(load_price_list(FIXTURE_PRICING))
    assert json.loads(json.dumps(catalog, ensure_ascii=False)) == catalog


def test_the_built_fixture_site_ships_the_vector_catalog(fixture_site):
    shipped = json.loads((fixture_site / "data" / "pricing.json").read_text(encoding="utf-8"))
    expected = json.loads(VECTOR.read_text(encoding="utf-8"))
    assert shipped["version"] == load_price_list(FIXTURE_PRICING).version
    # The file adds the counting's price bands (issue 26), written here by hand.
    assert shipped.pop("price_bands") == [0, 100, 250, 500, 1000, 2000]
    assert {**shipped, "version": None} == {**expected, "version": None}
