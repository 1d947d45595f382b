"""Configuration of the contact endpoint, read from environment variables.

Every setting has a safe default, so a fresh machine works: inquiries go to
``var/inquiries.sqlite3`` and, without an SMTP server, notification emails are written as
``.eml`` files into ``var/mail/``. A setting that is present but invalid (``QUOTE_SMTP_PORT=abc``)
raises :class:`ConfigError` naming the variable, so the server stops at start with a clear message.
An empty variable counts as unset. Relative paths resolve against the working directory.

| Variable | Default | Meaning |
|---|---|---|
| `QUOTE_SITE_ORIGIN` | where `quote serve` listens | public origin(s), comma-separated (1) |
| `QUOTE_DB` | `var/inquiries.sqlite3` | SQLite file of inquiries and the outbox |
| `QUOTE_PRICING` | `pricing.yaml` | price list used to recompute estimates |
| `QUOTE_MAIL_DIR` | `var/mail` | folder for `.eml` files when `QUOTE_SMTP_HOST` is unset |
| `QUOTE_SMTP_HOST` | unset: write `.eml` files | SMTP server for the owner's notifications |
| `QUOTE_SMTP_PORT` | 587, 465 or 25 by security | SMTP port, 1-65535 |
| `QUOTE_SMTP_SECURITY` | `starttls` | `starttls`, `tls` (implicit TLS) or `none` (2) |
| `QUOTE_SMTP_USER` | unset: no login | SMTP login name |
| `QUOTE_SMTP_PASSWORD` | unset | SMTP password; required with `QUOTE_SMTP_USER` |
| `QUOTE_SMTP_TIMEOUT` | `30` | seconds before an SMTP operation fails |
| `QUOTE_MAIL_FROM` | `noreply@localhost` | sender of notifications; required with SMTP |
| `QUOTE_MAIL_TO` | `owner@localhost` | owner's address(es), comma-separated; required with SMTP |
| `QUOTE_RATE_LIMIT` | `5 per minute;30 per day` | posts allowed per client address (3) |
| `QUOTE_TRUST_PROXY` | `0` | reverse proxies whose `X-Forwarded-For` is trusted (4) |
| `QUOTE_MIN_FILL_SECONDS` | `3` | a form sent sooner after page load is kept as spam |
| `QUOTE_OUTBOX_RETRY_BASE` | `30` | seconds before the first retry of a failed email (5) |
| `QUOTE_OUTBOX_RETRY_MAX` | `3600` | longest wait between retries, in seconds |
| `QUOTE_OUTBOX_POLL` | `60` | seconds between outbox checks when nothing wakes the worker |
| `QUOTE_THANKS_URL` | `/paldies/` | redirect after a successful post without JavaScript |
| `QUOTE_FORM_URL` | `/#kontakti` | link back to the form on error pages |

1. A post whose `Origin` is not one of them, or without `Origin` whose `Sec-Fetch-Site` is
   not `same-origin`, is refused with 403. The address `quote serve` listens on is accepted too.
2. `none` sends in clear text: only for a relay on the same machine.
3. Flask-Limiter syntax, several limits separated by `;`. Counted in memory, per process.
4. 0 ignores `X-Forwarded-For`; 1 trusts the last address added by one proxy (nginx, Caddy).
5. The wait doubles after each failure, up to `QUOTE_OUTBOX_RETRY_MAX`; retries never stop.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Mapping
from email.utils import parseaddr
from pathlib import Path
from urllib.parse import urlsplit

from limits import parse_many

MAX_BODY_BYTES = 32 * 1024
SECURITY_MODES = ("starttls", "tls", "none")
DEFAULT_PORTS = {"starttls": 587, "tls": 465, "none": 25}


class ConfigError(ValueError):
    """A setting of the contact endpoint is missing or invalid; the message names the variable."""


@dataclasses.dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    security: str = "starttls"
    user: str | None = None
    password: str | None = dataclasses.field(default=None, repr=False)
    timeout: float = 30.0


@dataclasses.dataclass(frozen=True)
class ContactConfig:
    """Settings of the contact endpoint; build with :meth:`from_env` or directly in tests."""

    site_origin: str
    extra_origins: tuple[str, ...] = ()
    db_path: Path = Path("var/inquiries.sqlite3")
    pricing_path: Path = Path("pricing.yaml")
    mail_dir: Path = Path("var/mail")
    smtp: SmtpConfig | None = None
    mail_from: str = "noreply@localhost"
    mail_to: tuple[str, ...] = ("owner@localhost",)
    rate_limit: str = "5 per minute;30 per day"
    trust_proxy: int = 0
    min_fill_seconds: float = 3.0
    retry_base: float = 30.0
    retry_max: float = 3600.0
    outbox_poll: float = 60.0
    thanks_url: str = "/paldies/"
    form_url: str = "/#kontakti"
    max_body_bytes: int = MAX_BODY_BYTES

    def __post_init__(self) -> None:
        object.__setattr__(self, "site_origin", normalize_origin(self.site_origin, "site_origin"))
        object.__setattr__(
            self,
            "extra_origins",
            tuple(normalize_origin(o, "extra_origins") for o in self.extra_origins),
        )
        object.__setattr__(self, "db_path", Path(self.db_path))
        object.__setattr__(self, "pricing_path", Path(self.pricing_path))
        object.__setattr__(self, "mail_dir", Path(self.mail_dir))
        if isinstance(self.mail_to, str):
            object.__setattr__(self, "mail_to", (self.mail_to,))
        _check_rate_limit(self.rate_limit, "rate_limit")
        _check_site_path(self.thanks_url, "thanks_url")
        _check_site_path(self.form_url, "form_url")

    @property
    def allowed_origins(self) -> frozenset[str]:
        return frozenset((self.site_origin, *self.extra_origins))

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, *, site_origin: str | None = None
    ) -> ContactConfig:
        """Read the settings from ``environ`` (default ``os.environ``).

        ``site_origin`` is the origin the server itself listens on (``http://127.0.0.1:8000``);
        origins in ``QUOTE_SITE_ORIGIN`` come first and the listening one is also accepted.
        Raises :class:`ConfigError` for a missing or invalid setting.
        """
        env = _Env(os.environ if environ is None else environ)
        origins = [
            normalize_origin(part, "QUOTE_SITE_ORIGIN")
            for part in (env.get("QUOTE_SITE_ORIGIN") or "").split(",")
            if part.strip()
        ]
        if site_origin:
            origin = normalize_origin(site_origin, "site_origin")
            if origin not in origins:
                origins.append(origin)
        if not origins:
            raise ConfigError(
                "QUOTE_SITE_ORIGIN: not set; give the site's public origin, "
                "e.g. QUOTE_SITE_ORIGIN=https://example.lv"
            )

        smtp = None
        host = env.get("QUOTE_SMTP_HOST")
        security = env.choice("QUOTE_SMTP_SECURITY", SECURITY_MODES, "starttls")
        if host:
            if not re.fullmatch(r"[A-Za-z0-9.\-:\[\]]+", host):
                raise ConfigError(f"QUOTE_SMTP_HOST: not a host name: {host!r}")
            user = env.get("QUOTE_SMTP_USER")
            password = env.get("QUOTE_SMTP_PASSWORD")
            if user and not password:
                raise ConfigError("QUOTE_SMTP_PASSWORD: required when QUOTE_SMTP_USER is set")
            smtp = SmtpConfig(
                host=host,
                port=env.integer("QUOTE_SMTP_PORT", DEFAULT_PORTS[security], 1, 65535),
                security=security,
                user=user,
                password=password,
                timeout=env.number("QUOTE_SMTP_TIMEOUT", 30.0, 1.0, 600.0),
            )
            for name in ("QUOTE_MAIL_FROM", "QUOTE_MAIL_TO"):
                if not env.get(name):
                    raise ConfigError(f"{name}: required when QUOTE_SMTP_HOST is set")
        else:
            env.integer("QUOTE_SMTP_PORT", 25, 1, 65535)  # still validated when present

        mail_from = env.get("QUOTE_MAIL_FROM") or cls.mail_from
        _check_address(mail_from, "QUOTE_MAIL_FROM")
        mail_to_raw = env.get("QUOTE_MAIL_TO")
        mail_to = cls.mail_to
        if mail_to_raw:
            mail_to = tuple(part.strip() for part in mail_to_raw.split(",") if part.strip())
            for address in mail_to:
                _check_address(address, "QUOTE_MAIL_TO")

        rate_limit = env.get("QUOTE_RATE_LIMIT") or cls.rate_limit
        _check_rate_limit(rate_limit, "QUOTE_RATE_LIMIT")
        thanks_url = env.get("QUOTE_THANKS_URL") or cls.thanks_url
        _check_site_path(thanks_url, "QUOTE_THANKS_URL")
        form_url = env.get("QUOTE_FORM_URL") or cls.form_url
        _check_site_path(form_url, "QUOTE_FORM_URL")
        retry_base = env.number("QUOTE_OUTBOX_RETRY_BASE", cls.retry_base, 0.01, 86400.0)
        retry_max = env.number("QUOTE_OUTBOX_RETRY_MAX", cls.retry_max, 0.01, 7 * 86400.0)
        if retry_max < retry_base:
            raise ConfigError(
                f"QUOTE_OUTBOX_RETRY_MAX: must not be below QUOTE_OUTBOX_RETRY_BASE ({retry_base})"
            )

        return cls(
            site_origin=origins[0],
            extra_origins=tuple(origins[1:]),
            db_path=env.path("QUOTE_DB", cls.db_path),
            pricing_path=env.path("QUOTE_PRICING", cls.pricing_path),
            mail_dir=env.path("QUOTE_MAIL_DIR", cls.mail_dir),
            smtp=smtp,
            mail_from=mail_from,
            mail_to=mail_to,
            rate_limit=rate_limit,
            trust_proxy=env.integer("QUOTE_TRUST_PROXY", 0, 0, 10),
            min_fill_seconds=env.number(
                "QUOTE_MIN_FILL_SECONDS", cls.min_fill_seconds, 0.0, 3600.0
            ),
            retry_base=retry_base,
            retry_max=retry_max,
            outbox_poll=env.number("QUOTE_OUTBOX_POLL", cls.outbox_poll, 0.05, 86400.0),
            thanks_url=thanks_url,
            form_url=form_url,
        )


def db_path_from_env(environ: Mapping[str, str] | None = None) -> Path:
    """The store's path alone (for the owner's commands, which need no origin)."""
    env = _Env(os.environ if environ is None else environ)
    return env.path("QUOTE_DB", ContactConfig.db_path)


def normalize_origin(value: str, name: str) -> str:
    """``scheme://host[:port]`` in lowercase, default port dropped; ConfigError otherwise."""
    text = (value or "").strip().rstrip("/")
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as exc:
        raise ConfigError(f"{name}: not an origin like https://example.lv: {value!r}") from exc
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.path
        or parts.query
        or parts.fragment
        or parts.username
        or parts.password
    ):
        raise ConfigError(f"{name}: not an origin like https://example.lv: {value!r}")
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    if port is None or (parts.scheme, port) in (("http", 80), ("https", 443)):
        return f"{parts.scheme}://{host}"
    return f"{parts.scheme}://{host}:{port}"


