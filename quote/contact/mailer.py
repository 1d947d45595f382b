"""The owner's notification email: built from a stored inquiry, sent by SMTP or written to a file.

Visitor text goes only into the plain-text body. Headers are fixed text, the configured
addresses, the inquiry id, and ``Reply-To`` set to the visitor's address only after it passed
validation again (plain ASCII, no line breaks). The visitor is never emailed.

Without ``QUOTE_SMTP_HOST`` the :class:`FileTransport` writes each message as an ``.eml`` file
into ``QUOTE_MAIL_DIR`` (written to a temporary name, synced, then renamed), so a fresh machine
works and nothing is lost.
"""

from __future__ import annotations

import os
import re
import smtplib
import ssl
from collections.abc import Callable, Mapping
from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, parseaddr
from pathlib import Path
from typing import Any, Protocol

from email_validator import EmailNotValidError, validate_email

from quote.wording import contact_lines, estimate_lines, local_time, parse_utc

from .config import MailSettings

SUBJECT = "Jauns pieprasījums no vietnes (Nr. {id})"


class Transport(Protocol):
    def send(self, message: EmailMessage, *, name: str) -> None: ...


class SmtpTransport:
    """One SMTP connection per message; raises on any failure (the outbox retries)."""

    def __init__(self, mail: MailSettings) -> None:
        self.mail = mail
        self.envelope_from = parseaddr(mail.mail_from)[1]
        self.envelope_to = [parseaddr(address)[1] for address in mail.mail_to]

    def send(self, message: EmailMessage, *, name: str) -> None:
        mail = self.mail
        host, port, timeout = mail.smtp_host or "localhost", mail.port, mail.smtp_timeout
        context = ssl.create_default_context()
        if mail.smtp_security == "tls":
            client: smtplib.SMTP = smtplib.SMTP_SSL(host, port, timeout=timeout, context=context)
        else:
            client = smtplib.SMTP(host, port, timeout=timeout)
        with client:
            client.ehlo()
            if mail.smtp_security == "starttls":
                client.starttls(context=context)
                client.ehlo()
            if mail.smtp_user:
                client.login(mail.smtp_user, mail.smtp_password or "")
            client.sendmail(self.envelope_from, self.envelope_to, message.as_bytes(policy=SMTP))


class FileTransport:
    """Writes ``<name>.eml`` into a folder; writing the same name again replaces it."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def send(self, message: EmailMessage, *, name: str) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.folder / f"{name}.eml"
        temporary = self.folder / f".{name}.eml.tmp"
        with open(temporary, "wb") as handle:
            handle.write(message.as_bytes(policy=SMTP))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)


def make_transport(mail: MailSettings) -> Transport:
    if mail.smtp_host:
        return SmtpTransport(mail)
    return FileTransport(mail.mail_dir)


def reply_to_address(email: str) -> str | None:
    """The visitor's address if it is safe in a header: valid, ASCII, one line."""
    if not email or not email.isascii() or any(ch in email for ch in "\r\n,;<>\"'()"):
        return None
    try:
        result = validate_email(email, check_deliverability=False)
    except EmailNotValidError:
        return None
    return result.ascii_email if result.ascii_email == email else None


def build_message(
    mail: MailSettings,
    inquiry: Mapping[str, Any],
    *,
    outbox_id: int,
    service_names: Callable[[], Mapping[str, Mapping[str, Any]]] | None = None,
) -> EmailMessage:
    """The notification for one stored inquiry (a row dict of :mod:`quote.contact.store`)."""
    message = EmailMessage(policy=SMTP)
    message["Subject"] = SUBJECT.format(id=int(inquiry["id"]))
    message["From"] = mail.mail_from
    message["To"] = ", ".join(mail.mail_to)
    reply_to = reply_to_address(inquiry["email"])
    if reply_to:
        message["Reply-To"] = reply_to
    received = parse_utc(inquiry["created_at"])
    message["Date"] = format_datetime(received)
    domain = parseaddr(mail.mail_from)[1].rpartition("@")[2] or "localhost"
    stamp = re.sub(r"[^0-9]", "", inquiry["created_at"])
    message["Message-ID"] = f"<inquiry-{int(inquiry['id'])}.{outbox_id}.{stamp}@{domain}>"
    body = render_body(inquiry, received=received, services=_safe_services(service_names))
    message.set_content(body, charset="utf-8", cte="quoted-printable")
    return message


def _safe_services(
    loader: Callable[[], Mapping[str, Mapping[str, Any]]] | None,
) -> Mapping[str, Mapping[str, Any]]:
    if loader is None:
        return {}
    try:
        return loader()
    except Exception:  # names are a nicety; ids are shown instead
        return {}


def render_body(
    inquiry: Mapping[str, Any],
    *,
    received: datetime | None = None,
    services: Mapping[str, Mapping[str, Any]] | None = None,
) -> str:
    """The plain-text body: every field, then the recomputed estimate."""
    received = received or parse_utc(inquiry["created_at"])
    lines = [
        f"Jauns pieprasījums no vietnes, Nr. {inquiry['id']}.",
        f"Saņemts: {local_time(received)}",
        "",
        *contact_lines(inquiry),
        "",
        *estimate_lines(inquiry, services or {}),
    ]
    lines += ["", "Lai atbildētu klientam, atbildi uz šo e-pastu.", ""]
    return "\n".join(lines)
