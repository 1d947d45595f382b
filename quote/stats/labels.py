"""What the report calls the things it counts: services and tiers by their names in the current
pricing.yaml (the stored id when it no longer has it), price list versions by their date.

A version's date is the day it was first kept after a build (the copies behind
``quote history``), else the date of the snapshot the store kept when an inquiry was priced with
it, else the current pricing.yaml's own date when it is that version.
"""

from __future__ import annotations

import dataclasses
import os
from datetime import UTC, datetime
from pathlib import Path

from quote.contact.store import Store
from quote.contact.wording import tier_label
from quote.money import NBSP
from quote.pricing import history
from quote.pricing.model import load_price_list
from quote.pricing.problems import PricingError
from quote.pricing.snapshots import price_list_label


@dataclasses.dataclass(frozen=True)
class Labels:
    # a counted service value (``content:2``, ``community``) -> its name
    services: dict[str, str] = dataclasses.field(default_factory=dict)
    # a price list version -> ``2026-11-30, versija 0ef8c0e20e42``
    versions: dict[str, str] = dataclasses.field(default_factory=dict)

    def service(self, value: str) -> str:
        return self.services.get(value, value)

    def version(self, version: str) -> str:
        return self.versions.get(version) or price_list_label(version, None)


def labels_of(store: Store, pricing: Path, versions: list[str] | tuple[str, ...]) -> Labels:
    """The names of the current ``pricing`` (none when it cannot be read) and the dates of
    ``versions``."""
    return Labels(service_names(pricing), version_labels(store, pricing, versions))


def service_names(pricing: Path) -> dict[str, str]:
    """``content:2`` -> ``Satura plāns un publicēšana, 2. līmenis`` (a tier's own name when it
    has one), ``community`` -> its name; empty when the price list cannot be read."""
    try:
        price_list = load_price_list(pricing)
    except PricingError:
        return {}
    names: dict[str, str] = {}
    for service in price_list.services:
        names[service.id] = service.name
        for tier in service.tiers:
            # "2. līmenis" never split over two lines of a chart
            tier_name = tier.name or tier_label(tier.id).replace(" ", NBSP)
            names[f"{service.id}:{tier.id}"] = f"{service.name}, {tier_name}"
    return names


def version_labels(
    store: Store, pricing: Path, versions: list[str] | tuple[str, ...]
) -> dict[str, str]:
    dated: dict[str, str] = {}
    for kept in reversed(history.versions(pricing)):  # oldest first: the first build of each
        dated.setdefault(kept.version, f"{kept.saved:%Y-%m-%d}, versija {kept.version}")
    with store.reading() as conn:
        snapshots = dict(conn.execute("SELECT version, dated_at FROM price_list").fetchall())
    current = history.catalog_of(pricing) if pricing.is_file() else None
    labels = {}
    for version in versions:
        if version in dated:
            labels[version] = dated[version]
        elif snapshots.get(version):
            labels[version] = price_list_label(version, snapshots[version])
        elif current is not None and current["version"] == version:
            stamp = datetime.fromtimestamp(os.stat(pricing).st_mtime, UTC).isoformat()
            labels[version] = price_list_label(version, stamp)
        else:
            labels[version] = price_list_label(version, None)
    return labels
