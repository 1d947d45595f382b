"""An inquiry and its estimate in Latvian words, for people: the owner's notification email,
``quote inquiries show`` and the export.

Times are shown in Riga's time (UTC when the machine has no time-zone database); amounts with
:func:`quote.money.format_eur`. Visitor text is passed through as stored.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from babel.core import Locale

from quote.contact.form import LABELS
from quote.estimate import format_estimate
from quote.i18n import SOURCE_LANG, language_name
from quote.money import NBSP, NOT_VAT_PAYER, format_eur

try:
    from zoneinfo import ZoneInfo

    RIGA: ZoneInfo | None = ZoneInfo("Europe/Riga")
except Exception:  # no tz database on this machine: show UTC
    RIGA = None

MISSING, NONE_CHOSEN = "nav norādīts", "nav norādīti"
Services = Mapping[str, Mapping[str, Any]]


INDICATIVE = "orientējoša cena"


LATVIAN_PLURAL = Locale.parse("lv").plural_form


def plural(count: int, one: str, other: str) -> str:
    """``count`` and its Latvian form by CLDR's rule (Babel): 1, 21, 101 take ``one``; 11 and
    the rest (CLDR's "zero" and "other", the same words here) take ``other``."""
    return f"{count} {one if LATVIAN_PLURAL(count) == 'one' else other}"


def parse_utc(stamp: str) -> datetime:
    """A stored ``2026-01-31T12:00:00Z`` as an aware datetime."""
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def local_time(moment: datetime | str, *, zone_note: bool = True) -> str:
    """``2026-01-31 14:00 (Rīgas laiks)``; without ``zone_note`` just the date and time."""
    if isinstance(moment, str):
        moment = parse_utc(moment)
    if RIGA is None:
        return moment.strftime("%Y-%m-%d %H:%M UTC")
    text = moment.astimezone(RIGA).strftime("%Y-%m-%d %H:%M")
    return text + " (Rīgas laiks)" if zone_note else text


def language_line(inquiry: Mapping[str, Any]) -> str:
    """``Valoda: angļu (en)``: the language of the page the form was sent from, named in Latvian
    (the owner's language) with its code."""
    code = inquiry.get("lang") or SOURCE_LANG
    return f"Valoda: {language_name(code, SOURCE_LANG)} ({code})"


def language_cell(inquiry: Mapping[str, Any]) -> str:
    """``angļu (en)``, for a table."""
    return language_line(inquiry).removeprefix("Valoda: ")


def contact_lines(inquiry: Mapping[str, Any]) -> list[str]:
    """The visitor's fields, one per line, the form's language, then the message."""
    return [
        f"{LABELS['name']}: {inquiry['name']}",
        f"{LABELS['email']}: {inquiry['email']}",
        f"{LABELS['phone']}: {inquiry['phone'] or MISSING}",
        f"{LABELS['company']}: {inquiry['company'] or MISSING}",
        f"{LABELS['channels']}: {', '.join(inquiry['channels']) or NONE_CHOSEN}",
        language_line(inquiry),
        f"{LABELS['message']}:",
        inquiry["message"],
    ]


def tier_label(tier: str) -> str:
    """``2`` -> ``2. līmenis`` (as the calculator on the page says), another id in quotes."""
    return f"{tier}. līmenis" if tier.isdigit() else f"līmenis „{tier}”"


def estimate_lines(inquiry: Mapping[str, Any], services: Services) -> list[str]:
    """The recomputed estimate: one line per service, the totals with VAT split, the suggestion.

    ``services`` maps service ids to catalog entries (for their names; ids are shown without).
    """
    note = inquiry.get("quote_note")
    if not inquiry.get("estimate_json"):
        lines = ["Aprēķins: nav pievienots."]
        if note:
            lines.append(f"Piezīme: {note}")
        return lines
    result = json.loads(inquiry["estimate_json"])
    texts = format_estimate(result)
    # A seller who is not a VAT payer (pricing.yaml `vat: none`): the prices alone.
    vat_payer = result["monthly"]["vat"] is not None
    version = inquiry.get("price_version") or "?"
    lines = [
        f"Aprēķins (pārrēķināts pēc cenrāža versijas {version}, cenas ar PVN):"
        if vat_payer
        else f"Aprēķins (pārrēķināts pēc cenrāža versijas {version}; {NOT_VAT_PAYER}):"
    ]
    for line in result["lines"]:
        service = services.get(line["service"], {})
        label = service.get("name") or line["service"]
        if line.get("tier"):
            label += f", {tier_label(line['tier'])}"
        if line.get("quantity", 1) > 1 or service.get("quantity"):
            label += f" × {line['quantity']}"
        unit = f"{NBSP}/{NBSP}mēn." if line["billing"] == "monthly" else ""
        mark = f" ({INDICATIVE})" if line.get("indicative") else ""
        lines.append(f"  - {label}: {format_eur(line['amount'])}{unit}{mark}")
    monthly, once = result["monthly"]["gross"], result["once"]["gross"]
    period = plural(result["months"], "mēnesi", "mēnešiem")
    shown = [
        ("monthly", "Ik mēnesi", monthly > 0),
        ("once", "Vienreizējie maksājumi", once > 0),
        ("first_month", "Pirmajā mēnesī", monthly > 0 and once > 0),
        ("period", f"Par {period}", monthly > 0),
    ]
    for part, label, show in shown:
        if show and not vat_payer:
            lines.append(f"  {label}: {texts[part]}")
        elif show:
            lines.append(
                f"  {label}: {texts[part]} "
                f"(bez PVN {texts[part + '_net']}, PVN {texts[part + '_vat']})"
            )
    suggestion = result.get("suggestion")
    if suggestion:
        package = services.get(suggestion["service"], {}).get("name") or suggestion["service"]
        addons = ", ".join(
            (services.get(item["service"], {}).get("name") or item["service"])
            + f" {format_eur(item['amount'])}"
            for item in suggestion.get("addons", [])
        )
        lines.append(
            f"  Ieteikums: {package}, {tier_label(suggestion['tier'])}, "
            f"{format_eur(suggestion['price'])}{NBSP}/{NBSP}mēn."
            + (f" ({INDICATIVE})" if suggestion.get("indicative") else "")
            + (f" kopā ar {addons}" if addons else "")
            + f" – ietaupījums {texts['saving']} mēnesī."
        )
    lines.append(f"Aprēķina parametri: {inquiry['quote_query']}")
    if note:
        lines.append(f"Piezīme: {note}")
    return lines
