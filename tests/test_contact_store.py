"""The SQLite store: durability settings, migrations, the outbox claim, validation rules."""

from __future__ import annotations

import dataclasses
import sqlite3
import threading
import unicodedata

import pytest

from quote.contact.errors import FieldError, Invalid
from quote.contact.store import SCHEMA_VERSION, NewInquiry, Store, StoreError
from quote.contact.validation import validate


def new(**changes) -> NewInquiry:
    fields = {
        "name": "Anna",
        "email": "anna@piemers.lv",
        "phone": None,
        "company": None,
        "channels": ("Meta",),
        "message": "Labdien, vēlos piedāvājumu.",
    }
    fields.update(changes)
    return NewInquiry(**fields)


@pytest.fixture
def store(tmp_path):
    store = Store(tmp_path / "sub" / "inquiries.sqlite3")
    store.migrate()
    return store


def test_store_uses_wal_and_full_sync(store):
    with store.reading() as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_migrate_creates_schema_once(tmp_path):
    store = Store(tmp_path / "db.sqlite3")
    assert store.migrate() == 0
    assert store.version() == SCHEMA_VERSION
    assert store.migrate() == SCHEMA_VERSION  # nothing to do the second time
    with store.reading() as conn:
        tables = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
    assert {"inquiry", "outbox"} <= tables


def test_newer_database_is_refused(tmp_path):
    path = tmp_path / "db.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer"):
        Store(path).migrate()


def test_inquiry_and_outbox_are_one_transaction(store, monkeypatch):
    inquiry_id = store.add_inquiry(new(), notify=True)
    assert store.outbox_for(inquiry_id)[0]["attempts"] == 0
    spam_id = store.add_inquiry(new(spam="honeypot"), notify=False)
    assert store.outbox_for(spam_id) == []
    # A failure after the inquiry's INSERT leaves nothing behind.
    with pytest.raises(sqlite3.IntegrityError), store.transaction() as conn:
        conn.execute(
            "INSERT INTO inquiry (created_at, name, email, message) VALUES ('x', 'a', 'b', 'c')"
        )
        conn.execute(
            "INSERT INTO outbox (inquiry_id, created_at, next_attempt_at) VALUES (999, 'x', 0)"
        )
    assert store.count_inquiries() == {"inquiries": 1, "spam": 1}


def test_ids_are_never_reused(store):
    first = store.add_inquiry(new(), notify=False)
    store.delete_by_email("anna@piemers.lv")
    assert store.add_inquiry(new(), notify=False) == first + 1


def test_delete_by_email_ignores_case_and_takes_the_outbox(store):
    kept = store.add_inquiry(new(email="cits@piemers.lv"), notify=True)
    store.add_inquiry(new(email="Anna@piemers.lv"), notify=True)
    store.add_inquiry(new(email="Anna@piemers.lv", spam="too_fast"), notify=False)
    assert store.delete_by_email("ANNA@PIEMERS.LV").inquiries == 2
    assert [row["id"] for row in store.list_inquiries(spam=False)] == [kept]
    with store.reading() as conn:
        assert conn.execute("SELECT COUNT(*) FROM outbox").fetchone()[0] == 1


@pytest.mark.parametrize(
    ("stored", "asked"),
    [
        ("jānis@piemers.lv", "JĀNIS@piemers.lv"),  # red team, issue 25 item 10: NOCASE is ASCII
        ("ŽANIS@PIEMERS.LV", "žanis@piemers.lv"),
        ("strasse@piemers.lv", "STRAẞE@piemers.lv"),  # full case folding: ẞ is ss
    ],
)
def test_delete_by_email_folds_the_case_of_every_letter(store, stored, asked):
    kept = store.add_inquiry(new(email="cits@piemers.lv"), notify=True)
    store.add_inquiry(new(email=stored), notify=True)
    assert store.delete_by_email(asked).inquiries == 1
    assert [row["id"] for row in store.list_inquiries(spam=False)] == [kept]


def test_purge_removes_old_inquiries_and_spam(store):
    old = store.add_inquiry(new(), notify=True, now=1_000_000.0)
    store.add_inquiry(new(spam="honeypot"), notify=False, now=1_000_000.0)
    recent = store.add_inquiry(new(), notify=True, now=2_000_000.0)
    erased = store.purge_older_than(1_500_000.0)
    assert (erased.inquiries, erased.outbox_rows) == (2, 1)
    assert store.get_inquiry(old) is None
    assert store.get_inquiry(recent) is not None


