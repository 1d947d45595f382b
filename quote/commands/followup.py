"""``quote followup [--days N] [--today GGGG-MM-DD]``: what needs the owner today, each line with
the command that acts on it.

The sections and what goes in them are quote/offers/agenda.py; this module words them. A command
that makes a new offer version repeats what the newest one had (services, discount, the client's
details, the note), so that copying it changes nothing the owner did not mean to change.
"""

from __future__ import annotations

import shlex
from datetime import date
from pathlib import Path

import click

from quote.commands.common import DB_OPTION, POSITIVE, store_of_option, today_option
from quote.contact.store import Store
from quote.contact.wording import plural
from quote.offers import agenda, followup, status
from quote.offers.document import percent

TITLES = {
    "new": "Jauni pieprasījumi bez atbildes",
    "not-viewed": "Nosūtīti, bet klients nav atvēris {days} vai ilgāk",
    "viewed": "Klients apskatījis, bet nav atbildējis",
    "expiring": "Derīguma termiņš beidzas {within} laikā",
    "accepted": "Pieņemti: vienojieties par sākumu",
    "changes": "Klients lūdz izmaiņas",
    "draft": "Sagatavoti, bet nav nosūtīti",
    "expired": "Termiņš beidzies bez atbildes",
    "declined": "Noraidīti",
}


@click.command("followup", short_help="kas šodien jādara: pieprasījumi un piedāvājumi, kas gaida")
@click.option(
    "--days",
    "--dienas",
    "days",
    type=POSITIVE,
    default=agenda.DEFAULT_DAYS,
    metavar="DIENAS",
    help=f"pēc cik dienām atgādināt par neatvērtu piedāvājumu un cik dienas uz priekšu rādīt "
    f"beidzamos termiņus ({agenda.DEFAULT_DAYS})",
)
@today_option(hidden=False)
@DB_OPTION
def command(days: int, today: date | None, db: Path | None) -> int:
    """Kas šodien jādara: jauni pieprasījumi bez atbildes, nosūtīti un neatvērti piedāvājumi,
    apskatīti bez atbildes, beidzas termiņš, klienta atbildes. Katrai rindai – komanda, ar ko
    rīkoties."""
    _, store = store_of_option(db)
    plan = agenda.agenda(store, today or status.owner_today(), days)
    print("\n".join(report_lines(store, plan)))
    return 0


def report_lines(store: Store, plan: agenda.Agenda) -> list[str]:
    # "3 dienas" (how long), "3 dienu laikā" (within).
    span = {
        "days": plural(plan.days, "dienu", "dienas"),
        "within": plural(plan.days, "dienas", "dienu"),
    }
    lines = [f"Kas jādara {_day(plan.today)}:"]
    for section in agenda.SECTIONS:
        entries = plan.sections[section]
        if not entries:
            continue
        title = TITLES[section].format(**span)
        lines += ["", f"{title} ({len(entries)}):"]
        for entry in entries:
            lines.append(f"  {_who(entry)} — {_what(entry, plan.today)}")
            lines.extend(f"    {line}" for line in _actions(store, entry))
    if not any(plan.sections.values()):
        lines += ["", "Šodien nekas nav jādara."]
    if plan.waiting:
        lines += [
            "",
            f"Gaida klientu (nosūtīti mazāk nekā pirms {plural(plan.days, 'dienas', 'dienām')}, "
            f"vēl nav atvērti): {plan.waiting}.",
        ]
    return lines


def _day(day: date) -> str:
    return f"{day:%d.%m.%Y}"


def _ago(day: date, today: date) -> str:
    days = (today - day).days
    if days <= 0:
        return "šodien"
    return "vakar" if days == 1 else f"pirms {plural(days, 'dienas', 'dienām')}"


def _left(valid_until: date, today: date) -> str:
    days = (valid_until - today).days
    if days <= 0:
        return "beidzas šodien"
    return "beidzas rīt" if days == 1 else f"beidzas pēc {plural(days, 'dienas', 'dienām')}"


def _who(entry: agenda.Entry) -> str:
    row = entry.inquiry
    company = f" ({row['company']})" if row.get("company") else ""
    return f"Nr. {row['id']}  {row['name']}{company}, {row['email']}"


