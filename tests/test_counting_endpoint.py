"""/api/count through Flask's test client: what one post adds to the daily counts, what is refused
and counts nothing, who is never counted, and the inquiry the endpoint counts itself.

The browser's side (the script, nginx, `quote serve`) is in tests/test_counting_browser.py. The
expected rows are written by hand; the price list's version is the fixture's own.
"""

from __future__ import annotations

import json
import threading
from urllib.parse import urlencode

import pytest

from quote.contact.config import ContactConfig, WebSettings
from quote.contact.store import Store
from quote.counting.reading import referrer_host
from quote.counting.tally import Tally
from quote.i18n import FORM_LANGUAGES_FILE
from quote.pricing.model import load_price_list
from tests.support import FIXTURE_PRICING
from tests.support.browser import PERSON_USER_AGENT as BROWSER
from tests.support.contact import ORIGIN, encode, make_app, store_of, valid_form
from tests.support.contact import post as post_inquiry

VERSION = load_price_list(FIXTURE_PRICING).version
TODAY_CLOCK = 1_796_601_600.0  # 2026-12-07 00:00 UTC
FORM = "application/x-www-form-urlencoded"


@pytest.fixture
def site(tmp_path):
    """A built site's few files the endpoint reads: its pages and its languages."""
    folder = tmp_path / "site"
    for page in ("index.html", "en/index.html", "buj/index.html", "404.html"):
        (folder / page).parent.mkdir(parents=True, exist_ok=True)
        (folder / page).write_text("<!doctype html>")
    manifest = {
        "default": "lv",
        "languages": {
            "lv": {"thanks_url": "/paldies/", "form_url": "/#kontakti"},
            "en": {"thanks_url": "/en/thank-you/", "form_url": "/en/#kontakti"},
        },
    }
    (folder / FORM_LANGUAGES_FILE).parent.mkdir(parents=True, exist_ok=True)
    (folder / FORM_LANGUAGES_FILE).write_text(json.dumps(manifest))
    return folder


@pytest.fixture
def app(tmp_path, site):
    app = make_app(tmp_path, site=site, count_rate_limit="10000 per minute")
    app.extensions["quote_contact"].counting.tally.clock = lambda: TODAY_CLOCK
    return app


def send(client, body, *, headers=None, content_type=FORM):
    all_headers = {"Origin": ORIGIN, "User-Agent": BROWSER, **(headers or {})}
    for key in [k for k, v in all_headers.items() if v is None]:
        del all_headers[key]
    data = body if isinstance(body, bytes) else urlencode(body, doseq=True).encode()
    return client.post("/api/count", data=data, headers=all_headers, content_type=content_type)


def counts(app) -> list[tuple]:
    app.extensions["quote_contact"].counting.tally.flush()
    return store_of(app).visit_counts()


def rows(event, *pairs, day="2026-12-07", n=1):
    """The rows one occurrence of ``event`` adds: its total, then one per (dimension, value)."""
    return [(day, event, "", "", VERSION, n)] + [
        (day, event, dim, value, VERSION, n) for dim, value in pairs
    ]


def test_a_view_a_first_change_and_an_estimate_add_exactly_their_rows(app):
    client = app.test_client()
    view = {"event": "view", "page": "/en/", "lang": "en", "referrer": "www.google.com"}
    assert send(client, view).status_code == 204
    assert send(client, {"event": "configure", "lang": "en"}).status_code == 204
    estimate = {
        "event": "estimate",
        "lang": "en",
        "service": ["content:2", "community"],
        "band": "500",
    }
    assert send(client, estimate).status_code == 204
    assert send(client, view).status_code == 204
    expected = (
        rows("configure", ("lang", "en"))
        + rows("estimate", ("band", "500"), ("lang", "en"))
        + [
            ("2026-12-07", "estimate", "service", "community", VERSION, 1),
            ("2026-12-07", "estimate", "service", "content:2", VERSION, 1),
        ]
        + rows("view", ("lang", "en"), ("page", "/en/"), ("referrer", "www.google.com"), n=2)
    )
    assert counts(app) == sorted(expected)


