"""The contact endpoint through Flask's test client: answers, the table of bad requests, spam,
rate limits, the recomputed estimate and the Latvian error page."""

from __future__ import annotations

import json
import re
import shutil
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest

from quote.contact import ContactConfig, create_app
from quote.contact.store import Store
from tests.support import FIXTURE_PRICING, parse, vnu_command

ORIGIN = "http://site.test"
JSON_ACCEPT = {"Accept": "application/json"}
FORM_TYPE = "application/x-www-form-urlencoded"
LATVIAN = re.compile(r"[āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ]")


def valid_form(**changes) -> dict:
    form = {
        "name": "Jānis Bērziņš",
        "email": "janis@piemers.lv",
        "phone": "+371 2000 0000",
        "company": "SIA Piemērs",
        "channels": ["TikTok", "LinkedIn"],
        "message": "Labdien! Vēlos sakārtot mūsu sociālos tīklus.",
        "quote": "content=2&community=1&months=3",
        "website": "",
    }
    for key, value in changes.items():
        if value is None:
            form.pop(key, None)
        else:
            form[key] = value
    return form


def encode(form: dict) -> bytes:
    return urlencode(form, doseq=True).encode()


def make_app(tmp_path: Path, **overrides):
    settings = {
        "site_origin": ORIGIN,
        "db": tmp_path / "inquiries.sqlite3",
        "mail_dir": tmp_path / "mail",
        "pricing": FIXTURE_PRICING,
        "rate_limit": "10000 per minute",
        "refused_rate_limit": "10000 per minute",
    }
    settings.update(overrides)
    return create_app(ContactConfig.of(**settings))


@pytest.fixture
def app(tmp_path):
    return make_app(tmp_path)


@pytest.fixture
def client(app):
    return app.test_client()


def store_of(app) -> Store:
    return app.extensions["quote_contact"].store


def post(client, body: bytes, *, content_type=FORM_TYPE, headers=None, accept_json=True):
    all_headers = {"Origin": ORIGIN}
    if accept_json:
        all_headers.update(JSON_ACCEPT)
    all_headers.update(headers or {})
    for key in [k for k, v in all_headers.items() if v is None]:
        del all_headers[key]
    kwargs = {"data": body, "headers": all_headers}
    if content_type is not None:
        kwargs["content_type"] = content_type
    return client.post("/api/contact", **kwargs)


# -- success --------------------------------------------------------------------------------


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
    assert response.get_json() == {"status": "ok"}


# -- the table of bad requests --------------------------------------------------------------


def _json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode()


def _form_with(**changes) -> bytes:
    return encode(valid_form(**changes))


def _multipart(name: str, raw: bytes) -> tuple[bytes, str]:
    body = (
        b'--b\r\nContent-Disposition: form-data; name="name"\r\n\r\nJ\xc4\x81nis\r\n'
        + b'--b\r\nContent-Disposition: form-data; name="'
        + name.encode()
        + b'"\r\n\r\n'
        + raw
        + b"\r\n--b--\r\n"
    )
    return body, "multipart/form-data; boundary=b"


_VALID_JSON = valid_form()
_BAD_MULTIPART, _MULTIPART_TYPE = _multipart("message", b"Labdien \xff\xfe nederigs teksts")

