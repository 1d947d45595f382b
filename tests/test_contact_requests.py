"""The contact endpoint refuses a bad request with its status, error code and field, stores
nothing and keeps answering: the table of bad requests, one row per way a post can be wrong."""

from __future__ import annotations

import pytest

from quote.contact.messages import MESSAGES
from tests.support.contact import (
    FORM_TYPE,
    LATVIAN,
    as_json,
    encode,
    make_app,
    post,
    store_of,
    valid_form,
)

JSON_TYPE = "application/json"
VALID = valid_form()


def bad_field(case_id: str, code: str, field: str, **changes):
    """A form post with one field changed (None: left out), refused with 422."""
    return pytest.param(encode(valid_form(**changes)), FORM_TYPE, {}, 422, code, field, id=case_id)


def bad_json(case_id: str, code: str, field: str, **changes):
    """A JSON post with one field changed, refused with 422."""
    return pytest.param(as_json({**VALID, **changes}), JSON_TYPE, {}, 422, code, field, id=case_id)


def bad_body(case_id, body, status, code, *, field=None, content_type=FORM_TYPE, headers=None):
    """A post whose body, type or headers are wrong as a whole."""
    return pytest.param(body, content_type, headers or {}, status, code, field, id=case_id)


def multipart(name: str, raw: bytes) -> bytes:
    return (
        b'--b\r\nContent-Disposition: form-data; name="name"\r\n\r\nJ\xc4\x81nis\r\n'
        + b'--b\r\nContent-Disposition: form-data; name="'
        + name.encode()
        + b'"\r\n\r\n'
        + raw
        + b"\r\n--b--\r\n"
    )


