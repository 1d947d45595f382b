"""Spam is answered as usual, kept and never e-mailed (the honeypot, the time trap); a repeat of
the same send is one inquiry (the send key, or the same address and message)."""

from __future__ import annotations

import time

import pytest

from tests.support import parse
from tests.support.contact import (
    ANY_LATVIAN,
    as_json,
    encode,
    make_app,
    numbered,
    post,
    store_of,
    valid_form,
)


@pytest.fixture
def app(tmp_path):
    return make_app(tmp_path)


@pytest.fixture
def client(app):
    return app.test_client()


# -- spam --------------------------------------------------------------------------------------


def test_honeypot_hit_gets_the_normal_answer_and_is_kept_as_spam(app, client):
    response = post(client, encode(valid_form(website="https://spam.example")))
    assert response.status_code == 201
    row = store_of(app).get_inquiry(response.get_json()["id"])
    assert row["spam"] == "honeypot"
    assert store_of(app).outbox_for(row["id"]) == []
    redirect = post(client, encode(valid_form(website="x")), accept_json=False)
    assert (redirect.status_code, redirect.headers["Location"]) == (303, "/paldies/")


def test_form_sent_too_fast_is_spam(app, client):
    now_ms = int(time.time() * 1000)
    fast = post(client, encode(numbered(1, ts=str(now_ms - 1000))))
    slow = post(client, encode(numbered(2, ts=str(now_ms - 10_000))))
    skewed = post(client, encode(numbered(3, ts=str(now_ms + 50_000))))  # a clock a bit ahead
    missing = post(client, encode(numbered(4)))  # no JavaScript: no ts at all
    store = store_of(app)
    assert store.get_inquiry(fast.get_json()["id"])["spam"] == "too_fast"
    assert store.outbox_for(fast.get_json()["id"]) == []
    for response in (slow, skewed, missing):
        assert response.status_code == 201
        assert store.get_inquiry(response.get_json()["id"])["spam"] is None
    assert store.count_inquiries() == {"inquiries": 3, "spam": 1}


@pytest.mark.parametrize("ts", ["soon", "1e12", "-5", "12.5", "0x10", "+2 minutes"])
def test_page_load_time_in_the_future_or_not_a_number_is_spam(app, client, ts):
    if ts == "+2 minutes":  # beyond the minute of clock skew allowed
        ts = str(int(time.time() * 1000) + 120_000)
    response = post(client, encode(valid_form(ts=ts)))
    assert response.status_code == 201  # the bot is not told
    row = store_of(app).get_inquiry(response.get_json()["id"])
    assert row["spam"] == "bad_time"
    assert store_of(app).outbox_for(row["id"]) == []


def test_page_load_time_in_json_must_be_a_number(app, client):
    for number, ts in enumerate([True, "", None, [1], 2.5e20]):
        form = numbered(number, ts=None)
        form["ts"] = ts
        response = post(client, as_json(form), content_type="application/json")
        row = store_of(app).get_inquiry(response.get_json()["id"])
        assert row["spam"] == (None if ts in ("", None) else "bad_time"), ts


def test_spam_is_never_emailed(app, client, tmp_path):
    from quote.contact.app import start_outbox_worker  # noqa: F401 - the API exists
    from quote.contact.outbox import OutboxWorker

    post(client, encode(numbered(1, website="x")))
    post(client, encode(numbered(2, ts=str(int(time.time() * 1000)))))
    real = post(client, encode(numbered(3))).get_json()["id"]
    state = app.extensions["quote_contact"]
    result = OutboxWorker(state.config.mail, state.store, state.config.store.pricing).process_due(
        force=True
    )
    assert (result.sent, result.filed) == (0, 1)  # no SMTP server here: written to a file
    files = list((tmp_path / "mail").glob("*.eml"))
    assert [f.name for f in files] == [f"inquiry-{real:06d}-1.eml"]


# -- one inquiry per send ----------------------------------------------------------------------


SEND_KEY = "6f1c2a0e-93d4-4b1e-8d7a-2f5b9c0e1a34"


def test_repeat_of_a_send_key_gets_the_first_answer_and_no_second_email(app, client):
    first = post(client, encode(valid_form(send_key=SEND_KEY)))
    again = post(client, encode(valid_form(send_key=SEND_KEY, message="Labdien! Vēlreiz.")))
    assert (first.status_code, again.status_code) == (201, 201)
    assert first.get_json() == again.get_json()
    redirected = post(client, encode(valid_form(send_key=SEND_KEY)), accept_json=False)
    assert (redirected.status_code, redirected.headers["Location"]) == (303, "/paldies/")
    store = store_of(app)
    assert store.count_inquiries() == {"inquiries": 1, "spam": 0}
    assert len(store.outbox_for(first.get_json()["id"])) == 1
    other = post(client, encode(valid_form(send_key=SEND_KEY.replace("6", "7"))))
    assert other.get_json()["id"] == first.get_json()["id"] + 1  # another page load: new send


def test_without_a_key_the_same_address_and_message_within_ten_minutes_is_one_send(app, client):
    state = app.extensions["quote_contact"]
    start = time.time()
    state.clock = lambda: start
    first = post(client, encode(valid_form()), accept_json=False)
    state.clock = lambda: start + 599
    again = post(client, encode(valid_form(email="JANIS@piemers.lv", name="Jānis")))
    other_text = post(client, encode(valid_form(message="Labdien! Cits jautājums.")))
    state.clock = lambda: start + 601
    later = post(client, encode(valid_form()))
    assert first.status_code == 303
    ids = [r.get_json()["id"] for r in (again, other_text, later)]
    assert ids[0] == 1 and ids[1] == 2 and ids[2] == 3
    assert store_of(app).count_inquiries()["inquiries"] == 3


@pytest.mark.parametrize("key", ["short", "x" * 65, "abc def ghi jkl mno", "ķēdes-atslēga-1234"])
def test_malformed_send_key_is_refused(app, client, key):
    response = post(client, encode(valid_form(send_key=key)))
    assert response.status_code == 422
    assert response.get_json()["errors"] == [
        {"field": "send_key", "code": "invalid_send_key", "message": ANY_LATVIAN}
    ]
    assert store_of(app).count_inquiries()["inquiries"] == 0


def test_error_page_keeps_the_send_key_for_the_corrected_form(client):
    page = post(client, encode(valid_form(send_key=SEND_KEY, email="nav")), accept_json=False)
    assert page.status_code == 422
    field = parse(page.get_data(as_text=True)).css_first('input[name="send_key"]')
    assert field.attributes["value"] == SEND_KEY
