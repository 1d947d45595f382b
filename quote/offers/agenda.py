"""What needs the owner today (``quote followup``): each inquiry in at most one section, by its
status (quote/offers/status.py) and the day.

- ``new``: no answer yet, no offer;  ``draft``: an offer made and not sent;
- ``not-viewed``: sent ``days`` or more days ago and not opened;  ``viewed``: opened, no answer;
- ``expiring``: sent, not answered, its last valid day within ``days`` days (before the two above:
  the date is what is urgent);
- ``accepted``, ``changes``, ``declined``: the client answered and the owner has not marked it
  since (``won``/``lost``/``answered`` after the answer takes it off the list);
- ``expired``: past its day without an answer.

An offer sent less than ``days`` days ago and not opened is waiting: counted, not listed.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from quote.contact.store import Store
from quote.offers.status import InquiryStatus, OfferState, inquiry_statuses, local_date

SECTIONS = (
    "new",
    "not-viewed",
    "viewed",
    "expiring",
    "accepted",
    "changes",
    "draft",
    "expired",
    "declined",
)
DEFAULT_DAYS = 3
_BY_STATUS = {
    "new": "new",
    "offer-draft": "draft",
    "offer-accepted": "accepted",
    "offer-changes": "changes",
    "offer-declined": "declined",
    "offer-expired": "expired",
}


@dataclasses.dataclass(frozen=True)
class Entry:
    section: str
    inquiry: dict[str, Any]
    offer: OfferState | None


@dataclasses.dataclass(frozen=True)
class Agenda:
    today: date
    days: int
    sections: dict[str, list[Entry]]  # every key of SECTIONS, oldest inquiry first
    waiting: int  # sent recently, not opened yet: nothing to do


def agenda(store: Store, today: date, days: int = DEFAULT_DAYS) -> Agenda:
    statuses = inquiry_statuses(store, today)
    sections: dict[str, list[Entry]] = {key: [] for key in SECTIONS}
    waiting = 0
    for row in reversed(store.list_inquiries(spam=False)):
        shown = statuses[row["id"]]
        section = section_of(shown, today, days)
        if section == "waiting":
            waiting += 1
        elif section is not None:
            sections[section].append(Entry(section, row, shown.offer))
    return Agenda(today, days, sections, waiting)


def section_of(shown: InquiryStatus, today: date, days: int) -> str | None:
    """The section an inquiry belongs in, ``waiting``, or None (nothing to do: answered, won,
    lost, or marked offer-sent by hand)."""
    if shown.status in _BY_STATUS:
        return _BY_STATUS[shown.status]
    offer = shown.offer
    if shown.status not in ("offer-sent", "offer-viewed") or offer is None or not offer.sent_at:
        return None
    if (offer.valid_until - today).days <= days:
        return "expiring"
    if offer.views:
        return "viewed"
    return "not-viewed" if (today - local_date(offer.sent_at)).days >= days else "waiting"