BAD_REQUESTS = [
    bad_field("name-missing", "required", "name", name=None),
    bad_field("name-empty", "required", "name", name=""),
    bad_field("name-blank", "required", "name", name=" \t "),
    bad_field("name-too-long", "too_long", "name", name="ā" * 101),
    bad_field("name-crlf", "invalid_characters", "name", name="Jānis\r\nBcc: x@piemers.lv"),
    bad_field("name-lf", "invalid_characters", "name", name="Jānis\nSubject: x"),
    bad_field("name-nul", "invalid_characters", "name", name="Jā\x00nis"),
    bad_field("email-missing", "required", "email", email=None),
    bad_field("email-empty", "required", "email", email=""),
    bad_field("email-invalid", "invalid_email", "email", email="nav-adrese"),
    bad_field("email-two", "invalid_email", "email", email="a@piemers.lv, b@piemers.lv"),
    bad_field("email-display-name", "invalid_email", "email", email="Jānis <a@piemers.lv>"),
    bad_field(
        "email-crlf", "invalid_characters", "email", email="a@piemers.lv\r\nBcc: b@piemers.lv"
    ),
    bad_field("email-too-long", "too_long", "email", email="a" * 64 + "@" + "b" * 187 + ".lv"),
    bad_field("phone-letters", "invalid_phone", "phone", phone="zvani man"),
    bad_field("phone-no-digits", "invalid_phone", "phone", phone="+ ( )"),
    bad_field("phone-too-long", "too_long", "phone", phone="2" * 41),
    bad_field("phone-crlf", "invalid_characters", "phone", phone="2000\r\n0000"),
    bad_field("company-too-long", "too_long", "company", company="x" * 201),
    bad_field("company-crlf", "invalid_characters", "company", company="SIA\r\nX-Evil: 1"),
    bad_field("channel-unknown", "invalid_channel", "channels", channels=["TikTok", "Twitter"]),
    bad_field(
        "channel-sql", "invalid_channel", "channels", channels="Meta'; DROP TABLE inquiry;--"
    ),
    bad_field("message-missing", "required", "message", message=None),
    bad_field("message-blank", "required", "message", message="\r\n \n\t"),
    bad_field("message-too-short", "too_short", "message", message="Sveiki!"),
    bad_field("message-too-long", "too_long", "message", message="ž" * 5001),
    bad_field(
        "message-nul", "invalid_characters", "message", message="Labdien,\x00 gribu piedāvājumu"
    ),
    bad_field("unknown-field", "unknown_field", "admin", admin="1"),
    bad_field("unknown-total", "unknown_field", "total", total="1"),
    bad_body("duplicate-name", encode(VALID) + b"&name=Otrs", 422, "duplicate_field", field="name"),
    bad_body(
        "duplicate-email",
        encode(VALID) + b"&email=b%40piemers.lv",
        422,
        "duplicate_field",
        field="email",
    ),
    bad_body(
        "duplicate-quote",
        encode(VALID) + b"&quote=content%3D3",
        422,
        "duplicate_field",
        field="quote",
    ),
    bad_body(
        "json-duplicate-key",
        as_json(VALID)[:-1] + b', "message": "Cits teksts ar garumu"}',
        422,
        "duplicate_field",
        field="message",
        content_type=JSON_TYPE,
    ),
    bad_json("json-name-number", "invalid_type", "name", name=42),
    bad_json("json-email-list", "invalid_type", "email", email=["a@piemers.lv"]),
    bad_json("json-message-object", "invalid_type", "message", message={"a": 1}),
    bad_json("json-channel-number", "invalid_type", "channels", channels=[1]),
    bad_body("json-syntax", b'{"name": "J\xc4\x81nis",', 400, "malformed", content_type=JSON_TYPE),
    bad_body("json-array", b'["name", "email"]', 400, "malformed", content_type=JSON_TYPE),
    bad_body("json-nan", b'{"name": NaN}', 400, "malformed", content_type=JSON_TYPE),
    bad_body("json-deep", b"[" * 15000 + b"]" * 15000, 400, "malformed", content_type=JSON_TYPE),
    bad_body(
        "utf8-raw-bytes",
        b"name=J\xe2nis&email=a%40piemers.lv&message=Labdien+visiem+jums",
        400,
        "invalid_encoding",
    ),
    bad_body(
        "utf8-percent-escape",
        b"name=J%C3%28nis&email=a%40piemers.lv&message=Labdien+visiem",
        400,
        "invalid_encoding",
    ),
    bad_body(
        "utf8-overlong",
        b"name=%C0%AF&email=a%40piemers.lv&message=Labdien+visiem+jums",
        400,
        "invalid_encoding",
    ),
    bad_body("utf8-json", b'{"name": "J\xc4nis"}', 400, "invalid_encoding", content_type=JSON_TYPE),
    bad_body(
        "utf8-multipart",
        multipart("message", b"Labdien \xff\xfe nederigs teksts"),
        400,
        "invalid_encoding",
        content_type="multipart/form-data; boundary=b",
    ),
    bad_body(
        "json-lone-surrogate",
        b'{"name": "J\\ud800nis"}',
        400,
        "invalid_encoding",
        content_type=JSON_TYPE,
    ),
    bad_body("too-many-fields", b"&".join([b"channels=TikTok"] * 150), 400, "malformed"),
    bad_body("huge-body", encode(valid_form(message="x" * 40_000)), 413, "too_large"),
    bad_body("text-plain", encode(VALID), 415, "unsupported_media_type", content_type="text/plain"),
    bad_body(
        "xml",
        b"<contact><name>J</name></contact>",
        415,
        "unsupported_media_type",
        content_type="application/xml",
    ),
    bad_body("no-content-type", encode(VALID), 415, "unsupported_media_type", content_type=None),
    bad_body(
        "latin1-charset",
        encode(VALID),
        415,
        "unsupported_media_type",
        content_type=FORM_TYPE + "; charset=iso-8859-1",
    ),
    bad_body("missing-origin", encode(VALID), 403, "cross_site", headers={"Origin": None}),
    bad_body(
        "foreign-origin",
        encode(VALID),
        403,
        "cross_site",
        headers={"Origin": "https://evil.example"},
    ),
    bad_body(
        "other-port-origin",
        encode(VALID),
        403,
        "cross_site",
        headers={"Origin": "http://site.test:8080"},
    ),
    bad_body(
        "subdomain-origin",
        encode(VALID),
        403,
        "cross_site",
        headers={"Origin": "http://evil.site.test"},
    ),
    bad_body("null-origin", encode(VALID), 403, "cross_site", headers={"Origin": "null"}),
    bad_body(
        "cross-site-fetch",
        encode(VALID),
        403,
        "cross_site",
        headers={"Origin": None, "Sec-Fetch-Site": "cross-site"},
    ),
    bad_body(
        "same-site-fetch",
        encode(VALID),
        403,
        "cross_site",
        headers={"Origin": None, "Sec-Fetch-Site": "same-site"},
    ),
]


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    app = make_app(tmp_path_factory.mktemp("bad"))
    return app, app.test_client()


@pytest.mark.parametrize(
    ("body", "content_type", "headers", "status", "code", "field"), BAD_REQUESTS
)
def test_bad_request_is_refused_with_its_code(
    shared, body, content_type, headers, status, code, field
):
    app, client = shared
    response = post(client, body, content_type=content_type, headers=headers)
    assert response.status_code == status, response.get_data(as_text=True)
    errors = response.get_json()["errors"]
    assert (errors[0]["code"], errors[0]["field"]) == (code, field)
    for error in errors:
        assert error["message"].strip()
    assert store_of(app).count_inquiries() == {"inquiries": 0, "spam": 0}
    # The server keeps answering.
    assert client.get("/api/health").status_code == 200


def test_every_error_code_has_a_latvian_message():
    for code, text in MESSAGES.items():
        assert text.endswith("."), code
    assert sum(bool(LATVIAN.search(text)) for text in MESSAGES.values()) > len(MESSAGES) / 2


def test_after_the_table_a_valid_post_still_succeeds(shared):
    _app, client = shared
    response = post(client, encode(VALID))
    assert response.status_code == 201
