"""What a price list change means: warnings for `quote check` and the lines of `quote diff`.

Everything here compares catalogs (``quote.pricing.catalog.to_catalog``): the current price
list's and the last published build's, read from ``output/data/pricing.json``. Messages are Latvian.

Warnings never fail a build; they point at what the owner may not have meant:
- a package tier that costs as much as its parts or more (the configurator never suggests it);
- a service or tier id the published site had and this list lacks (old share links lose it);
- a changed VAT rate (every net price changes).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from quote.money import format_eur, split_vat

Catalog = dict[str, Any]
PUBLISHED_CATALOG = Path("output") / "data" / "pricing.json"


def published_catalog(project: Path) -> Catalog | None:
    """The catalog of the last published build (``make publish``), or None when there is none."""
    path = Path(project) / PUBLISHED_CATALOG
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _priced(catalog: Catalog) -> Iterator[tuple[str, str, int]]:
    """(key, label, gross cents) of every price: ``content/3`` for a tier, ``reports`` else."""
    for service in catalog["services"]:
        if service["tiers"]:
            for tier in service["tiers"]:
                yield (
                    f"{service['id']}/{tier['id']}",
                    f"{service['name']}, {tier['id']}",
                    tier["price"],
                )
        elif service["price"] is not None:
            yield service["id"], service["name"], service["price"]


def _part_price(catalog: Catalog, service_id: str, tier_id: str | None) -> int | None:
    for service in catalog["services"]:
        if service["id"] != service_id:
            continue
        if tier_id is None:
            if service["price"] is not None:
                return service["price"]
            return min((t["price"] for t in service["tiers"]), default=None)
        return next((t["price"] for t in service["tiers"] if t["id"] == tier_id), None)
    return None


def package_warnings(catalog: Catalog) -> list[str]:
    warnings = []
    for service in catalog["services"]:
        if not service["package"]:
            continue
        for tier in service["tiers"]:
            parts = [
                (inc, _part_price(catalog, inc["service"], inc["tier"])) for inc in tier["includes"]
            ]
            if not parts or any(price is None for _, price in parts):
                continue
            total = sum(price for _, price in parts)
            if tier["price"] >= total:
                listed = ", ".join(
                    f"{inc['service']}{' ' + inc['tier'] if inc['tier'] else ''} "
                    f"{format_eur(price)}"
                    for inc, price in parts
                )
                warnings.append(
                    f"services[{service['id']}].tiers[{tier['id']}]: paketes cena "
                    f"{format_eur(tier['price'])} nav mazāka par tās daļu summu "
                    f"{format_eur(total)} ({listed}); konfigurators to nekad neieteiks"
                )
    return warnings


def removed_ids(old: Catalog, new: Catalog, origin: str = "") -> list[str]:
    """Services and tiers the published site had that ``new`` lacks, with a share link each."""
    current = {s["id"]: {t["id"] for t in s["tiers"]} for s in new["services"]}
    warnings = []
    for service in old["services"]:
        sid = service["id"]
        if sid not in current:
            example = _link(origin, service)
            warnings.append(
                f"services[{sid}]: pakalpojums '{sid}' („{service['name']}”) ir publicētajā "
                f"vietnē, bet šajā cenrādī tā nav; vecās saites ar {sid}=… to zaudēs, "
                f"piemēram {example}"
            )
            continue
        for tier in service["tiers"]:
            if tier["id"] not in current[sid]:
                warnings.append(
                    f"services[{sid}].tiers[{tier['id']}]: līmenis '{tier['id']}' ir publicētajā "
                    f"vietnē, bet šajā cenrādī tā nav; vecās saites to zaudēs: "
                    f"{origin}/?{sid}={tier['id']}&months=3"
                )
    return warnings


def _link(origin: str, service: dict[str, Any]) -> str:
    value = service["tiers"][0]["id"] if service["tiers"] else "1"
    return f"{origin}/?{service['id']}={value}&months=3"


def _percent(bp: int) -> str:
    return f"{bp / 100:g}".replace(".", ",") + "\u00a0%"


def vat_change(old: Catalog, new: Catalog) -> list[str]:
    if old["vat_bp"] == new["vat_bp"]:
        return []
    if new["vat_bp"] is None:
        return [
            "vat: none: vietnē vairs nav PVN (Pakalpojumu sniedzējs nav PVN maksātājs); cenas "
            "paliek tādas, kā rakstītas, un klients tagad maksā tieši tās"
        ]
    if old["vat_bp"] is None:
        return [
            f"vat_rate: vietnē tagad ir PVN {_percent(new['vat_bp'])}; cenas ir ar PVN, "
            "un cenas bez PVN kļūst mazākas"
        ]
    message = (
        f"vat_rate: PVN likme mainīta no {_percent(old['vat_bp'])} uz {_percent(new['vat_bp'])}; "
        "mainās visas cenas bez PVN"
    )
    old_prices = {key: gross for key, _, gross in _priced(old)}
    for key, label, gross in _priced(new):
        if key in old_prices:
            before = split_vat(old_prices[key], old["vat_bp"])[0]
            after = split_vat(gross, new["vat_bp"])[0]
            message += (
                f", piemēram, {label}: {format_eur(before)} → {format_eur(after)} bez PVN "
                f"({format_eur(old_prices[key])} → {format_eur(gross)} ar PVN)"
            )
            break
    return [message]


def warnings(new: Catalog, published: Catalog | None, origin: str = "") -> list[str]:
    """Every warning for ``new``, compared with ``published`` when there is one."""
    found = package_warnings(new)
    if published is not None:
        found += removed_ids(published, new, origin) + vat_change(published, new)
    return found


def published_origin(project: Path) -> str:
    """The published site's address for share links, or "" while it is unknown."""
    from quote.errors import SettingsError
    from quote.owner import load

    settings = Path(project) / "publishconf.py"
    if not settings.is_file():
        return ""
    try:
        return load(settings, published=True).site_origin
    except SettingsError:
        return ""


