"""Inquiries as the owner reads them: the spreadsheet export and the summary.

CSV (``quote inquiries export --format csv``) is written for a spreadsheet in a Latvian locale,
as LibreOffice and Excel open it by double-click: UTF-8 with a byte-order mark, ``;`` between
cells, a decimal comma in amounts (``730,00``, no currency sign, no thousands separator, so the
column sums). Headers are Latvian; times are Riga local time with the offset in its own column;
each figure of the estimate is a column (with VAT, without VAT, the VAT), and each service of the
price list is a column holding the chosen tier (``2. līmenis``), the quantity or ``jā``. A text
cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is prefixed with
``'`` so that no spreadsheet runs it as a formula.

JSON keeps the stored structure with amounts in cents, plus the status, the offer numbers and the
notification's ``state`` (``delivered``: an SMTP server accepted it; ``file``: only written to a
file; ``waiting``; ``unknown``; ``none``; ``spam``) with its time, answer or error.

Both say how the owner's notification ended, in the last columns of the CSV.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from quote.contact.wording import language_cell, tier_label
from quote.money import format_eur
from quote.pricing.snapshots import RIGA

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SPAM_REASONS = {"honeypot": "slazda lauks", "too_fast": "pārāk ātri", "bad_time": "nederīgs laiks"}
PART_LABELS = (
    ("monthly", "Mēnesī"),
    ("once", "Vienreizēji"),
    ("first_month", "Pirmajā mēnesī"),
    ("period", "Periodā"),
)
AMOUNT_LABELS = (("gross", "ar PVN"), ("net", "bez PVN"), ("vat", "PVN"))


def safe_cell(value: Any) -> Any:
    """A CSV cell that no spreadsheet will run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def spreadsheet_euros(cents: int) -> str:
    """``73000`` -> ``730,00``: a number a Latvian-locale spreadsheet sums."""
    sign = "-" if cents < 0 else ""
    whole, rest = divmod(abs(cents), 100)
    return f"{sign}{whole},{rest:02d}"


def riga_time(stamp: str) -> tuple[str, str]:
    """Riga local time of a stored UTC stamp and its zone: ``2026-11-30 07:57:31``, ``UTC+02:00``"""
    moment = datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone(RIGA)
    offset = moment.strftime("%z")
    return moment.strftime("%Y-%m-%d %H:%M:%S"), f"UTC{offset[:3]}:{offset[3:]}"


def service_columns(
    catalogs: Iterable[Mapping[str, Any]], records: Iterable[Mapping[str, Any]]
) -> list[tuple[str, str]]:
    """``(service id, header)`` for every service of the catalogs (first one's order first) and
    every service id an estimate names that no catalog has."""
    columns: dict[str, str] = {}
    for catalog in catalogs:
        for service in catalog.get("services", []):
            columns.setdefault(service["id"], service["name"])
    for record in records:
        for line in (record.get("estimate") or {}).get("lines", []):
            columns.setdefault(line["service"], line["service"])
    return list(columns.items())


def csv_header(services: Sequence[tuple[str, str]], *, with_spam: bool) -> list[str]:
    header = ["Nr.", "Saņemts (Rīgas laiks)", "Laika josla", "Statuss"]
    if with_spam:
        header.append("Surogātpasts")
    header += ["Vārds", "E-pasts", "Tālrunis", "Uzņēmums", "Kanāli", "Valoda", "Ziņa"]
    header += [name for _, name in services]
    header.append("Mēneši")
    header += [f"{part} {amount}, €" for _, part in PART_LABELS for _, amount in AMOUNT_LABELS]
    header += [
        "Cenrādis",
        "Aprēķina parametri",
        "Piezīme par aprēķinu",
        "Statusa piezīme",
        "Piedāvājumi",
        "E-pasts īpašniekam",
        "Servera atbilde, fails vai kļūda",
    ]
    return header


