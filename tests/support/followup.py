"""An inquiry's follow-up set up by hand, at fixed times: inquiries and offer versions in a store,
and what happens to an offer after it is made, written into its columns the way the code that
does it writes them: sending (``quote offer --send``, quote/offers/sending.py) and the client's
page (a view, an answer given once).

Import from here: ``from tests.support.followup import …``.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, date, datetime
from pathlib import Path

from quote.contact.store import NewInquiry, Store, utc_now_iso
from quote.offers import followup


def at(day: str, clock: str = "10:00") -> float:
    """A Unix time from a day and a UTC clock time: ``at("2026-05-04", "09:30")``."""
    return datetime.fromisoformat(f"{day}T{clock}:00+00:00").timestamp()


def new_store(path: Path) -> Store:
    store = Store(path)
    store.migrate()
    return store


def add_inquiry(store: Store, name: str, *, when: float, email: str | None = None, **fields) -> int:
    """A real inquiry (no notification queued) received at ``when``."""
    inquiry = NewInquiry(
        name=name,
        email=email or f"{name.split()[0].lower()}@piemers.lv",
        phone=fields.pop("phone", None),
        company=fields.pop("company", None),
        channels=tuple(fields.pop("channels", ("Meta",))),
        message=fields.pop("message", "Labdien! Lūdzu piedāvājumu."),
        quote_query=fields.pop("quote_query", "content=1&months=3"),
        **fields,
    )
    return store.add_inquiry(inquiry, notify=False, now=when)


def make_offer(store: Store, inquiry_id: int, *, when: float, valid_until: str, **options) -> str:
    """An offer version recorded as ``quote offer`` records it (without its PDF); its number."""
    made = datetime.fromtimestamp(when, UTC)
    recorded = followup.record_offer(
        store,
        inquiry_id=inquiry_id,
        year=made.year,
        valid_until=date.fromisoformat(valid_until),
        discount_bp=0,
        note=None,
        price_version=None,
        quote_query="content=1&months=3",
        totals={"monthly": {"gross": 30000}, "once": {"gross": 0}},
        now=when,
        **options,
    )
    return recorded.number


def send_offer(store: Store, number: str, *, when: float) -> str:
    """Sent as quote/offers/sending.py marks it: a token (only its SHA-256 kept), the time, the
    offer-sent mark at the same moment. Returns the token."""
    token = secrets.token_urlsafe(32)
    stamp = utc_now_iso(when)
    with store.transaction() as conn:
        (inquiry_id,) = conn.execute(
            "SELECT inquiry_id FROM offer WHERE number = ?", (number,)
        ).fetchone()
        conn.execute(
            "UPDATE offer SET token_sha256 = ?, sent_at = ? WHERE number = ?",
            (hashlib.sha256(token.encode()).hexdigest(), stamp, number),
        )
        conn.execute(
            "INSERT INTO status_change (inquiry_id, changed_at, status, note) VALUES (?, ?, ?, ?)",
            (inquiry_id, stamp, "offer-sent", f"Nr. {number}"),
        )
    return token


def view_offer(store: Store, number: str, *, when: float) -> None:
    """The client opened the offer's page: the first time kept, every time counted."""
    with store.transaction() as conn:
        conn.execute(
            "UPDATE offer SET views = views + 1, first_viewed_at = COALESCE(first_viewed_at, ?)"
            " WHERE number = ?",
            (utc_now_iso(when), number),
        )


def answer_offer(
    store: Store,
    number: str,
    answer: str,
    *,
    when: float,
    name: str = "",
    text: str = "",
    owner_message: bytes | None = None,
) -> bool:
    """The client's answer on the page, written once; False when it was answered already.
    ``owner_message``: the owner's e-mail about it, queued in the same transaction as the page
    queues it (a prepared message in the outbox, to the owner)."""
    with store.transaction() as conn:
        written = conn.execute(
            "UPDATE offer SET answer = ?, answered_at = ?, answer_name = ?, answer_text = ?"
            " WHERE number = ? AND answer IS NULL",
            (answer, utc_now_iso(when), name or None, text or None, number),
        ).rowcount
        if written and owner_message is not None:
            (inquiry_id,) = conn.execute(
                "SELECT inquiry_id FROM offer WHERE number = ?", (number,)
            ).fetchone()
            store.queue_message(conn, inquiry_id, owner_message, ["owner@piemers.lv"], now=when)
        return bool(written)


def mark(store: Store, inquiry_id: int, status: str, *, when: float, note: str = "") -> None:
    """The owner's mark (``quote inquiries mark``) at a fixed time."""
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO status_change (inquiry_id, changed_at, status, note) VALUES (?, ?, ?, ?)",
            (inquiry_id, utc_now_iso(when), status, note or None),
        )
