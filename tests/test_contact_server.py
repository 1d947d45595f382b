"""The endpoint as a real server process on 127.0.0.1 with a real SMTP server: delivery, faults.

All traffic goes to 127.0.0.1 only, bounded in count and time.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from email import policy
from email.parser import BytesParser
from pathlib import Path
from urllib.parse import urlencode

import pytest

from quote.contact.store import Store
from tests.support import (
    FIXTURE_PRICING,
    ROOT,
    ServerProcess,
    SmtpSink,
    free_port,
    http_request,
    wait_until,
)

ORIGIN = "http://site.test"
NBSP = "\u00a0"
JSON_HEADERS = {
    "Origin": ORIGIN,
    "Accept": "application/json",
    "Content-Type": "application/json",
}
FORM_HEADERS = {"Origin": ORIGIN, "Content-Type": "application/x-www-form-urlencoded"}


def environment(tmp_path: Path, smtp_port: int | None = None, **extra: str) -> dict[str, str]:
    env = {
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        "QUOTE_SITE_ORIGIN": ORIGIN,
        "QUOTE_DB": str(tmp_path / "inquiries.sqlite3"),
        "QUOTE_MAIL_DIR": str(tmp_path / "mail"),
        "QUOTE_PRICING": str(FIXTURE_PRICING),
        "QUOTE_RATE_LIMIT": "1000 per minute",
        "QUOTE_OUTBOX_RETRY_BASE": "0.1",
        "QUOTE_OUTBOX_RETRY_MAX": "0.4",
        "QUOTE_OUTBOX_POLL": "0.5",
    }
    if smtp_port is not None:
        env.update(
            {
                "QUOTE_SMTP_HOST": "127.0.0.1",
                "QUOTE_SMTP_PORT": str(smtp_port),
                "QUOTE_SMTP_SECURITY": "none",
                "QUOTE_SMTP_TIMEOUT": "5",
                "QUOTE_MAIL_FROM": "Vietne <vietne@piemers.lv>",
                "QUOTE_MAIL_TO": "ipasnieks@piemers.lv",
            }
        )
    env.update(extra)
    return env


def inquiry(**changes) -> dict:
    data = {
        "name": "Līga Ozoliņa",
        "email": "liga@piemers.lv",
        "phone": "+371 2612 3456",
        "company": "https://ozolini.lv",
        "channels": ["Meta", "YouTube"],
        "message": "Labdien!\nGribam vairāk pieprasījumu no sociālajiem tīkliem. Ž ū ķ 😀",
        "quote": "content=2&ads=1&positioning=1&influencer=2&months=6&total=1",
        "website": "",
        "ts": str(int(time.time() * 1000) - 30_000),
    }
    data.update(changes)
    return data


def parse(raw: bytes):
    return BytesParser(policy=policy.default).parsebytes(raw)


@pytest.fixture
def sink():
    with SmtpSink() as running:
        yield running


def test_the_server_says_at_start_where_notifications_go(tmp_path, sink):
    """A production start without an SMTP server says loudly that nothing is delivered."""
    no_smtp = environment(tmp_path, QUOTE_MAIL_TO="ipasnieks@piemers.lv")
    with ServerProcess(no_smtp, cwd=tmp_path) as alone:
        health = http_request(alone.url + "/api/health", method="GET").json()
    assert health == {"status": "ok", "mail": "file"}
    assert (
        "E-pasta paziņojumi: NETIEK SŪTĪTI. SMTP serveris nav iestatīts (QUOTE_SMTP_HOST), tāpēc"
        f" tie tikai tiek ierakstīti failos mapē {tmp_path / 'mail'}, nevis nosūtīti uz"
        " ipasnieks@piemers.lv."
    ) in alone.log()
    smtp = tmp_path / "smtp"
    smtp.mkdir()
    with ServerProcess(environment(smtp, sink.port), cwd=smtp) as delivering:
        health = http_request(delivering.url + "/api/health", method="GET").json()
    assert health == {"status": "ok", "mail": "smtp"}
    log = delivering.log()
    assert (
        f"E-pasta paziņojumi: caur SMTP serveri 127.0.0.1:{sink.port} uz ipasnieks@piemers.lv."
        in log
    )
    assert "NETIEK SŪTĪTI" not in log


def test_valid_inquiry_is_stored_and_emailed_once_with_every_field(tmp_path, sink):
    from quote.pricing.catalog import to_catalog
    from quote.pricing.model import load_price_list

    with ServerProcess(environment(tmp_path, sink.port), cwd=tmp_path) as server:
        sent = inquiry()
        response = server.post(json.dumps(sent).encode(), JSON_HEADERS)
        assert response.status == 201
        first = response.json()["id"]

        form = urlencode(inquiry(name="Ēriks Ūdris", email="eriks@piemers.lv"), doseq=True)
        redirect = server.post(form.encode(), FORM_HEADERS)
        assert redirect.status == 303
        assert redirect.headers["Location"] == "/paldies/"

        bot = inquiry(website="x", message="Pērciet mūsu sekotājus lēti!")
        honeypot = server.post(json.dumps(bot).encode(), JSON_HEADERS)
        assert honeypot.status == 201

        # The outbox claims only rows without sent_at and records sent_at after the SMTP server
        # accepted the message, so once both rows are sent no further delivery can follow.
        store = Store(tmp_path / "inquiries.sqlite3")
        wait_until(lambda: store.outbox_counts()["sent"] == 2)
        assert store.outbox_counts() == {
            "sent": 2,
            "smtp": 2,
            "file": 0,
            "unknown": 0,
            "pending": 0,
            "failing": 0,
        }
        assert len(sink.messages) == 2

    assert store.count_inquiries() == {"inquiries": 2, "spam": 1}
    row = store.get_inquiry(first)
    assert row["message"] == sent["message"]

    emails = {parse(raw)["Subject"]: parse(raw) for raw in sink.messages}
    mail = emails[f"Jauns pieprasījums no vietnes (Nr. {first})"]
    assert mail["From"] == "Vietne <vietne@piemers.lv>"
    assert mail["To"] == "ipasnieks@piemers.lv"
    assert mail["Reply-To"] == "liga@piemers.lv"
    assert sink.envelopes[0] == ("vietne@piemers.lv", ["ipasnieks@piemers.lv"])
    for name, value in mail.items():
        assert "Līga" not in value and "Gribam" not in value, name
    body = mail.get_content().replace("\r\n", "\n")
    for text in (
        "Līga Ozoliņa",
        "liga@piemers.lv",
        "+371 2612 3456",
        "https://ozolini.lv",
        "Meta, YouTube",
        sent["message"],
    ):
        assert text in body
    # By hand from the fixture price list (VAT 21 %, net = gross / 1.21): content tier 2 (450)
    # + ads tier 1 (250) a month; positioning (250) + 2 x influencer (200) once; 6 months.
    # Whole euros are written without cents; the spaces in amounts are no-break spaces.
    for line in (
        "Ik mēnesi: 700 € (bez PVN 578,51 €, PVN 121,49 €)",
        "Vienreizējie maksājumi: 650 € (bez PVN 537,19 €, PVN 112,81 €)",
        "Pirmajā mēnesī: 1 350 € (bez PVN 1 115,70 €, PVN 234,30 €)",  # 700 + 650
        "Par 6 mēnešiem: 4 850 € (bez PVN 4 008,25 €, PVN 841,75 €)",  # 6 x 700 + 650, each part
    ):
        assert re.sub(r"(?<=\d) (?=[\d€])", NBSP, line) in body, line
    catalog = to_catalog(load_price_list(FIXTURE_PRICING))
    assert "positioning=1&content=2&ads=1&influencer=2&months=6" in body
    assert "total" in body  # the note says the forged total was ignored
    assert catalog["version"] in body


def test_bad_requests_against_the_real_server_and_it_keeps_answering(tmp_path):
    with ServerProcess(environment(tmp_path), cwd=tmp_path) as server:
        cases = [
            (
                json.dumps(inquiry(email="a@piemers.lv\r\nBcc: b@piemers.lv")).encode(),
                JSON_HEADERS,
                422,
                "invalid_characters",
            ),
            (
                json.dumps(inquiry(name="x\r\nSubject: hi")).encode(),
                JSON_HEADERS,
                422,
                "invalid_characters",
            ),
            (
                b"name=J\xe2nis",
                {**FORM_HEADERS, "Accept": "application/json"},
                400,
                "invalid_encoding",
            ),
            (json.dumps(inquiry(message="x" * 40_000)).encode(), JSON_HEADERS, 413, "too_large"),
            (
                json.dumps(inquiry()).encode(),
                {**JSON_HEADERS, "Origin": "https://evil.example"},
                403,
                "cross_site",
            ),
            (
                json.dumps(inquiry()).encode(),
                {k: v for k, v in JSON_HEADERS.items() if k != "Origin"},
                403,
                "cross_site",
            ),
            (
                b"hello",
                {**JSON_HEADERS, "Content-Type": "text/plain"},
                415,
                "unsupported_media_type",
            ),
        ]
        for body, headers, status, code in cases:
            response = server.post(body, headers)
            assert response.status == status, response.body
            assert response.json()["errors"][0]["code"] == code
        assert server.post(json.dumps(inquiry()).encode(), JSON_HEADERS).status == 201
    assert Store(tmp_path / "inquiries.sqlite3").count_inquiries()["inquiries"] == 1


def test_sixth_post_in_a_minute_is_429_on_the_real_server(tmp_path):
    env = environment(tmp_path, QUOTE_RATE_LIMIT="5 per minute;30 per day")
    with ServerProcess(env, cwd=tmp_path) as server:
        answers = [
            server.post(json.dumps(inquiry(message=f"Ziņa numur {n}.")).encode(), JSON_HEADERS)
            for n in range(6)
        ]
    assert [a.status for a in answers] == [201] * 5 + [429]
    assert answers[-1].json()["errors"][0]["code"] == "rate_limited"


def test_smtp_down_first_then_up_every_inquiry_is_emailed_exactly_once(tmp_path):
    port = free_port()  # nothing listens here yet: connections are refused
    db = Store(tmp_path / "inquiries.sqlite3")
    with ServerProcess(environment(tmp_path, port), cwd=tmp_path) as server:
        ids = []
        for number in range(5):
            body = json.dumps(inquiry(message=f"Pieprasījums numur {number}: ā č ē")).encode()
            response = server.post(body, JSON_HEADERS)
            assert response.status == 201
            ids.append(response.json()["id"])

        def attempts() -> list[int]:
            return [db.outbox_for(i)[0]["attempts"] for i in ids]

        wait_until(lambda: min(attempts()) >= 2, timeout=15)
        assert all(db.outbox_for(i)[0]["sent_at"] is None for i in ids)
        assert "ConnectionRefusedError" in db.outbox_for(ids[0])[0]["last_error"]

        # The server comes up but refuses the first two messages with 451.
        with SmtpSink(port, fail_first=2) as sink:
            # sent_at is written only after the sink accepted a message and a row with sent_at is
            # never claimed again, so when every row is sent the sink holds the final set.
            wait_until(lambda: all(db.outbox_for(i)[0]["sent_at"] for i in ids), timeout=15)
            messages = list(sink.messages)
            assert sink.refused == 2
    subjects = sorted(parse(raw)["Subject"] for raw in messages)
    assert subjects == sorted(f"Jauns pieprasījums no vietnes (Nr. {i})" for i in ids)


def test_sigkill_during_concurrent_posts_loses_no_acknowledged_inquiry(tmp_path):
    env = environment(tmp_path, QUOTE_RATE_LIMIT="100000 per minute")
    server = ServerProcess(env, cwd=tmp_path, threads=16).start()
    acknowledged: dict[int, int] = {}
    lock = threading.Lock()
    kill_after = 60

    def send(number: int) -> None:
        body = json.dumps(
            inquiry(message=f"Pieprasījums {number}: vēlos piedāvājumu 😀", ts=None)
        ).encode()
        try:
            response = server.post(body, JSON_HEADERS, timeout=5)
        except (OSError, http.client.HTTPException):
            # The kill cuts answers off mid-way (IncompleteRead): not acknowledged, so not counted.
            return
        if response.status != 201:
            return
        with lock:
            acknowledged[number] = response.json()["id"]
            if len(acknowledged) == kill_after:
                server.kill()

    started = time.monotonic()
    try:
        with ThreadPoolExecutor(max_workers=16) as pool:
            list(pool.map(send, range(200)))
    finally:
        server.stop()
    assert time.monotonic() - started < 30
    assert len(acknowledged) >= kill_after

    with ServerProcess(env, cwd=tmp_path) as again:
        assert again.post(json.dumps(inquiry()).encode(), JSON_HEADERS).status == 201
    store = Store(tmp_path / "inquiries.sqlite3")
    with store.reading() as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    for number, inquiry_id in acknowledged.items():
        row = store.get_inquiry(inquiry_id)
        assert row is not None, number
        assert row["message"] == f"Pieprasījums {number}: vēlos piedāvājumu 😀"
