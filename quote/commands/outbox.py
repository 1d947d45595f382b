"""``quote outbox``: the owner's notification emails waiting to be sent.

    quote outbox flush    send every pending notification now (also those waiting for a retry)
    quote outbox status   how many are sent, pending and failing

Settings come from the store and mail variables (``QUOTE_DB``, ``QUOTE_PRICING``,
``QUOTE_SMTP_*``, ``QUOTE_MAIL_*``; see docs/deploy.md). ``flush`` is safe while the server runs:
each message is claimed before it is sent, so none goes out twice. Exit 1 if any send failed.
"""

from __future__ import annotations

import click

from quote.commands.common import open_store
from quote.contact.config import MailSettings, StoreSettings
from quote.contact.outbox import OutboxWorker


@click.group("outbox", short_help="paziņojumu e-pasti: nosūtīt gaidošos, parādīt stāvokli")
def command() -> None:
    """Īpašnieka paziņojumu e-pasti par pieprasījumiem."""


@command.command("flush", short_help="nosūtīt visus gaidošos e-pastus tagad")
def flush() -> int:
    """Nosūtīt visus gaidošos e-pastus tagad."""
    settings = StoreSettings.from_env()
    mail = MailSettings.from_env()
    worker = OutboxWorker(mail, open_store(settings.db, "QUOTE_DB"), settings.pricing)
    result = worker.process_due(force=True)
    click.echo(f"Nosūtīti: {result.sent}, neizdevās: {result.failed} ({mail.where}).")
    for error in result.errors:
        click.echo(f"  {error}", err=True)
    return 1 if result.failed else 0


@command.command("status", short_help="cik e-pastu nosūtīts un cik gaida")
def status() -> int:
    """Cik e-pastu nosūtīts un cik gaida."""
    counts = open_store(StoreSettings.from_env().db, "QUOTE_DB").outbox_counts()
    click.echo(
        f"Nosūtīti: {counts['sent']}, gaida: {counts['pending']}, "
        f"no tiem ar neveiksmīgiem mēģinājumiem: {counts['failing']}."
    )
    return 0