def test_a_referrer_is_kept_as_its_host_only_and_our_own_as_none(app):
    client = app.test_client()
    send(
        client,
        {
            "event": "view",
            "page": "/",
            "lang": "lv",
            "referrer": "https://m.Facebook.com/x?fbclid=1",
        },
    )
    send(client, {"event": "view", "page": "/buj/", "lang": "lv", "referrer": "site.test"})
    send(client, {"event": "view", "page": "/buj/", "lang": "lv"})
    found = {(dim, value): n for _d, event, dim, value, _v, n in counts(app) if event == "view"}
    assert found[("referrer", "m.facebook.com")] == 1
    assert found[("referrer", "")] == 2
    assert found[("page", "/buj/")] == 2
    assert referrer_host("not a host") is None


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"event": "purchase", "lang": "lv"}, 422, "unknown_event"),
        ({"event": "inquiry", "lang": "lv"}, 422, "server_event"),
        ({"event": "offer_accepted", "lang": "lv"}, 422, "server_event"),
        ({"lang": "lv"}, 422, "required"),
        ({"event": ["view", "view"], "page": "/", "lang": "lv"}, 422, "unknown_dimension"),
        ({"event": "view", "page": "/", "lang": "lv", "visitor": "42"}, 422, "unknown_dimension"),
        ({"event": "view", "page": "/", "lang": ["lv", "en"]}, 422, "unknown_dimension"),
        ({"event": "view", "lang": "lv"}, 422, "required"),
        ({"event": "view", "page": "/nav-tadas/", "lang": "lv"}, 422, "bad_value"),
        ({"event": "view", "page": "/?q=1", "lang": "lv"}, 422, "bad_value"),
        ({"event": "view", "page": "/../etc/", "lang": "lv"}, 422, "bad_value"),
        ({"event": "view", "page": "/", "lang": "de"}, 422, "bad_value"),
        ({"event": "view", "page": "/", "lang": "lv", "referrer": "<script>"}, 422, "bad_value"),
        ({"event": "estimate", "lang": "lv", "service": "seo:1", "band": "0"}, 422, "bad_value"),
        (
            {"event": "estimate", "lang": "lv", "service": "content:9", "band": "0"},
            422,
            "bad_value",
        ),
        (
            {"event": "estimate", "lang": "lv", "service": "content:1", "band": "300"},
            422,
            "bad_value",
        ),
        ({"event": "estimate", "lang": "lv", "band": "0"}, 422, "required"),
        (
            {"event": "estimate", "lang": "lv", "service": ["ads:1", "ads:1"], "band": "0"},
            422,
            "unknown_dimension",
        ),
        ({"event": "share", "lang": "lv", "total": "65000"}, 422, "unknown_dimension"),
    ],
)
def test_a_forged_event_is_refused_and_counts_nothing(app, body, status, code):
    answer = send(app.test_client(), body)
    assert answer.status_code == status
    assert answer.get_json()["errors"][0]["code"] == code
    assert counts(app) == []


def test_oversized_cross_site_and_other_bodies_are_refused_and_count_nothing(app):
    client = app.test_client()
    view = {"event": "view", "page": "/", "lang": "lv"}
    padded = urlencode({**view, "referrer": "a" * 1100}).encode()
    cases = [
        (send(client, padded), 413, "too_large"),
        (send(client, view, headers={"Origin": "https://evil.example"}), 403, "cross_site"),
        (send(client, view, headers={"Origin": None}), 403, "cross_site"),
        (send(client, json.dumps(view).encode(), content_type="application/json"), 415, None),
        (send(client, b"event=view&page=%ff&lang=lv\xff"), 400, "invalid_encoding"),
    ]
    for answer, status, code in cases:
        assert answer.status_code == status
        if code:
            assert answer.get_json()["errors"][0]["code"] == code
    # Without Origin, a browser's same-origin marker is enough.
    same = send(client, view, headers={"Origin": None, "Sec-Fetch-Site": "same-origin"})
    assert same.status_code == 204
    assert counts(app) == sorted(rows("view", ("lang", "lv"), ("page", "/"), ("referrer", "")))


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-GPC": "1"},
        {"DNT": "1"},
        {"User-Agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"},
        {"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/140.0 Safari/537.36"},
        {"User-Agent": ""},
    ],
)
def test_robots_and_browsers_asking_not_to_be_tracked_are_answered_alike_and_not_counted(
    app, headers
):
    answer = send(app.test_client(), {"event": "view", "page": "/", "lang": "lv"}, headers=headers)
    assert answer.status_code == 204
    assert counts(app) == []


