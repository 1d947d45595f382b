"""The estimate engine: a selection of services -> totals with VAT and a package suggestion.

Python twin of ``theme/static/js/estimate.js``; both pass ``tests/vectors/estimate/*.json``.
It works on the catalog dict (docs/contracts.md, "The catalog"), the same JSON the browser gets,
and is pure: no I/O, no Pelican.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl, quote

from quote.errors import EstimateError
from quote.money import format_eur, split_vat

__all__ = ["EstimateError", "estimate", "format_estimate", "parse_query", "to_query"]

DEFAULT_MONTHS = 3
MAX_MONTHS = 12
MAX_QUANTITY = 99
PARTS = ("monthly", "once", "first_month", "period")

# What encodeURIComponent leaves alone, so both engines write the same links.
_URI_SAFE = "!*'()"
_DIGITS = re.compile(r"[0-9]{1,2}")

Catalog = Mapping[str, Any]
Service = Mapping[str, Any]
# service id -> (chosen tier or None, quantity), in catalog order
Chosen = dict[str, tuple[Mapping[str, Any] | None, int]]


def _whole(value: object, low: int, high: int) -> int | None:
    # JSON in the browser cannot tell 3.0 from 3, so neither engine does.
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if type(value) is int and low <= value <= high:
        return value
    return None


def _replaced(package: Service) -> set[str]:
    return {item["service"] for tier in package["tiers"] for item in tier["includes"]}


def _rank(service: Service, tier_id: str | None) -> int:
    """Position of a tier in its service (higher is more); 0 for a service without tiers."""
    if not service["tiers"]:
        return 0
    return next((i for i, tier in enumerate(service["tiers"]) if tier["id"] == tier_id), -1)


def _check(catalog: Catalog, selection: Mapping[str, Any]) -> tuple[Chosen, int]:
    """Validate a selection strictly; return what is chosen and the months."""
    services = catalog["services"]
    ids = {service["id"] for service in services}
    for key in selection:
        if key != "months" and key not in ids:
            raise EstimateError("unknown_service", key)
    chosen: Chosen = {}
    for service in services:
        sid = service["id"]
        if sid not in selection:
            continue
        value = selection[sid]
        if service["tiers"]:
            tier = next((t for t in service["tiers"] if t["id"] == value), None)
            if tier is None or not isinstance(value, str):
                raise EstimateError("unknown_tier", sid)
            chosen[sid] = (tier, 1)
        elif service["quantity"]:
            count = _whole(value, 0, MAX_QUANTITY)
            if count is None:
                raise EstimateError("bad_quantity", sid)
            if count:
                chosen[sid] = (None, count)
        else:
            if not isinstance(value, bool):
                raise EstimateError("not_a_toggle", sid)
            if value:
                chosen[sid] = (None, 1)
    months = _whole(selection.get("months", DEFAULT_MONTHS), 1, MAX_MONTHS)
    if months is None:
        raise EstimateError("bad_months", "months")
    for package in services:
        if package["package"] and package["id"] in chosen:
            replaced = _replaced(package)
            for other in services:
                if other["id"] in replaced and other["id"] in chosen:
                    raise EstimateError("package_conflict", other["id"])
    return chosen, months


def _split(gross: int, bp: int | None) -> dict[str, int | None]:
    """``bp`` None: a seller who is not a VAT payer charges no VAT, so the price is the net
    price and there is no VAT figure (``vat`` None, never a 0 % that would look like a rate)."""
    if bp is None:
        return {"gross": gross, "net": gross, "vat": None}
    net, vat = split_vat(gross, bp)
    return {"gross": gross, "net": net, "vat": vat}


def _total(once: dict[str, Any], monthly: dict[str, Any], months: int) -> dict[str, Any]:
    """The one-time figures plus ``months`` times the monthly ones, gross, net and VAT alike:
    a reader multiplying the monthly figures the page shows gets the page's total."""
    return {
        key: None if once[key] is None else once[key] + monthly[key] * months
        for key in ("gross", "net", "vat")
    }


