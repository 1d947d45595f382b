"""The client's side of a sent offer: finding it by its page's token, its views, its one answer.

- An offer's page is found only by the token in the client's link: the store keeps the token's
  SHA-256 (quote/offers/sending.py), looked up by it and compared in constant time. A token that
  cannot be one of ours (wrong length or characters) is not looked up at all.
- Opening the page records a view (:func:`record_view`: ``first_viewed_at`` once, ``views`` + 1)
  and an answer is written once (:func:`record_answer`: ``UPDATE … WHERE answer IS NULL``), final
  for that offer, and only while it is the inquiry's newest version (a newer one replaces it:
  quote/offers/status.py); a new offer is a new number with a new token. These two functions are
  the one place a view and an answer are recorded; the page that calls them (quote/offers/web.py)
  counts each view and each acceptance as well (``offer_viewed``, ``offer_accepted``: daily
  totals through the endpoint's counting, quote/counting).
- The owner hears of an answer by e-mail, in Latvian (:func:`owner_message`): queued in the outbox
  in the same transaction that stores the answer, so an answer is never kept without its message
  on its way, nor told without being kept.
"""

from __future__ import annotations

import dataclasses
import hmac
import json
import re
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid, parseaddr
from typing import Any
from zoneinfo import ZoneInfo

from quote.contact.mailer import reply_to_address
from quote.contact.store import Store, utc_now_iso
from quote.offers.sending import token_digest

ANSWERS = ("accepted", "changes", "declined")
# What the owner reads in the subject and the body, by answer. (Python's header folding drops
# the space between two encoded words where it breaks the line: keep these short.)
ANSWER_WORDS = {
    "accepted": "pieņemts",
    "changes": "lūgtas izmaiņas",
    "declined": "noraidīts",
}
# secrets.token_urlsafe(32) is 43 characters; anything shorter than 128 bits is not ours.
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{22,128}")
# The offer's dates are the owner's calendar days (valid until the end of that day in Latvia).
OWNER_ZONE = ZoneInfo("Europe/Riga")
MAX_NAME = 100
MAX_TEXT = 2000
# The newest later version of the same inquiry's offer (as quote.offers.status.newer_version).
_NEWER = (
    "(SELECT newer.number FROM offer newer WHERE newer.inquiry_id = offer.inquiry_id"
    " AND newer.id > offer.id ORDER BY newer.id DESC LIMIT 1)"
)


@dataclasses.dataclass(frozen=True)
class SentOffer:
    """A sent offer as its page shows it."""

    id: int
    number: str
    inquiry_id: int
    lang: str
    valid_until: date
    document: dict[str, Any]
    pdf: bytes
    answer: str | None
    answered_at: str | None
    answer_name: str | None
    answer_text: str | None
    replaced_by: str | None = None  # the number of a newer version of the offer, if any

    def expired(self, today: date | None = None) -> bool:
        """Past its valid-until day (which itself still counts), in the owner's time zone."""
        return (today or owner_today()) > self.valid_until


@dataclasses.dataclass(frozen=True)
class Answer:
    """An answer as the client gave it: ``kind`` one of :data:`ANSWERS`."""

    kind: str
    name: str = ""
    text: str = ""


def owner_today() -> date:
    return datetime.now(OWNER_ZONE).date()


def find_offer(store: Store, token: str) -> SentOffer | None:
    """The sent offer whose page ``token`` opens, or None (also for a malformed token)."""
    if not isinstance(token, str) or not TOKEN_PATTERN.fullmatch(token):
        return None
    digest = token_digest(token)
    with store.reading() as conn:
        row = conn.execute(
            "SELECT id, number, inquiry_id, lang, valid_until, document_json, pdf, token_sha256,"
            f" answer, answered_at, answer_name, answer_text, {_NEWER} AS replaced_by FROM offer"
            " WHERE token_sha256 = ? AND sent_at IS NOT NULL AND document_json IS NOT NULL",
            (digest,),
        ).fetchone()
    if row is None or not hmac.compare_digest(row["token_sha256"], digest):
        return None
    return SentOffer(
        id=row["id"],
        number=row["number"],
        inquiry_id=row["inquiry_id"],
        lang=row["lang"],
        valid_until=date.fromisoformat(row["valid_until"]),
        document=json.loads(row["document_json"]),
        pdf=bytes(row["pdf"] or b""),
        answer=row["answer"],
        answered_at=row["answered_at"],
        answer_name=row["answer_name"],
        answer_text=row["answer_text"],
        replaced_by=row["replaced_by"],
    )


