"""The estimate a post carries: recomputed from the fixture price list (a forged total ignored),
dropped with a note when it is not a selection, and priced with the last good copy while
pricing.yaml is broken. Figures by hand from tests/fixtures/site/pricing.yaml."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.support import FIXTURE_PRICING
from tests.support.contact import encode, make_app, post, store_of, valid_form


@pytest.fixture
def app(tmp_path):
    return make_app(tmp_path)


@pytest.fixture
def client(app):
    return app.test_client()


def test_estimate_is_recomputed_and_a_forged_total_ignored(app, client):
    from quote.estimate import estimate, parse_query
    from quote.pricing.catalog import to_catalog
    from quote.pricing.model import load_price_list

    catalog = to_catalog(load_price_list(FIXTURE_PRICING))
    quote = "content=2&community=1&influencer=2&months=6&total=1&monthly=1&price=1"
    response = post(client, encode(valid_form(quote=quote)))
    assert response.status_code == 201
    row = store_of(app).get_inquiry(response.get_json()["id"])
    assert row["quote_query"] == "content=2&community=1&influencer=2&months=6"
    expected = estimate(catalog, parse_query(catalog, quote))
    assert json.loads(row["estimate_json"]) == expected
    # By hand from the fixture price list (VAT 21 %, net = gross / 1.21, in cents): content
    # tier 2 (450 €) + community (120 €) a month, 2 x influencer (200 €) once, 6 months.
    stored = json.loads(row["estimate_json"])
    assert stored["monthly"] == {"gross": 57000, "net": 47107, "vat": 9893}
    assert stored["once"] == {"gross": 40000, "net": 33058, "vat": 6942}
    assert stored["first_month"] == {"gross": 97000, "net": 80165, "vat": 16835}
    # The period is once + 6 x monthly, net and VAT alike: 33058 + 6 x 47107, 6942 + 6 x 9893.
    assert stored["period"] == {"gross": 382000, "net": 315700, "vat": 66300}
    assert row["price_version"] == catalog["version"]
    assert "total" in row["quote_note"] and "price" in row["quote_note"]


@pytest.mark.parametrize(
    "quote",
    ["total=1", "nonsense", "content=99&months=77", "%ff%fe", "a" * 3000, "content=2\x00"],
)
def test_invalid_quote_is_dropped_with_a_note_never_refused(app, client, quote):
    response = post(client, encode(valid_form(quote=quote)))
    assert response.status_code == 201
    row = store_of(app).get_inquiry(response.get_json()["id"])
    assert row["quote_query"] is None and row["estimate_json"] is None
    assert row["quote_note"]


def test_selection_is_kept_as_sent_when_the_price_list_is_broken(tmp_path):
    broken = tmp_path / "pricing.yaml"
    broken.write_text("services: [", encoding="utf-8")
    app = make_app(tmp_path, pricing=broken)
    response = post(app.test_client(), encode(valid_form()))
    assert response.status_code == 201
    row = store_of(app).get_inquiry(response.get_json()["id"])
    assert row["estimate_json"] is None and "Cenrādi" in row["quote_note"]
    assert row["quote_query"] == "content=2&community=1&months=3"


def test_a_broken_price_list_prices_with_the_last_good_copy_and_says_so(tmp_path):
    from quote.pricing.backups import remember
    from quote.pricing.catalog import to_catalog
    from quote.pricing.model import load_price_list

    pricing = tmp_path / "pricing.yaml"
    shutil.copyfile(FIXTURE_PRICING, pricing)
    version = to_catalog(load_price_list(pricing))["version"]
    remember(pricing, version)
    pricing.write_text("", encoding="utf-8")  # the owner's editor emptied it
    app = make_app(tmp_path, pricing=pricing)
    response = post(app.test_client(), encode(valid_form()))
    assert response.status_code == 201
    row = store_of(app).get_inquiry(response.get_json()["id"])
    assert row["quote_query"] == "content=2&community=1&months=3"
    # The fixture's prices: content tier 2 is 450 €, community 120 € a month.
    assert json.loads(row["estimate_json"])["monthly"]["gross"] == 57000
    assert row["price_version"] == version
    assert "pēc pēdējā derīgā cenrāža" in row["quote_note"]
    assert "pricing.yaml šobrīd ir kļūdains" in row["quote_note"]