def _suggest(
    catalog: Catalog, chosen: Chosen, lines: list[dict[str, Any]]
) -> dict[str, Any] | None:
    """The package tier that, with the selected services it does not include, costs least.

    A package tier qualifies when it covers at least one selected monthly service at the same or
    a higher tier, and every other selected monthly service is one the package never includes
    (those are kept as add-ons beside it: a package and its own parts can't be combined). It is
    suggested when package plus add-ons cost less than the monthly selection.
    """
    services = {service["id"]: service for service in catalog["services"]}
    if any(services[sid]["package"] for sid in chosen):
        return None
    amounts = {line["service"]: line["amount"] for line in lines if line["billing"] == "monthly"}
    if not amounts:
        return None
    monthly = sum(amounts.values())

    def tier_rank(sid: str, tier_id: str | None) -> int:
        return _rank(services[sid], tier_id)

    def chosen_rank(sid: str) -> int:
        tier = chosen[sid][0]
        return tier_rank(sid, tier["id"] if tier else None)

    best = None
    for package in catalog["services"]:
        if not package["package"]:
            continue
        replaced = _replaced(package)
        for tier in package["tiers"]:
            offered = {item["service"]: item["tier"] for item in tier["includes"]}
            covered = {
                sid
                for sid in amounts
                if sid in offered and tier_rank(sid, offered[sid]) >= chosen_rank(sid)
            }
            if not covered or any(sid in replaced - covered for sid in amounts):
                continue
            addons = [sid for sid in amounts if sid not in replaced]
            total = tier["price"] + sum(amounts[sid] for sid in addons)
            if total < monthly and (best is None or total < best[0]):
                best = (total, package, tier, addons)
    if best is None:
        return None
    total, package, tier, addons = best
    adds = [
        {"service": item["service"], "tier": item["tier"]}
        for item in tier["includes"]
        if item["service"] not in chosen
        or tier_rank(item["service"], item["tier"]) > chosen_rank(item["service"])
    ]
    return {
        "service": package["id"],
        "tier": tier["id"],
        "price": tier["price"],
        "indicative": bool(tier.get("indicative", False)),
        "addons": [
            {
                "service": sid,
                "tier": chosen[sid][0]["id"] if chosen[sid][0] else None,
                "amount": amounts[sid],
            }
            for sid in addons
        ],
        "total": total,
        "saving": monthly - total,
        "adds": adds,
    }


def estimate(catalog: Catalog, selection: Mapping[str, Any]) -> dict[str, Any]:
    """Price a selection (docs/contracts.md, "Selection and estimate").

    Raises ``EstimateError`` for anything but a valid selection.
    """
    chosen, months = _check(catalog, selection)
    services = {service["id"]: service for service in catalog["services"]}
    sums = {"once": 0, "monthly": 0}
    lines = []
    for sid, (tier, quantity) in chosen.items():
        service = services[sid]
        amount = (tier or service)["price"] * quantity
        sums[service["billing"]] += amount
        lines.append(
            {
                "service": sid,
                "tier": tier["id"] if tier else None,
                "quantity": quantity,
                "billing": service["billing"],
                "amount": amount,
            }
        )
    bp = catalog["vat_bp"]
    monthly, once = _split(sums["monthly"], bp), _split(sums["once"], bp)
    return {
        "months": months,
        "lines": lines,
        "monthly": monthly,
        "once": once,
        "first_month": _total(once, monthly, 1),
        "period": _total(once, monthly, months),
        "suggestion": _suggest(catalog, chosen, lines),
    }


def format_estimate(result: Mapping[str, Any]) -> dict[str, str]:
    """Formatted euros: ``monthly``, ``monthly_net``, ``monthly_vat``, the same for ``once``,
    ``first_month`` and ``period``, and ``saving`` when a package is suggested. Without VAT (a
    seller who is not a VAT payer) only the prices themselves: no ``_net`` or ``_vat``."""
    out = {}
    for part in PARTS:
        out[part] = format_eur(result[part]["gross"])
        if result[part]["vat"] is not None:
            out[f"{part}_net"] = format_eur(result[part]["net"])
            out[f"{part}_vat"] = format_eur(result[part]["vat"])
    if result["suggestion"]:
        out["saving"] = format_eur(result["suggestion"]["saving"])
    return out


def _query_value(service: Service, value: str) -> str | bool | int | None:
    if service["tiers"]:
        return value if any(tier["id"] == value for tier in service["tiers"]) else None
    if service["quantity"]:
        return int(value) if _DIGITS.fullmatch(value) else None
    return {"1": True, "0": False}.get(value)


def parse_query(catalog: Catalog, qs: str) -> dict[str, Any]:
    """A valid selection from a share link's query string, dropping whatever is not valid.

    Keeps what is on, in catalog order, plus ``months``; the last valid value of a key wins;
    a package drops the services it replaces.
    """
    services = {service["id"]: service for service in catalog["services"]}
    picked: dict[str, Any] = {}
    months = DEFAULT_MONTHS
    for key, value in parse_qsl(qs.removeprefix("?"), keep_blank_values=True):
        if key == "months":
            if _DIGITS.fullmatch(value) and 1 <= int(value) <= MAX_MONTHS:
                months = int(value)
        elif key in services:
            parsed = _query_value(services[key], value)
            if parsed is not None:
                picked[key] = parsed
    for service in catalog["services"]:
        if service["package"] and picked.get(service["id"]):
            for sid in _replaced(service):
                picked.pop(sid, None)
    selection: dict[str, Any] = {
        service["id"]: picked[service["id"]]
        for service in catalog["services"]
        if picked.get(service["id"])
    }
    selection["months"] = months
    return selection


def to_query(catalog: Catalog, selection: Mapping[str, Any]) -> str:
    """The share-link query string of a valid selection (raises ``EstimateError`` otherwise)."""
    chosen, months = _check(catalog, selection)
    parts = [
        f"{quote(sid, safe=_URI_SAFE)}={quote(tier['id'] if tier else str(count), safe=_URI_SAFE)}"
        for sid, (tier, count) in chosen.items()
    ]
    parts.append(f"months={months}")
    return "&".join(parts)
