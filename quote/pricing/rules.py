"""The rules between fields of ``pricing.yaml``, in plain Python.

The schema (``quote.pricing.model``) checks each value on its own; these rules check how values fit
together: unique ids, price or tiers, quantity and package services, tier prices rising, and a
package's includes naming real services and tiers. They read the raw data with the schema's own
converters, skip values the schema refuses, and report through the validation's
:class:`~quote.pricing.problems.Report`, so every problem is still reported at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from quote.money import format_eur
from quote.pricing import messages as text
from quote.pricing.fields import BILLINGS, to_cents, to_ident
from quote.pricing.marks import Loc
from quote.pricing.problems import Report


@dataclass
class _Service:
    """What the rules know of one service: only its values the schema accepts."""

    loc: Loc
    billing: str | None
    quantity: bool
    package: bool
    has_tiers: bool
    tier_ids: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Include:
    package: _Service
    loc: Loc
    service: str
    tier: str | None


def check_rules(data: Any, report: Report) -> set[Loc]:
    """Report every broken rule; return the places whose schema errors are beside the point
    (the ``includes`` of a tier that may not have any)."""
    ignored: set[Loc] = set()
    if isinstance(data, dict):
        _vat_rule(report, data)
    services = data.get("services") if isinstance(data, dict) else None
    if not isinstance(services, list):
        return ignored
    by_id: dict[str, _Service] = {}
    first_line: dict[str, int] = {}
    includes: list[_Include] = []
    for position, raw in enumerate(services):
        if not isinstance(raw, dict):
            continue
        loc: Loc = ("services", position)
        service = _Service(
            loc,
            billing=raw.get("billing") if raw.get("billing") in BILLINGS else None,
            quantity=raw.get("quantity") is True,
            package=raw.get("package") is True,
            has_tiers="tiers" in raw,
        )
        service_id = _unique_id(report, raw, loc, first_line, "pakalpojuma", "katram pakalpojumam")
        if service_id is not None:
            by_id[service_id] = service
        _service_rules(report, raw, service)
        tiers = raw.get("tiers")
        if isinstance(tiers, list):
            includes += _tier_rules(report, tiers, service, ignored)
        if "recommended" in raw:
            _recommended_rule(report, raw["recommended"], service)
    # Cross-references are checked against every service whose id is known, so a package's
    # mistakes are reported even while another service has problems of its own.
    for include in includes:
        _include_rules(report, include, by_id)
    return ignored


def _vat_rule(report: Report, data: dict) -> None:
    """A VAT payer writes the rate (``vat_rate``), a seller who is not one ``vat: none``."""
    if "vat" in data and "vat_rate" in data:
        report.at_key(("vat_rate",), text.VAT_BOTH, "vat_rate un vat")
    elif "vat" not in data and "vat_rate" not in data:
        report.at_parent(("vat_rate",), text.VAT_NEITHER)


def _valid(convert, value: object) -> Any:
    try:
        return convert(value)
    except ValueError:
        return None


def _unique_id(
    report: Report, raw: dict, loc: Loc, first_line: dict[str, int], of: str, each: str
) -> str | None:
    """The item's valid id, or None when invalid or already used by an earlier item."""
    item_id = _valid(to_ident, raw.get("id"))
    if item_id is None:
        return None
    if item_id in first_line:
        report.at_value(
            (*loc, "id"),
            f"{of} id jau izmantots {first_line[item_id]}. rindā; {each} vajag savu id",
        )
        return None
    first_line[item_id] = report.line((*loc, "id"))
    return item_id


def _service_rules(report: Report, raw: dict, service: _Service) -> None:
    loc = service.loc
    has_price, has_tiers = "price" in raw, "tiers" in raw
    if has_price and has_tiers:
        report.at_key(
            (*loc, "tiers"),
            "norādiet vai nu price (viena cena), vai tiers (līmeņi), ne abus",
            "price un tiers",
        )
    elif not has_price and not has_tiers:
        report.at_parent((*loc, "price"), "trūkst cenas: norādiet price vai tiers (līmeņus)")
    if service.quantity:
        if service.billing == "monthly":
            report.at_value(
                (*loc, "billing"), "pakalpojumam ar quantity: true gaidīts billing: once"
            )
        if has_tiers and not has_price:
            report.at_key(
                (*loc, "tiers"),
                "pakalpojumam ar quantity: true norādiet vienu price, nevis tiers",
                None,
            )
        if "unit" not in raw:
            report.at_parent(
                (*loc, "unit"), "pakalpojumam ar quantity: true jānorāda unit (piemēram, st.)"
            )
    if service.package:
        if service.quantity:
            report.at_value((*loc, "quantity"), "paketei (package: true) nevar būt quantity: true")
        if has_price and not has_tiers:
            report.at_key(
                (*loc, "price"),
                "paketei (package: true) norādiet līmeņus tiers ar includes, nevis price",
                None,
            )


