"""The owner's follow-up of inquiries, kept in the inquiry store: statuses, offers, price lists.

- A status is one of :data:`STATUSES`; every change is kept with its time and note
  (``status_change``); an inquiry without a change is ``new``.
- An offer gets the number ``YYYY-NNN``: the year's counter (``offer_sequence``) is raised in the
  same transaction that records the offer, and is never lowered, even when an inquiry and its
  offers are erased, so a number is never given twice.
- The price list an inquiry was priced with is read back by version (``price_list``).

The tables are created by the store's migrations (quote/contact/store.py).
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

from quote.contact.numbering import offers_folder as offers_folder  # where offers go by default
from quote.contact.store import Store, utc_now_iso
from quote.errors import AcceptedOfferError, FollowupError, NotFoundError
from quote.pricing.snapshots import PriceSnapshot

STATUSES = ("new", "answered", "offer-sent", "won", "lost")
STATUS_LABELS = {
    "new": "jauns",
    "answered": "atbildēts",
    "offer-sent": "piedāvājums nosūtīts",
    "won": "noslēgts",
    "lost": "zaudēts",
}
# The status of an inquiry: its latest change, else "new".
_CURRENT_STATUS = (
    "COALESCE((SELECT status FROM status_change s WHERE s.inquiry_id = inquiry.id"
    " ORDER BY s.id DESC LIMIT 1), 'new')"
)


@dataclasses.dataclass(frozen=True)
class RecordedOffer:
    number: str
    inquiry_id: int
    created_at: str
    valid_until: str
    discount_bp: int
    note: str | None
    price_version: str | None
    quote_query: str | None
    totals: dict[str, Any]
    files: tuple[str, ...]
    lang: str = "lv"
    # The client's details given for this offer: company, reg_no, address.
    client: dict[str, str] = dataclasses.field(default_factory=dict)


def set_status(store: Store, inquiry_id: int, status: str, note: str | None = None) -> None:
    if status not in STATUSES:
        raise FollowupError(f"nezināms statuss {status!r}; derīgi: {', '.join(STATUSES)}")
    with store.transaction() as conn:
        if not conn.execute("SELECT 1 FROM inquiry WHERE id = ?", (inquiry_id,)).fetchone():
            raise NotFoundError(f"Pieprasījums Nr. {inquiry_id} nav atrasts.")
        conn.execute(
            "INSERT INTO status_change (inquiry_id, changed_at, status, note) VALUES (?, ?, ?, ?)",
            (inquiry_id, utc_now_iso(), status, note or None),
        )


def statuses(store: Store) -> dict[int, str]:
    """The current status of every inquiry (spam included), by id."""
    with store.reading() as conn:
        rows = conn.execute(f"SELECT id, {_CURRENT_STATUS} AS status FROM inquiry")
        return {row["id"]: row["status"] for row in rows}


def status_history(store: Store, inquiry_id: int) -> list[dict[str, Any]]:
    """Every change, oldest first: ``changed_at``, ``status``, ``note``."""
    with store.reading() as conn:
        return [
            dict(row)
            for row in conn.execute(
                "SELECT changed_at, status, note FROM status_change WHERE inquiry_id = ?"
                " ORDER BY id",
                (inquiry_id,),
            )
        ]


def record_offer(
    store: Store,
    *,
    inquiry_id: int,
    year: int,
    valid_until: date,
    discount_bp: int,
    note: str | None,
    price_version: str | None,
    quote_query: str | None,
    totals: dict[str, Any],
    lang: str = "lv",
    client: dict[str, str] | None = None,
    now: float | None = None,
    new_version: bool = False,
) -> RecordedOffer:
    """Take the next number of ``year`` and record the offer with it, in one transaction.

    An accepted offer is locked: when the inquiry's newest offer was accepted, a new one is
    refused unless ``new_version`` (the owner asked for it); checked in the same transaction, so
    an answer given meanwhile is never replaced unseen."""
    created = utc_now_iso(now)
    with store.transaction() as conn:
        if not conn.execute("SELECT 1 FROM inquiry WHERE id = ?", (inquiry_id,)).fetchone():
            raise NotFoundError(f"Pieprasījums Nr. {inquiry_id} nav atrasts.")
        newest = conn.execute(
            "SELECT number, answer, answer_name FROM offer WHERE inquiry_id = ?"
            " ORDER BY id DESC LIMIT 1",
            (inquiry_id,),
        ).fetchone()
        if newest is not None and newest["answer"] == "accepted" and not new_version:
            who = f" ({newest['answer_name']})" if newest["answer_name"] else ""
            raise AcceptedOfferError(
                f"Klients{who} ir pieņēmis piedāvājumu Nr. {newest['number']}: pieņemts "
                "piedāvājums netiek mainīts. Ja tiešām vajag jaunu versiju (tā aizstās pieņemto), "
                f"palaidiet: quote offer {inquiry_id} --new-version …"
            )
        last = conn.execute(
            "INSERT INTO offer_sequence (year, last) VALUES (?, 1)"
            " ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last",
            (year,),
        ).fetchone()[0]
        offer = RecordedOffer(
            number=format_offer_number(year, last),
            inquiry_id=inquiry_id,
            created_at=created,
            valid_until=valid_until.isoformat(),
            discount_bp=discount_bp,
            note=note,
            price_version=price_version,
            quote_query=quote_query,
            totals=totals,
            files=(),
            lang=lang,
            client=client or {},
        )
        columns = _columns(offer)
        conn.execute(
            f"INSERT INTO offer ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            tuple(columns.values()),
        )
    return offer


def set_offer_files(store: Store, number: str, files: list[str]) -> None:
    with store.transaction() as conn:
        conn.execute(
            "UPDATE offer SET files_json = ? WHERE number = ?", (json.dumps(files), number)
        )


def set_offer_document(store: Store, number: str, context: dict[str, Any], pdf: bytes) -> None:
    """Keep the document as rendered (its fields and its PDF): the offer's page shows it."""
    with store.transaction() as conn:
        conn.execute(
            "UPDATE offer SET document_json = ?, pdf = ? WHERE number = ?",
            (json.dumps(context, ensure_ascii=False), pdf, number),
        )