def _what(entry: agenda.Entry, today: date) -> str:
    offer, row = entry.offer, entry.inquiry
    if entry.section == "new" or offer is None:
        received = status.local_date(row["created_at"])
        return f"saņemts {_day(received)} ({_ago(received, today)})"
    number = f"piedāvājums Nr. {offer.number}"
    sent = status.local_date(offer.sent_at) if offer.sent_at else None
    viewed = (
        f"apskatīts {plural(offer.views, 'reizi', 'reizes')}, pirmoreiz "
        f"{_day(status.local_date(offer.first_viewed_at))}"
        if offer.views and offer.first_viewed_at
        else "nav atvērts"
    )
    answered = status.local_date(offer.answered_at) if offer.answered_at else None
    if entry.section == "draft":
        return f"{number} sagatavots {_day(status.local_date(offer.created_at))}, nav nosūtīts"
    if entry.section == "not-viewed":
        return f"{number} nosūtīts {_day(sent)} ({_ago(sent, today)}), nav atvērts"
    if entry.section == "viewed":
        return f"{number} nosūtīts {_day(sent)}, {viewed}"
    if entry.section == "expiring":
        return (
            f"{number} derīgs līdz {_day(offer.valid_until)} "
            f"({_left(offer.valid_until, today)}), {viewed}"
        )
    if entry.section == "expired":
        return f"{number} bija derīgs līdz {_day(offer.valid_until)}, {viewed}"
    who = f" ({offer.answer_name})" if offer.answer_name else ""
    words = {"accepted": "pieņemts", "changes": "izmaiņas lūgtas", "declined": "noraidīts"}
    said = f": „{_one_line(offer.answer_text)}”" if offer.answer_text else ""
    return f"{number} {words[entry.section]} {_day(answered)}{who}{said}"


def _actions(store: Store, entry: agenda.Entry) -> list[str]:
    """The commands that act on an entry, each with what it does."""
    inquiry = entry.inquiry["id"]
    if entry.section == "new":
        offer = f"quote offer {inquiry} --send"
        if not entry.inquiry.get("quote_query"):
            offer = f"quote offer {inquiry} --service ID=LĪMENIS … --send"
        return [
            f"sagatavot un nosūtīt piedāvājumu: {offer}",
            f"ja atbildējāt citādi: quote inquiries mark {inquiry} answered",
        ]
    again = _offer_again(store, inquiry)
    if entry.section == "draft":
        return [f"nosūtīt klientam: {again} --send"]
    if entry.section == "not-viewed":
        return [
            f"kontakti, lai atgādinātu: quote inquiries show {inquiry}",
            f"nosūtīt vēlreiz (jauna versija, jauna saite): {again} --send",
        ]
    if entry.section == "viewed":
        return [
            f"sazinieties ar klientu: quote inquiries show {inquiry}",
            f"pēc sarunas: quote inquiries mark {inquiry} won (vai lost)",
        ]
    if entry.section in ("expiring", "expired"):
        newest = followup.offers_for(store, inquiry)[-1]
        valid = (date.fromisoformat(newest.valid_until) - _created(newest)).days
        return [
            f"jauna versija ar jaunu termiņu: {again} --valid-days {valid} --send",
            f"ja klients atteicās: quote inquiries mark {inquiry} lost",
        ]
    if entry.section == "accepted":
        return [f"kad līgums noslēgts: quote inquiries mark {inquiry} won"]
    if entry.section == "changes":
        return [
            f"jauna versija (mainiet pakalpojumus vai atlaidi): {again} --send",
            f"ja izmaiņas nav iespējamas: quote inquiries mark {inquiry} lost",
        ]
    return [f"atzīmēt kā zaudētu: quote inquiries mark {inquiry} lost"]  # declined


def _offer_again(store: Store, inquiry: int) -> str:
    """``quote offer ID`` with the newest version's services, discount, client details and note."""
    newest = followup.offers_for(store, inquiry)[-1]
    words = ["quote", "offer", str(inquiry)]
    for part in filter(None, (newest.quote_query or "").split("&")):
        words += ["--service", part]
    if newest.discount_bp:
        words += ["--discount", percent(newest.discount_bp)]
    for key in ("company", "reg_no", "address"):
        if newest.client.get(key):
            words += [f"--{key.replace('_', '-')}", newest.client[key]]
    if newest.note:
        words += ["--note", newest.note]
    return shlex.join(words)


def _created(offer: followup.RecordedOffer) -> date:
    return status.local_date(offer.created_at)


def _one_line(text: str | None, width: int = 80) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