def test_claim_is_exclusive_between_threads(store):
    for _ in range(20):
        store.add_inquiry(new(), notify=True, now=0.0)
    claimed: list[int] = []
    lock = threading.Lock()

    def worker():
        while True:
            item = store.claim_outbox(now=10.0, lock_seconds=60)
            if item is None:
                return
            with lock:
                claimed.append(item.id)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(claimed) == list(range(1, 21))


def test_claim_respects_due_time_and_expires(store):
    store.add_inquiry(new(), notify=True, now=100.0)
    assert store.claim_outbox(now=99.0, lock_seconds=60) is None  # not due yet
    item = store.claim_outbox(now=100.0, lock_seconds=60)
    assert item.attempts == 1
    assert store.claim_outbox(now=150.0, lock_seconds=60) is None  # still claimed
    again = store.claim_outbox(now=161.0, lock_seconds=60)  # the claimer died: claim expired
    assert again.id == item.id and again.attempts == 2
    store.mark_sent(item.id, now=162.0, delivered_by="smtp", server_reply="250 OK")
    assert store.claim_outbox(now=1000.0, lock_seconds=60, force=True) is None


# -- validation details not covered by the endpoint tests -----------------------------------


def test_message_keeps_newlines_and_tabs_and_is_nfc():
    text = "Rinda\tar tabu\r\n\r\nE\u0301 un \u00e9"
    result = validate(
        [("name", "A"), ("email", "a@piemers.lv"), ("message", text), ("channels", "Meta")]
    )
    assert result.message == unicodedata.normalize("NFC", "Rinda\tar tabu\n\nE\u0301 un \u00e9")
    assert result.channels == ("Meta",)


def test_length_counts_characters_after_normalisation():
    decomposed = "a\u0304" * 100  # 200 code points, 100 after NFC
    result = validate([("name", decomposed), ("email", "a@piemers.lv"), ("message", "x" * 10)])
    assert len(result.name) == 100


def test_all_problems_are_reported_together():
    with pytest.raises(Invalid) as caught:
        validate([("name", ""), ("email", "x"), ("message", "short"), ("phone", "abc")])
    assert caught.value.errors == [
        FieldError("name", "required"),
        FieldError("email", "invalid_email"),
        FieldError("phone", "invalid_phone"),
        FieldError("message", "too_short"),
    ]


def test_international_address_is_kept_and_its_reply_to_encoded():
    from quote.contact.mailer import reply_to_address

    result = validate([("name", "A"), ("email", "jānis@piemērs.lv"), ("message", "x" * 10)])
    assert result.email == "jānis@piemērs.lv"
    # A local part outside ASCII only fits a header under SMTPUTF8; the domain goes as IDNA.
    assert reply_to_address(result.email) is None
    assert reply_to_address(result.email, utf8=True) == "jānis@piemērs.lv"
    assert reply_to_address("a@bücher.example") == "a@xn--bcher-kva.example"
    assert reply_to_address("janis@piemers.lv") == "janis@piemers.lv"
    assert reply_to_address("a@piemers.lv\r\nBcc: b@piemers.lv") is None
    assert reply_to_address("a@piemers.lv, b@piemers.lv", utf8=True) is None


def test_store_files_are_owner_only_under_a_permissive_umask(tmp_path):
    import os

    old = os.umask(0o000)
    try:
        store = Store(tmp_path / "var" / "inquiries.sqlite3")
        store.migrate()
        with store.reading() as conn:  # an open connection keeps the -wal and -shm files
            store.add_inquiry(new(), notify=True)
            files = sorted(path.name for path in store.files)
            modes = {path.name: path.stat().st_mode & 0o777 for path in store.files}
            conn.execute("SELECT 1")
    finally:
        os.umask(old)
    assert files == ["inquiries.sqlite3", "inquiries.sqlite3-shm", "inquiries.sqlite3-wal"]
    assert set(modes.values()) == {0o600}
    assert (tmp_path / "var").stat().st_mode & 0o777 == 0o700


def test_every_folder_made_for_personal_data_is_owner_only(tmp_path):
    import os
    import stat

    from quote.private import make_folder

    (tmp_path / "shared").mkdir(mode=0o755)
    old = os.umask(0o022)
    try:
        make_folder(tmp_path / "shared" / "var" / "offers" / "7")
    finally:
        os.umask(old)
    modes = {
        name: stat.S_IMODE((tmp_path / "shared" / name).stat().st_mode)
        for name in ("var", "var/offers", "var/offers/7")
    }
    assert modes == {"var": 0o700, "var/offers": 0o700, "var/offers/7": 0o700}
    assert stat.S_IMODE((tmp_path / "shared").stat().st_mode) == 0o755  # not ours: left as it is


