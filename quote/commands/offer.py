"""``quote offer ID``: a formal offer ("Piedāvājums Nr. YYYY-NNN") for an inquiry, PDF and HTML.

    quote offer 12 [--service content=2 --service ads=1 …] [--valid-days 14] [--discount 10]
                   [--note "Sākam 1. decembrī."] [--company … --reg-no … --address …]

The pipeline is quote/offers/document.py; this module only reads the options and prints the result.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from quote import owner
from quote.commands.common import DB_OPTION, POSITIVE, store_of_option
from quote.errors import QuoteError
from quote.money import format_eur
from quote.offers import document, followup, status


@click.command("offer", short_help="piedāvājums (PDF un HTML) pieprasījumam")
@click.argument("inquiry_id", type=POSITIVE, metavar="ID")
@click.option(
    "--valid-days",
    type=POSITIVE,
    default=document.DEFAULT_VALID_DAYS,
    metavar="N",
    help=f"derīguma termiņš dienās ({document.DEFAULT_VALID_DAYS})",
)
@click.option("--discount", default=None, metavar="PROCENTI", help="atlaide procentos, piem. 10")
@click.option("--note", default=None, metavar="TEKSTS", help="piezīme piedāvājumā")
@click.option(
    "--service",
    "services",
    multiple=True,
    metavar="ID[=LĪMENIS]",
    help="pakalpojums piedāvājumā (atkārtojams), piem. content=2, community, influencer=3, "
    "months=6; aizstāj pieprasījuma izvēli",
)
@click.option("--company", default=None, metavar="NOSAUKUMS", help="klienta uzņēmums")
@click.option("--reg-no", default=None, metavar="NUMURS", help="klienta reģistrācijas numurs")
@click.option("--address", default=None, metavar="ADRESE", help="klienta juridiskā adrese")
@click.option(
    "--current-prices",
    is_flag=True,
    help="cenas no pašreizējā pricing.yaml, nevis no cenrāža, ar kuru aprēķināts pieprasījums",
)
@click.option(
    "--send",
    is_flag=True,
    help="nosūtīt piedāvājumu klientam e-pastā (PDF pielikumā un saite uz piedāvājuma lapu)",
)
@click.option(
    "--new-version",
    is_flag=True,
    help="jauna versija arī tad, ja klients iepriekšējo jau pieņēmis (pieņemtais tiek aizstāts)",
)
@DB_OPTION
@click.option(
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    metavar="MAPE",
    help="mape piedāvājumiem (pēc noklusējuma offers/ blakus datubāzei)",
)
@click.option(
    "--settings",
    "settings_file",
    type=click.Path(path_type=Path),
    default=None,
    metavar="FAILS",
    help="iestatījumi ar īpašnieka datiem (pēc noklusējuma publishconf.py)",
)
def command(
    inquiry_id: int,
    valid_days: int,
    discount: str | None,
    note: str | None,
    services: tuple[str, ...],
    company: str | None,
    reg_no: str | None,
    address: str | None,
    current_prices: bool,
    send: bool,
    new_version: bool,
    db: Path | None,
    output: Path | None,
    settings_file: Path | None,
) -> int:
    """Piedāvājums „Piedāvājums Nr. GGGG-NNN” PDF un HTML formātā pieprasījumam ID."""
    started = time.perf_counter()
    facts = owner.load(settings_file)
    try:
        discount_bp = document.percent_to_bp(discount) if discount is not None else 0
    except document.OfferError as exc:
        raise click.BadParameter(str(exc), param_hint="--discount") from exc
    settings, store = store_of_option(db)
    previous = status.latest_offers(store).get(inquiry_id)
    written = document.write_offer(
        store,
        inquiry_id,
        owner=facts,
        current=_current_prices(settings.pricing, facts),
        offers_dir=output or followup.offers_folder(settings.db),
        valid_days=valid_days,
        discount_bp=discount_bp,
        note=note,
        use_current_prices=current_prices,
        services=services,
        client_details={"company": company, "reg_no": reg_no, "address": address},
        new_version=new_version,
    )
    pricing = written.pricing
    print(f"Piedāvājums Nr. {written.number} (pieprasījums Nr. {inquiry_id}):")
    print(f"  {written.pdf_path}")
    print(f"  {written.html_path}")
    parts = []
    if pricing.monthly.gross:
        parts.append(f"mēnesī {format_eur(pricing.monthly.gross)}")
    if pricing.once.gross:
        parts.append(f"vienreizēji {format_eur(pricing.once.gross)}")
    if pricing.monthly.gross:
        parts.append(f"{document.months_phrase(pricing.months)} {format_eur(pricing.period.gross)}")
    print(f"Ar PVN: {', '.join(parts)}. Derīgs līdz {document.format_date(written.valid_until)}.")
    if not written.used_snapshot:
        print("Cenas no pašreizējā cenrāža (ne no tā, ar kuru tika aprēķināts pieprasījums).")
    if written.lang != "lv":
        print(f"Valoda: {written.lang} (pieprasījums sūtīts no šīs valodas lapas).")
    if written.without_texts:
        print(
            "Piedāvājumā nav jūsu ievada, noteikumu un paraksta: uzrakstiet tos mapē "
            "content/offer/ (skat. docs/)."
        )
    if previous is not None:
        print(_replaced(previous, written.number))
    code = _send(store, inquiry_id, written.number, facts) if send else 0
    if not send:
        print(f"Lai nosūtītu klientam: quote offer {inquiry_id} --send (nākamā versija)")
    print(f"({time.perf_counter() - started:.1f} s)", file=sys.stderr)
    return code


def _replaced(previous: status.OfferState, number: str) -> str:
    """What became of the version this one replaces: only the newest takes an answer."""
    if previous.answer == "accepted":
        return (
            f"Pieņemtais piedāvājums Nr. {previous.number} paliek saglabāts ar klienta atbildi, "
            f"bet spēkā tagad ir Nr. {number}: klientam tas jāpieņem no jauna."
        )
    if previous.sent_at and not previous.answer:
        return (
            f"Iepriekšējais piedāvājums Nr. {previous.number} vairs nav atbildams: tā lapā "
            f"klients redz, ka to aizstāj jaunāka versija (Nr. {number})."
        )
    return f"Tas aizstāj iepriekšējo versiju Nr. {previous.number}."


def _send(store, inquiry_id: int, number: str, facts: owner.OwnerSettings) -> int:
    """Queue the client's e-mail and try to deliver it at once; say how it went."""
    from quote.contact.config import MailSettings, StoreSettings
    from quote.contact.outbox import OutboxWorker
    from quote.offers import sending

    mail = MailSettings.from_env()
    sent = sending.queue_offer(
        store,
        number,
        site_origin=facts.site_origin,
        mail_from=mail.mail_from,
        template_dir=document.TEMPLATE_DIR,
        translations_dir=facts.i18n_catalogs,
    )
    OutboxWorker(mail, store, StoreSettings.from_env().pricing).process_due()
    row = next(r for r in store.outbox_for(inquiry_id) if r["id"] == sent.outbox_id)
    print(f"Piedāvājuma lapa: {sent.link}")
    if row["sent_at"] and row.get("delivered_by") == "smtp":
        print(f"Nosūtīts klientam uz {sent.recipient}: {row.get('server_reply') or 'pieņemts'}.")
        return 0
    if row["sent_at"]:
        print(
            f"SMTP serveris nav iestatīts: e-pasts klientam tikai ierakstīts failā mapē "
            f"{mail.mail_dir}, klients to nesaņēma. Iestatiet QUOTE_SMTP_HOST (docs/deploy.md).",
            file=sys.stderr,
        )
        return 1
    print(
        f"E-pasts klientam vēl nav nosūtīts ({row.get('last_error') or 'gaida'}); tas tiks "
        "sūtīts atkārtoti. Pārbaudiet ar: quote outbox flush",
        file=sys.stderr,
    )
    return 1


def _current_prices(pricing: Path, facts: owner.OwnerSettings):
    """Today's pricing.yaml as a snapshot with its texts in every published language, or None
    when it can't be read (the kept one may do)."""
    from quote.pricing.snapshots import load_snapshot

    units = {
        lang: document.translations_for(lang, facts.i18n_catalogs).gettext("mēn.")
        for lang in facts.languages[1:]
    }
    for languages in (facts.languages, None):
        try:
            return load_snapshot(pricing, languages, units if languages else None)
        except (OSError, QuoteError):
            continue
    return None
