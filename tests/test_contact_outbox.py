"""The outbox worker and the notification email, with a fake transport and a fake clock."""

from __future__ import annotations

import time
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest

from quote.contact import ContactConfig, create_app, start_outbox_worker, stop_outbox_worker
from quote.contact.delivery import Delivery
from quote.contact.mailer import FileTransport, build_message
from quote.contact.outbox import OutboxWorker
from quote.contact.store import NewInquiry, Store
from tests.support import FIXTURE_PRICING, SmtpSink, wait_until


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


class FlakyTransport:
    """Fails the first ``failures`` sends, then keeps every message."""

    def __init__(self, failures: int = 0) -> None:
        self.failures = failures
        self.sent: list = []
        self.calls = 0

    def send(self, message, *, name: str, fallback=None) -> Delivery:
        self.calls += 1
        if self.calls <= self.failures:
            raise ConnectionRefusedError("SMTP down")
        self.sent.append(message)
        return Delivery("smtp", "250 OK")


def config(tmp_path: Path, **changes) -> ContactConfig:
    settings = {
        "site_origin": "http://site.test",
        "db": tmp_path / "db.sqlite3",
        "mail_dir": tmp_path / "mail",
        "pricing": FIXTURE_PRICING,
        "outbox_retry_base": 30.0,
        "outbox_retry_max": 3600.0,
    }
    settings.update(changes)
    return ContactConfig.of(**settings)


def add(store: Store, clock: Clock, **changes) -> int:
    fields = {
        "name": "Pēteris",
        "email": "peteris@piemers.lv",
        "phone": "+371 2000 0000",
        "company": None,
        "channels": ("TikTok",),
        "message": "Sveiki!\nGribu saprast, ar ko sākt.",
    }
    fields.update(changes)
    return store.add_inquiry(NewInquiry(**fields), notify=True, now=clock.now)


@pytest.fixture
def setup(tmp_path):
    cfg = config(tmp_path)
    store = Store(cfg.store.db)
    store.migrate()
    return cfg, store, Clock()


def test_failed_sends_back_off_exponentially_then_succeed_exactly_once(setup):
    cfg, store, clock = setup
    transport = FlakyTransport(failures=3)
    worker = OutboxWorker(cfg.mail, store, cfg.store.pricing, transport=transport, clock=clock)
    inquiry_id = add(store, clock)

    waits = []
    for _ in range(3):
        assert worker.process_due().failed == 1
        row = store.outbox_for(inquiry_id)[0]
        waits.append(row["next_attempt_at"] - clock.now)
        assert worker.process_due().sent == 0  # not due yet
        clock.now = row["next_attempt_at"]
    assert waits == [30.0, 60.0, 120.0]
    assert worker.process_due().sent == 1
    assert worker.process_due(force=True).sent == 0
    assert len(transport.sent) == 1
    row = store.outbox_for(inquiry_id)[0]
    assert row["sent_at"] and row["attempts"] == 4 and row["last_error"] is None


def test_backoff_is_capped(setup):
    cfg, store, clock = setup
    worker = OutboxWorker(
        cfg.mail, store, cfg.store.pricing, transport=FlakyTransport(), clock=clock
    )
    assert worker.backoff(1) == 30.0
    assert worker.backoff(20) == 3600.0


def test_flush_sends_messages_waiting_for_a_retry(setup):
    cfg, store, clock = setup
    transport = FlakyTransport(failures=2)
    worker = OutboxWorker(cfg.mail, store, cfg.store.pricing, transport=transport, clock=clock)
    ids = [add(store, clock) for _ in range(2)]
    assert worker.process_due().failed == 2
    result = worker.process_due(force=True)
    assert (result.sent, result.failed) == (2, 0)
    assert sorted(m["Subject"] for m in transport.sent) == [
        f"Jauns pieprasījums no vietnes (Nr. {i})" for i in ids
    ]


def test_message_headers_hold_no_visitor_text(setup):
    cfg, store, clock = setup
    inquiry_id = add(store, clock, name="Zīle Bcc: x@y.lv", company="SIA Subject: hi")
    message = build_message(cfg.mail, store.get_inquiry(inquiry_id), outbox_id=7)
    assert message["Subject"] == f"Jauns pieprasījums no vietnes (Nr. {inquiry_id})"
    assert message["Reply-To"] == "peteris@piemers.lv"
    assert message["Message-ID"].startswith(f"<inquiry-{inquiry_id}.7.")
    raw = message.as_bytes()
    head = raw.split(b"\r\n\r\n", 1)[0].decode()
    assert "Zīle" not in head and "Z=C4=ABle" not in head and "SIA" not in head
    body = message.get_content()
    assert "Vārds: Zīle Bcc: x@y.lv" in body
    assert "Aprēķins: nav pievienots." in body


