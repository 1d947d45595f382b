"""``quote inquiries``: the owner's view of the inquiries received by the contact form.

    quote inquiries list [--limit N] [--status S]  newest first; spam listed apart, after them
    quote inquiries show ID                        every field, the estimate, status and offers
    quote inquiries mark ID STATUS [--note TEXT]   new, answered, offer-sent, won or lost
    quote inquiries stats                          per month, won, value won, choices made most
    quote inquiries export --format csv|json       to stdout or --output FILE (--with-spam)
    quote inquiries purge [--older-than DAYS]      delete inquiries and spam older than DAYS (365)
    quote inquiries erase ID                       delete one inquiry and every copy of it (GDPR)
    quote inquiries delete --email ADDRESS         delete everything from one address (GDPR)

The store is ``QUOTE_DB`` (default ``var/inquiries.sqlite3``) or ``--db PATH``. The export's
formats are described in quote/offers/report.py; statuses and offers live in
quote/offers/followup.py.
"""

from __future__ import annotations

import contextlib
import functools
import json
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import click

from quote.commands.common import DB_OPTION, POSITIVE, store_of_option, today_option
from quote.contact import delivery, erasure
from quote.contact.config import MailSettings, StoreSettings
from quote.contact.quoting import CatalogSource
from quote.contact.store import INQUIRY_COLUMNS, Store
from quote.contact.wording import contact_lines, estimate_lines, local_time, plural
from quote.errors import NotFoundError
from quote.money import format_eur
from quote.offers import followup, report, status
from quote.offers.document import percent
from quote.offers.report import SPAM_REASONS, safe_cell  # noqa: F401 - safe_cell re-exported
from quote.pricing.snapshots import price_list_label
from quote.private import write_private

# The stored columns, with the estimate exported parsed rather than as its JSON text.
EXPORT_COLUMNS = tuple("estimate" if c == "estimate_json" else c for c in INQUIRY_COLUMNS)
STATUS = click.Choice(followup.STATUSES)  # what the owner marks
SHOWN_STATUS = click.Choice(status.STATUSES)  # what a list shows, derived from the offers too
LABEL_WIDTH = max(map(len, status.LABELS.values()))


def _with_store(handler):
    """A subcommand on the store: ``--db PATH`` or ``QUOTE_DB``, then ``handler(store, ...)``."""

    @DB_OPTION
    @functools.wraps(handler)
    def run(db: Path | None, **params: Any) -> int:
        settings, store = store_of_option(db)
        return handler(store, settings, **params)

    return run


@click.group("inquiries", short_help="saņemtie pieprasījumi: saraksts, statuss, eksports, dzēšana")
def command() -> None:
    """Kontaktformas pieprasījumi: saraksts, statuss, kopsavilkums, eksports un dzēšana."""


# -- list and show ---------------------------------------------------------------------------


def _one_line(text: str | None, width: int) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _when(stamp: str) -> str:
    return local_time(stamp, zone_note=False)


def _monthly(row: dict[str, Any]) -> str:
    if not row["estimate_json"]:
        return ""
    result = json.loads(row["estimate_json"])
    return format_eur(result["monthly"]["gross"])


