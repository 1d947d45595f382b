"""The owner's notification email: built from a stored inquiry, sent by SMTP or written to a file.

Visitor text goes only into the plain-text body. Headers are fixed text, the configured
addresses, the inquiry id, and ``Reply-To`` set to the visitor's address only after it passed
validation again (plain ASCII, no line breaks). The visitor is never emailed.

Without ``QUOTE_SMTP_HOST`` the :class:`FileTransport` writes each message as an ``.eml`` file
into ``QUOTE_MAIL_DIR`` (written to a temporary name, synced, then renamed), so a fresh machine
works and nothing is lost.
"""

from __future__ import annotations

import json
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

from .config import MailSettings
from .messages import LABELS

SUBJECT = "Jauns pieprasījums no vietnes (Nr. {id})"

try:
    from zoneinfo import ZoneInfo

    RIGA = ZoneInfo("Europe/Riga")
except Exception:  # no tz database on this machine: show UTC
    RIGA = None


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
    received = _parse_utc(inquiry["created_at"])
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


def _parse_utc(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def _local(moment: datetime) -> str:
    if RIGA is None:
        return moment.strftime("%Y-%m-%d %H:%M UTC")
    return moment.astimezone(RIGA).strftime("%Y-%m-%d %H:%M") + " (Rīgas laiks)"


def render_body(
    inquiry: Mapping[str, Any],
    *,
    received: datetime | None = None,
    services: Mapping[str, Mapping[str, Any]] | None = None,
) -> str:
    """The plain-text body: every field, then the recomputed estimate."""
    received = received or _parse_utc(inquiry["created_at"])
    missing, none_chosen = "nav norādīts", "nav norādīti"
    lines = [
        f"Jauns pieprasījums no vietnes, Nr. {inquiry['id']}.",
        f"Saņemts: {_local(received)}",
        "",
        f"{LABELS['name']}: {inquiry['name']}",
        f"{LABELS['email']}: {inquiry['email']}",
        f"{LABELS['phone']}: {inquiry['phone'] or missing}",
        f"{LABELS['company']}: {inquiry['company'] or missing}",
        f"{LABELS['channels']}: {', '.join(inquiry['channels']) or none_chosen}",
        "",
        f"{LABELS['message']}:",
        inquiry["message"],
        "",
    ]
    lines.extend(estimate_lines(inquiry, services or {}))
    lines += ["", "Lai atbildētu klientam, atbildi uz šo e-pastu.", ""]
    return "\n".join(lines)


def tier_label(tier: str) -> str:
    """``2`` -> ``2. līmenis`` (as the calculator on the page says), another id in quotes."""
    return f"{tier}. līmenis" if tier.isdigit() else f"līmenis „{tier}”"


def estimate_lines(
    inquiry: Mapping[str, Any], services: Mapping[str, Mapping[str, Any]]
) -> list[str]:
    """The estimate part of the email and of ``quote inquiries show``."""
    from quote.estimate import format_estimate
    from quote.money import NBSP, format_eur

    note = inquiry.get("quote_note")
    if not inquiry.get("estimate_json"):
        lines = ["Aprēķins: nav pievienots."]
        if note:
            lines.append(f"Piezīme: {note}")
        return lines
    result = json.loads(inquiry["estimate_json"])
    texts = format_estimate(result)
    lines = [
        "Aprēķins (pārrēķināts pēc cenrāža versijas "
        f"{inquiry.get('price_version') or '?'}, cenas ar PVN):"
    ]
    for line in result["lines"]:
        service = services.get(line["service"], {})
        label = service.get("name") or line["service"]
        if line.get("tier"):
            label += f", {tier_label(line['tier'])}"
        if line.get("quantity", 1) > 1 or service.get("quantity"):
            label += f" × {line['quantity']}"
        unit = f"{NBSP}/{NBSP}mēn." if line["billing"] == "monthly" else ""
        lines.append(f"  - {label}: {format_eur(line['amount'])}{unit}")
    monthly, once = result["monthly"]["gross"], result["once"]["gross"]
    months = result["months"]
    period = f"{months} mēnesi" if months % 10 == 1 and months % 100 != 11 else f"{months} mēnešiem"
    shown = [
        ("monthly", "Ik mēnesi", monthly > 0),
        ("once", "Vienreizējie maksājumi", once > 0),
        ("first_month", "Pirmajā mēnesī", monthly > 0 and once > 0),
        ("period", f"Par {period}", monthly > 0),
    ]
    for part, label, show in shown:
        if show:
            lines.append(
                f"  {label}: {texts[part]} "
                f"(bez PVN {texts[part + '_net']}, PVN {texts[part + '_vat']})"
            )
    suggestion = result.get("suggestion")
    if suggestion:
        package = services.get(suggestion["service"], {}).get("name") or suggestion["service"]
        lines.append(
            f"  Ieteikums: {package}, {tier_label(suggestion['tier'])}, "
            f"{format_eur(suggestion['price'])}{NBSP}/{NBSP}mēn. – "
            f"ietaupījums {texts['saving']} mēnesī."
        )
    lines.append(f"Aprēķina parametri: {inquiry['quote_query']}")
    if note:
        lines.append(f"Piezīme: {note}")
    return lines
