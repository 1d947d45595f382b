"""to_catalog(pricing.yaml) equals the hand-written tests/vectors/catalog.json (bar the version)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from quote.catalog import to_catalog
from quote.pricing import load_price_list

ROOT = Path(__file__).resolve().parent.parent
VECTOR = ROOT / "tests" / "vectors" / "catalog.json"


def test_catalog_matches_the_vector():
    price_list = load_price_list(ROOT / "pricing.yaml")
    catalog = to_catalog(price_list)
    expected = json.loads(VECTOR.read_text(encoding="utf-8"))
    assert re.fullmatch(r"[0-9a-f]{12}", catalog["version"])
    assert catalog["version"] == price_list.version
    assert {**catalog, "version": None} == {**expected, "version": None}


def test_catalog_keys_and_order():
    catalog = to_catalog(load_price_list(ROOT / "pricing.yaml"))
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
            assert set(tier) == {"id", "price", "summary", "includes"}
            assert isinstance(tier["id"], str)


def test_catalog_round_trips_through_json():
    catalog = to_catalog(load_price_list(ROOT / "pricing.yaml"))
    assert json.loads(json.dumps(catalog, ensure_ascii=False)) == catalog