# (id, body, content type, extra headers, status, code, field)
BAD_REQUESTS = [
    ("name-missing", _form_with(name=None), FORM_TYPE, {}, 422, "required", "name"),
    ("name-empty", _form_with(name=""), FORM_TYPE, {}, 422, "required", "name"),
    ("name-blank", _form_with(name=" \t "), FORM_TYPE, {}, 422, "required", "name"),
    ("name-too-long", _form_with(name="ā" * 101), FORM_TYPE, {}, 422, "too_long", "name"),
    (
        "name-crlf",
        _form_with(name="Jānis\r\nBcc: x@piemers.lv"),
        FORM_TYPE,
        {},
        422,
        "invalid_characters",
        "name",
    ),
    (
        "name-lf",
        _form_with(name="Jānis\nSubject: x"),
        FORM_TYPE,
        {},
        422,
        "invalid_characters",
        "name",
    ),
    ("name-nul", _form_with(name="Jā\x00nis"), FORM_TYPE, {}, 422, "invalid_characters", "name"),
    ("email-missing", _form_with(email=None), FORM_TYPE, {}, 422, "required", "email"),
    ("email-empty", _form_with(email=""), FORM_TYPE, {}, 422, "required", "email"),
    ("email-invalid", _form_with(email="nav-adrese"), FORM_TYPE, {}, 422, "invalid_email", "email"),
    (
        "email-two",
        _form_with(email="a@piemers.lv, b@piemers.lv"),
        FORM_TYPE,
        {},
        422,
        "invalid_email",
        "email",
    ),
    (
        "email-display-name",
        _form_with(email="Jānis <a@piemers.lv>"),
        FORM_TYPE,
        {},
        422,
        "invalid_email",
        "email",
    ),
    (
        "email-crlf",
        _form_with(email="a@piemers.lv\r\nBcc: b@piemers.lv"),
        FORM_TYPE,
        {},
        422,
        "invalid_characters",
        "email",
    ),
    (
        "email-too-long",
        _form_with(email="a" * 64 + "@" + "b" * 187 + ".lv"),
        FORM_TYPE,
        {},
        422,
        "too_long",
        "email",
    ),
    ("phone-letters", _form_with(phone="zvani man"), FORM_TYPE, {}, 422, "invalid_phone", "phone"),
    ("phone-no-digits", _form_with(phone="+ ( )"), FORM_TYPE, {}, 422, "invalid_phone", "phone"),
    ("phone-too-long", _form_with(phone="2" * 41), FORM_TYPE, {}, 422, "too_long", "phone"),
    (
        "phone-crlf",
        _form_with(phone="2000\r\n0000"),
        FORM_TYPE,
        {},
        422,
        "invalid_characters",
        "phone",
    ),
    ("company-too-long", _form_with(company="x" * 201), FORM_TYPE, {}, 422, "too_long", "company"),
    (
        "company-crlf",
        _form_with(company="SIA\r\nX-Evil: 1"),
        FORM_TYPE,
        {},
        422,
        "invalid_characters",
        "company",
    ),
    (
        "channel-unknown",
        _form_with(channels=["TikTok", "Twitter"]),
        FORM_TYPE,
        {},
        422,
        "invalid_channel",
        "channels",
    ),
    (
        "channel-sql",
        _form_with(channels="Meta'; DROP TABLE inquiry;--"),
        FORM_TYPE,
        {},
        422,
        "invalid_channel",
        "channels",
    ),
    ("message-missing", _form_with(message=None), FORM_TYPE, {}, 422, "required", "message"),
    ("message-blank", _form_with(message="\r\n \n\t"), FORM_TYPE, {}, 422, "required", "message"),
    (
        "message-too-short",
        _form_with(message="Sveiki!"),
        FORM_TYPE,
        {},
        422,
        "too_short",
        "message",
    ),
    ("message-too-long", _form_with(message="ž" * 5001), FORM_TYPE, {}, 422, "too_long", "message"),
    (
        "message-nul",
        _form_with(message="Labdien,\x00 gribu piedāvājumu"),
        FORM_TYPE,
        {},
        422,
        "invalid_characters",
        "message",
    ),
    ("unknown-field", _form_with(admin="1"), FORM_TYPE, {}, 422, "unknown_field", "admin"),
    ("unknown-total", _form_with(total="1"), FORM_TYPE, {}, 422, "unknown_field", "total"),
    (
        "duplicate-name",
        encode(valid_form()) + b"&name=Otrs",
        FORM_TYPE,
        {},
        422,
        "duplicate_field",
        "name",
    ),
    (
        "duplicate-email",
        encode(valid_form()) + b"&email=b%40piemers.lv",
        FORM_TYPE,
        {},
        422,
        "duplicate_field",
        "email",
    ),
    (
        "duplicate-quote",
        encode(valid_form()) + b"&quote=content%3D3",
        FORM_TYPE,
        {},
        422,
        "duplicate_field",
        "quote",
    ),
    (
        "json-duplicate-key",
        _json(_VALID_JSON)[:-1] + b', "message": "Cits teksts ar garumu"}',
        "application/json",
        {},
        422,
        "duplicate_field",
        "message",
    ),
    (
        "json-name-number",
        _json({**_VALID_JSON, "name": 42}),
        "application/json",
        {},
        422,
        "invalid_type",
        "name",
    ),
    (
        "json-email-list",
        _json({**_VALID_JSON, "email": ["a@piemers.lv"]}),
        "application/json",
        {},
        422,
        "invalid_type",
        "email",
    ),
    (
        "json-message-object",
        _json({**_VALID_JSON, "message": {"a": 1}}),
        "application/json",
        {},
        422,
        "invalid_type",
        "message",
    ),
    (
        "json-channel-number",
        _json({**_VALID_JSON, "channels": [1]}),
        "application/json",
        {},
        422,
        "invalid_type",
        "channels",
    ),
    ("json-syntax", b'{"name": "J\xc4\x81nis",', "application/json", {}, 400, "malformed", None),
    ("json-array", b'["name", "email"]', "application/json", {}, 400, "malformed", None),
    ("json-nan", b'{"name": NaN}', "application/json", {}, 400, "malformed", None),
    ("json-deep", b"[" * 15000 + b"]" * 15000, "application/json", {}, 400, "malformed", None),
    (
        "utf8-raw-bytes",
        b"name=J\xe2nis&email=a%40piemers.lv&message=Labdien+visiem+jums",
        FORM_TYPE,
        {},
        400,
        "invalid_encoding",
        None,
    ),
    (
        "utf8-percent-escape",
        b"name=J%C3%28nis&email=a%40piemers.lv&message=Labdien+visiem",
        FORM_TYPE,
        {},
        400,
        "invalid_encoding",
        None,
    ),
    (
        "utf8-overlong",
        b"name=%C0%AF&email=a%40piemers.lv&message=Labdien+visiem+jums",
        FORM_TYPE,
        {},
        400,
        "invalid_encoding",
        None,
    ),
    ("utf8-json", b'{"name": "J\xc4nis"}', "application/json", {}, 400, "invalid_encoding", None),
    ("utf8-multipart", _BAD_MULTIPART, _MULTIPART_TYPE, {}, 400, "invalid_encoding", None),
    (
        "json-lone-surrogate",
        b'{"name": "J\\ud800nis"}',
        "application/json",
        {},
        400,
        "invalid_encoding",
        None,
    ),
    (
        "too-many-fields",
        b"&".join([b"channels=TikTok"] * 150),
        FORM_TYPE,
        {},
        400,
        "malformed",
        None,
    ),
    ("huge-body", _form_with(message="x" * 40_000), FORM_TYPE, {}, 413, "too_large", None),
    ("text-plain", _form_with(), "text/plain", {}, 415, "unsupported_media_type", None),
    (
        "xml",
        b"<contact><name>J</name></contact>",
        "application/xml",
        {},
        415,
        "unsupported_media_type",
        None,
    ),
    ("no-content-type", _form_with(), None, {}, 415, "unsupported_media_type", None),
    (
        "latin1-charset",
        _form_with(),
        FORM_TYPE + "; charset=iso-8859-1",
        {},
        415,
        "unsupported_media_type",
        None,
    ),
    ("missing-origin", _form_with(), FORM_TYPE, {"Origin": None}, 403, "cross_site", None),
    (
        "foreign-origin",
        _form_with(),
        FORM_TYPE,
        {"Origin": "https://evil.example"},
        403,
        "cross_site",
        None,
    ),
    (
        "other-port-origin",
        _form_with(),
        FORM_TYPE,
        {"Origin": "http://site.test:8080"},
        403,
        "cross_site",
        None,
    ),
    (
        "subdomain-origin",
        _form_with(),
        FORM_TYPE,
        {"Origin": "http://evil.site.test"},
        403,
        "cross_site",
        None,
    ),
    ("null-origin", _form_with(), FORM_TYPE, {"Origin": "null"}, 403, "cross_site", None),
    (
        "cross-site-fetch",
        _form_with(),
        FORM_TYPE,
        {"Origin": None, "Sec-Fetch-Site": "cross-site"},
        403,
        "cross_site",
        None,
    ),
    (
        "same-site-fetch",
        _form_with(),
        FORM_TYPE,
        {"Origin": None, "Sec-Fetch-Site": "same-site"},
        403,
        "cross_site",
        None,
    ),
]


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    app = make_app(tmp_path_factory.mktemp("bad"))
    return app, app.test_client()


