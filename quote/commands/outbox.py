"""``quote outbox``: the owner's notification emails waiting to be sent.

    quote outbox flush    send every pending notification now (also those waiting for a retry)
    quote outbox status   how many are sent, pending and failing

Settings come from the same environment variables as the server (``QUOTE_DB``, ``QUOTE_SMTP_*``,
``QUOTE_MAIL_*``; see ``quote/contact/config.py``). ``flush`` is safe while the server runs: each
message is claimed before it is sent, so none goes out twice. Exit 1 if any send failed.
"""

from __future__ import annotations

import argparse
import sys

from quote.contact.config import ConfigError, MailSettings, StoreSettings
from quote.contact.outbox import OutboxWorker
from quote.contact.store import Store, StoreError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "outbox",
        help="paziņojumu e-pasti: nosūtīt gaidošos, parādīt stāvokli",
        description="Īpašnieka paziņojumu e-pasti par pieprasījumiem.",
    )
    actions = parser.add_subparsers(dest="action", required=True)
    flush = actions.add_parser("flush", help="nosūtīt visus gaidošos e-pastus tagad")
    flush.set_defaults(func=run, handler=_flush)
    status = actions.add_parser("status", help="cik e-pastu nosūtīts un cik gaida")
    status.set_defaults(func=run, handler=_status)


def run(args: argparse.Namespace) -> int:
    try:
        settings = StoreSettings.from_env()
        mail = MailSettings.from_env()
    except ConfigError as exc:
        print(f"Nederīgs iestatījums: {exc}", file=sys.stderr)
        return 2
    if not settings.db.exists():
        print(f"Datubāze nav atrasta: {settings.db} (iestatījums QUOTE_DB).", file=sys.stderr)
        return 1
    store = Store(settings.db)
    try:
        store.migrate()
    except StoreError as exc:
        print(f"Datubāzi nevar izmantot: {exc}", file=sys.stderr)
        return 1
    return args.handler(OutboxWorker(mail, store, settings.pricing))


def _flush(worker: OutboxWorker) -> int:
    result = worker.process_due(force=True)
    print(f"Nosūtīti: {result.sent}, neizdevās: {result.failed} ({worker.mail.where}).")
    for error in result.errors:
        print(f"  {error}", file=sys.stderr)
    return 1 if result.failed else 0


def _status(worker: OutboxWorker) -> int:
    counts = worker.store.outbox_counts()
    print(
        f"Nosūtīti: {counts['sent']}, gaida: {counts['pending']}, "
        f"no tiem ar neveiksmīgiem mēģinājumiem: {counts['failing']}."
    )
    return 0