@command.command("list", short_help="jaunākie pieprasījumi un surogātpasts")
@click.option("--limit", type=POSITIVE, default=50, help="rindu skaits katrā sarakstā (50)")
@click.option(
    "--status",
    "wanted",
    type=SHOWN_STATUS,
    default=None,
    help="tikai ar šo statusu (bez surogātpasta)",
)
@today_option(hidden=True)
@_with_store
def list_inquiries(
    store: Store, settings: StoreSettings, limit: int, wanted: str | None, today: date | None
) -> int:
    """Jaunākie pieprasījumi un surogātpasts, ar statusu."""
    counts = store.count_inquiries()
    statuses = status.inquiry_statuses(store, today or status.owner_today())
    if wanted is None:
        inquiries = store.list_inquiries(spam=False, limit=limit)
        print(f"Pieprasījumi (kopā {counts['inquiries']}), jaunākie vispirms:")
    else:
        inquiries = [
            row for row in store.list_inquiries(spam=False) if statuses[row["id"]].status == wanted
        ]
        label = status.LABELS[wanted]
        print(f"Pieprasījumi ar statusu „{label}” (kopā {len(inquiries)}), jaunākie vispirms:")
        inquiries = inquiries[:limit]
    if not inquiries:
        print("  nav")
    latest = store.latest_outbox()
    for row in inquiries:
        shown = statuses[row["id"]].label
        mail = delivery.notification(row, latest.get(row["id"])).label
        print(
            f"  Nr. {row['id']:<5} {_when(row['created_at'])}  {shown:<{LABEL_WIDTH}}  "
            f"{_one_line(row['name'], 24):<24}  {_one_line(row['email'], 32):<32}  "
            f"{row['lang']:<3} {_monthly(row):>10}  e-pasts: {mail:<11}  "
            f"{_one_line(row['message'], 40)}"
        )
    if wanted is not None:
        return 0
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
@today_option(hidden=True)
@_with_store
def show(store: Store, settings: StoreSettings, inquiry_id: int, today: date | None) -> int:
    """Viens pieprasījums pilnībā (ID: pieprasījuma numurs)."""

    row = store.get_inquiry(inquiry_id)
    if row is None:
        raise NotFoundError(f"Pieprasījums Nr. {inquiry_id} nav atrasts.")
    lines = [f"Pieprasījums Nr. {row['id']}", f"Saņemts: {_when(row['created_at'])}"]
    if row["client_address"]:
        lines.append(f"Sūtītāja IP adrese: {row['client_address']}")
    if row["spam"]:
        lines.append(f"SUROGĀTPASTS: {SPAM_REASONS.get(row['spam'], row['spam'])}")
    lines += [*contact_lines(row), ""]
    # Names from the price list the estimate was computed with, else from the current one.
    kept, dated = followup.price_list(store, row["price_version"])
    catalogs = [kept.catalog] if kept is not None else _catalogs(store, [], settings.pricing)
    services = {service["id"]: service for catalog in catalogs for service in catalog["services"]}
    lines.extend(estimate_lines(row, services))
    if row["price_version"]:
        lines.append(f"Cenrādis: {price_list_label(row['price_version'], dated)}")
    lines.append("")
    lines.extend(_followup_lines(store, row["id"], today or status.owner_today()))
    lines.append("")
    lines.append(_mail_state(store, row))
    print("\n".join(lines))
    return 0


def _followup_lines(store: Store, inquiry_id: int, today: date) -> list[str]:
    history = followup.status_history(store, inquiry_id)
    lines = [f"Statuss: {status.inquiry_status(store, inquiry_id, today).label}"]
    if history:
        lines.append("Statusa maiņas:")
    for change in history:
        note = f" — {change['note']}" if change["note"] else ""
        lines.append(
            f"  {_when(change['changed_at'])}  {followup.STATUS_LABELS[change['status']]}{note}"
        )
    offers = followup.offers_for(store, inquiry_id)
    lines.append("Piedāvājumi (jaunākā versija pēdējā):" if offers else "Piedāvājumi: nav.")
    states = status.offer_states(store, inquiry_id)
    for index, (item, state) in enumerate(zip(offers, states, strict=True)):
        newer = offers[-1].number if index < len(offers) - 1 else None
        monthly, once = item.totals["monthly"]["gross"], item.totals["once"]["gross"]
        discount = f", atlaide {percent(item.discount_bp)} %" if item.discount_bp else ""
        lines.append(
            f"  Nr. {item.number}  {_when(item.created_at)}  derīgs līdz {item.valid_until}  "
            f"mēnesī {format_eur(monthly)}, vienreizēji {format_eur(once)}{discount}"
        )
        lines.append(f"    {_offer_state_line(state, newer, today)}")
        lines.extend(f"    {path}" for path in item.files)
    return lines


def _offer_state_line(state: status.OfferState, newer: str | None, today: date) -> str:
    """Where one offer version stands: sent, opened, answered, replaced."""
    if state.sent_at is None:
        lines = ["nav nosūtīts"]
    else:
        lines = [f"nosūtīts {_when(state.sent_at)}"]
        if state.views:
            lines.append(
                f"apskatīts {plural(state.views, 'reizi', 'reizes')}, pirmoreiz "
                f"{_when(state.first_viewed_at)}"
            )
        elif state.answer is None:
            lines.append("vēl nav apskatīts")
    if state.answer is not None:
        who = f" ({state.answer_name})" if state.answer_name else ""
        lines.append(f"{status.ANSWER_WORDS[state.answer]} {_when(state.answered_at)}{who}")
        if state.answer_text:
            lines.append(f"klienta vārdi: {_one_line(state.answer_text, 200)}")
    elif newer is not None:
        lines.append(
            f"aizstāts ar Nr. {newer}" + (": vairs nav atbildams" if state.sent_at else "")
        )
    elif state.sent_at is not None and today > state.valid_until:
        lines.append("termiņš beidzies, klients to vairs nevar pieņemt")
    return "; ".join(lines)