def _tier_rules(
    report: Report, tiers: list, service: _Service, ignored: set[Loc]
) -> list[_Include]:
    """Unique tier ids, rising prices and a package tier's includes; returns its includes."""
    includes: list[_Include] = []
    first_line: dict[str, int] = {}
    previous: int | None = None
    for position, raw in enumerate(tiers):
        if not isinstance(raw, dict):
            continue
        loc: Loc = (*service.loc, "tiers", position)
        tier_id = _unique_id(report, raw, loc, first_line, "līmeņa", "katram līmenim")
        if tier_id is not None:
            service.tier_ids.append(tier_id)
        price = _valid(to_cents, raw.get("price"))
        if price is not None and previous is not None and price <= previous:
            report.at_value(
                (*loc, "price"),
                "gaidīta cena, kas lielāka par iepriekšējā līmeņa cenu "
                f"({format_eur(previous)}): līmeņi jāsakārto pēc cenas augošā secībā",
            )
        elif price is not None:
            previous = price
        includes_loc = (*loc, "includes")
        if "includes" in raw and not service.package:
            report.at_key(
                includes_loc, "includes līmenī ir atļauts tikai paketei (package: true)", None
            )
            ignored.add(includes_loc)
        elif "includes" in raw:
            includes += _package_includes(report, raw["includes"], service, includes_loc)
        elif service.package:
            report.at_parent(
                includes_loc, "trūkst obligātā lauka 'includes' (paketē iekļautie pakalpojumi)"
            )
    return includes


def _package_includes(report: Report, raw: Any, package: _Service, loc: Loc) -> list[_Include]:
    """A package tier's includes, each service once; their targets are checked later."""
    if raw == []:
        report.at_value(loc, text.EXPECT_NON_EMPTY_LIST, text.EMPTY_LIST)
    if not isinstance(raw, list):
        return []
    result: list[_Include] = []
    seen: set[str] = set()
    for position, item in enumerate(raw):
        if not isinstance(item, dict):
            continue
        item_loc = (*loc, position)
        service = _valid(to_ident, item.get("service"))
        tier = _valid(to_ident, item["tier"]) if "tier" in item else None
        if service is None or ("tier" in item and tier is None):
            continue
        if service in seen:
            report.at_value((*item_loc, "service"), "šis pakalpojums šajā līmenī jau ir iekļauts")
            continue
        seen.add(service)
        result.append(_Include(package, item_loc, service, tier))
    return result


def _include_rules(report: Report, include: _Include, by_id: dict[str, _Service]) -> None:
    """An include names a known, non-package service of the package's billing, and its tier."""
    service_loc, tier_loc = (*include.loc, "service"), (*include.loc, "tier")
    target = by_id.get(include.service)
    if target is None:
        known = ", ".join(sid for sid, service in by_id.items() if not service.package)
        report.at_value(service_loc, f"gaidīts šī cenrāža pakalpojuma id ({known})")
    elif target.package or target.quantity:
        report.at_value(
            service_loc,
            "paketē var iekļaut tikai pakalpojumu, kas nav pakete un nav "
            "daudzuma pakalpojums (quantity: true)",
        )
    elif None not in (target.billing, include.package.billing) and (
        target.billing != include.package.billing
    ):
        report.at_value(
            service_loc,
            f"paketē var iekļaut tikai pakalpojumu ar billing: {include.package.billing}",
        )
    elif include.tier is None and target.tier_ids:
        report.at_parent(
            tier_loc,
            f"pakalpojumam '{include.service}' ir līmeņi: "
            f"norādiet tier ({', '.join(target.tier_ids)})",
        )
    elif include.tier is not None and not target.tier_ids and not target.has_tiers:
        report.at_value(tier_loc, f"pakalpojumam '{include.service}' nav līmeņu: izdzēsiet tier")
    elif include.tier is not None and target.tier_ids and include.tier not in target.tier_ids:
        report.at_value(
            tier_loc,
            f"gaidīts pakalpojuma '{include.service}' līmeņa id ({', '.join(target.tier_ids)})",
        )


def _recommended_rule(report: Report, raw: object, service: _Service) -> None:
    """The recommended tier is one of the service's own tiers."""
    loc = (*service.loc, "recommended")
    recommended = _valid(to_ident, raw)
    if recommended is None:
        return  # the schema reports an invalid id
    if not service.has_tiers:
        report.at_key(
            loc, "ieteicamo līmeni (recommended) var norādīt tikai līmeņiem (tiers)", None
        )
    elif service.tier_ids and recommended not in service.tier_ids:
        report.at_value(loc, f"gaidīts šī pakalpojuma līmeņa id ({', '.join(service.tier_ids)})")
