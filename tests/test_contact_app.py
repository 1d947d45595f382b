"""The contact endpoint through Flask's test client: what it answers to a good post, in which
form (JSON, redirect, headers) and what it stores; hostile text kept verbatim; the store down.

The refused posts are in test_contact_requests.py, spam and repeats in test_contact_spam.py,
the limits in test_contact_limits.py, the estimate in test_contact_estimate.py and the error
pages in test_contact_error_pages.py."""

from __future__ import annotations

import json
import time

import pytest

from tests.support import parse
from tests.support.contact import (
    JSON_ACCEPT,
    encode,
    make_app,
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


# -- success -----------------------------------------------------------------------------------


def test_json_post_is_stored_and_answered_201(app, client):
    response = post(client, encode(valid_form()))
    assert response.status_code == 201
    inquiry_id = response.get_json()["id"]
    row = store_of(app).get_inquiry(inquiry_id)
    assert row["name"] == "Jānis Bērziņš"
    assert row["channels"] == ["TikTok", "LinkedIn"]
    assert row["spam"] is None
    assert store_of(app).outbox_for(inquiry_id)[0]["sent_at"] is None


def test_form_post_without_javascript_redirects_to_thanks_page(app, client):
    response = post(client, encode(valid_form()), accept_json=False)
    assert response.status_code == 303
    assert response.headers["Location"] == "/paldies/"
    assert store_of(app).count_inquiries() == {"inquiries": 1, "spam": 0}


def test_json_body_is_accepted(app, client):
    body = json.dumps(valid_form(ts=int(time.time() * 1000) - 60_000)).encode()
    response = post(client, body, content_type="application/json")
    assert response.status_code == 201
    assert store_of(app).get_inquiry(response.get_json()["id"])["company"] == "SIA Piemērs"


def test_multipart_body_is_accepted(app, client):
    form = valid_form()
    boundary = "----kf"
    parts = []
    for key, value in form.items():
        for item in value if isinstance(value, list) else [value]:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{item}\r\n'
            )
    body = ("".join(parts) + f"--{boundary}--\r\n").encode()
    response = post(client, body, content_type=f"multipart/form-data; boundary={boundary}")
    assert response.status_code == 201
    assert store_of(app).get_inquiry(response.get_json()["id"])["name"] == "Jānis Bērziņš"


def test_same_origin_marker_without_origin_is_accepted(client):
    response = post(
        client, encode(valid_form()), headers={"Origin": None, "Sec-Fetch-Site": "same-origin"}
    )
    assert response.status_code == 201


def test_text_is_normalised_before_it_is_stored(app, client):
    form = valid_form(
        name="  Ja\u0304nis\tBe\u0304rzin\u0327s\u0301 ",  # decomposed letters, a tab
        message="Rinda viens\r\nRinda divi\rRinda trīs\x07 ar zvanu\u2028beigas  ",
        phone="+371\u00a02000\u20130000",
        channels=["tiktok", "TikTok", "", "YOUTUBE"],
        email="Janis@PIEMERS.LV",
    )
    response = post(client, encode(form))
    assert response.status_code == 201
    row = store_of(app).get_inquiry(response.get_json()["id"])
    assert row["name"] == "Jānis Bērziņś"
    assert row["message"] == "Rinda viens\nRinda divi\nRinda trīs ar zvanu\nbeigas"
    assert row["phone"] == "+371 2000-0000"
    assert row["channels"] == ["TikTok", "YouTube"]
    assert row["email"] == "Janis@piemers.lv"


BIDI_AND_INVISIBLE = (
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"  # bidi embeddings, isolates
    "\u200b\u200e\u00ad\ufeff\U000e0041"  # zero-width space, LRM, soft hyphen, BOM, tag
)


