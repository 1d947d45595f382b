"""The contact form as the endpoint tests post it: a valid send with changes, an app on the
fixture price list in a temporary folder, and a post through Flask's test client.

The real server behind nginx is in tests/test_production.py; these factories are for the tests of
the app itself, each of which changes one thing about a send that is otherwise valid."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlencode

from quote.contact import ContactConfig, create_app
from quote.contact.store import Store
from tests.support import FIXTURE_PRICING

ORIGIN = "http://site.test"
JSON_ACCEPT = {"Accept": "application/json"}
FORM_TYPE = "application/x-www-form-urlencoded"
LATVIAN = re.compile(r"[āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ]")

LATVIAN_SEND = {
    "name": "Jānis Bērziņš",
    "email": "janis@piemers.lv",
    "phone": "+371 2000 0000",
    "company": "SIA Piemērs",
    "channels": ["TikTok", "LinkedIn"],
    "message": "Labdien! Vēlos sakārtot mūsu sociālos tīklus.",
    "quote": "content=2&community=1&months=3",
    "website": "",
}
ENGLISH_SEND = {
    "name": "Jane Doe",
    "email": "jane@example.com",
    "channels": ["LinkedIn"],
    "message": "Hello! We would like help with LinkedIn.",
    "quote": "content=2&months=3",
    "website": "",
    "lang": "en",
}


def changed(form: dict, changes: dict) -> dict:
    """`form` with `changes` applied; a change to None removes the field."""
    result = {**form, **changes}
    return {key: value for key, value in result.items() if value is not None}


def valid_form(**changes) -> dict:
    """A valid send from the Latvian page, with `changes`."""
    return changed(LATVIAN_SEND, changes)


def english_form(**changes) -> dict:
    """A valid send from the English page, with `changes`."""
    return changed(ENGLISH_SEND, changes)


def numbered(number: int, **changes) -> dict:
    """A valid form with its own message: a different send, not a repeat of the same one."""
    return valid_form(message=f"Labdien! Vēlos piedāvājumu, ziņa Nr. {number}.", **changes)


def encode(form: dict) -> bytes:
    return urlencode(form, doseq=True).encode()


def as_json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode()


def make_app(tmp_path: Path, **overrides):
    """The endpoint on the fixture price list, its store and mail in `tmp_path`; limits high
    enough that only a test of the limits meets them."""
    settings = {
        "site_origin": ORIGIN,
        "db": tmp_path / "inquiries.sqlite3",
        "mail_dir": tmp_path / "mail",
        "pricing": FIXTURE_PRICING,
        "rate_limit": "10000 per minute",
        "refused_rate_limit": "10000 per minute",
        **overrides,
    }
    return create_app(ContactConfig.of(**settings))


def store_of(app) -> Store:
    return app.extensions["quote_contact"].store


def post(client, body: bytes, *, content_type=FORM_TYPE, headers=None, accept_json=True):
    """POST `body` to the endpoint from the site's origin; a header given as None is left out."""
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


class _Latvian:
    def __eq__(self, other) -> bool:
        return isinstance(other, str) and bool(LATVIAN.search(other))


ANY_LATVIAN = _Latvian()  # equal to any text with a Latvian letter: an error's message
