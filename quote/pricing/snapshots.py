"""Price lists as they were: the snapshot kept with the inquiries, named by date and version.

The endpoint prices an inquiry with the current ``pricing.yaml`` and the store keeps a snapshot
of that price list the first time a version is used (``price_list`` table). ``quote offer`` prices
the offer from the snapshot, so that its figures are the ones the prospect saw even after the
owner changed a price; ``quote inquiries show`` names the price list by date and version.

A snapshot is the configurator catalog (docs/contracts.md) plus what the catalog leaves out and
an offer shows: which tiers are indicative (price not yet confirmed) and the file's date.
"""

from __future__ import annotations

import dataclasses
import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from quote.pricing.catalog import to_catalog
from quote.pricing.model import PriceList, load_price_list

try:
    from zoneinfo import ZoneInfo

    RIGA = ZoneInfo("Europe/Riga")
except Exception:  # no tz database on this machine: dates in UTC
    RIGA = UTC


@dataclasses.dataclass(frozen=True)
class PriceSnapshot:
    catalog: dict[str, Any]
    # (service id, tier id) of every tier whose price is not yet confirmed
    indicative: frozenset[tuple[str, str]]
    dated_at: str | None  # UTC ISO time of the pricing.yaml it was read from
    vat_note: str = ""  # pricing.yaml's note on VAT and what prices leave out

    @property
    def version(self) -> str:
        return self.catalog["version"]

    def to_json(self) -> str:
        return json.dumps(
            {
                "catalog": self.catalog,
                "indicative": sorted([list(pair) for pair in self.indicative]),
                "dated_at": self.dated_at,
                "vat_note": self.vat_note,
            },
            ensure_ascii=False,
            sort_keys=True,
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text: str) -> PriceSnapshot:
        data = json.loads(text)
        return cls(
            catalog=data["catalog"],
            indicative=frozenset((sid, tier) for sid, tier in data.get("indicative", [])),
            dated_at=data.get("dated_at"),
            vat_note=data.get("vat_note", ""),
        )

    def label(self) -> str:
        """``2026-11-30, versija 0ef8c0e20e42`` (the date in Riga time)."""
        return price_list_label(self.version, self.dated_at)


def snapshot(price_list: PriceList, path: Path | None = None) -> PriceSnapshot:
    """The snapshot of a loaded price list; dated by ``path``'s modification time when given."""
    indicative = frozenset(
        (service.id, tier.id)
        for service in price_list.services
        for tier in service.tiers
        if tier.indicative
    )
    dated = None
    if path is not None:
        mtime = os.stat(path).st_mtime
        dated = datetime.fromtimestamp(mtime, UTC).isoformat(timespec="seconds")
        dated = dated.replace("+00:00", "Z")
    return PriceSnapshot(to_catalog(price_list), indicative, dated, price_list.vat_note)


def load_snapshot(path: Path) -> PriceSnapshot:
    """The current ``pricing.yaml`` as a snapshot (raises PricingError when invalid)."""
    return snapshot(load_price_list(path), path)


def price_list_label(version: str | None, dated_at: str | None) -> str:
    """How the owner sees a price list named: by its date, then its version."""
    if not version:
        return "nav zināms"
    if not dated_at:
        return f"versija {version} (datums nav zināms)"
    moment = datetime.fromisoformat(dated_at.replace("Z", "+00:00")).astimezone(RIGA)
    return f"{moment:%Y-%m-%d}, versija {version}"