def test_a_stored_inquiry_is_counted_by_the_endpoint_and_spam_is_not(app):
    client = app.test_client()
    browser = {"User-Agent": BROWSER}
    assert post_inquiry(client, encode(valid_form()), headers=browser).status_code == 201
    again = post_inquiry(client, encode(valid_form()), headers=browser)  # the same send again
    assert again.status_code == 201
    spam = post_inquiry(
        client, encode(valid_form(website="x", message="Cits teksts.")), headers=browser
    )
    assert spam.status_code == 201
    gpc = {**browser, "Sec-GPC": "1"}
    other = encode(valid_form(message="Labdien! Otrs pieprasījums, lūdzu."))
    assert post_inquiry(client, other, headers=gpc).status_code == 201
    assert counts(app) == sorted(rows("inquiry", ("lang", "lv")))


def test_counting_off_answers_404_and_counts_no_inquiry(tmp_path, site):
    app = make_app(tmp_path, site=site, counting=False)
    client = app.test_client()
    view = {"event": "view", "page": "/", "lang": "lv"}
    answer = send(client, view, headers={"Accept": "application/json"})
    assert answer.status_code == 404
    assert answer.get_json()["errors"][0]["code"] == "not_found"
    post_inquiry(client, encode(valid_form()), headers={"User-Agent": BROWSER})
    assert store_of(app).visit_counts() == []
    assert (
        WebSettings.from_env({"QUOTE_COUNTING": "0", "QUOTE_SITE_ORIGIN": ORIGIN}).counting is False
    )


def test_counts_are_tagged_with_the_price_list_live_when_counted(tmp_path, site):
    pricing = tmp_path / "pricing.yaml"
    pricing.write_text(FIXTURE_PRICING.read_text())
    app = make_app(tmp_path, site=site, pricing=pricing)
    client = app.test_client()
    send(client, {"event": "share", "lang": "lv"})
    pricing.write_text(FIXTURE_PRICING.read_text().replace("450", "460", 1))
    new_version = load_price_list(pricing).version
    assert new_version != VERSION
    send(client, {"event": "share", "lang": "lv"})
    versions = {(version, n) for _d, _e, dim, _v, version, n in counts(app) if dim == ""}
    assert versions == {(VERSION, 1), (new_version, 1)}


def test_the_tally_writes_in_one_transaction_and_keeps_counts_when_the_store_fails(tmp_path):
    store = Store(tmp_path / "inquiries.sqlite3")
    store.migrate()
    tally = Tally(store, clock=lambda: TODAY_CLOCK)
    from quote.counting.reading import Occurrence

    for _ in range(3):
        tally.add(Occurrence("print", (("lang", "lv"),)), "v1")
    with store.transaction():  # another writer holds the lock: the flush waits, then fails
        store.timeout = 0.05
        blocked = threading.Thread(target=tally.flush)
        blocked.start()
        blocked.join()
    assert tally.pending() == 2  # kept for the next try
    store.timeout = 30.0
    assert tally.flush() == 2
    assert store.visit_counts() == [
        ("2026-12-07", "print", "", "", "v1", 3),
        ("2026-12-07", "print", "lang", "lv", "v1", 3),
    ]


def test_the_count_setting_reads_from_the_environment():
    config = ContactConfig.of(site_origin=ORIGIN, count_flush_seconds=0.5)
    assert config.web.count_flush_seconds == 0.5
    assert config.web.counting is True