@command.command("mark", short_help="mainīt pieprasījuma statusu")
@click.argument("inquiry_id", type=POSITIVE, metavar="ID")
@click.argument("status", type=STATUS, metavar="STATUSS")
@click.option("--note", default=None, metavar="TEKSTS", help="piezīme pie statusa")
@_with_store
def mark(
    store: Store, settings: StoreSettings, inquiry_id: int, status: str, note: str | None
) -> int:
    """Mainīt pieprasījuma statusu: new (jauns), answered (atbildēts), offer-sent (piedāvājums
    nosūtīts), won (noslēgts) vai lost (zaudēts). Piedāvājuma statusus (apskatīts, pieņemts u. c.)
    nosaka klienta darbības; jaunāka atzīme tos aizstāj sarakstā."""
    followup.set_status(store, inquiry_id, status, note)
    print(f"Pieprasījums Nr. {inquiry_id}: {followup.STATUS_LABELS[status]}.")
    return 0


@command.command("stats", short_help="kopsavilkums pa mēnešiem")
@_with_store
def stats(store: Store, settings: StoreSettings) -> int:
    """Pieprasījumi pa mēnešiem, noslēgtie un to vērtība mēnesī, biežāk izvēlētais."""
    records = export_records(store, with_spam=False)
    statuses = followup.statuses(store)
    won_monthly = {}
    for record in records:
        if statuses.get(record["id"]) != "won":
            continue
        # What was agreed: the last offer's monthly amount, else the estimate's.
        offers = followup.offers_for(store, record["id"])
        if offers:
            won_monthly[record["id"]] = offers[-1].totals["monthly"]["gross"]
        elif record["estimate"]:
            won_monthly[record["id"]] = record["estimate"]["monthly"]["gross"]
    data = report.summary(records, statuses, won_monthly)
    catalogs = _catalogs(store, records, settings.pricing)
    names = dict(report.service_columns(catalogs, records))
    print("\n".join(report.summary_lines(data, followup.STATUS_LABELS, names)))
    return 0


def _mail_state(store: Store, row: dict[str, Any]) -> str:
    # The inquiry's own notification: the messages to the client (offers) and the owner's news
    # of an answer are written whole (``message``) and are not it.
    outbox = [item for item in store.outbox_for(row["id"]) if item["message"] is None]
    return delivery.describe(delivery.notification(row, outbox[-1] if outbox else None), _when)


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


def _catalogs(store: Store, records: list[dict[str, Any]], pricing: Path) -> list[dict[str, Any]]:
    """The current price list's catalog, then those kept for the records (newest first)."""
    catalogs = []
    # The export works without the price list: ids stand in for names.
    with contextlib.suppress(Exception):
        catalogs.append(CatalogSource(pricing).get())
    for version in dict.fromkeys(r["price_version"] for r in reversed(records)):
        kept, _ = followup.price_list(store, version)
        if kept is not None:
            catalogs.append(kept.catalog)
    return catalogs


def to_csv(
    store: Store,
    records: list[dict[str, Any]],
    *,
    with_spam: bool,
    pricing: Path,
    today: date | None = None,
) -> str:
    catalogs = _catalogs(store, records, pricing)
    services = report.service_columns(catalogs, records)
    counted = frozenset(s["id"] for c in catalogs for s in c["services"] if s["quantity"])
    statuses = status.inquiry_statuses(store, today or status.owner_today())
    labels: dict[str | None, str] = {}
    latest = store.latest_outbox()
    rows = []
    for record in records:
        mail = delivery.notification(record, latest.get(record["id"]))
        version = record["price_version"]
        if version not in labels:
            _, dated = followup.price_list(store, version)
            labels[version] = price_list_label(version, dated)
        history = followup.status_history(store, record["id"])
        rows.append(
            report.csv_row(
                record,
                services,
                with_spam=with_spam,
                status_label=statuses[record["id"]].label,
                status_note=history[-1]["note"] if history else None,
                price_list=labels[version],
                offers=[item.number for item in followup.offers_for(store, record["id"])],
                counted=counted,
                mail=(mail.label, mail.detail),
            )
        )
    return report.write_csv(report.csv_header(services, with_spam=with_spam), rows)


def to_json(store: Store, records: list[dict[str, Any]], today: date | None = None) -> str:
    statuses = status.inquiry_statuses(store, today or status.owner_today())
    latest = store.latest_outbox()
    for record in records:
        record["status"] = statuses[record["id"]].status
        record["offers"] = [item.number for item in followup.offers_for(store, record["id"])]
        record["notification"] = delivery.notification(record, latest.get(record["id"])).as_json()
    return report.to_json(records)