@pytest.mark.parametrize(
    ("body", "content_type", "headers", "status", "code", "field"),
    [case[1:] for case in BAD_REQUESTS],
    ids=[case[0] for case in BAD_REQUESTS],
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


def test_every_error_code_has_a_latvian_message(shared):
    from quote.contact.messages import MESSAGES

    for code, text in MESSAGES.items():
        assert text.endswith("."), code
    assert sum(bool(LATVIAN.search(text)) for text in MESSAGES.values()) > len(MESSAGES) / 2


def test_after_the_table_a_valid_post_still_succeeds(shared):
    _app, client = shared
    response = post(client, _form_with())
    assert response.status_code == 201


def test_get_is_405_with_allow(client):
    response = client.get("/api/contact", headers=JSON_ACCEPT)
    assert response.status_code == 405
    assert response.headers["Allow"] == "POST"
    assert response.get_json()["errors"][0]["code"] == "method_not_allowed"


def test_unknown_api_path_is_404(client):
    response = client.get("/api/nothing", headers=JSON_ACCEPT)
    assert response.status_code == 404
    assert response.get_json()["errors"][0]["code"] == "not_found"


# -- hostile text that is valid: stored verbatim, never rendered ----------------------------

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


# -- the estimate ---------------------------------------------------------------------------


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
    assert stored["period"] == {"gross": 382000, "net": 315702, "vat": 66298}  # 6 x 570 + 400
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


# -- spam -----------------------------------------------------------------------------------


def test_honeypot_hit_gets_the_normal_answer_and_is_kept_as_spam(app, client):
    response = post(client, encode(valid_form(website="https://spam.example")))
    assert response.status_code == 201
    row = store_of(app).get_inquiry(response.get_json()["id"])
    assert row["spam"] == "honeypot"
    assert store_of(app).outbox_for(row["id"]) == []
    redirect = post(client, encode(valid_form(website="x")), accept_json=False)
    assert (redirect.status_code, redirect.headers["Location"]) == (303, "/paldies/")


def numbered(number: int, **changes) -> dict:
    """A valid form with its own message: a different send, not a repeat of the same one."""
    return valid_form(message=f"Labdien! Vēlos piedāvājumu, ziņa Nr. {number}.", **changes)


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
        response = post(client, _json(form), content_type="application/json")
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
    assert result.sent == 1
    files = list((tmp_path / "mail").glob("*.eml"))
    assert [f.name for f in files] == [f"inquiry-{real:06d}-1.eml"]


# -- rate limit -----------------------------------------------------------------------------


def test_sixth_post_in_a_minute_gets_429(tmp_path):
    app = make_app(tmp_path, rate_limit="5 per minute;30 per day")
    client = app.test_client()
    answers = [post(client, encode(numbered(n))).status_code for n in range(6)]
    assert answers == [201] * 5 + [429]
    response = post(client, encode(valid_form()))
    assert response.status_code == 429
    assert response.get_json()["errors"][0]["code"] == "rate_limited"
    assert "Retry-After" in response.headers
    html = post(client, encode(valid_form()), accept_json=False)
    assert html.status_code == 429 and "mēģini vēlreiz" in html.get_data(as_text=True)
    # Another client is not affected; X-Forwarded-For is not trusted by default.
    other = client.post(
        "/api/contact",
        data=encode(valid_form()),
        content_type=FORM_TYPE,
        headers={"Origin": ORIGIN, **JSON_ACCEPT},
        environ_base={"REMOTE_ADDR": "192.0.2.7"},
    )
    assert other.status_code == 201
    spoofed = post(client, encode(valid_form()), headers={"X-Forwarded-For": "198.51.100.1"})
    assert spoofed.status_code == 429
    assert store_of(app).count_inquiries()["inquiries"] == 6


def test_forwarded_for_is_used_behind_a_trusted_proxy(tmp_path):
    app = make_app(tmp_path, rate_limit="1 per minute", trust_proxy=1)
    client = app.test_client()

    def from_client(address):
        return post(client, encode(valid_form()), headers={"X-Forwarded-For": address}).status_code

    assert from_client("198.51.100.1") == 201
    assert from_client("198.51.100.1") == 429
    assert from_client("198.51.100.2") == 201


# -- the Latvian error page without JavaScript ----------------------------------------------


def test_error_page_without_javascript_is_latvian_and_keeps_what_was_typed(client):
    message = "Sveiki! <script>alert('x')</script> Ģirts & Ķeizars 😀\nOtrā rinda"
    form = valid_form(
        email="nav-adrese", message=message, phone="zvani", channels=["Meta", "YouTube"]
    )
    response = post(client, encode(form), accept_json=False)
    assert response.status_code == 422
    assert response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    page = parse(html)  # well-formed: the Nu HTML Checker test below
    assert html.startswith("<!doctype html>")
    assert page.css_first("html").attributes["lang"] == "lv"
    assert len(page.css("h1")) == 1
    assert page.css("script") == []  # the visitor's <script> is text, not markup
    ids = [node.attributes["id"] for node in page.css("[id]")]
    assert len(ids) == len(set(ids))
    for link in page.css('a[href^="#"]'):
        assert link.attributes["href"][1:] in ids, link.attributes["href"]
    assert 'href="/theme/css/site.css"' in html
    # Each problem listed, in Latvian.
    assert "Lūdzu, ieraksti derīgu e-pasta adresi" in html
    assert "Tālruņa numurā drīkst būt tikai cipari" in html
    # The form posts again to the same action, filled in with what was sent.
    assert [form.attributes for form in page.css("form")] == [
        {
            "id": "kontaktforma",
            "class": "contact-form",
            "method": "post",
            "action": "/api/contact",
            "accept-charset": "utf-8",
        }
    ]

    def value(name: str) -> str | None:
        return page.css_first(f'input[name="{name}"]').attributes["value"]

    assert value("name") == "Jānis Bērziņš"
    assert value("email") == "nav-adrese"
    assert page.css_first('input[name="email"]').attributes["aria-invalid"] == "true"
    assert value("phone") == "zvani"
    assert value("company") == "SIA Piemērs"
    assert value("quote") == "content=2&community=1&months=3"
    checked = [node.attributes["value"] for node in page.css('input[name="channels"][checked]')]
    assert checked == ["Meta", "YouTube"]
    # An HTML parser drops the newline right after <textarea>: the message keeps its own.
    assert page.css_first('textarea[name="message"]').text() == message
    assert value("website") == ""


def test_error_page_for_other_errors_is_latvian_html(client):
    response = post(client, b"<x/>", content_type="application/xml", accept_json=False)
    assert response.status_code == 415
    html = response.get_data(as_text=True)
    assert parse(html).css_first("h1").text() == "Formu neizdevās nosūtīt"
    assert "Neatbalstīts datu formāts" in html
    assert 'href="/#kontakti"' in html


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


def test_error_pages_are_valid_html_per_the_nu_checker(client, tmp_path):
    """The Nu HTML Checker (vnu-jar from npm, run with the machine's Java) finds no error."""
    import subprocess

    checker = vnu_command()
    form = valid_form(email="x", message="<script>alert(1)</script>", channels=["Meta"])
    pages = {
        "422.html": post(client, encode(form), accept_json=False),
        "403.html": post(client, encode(form), accept_json=False, headers={"Origin": None}),
        "415.html": post(client, b"x", content_type="text/plain", accept_json=False),
        "404.html": client.get("/api/nothing"),
    }
    files = []
    for name, response in pages.items():
        path = tmp_path / name
        path.write_bytes(response.get_data())
        files.append(str(path))
    result = subprocess.run(
        [*checker, "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=120,
    )
    report = json.loads(result.stderr or result.stdout)
    errors = [m for m in report["messages"] if m.get("type") in ("error", "non-document-error")]
    assert errors == []


# -- one inquiry per send ---------------------------------------------------------------------

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


class _Latvian:
    def __eq__(self, other) -> bool:
        return isinstance(other, str) and bool(LATVIAN.search(other))


ANY_LATVIAN = _Latvian()


# -- the limits count accepted sends; refused posts have their own cap ----------------------


def test_refused_posts_do_not_use_the_visitors_quota(tmp_path):
    app = make_app(tmp_path, rate_limit="5 per minute", refused_rate_limit="8 per minute")
    client = app.test_client()
    refused = [
        post(client, encode(valid_form()), headers={"Origin": "https://cits.example"}),
        post(client, encode(valid_form(email="nav-adrese"))),
        post(client, encode(valid_form(message="īsa"))),
        post(client, b"name=%FF", content_type=FORM_TYPE),
        post(client, b"{}", content_type="text/plain"),
    ]
    assert [r.status_code for r in refused] == [403, 422, 422, 400, 415]
    accepted = [post(client, encode(numbered(n))).status_code for n in range(4)]
    repeat = post(client, encode(numbered(3)))  # a repeat answers as before, counts nothing
    accepted.append(post(client, encode(numbered(4))).status_code)
    assert accepted == [201] * 5 and repeat.status_code == 201
    assert post(client, encode(numbered(5))).status_code == 429


def test_a_flood_of_refused_posts_ends_in_429(tmp_path):
    app = make_app(tmp_path, rate_limit="5 per minute", refused_rate_limit="8 per minute")
    client = app.test_client()
    answers = [post(client, encode(valid_form(email="nav"))).status_code for _ in range(10)]
    assert answers == [422] * 8 + [429] * 2
    assert post(client, encode(valid_form())).status_code == 429  # until the minute is over
    assert store_of(app).count_inquiries()["inquiries"] == 0


def test_visitor_address_is_stored_and_logged(tmp_path, caplog):
    app = make_app(tmp_path, trust_proxy=1)
    client = app.test_client()
    caplog.set_level("INFO", logger="quote.contact.app")
    response = post(client, encode(valid_form()), headers={"X-Forwarded-For": "203.0.113.9"})
    row = store_of(app).get_inquiry(response.get_json()["id"])
    assert row["client_address"] == "203.0.113.9"
    assert f"inquiry {row['id']} from 203.0.113.9 stored" in caplog.text


def test_trusted_proxy_without_forwarded_for_is_logged_once(tmp_path, caplog):
    app = make_app(tmp_path, trust_proxy=1)
    client = app.test_client()
    for number in range(2):
        assert post(client, encode(numbered(number))).status_code == 201
    warnings = [r for r in caplog.records if "without X-Forwarded-For" in r.getMessage()]
    assert len(warnings) == 1