def offer_document(store: Store, number: str) -> tuple[dict[str, Any], bytes] | None:
    """The document kept for an offer (its fields and its PDF), or None."""
    with store.reading() as conn:
        row = conn.execute(
            "SELECT document_json, pdf FROM offer WHERE number = ?", (number,)
        ).fetchone()
    if row is None or row["document_json"] is None:
        return None
    return json.loads(row["document_json"]), bytes(row["pdf"])


def offers_for(store: Store, inquiry_id: int) -> list[RecordedOffer]:
    with store.reading() as conn:
        rows = conn.execute(
            "SELECT * FROM offer WHERE inquiry_id = ? ORDER BY id", (inquiry_id,)
        ).fetchall()
    return [_offer(row) for row in rows]


def offer_files_for_email(store: Store, inquiry_ids: list[int]) -> list[str]:
    """The offer files written for these inquiries (to erase them with the inquiries)."""
    files: list[str] = []
    with store.reading() as conn:
        for inquiry_id in inquiry_ids:
            for row in conn.execute(
                "SELECT files_json FROM offer WHERE inquiry_id = ?", (inquiry_id,)
            ):
                files.extend(json.loads(row["files_json"]))
    return files


def erase_orphan_offers(store: Store, offers_dir: Path) -> list[Path]:
    """Delete the offer folders (``<inquiry id>/``) of inquiries no longer stored.

    Run after an erasure or a purge: an offer holds the client's name and address, so it goes
    with the inquiry. Returns the folders removed.
    """
    if not offers_dir.is_dir():
        return []
    with store.reading() as conn:
        kept = {row[0] for row in conn.execute("SELECT id FROM inquiry")}
    removed = []
    for folder in sorted(offers_dir.iterdir()):
        if folder.is_dir() and folder.name.isdigit() and int(folder.name) not in kept:
            shutil.rmtree(folder)
            removed.append(folder)
    return removed


def format_offer_number(year: int, sequence: int) -> str:
    """``2026-007``; past 999 the number simply grows (``2026-1000``)."""
    return f"{year}-{sequence:03d}"


def price_list(store: Store, version: str | None) -> tuple[PriceSnapshot | None, str | None]:
    """The snapshot kept for ``version`` and its date, or ``(None, None)``."""
    if not version:
        return None, None
    with store.reading() as conn:
        row = conn.execute(
            "SELECT dated_at, snapshot_json FROM price_list WHERE version = ?", (version,)
        ).fetchone()
    if row is None:
        return None, None
    return PriceSnapshot.from_json(row["snapshot_json"]), row["dated_at"]


# The offer table's columns are the fields of RecordedOffer, these two kept as JSON text.
_JSON_COLUMNS = {"totals": "totals_json", "files": "files_json", "client": "client_json"}


def _columns(offer: RecordedOffer) -> dict[str, Any]:
    """The offer's row: column name -> value."""
    return {
        _JSON_COLUMNS.get(name, name): json.dumps(value, sort_keys=True)
        if name in _JSON_COLUMNS
        else value
        for name, value in dataclasses.asdict(offer).items()
    }


def _offer(row: Any) -> RecordedOffer:
    values = {
        field.name: row[_JSON_COLUMNS.get(field.name, field.name)]
        for field in dataclasses.fields(RecordedOffer)
    }
    values["totals"] = json.loads(values["totals"])
    values["files"] = tuple(json.loads(values["files"]))
    values["client"] = json.loads(values["client"] or "{}")
    return RecordedOffer(**values)
