"""The numbers already given out, read from the files the tools wrote: so that a database that
was lost and made again never gives an inquiry or an offer a number that is already on an e-mail
or an offer file.

The names recognised are those the tools write: ``inquiry-000123-1.eml`` in the mail folder
(quote.contact.mailer) and ``offers/123/piedavajums-2026-004.pdf`` (quote.offers.document).
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

_EML = re.compile(r"inquiry-(?P<inquiry>[0-9]+)-[0-9]+\.eml")
_OFFER = re.compile(r"piedavajums-(?P<year>[0-9]{4})-(?P<number>[0-9]+)\.[a-z]+")


def offers_folder(db_path: Path) -> Path:
    """Where ``quote offer`` writes by default: ``offers/<inquiry id>/`` beside the database."""
    return db_path.parent / "offers"


@dataclasses.dataclass(frozen=True)
class NumbersInUse:
    inquiry: int = 0  # the highest inquiry number found
    offers: dict[int, int] = dataclasses.field(default_factory=dict)  # year -> highest number

    @property
    def any(self) -> bool:
        return bool(self.inquiry or self.offers)


def numbers_in_use(mail_dir: Path | None, offers_dir: Path | None) -> NumbersInUse:
    """The highest inquiry number and each year's highest offer number found in the files."""
    inquiry, offers = 0, {}
    if mail_dir is not None and mail_dir.is_dir():
        for path in mail_dir.glob("inquiry-*.eml"):
            if found := _EML.fullmatch(path.name):
                inquiry = max(inquiry, int(found["inquiry"]))
    if offers_dir is not None and offers_dir.is_dir():
        for folder in offers_dir.iterdir():
            if not (folder.is_dir() and folder.name.isdigit()):
                continue
            inquiry = max(inquiry, int(folder.name))
            for path in folder.iterdir():
                if found := _OFFER.fullmatch(path.name):
                    year = int(found["year"])
                    offers[year] = max(offers.get(year, 0), int(found["number"]))
    return NumbersInUse(inquiry, offers)
