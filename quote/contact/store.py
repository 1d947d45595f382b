"""The durable store of inquiries and the notification outbox (SQLite).

One file, WAL journal, ``synchronous=FULL``: a transaction that returned from ``COMMIT`` survives a
killed process and a power cut. Each operation opens its own short-lived connection, so the store
is safe from any thread and from several processes (the server, ``quote inquiries``,
``quote outbox flush``) at once; writes take the lock up front (``BEGIN IMMEDIATE``).

The schema is versioned with ``PRAGMA user_version``; :data:`MIGRATIONS` holds one script per
version and :meth:`Store.migrate` applies the missing ones in one transaction.

Tables:

- ``inquiry``: one row per accepted send, real or spam (``spam`` is NULL for a real inquiry,
  else one of :data:`SPAM_REASONS`). Ids are never reused (AUTOINCREMENT), so an id in an email
  subject always means the same inquiry. ``send_key`` (unique) is the key the page sends with
  every retry of one send; ``client_address`` the visitor's address as the endpoint saw it;
  ``lang`` the language of the page the form was sent from.
- ``outbox``: one row per notification to send, written in the same transaction as its inquiry;
  deleted together with it. Once sent, ``delivered_by`` says how (``smtp``: an SMTP server
  accepted it, its answer in ``server_reply``; ``file``: only written as an ``.eml`` file);
  until then ``last_error`` holds the last failed attempt.
- ``status_change``, ``offer``: the owner's follow-up of an inquiry (``quote inquiries mark``,
  ``quote offer``), deleted together with it; ``offer_sequence`` holds the last offer number of
  each year and is never deleted from, so an offer number is never given twice.
  An offer's page is found by the SHA-256 of its token (``token_sha256``); its answer
  (``answer``, ``answered_at``) is written once.
- ``visit_count``: cookie-free daily counts of visits, estimates and inquiries
  (quote/counting/events.py), nothing in them about a visitor.
- ``price_list``: each price list an estimate was computed with (``price_version``), with its
  date and a snapshot of the catalog, so that an offer uses the prices the prospect saw.

The inquiry file and its ``-wal``/``-shm`` are personal data: created owner-only (0600, SQLite
gives the journal files the database's mode), deleted rows are overwritten (``secure_delete``)
and the WAL is checkpointed after an erasure, so no copy survives in the file.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import sqlite3
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from email_validator import EmailNotValidError, validate_email

from quote.contact.form import VISITOR_FIELDS
from quote.contact.numbering import NumbersInUse
from quote.errors import DamagedStoreError, StoreError
from quote.i18n import SOURCE_LANG
from quote.private import make_folder, open_private

MIGRATIONS: tuple[str, ...] = (
    # 1: inquiries and the outbox.
    """
    CREATE TABLE inquiry (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        created_at TEXT NOT NULL,
        spam TEXT CHECK (spam IN ('honeypot', 'too_fast')),
        name TEXT NOT NULL,
        email TEXT NOT NULL,
        phone TEXT,
        company TEXT,
        channels TEXT NOT NULL DEFAULT '[]',
        message TEXT NOT NULL,
        quote_query TEXT,
        estimate_json TEXT,
        price_version TEXT,
        quote_note TEXT
    );
    CREATE INDEX inquiry_created_at ON inquiry (created_at);
    CREATE INDEX inquiry_email ON inquiry (email COLLATE NOCASE);
    CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        inquiry_id INTEGER NOT NULL REFERENCES inquiry (id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at REAL NOT NULL,
        locked_until REAL,
        sent_at TEXT,
        last_error TEXT
    );
    CREATE INDEX outbox_pending ON outbox (sent_at, next_attempt_at);
    CREATE INDEX outbox_inquiry ON outbox (inquiry_id);
    """,
    # 2: one inquiry per send (send_key), the visitor's address, the time trap's reason.
    # SQLite can't change a CHECK in place: the table is rebuilt (foreign keys are off while
    # migrating, so the outbox keeps its rows) and its AUTOINCREMENT counter carried over.
    """
    CREATE TABLE inquiry_v2 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        created_at TEXT NOT NULL,
        spam TEXT CHECK (spam IN ('honeypot', 'too_fast', 'bad_time')),
        name TEXT NOT NULL,
        email TEXT NOT NULL,
        phone TEXT,
        company TEXT,
        channels TEXT NOT NULL DEFAULT '[]',
        message TEXT NOT NULL,
        quote_query TEXT,
        estimate_json TEXT,
        price_version TEXT,
        quote_note TEXT,
        client_address TEXT,
        send_key TEXT
    );
    INSERT INTO inquiry_v2 (id, created_at, spam, name, email, phone, company, channels, message,
                            quote_query, estimate_json, price_version, quote_note)
        SELECT id, created_at, spam, name, email, phone, company, channels, message,
               quote_query, estimate_json, price_version, quote_note FROM inquiry;
    CREATE TEMP TABLE carried_sequence AS
        SELECT seq FROM sqlite_sequence WHERE name = 'inquiry';
    DROP TABLE inquiry;
    ALTER TABLE inquiry_v2 RENAME TO inquiry;
    DELETE FROM sqlite_sequence WHERE name = 'inquiry';
    INSERT INTO sqlite_sequence (name, seq)
        SELECT 'inquiry', MAX(COALESCE((SELECT MAX(seq) FROM carried_sequence), 0),
                               COALESCE((SELECT MAX(id) FROM inquiry), 0));
    DROP TABLE carried_sequence;
    CREATE INDEX inquiry_created_at ON inquiry (created_at);
    CREATE INDEX inquiry_email ON inquiry (email COLLATE NOCASE);
    CREATE UNIQUE INDEX inquiry_send_key ON inquiry (send_key)
    """,
    # 3: the owner's follow-up (quote/offers/followup.py): status changes, offers and their numbers,
    # and every price list an estimate was computed with. New tables only, so that a rebuild of
    # ``inquiry`` in a later migration keeps them.
    """
    CREATE TABLE status_change (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        inquiry_id INTEGER NOT NULL REFERENCES inquiry (id) ON DELETE CASCADE,
        changed_at TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('new', 'answered', 'offer-sent', 'won', 'lost')),
        note TEXT
    );
    CREATE INDEX status_change_inquiry ON status_change (inquiry_id, id);
    CREATE TABLE offer (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        number TEXT NOT NULL UNIQUE,
        inquiry_id INTEGER NOT NULL REFERENCES inquiry (id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        valid_until TEXT NOT NULL,
        discount_bp INTEGER NOT NULL DEFAULT 0,
        note TEXT,
        price_version TEXT,
        quote_query TEXT,
        totals_json TEXT NOT NULL,
        files_json TEXT NOT NULL DEFAULT '[]'
    );
    CREATE INDEX offer_inquiry ON offer (inquiry_id);
    CREATE TABLE offer_sequence (
        year INTEGER PRIMARY KEY,
        last INTEGER NOT NULL
    );
    CREATE TABLE price_list (
        version TEXT PRIMARY KEY,
        dated_at TEXT,
        first_seen_at TEXT NOT NULL,
        snapshot_json TEXT NOT NULL
    );
    """,
    # 4: the language of the page the form was sent from. Every inquiry before it was sent from
    # the Latvian site (quote.i18n.SOURCE_LANG).
    """
    ALTER TABLE inquiry ADD COLUMN lang TEXT NOT NULL DEFAULT 'lv'
    """,
    # 5: how a sent notification went out: handed to an SMTP server (``server_reply`` is its
    # answer to the message) or only written to a file. Rows sent before keep NULL: which of the
    # two it was is not known (quote/contact/delivery.py words them so).
    """
    ALTER TABLE outbox ADD COLUMN delivered_by TEXT CHECK (delivered_by IN ('smtp', 'file'));
    ALTER TABLE outbox ADD COLUMN server_reply TEXT
    """,
    # 6: offers sent and answered (quote/offers): an offer's language and the client's details
    # given for it, the document as shown (its fields and its PDF), its page's token (only its
    # SHA-256), when it was sent, viewed and answered, and the answer; an outbox row may carry a
    # prepared message and its recipients (an offer to a client, an answer to the owner) instead
    # of building the inquiry's notification.
    """
    ALTER TABLE offer ADD COLUMN lang TEXT NOT NULL DEFAULT 'lv';
    ALTER TABLE offer ADD COLUMN client_json TEXT NOT NULL DEFAULT '{}';
    ALTER TABLE offer ADD COLUMN document_json TEXT;
    ALTER TABLE offer ADD COLUMN pdf BLOB;
    ALTER TABLE offer ADD COLUMN token_sha256 TEXT;
    CREATE UNIQUE INDEX offer_token ON offer (token_sha256);
    ALTER TABLE offer ADD COLUMN sent_at TEXT;
    ALTER TABLE offer ADD COLUMN first_viewed_at TEXT;
    ALTER TABLE offer ADD COLUMN views INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE offer ADD COLUMN answer TEXT CHECK (answer IN ('accepted', 'changes', 'declined'));
    ALTER TABLE offer ADD COLUMN answered_at TEXT;
    ALTER TABLE offer ADD COLUMN answer_name TEXT;
    ALTER TABLE offer ADD COLUMN answer_text TEXT;
    ALTER TABLE outbox ADD COLUMN message BLOB;
    ALTER TABLE outbox ADD COLUMN recipients TEXT
    """,
    # 7: cookie-free visitor counts, daily aggregates only (quote/counting/events.py says what a
    # row means). Nothing in them identifies a visitor, so erasure and retention leave them.
    """
    CREATE TABLE visit_count (
        day TEXT NOT NULL,
        event TEXT NOT NULL,
        dimension TEXT NOT NULL DEFAULT '',
        value TEXT NOT NULL DEFAULT '',
        price_version TEXT NOT NULL DEFAULT '',
        count INTEGER NOT NULL CHECK (count > 0),
        PRIMARY KEY (day, event, dimension, value, price_version)
    ) WITHOUT ROWID
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)

