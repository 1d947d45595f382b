"""``quote inquiries``: the owner's view of the inquiries received by the contact form.

    quote inquiries list [--limit N]          newest first; spam listed apart, after them
    quote inquiries show ID                   every field, the estimate and the email's state
    quote inquiries export --format csv|json  to stdout or --output FILE (spam with --with-spam)
    quote inquiries purge [--older-than DAYS] delete inquiries and spam older than DAYS (365)
    quote inquiries delete --email ADDRESS    delete everything from one address (GDPR request)

The store is ``QUOTE_DB`` (default ``var/inquiries.sqlite3``) or ``--db PATH``.

CSV is UTF-8 with a byte-order mark (so that spreadsheet programs read Latvian letters), one row per
inquiry, the same columns as the JSON keys. A text cell that starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return is prefixed with ``'`` so that no spreadsheet runs it as a
formula.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import sys
import time
from pathlib import Path
from typing import Any

import click

from quote.commands.common import POSITIVE, open_store
from quote.contact import erasure
from quote.contact.config import MailSettings, StoreSettings
from quote.contact.private import write_private
from quote.contact.store import INQUIRY_COLUMNS, Store
from quote.errors import NotFoundError
from quote.wording import contact_lines, estimate_lines, local_time, plural

# The stored columns, with the estimate exported parsed rather than as its JSON text.
EXPORT_COLUMNS = tuple("estimate" if c == "estimate_json" else c for c in INQUIRY_COLUMNS)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SPAM_REASONS = {
    "honeypot": "slazda lauks",
    "too_fast": "pārāk ātri",
    "bad_time": "nederīgs laiks",
}


def _with_store(handler):
    """A subcommand on the store: ``--db PATH`` or ``QUOTE_DB``, then ``handler(store, ...)``."""

    @click.option(
        "--db",
        type=click.Path(path_type=Path),
        default=None,
        metavar="PATH",
        help="datubāzes fails (pēc noklusējuma QUOTE_DB vai var/inquiries.sqlite3)",
    )
    @functools.wraps(handler)
    def run(db: Path | None, **params: Any) -> int:
        settings = StoreSettings.from_env(**({"db": db} if db is not None else {}))
        store = open_store(settings.db, "QUOTE_DB vai --db")
        return handler(store, settings, **params)

    return run


@click.group("inquiries", short_help="saņemtie pieprasījumi: saraksts, eksports, dzēšana")
def command() -> None:
    """Kontaktformas pieprasījumi: saraksts, eksports un dzēšana."""


# -- list and show ---------------------------------------------------------------------------


def _one_line(text: str | None, width: int) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _when(stamp: str) -> str:
    return local_time(stamp, zone_note=False)


def _monthly(row: dict[str, Any]) -> str:
    if not row["estimate_json"]:
        return ""
    from quote.money import format_eur

    result = json.loads(row["estimate_json"])
    return format_eur(result["monthly"]["gross"])


@command.command("list", short_help="jaunākie pieprasījumi un surogātpasts")
@click.option("--limit", type=POSITIVE, default=50, help="rindu skaits katrā sarakstā (50)")
@_with_store
def list_inquiries(store: Store, settings: StoreSettings, limit: int) -> int:
    """Jaunākie pieprasījumi un surogātpasts."""
    counts = store.count_inquiries()
    inquiries = store.list_inquiries(spam=False, limit=limit)
    print(f"Pieprasījumi (kopā {counts['inquiries']}), jaunākie vispirms:")
    if not inquiries:
        print("  nav")
    for row in inquiries:
        print(
            f"  Nr. {row['id']:<5} {_when(row['created_at'])}  {_one_line(row['name'], 24):<24}  "
            f"{_one_line(row['email'], 32):<32}  {_monthly(row):>10}  "
            f"{_one_line(row['message'], 40)}"
        )
    spam = store.list_inquiries(spam=True, limit=limit)
    print()
    print(f"Surogātpasts (kopā {counts['spam']}; netiek sūtīts e-pastā):")
    if not spam:
        print("  nav")
    for row in spam:
        reason = SPAM_REASONS.get(row["spam"], row["spam"])
        print(
            f"  Nr. {row['id']:<5} {_when(row['created_at'])}  {reason:<13}  "
            f"{_one_line(row['name'], 24):<24}  {_one_line(row['email'], 32)}"
        )
    return 0


@command.command("show", short_help="viens pieprasījums pilnībā")
@click.argument("inquiry_id", type=POSITIVE, metavar="ID")
@_with_store
def show(store: Store, settings: StoreSettings, inquiry_id: int) -> int:
    """Viens pieprasījums pilnībā (ID: pieprasījuma numurs)."""
    from quote.contact.quoting import CatalogSource

    row = store.get_inquiry(inquiry_id)
    if row is None:
        raise NotFoundError(f"Pieprasījums Nr. {inquiry_id} nav atrasts.")
    lines = [f"Pieprasījums Nr. {row['id']}", f"Saņemts: {_when(row['created_at'])}"]
    if row["client_address"]:
        lines.append(f"Sūtītāja IP adrese: {row['client_address']}")
    if row["spam"]:
        lines.append(f"SUROGĀTPASTS: {SPAM_REASONS.get(row['spam'], row['spam'])}")
    lines += [*contact_lines(row), ""]
    source = CatalogSource(settings.pricing)
    try:
        services = {service["id"]: service for service in source.get()["services"]}
    except Exception:
        services = {}
    lines.extend(estimate_lines(row, services))
    lines.append("")
    lines.append(_mail_state(store, row))
    print("\n".join(lines))
    return 0


def _mail_state(store: Store, row: dict[str, Any]) -> str:
    if row["spam"]:
        return "E-pasts: netiek sūtīts (surogātpasts)."
    outbox = store.outbox_for(row["id"])
    if not outbox:
        return "E-pasts: nav rindā."
    item = outbox[-1]
    if item["sent_at"]:
        return f"E-pasts: nosūtīts {_when(item['sent_at'])}."
    state = f"E-pasts: gaida nosūtīšanu (mēģinājumi: {item['attempts']})"
    if item["last_error"]:
        state += f"; pēdējā kļūda: {_one_line(item['last_error'], 200)}"
    return state + "."


# -- export ----------------------------------------------------------------------------------


def export_records(store: Store, *, with_spam: bool) -> list[dict[str, Any]]:
    """Oldest first, every column; ``estimate`` parsed from the stored JSON."""
    rows = store.list_inquiries(spam=False)
    if with_spam:
        rows += store.list_inquiries(spam=True)
    rows.sort(key=lambda row: row["id"])
    records = []
    for row in rows:
        record = {key: row.get(key) for key in EXPORT_COLUMNS if key != "estimate"}
        record["estimate"] = json.loads(row["estimate_json"]) if row["estimate_json"] else None
        records.append({key: record[key] for key in EXPORT_COLUMNS})
    return records


def safe_cell(value: Any) -> Any:
    """A CSV cell that no spreadsheet will run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(records: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(EXPORT_COLUMNS)
    for record in records:
        cells = []
        for key in EXPORT_COLUMNS:
            value = record[key]
            if key == "channels":
                value = ", ".join(value)
            elif key == "estimate":
                value = "" if value is None else json.dumps(value, ensure_ascii=False)
            cells.append(safe_cell("" if value is None else value))
        writer.writerow(cells)
    return "\ufeff" + buffer.getvalue()


def to_json(records: list[dict[str, Any]]) -> str:
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


@command.command("export", short_help="eksportēt CSV vai JSON formātā")
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", help="formāts (csv)"
)
@click.option(
    "--output", type=click.Path(path_type=Path), default=None, metavar="FILE", help="fails (stdout)"
)
@click.option("--with-spam", is_flag=True, help="iekļaut arī surogātpastu")
@_with_store
def export(
    store: Store, settings: StoreSettings, fmt: str, output: Path | None, with_spam: bool
) -> int:
    """Eksportēt CSV vai JSON formātā."""
    records = export_records(store, with_spam=with_spam)
    text = to_csv(records) if fmt == "csv" else to_json(records)
    data = text.encode("utf-8")
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        write_private(output, data)  # personal data: owner-only, like the store
        print(f"Eksportēto ierakstu skaits: {len(records)} ({output}).", file=sys.stderr)
    return 0


