"""The owner's notification email: built from a stored inquiry, sent by SMTP or written to a file.

Visitor text goes only into the plain-text body. Headers are fixed text, the configured
addresses, the inquiry id, and ``Reply-To`` set to the visitor's address only after it passed
validation again (no line breaks, no list). The visitor is never emailed.

``Reply-To`` always carries the visitor's address: an internationalised domain in its ASCII
(IDNA) form, so any server carries it; an address whose local part is not ASCII
(``jānis@example.lv``) only as UTF-8 (RFC 6531/6532), so the message is then sent with
``SMTPUTF8`` when the SMTP server offers it. When it does not, a second version of the message is
sent instead, without ``Reply-To``, whose body names the address to write to rather than asking
the owner to reply.

Without ``QUOTE_SMTP_HOST`` the :class:`FileTransport` writes each message as an ``.eml`` file
into ``QUOTE_MAIL_DIR`` (written to a temporary name, synced, then renamed), so a fresh machine
works and nothing is lost.
"""

from __future__ import annotations

import contextlib
import os
import re
import smtplib
import ssl
from collections.abc import Callable, Mapping
from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP, SMTPUTF8
from email.utils import format_datetime, parseaddr
from pathlib import Path
from typing import Any, Protocol

from email_validator import EmailNotValidError, validate_email

from quote.contact.wording import contact_lines, estimate_lines, local_time, parse_utc
from quote.private import make_folder, open_private

from .config import MailSettings
from .delivery import Delivery, server_answer

SUBJECT = "Jauns pieprasījums no vietnes (Nr. {id})"
TEST_SUBJECT = "Pārbaudes e-pasts no vietnes"


class Transport(Protocol):
    def send(
        self,
        message: EmailMessage,
        *,
        name: str,
        fallback: EmailMessage | None = None,
        recipients: list[str] | None = None,
    ) -> Delivery:
        """Deliver ``message`` (to ``recipients``, default the owner) and say how; ``fallback``
        (ASCII headers only) is given when ``message`` needs SMTPUTF8, for a server that does
        not offer it. Raises on failure."""


class SmtpTransport:
    """One SMTP connection per message; raises on any failure (the outbox retries).

    The envelope is sent step by step rather than with ``sendmail``, which drops the server's
    answer to the message: that answer ("250 2.0.0 Ok: queued as 4F1A2") is what proves the
    server took it, and it is recorded."""

    def __init__(self, mail: MailSettings) -> None:
        self.mail = mail
        self.envelope_from = parseaddr(mail.mail_from)[1]
        self.envelope_to = [parseaddr(address)[1] for address in mail.mail_to]

    def send(
        self,
        message: EmailMessage,
        *,
        name: str,
        fallback: EmailMessage | None = None,
        recipients: list[str] | None = None,
    ) -> Delivery:
        with self.connect() as client:
            if needs_smtputf8(message) and not client.has_extn("smtputf8"):
                if fallback is None:
                    raise smtplib.SMTPNotSupportedError("the server does not offer SMTPUTF8")
                message = fallback
            options = ["SMTPUTF8"] if needs_smtputf8(message) else []
            return self.transfer(client, message.as_bytes(), options, recipients)

    def connect(self) -> smtplib.SMTP:
        """A connection through TLS as configured, logged in when a user is set."""
        mail = self.mail
        host, port, timeout = mail.smtp_host or "localhost", mail.port, mail.smtp_timeout
        context = ssl.create_default_context()
        if mail.smtp_security == "tls":
            client: smtplib.SMTP = smtplib.SMTP_SSL(host, port, timeout=timeout, context=context)
        else:
            client = smtplib.SMTP(host, port, timeout=timeout)
        try:
            client.ehlo()
            if mail.smtp_security == "starttls":
                client.starttls(context=context)
                client.ehlo()
            if mail.smtp_user:
                client.login(mail.smtp_user, mail.smtp_password or "")
        except BaseException:
            client.close()
            raise
        return client

    def transfer(
        self,
        client: smtplib.SMTP,
        data: bytes,
        options: list[str],
        recipients: list[str] | None = None,
    ) -> Delivery:
        """MAIL, RCPT for each address (the owner's, unless ``recipients``), DATA: what
        ``sendmail`` does, keeping the answers.

        A recipient the server refuses while it takes another is named in the reply; when it
        takes none, nothing was delivered and :class:`smtplib.SMTPRecipientsRefused` is raised."""
        code, answer = client.mail(self.envelope_from, options)
        if code != 250:
            _reset(client)
            raise smtplib.SMTPSenderRefused(code, answer, self.envelope_from)
        refused = {}
        envelope_to = recipients or self.envelope_to
        for address in envelope_to:
            code, answer = client.rcpt(address)
            if code not in (250, 251):
                refused[address] = (code, answer)
        if len(refused) == len(envelope_to):
            _reset(client)
            raise smtplib.SMTPRecipientsRefused(refused)
        code, answer = client.data(data)
        if code != 250:
            _reset(client)
            raise smtplib.SMTPDataError(code, answer)
        return Delivery("smtp", server_answer(code, answer), refused=refused)


def _reset(client: smtplib.SMTP) -> None:
    """End a refused transaction politely; a server that hung up meanwhile must not hide why it
    refused."""
    with contextlib.suppress(smtplib.SMTPException, OSError):
        client.rset()