# Why a stored send is spam: the hidden field was filled, the form came back sooner than a
# person types, or its page-load time is in the future or not a number.
SPAM_REASONS = ("honeypot", "too_fast", "bad_time")
# Without a send key, the same address and message within this many seconds are one send.
SAME_SEND_SECONDS = 600
# The journal files SQLite keeps beside the database (WAL mode, and a rollback journal).
JOURNAL_SUFFIXES = ("-wal", "-shm", "-journal")

INQUIRY_COLUMNS = (
    "id",
    "created_at",
    "spam",
    *VISITOR_FIELDS,
    "quote_query",
    "estimate_json",
    "price_version",
    "quote_note",
    "client_address",
    "lang",
)


@dataclasses.dataclass(frozen=True)
class NewInquiry:
    name: str
    email: str
    phone: str | None
    company: str | None
    channels: tuple[str, ...]
    message: str
    spam: str | None = None
    quote_query: str | None = None
    estimate_json: str | None = None
    price_version: str | None = None
    quote_note: str | None = None
    client_address: str | None = None
    send_key: str | None = None
    # The JSON snapshot of the price list ``price_version`` names (quote/pricing/snapshots.py).
    price_list_json: str | None = None
    # The language of the page the form was sent from (one of the site's languages).
    lang: str = SOURCE_LANG


