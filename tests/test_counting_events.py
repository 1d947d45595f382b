"""The counting vocabulary: price bands and the counts table the store creates (issue 26)."""

from quote.contact.store import Store
from quote.counting.events import EVENTS, SERVER_EVENTS, price_band


def test_a_monthly_price_falls_in_the_band_of_its_lower_bound():
    assert price_band(0) == "0"
    assert price_band(9_999) == "0"  # 99,99 €
    assert price_band(10_000) == "100"
    assert price_band(49_999) == "250"
    assert price_band(73_140) == "500"
    assert price_band(250_000) == "2000"


def test_events_the_endpoint_counts_are_in_the_vocabulary():
    assert set(EVENTS) >= SERVER_EVENTS


def test_the_store_keeps_one_row_per_day_event_dimension_value_and_price_list(tmp_path):
    store = Store(tmp_path / "inquiries.sqlite3")
    store.migrate()
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO visit_count VALUES ('2026-12-07', 'view', 'lang', 'en', 'abc', 2)"
        )
        columns = [row[1] for row in conn.execute("PRAGMA table_info(visit_count)")]
    assert columns == ["day", "event", "dimension", "value", "price_version", "count"]
