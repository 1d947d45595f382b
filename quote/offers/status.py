"""An inquiry's status as the owner follows it: few statuses stored, the rest derived.

Stored are the owner's marks (``status_change``: new, answered, offer-sent, won, lost; sending an
offer writes offer-sent itself) and each offer's own columns: made (``created_at``), sent
(``sent_at``), opened (``first_viewed_at``, ``views``), answered (``answer``, ``answered_at``).
Derived here, never stored, from the newest offer version only (a newer version replaces the
older ones, whose pages no longer take an answer):

- ``offer-draft``: made, not sent;  ``offer-sent``: sent, not opened;  ``offer-viewed``: opened;
- ``offer-accepted``, ``offer-changes``, ``offer-declined``: the client's answer (final);
- ``offer-expired``: sent, not answered, and today is past its valid-until day.

Whichever is newer decides: the owner's latest mark, or the newest offer's latest event (made,
sent or answered; a view is not the owner's news). So "won" after an acceptance stays won, a new
offer after "lost" shows the offer, and an answer that comes after "answered" shows the answer.
On a tie (sending writes its mark at the offer's sending time) the offer decides.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from quote.contact.store import Store
from quote.contact.wording import RIGA, parse_utc

# In the order the owner meets them.
STATUSES = (
    "new",
    "answered",
    "offer-draft",
    "offer-sent",
    "offer-viewed",
    "offer-changes",
    "offer-accepted",
    "offer-declined",
    "offer-expired",
    "won",
    "lost",
)
LABELS = {
    "new": "jauns",
    "answered": "atbildēts",
    "offer-draft": "piedāvājums sagatavots",
    "offer-sent": "piedāvājums nosūtīts",
    "offer-viewed": "piedāvājums apskatīts",
    "offer-changes": "klients lūdz izmaiņas",
    "offer-accepted": "piedāvājums pieņemts",
    "offer-declined": "piedāvājums noraidīts",
    "offer-expired": "piedāvājumam beidzies termiņš",
    "won": "noslēgts",
    "lost": "zaudēts",
}
# The client's answer, as the owner reads it beside the offer.
ANSWER_WORDS = {
    "accepted": "pieņemts",
    "changes": "klients lūdz izmaiņas",
    "declined": "noraidīts",
}
_ANSWERED = {"accepted": "offer-accepted", "changes": "offer-changes", "declined": "offer-declined"}


def owner_today() -> date:
    """Today in Riga: an offer is valid to the end of its day in the owner's calendar."""
    return datetime.now(RIGA).date() if RIGA is not None else date.today()


def local_date(stamp: str) -> date:
    """A stored UTC time's day in Riga."""
    moment = parse_utc(stamp)
    return moment.astimezone(RIGA).date() if RIGA is not None else moment.date()


@dataclasses.dataclass(frozen=True)
class OfferState:
    """The newest offer version of an inquiry, as far as its status goes."""

    number: str
    inquiry_id: int
    version: int  # 1 for an inquiry's first offer
    created_at: str
    valid_until: date
    sent_at: str | None
    first_viewed_at: str | None
    views: int
    answer: str | None
    answered_at: str | None
    answer_name: str | None
    answer_text: str | None

    def status(self, today: date) -> str:
        if self.answer:
            return _ANSWERED[self.answer]
        if not self.sent_at:
            return "offer-draft"
        if today > self.valid_until:
            return "offer-expired"
        return "offer-viewed" if self.views else "offer-sent"

    @property
    def last_event(self) -> str:
        return max(filter(None, (self.created_at, self.sent_at, self.answered_at)))


@dataclasses.dataclass(frozen=True)
class InquiryStatus:
    status: str
    offer: OfferState | None  # the newest version, if any
    mark: dict[str, Any] | None  # the owner's latest mark: changed_at, status, note

    @property
    def label(self) -> str:
        return LABELS[self.status]


def decide(mark: dict[str, Any] | None, offer: OfferState | None, today: date) -> str:
    """The shown status from the owner's latest mark and the newest offer (module docstring)."""
    if offer is not None and (mark is None or mark["changed_at"] <= offer.last_event):
        return offer.status(today)
    return mark["status"] if mark else "new"


def inquiry_statuses(
    store: Store, today: date, inquiry_ids: Iterable[int] | None = None
) -> dict[int, InquiryStatus]:
    """The shown status of every inquiry (spam included), or of ``inquiry_ids``, by id."""
    marks, offers = _latest_marks(store), latest_offers(store)
    with store.reading() as conn:
        ids = [row[0] for row in conn.execute("SELECT id FROM inquiry ORDER BY id")]
    if inquiry_ids is not None:
        wanted = set(inquiry_ids)
        ids = [i for i in ids if i in wanted]
    return {
        i: InquiryStatus(decide(marks.get(i), offers.get(i), today), offers.get(i), marks.get(i))
        for i in ids
    }


def inquiry_status(store: Store, inquiry_id: int, today: date) -> InquiryStatus:
    found = inquiry_statuses(store, today, [inquiry_id]).get(inquiry_id)
    return found if found is not None else InquiryStatus("new", None, None)


def latest_offers(store: Store) -> dict[int, OfferState]:
    """Each inquiry's newest offer version, by inquiry id."""
    with store.reading() as conn:
        rows = conn.execute(
            "SELECT o.*, (SELECT COUNT(*) FROM offer p WHERE p.inquiry_id = o.inquiry_id)"
            " AS version FROM offer o"
            " WHERE o.id IN (SELECT MAX(id) FROM offer GROUP BY inquiry_id)"
        ).fetchall()
    return {row["inquiry_id"]: _state(row) for row in rows}


def offer_states(store: Store, inquiry_id: int) -> list[OfferState]:
    """Every offer version of an inquiry, oldest first."""
    with store.reading() as conn:
        rows = conn.execute(
            "SELECT *, ROW_NUMBER() OVER (ORDER BY id) AS version FROM offer"
            " WHERE inquiry_id = ? ORDER BY id",
            (inquiry_id,),
        ).fetchall()
    return [_state(row) for row in rows]


def newer_version(store: Store, number: str) -> str | None:
    """The number of the offer that replaced offer ``number`` (a later one for the same inquiry),
    or None while it is the newest: only the newest version's page takes an answer."""
    with store.reading() as conn:
        row = conn.execute(
            "SELECT newer.number FROM offer o JOIN offer newer"
            " ON newer.inquiry_id = o.inquiry_id AND newer.id > o.id"
            " WHERE o.number = ? ORDER BY newer.id DESC LIMIT 1",
            (number,),
        ).fetchone()
    return row[0] if row else None


def _latest_marks(store: Store) -> dict[int, dict[str, Any]]:
    with store.reading() as conn:
        rows = conn.execute(
            "SELECT inquiry_id, changed_at, status, note FROM status_change"
            " WHERE id IN (SELECT MAX(id) FROM status_change GROUP BY inquiry_id)"
        ).fetchall()
    return {row["inquiry_id"]: dict(row) for row in rows}


def _state(row: Any) -> OfferState:
    return OfferState(
        number=row["number"],
        inquiry_id=row["inquiry_id"],
        version=row["version"],
        created_at=row["created_at"],
        valid_until=date.fromisoformat(row["valid_until"]),
        sent_at=row["sent_at"],
        first_viewed_at=row["first_viewed_at"],
        views=row["views"] or 0,
        answer=row["answer"],
        answered_at=row["answered_at"],
        answer_name=row["answer_name"],
        answer_text=row["answer_text"],
    )
