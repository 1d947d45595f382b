"""The endpoint speaks the form's language: messages through the site's catalogs, the languages
and thank-you pages learnt from the build, the stored language and the owner's Latvian mail.

The real server and nginx are in tests/test_production.py; here Flask's test client, the store
and the messages alone. Expected texts are written by hand.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from quote.contact.config import WebSettings
from quote.contact.languages import LanguageSource
from quote.contact.mailer import render_body
from quote.contact.messages import MESSAGES, TITLES, message_for, title_for
from quote.contact.store import MIGRATIONS, SCHEMA_VERSION, NewInquiry, Store
from quote.i18n import CATALOGS, FORM_LANGUAGES_FILE, SOURCE_LANG, catalog_path, translations_of
from quote.offers.report import csv_header, csv_row
from tests.support.contact import ORIGIN, encode, english_form, make_app
from tests.support.contact import post as post_body

LATVIAN_LETTERS = re.compile(r"[āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ]")
EN = translations_of(CATALOGS, "en")
MANIFEST = {
    "default": "lv",
    "languages": {
        "lv": {"thanks_url": "/paldies/", "form_url": "/#kontakti"},
        "en": {"thanks_url": "/en/thank-you/", "form_url": "/en/#kontakti"},
    },
}


# -- messages per language ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "code", "latvian", "english"),
    [
        (
            "name",
            "too_long",
            "Vārds ir pārāk garš: atļautas ne vairāk kā 100 rakstzīmes.",
            "The name is too long: at most 100 characters are allowed.",
        ),
        (
            "message",
            "too_short",
            "Ziņa ir pārāk īsa: uzraksti vismaz 10 rakstzīmes.",
            "The message is too short: please write at least 10 characters.",
        ),
        (
            "channels",
            "invalid_channel",
            "Izvēlies kanālus no saraksta: TikTok, Meta, LinkedIn, YouTube.",
            "Choose channels from the list: TikTok, Meta, LinkedIn, YouTube.",
        ),
        (
            "email",
            "required",
            "Lūdzu, ieraksti savu e-pasta adresi.",
            "Please enter your email address.",
        ),
        ("phone", "required", "Lūdzu, aizpildi šo lauku.", "Please fill in this field."),
        (
            None,
            "cross_site",
            "Formu var nosūtīt tikai no šīs vietnes lapas.",
            "The form can only be sent from a page of this site.",
        ),
    ],
)
def test_a_message_in_latvian_and_in_english(field, code, latvian, english):
    assert message_for(field, code) == latvian
    assert message_for(field, code, EN) == english


def test_every_message_and_heading_has_an_english_text():
    fields = [None, "name", "email", "phone", "company", "channels", "message"]
    for code in MESSAGES:
        for field in fields:
            text = message_for(field, code, EN)
            assert text != message_for(field, code), (field, code)
            assert not LATVIAN_LETTERS.search(text) and "%(" not in text, (field, code, text)
    for status in TITLES:
        assert title_for(status, EN) != title_for(status)
        assert not LATVIAN_LETTERS.search(title_for(status, EN))


# -- the site's languages, from the build ---------------------------------------------------------


def web(site: Path, **values) -> WebSettings:
    return WebSettings(site_origin=ORIGIN, site=site, **values)


def write_manifest(site: Path, data: dict) -> None:
    path = site / FORM_LANGUAGES_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")


def test_without_a_build_the_form_speaks_the_default_language_only(tmp_path):
    languages = LanguageSource(web(tmp_path), CATALOGS).get()
    assert languages.codes == (SOURCE_LANG,)
    assert (languages.default.thanks_url, languages.default.form_url) == ("/paldies/", "/#kontakti")
    assert languages.get("en") is languages.default


def test_the_build_names_the_languages_and_their_pages(tmp_path):
    write_manifest(tmp_path, MANIFEST)
    languages = LanguageSource(web(tmp_path), CATALOGS).get()
    assert languages.codes == ("lv", "en")
    english = languages.get("en")
    assert (english.thanks_url, english.form_url) == ("/en/thank-you/", "/en/#kontakti")
    assert english.translations.gettext("Ziņa") == "Message"
    assert languages.get(" EN ") is english


@pytest.mark.parametrize("sent", [None, "", "xx", "ru", 5, ["en"], "en-GB"])
def test_an_unknown_or_missing_language_is_the_default(tmp_path, sent):
    write_manifest(tmp_path, MANIFEST)
    languages = LanguageSource(web(tmp_path), CATALOGS).get()
    assert languages.get(sent).code == "lv"
    pairs = [("name", "A")] + ([("lang", sent)] if sent is not None else [])
    assert languages.of_form(pairs).code == "lv"


def test_settings_given_win_for_the_default_language(tmp_path):
    write_manifest(tmp_path, MANIFEST)
    languages = LanguageSource(web(tmp_path, thanks_url="/paldies/?ok=1"), CATALOGS).get()
    assert languages.default.thanks_url == "/paldies/?ok=1"
    assert languages.default.form_url == "/#kontakti"  # not given: the build's
    assert languages.get("en").thanks_url == "/en/thank-you/"


@pytest.mark.parametrize(
    "broken",
    [
        "not json",
        {"default": "lv", "languages": {"lv": {"thanks_url": "https://evil.example/"}}},
        {"default": "lv", "languages": {"lv": {"thanks_url": "//evil.example/", "form_url": "/"}}},
        {"default": "en", "languages": MANIFEST["languages"]},
        {"default": "lv", "languages": {"lv": MANIFEST["languages"]["lv"], "zz-nope": {}}},
    ],
)
def test_a_broken_file_never_redirects_elsewhere_and_keeps_the_default(tmp_path, broken, caplog):
    path = tmp_path / FORM_LANGUAGES_FILE
    path.parent.mkdir(parents=True)
    path.write_text(broken if isinstance(broken, str) else json.dumps(broken), encoding="utf-8")
    languages = LanguageSource(web(tmp_path), CATALOGS).get()
    assert languages.codes == ("lv",) and languages.default.thanks_url == "/paldies/"
    assert str(path) in caplog.text


def test_the_file_is_read_again_when_a_build_changes_it(tmp_path):
    source = LanguageSource(web(tmp_path), CATALOGS)
    assert source.get().codes == ("lv",)
    write_manifest(tmp_path, MANIFEST)
    assert source.get().codes == ("lv", "en")


# -- through the app ------------------------------------------------------------------------------


@pytest.fixture
def site(tmp_path) -> Path:
    write_manifest(tmp_path / "site", MANIFEST)
    return tmp_path / "site"


def post(app, form: dict, *, json_answer: bool = True, **headers):
    """A post of `form` as the page sends it, answered as JSON or (without JavaScript) as HTML."""
    headers = {"Accept": "application/json" if json_answer else "text/html", **headers}
    return post_body(app.test_client(), encode(form), headers=headers, accept_json=False)


def stored(app) -> list[dict]:
    return app.extensions["quote_contact"].store.list_inquiries(spam=False)


def test_an_english_form_error_in_json_and_on_the_page(tmp_path, site):
    app = make_app(tmp_path, site=site)
    answer = post(app, english_form(name="", message="Too short"))
    assert answer.status_code == 422
    assert answer.get_json()["errors"] == [
        {"field": "name", "code": "required", "message": "Please enter your name."},
        {
            "field": "message",
            "code": "too_short",
            "message": "The message is too short: please write at least 10 characters.",
        },
    ]
    page = post(app, english_form(phone="abc"), json_answer=False)
    assert page.status_code == 422 and page.headers["Content-Language"] == "en"
    html = page.get_data(as_text=True)
    assert '<html lang="en">' in html and "<title>Please check the form</title>" in html
    assert (
        '<a href="#kf-phone">Phone</a>: A phone number may contain only digits, spaces and the '
        "characters + - ( )."
    ) in html
    assert '<a class="brand" href="/en/">Home</a>' in html
    assert '<input type="hidden" name="lang" value="en">' in html
    assert not LATVIAN_LETTERS.search(html.split("<form", 1)[0])
    assert stored(app) == []


def test_an_unknown_field_is_named_in_english_quotes(tmp_path, site):
    app = make_app(tmp_path, site=site)
    page = post(app, {**english_form(), "bogus": "x"}, json_answer=False)
    assert page.status_code == 422
    assert "<li>“bogus”: The form has no such field.</li>" in page.get_data(as_text=True)


def test_a_good_english_post_goes_to_the_english_thank_you_page(tmp_path, site):
    app = make_app(tmp_path, site=site)
    answer = post(app, english_form(), json_answer=False)
    assert (answer.status_code, answer.headers["Location"]) == (303, "/en/thank-you/")
    (row,) = stored(app)
    assert row["lang"] == "en"
    assert "Valoda: angļu (en)" in render_body(row)


def test_a_language_sent_oddly_is_never_a_refusal(tmp_path, site):
    app = make_app(tmp_path, site=site)
    twice = post(app, {**english_form(email="a@example.com"), "lang": ["en", "lv"]})
    assert twice.status_code == 201
    as_json = app.test_client().post(
        "/api/contact",
        json={**english_form(email="b@example.com"), "lang": 7},
        headers={"Origin": ORIGIN, "Accept": "application/json"},
    )
    assert as_json.status_code == 201
    assert [row["lang"] for row in stored(app)] == ["lv", "en"]  # newest first


def test_answers_before_the_form_is_read_follow_accept_language(tmp_path, site):
    app = make_app(tmp_path, site=site)
    answer = post(
        app, english_form(), Origin="https://elsewhere.example", **{"Accept-Language": "en"}
    )
    assert answer.status_code == 403
    assert answer.get_json()["errors"][0]["message"] == (
        "The form can only be sent from a page of this site."
    )
    latvian = post(app, english_form(), Origin="https://elsewhere.example")
    assert latvian.get_json()["errors"][0]["message"] == (
        "Formu var nosūtīt tikai no šīs vietnes lapas."
    )


def test_a_third_language_needs_a_catalog_and_the_build_only(tmp_path):
    # A tiny Russian, as the owner would add it: a catalog and the build's file, no code.
    catalogs = tmp_path / "translations"
    shutil.copytree(CATALOGS, catalogs)
    russian = catalog_path(catalogs, "ru")
    russian.parent.mkdir(parents=True)
    russian.write_text(
        catalog_path(catalogs, "en")
        .read_text(encoding="utf-8")
        .replace('msgstr "Please enter your name."', 'msgstr "Пожалуйста, введите своё имя."'),
        encoding="utf-8",
    )
    site = tmp_path / "site"
    write_manifest(
        site,
        {
            "default": "lv",
            "languages": {
                **MANIFEST["languages"],
                "ru": {"thanks_url": "/ru/spasibo/", "form_url": "/ru/#kontakti"},
            },
        },
    )
    app = make_app(tmp_path, site=site, catalogs=catalogs)
    refused = post(app, english_form(name="", lang="ru"))
    assert refused.get_json()["errors"][0]["message"] == "Пожалуйста, введите своё имя."
    answer = post(app, english_form(lang="ru"), json_answer=False)
    assert answer.headers["Location"] == "/ru/spasibo/"
    (row,) = stored(app)
    assert row["lang"] == "ru"
    assert "Valoda: krievu (ru)" in render_body(row)


# -- the stored language --------------------------------------------------------------------------


def test_an_old_database_upgrades_and_its_inquiries_read_as_latvian(tmp_path):
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as conn:
        for script in MIGRATIONS[:3]:
            conn.executescript(script)
        conn.execute("PRAGMA user_version = 3")
        conn.execute(
            "INSERT INTO inquiry (created_at, name, email, message, channels)"
            " VALUES ('2026-11-01T10:00:00.000Z', 'Anna', 'anna@piemers.lv', 'Labdien!', '[]')"
        )
    conn.close()
    store = Store(path)
    assert store.migrate() == 3 and store.version() == SCHEMA_VERSION
    (old,) = store.list_inquiries(spam=False)
    assert old["lang"] == "lv" == SOURCE_LANG
    new = store.add_inquiry(
        NewInquiry("Jane", "jane@example.com", None, None, (), "Hello there!", lang="en"),
        notify=True,
    )
    assert store.get_inquiry(new)["lang"] == "en"
    assert store.get_inquiry(old["id"])["lang"] == "lv"


def test_the_export_names_the_language():
    record = {
        "id": 3,
        "created_at": "2026-11-30T08:00:00.000Z",
        "spam": None,
        "name": "Jane",
        "email": "jane@example.com",
        "phone": None,
        "company": None,
        "channels": [],
        "message": "Hello there!",
        "lang": "en",
        "estimate": None,
    }
    header = csv_header([], with_spam=False)
    row = csv_row(
        record,
        [],
        with_spam=False,
        status_label="jauns",
        status_note=None,
        price_list="",
        offers=[],
    )
    assert dict(zip(header, row, strict=True))["Valoda"] == "angļu (en)"