def test_file_transport_writes_an_eml_once_per_message(tmp_path, setup):
    cfg, store, clock = setup
    inquiry_id = add(store, clock)
    worker = OutboxWorker(
        cfg.mail, store, cfg.store.pricing, transport=FileTransport(tmp_path / "mail"), clock=clock
    )
    result = worker.process_due()
    assert (result.sent, result.filed) == (0, 1)  # a file is not a sent email
    files = list((tmp_path / "mail").iterdir())
    assert [f.name for f in files] == [f"inquiry-{inquiry_id:06d}-1.eml"]
    row = store.outbox_for(inquiry_id)[0]
    assert (row["delivered_by"], row["server_reply"]) == ("file", str(files[0]))
    mail = BytesParser(policy=policy.default).parsebytes(files[0].read_bytes())
    assert "Pēteris" in mail.get_content()


def test_deleted_inquiry_is_not_sent(setup):
    cfg, store, clock = setup
    add(store, clock)
    store.delete_by_email("peteris@piemers.lv")
    transport = FlakyTransport()
    assert (
        OutboxWorker(cfg.mail, store, cfg.store.pricing, transport=transport, clock=clock)
        .process_due()
        .sent
        == 0
    )
    assert transport.sent == []


def test_worker_thread_sends_soon_after_a_post_and_stops(tmp_path):
    app = create_app(config(tmp_path, outbox_poll=30.0))
    worker = start_outbox_worker(app)
    try:
        assert start_outbox_worker(app) is worker and worker.running
        started = time.monotonic()
        response = app.test_client().post(
            "/api/contact",
            data={"name": "A", "email": "a@piemers.lv", "message": "Labdien, ziņa te."},
            headers={"Origin": "http://site.test"},
        )
        assert response.status_code == 303
        wait_until(lambda: list((tmp_path / "mail").glob("*.eml")), timeout=5)
        assert time.monotonic() - started < 5  # woken at once, not after the 30 s poll
    finally:
        stop_outbox_worker(app)
    assert not worker.running


def test_worker_sends_through_real_smtp(tmp_path):
    with SmtpSink() as sink:
        cfg = config(
            tmp_path,
            smtp_host="127.0.0.1",
            smtp_port=sink.port,
            smtp_security="none",
            smtp_timeout=5,
            mail_from="vietne@piemers.lv",
            mail_to="es@piemers.lv",
        )
        store = Store(cfg.store.db)
        store.migrate()
        clock = Clock()
        inquiry_id = add(store, clock)
        assert OutboxWorker(cfg.mail, store, cfg.store.pricing).process_due().sent == 1
    assert sink.envelopes == [("vietne@piemers.lv", ["es@piemers.lv"])]
    # What the server answered the message is what proves it took it; the store keeps it.
    row = store.outbox_for(inquiry_id)[0]
    assert (row["delivered_by"], row["server_reply"]) == ("smtp", "250 2.0.0 Ok: queued as 1")


def _failed_send(tmp_path: Path, sink: SmtpSink, **changes) -> dict:
    cfg = config(
        tmp_path,
        smtp_host="127.0.0.1",
        smtp_port=sink.port,
        smtp_security="none",
        smtp_timeout=5,
        mail_from="vietne@piemers.lv",
        mail_to="es@piemers.lv",
        **changes,
    )
    store = Store(cfg.store.db)
    store.migrate()
    inquiry_id = add(store, Clock())
    result = OutboxWorker(cfg.mail, store, cfg.store.pricing).process_due()
    assert (result.sent, result.failed) == (0, 1)
    (row,) = store.outbox_for(inquiry_id)
    assert row["sent_at"] is None and row["delivered_by"] is None
    return row


def test_a_refused_recipient_waits_for_a_retry_with_the_reason(tmp_path):
    with SmtpSink(refuse=("es@piemers.lv",)) as sink:
        row = _failed_send(tmp_path, sink)
    assert sink.messages == []
    assert row["last_error"].startswith(
        f"SMTP serveris 127.0.0.1:{sink.port} noraidīja adresātu es@piemers.lv"
    )
    assert "550 5.1.1 <es@piemers.lv>" in row["last_error"]


