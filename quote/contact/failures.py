"""A failed send in the owner's words: what went wrong, and which setting to look at.

:func:`describe_failure` turns what :class:`~quote.contact.mailer.SmtpTransport` raised into
one Latvian line ending with the technical cause in brackets (the exception's name and the
server's own answer), so the owner can act on it and a mail provider's support can read it.
The outbox stores it as the row's last error, and ``quote outbox test`` prints it.
"""

from __future__ import annotations

import smtplib
import socket
import ssl

from .config import MailSettings
from .delivery import server_answer


def describe_failure(error: BaseException, mail: MailSettings) -> str:
    """``error`` from one send through ``mail``'s server, as one Latvian line."""
    return f"{_meaning(error, mail)} ({_technical(error)})"


def _meaning(error: BaseException, mail: MailSettings) -> str:
    if not mail.smtp_host:  # the file transport's own failure: a full disk, a folder's mode
        return f"paziņojumu neizdevās ierakstīt failā mapē {mail.mail_dir}"
    server = f"{mail.smtp_host}:{mail.port}"
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return (
            f"SMTP serveris {server} nepieņēma lietotājvārdu vai paroli: pārbaudiet"
            " QUOTE_SMTP_USER un QUOTE_SMTP_PASSWORD"
        )
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        addresses = ", ".join(error.recipients)
        return f"SMTP serveris {server} noraidīja adresātu {addresses}: pārbaudiet QUOTE_MAIL_TO"
    if isinstance(error, smtplib.SMTPSenderRefused):
        return (
            f"SMTP serveris {server} noraidīja sūtītāja adresi {error.sender}: pārbaudiet"
            " QUOTE_MAIL_FROM (daudzi serveri pieņem tikai sava konta adresi)"
        )
    if isinstance(error, smtplib.SMTPDataError):
        return f"SMTP serveris {server} nepieņēma vēstuli"
    if isinstance(error, smtplib.SMTPNotSupportedError):
        text = str(error).lower()
        if "starttls" in text:
            return (
                f"SMTP serveris {server} nepiedāvā šifrētu savienojumu (STARTTLS): pārbaudiet"
                " QUOTE_SMTP_PORT un QUOTE_SMTP_SECURITY (465: tls, 587: starttls)"
            )
        if "auth" in text:
            return (
                f"SMTP serveris {server} nepiedāvā pieteikšanos ar paroli: pārbaudiet"
                " QUOTE_SMTP_PORT un QUOTE_SMTP_SECURITY"
            )
        return f"SMTP serveris {server} neatbalsta to, kas vajadzīgs šai vēstulei"
    if isinstance(error, ssl.SSLCertVerificationError):
        return (
            f"TLS: SMTP servera {server} sertifikāts nav derīgs vai neatbilst nosaukumam"
            f" {mail.smtp_host}: pārbaudiet QUOTE_SMTP_HOST"
        )
    if isinstance(error, ssl.SSLError):
        return (
            f"TLS savienojums ar SMTP serveri {server} neizdevās: pārbaudiet QUOTE_SMTP_PORT un"
            " QUOTE_SMTP_SECURITY (465: tls, 587: starttls)"
        )
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return (
            f"SMTP serveris {server} pārtrauca savienojumu: pārbaudiet QUOTE_SMTP_PORT un"
            " QUOTE_SMTP_SECURITY (465: tls, 587: starttls)"
        )
    if isinstance(error, smtplib.SMTPResponseException):
        return f"SMTP serveris {server} atbildēja ar kļūdu"
    if isinstance(error, ConnectionRefusedError):
        return (
            f"savienojums ar {server} atteikts: tur neklausās neviens pasta serveris; pārbaudiet"
            " QUOTE_SMTP_HOST un QUOTE_SMTP_PORT"
        )
    if isinstance(error, socket.gaierror):
        return f"serveris {mail.smtp_host} nav atrasts: pārbaudiet QUOTE_SMTP_HOST"
    if isinstance(error, TimeoutError):
        return (
            f"SMTP serveris {server} neatbildēja laikā (QUOTE_SMTP_TIMEOUT={mail.smtp_timeout:g}):"
            " pārbaudiet QUOTE_SMTP_HOST, QUOTE_SMTP_PORT un to, vai serveris ļauj pieslēgties"
            " no šī datora"
        )
    if isinstance(error, OSError):
        return f"tīkla kļūda, sazinoties ar SMTP serveri {server}"
    return "vēstuli nevarēja sagatavot vai nosūtīt"


def _technical(error: BaseException) -> str:
    name = type(error).__name__
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        answers = "; ".join(
            server_answer(code, answer) for code, answer in error.recipients.values()
        )
        return f"{name}: {answers}"
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{name}: {server_answer(error.smtp_code, error.smtp_error)}"
    return " ".join(f"{name}: {error}".split())