def test_migration_from_version_1_keeps_rows_outbox_and_ids(tmp_path):
    from quote.contact.store import MIGRATIONS, _statements

    path = tmp_path / "v1.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    for statement in _statements(MIGRATIONS[0]):
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    for number in (1, 2, 3):
        conn.execute(
            "INSERT INTO inquiry (created_at, name, email, message, spam) VALUES (?, ?, ?, ?, ?)",
            ("2025-01-01T00:00:00.000Z", f"N{number}", "a@b.lv", "ziņa", None),
        )
        conn.execute(
            "INSERT INTO outbox (inquiry_id, created_at, next_attempt_at) VALUES (?, 'x', 0)",
            (number,),
        )
    conn.execute("DELETE FROM inquiry WHERE id = 3")  # the newest id must not come back
    conn.close()
    store = Store(path)
    assert store.migrate() == 1
    assert [row["name"] for row in store.list_inquiries(spam=False)] == ["N2", "N1"]
    assert [len(store.outbox_for(number)) for number in (1, 2)] == [1, 1]
    assert store.add_inquiry(new(spam="bad_time"), notify=False) == 4
    with pytest.raises(sqlite3.IntegrityError):
        store.add_inquiry(new(spam="other"), notify=False)


def test_the_inquiry_keeps_the_forms_fields_in_one_definition():
    """The form's visible fields are the inquiry's columns and NewInquiry's first fields, and
    with the hidden ones the endpoint's allowlist: adding a field to the form adds it to all."""
    from quote.contact.form import FIELDS, HIDDEN_FIELDS, POSTED_FIELDS, VISITOR_FIELDS
    from quote.contact.store import INQUIRY_COLUMNS, NewInquiry

    assert VISITOR_FIELDS == ("name", "email", "phone", "company", "channels", "message")
    assert tuple(field.name for field in FIELDS) == VISITOR_FIELDS
    assert set(VISITOR_FIELDS) <= set(INQUIRY_COLUMNS)
    first = [field.name for field in dataclasses.fields(NewInquiry)][: len(VISITOR_FIELDS)]
    assert tuple(first) == VISITOR_FIELDS
    assert POSTED_FIELDS == VISITOR_FIELDS + HIDDEN_FIELDS


def test_migration_to_version_5_keeps_the_outbox_and_knows_it_does_not_know(tmp_path):
    """A database from before the store recorded how a notification went out: every row stays,
    and one sent then is neither "delivered" nor "file" but unknown."""
    from quote.contact.delivery import notification
    from quote.contact.store import MIGRATIONS, _statements

    path = tmp_path / "v4.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    for script in MIGRATIONS[:4]:
        for statement in _statements(script):
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 4")
    for number in (1, 2):
        conn.execute(
            "INSERT INTO inquiry (created_at, name, email, message) VALUES (?, ?, ?, ?)",
            ("2026-11-01T10:00:00.000Z", f"N{number}", "a@b.lv", "ziņa"),
        )
    conn.execute(
        "INSERT INTO outbox (inquiry_id, created_at, next_attempt_at, attempts, sent_at)"
        " VALUES (1, '2026-11-01T10:00:00.000Z', 0, 1, '2026-11-01T10:00:01.000Z')"
    )
    conn.execute(
        "INSERT INTO outbox (inquiry_id, created_at, next_attempt_at, attempts, last_error)"
        " VALUES (2, '2026-11-01T10:00:00.000Z', 0, 3, 'ConnectionRefusedError: down')"
    )
    conn.close()
    store = Store(path)
    assert store.migrate() == 4 and store.version() == SCHEMA_VERSION
    states = {
        number: notification(store.get_inquiry(number), store.outbox_for(number)[-1]).state
        for number in (1, 2)
    }
    assert states == {1: "unknown", 2: "waiting"}
    assert store.outbox_counts() == {
        "sent": 1,
        "smtp": 0,
        "file": 0,
        "unknown": 1,
        "pending": 1,
        "failing": 1,
    }
    with pytest.raises(sqlite3.IntegrityError):  # only the two ways a message goes out
        store.mark_sent(2, now=0.0, delivered_by="pigeon")
