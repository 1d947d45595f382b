"""``quote outbox``: the owner's notification emails waiting to be sent, and a test of the settings.

    quote outbox flush              send every pending notification now (also those waiting for
                                    a retry)
    quote outbox status             how many went to the SMTP server, only to files, and wait
    quote outbox test [--settings FAILS]
                                    send a test message to the owner's address through the SMTP
                                    server and print its answer, or exactly what went wrong

Settings come from the store and mail variables (``QUOTE_DB``, ``QUOTE_PRICING``,
``QUOTE_SMTP_*``, ``QUOTE_MAIL_*``; see docs/deploy.md); ``test --settings deploy/contact.env``
reads them from that file instead, so the published site's settings can be tried before a
deploy. ``flush`` is safe while the server runs: each message is claimed before it is sent, so
none goes out twice. Exit 1 if any send failed, or the test message did not reach the server.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import click

from quote.commands.common import open_store
from quote.contact.config import MailSettings, StoreSettings
from quote.contact.failures import describe_failure
from quote.contact.mail_mode import read_settings_file
from quote.contact.mailer import SmtpTransport, build_test_message
from quote.contact.outbox import OutboxWorker
from quote.errors import ConfigError, MailError, NotFoundError


@click.group("outbox", short_help="paziņojumu e-pasti: nosūtīt gaidošos, stāvoklis, pārbaude")
def command() -> None:
    """Īpašnieka paziņojumu e-pasti par pieprasījumiem."""


@command.command("flush", short_help="nosūtīt visus gaidošos e-pastus tagad")
def flush() -> int:
    """Nosūtīt visus gaidošos e-pastus tagad."""
    settings = StoreSettings.from_env()
    mail = MailSettings.from_env()
    worker = OutboxWorker(mail, open_store(settings.db, "QUOTE_DB"), settings.pricing)
    result = worker.process_due(force=True)
    if mail.smtp_host:
        click.echo(f"Nosūtīti: {result.sent}, neizdevās: {result.failed} ({mail.where}).")
    else:
        click.echo(
            "Nosūtīti: 0. SMTP serveris nav iestatīts (QUOTE_SMTP_HOST), tāpēc paziņojumi tikai"
            f" ierakstīti failos mapē {mail.mail_dir}: {result.filed}; neizdevās: {result.failed}."
        )
    for error in result.errors:
        click.echo(f"  {error}", err=True)
    return 1 if result.failed else 0


@command.command("status", short_help="cik e-pastu nosūtīts un cik gaida")
def status() -> int:
    """Cik e-pastu nosūtīts un cik gaida."""
    counts = open_store(StoreSettings.from_env().db, "QUOTE_DB").outbox_counts()
    line = f"Nosūtīti (SMTP serveris pieņēma): {counts['smtp']}"
    line += f", tikai ierakstīti failos (nav nosūtīti): {counts['file']}"
    if counts["unknown"]:
        line += f", atzīmēti kā nosūtīti vecākā versijā: {counts['unknown']}"
    line += f", gaida: {counts['pending']}"
    line += f", no tiem ar neveiksmīgiem mēģinājumiem: {counts['failing']}."
    click.echo(line)
    return 0


@command.command("test", short_help="nosūtīt pārbaudes e-pastu uz jūsu adresi")
@click.option(
    "--settings",
    "settings_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    metavar="FAILS",
    help="iestatījumu fails, piem., deploy/contact.env (bez tā – QUOTE_* no vides)",
)
def test(settings_file: Path | None) -> int:
    """Nosūtīt pārbaudes e-pastu caur iestatīto SMTP serveri uz paziņojumu adresi un parādīt
    servera atbildi vai precīzi, kas nav izdevies."""
    if settings_file is None:
        mail = MailSettings.from_env()
    elif not settings_file.is_file():
        raise NotFoundError(f"Iestatījumu fails nav atrasts: {settings_file}.")
    else:
        try:
            mail = MailSettings.from_env(read_settings_file(settings_file))
        except ConfigError as error:
            raise ConfigError(f"{settings_file}: {error}") from None
    where = f" failā {settings_file}" if settings_file else ""
    if not mail.smtp_host:
        raise MailError(
            f"SMTP serveris nav iestatīts{where} (QUOTE_SMTP_HOST): paziņojumi tiek tikai"
            f" ierakstīti failos mapē {mail.mail_dir}, nevienam netiek nosūtīti. Norādiet"
            " QUOTE_SMTP_HOST, QUOTE_MAIL_FROM un QUOTE_MAIL_TO (docs/deploy.md)."
        )
    to = ", ".join(mail.mail_to)
    click.echo(f"Sūta pārbaudes e-pastu uz {to} caur SMTP serveri {mail.smtp_host}:{mail.port}…")
    message = build_test_message(mail, now=datetime.now(UTC))
    try:
        delivery = SmtpTransport(mail).send(message, name="test")
    except Exception as error:
        raise MailError(f"Neizdevās: {describe_failure(error, mail)}.") from None
    if delivery.refused:
        raise MailError(f"Daļēji neizdevās: {delivery.record}.")
    click.echo(f"Serveris pieņēma vēstuli: „{delivery.reply}”.")
    click.echo(
        f"Pārbaudiet, vai tā pienāca uz {to} (arī surogātpasta mapē). Ja pienāca, paziņojumi par"
        " pieprasījumiem nonāks tur pat."
    )
    return 0