def warnings_for(pricing: Path, new: Catalog) -> list[str]:
    """The warnings for the price list at ``pricing`` (its project is the folder it is in)."""
    project = Path(pricing).resolve().parent
    published = published_catalog(project)
    origin = published_origin(project) if published is not None else ""
    return [f"brīdinājums: {line}" for line in warnings(new, published, origin)]


def price_diff(old: Catalog, new: Catalog) -> list[str]:
    """One line per price that differs, old → new, with and without VAT; added and removed too."""
    before = {key: (label, gross) for key, label, gross in _priced(old)}
    after = {key: (label, gross) for key, label, gross in _priced(new)}
    lines = []
    if old["vat_bp"] is None or new["vat_bp"] is None:
        return _plain_price_diff(before, after)
    for key, (label, gross) in after.items():
        net = split_vat(gross, new["vat_bp"])[0]
        if key not in before:
            lines.append(
                f"+ {label} [{key}]: {format_eur(gross)} ar PVN ({format_eur(net)} bez PVN) — jauns"
            )
            continue
        old_gross = before[key][1]
        old_net = split_vat(old_gross, old["vat_bp"])[0]
        if (old_gross, old_net) != (gross, net):
            lines.append(
                f"~ {label} [{key}]: {format_eur(old_gross)} → {format_eur(gross)} ar PVN; "
                f"{format_eur(old_net)} → {format_eur(net)} bez PVN"
            )
    for key, (label, gross) in before.items():
        if key not in after:
            lines.append(f"- {label} [{key}]: {format_eur(gross)} ar PVN — vairs nav cenrādī")
    return lines


def _plain_price_diff(
    before: dict[str, tuple[str, int]], after: dict[str, tuple[str, int]]
) -> list[str]:
    """The price differences when a side is a non-VAT-payer's list: the prices alone."""
    lines = []
    for key, (label, price) in after.items():
        if key not in before:
            lines.append(f"+ {label} [{key}]: {format_eur(price)} — jauns")
        elif before[key][1] != price:
            lines.append(f"~ {label} [{key}]: {format_eur(before[key][1])} → {format_eur(price)}")
    for key, (label, price) in before.items():
        if key not in after:
            lines.append(f"- {label} [{key}]: {format_eur(price)} — vairs nav cenrādī")
    return lines