# -- purge and delete ------------------------------------------------------------------------


@command.command("purge", short_help="dzēst vecus pieprasījumus")
@click.option(
    "--older-than",
    "days",
    type=POSITIVE,
    default=365,
    metavar="DAYS",
    help="dzēst ierakstus, kas vecāki par DAYS dienām (365); arī surogātpastu",
)
@_with_store
def purge(store: Store, settings: StoreSettings, days: int) -> int:
    """Dzēst vecus pieprasījumus."""
    cutoff = time.time() - days * 86400
    done = erasure.purge_older_than(store, mail_dir(), cutoff)
    print(f"Dzēsti ieraksti, kas vecāki par {plural(days, 'dienu', 'dienām')}. {_erased(done)}")
    return 0


@command.command("delete", short_help="dzēst visu no vienas e-pasta adreses")
@click.option("--email", required=True, metavar="ADDRESS", help="e-pasta adrese")
@_with_store
def delete(store: Store, settings: StoreSettings, email: str) -> int:
    """Dzēst visu no vienas e-pasta adreses."""
    done = erasure.delete_by_email(store, mail_dir(), email)
    print(f"Dzēsti ieraksti no adreses {email.strip()}. {_erased(done)}")
    return 0


def mail_dir() -> Path:
    """The folder of ``.eml`` copies (QUOTE_MAIL_DIR): erasure removes them, and they are kept
    owner-only like the store."""
    return MailSettings.from_env().mail_dir


def _erased(done: erasure.Erasure) -> str:
    """What an erasure removed: rows (with their numbers), queued emails, .eml files."""
    numbers = ", ".join(str(number) for number in done.rows.inquiry_ids)
    lines = [
        f"Skaits: {done.rows.inquiries}" + (f" (Nr. {numbers})." if numbers else "."),
        f"Paziņojumi e-pasta rindā: {done.rows.outbox_rows}.",
        f"E-pasta faili (.eml): {len(done.files)}" + (":" if done.files else "."),
    ]
    lines += [f"  {path}" for path in done.files]
    return "\n".join(lines)
