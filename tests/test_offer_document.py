"""An offer worth sending: the owner's texts, service descriptions, the client's details, services
chosen by hand, the inquiry's language, a layout that fits real data, nothing internal printed.

Inquiries are posted to a real endpoint process (pricing with the fixture price list, its form
languages Latvian and English); ``quote offer`` runs as a command on a copy of its database, and
the PDF is read with poppler's ``pdftotext``. Every euro is written by hand from
tests/fixtures/site/pricing.yaml (VAT 21 %); the offer's words are the fixture site's
(tests/fixtures/site/content/offer/).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import time
from datetime import date
from pathlib import Path

import pytest

from tests.support import FIXTURE_PRICING, ROOT, ServerProcess
from tests.support.offers import (
    OWNER_FILLED,
    flat,
    pdftotext,
    quote_on,
    word_boxes,
    write_settings,
)

ORIGIN = "http://site.test"
JSON_HEADERS = {"Origin": ORIGIN, "Accept": "application/json", "Content-Type": "application/json"}
LONG_NAME = "Ā" * 50 + "B" * 50  # 100 characters without a space: the form's longest name
LONG_COMPANY = "SIA" + "Ž" * 197  # 200 characters without a space
PLAIN = {
    "name": "Kārlis Kalniņš 🚀",
    "email": "karlis@piemers.lv",
    "message": "Vajag palīdzību ar Instagram, bet kalkulatoru neizmantoju.",
    "website": "",
}
LONG = {
    "name": LONG_NAME,
    "email": "garais@piemers.lv",
    "company": "Ozoli 🌳",
    "message": "Garš vārds.",
    "quote": "content=1&months=3",
    "website": "",
}
ENGLISH = {
    "name": "Jane Smith",
    "email": "jane@example.co.uk",
    "company": "Smith & Co",
    "message": "Hello, we would like an offer.",
    "quote": "content=2&community=1&months=6",
    "lang": "en",
    "website": "",
}
FORM_LANGUAGES = {
    "default": "lv",
    "languages": {
        "lv": {"thanks_url": "/paldies/", "form_url": "/#kontakti"},
        "en": {"thanks_url": "/en/thank-you/", "form_url": "/en/#kontakti"},
    },
}


@pytest.fixture(scope="module")
def posted(tmp_path_factory) -> dict:
    """Three inquiries posted to a real endpoint: its database and their ids."""
    var = tmp_path_factory.mktemp("endpoint")
    site = var / "site"
    (site / "data").mkdir(parents=True)
    (site / "data" / "form-languages.json").write_text(json.dumps(FORM_LANGUAGES))
    env = {
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        "QUOTE_SITE_ORIGIN": ORIGIN,
        "QUOTE_SITE": str(site),
        "QUOTE_DB": str(var / "inquiries.sqlite3"),
        "QUOTE_MAIL_DIR": str(var / "mail"),
        "QUOTE_PRICING": str(FIXTURE_PRICING),
        "QUOTE_RATE_LIMIT": "1000 per minute",
    }
    ids = {}
    with ServerProcess(env, cwd=var) as server:
        for key, data in (("plain", PLAIN), ("long", LONG), ("english", ENGLISH)):
            sent = {**data, "ts": str(int(time.time() * 1000) - 30_000)}
            response = server.post(json.dumps(sent).encode(), JSON_HEADERS)
            assert response.status == 201, response.body
            ids[key] = response.json()["id"]
    return {"db": var / "inquiries.sqlite3", **ids}


@pytest.fixture
def scratch(posted, tmp_path) -> Path:
    copy = tmp_path / "inquiries.sqlite3"
    with sqlite3.connect(posted["db"]) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    return copy


@pytest.fixture
def settings(tmp_path) -> Path:
    return write_settings(tmp_path / "site", OWNER_FILLED)


def offer_pdf(db: Path, inquiry_id: int) -> Path:
    [pdf] = (db.parent / "offers" / str(inquiry_id)).glob("*.pdf")
    return pdf


def test_an_inquiry_without_a_selection_gets_hand_picked_services_with_a_discount(
    posted, scratch, settings
):
    plain = str(posted["plain"])
    refused = quote_on(scratch, "offer", plain, "--settings", str(settings), check=False)
    assert refused.returncode == 1
    assert "--service content=2" in refused.stderr  # says how, instead of "nav aprēķina"

    out = quote_on(
        scratch, "offer", plain, "--settings", str(settings),
        "--service", "content=1", "--service", "community", "--service", "consultation=2",
        "--service", "months=4", "--discount", "15",
        "--company", "SIA „Kalniņi”", "--reg-no", "40003000111",
        "--address", "Krasta iela 5, Jelgava, LV-3001",
    ).stdout  # fmt: skip
    year = date.today().year
    assert f"Piedāvājums Nr. {year}-001" in out
    # -layout keeps each table row on one line
    text = flat(pdftotext(offer_pdf(scratch, posted["plain"]), "-layout"))
    # 350 + 120 a month, less 15 % (70,50); 2 × 80 once, less 15 % (24); the first month and
    # the period add up the monthly and one-time figures (net and VAT each)
    for line in (
        "Satura plāns un publicēšana, 1. līmenis",
        "Kopienas pārvaldīšana 1 120 € / mēn. 120 € / mēn. Komentāri, ziņas un moderēšana",
        "Digitālā mārketinga konsultācija (1:1) 2 80 € / st. 160 €",
        "Summa 470 € / mēn. Atlaide 15 % −70,50 € / mēn. Kopā 399,50 € / mēn.",
        "Summa 160 € Atlaide 15 % −24 € Kopā 136 €",
        "Vienreizējie maksājumi 112,40 € 23,60 € 136 €",
        "Ikmēneša maksājums 330,17 € 69,33 € 399,50 €",
        "Pirmā mēneša maksājums 442,57 € 92,93 € 535,50 €",
        "Kopā par 4 mēnešiem 1 433,08 € 300,92 € 1 734 €",
    ):
        assert line in text, line
    # The client's details given on the command line, and kept with the offer.
    for fact in ("SIA „Kalniņi”", "40003000111", "Krasta iela 5, Jelgava, LV-3001", "Kārlis"):
        assert fact in text, fact
    with sqlite3.connect(scratch) as conn:
        kept = conn.execute("SELECT client_json, quote_query FROM offer").fetchone()
    assert json.loads(kept[0]) == {
        "company": "SIA „Kalniņi”",
        "reg_no": "40003000111",
        "address": "Krasta iela 5, Jelgava, LV-3001",
    }
    assert kept[1] == "content=1&community=1&consultation=2&months=4"


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("seo=1", "nav tāda pakalpojuma 'seo'"),
        ("content=9", "norādiet līmeni, piemēram content=1"),
        ("influencer=0", "skaitam jābūt no 1 līdz 99"),
        ("months=13", "mēnešu skaitam jābūt no 1 līdz 12"),
        ("community=2", "šim pakalpojumam nav līmeņu"),
    ],
)
def test_a_wrong_service_is_named_and_takes_no_number(posted, scratch, settings, spec, message):
    args = ("offer", str(posted["plain"]), "--settings", str(settings), "--service", spec)
    result = quote_on(scratch, *args, check=False)
    assert result.returncode == 1, result.stdout
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    with sqlite3.connect(scratch) as conn:
        assert conn.execute("SELECT COUNT(*) FROM offer").fetchone()[0] == 0
    assert not (scratch.parent / "offers" / str(posted["plain"])).exists()


def test_a_package_with_its_own_parts_is_refused(posted, scratch, settings):
    args = ("--service", "full-package=1", "--service", "content=2")
    result = quote_on(
        scratch, "offer", str(posted["plain"]), "--settings", str(settings), *args, check=False
    )
    assert result.returncode == 1 and "paketē jau ir iekļauts" in result.stderr


def test_the_offer_carries_the_owner_words_and_descriptions_and_nothing_internal(
    posted, scratch, settings
):
    quote_on(scratch, "offer", str(posted["long"]), "--settings", str(settings))
    pdf = offer_pdf(scratch, posted["long"])
    text = flat(pdftotext(pdf))
    # The fixture's intro (placeholders filled), terms and signature; its comment is not printed.
    greeting = f"Labdien, {LONG_NAME}! Paldies par uzticēšanos uzņēmumam Ozoli 🌳."
    assert greeting.replace(" ", "") in text.replace(" ", "")  # the long name wraps
    assert "Šī piezīme" not in text
    for line in (
        "Sadarbības noteikumi",
        "Apmaksa: 14 dienu laikā pēc rēķina saņemšanas.",
        "Minimālais periods: 3 mēneši; uzteikuma termiņš 30 dienas.",
        "Nav iekļauts: reklāmu budžets.",
        "Ar cieņu, Anna Bērziņa",
    ):
        assert line in text, line
    # The service's description from the price list, under its line.
    assert "Regulāra satura plānošana un publicēšana" in text or "Satura kalendāra" in text
    # Nothing internal: no inquiry number, no price-list version; the date a client understands.
    assert "Pieprasījums" not in text
    assert "versija" not in text and "Cenrādis:" not in text
    assert "Cenas pēc cenrāža, kas spēkā no " in text
    # Addresses whole on one line, as printed (pdftotext -layout keeps the lines).
    layout = pdftotext(pdf, "-layout")
    for whole in (OWNER_FILLED["email"], "socialo-tiklu-parvaldisana.lv", OWNER_FILLED["iban"]):
        assert any(whole in line for line in layout.splitlines()), whole


def test_long_words_wrap_inside_the_page_and_emoji_are_drawn(posted, scratch, settings):
    quote_on(
        scratch, "offer", str(posted["long"]), "--settings", str(settings),
        "--company", LONG_COMPANY + " 😀",
    )  # fmt: skip
    pdf = offer_pdf(scratch, posted["long"])
    width, words = word_boxes(pdf)
    outside = [(word, x1) for word, _, x1 in words if x1 > width - 10]
    assert not outside, outside
    text = pdftotext(pdf).replace("\n", "")
    assert LONG_COMPANY in text  # wrapped across lines, every letter kept
    assert LONG_NAME in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "Noto-Color-Emoji" in fonts  # an emoji font draws them: no empty boxes
    assert "😀" in text


def test_an_english_inquiry_gets_an_english_offer(posted, scratch, settings):
    out = quote_on(scratch, "offer", str(posted["english"]), "--settings", str(settings)).stdout
    assert "Valoda: en" in out
    pdf = offer_pdf(scratch, posted["english"])
    assert pdf.name.startswith("offer-")
    text = flat(pdftotext(pdf))
    # content 2 (450) + community (120) a month, for 6 months
    for line in (
        f"Offer No. {date.today().year}-001",
        "Dear Jane Smith, thank you for trusting us with Smith & Co.",
        "Content plan and publishing, level 2",
        "2 channels, 10 posts each, 2 revision rounds",
        "Community management",
        "Comments, messages and moderation in one consistent tone.",
        "Monthly payment €471.07 €98.93 €570",
        "Total for 6 months €2,826.42 €593.58 €3,420",
        "Terms of work",
        "Payment: within 14 days of the invoice.",
        "Kind regards, Anna Bērziņa",
        "Prices include VAT.",
    ):
        assert line in text, line
    for latvian in ("Piedāvājums", "Kopā", "Derīgs", "līmenis", "Kopienas"):
        assert latvian not in text, latvian
    link = "https://socialo-tiklu-parvaldisana.lv/en/?content=2&community=1&months=6#kalkulators"
    assert link in text.replace(" ", "")


# -- sending --------------------------------------------------------------------------------------


@pytest.fixture
def sink():
    from tests.support import SmtpSink

    with SmtpSink() as server:
        yield server


def to_client(sink, address: str) -> list:
    """The messages the sink took for ``address`` (the owner's pending notifications may go out
    in the same outbox pass)."""
    from email import message_from_bytes
    from email.policy import default

    return [
        message_from_bytes(data, policy=default)
        for data, (_, recipients) in zip(sink.messages, sink.envelopes, strict=True)
        if recipients == [address]
    ]


def smtp_env(sink) -> dict:
    return {
        "QUOTE_SMTP_HOST": "127.0.0.1",
        "QUOTE_SMTP_PORT": str(sink.port),
        "QUOTE_SMTP_SECURITY": "none",
        "QUOTE_MAIL_FROM": "Vietne <vietne@socialo-tiklu-parvaldisana.lv>",
        "QUOTE_MAIL_TO": OWNER_FILLED["email"],
    }


def test_send_mails_the_client_the_pdf_and_the_page_link(posted, scratch, settings, sink, tmp_path):
    args = ("offer", str(posted["long"]), "--settings", str(settings), "--send")
    out = quote_on(scratch, *args, env=smtp_env(sink)).stdout
    assert "Nosūtīts klientam uz garais@piemers.lv: 250 2.0.0 Ok: queued as" in out
    [message] = to_client(sink, "garais@piemers.lv")  # to the client, not the owner
    number = f"{date.today().year}-001"
    assert message["Subject"] == f"Piedāvājums Nr. {number} – Anna Bērziņa"
    assert message["Reply-To"] == OWNER_FILLED["email"]
    assert message["To"] == "garais@piemers.lv"
    body = message.get_body(("plain",)).get_content()
    assert f"Labdien, {LONG_NAME}!" in body
    assert f"Pielikumā ir piedāvājums Nr. {number} (PDF)." in body
    [link] = [line for line in body.splitlines() if "/piedavajums/" in line]
    token = link.removeprefix("https://socialo-tiklu-parvaldisana.lv/piedavajums/").rstrip("/")
    assert len(token) >= 22 and token.replace("-", "").replace("_", "").isalnum()  # ≥ 128 bits
    assert link in out
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename() == f"piedavajums-{number}.pdf"
    pdf = tmp_path / "attached.pdf"
    pdf.write_bytes(attachment.get_content())
    assert f"Piedāvājums Nr. {number}" in flat(pdftotext(pdf))

    import hashlib

    with sqlite3.connect(scratch) as conn:
        stored, sent_at = conn.execute("SELECT token_sha256, sent_at FROM offer").fetchone()
        queued = conn.execute(
            "SELECT recipients FROM outbox WHERE message IS NOT NULL AND inquiry_id = ?",
            (posted["long"],),
        ).fetchall()
    assert stored == hashlib.sha256(token.encode()).hexdigest()  # only its digest is kept
    assert sent_at
    assert queued == [('["garais@piemers.lv"]',)]  # kept with the inquiry, erased with it
    show = quote_on(scratch, "inquiries", "show", str(posted["long"])).stdout
    assert "Statuss: piedāvājums nosūtīts" in show

    again = quote_on(scratch, "offer", str(posted["long"]), "--settings", str(settings),
                     "--send", env=smtp_env(sink))  # fmt: skip
    assert f"Nr. {date.today().year}-002" in again.stdout  # a new version, a new token
    second = to_client(sink, "garais@piemers.lv")[1].get_body(("plain",))
    assert token not in second.get_content()


def test_an_english_inquiry_is_sent_in_english(posted, scratch, settings, sink):
    args = ("offer", str(posted["english"]), "--settings", str(settings), "--send")
    quote_on(scratch, *args, env=smtp_env(sink))
    [message] = to_client(sink, "jane@example.co.uk")
    assert message["Subject"] == f"Offer No. {date.today().year}-001 – Anna Bērziņa"
    body = message.get_body(("plain",)).get_content()
    assert "Hello Jane Smith," in body
    assert "https://socialo-tiklu-parvaldisana.lv/en/offer/" in body
    assert "Labdien" not in body
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename().startswith("offer-")


def test_without_an_smtp_server_the_owner_is_told_the_client_got_nothing(posted, scratch, settings):
    args = ("offer", str(posted["long"]), "--settings", str(settings), "--send")
    result = quote_on(scratch, *args, check=False, env={"QUOTE_SMTP_HOST": ""})
    assert result.returncode == 1
    assert "SMTP serveris nav iestatīts" in result.stderr
    assert "klients to nesaņēma" in result.stderr