def test_a_wrong_password_waits_for_a_retry_naming_the_settings(tmp_path):
    with SmtpSink(login=("vietne", "pareiza")) as sink:
        row = _failed_send(tmp_path, sink, smtp_user="vietne", smtp_password="nepareiza")
    assert "nepieņēma lietotājvārdu vai paroli" in row["last_error"]
    assert "QUOTE_SMTP_PASSWORD" in row["last_error"]
    assert "SMTPAuthenticationError: 535" in row["last_error"]


# -- Reply-To for international addresses ---------------------------------------------------


def _smtp_config(tmp_path: Path, sink: SmtpSink) -> ContactConfig:
    return config(
        tmp_path,
        smtp_host="127.0.0.1",
        smtp_port=sink.port,
        smtp_security="none",
        smtp_timeout=5,
        mail_from="vietne@piemers.lv",
        mail_to="es@piemers.lv",
    )


def _send_one(tmp_path: Path, sink: SmtpSink, email: str):
    cfg = _smtp_config(tmp_path, sink)
    store = Store(cfg.store.db)
    store.migrate()
    add(store, Clock(), email=email)
    assert OutboxWorker(cfg.mail, store, cfg.store.pricing).process_due().sent == 1
    return BytesParser(policy=policy.SMTPUTF8).parsebytes(sink.messages[0])


@pytest.mark.parametrize("smtputf8", [True, False], ids=["smtputf8", "plain-server"])
def test_reply_to_an_international_domain_is_idna_on_any_server(tmp_path, smtputf8):
    with SmtpSink(smtputf8=smtputf8) as sink:
        mail = _send_one(tmp_path, sink, "a@bücher.example")
    assert mail["Reply-To"] == "a@xn--bcher-kva.example"
    assert [("SMTPUTF8" in o) for o in sink.mail_options] == [False]  # ASCII headers only
    assert "atbildiet uz šo e-pastu" in mail.get_content()


def test_reply_to_a_utf8_local_part_goes_with_smtputf8_when_offered(tmp_path):
    with SmtpSink(smtputf8=True) as sink:
        mail = _send_one(tmp_path, sink, "jānis@piemers.lv")
    assert [("SMTPUTF8" in o) for o in sink.mail_options] == [True]
    assert b"Reply-To: j\xc4\x81nis@piemers.lv\r\n" in sink.messages[0]
    assert mail["Reply-To"] == "jānis@piemers.lv"
    assert "atbildiet uz šo e-pastu" in mail.get_content()


def test_without_smtputf8_the_body_names_the_address_instead(tmp_path):
    with SmtpSink(smtputf8=False) as sink:
        mail = _send_one(tmp_path, sink, "jānis@piemers.lv")
    assert [("SMTPUTF8" in o) for o in sink.mail_options] == [False]
    assert sink.messages[0].isascii()
    assert mail["Reply-To"] is None
    body = mail.get_content()
    assert "atbildiet uz šo e-pastu" not in body
    assert "rakstiet klientam uz adresi:\njānis@piemers.lv" in body.replace("\r\n", "\n")


def test_eml_file_keeps_a_utf8_reply_to(tmp_path, setup):
    cfg, store, clock = setup
    add(store, clock, email="jānis@bücher.example")
    transport = FileTransport(tmp_path / "mail")
    worker = OutboxWorker(cfg.mail, store, cfg.store.pricing, transport=transport, clock=clock)
    assert worker.process_due().filed == 1
    (path,) = (tmp_path / "mail").glob("*.eml")
    mail = BytesParser(policy=policy.SMTPUTF8).parsebytes(path.read_bytes())
    assert mail["Reply-To"] == "jānis@bücher.example"


def test_a_file_that_cannot_be_written_waits_for_a_retry_and_says_so(tmp_path):
    blocked = tmp_path / "mail"
    blocked.write_text("a file where the mail folder should be")
    cfg = config(tmp_path, mail_dir=blocked)
    store = Store(cfg.store.db)
    store.migrate()
    inquiry_id = add(store, Clock())
    result = OutboxWorker(cfg.mail, store, cfg.store.pricing).process_due()
    assert (result.sent, result.filed, result.failed) == (0, 0, 1)
    (row,) = store.outbox_for(inquiry_id)
    assert row["sent_at"] is None
    assert row["last_error"].startswith(f"paziņojumu neizdevās ierakstīt failā mapē {blocked} (")