class FileTransport:
    """Writes ``<name>.eml`` into a folder (owner-only); writing the same name again replaces it."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def send(
        self,
        message: EmailMessage,
        *,
        name: str,
        fallback: EmailMessage | None = None,
        recipients: list[str] | None = None,
    ) -> Delivery:
        # Mail programs read UTF-8 headers (RFC 6532): the file keeps the full Reply-To.
        make_folder(self.folder)
        target = self.folder / f"{name}.eml"
        temporary = self.folder / f".{name}.eml.tmp"
        with os.fdopen(open_private(temporary), "wb") as handle:
            handle.write(message.as_bytes())
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
        return Delivery("file", str(target))


# The file written for an outbox row: ``inquiry-000012-7.eml`` (its temporary is ``.…eml.tmp``).
EML_FILE = re.compile(r"\.?inquiry-([0-9]+)-([0-9]+)\.eml(?:\.tmp)?")


def eml_name(inquiry_id: int, outbox_id: int) -> str:
    return f"inquiry-{inquiry_id:06d}-{outbox_id}"


def eml_files(folder: Path) -> dict[Path, int]:
    """The notification files in ``folder`` with the inquiry id each belongs to."""
    if not folder.is_dir():
        return {}
    found = {}
    for path in sorted(folder.iterdir()):
        match = EML_FILE.fullmatch(path.name)
        if match and path.is_file():
            found[path] = int(match.group(1))
    return found


def make_transport(mail: MailSettings) -> Transport:
    if mail.smtp_host:
        return SmtpTransport(mail)
    return FileTransport(mail.mail_dir)


def needs_smtputf8(message: EmailMessage) -> bool:
    return bool(message.policy.utf8)


def reply_to_address(email: str, *, utf8: bool = False) -> str | None:
    """The visitor's address as it may stand in a header: valid, one line, one address; its
    domain in ASCII. An address whose local part is not ASCII only when ``utf8`` (SMTPUTF8)."""
    if not email or any(ch in email for ch in "\r\n,;<>\"'()") or not email.isprintable():
        return None
    try:
        result = validate_email(email, check_deliverability=False)
    except EmailNotValidError:
        return None
    if result.ascii_email:
        return result.ascii_email
    return result.normalized if utf8 else None


def build_message(
    mail: MailSettings,
    inquiry: Mapping[str, Any],
    *,
    outbox_id: int,
    service_names: Callable[[], Mapping[str, Mapping[str, Any]]] | None = None,
    utf8: bool = True,
) -> EmailMessage:
    """The notification for one stored inquiry (a row dict of :mod:`quote.contact.store`).

    With ``utf8`` a visitor address that needs it goes into ``Reply-To`` as UTF-8 (the message
    then needs SMTPUTF8, see :func:`needs_smtputf8`); without, such a message has no
    ``Reply-To`` and its body names the address instead."""
    ascii_reply_to = reply_to_address(inquiry["email"])
    reply_to = ascii_reply_to or reply_to_address(inquiry["email"], utf8=utf8)
    message = EmailMessage(policy=SMTP if reply_to == ascii_reply_to else SMTPUTF8)
    message["Subject"] = SUBJECT.format(id=int(inquiry["id"]))
    message["From"] = mail.mail_from
    message["To"] = ", ".join(mail.mail_to)
    if reply_to:
        message["Reply-To"] = reply_to
    received = parse_utc(inquiry["created_at"])
    message["Date"] = format_datetime(received)
    domain = parseaddr(mail.mail_from)[1].rpartition("@")[2] or "localhost"
    stamp = re.sub(r"[^0-9]", "", inquiry["created_at"])
    message["Message-ID"] = f"<inquiry-{int(inquiry['id'])}.{outbox_id}.{stamp}@{domain}>"
    body = render_body(
        inquiry,
        received=received,
        services=_safe_services(service_names),
        reply=reply_to is not None,
    )
    message.set_content(body, charset="utf-8", cte="quoted-printable")
    return message


def build_test_message(mail: MailSettings, *, now: datetime) -> EmailMessage:
    """The message ``quote outbox test`` sends: from and to the addresses notifications use."""
    message = EmailMessage(policy=SMTP)
    message["Subject"] = TEST_SUBJECT
    message["From"] = mail.mail_from
    message["To"] = ", ".join(mail.mail_to)
    message["Date"] = format_datetime(now)
    domain = parseaddr(mail.mail_from)[1].rpartition("@")[2] or "localhost"
    message["Message-ID"] = f"<test.{now.strftime('%Y%m%d%H%M%S%f')}@{domain}>"
    message.set_content(
        "\n".join(
            [
                "Šis ir pārbaudes e-pasts, ko nosūtīja komanda „quote outbox test”.",
                f"Nosūtīts: {local_time(now)}, caur SMTP serveri {mail.smtp_host}:{mail.port}.",
                "",
                "Ja to saņēmāt, paziņojumi par vietnē saņemtajiem pieprasījumiem nonāks šeit.",
                "",
            ]
        ),
        charset="utf-8",
        cte="quoted-printable",
    )
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
    reply: bool = True,
) -> str:
    """The plain-text body: every field, then the recomputed estimate; at the end how to answer
    (``reply``: by replying; otherwise by writing to the visitor's address)."""
    received = received or parse_utc(inquiry["created_at"])
    lines = [
        f"Jauns pieprasījums no vietnes, Nr. {inquiry['id']}.",
        f"Saņemts: {local_time(received)}",
        "",
        *contact_lines(inquiry),
        "",
        *estimate_lines(inquiry, services or {}),
    ]
    if reply:
        lines += ["", "Lai atbildētu klientam, atbildiet uz šo e-pastu.", ""]
    else:
        lines += [
            "",
            "Šim e-pastam nav atbildes adreses: pasta serveris nepieņem adreses ar burtiem ārpus "
            "latīņu pamatalfabēta. Lai atbildētu, rakstiet klientam uz adresi:",
            inquiry["email"],
            "",
        ]
    return "\n".join(lines)