@dataclasses.dataclass(frozen=True)
class Stored:
    """The answer to one send: its inquiry id, and whether this send created it (False for a
    repeat of a send already stored, which gets the same answer and no second email)."""

    id: int
    created: bool


@dataclasses.dataclass(frozen=True)
class Erased:
    """What an erasure removed from the database."""

    inquiry_ids: tuple[int, ...]
    outbox_rows: int
    # The offer files (PDF, HTML) the deleted offers recorded, wherever `quote offer --output`
    # wrote them: the caller removes them with the rows.
    offer_files: tuple[str, ...] = ()
    # Offer versions deleted, with their pages' token digests, views and the clients' answers.
    offers: int = 0

    @property
    def inquiries(self) -> int:
        return len(self.inquiry_ids)


@dataclasses.dataclass(frozen=True)
class OutboxItem:
    id: int
    inquiry_id: int
    attempts: int
    created_at: str
    # A prepared message (RFC 5322 bytes) and its recipients, or None: the inquiry's notification.
    message: bytes | None = None
    recipients: tuple[str, ...] = ()


def utc_now_iso(now: float | None = None) -> str:
    """``2024-05-01T12:00:00.123Z``: sortable as text."""
    moment = datetime.fromtimestamp(time.time() if now is None else now, UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _continue_numbering(conn: sqlite3.Connection, in_use: NumbersInUse) -> None:
    """In a new database, make the next inquiry and offer numbers follow those in use."""
    if in_use.inquiry:
        # A migration that rebuilt the table may have left its row (seq 0) already.
        raised = conn.execute(
            "UPDATE sqlite_sequence SET seq = MAX(seq, ?) WHERE name = 'inquiry'", (in_use.inquiry,)
        )
        if raised.rowcount == 0:
            conn.execute(
                "INSERT INTO sqlite_sequence (name, seq) VALUES ('inquiry', ?)", (in_use.inquiry,)
            )
    for year, last in in_use.offers.items():
        conn.execute("INSERT INTO offer_sequence (year, last) VALUES (?, ?)", (year, last))


def _casefold(text: str | None) -> str | None:
    return text.casefold() if isinstance(text, str) else text


class Store:
    def __init__(self, path: Path | str, *, timeout: float = 30.0) -> None:
        self.path = Path(path)
        self.timeout = timeout

    # -- connections ------------------------------------------------------------------------

    def connect(self, *, foreign_keys: bool = True) -> sqlite3.Connection:
        self._create_private()
        conn = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
        conn.row_factory = sqlite3.Row
        # SQLite's NOCASE folds only ASCII: JĀNIS@ would not find jānis@.
        conn.create_function("casefold", 1, _casefold, deterministic=True)
        conn.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        conn.execute("PRAGMA secure_delete = ON")
        return conn

    def _create_private(self) -> None:
        """Create the folder (0700) and an empty database file (0600) before SQLite does, so
        they never exist with the process's default modes. SQLite gives its -wal and -shm files
        the database file's mode."""
        if self.path.exists():
            return
        make_folder(self.path.parent)
        with contextlib.suppress(FileExistsError):
            os.close(open_private(self.path, exclusive=True))

    @property
    def files(self) -> tuple[Path, ...]:
        """The database and its journal files (those that exist)."""
        paths = (self.path, *(Path(f"{self.path}{suffix}") for suffix in JOURNAL_SUFFIXES))
        return tuple(path for path in paths if path.exists())

    @contextlib.contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        conn = self.connect()
        try:
            yield conn
        finally:
            conn.close()

    @contextlib.contextmanager
    def transaction(self, *, foreign_keys: bool = True) -> Iterator[sqlite3.Connection]:
        """A write transaction: committed (durably) when the block ends, rolled back on error."""
        conn = self.connect(foreign_keys=foreign_keys)
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        finally:
            conn.close()

    def add_counts(self, rows: list[tuple[str, str, str, str, str, int]]) -> None:
        """Add ``(day, event, dimension, value, price_version, count)`` rows to ``visit_count``
        in one short transaction (quote/counting/tally.py gathers them in memory first)."""
        if not rows:
            return
        with self.transaction() as conn:
            conn.executemany(
                "INSERT INTO visit_count (day, event, dimension, value, price_version, count) "
                "VALUES (?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (day, event, dimension, value, price_version) "
                "DO UPDATE SET count = count + excluded.count",
                rows,
            )

    def visit_counts(self) -> list[tuple[str, str, str, str, str, int]]:
        """Every ``visit_count`` row, in key order."""
        with self.reading() as conn:
            return [
                tuple(row)
                for row in conn.execute(
                    "SELECT day, event, dimension, value, price_version, count FROM visit_count "
                    "ORDER BY day, event, dimension, value, price_version"
                )
            ]

    # -- schema -----------------------------------------------------------------------------

    def migrate(self, in_use: NumbersInUse | None = None) -> int:
        """Bring the schema to :data:`SCHEMA_VERSION`; returns the version found before.

        A database made new starts its numbers after ``in_use`` (those found on files), so no
        number is given twice. A file that exists but is empty is refused, not taken for a new
        database: SQLite would start again at number 1. Foreign keys are off while migrating (a
        rebuilt table must not cascade into the outbox) and checked before the commit."""
        if self.path.is_file() and self.path.stat().st_size == 0:
            raise DamagedStoreError(
                f"{self.path}: datubāzes fails ir tukšs (0 baitu); tas netiek izveidots no jauna, "
                "lai pieprasījumu numuri nesāktos no 1. Atjaunojiet to no rezerves kopijas vai "
                "izdzēsiet, ja tajā nekad nav bijis pieprasījumu."
            )
        try:
            return self._migrate(in_use)
        except sqlite3.DatabaseError as exc:  # "file is not a database", a damaged schema
            raise DamagedStoreError(
                f"{self.path}: fails nav pieprasījumu datubāze vai ir bojāts ({exc})."
            ) from exc

    def _migrate(self, in_use: NumbersInUse | None) -> int:
        with self.transaction(foreign_keys=False) as conn:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{self.path}: database schema version {version} is newer than this "
                    f"program's ({SCHEMA_VERSION}); update the program"
                )
            for number in range(version, SCHEMA_VERSION):
                for statement in _statements(MIGRATIONS[number]):
                    conn.execute(statement)
            if version != SCHEMA_VERSION:
                broken = conn.execute("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise StoreError(f"{self.path}: migration broke {len(broken)} references")
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            if version == 0 and in_use is not None:
                _continue_numbering(conn, in_use)
        return version

    def check(self) -> None:
        """Raise :class:`StoreError` when SQLite's quick check finds the database damaged.

        Linear in the file's size (milliseconds for this store): run at start and now and then
        by the health check, never per request."""
        try:
            with self.reading() as conn:
                problems = [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
        except sqlite3.DatabaseError as exc:
            raise DamagedStoreError(
                f"{self.path}: datubāze ir bojāta vai nenolasāma ({exc})."
            ) from exc
        if problems != ["ok"]:
            raise DamagedStoreError(f"{self.path}: datubāze ir bojāta: {'; '.join(problems)}.")

    def probe_write(self) -> None:
        """Take the write lock and change the schema, then roll back: a database that can't be
        written (read-only, locked for good, its folder gone) fails here, and nothing changes."""
        try:
            conn = self.connect()
            try:
                conn.execute("BEGIN IMMEDIATE")
                conn.execute("CREATE TABLE write_probe (x)")
                conn.execute("ROLLBACK")
            finally:
                conn.close()
        except sqlite3.Error as exc:
            raise DamagedStoreError(f"{self.path}: datubāzē nevar ierakstīt ({exc}).") from exc

    def version(self) -> int:
        with self.reading() as conn:
            return conn.execute("PRAGMA user_version").fetchone()[0]

    # -- inquiries --------------------------------------------------------------------------

    def add_inquiry(self, inquiry: NewInquiry, *, notify: bool, now: float | None = None) -> int:
        """Store an inquiry and, if ``notify``, its outbox row, in one committed transaction."""
        now = time.time() if now is None else now
        with self.transaction() as conn:
            return self._insert(conn, inquiry, notify=notify, now=now)

    def add_send(self, inquiry: NewInquiry, *, notify: bool, now: float | None = None) -> Stored:
        """Store one send of the form unless it was stored already; see :class:`Stored`.

        A send is known by its ``send_key``; without one, by the same address and message within
        :data:`SAME_SEND_SECONDS` (a form posted again without JavaScript). The lookup and the
        insert are one transaction, so a double click can't slip in between.
        """
        now = time.time() if now is None else now
        with self.transaction() as conn:
            if inquiry.send_key is not None:
                row = conn.execute(
                    "SELECT id FROM inquiry WHERE send_key = ?", (inquiry.send_key,)
                ).fetchone()
            else:
                row = conn.execute(
                    "SELECT id FROM inquiry WHERE email COLLATE NOCASE = ? AND message = ?"
                    " AND created_at >= ? ORDER BY id DESC LIMIT 1",
                    (inquiry.email, inquiry.message, utc_now_iso(now - SAME_SEND_SECONDS)),
                ).fetchone()
            if row is not None:
                return Stored(int(row["id"]), created=False)
            return Stored(self._insert(conn, inquiry, notify=notify, now=now), created=True)

    def _insert(
        self, conn: sqlite3.Connection, inquiry: NewInquiry, *, notify: bool, now: float
    ) -> int:
        stamp = utc_now_iso(now)
        cursor = conn.execute(
            "INSERT INTO inquiry (created_at, spam, name, email, phone, company, channels,"
            " message, quote_query, estimate_json, price_version, quote_note, client_address,"
            " send_key, lang) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                stamp,
                inquiry.spam,
                inquiry.name,
                inquiry.email,
                inquiry.phone,
                inquiry.company,
                json.dumps(list(inquiry.channels)),
                inquiry.message,
                inquiry.quote_query,
                inquiry.estimate_json,
                inquiry.price_version,
                inquiry.quote_note,
                inquiry.client_address,
                inquiry.send_key,
                inquiry.lang,
            ),
        )
        inquiry_id = int(cursor.lastrowid)
        if inquiry.price_version and inquiry.price_list_json:
            record_price_list(conn, inquiry.price_version, inquiry.price_list_json, stamp)
        if notify:
            conn.execute(
                "INSERT INTO outbox (inquiry_id, created_at, next_attempt_at) VALUES (?, ?, ?)",
                (inquiry_id, stamp, now),
            )
        return inquiry_id

    def get_inquiry(self, inquiry_id: int) -> dict[str, Any] | None:
        with self.reading() as conn:
            row = conn.execute("SELECT * FROM inquiry WHERE id = ?", (inquiry_id,)).fetchone()
        return _inquiry_dict(row) if row else None

    def list_inquiries(self, *, spam: bool, limit: int | None = None) -> list[dict[str, Any]]:
        """Newest first; ``spam`` selects spam instead of real inquiries."""
        where = "spam IS NOT NULL" if spam else "spam IS NULL"
        sql = f"SELECT * FROM inquiry WHERE {where} ORDER BY id DESC"
        params: tuple[Any, ...] = ()
        if limit is not None:
            sql += " LIMIT ?"
            params = (limit,)
        with self.reading() as conn:
            return [_inquiry_dict(row) for row in conn.execute(sql, params)]

    def count_inquiries(self) -> dict[str, int]:
        with self.reading() as conn:
            row = conn.execute(
                "SELECT COUNT(*) - COUNT(spam) AS inquiries, COUNT(spam) AS spam FROM inquiry"
            ).fetchone()
        return {"inquiries": row["inquiries"], "spam": row["spam"]}

    def purge_older_than(self, cutoff: float) -> Erased:
        """Delete inquiries and spam received before ``cutoff`` (a Unix time) with their outbox."""
        return self._erase("created_at < ?", (utc_now_iso(cutoff),))

    def delete_by_email(self, email: str) -> Erased:
        """Delete every inquiry and spam from this address (compared without case, for every
        letter: Unicode case folding)."""
        forms = {email.strip()}
        # The stored address is the normalised one (domain in lowercase, IDNA as Unicode).
        with contextlib.suppress(EmailNotValidError):
            forms.add(validate_email(email.strip(), check_deliverability=False).normalized)
        folded = tuple({form.casefold() for form in forms})
        marks = ", ".join("?" for _ in folded)
        return self._erase(f"casefold(email) IN ({marks})", folded)

    def delete_inquiry(self, inquiry_id: int) -> Erased:
        """Delete one inquiry with everything kept for it: outbox rows (notifications, the
        offers e-mailed to the client, the owner's news of an answer), status changes, every
        offer version with its PDF, its page's token digest and the client's answer."""
        return self._erase("id = ?", (inquiry_id,))

    def inquiry_ids(self) -> set[int]:
        with self.reading() as conn:
            return {row[0] for row in conn.execute("SELECT id FROM inquiry")}

    def _erase(self, where: str, params: tuple[Any, ...]) -> Erased:
        with self.transaction() as conn:
            ids = tuple(
                row[0]
                for row in conn.execute(f"SELECT id FROM inquiry WHERE {where} ORDER BY id", params)
            )
            outbox = conn.execute(
                f"SELECT COUNT(*) FROM outbox WHERE inquiry_id IN"
                f" (SELECT id FROM inquiry WHERE {where})",
                params,
            ).fetchone()[0]
            offers = conn.execute(
                f"SELECT COUNT(*) FROM offer WHERE inquiry_id IN"
                f" (SELECT id FROM inquiry WHERE {where})",
                params,
            ).fetchone()[0]
            files = tuple(
                name
                for row in conn.execute(
                    f"SELECT files_json FROM offer WHERE inquiry_id IN"
                    f" (SELECT id FROM inquiry WHERE {where})",
                    params,
                )
                for name in json.loads(row[0] or "[]")
            )
            conn.execute(f"DELETE FROM inquiry WHERE {where}", params)  # outbox, offers by cascade
        if ids:
            # The deleted rows' pages are zeroed (secure_delete); copying the WAL back into the
            # database and truncating it leaves no old copy in the -wal file either.
            with self.reading() as conn:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return Erased(ids, outbox, files, offers)

    # -- outbox -----------------------------------------------------------------------------

    @staticmethod
    def queue_message(
        conn: sqlite3.Connection,
        inquiry_id: int,
        message: bytes,
        recipients: list[str],
        *,
        now: float | None = None,
    ) -> int:
        """Queue a prepared message about an inquiry inside the caller's transaction; it is
        erased with the inquiry like its notification."""
        now = time.time() if now is None else now
        cursor = conn.execute(
            "INSERT INTO outbox (inquiry_id, created_at, next_attempt_at, message, recipients)"
            " VALUES (?, ?, ?, ?, ?)",
            (inquiry_id, utc_now_iso(now), now, message, json.dumps(recipients)),
        )
        return int(cursor.lastrowid)

    def claim_outbox(
        self, *, now: float, lock_seconds: float, after_id: int = 0, force: bool = False
    ) -> OutboxItem | None:
        """Take the next unsent message (due, unless ``force``) for ``lock_seconds``.

        One UPDATE claims it atomically, so two workers (the server's and ``quote outbox flush``)
        never send the same message at once; a claim left by a killed process expires.
        """
        with self.transaction() as conn:
            row = conn.execute(
                "UPDATE outbox SET locked_until = :lock, attempts = attempts + 1"
                " WHERE id = (SELECT id FROM outbox WHERE sent_at IS NULL AND id > :after"
                "   AND (:force OR next_attempt_at <= :now)"
                "   AND (locked_until IS NULL OR locked_until <= :now)"
                "   ORDER BY id LIMIT 1)"
                " RETURNING id, inquiry_id, attempts, created_at, message, recipients",
                {"lock": now + lock_seconds, "after": after_id, "force": force, "now": now},
            ).fetchone()
        if row is None:
            return None
        return OutboxItem(
            row["id"],
            row["inquiry_id"],
            row["attempts"],
            row["created_at"],
            row["message"],
            tuple(json.loads(row["recipients"] or "[]")),
        )

    def mark_sent(
        self, outbox_id: int, *, now: float, delivered_by: str, server_reply: str | None = None
    ) -> None:
        """Record a notification as gone: ``delivered_by`` ``smtp`` (with the server's answer
        in ``server_reply``) or ``file``."""
        with self.transaction() as conn:
            conn.execute(
                "UPDATE outbox SET sent_at = ?, locked_until = NULL, last_error = NULL,"
                " delivered_by = ?, server_reply = ? WHERE id = ?",
                (utc_now_iso(now), delivered_by, (server_reply or "")[:1000] or None, outbox_id),
            )

    def mark_failed(self, outbox_id: int, *, next_attempt_at: float, error: str) -> None:
        with self.transaction() as conn:
            conn.execute(
                "UPDATE outbox SET next_attempt_at = ?, locked_until = NULL, last_error = ?"
                " WHERE id = ?",
                (next_attempt_at, error[:1000], outbox_id),
            )

    def next_due_at(self) -> float | None:
        """When the earliest unsent message is due (or its claim expires); None if none."""
        with self.reading() as conn:
            row = conn.execute(
                "SELECT MIN(MAX(next_attempt_at, COALESCE(locked_until, 0))) FROM outbox"
                " WHERE sent_at IS NULL"
            ).fetchone()
        return row[0]

    def outbox_for(self, inquiry_id: int) -> list[dict[str, Any]]:
        with self.reading() as conn:
            return [
                dict(row)
                for row in conn.execute(
                    "SELECT * FROM outbox WHERE inquiry_id = ? ORDER BY id", (inquiry_id,)
                )
            ]

    def latest_outbox(self) -> dict[int, dict[str, Any]]:
        """Each inquiry's newest notification, by inquiry id (for lists and exports); the
        messages to clients (offers) are not notifications."""
        with self.reading() as conn:
            rows = conn.execute(
                "SELECT * FROM outbox WHERE id IN (SELECT MAX(id) FROM outbox"
                " WHERE message IS NULL GROUP BY inquiry_id)"
            ).fetchall()
        return {row["inquiry_id"]: dict(row) for row in rows}

    def outbox_counts(self) -> dict[str, int]:
        """``smtp``: accepted by an SMTP server; ``file``: only written to a file; ``unknown``:
        sent before the store recorded how; ``pending`` (``failing``: of them, tried already)."""
        with self.reading() as conn:
            row = conn.execute(
                "SELECT COUNT(sent_at) AS sent, COUNT(*) - COUNT(sent_at) AS pending,"
                " SUM(CASE WHEN sent_at IS NULL AND attempts > 0 THEN 1 ELSE 0 END) AS failing,"
                " SUM(CASE WHEN delivered_by = 'smtp' THEN 1 ELSE 0 END) AS smtp,"
                " SUM(CASE WHEN delivered_by = 'file' THEN 1 ELSE 0 END) AS file"
                " FROM outbox"
            ).fetchone()
        smtp, file = row["smtp"] or 0, row["file"] or 0
        return {
            "sent": row["sent"],
            "smtp": smtp,
            "file": file,
            "unknown": row["sent"] - smtp - file,
            "pending": row["pending"],
            "failing": row["failing"] or 0,
        }


def record_price_list(conn: sqlite3.Connection, version: str, snapshot: str, seen: str) -> None:
    """Keep the snapshot of a price list the first time an estimate uses it."""
    dated = json.loads(snapshot).get("dated_at")
    conn.execute(
        "INSERT INTO price_list (version, dated_at, first_seen_at, snapshot_json)"
        " VALUES (?, ?, ?, ?) ON CONFLICT (version) DO NOTHING",
        (version, dated, seen, snapshot),
    )


def _statements(script: str) -> list[str]:
    return [part.strip() for part in script.split(";") if part.strip()]


def _inquiry_dict(row: sqlite3.Row) -> dict[str, Any]:
    data = {key: row[key] for key in INQUIRY_COLUMNS}
    data["channels"] = json.loads(data["channels"] or "[]")
    return data
