"""Erasure and retention over every copy of an inquiry: its row, its outbox rows (notifications,
offers e-mailed to the client, the owner's news of the client's answer), every offer version (its
PDF and fields, its page's token digest, views and answer: deleted with the inquiry by the store),
the ``.eml`` files the file transport wrote for it and the offer files ``quote offer`` wrote
(``quote inquiries erase``, ``delete`` and ``purge``; the default offers folder is swept by
:func:`quote.offers.followup.erase_orphan_offers`).

Files are matched by the inquiry id in their name (:data:`quote.contact.mailer.EML_FILE`). A purge
also removes notification files whose inquiry is no longer stored (left by an erasure of an older
version). The folder is listed before the store is read, so a file written for a new inquiry in
the meantime is never taken for an orphan.
"""

from __future__ import annotations

import contextlib
import dataclasses
from pathlib import Path

from .mailer import eml_files
from .store import Erased, Store


@dataclasses.dataclass(frozen=True)
class Erasure:
    rows: Erased
    files: tuple[Path, ...]


def delete_inquiry(store: Store, mail_dir: Path, inquiry_id: int) -> Erasure:
    return _with_files(store.delete_inquiry(inquiry_id), mail_dir)


def delete_by_email(store: Store, mail_dir: Path, email: str) -> Erasure:
    return _with_files(store.delete_by_email(email), mail_dir)


def _with_files(rows: Erased, mail_dir: Path) -> Erasure:
    wanted = set(rows.inquiry_ids)
    emails = [p for p, owner in eml_files(mail_dir).items() if owner in wanted]
    return Erasure(rows, _remove([*emails, *map(Path, rows.offer_files)]))


def purge_older_than(store: Store, mail_dir: Path, cutoff: float) -> Erasure:
    files = eml_files(mail_dir)
    rows = store.purge_older_than(cutoff)
    kept = store.inquiry_ids()
    emails = [path for path, owner in files.items() if owner not in kept]
    return Erasure(rows, _remove([*emails, *map(Path, rows.offer_files)]))


def _remove(paths) -> tuple[Path, ...]:
    removed = []
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed.append(path)
    # `quote offer --output` writes into a folder named by the inquiry's number: gone with it
    # once empty.
    for folder in {path.parent for path in removed if path.parent.name.isdigit()}:
        with contextlib.suppress(OSError):
            folder.rmdir()
    return tuple(removed)
