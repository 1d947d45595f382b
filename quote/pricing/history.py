"""The built versions of ``pricing.yaml`` as the owner sees them, and putting one back.

The versions are the copies :mod:`quote.pricing.backups` keeps after each good build. Each is
shown with its date, its version and its price differences against the current file, in the
words of ``quote diff`` (:func:`quote.pricing.changes.price_diff`), read as "what restoring it
would change": the current price → that version's. Restoring one first keeps the current file
as a new copy, so an undo can itself be undone.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from quote.pricing import backups
from quote.pricing.catalog import to_catalog
from quote.pricing.changes import Catalog, price_diff
from quote.pricing.model import load_price_list
from quote.pricing.problems import PricingError

# The version name of a kept file that was not a valid price list (kept by an undo).
INVALID = "nederigs"
NONE_KEPT = (
    "Saglabātu {name} versiju vēl nav: tās rodas pēc katras veiksmīgas būvēšanas "
    "(make build, make serve, make publish)."
)


@dataclass(frozen=True)
class Version:
    number: int  # 1 = the newest copy
    path: Path
    version: str
    saved: datetime


def versions(pricing: Path) -> list[Version]:
    """The kept copies of ``pricing``, newest first, numbered from 1."""
    found = []
    for number, path in enumerate(backups.copies(pricing), 1):
        stamp = path.stem.split("-")[1]
        try:
            saved = datetime.strptime(stamp, "%Y%m%dT%H%M%S")
        except ValueError:
            saved = datetime.fromtimestamp(path.stat().st_mtime)
        found.append(Version(number, path, backups.version_of(path), saved))
    return found


def catalog_of(path: Path) -> Catalog | None:
    """The catalog of the price list at ``path``, or None when it is not a valid one."""
    try:
        return to_catalog(load_price_list(path))
    except PricingError:
        return None


def differences(current: Catalog | None, version: Version) -> list[str]:
    """What restoring ``version`` would change in the prices, one ``quote diff`` line each."""
    if current is None:
        return ["(pašreizējais cenrādis nav derīgs: salīdzināt nav ar ko)"]
    kept = catalog_of(version.path)
    if kept is None:
        return ["(šī versija nav derīgs cenrādis)"]
    return price_diff(current, kept)


def choose(pricing: Path, number: int | None) -> Version | None:
    """Version ``number``, or without one the newest that differs from the current file."""
    kept = versions(pricing)
    if number is not None:
        return next((v for v in kept if v.number == number), None)
    current = catalog_of(pricing)
    current_version = current["version"] if current else None
    return next((v for v in kept if v.version != current_version), None)


def restore(pricing: Path, version: Version) -> Path:
    """Put ``version`` back as ``pricing``, after keeping the current file as a new copy;
    returns that copy."""
    current = catalog_of(pricing)
    kept = keep_current(pricing, current["version"] if current else INVALID)
    partial = pricing.with_name(f".{pricing.name}.undo")
    partial.write_bytes(version.path.read_bytes())
    os.replace(partial, pricing)  # never a half-written pricing.yaml
    return kept


def keep_current(pricing: Path, version: str) -> Path:
    """Copy ``pricing`` into the history as the newest entry (unless the newest is that very
    file already, as after a build of it)."""
    kept = backups.copies(pricing)
    if kept and kept[0].read_bytes() == pricing.read_bytes():
        return kept[0]
    folder = backups.history_dir(pricing)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    target = folder / f"pricing-{stamp}-{version}.yaml"
    while target.exists():  # two undos in one second
        stamp = _next_second(stamp)
        target = folder / f"pricing-{stamp}-{version}.yaml"
    partial = target.with_suffix(".part")
    partial.write_bytes(pricing.read_bytes())
    os.replace(partial, target)
    return target


def _next_second(stamp: str) -> str:
    moment = datetime.strptime(stamp, "%Y%m%dT%H%M%S")
    return datetime.fromtimestamp(moment.timestamp() + 1).strftime("%Y%m%dT%H%M%S")
