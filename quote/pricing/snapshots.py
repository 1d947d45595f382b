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
    # The texts an offer prints, per language the list was read in (see :func:`service_texts`):
    # {lang: {"vat_note": …, "services": {id: {"name", "unit", "description", "tiers"}}}}.
    texts: dict[str, Any] = dataclasses.field(default_factory=dict)

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
                "texts": self.texts,
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
            texts=data.get("texts", {}),
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
    texts = {lang: service_texts(price_list.in_language(lang)) for lang in price_list.languages}
    return PriceSnapshot(to_catalog(price_list), indicative, dated, price_list.vat_note, texts)


def service_texts(price_list: PriceList) -> dict[str, Any]:
    """What an offer prints of each service in the list's language, beside its price."""
    return {
        "vat_note": price_list.vat_note,
        "services": {
            service.id: {
                "name": service.name,
                "unit": service.unit,
                "description": list(service.description),
                "tiers": {tier.id: tier.summary for tier in service.tiers},
            }
            for service in price_list.services
        },
    }


def load_snapshot(
    path: Path,
    languages: tuple[str, ...] | None = None,
    monthly_units: dict[str, str] | None = None,
) -> PriceSnapshot:
    """The current ``pricing.yaml`` as a snapshot (raises PricingError when invalid), with its
    texts in ``languages`` (default: the default language alone; ``monthly_units`` as for
    :func:`~quote.pricing.model.load_price_list`)."""
    return snapshot(load_price_list(path, languages, monthly_units), path)


def price_list_label(version: str | None, dated_at: str | None) -> str:
    """How the owner sees a price list named: by its date, then its version."""
    if not version:
        return "nav zināms"
    if not dated_at:
        return f"versija {version} (datums nav zināms)"
    moment = datetime.fromisoformat(dated_at.replace("Z", "+00:00")).astimezone(RIGA)
    return f"{moment:%Y-%m-%d}, versija {version}"