def test_bidi_controls_and_invisible_format_characters_are_removed(app, client):
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # one emoji joined by U+200D
    form = valid_form(
        name="Anna \u202eslēpts\u202c Liepa",
        email="an\u200bna@piemers.lv",
        company="SIA \u2067Koks\u2069\u00ad",
        message=f"Labdien!\u2066 Ģimene {family} \ufeffgaida\U000e0041 piedāvājumu.",
    )
    response = post(client, encode(form))
    assert response.status_code == 201
    row = store_of(app).get_inquiry(response.get_json()["id"])
    assert row["name"] == "Anna slēpts Liepa"
    assert row["email"] == "anna@piemers.lv"
    assert row["company"] == "SIA Koks"
    assert row["message"] == f"Labdien! Ģimene {family} gaida piedāvājumu."
    stored = "".join(str(row[key]) for key in ("name", "email", "company", "message"))
    assert not set(stored) & set(BIDI_AND_INVISIBLE)


def test_empty_optional_fields_are_absent(app, client):
    response = post(client, encode(valid_form(phone="", company="  ", channels=None, quote="")))
    row = store_of(app).get_inquiry(response.get_json()["id"])
    assert (row["phone"], row["company"], row["channels"], row["quote_query"]) == (
        None,
        None,
        [],
        None,
    )


def test_health(client):
    response = client.get("/api/health")
    assert response.status_code == 200
    # No SMTP server in the fixture's settings: the health answer says mail goes to files only.
    assert response.get_json() == {"status": "ok", "mail": "file"}


def test_get_is_405_with_allow(client):
    response = client.get("/api/contact", headers=JSON_ACCEPT)
    assert response.status_code == 405
    assert response.headers["Allow"] == "POST"
    assert response.get_json()["errors"][0]["code"] == "method_not_allowed"


def test_unknown_api_path_is_404(client):
    response = client.get("/api/nothing", headers=JSON_ACCEPT)
    assert response.status_code == 404
    assert response.get_json()["errors"][0]["code"] == "not_found"


def test_security_headers(client):
    response = post(client, encode(valid_form()))
    assert "Retry-After" not in response.headers  # only on 429
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("accept", "status"),
    [
        ("application/json", 201),
        ("application/json, text/plain, */*", 201),
        ("*/*", 303),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", 303),
        (None, 303),
    ],
)
def test_answer_follows_accept(client, accept, status):
    response = post(client, encode(valid_form()), accept_json=False, headers={"Accept": accept})
    assert response.status_code == status


# -- hostile text that is valid: stored verbatim, never rendered -------------------------------


HOSTILE_BUT_VALID = [
    ("sql-in-name", {"name": "Robert'); DROP TABLE inquiry;--"}),
    ("sql-in-message", {"message": "1' OR '1'='1'; DELETE FROM outbox; --"}),
    ("html-in-message", {"message": '<b>Sveiki</b> <img src=x onerror="alert(1)">'}),
    ("script-in-message", {"message": "<script>alert('ž')</script> un vēl teksts"}),
    ("html-in-company", {"company": "<a href='javascript:alert(1)'>SIA</a>"}),
    ("header-words-in-message", {"message": "Bcc: visi@piemers.lv\nSubject: uzvarēji"}),
]


@pytest.mark.parametrize(
    "changes", [c[1] for c in HOSTILE_BUT_VALID], ids=[c[0] for c in HOSTILE_BUT_VALID]
)
def test_hostile_but_valid_text_is_stored_verbatim(app, client, changes):
    response = post(client, encode(valid_form(**changes)))
    assert response.status_code == 201
    assert response.mimetype == "application/json"
    row = store_of(app).get_inquiry(response.get_json()["id"])
    for key, value in changes.items():
        assert row[key] == value
    assert store_of(app).count_inquiries()["inquiries"] == 1


# -- the store down ----------------------------------------------------------------------------


def test_store_failure_is_503_and_keeps_what_was_typed(app, client, monkeypatch):
    import sqlite3

    def broken(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(store_of(app), "add_send", broken)
    response = post(client, encode(valid_form()))
    assert response.status_code == 503
    assert response.get_json()["errors"][0]["code"] == "store_unavailable"
    page = post(client, encode(valid_form()), accept_json=False)
    assert page.status_code == 503
    parsed = parse(page.get_data(as_text=True))
    assert len(parsed.css("h1")) == 1
    assert parsed.css_first('input[name="name"]').attributes["value"] == "Jānis Bērziņš"