def record_view(store: Store, offer: SentOffer, now: float | None = None) -> None:
    """The page was opened: the first time is kept, every time counted (for the owner only)."""
    with store.transaction() as conn:
        conn.execute(
            "UPDATE offer SET views = views + 1, first_viewed_at = COALESCE(first_viewed_at, ?)"
            " WHERE id = ?",
            (utc_now_iso(now), offer.id),
        )


def record_answer(
    store: Store,
    offer: SentOffer,
    answer: Answer,
    *,
    message: Callable[[SentOffer, Answer, str], EmailMessage],
    recipients: Sequence[str],
    now: float | None = None,
) -> tuple[bool, SentOffer]:
    """Store the client's answer once and queue the owner's e-mail with it, in one transaction.

    Returns ``(True, the offer as answered)``, or ``(False, the offer as it is)`` when it was
    answered already or a newer version replaced it (nothing is written then).
    ``message(offer, answer, at)`` writes the owner's e-mail."""
    if answer.kind not in ANSWERS:
        raise ValueError(f"unknown answer {answer.kind!r}")
    at = utc_now_iso(now)
    with store.transaction() as conn:
        written = conn.execute(
            "UPDATE offer SET answer = ?, answered_at = ?, answer_name = ?, answer_text = ?"
            f" WHERE id = ? AND answer IS NULL AND {_NEWER} IS NULL",
            (answer.kind, at, answer.name or None, answer.text or None, offer.id),
        ).rowcount
        if written:
            email = message(offer, answer, at)
            store.queue_message(conn, offer.inquiry_id, email.as_bytes(), list(recipients))
            return True, dataclasses.replace(
                offer,
                answer=answer.kind,
                answered_at=at,
                answer_name=answer.name or None,
                answer_text=answer.text or None,
            )
        row = conn.execute(
            "SELECT answer, answered_at, answer_name, answer_text,"
            f" {_NEWER} AS replaced_by FROM offer WHERE id = ?",
            (offer.id,),
        ).fetchone()
    return False, dataclasses.replace(offer, **dict(row))


def local_time(iso: str) -> datetime:
    """A stored UTC time (``2026-05-04T10:00:00Z`` or with an offset) in the owner's zone."""
    moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(OWNER_ZONE)


def owner_message(
    offer: SentOffer, answer: Answer, at: str, *, mail_from: str, mail_to: Sequence[str]
) -> EmailMessage:
    """The owner's e-mail about the client's answer, in Latvian. The client's words are in the
    body only, never in a header; ``Reply-To`` is the client's address (as checked when the
    inquiry was taken)."""
    document = offer.document
    client = document.get("client", {})
    who = client.get("company") or client.get("name") or ""
    words = ANSWER_WORDS[answer.kind]
    lines = [
        f"Piedāvājums Nr. {offer.number}: {words}.",
        "",
        f"Klients: {who}",
    ]
    if client.get("company") and client.get("name"):
        lines.append(f"Kontaktpersona: {client['name']}")
    if client.get("email"):
        lines.append(f"E-pasts: {client['email']}")
    lines.append(f"Laiks: {local_time(at):%d.%m.%Y %H:%M}")
    if answer.kind == "accepted":
        lines += ["", f"Piekrita noteikumiem un parakstījās kā: {answer.name}"]
    if answer.text:
        label = "Lūgtās izmaiņas" if answer.kind == "changes" else "Iemesls"
        lines += ["", f"{label}:", answer.text]
    elif answer.kind == "declined":
        lines += ["", "Iemesls nav norādīts."]
    lines += [
        "",
        f"Pieprasījums: quote inquiries show {offer.inquiry_id}",
        "Atbilde ir galīga šim piedāvājumam; jaunu piedāvājumu veido ar "
        f"quote offer {offer.inquiry_id}.",
    ]
    message = EmailMessage(policy=SMTP)
    message["Subject"] = f"Piedāvājums Nr. {offer.number}: {words}"
    message["From"] = mail_from
    message["To"] = ", ".join(mail_to)
    reply_to = reply_to_address(client.get("email", ""))
    if reply_to:
        message["Reply-To"] = reply_to
    message["Date"] = format_datetime(datetime.now(UTC))
    domain = parseaddr(mail_from)[1].rpartition("@")[2] or "localhost"
    message["Message-ID"] = make_msgid("answer", domain=domain)
    message["Content-Language"] = "lv"
    message.set_content("\n".join(lines) + "\n", charset="utf-8", cte="quoted-printable")
    return message
