"""A store of hand-written counts and follow-up for ``quote stats`` (issue 26), and the scratch
price list beside it; the expected figures are written by hand in the tests that use it.

November 2026 is the period the tests read; a row on 31 October and one on 1 December lie just
outside it. Two price list versions were live: VERSION_A (counted 1–10 November; its date is the
snapshot the store kept, 20 October) and VERSION_B (15–30 November; its date is its copy in the
price list history, 14 November). Import from here: ``from tests.support.stats import …``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from quote.contact.store import Store
from tests.support.followup import (
    add_inquiry,
    answer_offer,
    at,
    make_offer,
    new_store,
    send_offer,
)
from tests.support.site import FIXTURE_PRICING

VERSION_A = "a1b2c3d4e5f6"
VERSION_B = "0f9e8d7c6b5a"
A, B = VERSION_A, VERSION_B

# (day, event, dimension, value, price_version, count)
COUNTS = [
    # visits: 400 in November (A 200, B 200); 50 the day before, 40 the day after
    ("2026-10-31", "view", "", "", A, 50),
    ("2026-11-01", "view", "", "", A, 120),
    ("2026-11-10", "view", "", "", A, 80),
    ("2026-11-15", "view", "", "", B, 150),
    ("2026-11-30", "view", "", "", B, 50),
    ("2026-12-01", "view", "", "", B, 40),
    ("2026-11-01", "view", "page", "/", A, 150),
    ("2026-11-15", "view", "page", "/", B, 120),
    ("2026-11-15", "view", "page", "/en/", B, 60),
    ("2026-11-10", "view", "page", "/buj/", A, 50),
    ("2026-11-30", "view", "page", "/paldies/", B, 20),
    ("2026-10-31", "view", "page", "/buj/", A, 50),
    ("2026-11-01", "view", "lang", "lv", A, 180),
    ("2026-11-15", "view", "lang", "lv", B, 140),
    ("2026-11-01", "view", "lang", "en", A, 20),
    ("2026-11-15", "view", "lang", "en", B, 60),
    ("2026-11-01", "view", "referrer", "", A, 100),
    ("2026-11-15", "view", "referrer", "", B, 90),
    ("2026-11-01", "view", "referrer", "www.google.com", A, 80),
    ("2026-11-15", "view", "referrer", "www.google.com", B, 70),
    ("2026-11-15", "view", "referrer", "www.facebook.com", B, 37),
    ("2026-11-10", "view", "referrer", "l.instagram.com", A, 19),
    ("2026-11-15", "view", "referrer", "example.lv", B, 3),
    ("2026-11-30", "view", "referrer", "t.co", B, 1),
    # the configurator used: A 50, B 80
    ("2026-11-01", "configure", "", "", A, 30),
    ("2026-11-10", "configure", "", "", A, 20),
    ("2026-11-15", "configure", "", "", B, 70),
    ("2026-11-30", "configure", "", "", B, 10),
    ("2026-12-01", "configure", "", "", B, 9),
    # estimates shown: A 40, B 63
    ("2026-11-01", "estimate", "", "", A, 25),
    ("2026-11-10", "estimate", "", "", A, 15),
    ("2026-11-15", "estimate", "", "", B, 60),
    ("2026-11-30", "estimate", "", "", B, 3),
    ("2026-11-01", "estimate", "service", "content:2", A, 20),
    ("2026-11-15", "estimate", "service", "content:2", B, 30),
    ("2026-11-01", "estimate", "service", "ads:1", A, 12),
    ("2026-11-01", "estimate", "service", "community", A, 10),
    ("2026-11-15", "estimate", "service", "community", B, 25),
    ("2026-11-15", "estimate", "service", "full-package:2", B, 8),
    ("2026-11-15", "estimate", "service", "content:9", B, 6),  # a tier the price list lost
    ("2026-11-15", "estimate", "service", "gone:1", B, 3),  # a service it lost
    ("2026-12-01", "estimate", "service", "ads:3", B, 30),
    ("2026-11-01", "estimate", "band", "0", A, 2),
    ("2026-11-01", "estimate", "band", "250", A, 10),
    ("2026-11-15", "estimate", "band", "250", B, 20),
    ("2026-11-01", "estimate", "band", "500", A, 20),
    ("2026-11-15", "estimate", "band", "500", B, 30),
    ("2026-11-15", "estimate", "band", "1000", B, 9),
    ("2026-11-15", "estimate", "band", "2000", B, 4),
    # inquiries counted by the endpoint: A 2, B 7
    ("2026-11-01", "inquiry", "", "", A, 2),
    ("2026-11-15", "inquiry", "", "", B, 6),
    ("2026-11-30", "inquiry", "", "", B, 1),
    ("2026-11-01", "share", "", "", A, 3),
    ("2026-11-15", "print", "", "", B, 6),
]


def stats_store(path: Path) -> Store:
    """The store of COUNTS and five inquiries' offers:

    1 (A): sent 5 Nov;  2 (B): sent 20 Nov, accepted 22 Nov;  3 (B): sent 21 Nov and a second
    version 25 Nov (one inquiry sent);  4 (A): sent 28 Oct, accepted 2 Nov;  5 (B): sent 1 Dec.
    In November: 3 inquiries sent an offer (A 1, B 2), 2 accepted (A 1, B 1).
    """
    store = new_store(path)
    store.add_counts(COUNTS)
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO price_list (version, dated_at, first_seen_at, snapshot_json)"
            " VALUES (?, ?, ?, ?)",
            (A, "2026-10-20T08:00:00Z", "2026-10-21T08:00:00Z", "{}"),
        )
    plan = [
        (A, "2026-11-04", ["2026-11-05"], None),
        (B, "2026-11-19", ["2026-11-20"], "2026-11-22"),
        (B, "2026-11-20", ["2026-11-21", "2026-11-25"], None),
        (A, "2026-10-27", ["2026-10-28"], "2026-11-02"),
        (B, "2026-11-30", ["2026-12-01"], None),
    ]
    for number, (version, received, sent, accepted) in enumerate(plan, start=1):
        inquiry = add_inquiry(
            store, f"Klients{number} Bērziņš", when=at(received), price_version=version
        )
        for day in sent:
            offer = make_offer(store, inquiry, when=at(day, "09:00"), valid_until="2027-01-31")
            send_offer(store, offer, when=at(day))
        if accepted:
            assert answer_offer(store, offer, "accepted", when=at(accepted), name="Bērziņš")
    return store


def stats_pricing(folder: Path) -> Path:
    """A scratch copy of the fixture price list with VERSION_B in its history (quote history's
    copies: var/pricing-history/ beside it)."""
    pricing = folder / "pricing.yaml"
    shutil.copyfile(FIXTURE_PRICING, pricing)
    history = folder / "var" / "pricing-history"
    history.mkdir(parents=True)
    shutil.copyfile(FIXTURE_PRICING, history / f"pricing-20261114T213000-{B}.yaml")
    return pricing
