"""An inquiry's follow-up set up by hand, at fixed times: inquiries and offer versions in a store,
and what happens to an offer after it is made, written into its columns the way the code that
does it writes them: sending (``quote offer --send``, quote/offers/sending.py); the client's
page's views and answers go through the page's own functions (quote/offers/answers.py).

Import from here: ``from tests.support.followup import …``.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, date, datetime
from email import message_from_bytes
from email.policy import SMTP
from pathlib import Path

from quote.contact.store import NewInquiry, Store, utc_now_iso
from quote.offers import answers, followup


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


def page_offer(store: Store, number: str) -> answers.SentOffer:
    """The sent offer as its page holds it once its token is found (quote/offers/answers.py)."""
    with store.reading() as conn:
        row = conn.execute("SELECT * FROM offer WHERE number = ?", (number,)).fetchone()
    return answers.SentOffer(
        id=row["id"],
        number=row["number"],
        inquiry_id=row["inquiry_id"],
        lang=row["lang"],
        valid_until=date.fromisoformat(row["valid_until"]),
        document={},
        pdf=b"",
        answer=row["answer"],
        answered_at=row["answered_at"],
        answer_name=row["answer_name"],
        answer_text=row["answer_text"],
    )


def view_offer(store: Store, number: str, *, when: float) -> None:
    """The client opened the offer's page (the page's own record_view)."""
    answers.record_view(store, page_offer(store, number), now=when)


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
    """The client's answer on the page (the page's own record_answer: once, and only on the
    newest version), with the owner's e-mail queued with it (``owner_message``, else a short
    one); False when nothing was written."""
    body = owner_message or f"Subject: Piedavajums Nr. {number}\r\n\r\n{answer}\r\n".encode()
    written, _ = answers.record_answer(
        store,
        page_offer(store, number),
        answers.Answer(answer, name, text),
        message=lambda *_: message_from_bytes(body, policy=SMTP),
        recipients=["owner@piemers.lv"],
        now=when,
    )
    return written


def mark(store: Store, inquiry_id: int, status: str, *, when: float, note: str = "") -> None:
    """The owner's mark (``quote inquiries mark``) at a fixed time."""
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO status_change (inquiry_id, changed_at, status, note) VALUES (?, ?, ?, ?)",
            (inquiry_id, utc_now_iso(when), status, note or None),
        )