def csv_row(
    record: Mapping[str, Any],
    services: Sequence[tuple[str, str]],
    *,
    with_spam: bool,
    status_label: str,
    status_note: str | None,
    price_list: str,
    offers: Sequence[str],
    counted: frozenset[str] = frozenset(),
    mail: tuple[str, str] = ("", ""),
) -> list[Any]:
    """One inquiry's cells; ``counted``: ids of services chosen by quantity (a count is shown
    even when it is 1); ``mail``: how its notification ended, and what backs that (the
    server's answer, the file or the last error: quote/contact/delivery.py)."""
    local, offset = riga_time(record["created_at"])
    row: list[Any] = [record["id"], local, offset, status_label]
    if with_spam:
        row.append(SPAM_REASONS.get(record["spam"], record["spam"] or ""))
    row += [
        record["name"],
        record["email"],
        record["phone"] or "",
        record["company"] or "",
        ", ".join(record["channels"]),
        language_cell(record),
        record["message"],
    ]
    estimate = record.get("estimate")
    chosen = {line["service"]: line for line in (estimate or {}).get("lines", [])}
    for sid, _ in services:
        line = chosen.get(sid)
        if line is None:
            row.append("")
        elif line.get("tier"):
            row.append(tier_label(line["tier"]))
        elif line["quantity"] > 1 or sid in counted:
            row.append(line["quantity"])
        else:
            row.append("jā")
    if estimate:
        row.append(estimate["months"])
        # A seller who is not a VAT payer: the price alone, its net and VAT cells left empty.
        row += [
            ""
            if amount != "gross" and estimate[part]["vat"] is None
            else spreadsheet_euros(estimate[part][amount])
            for part, _ in PART_LABELS
            for amount, _ in AMOUNT_LABELS
        ]
    else:
        row += [""] * (1 + len(PART_LABELS) * len(AMOUNT_LABELS))
    row += [
        price_list if estimate else "",
        record.get("quote_query") or "",
        record.get("quote_note") or "",
        status_note or "",
        ", ".join(offers),
        *mail,
    ]
    return [safe_cell(cell) for cell in row]


def write_csv(header: list[str], rows: Iterable[list[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return "\ufeff" + buffer.getvalue()


def to_json(records: list[dict[str, Any]]) -> str:
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


# -- the summary ---------------------------------------------------------------------------------


def month_of(stamp: str) -> str:
    """``2026-11``: the Riga calendar month of a stored UTC stamp."""
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone(RIGA).strftime("%Y-%m")


def summary(
    records: Iterable[Mapping[str, Any]],
    statuses: Mapping[int, str],
    won_monthly: Mapping[int, int],
) -> dict[str, Any]:
    """Per month (Riga time): inquiries, won, monthly value won (cents); status counts; the
    service choices made most often as ``(service id, tier or None)``.

    ``won_monthly``: the monthly amount agreed for a won inquiry (its last offer's, else its
    estimate's); records are real inquiries (no spam).
    """
    months: dict[str, dict[str, int]] = {}
    by_status: Counter[str] = Counter()
    choices: Counter[tuple[str, str | None]] = Counter()
    for record in records:
        month = months.setdefault(
            month_of(record["created_at"]), {"inquiries": 0, "won": 0, "won_monthly": 0}
        )
        status = statuses.get(record["id"], "new")
        by_status[status] += 1
        month["inquiries"] += 1
        if status == "won":
            month["won"] += 1
            month["won_monthly"] += won_monthly.get(record["id"], 0)
        for line in (record.get("estimate") or {}).get("lines", []):
            choices[(line["service"], line.get("tier"))] += 1
    return {
        "months": dict(sorted(months.items())),
        "statuses": dict(by_status),
        "choices": sorted(
            choices.items(), key=lambda item: (-item[1], item[0][0], item[0][1] or "")
        ),
    }


def summary_lines(
    data: Mapping[str, Any], status_labels: Mapping[str, str], names: Mapping[str, str]
) -> list[str]:
    lines = ["Pieprasījumi pa mēnešiem (Rīgas laiks):"]
    if not data["months"]:
        lines.append("  nav")
    else:
        lines.append(f"  {'Mēnesis':<9} {'Pieprasījumi':>12} {'Noslēgti':>9}  Mēnesī noslēgts")
    for month, row in data["months"].items():
        lines.append(
            f"  {month:<9} {row['inquiries']:>12} {row['won']:>9}  {format_eur(row['won_monthly'])}"
        )
    total = sum(row["inquiries"] for row in data["months"].values())
    won = sum(row["won"] for row in data["months"].values())
    value = sum(row["won_monthly"] for row in data["months"].values())
    lines.append(f"Kopā: {total}; noslēgti {won}; noslēgto vērtība mēnesī {format_eur(value)}.")
    counts = ", ".join(
        f"{label} {data['statuses'].get(status, 0)}" for status, label in status_labels.items()
    )
    lines.append(f"Statusi: {counts}.")
    lines.append("Biežāk izvēlētie pakalpojumi un paketes:")
    if not data["choices"]:
        lines.append("  nav")
    for place, ((sid, tier), count) in enumerate(data["choices"][:5], start=1):
        label = names.get(sid, sid) + (f", {tier_label(tier)}" if tier else "")
        lines.append(f"  {place}. {label} — {count}")
    return lines