@command.command("export", short_help="eksportēt CSV vai JSON formātā")
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", help="formāts (csv)"
)
@click.option(
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    metavar="FAILS",
    help="fails (stdout)",
)
@click.option("--with-spam", is_flag=True, help="iekļaut arī surogātpastu")
@today_option(hidden=True)
@_with_store
def export(
    store: Store,
    settings: StoreSettings,
    fmt: str,
    output: Path | None,
    with_spam: bool,
    today: date | None,
) -> int:
    """Eksportēt CSV vai JSON formātā."""
    records = export_records(store, with_spam=with_spam)
    if fmt == "csv":
        text = to_csv(store, records, with_spam=with_spam, pricing=settings.pricing, today=today)
    else:
        text = to_json(store, records, today)
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
    metavar="DIENAS",
    help="dzēst ierakstus, kas vecāki par DIENAS dienām (365); arī surogātpastu",
)
@_with_store
def purge(store: Store, settings: StoreSettings, days: int) -> int:
    """Dzēst vecus pieprasījumus."""
    cutoff = time.time() - days * 86400
    done = erasure.purge_older_than(store, mail_dir(), cutoff)
    print(f"Dzēsti ieraksti, kas vecāki par {plural(days, 'dienu', 'dienām')}. {_erased(done)}")
    _erase_offers(store, settings)
    return 0


@command.command("erase", short_help="dzēst vienu pieprasījumu ar visiem tā piedāvājumiem")
@click.argument("inquiry_id", type=POSITIVE, metavar="ID")
@_with_store
def erase(store: Store, settings: StoreSettings, inquiry_id: int) -> int:
    """Dzēst pieprasījumu ID un visu, kas par to saglabāts: statusus, visas piedāvājuma versijas
    (PDF, saites, klienta atbildes), e-pastus klientam un paziņojumus, .eml failus."""
    if store.get_inquiry(inquiry_id) is None:
        raise NotFoundError(f"Pieprasījums Nr. {inquiry_id} nav atrasts.")
    done = erasure.delete_inquiry(store, mail_dir(), inquiry_id)
    print(f"Dzēsts pieprasījums Nr. {inquiry_id}. {_erased(done)}")
    _erase_offers(store, settings)
    return 0


@command.command("delete", short_help="dzēst visu no vienas e-pasta adreses")
@click.option("--email", required=True, metavar="ADRESE", help="e-pasta adrese")
@_with_store
def delete(store: Store, settings: StoreSettings, email: str) -> int:
    """Dzēst visu no vienas e-pasta adreses."""
    done = erasure.delete_by_email(store, mail_dir(), email)
    print(f"Dzēsti ieraksti no adreses {email.strip()}. {_erased(done)}")
    _erase_offers(store, settings)
    return 0


def mail_dir() -> Path:
    """The folder of ``.eml`` copies (QUOTE_MAIL_DIR): erasure removes them, and they are kept
    owner-only like the store."""
    return MailSettings.from_env().mail_dir


def _erased(done: erasure.Erasure) -> str:
    """What an erasure removed: rows (with their numbers), queued emails, .eml files."""
    numbers = ", ".join(str(number) for number in done.rows.inquiry_ids)
    emails = [path for path in done.files if path.suffix == ".eml"]
    offers = [path for path in done.files if path.suffix != ".eml"]
    lines = [
        f"Skaits: {done.rows.inquiries}" + (f" (Nr. {numbers})." if numbers else "."),
        f"Paziņojumi e-pasta rindā: {done.rows.outbox_rows}.",
        *(
            [f"Piedāvājumu versijas (ar saitēm un klienta atbildēm): {done.rows.offers}."]
            if done.rows.offers
            else []
        ),
        f"E-pasta faili (.eml): {len(emails)}" + (":" if emails else "."),
    ]
    lines += [f"  {path}" for path in emails]
    if offers:  # written with `quote offer --output` wherever the owner chose
        lines += ["Piedāvājumu faili:", *(f"  {path}" for path in offers)]
    return "\n".join(lines)


def _erase_offers(store: Store, settings: StoreSettings) -> None:
    """Offers hold the client's details: their folders go with the inquiry."""
    removed = followup.erase_orphan_offers(store, followup.offers_folder(settings.db))
    if removed:
        print(f"Dzēsti arī piedāvājumi: {', '.join(str(folder) for folder in removed)}.")