class _Env:
    def __init__(self, environ: Mapping[str, str]) -> None:
        self._environ = environ

    def get(self, name: str) -> str | None:
        value = self._environ.get(name)
        if value is None or not value.strip():
            return None
        return value.strip()

    def integer(self, name: str, default: int, low: int, high: int) -> int:
        raw = self.get(name)
        if raw is None:
            return default
        if not re.fullmatch(r"[0-9]+", raw) or not low <= int(raw) <= high:
            raise ConfigError(f"{name}: expected a whole number from {low} to {high}, got {raw!r}")
        return int(raw)

    def number(self, name: str, default: float, low: float, high: float) -> float:
        raw = self.get(name)
        if raw is None:
            return default
        if not re.fullmatch(r"[0-9]+(\.[0-9]+)?", raw) or not low <= float(raw) <= high:
            raise ConfigError(f"{name}: expected a number from {low:g} to {high:g}, got {raw!r}")
        return float(raw)

    def choice(self, name: str, choices: tuple[str, ...], default: str) -> str:
        raw = self.get(name)
        if raw is None:
            return default
        if raw.lower() not in choices:
            raise ConfigError(f"{name}: expected one of {', '.join(choices)}, got {raw!r}")
        return raw.lower()

    def path(self, name: str, default: Path) -> Path:
        raw = self.get(name)
        return Path(raw) if raw else Path(default)


def _check_address(value: str, name: str) -> None:
    _display, address = parseaddr(value)
    if (
        not value.isascii()
        or any(ch in value for ch in "\r\n")
        or not re.fullmatch(r"[^@\s<>\",;]+@[^@\s<>\",;]+", address)
    ):
        raise ConfigError(f"{name}: not an email address: {value!r}")


def _check_rate_limit(value: str, name: str) -> None:
    problem = f"{name}: not a rate limit like '5 per minute;30 per day': {value!r}"
    try:
        items = parse_many(value)
    except ValueError as exc:
        raise ConfigError(problem) from exc
    if not items:
        raise ConfigError(problem)


def _check_site_path(value: str, name: str) -> None:
    # Only paths on our own site: no scheme, no host, no protocol-relative "//".
    if (
        not value.startswith("/")
        or value.startswith("//")
        or "\\" in value
        or not value.isprintable()
    ):
        raise ConfigError(f"{name}: must be a path on the site starting with '/', got {value!r}")
