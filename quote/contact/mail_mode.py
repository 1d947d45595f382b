"""Whether notifications reach the owner, said out loud.

Without ``QUOTE_SMTP_HOST`` a notification is only written as an ``.eml`` file
(quote/contact/mailer.py) and reaches nobody's inbox: fine while trying the site on one's own
computer, a lost client on the published site. So it is never silent:

- :func:`mode_line` is what a starting server (``quote serve``, ``python -m quote.contact``)
  prints about its own mail settings;
- :func:`published_warning` is the warning ``quote serve`` and ``make publish`` print while the
  published site's settings (:data:`PUBLISHED_SETTINGS`, which ``make deploy`` copies to the
  server) name no SMTP server, or cannot be read.

The settings file is the same ``KEY=value`` file the server's systemd unit reads
(``EnvironmentFile``), read here with python-dotenv.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from dotenv import dotenv_values

from quote.errors import ConfigError

from .config import MailSettings

# The published site's endpoint settings, filled in once by the owner (git-ignored), relative to
# the project; deploy/contact.env.example shows every variable.
PUBLISHED_SETTINGS = Path("deploy") / "contact.env"
TEST_COMMAND = "quote outbox test"


def read_settings_file(path: Path) -> dict[str, str]:
    """The ``QUOTE_*`` values of a ``KEY=value`` settings file (comments and blanks left out)."""
    return {k: v for k, v in dotenv_values(path, interpolate=False).items() if v is not None}


def mode_line(mail: MailSettings) -> str:
    """One Latvian line: where this process's notifications go."""
    to = ", ".join(mail.mail_to)
    if mail.smtp_host:
        return f"E-pasta paziņojumi: caur SMTP serveri {mail.smtp_host}:{mail.port} uz {to}."
    return (
        "E-pasta paziņojumi: NETIEK SŪTĪTI. SMTP serveris nav iestatīts (QUOTE_SMTP_HOST),"
        f" tāpēc tie tikai tiek ierakstīti failos mapē {mail.mail_dir}, nevis nosūtīti uz {to}."
    )


def published_warning(project: Path, environ: Mapping[str, str] | None = None) -> str | None:
    """The warning while the published site would not email the owner; None when it would.

    ``environ`` is the published site's settings (default: :data:`PUBLISHED_SETTINGS` under
    ``project``)."""
    path = project / PUBLISHED_SETTINGS
    if environ is None:
        if not path.is_file():
            return (
                f"BRĪDINĀJUMS: nav faila {PUBLISHED_SETTINGS} ar publicētās vietnes iestatījumiem,"
                " tātad nav iestatīts arī SMTP serveris: vietnē saņemtie pieprasījumi tiks"
                " saglabāti, bet e-pastā jūs par tiem neuzzināsiet. Izveidojiet to no"
                f" {PUBLISHED_SETTINGS}.example, norādiet QUOTE_SMTP_* un pārbaudiet ar"
                f" „{TEST_COMMAND} --settings {PUBLISHED_SETTINGS}” (docs/deploy.md)."
            )
        environ = read_settings_file(path)
    try:
        mail = MailSettings.from_env(environ)
    except ConfigError as error:
        return (
            f"BRĪDINĀJUMS: {PUBLISHED_SETTINGS}: {error}. Kamēr tas nav izlabots, vietne"
            " nevar nosūtīt e-pastus par pieprasījumiem."
        )
    if mail.smtp_host:
        return None
    return (
        f"BRĪDINĀJUMS: {PUBLISHED_SETTINGS} nenorāda SMTP serveri (QUOTE_SMTP_HOST): vietnē"
        " saņemtie pieprasījumi tiks saglabāti, bet e-pastā jūs par tiem neuzzināsiet."
        f" Norādiet QUOTE_SMTP_* un pārbaudiet ar „{TEST_COMMAND} --settings"
        f" {PUBLISHED_SETTINGS}” (docs/deploy.md)."
    )
