"""Settings of the contact endpoint and the owner's commands, from `QUOTE_*` variables.

Three groups, one per concern, so each command loads only what it needs (and
:class:`ListenSettings`, where ``python -m quote.contact`` listens):

- :class:`StoreSettings`: where inquiries are kept and the price list estimates are recomputed
  from (``quote inquiries``, ``quote outbox``, the endpoint);
- :class:`MailSettings`: how the owner is notified (the outbox worker, ``quote outbox``);
- :class:`WebSettings`: what the HTTP endpoint accepts (the endpoint alone).

A field's name is its variable without the ``QUOTE_`` prefix (``smtp_port`` is
``QUOTE_SMTP_PORT``). Every setting has a safe default, so a fresh machine works: inquiries go to
``var/inquiries.sqlite3`` and, without an SMTP server, notification emails are written as ``.eml``
files into ``var/mail/``. A setting that is present but invalid (``QUOTE_SMTP_PORT=abc``) raises
:class:`ConfigError` naming the variable, so the server stops at start with a clear message.
An empty or whitespace-only variable counts as unset. Relative paths resolve against the working
directory. Built directly (``WebSettings(site_origin=...)``, as tests do), a group reads nothing
from the environment.

The variables, their defaults and meanings are listed in docs/deploy.md
("Endpoint configuration").
"""

from __future__ import annotations

import dataclasses
import os
import re
import typing
from collections.abc import Mapping
from email.utils import parseaddr
from pathlib import Path
from typing import Annotated, Any, Literal, Self
from urllib.parse import urlsplit

from email_validator import EmailNotValidError, validate_email
from limits import parse_many
from pydantic import AfterValidator, BeforeValidator, Field, ValidationError, model_validator
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings, NoDecode, PydanticBaseSettingsSource, SettingsConfigDict
from pydantic_settings.sources import EnvSettingsSource
from pydantic_settings.sources.utils import parse_env_vars

import quote.owner
from quote.errors import ConfigError
from quote.i18n import CATALOGS

MAX_BODY_BYTES = 32 * 1024
PREFIX = "QUOTE_"
DEFAULT_PORTS = {"starttls": 587, "tls": 465, "none": 25}


def variable(field: str) -> str:
    """The environment variable of a settings field: ``smtp_port`` -> ``QUOTE_SMTP_PORT``."""
    return PREFIX + field.upper()


# -- value checks (each raises ValueError with the text after "QUOTE_X: ") -----------------------


def normalize_origin(value: str, name: str = "origin") -> str:
    """``scheme://host[:port]`` in lowercase, default port dropped; ConfigError otherwise."""
    text = (value or "").strip().rstrip("/")
    problem = ConfigError(f"{name}: not an origin like https://example.lv: {value!r}")
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as exc:
        raise problem from exc
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.path
        or parts.query
        or parts.fragment
        or parts.username
        or parts.password
    ):
        raise problem
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    if port is None or (parts.scheme, port) in (("http", 80), ("https", 443)):
        return f"{parts.scheme}://{host}"
    return f"{parts.scheme}://{host}:{port}"


def _origins(value: Any) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else list(value)
    origins: list[str] = []
    for part in (part for item in items for part in item.split(",")):
        if part.strip():
            try:
                origin = normalize_origin(part)
            except ConfigError as exc:
                raise ValueError(str(exc).removeprefix("origin: ")) from exc
            if origin not in origins:
                origins.append(origin)
    return tuple(origins)


def _addresses(value: Any) -> tuple[str, ...]:
    parts = value.split(",") if isinstance(value, str) else list(value)
    return tuple(_address(part.strip()) for part in parts if part.strip())


def _address(value: str) -> str:
    """An address as a mail header takes it (``Name <a@b.lv>`` too): ASCII on one line, its
    address part valid per email-validator (syntax only: no DNS lookup at start)."""
    _display, address = parseaddr(value)
    problem = ValueError(f"not an email address: {value!r}")
    if not value.isascii() or any(ch in value for ch in "\r\n"):
        raise problem
    try:
        validate_email(address, check_deliverability=False, allow_smtputf8=False)
    except EmailNotValidError as exc:
        raise problem from exc
    return value


def _host(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9.\-:\[\]]+", value):
        raise ValueError(f"not a host name: {value!r}")
    return value


def _rate_limit(value: str) -> str:
    try:
        items = parse_many(value)
    except ValueError:
        items = []
    if not items:
        raise ValueError(f"not a rate limit like '5 per minute;30 per day': {value!r}")
    return value


def site_path(value: Any) -> str:
    """``value`` when it is a path on our own site: no scheme, no host, no protocol-relative
    "//" (a redirect there is never open); ValueError otherwise."""
    if (
        not isinstance(value, str)
        or not value.startswith("/")
        or value.startswith("//")
        or "\\" in value
        or not value.isprintable()
    ):
        raise ValueError(f"must be a path on the site starting with '/', got {value!r}")
    return value


def _lowercase(value: Any) -> Any:
    return value.strip().lower() if isinstance(value, str) else value


Origins = Annotated[tuple[str, ...], NoDecode, BeforeValidator(_origins)]
Addresses = Annotated[tuple[str, ...], NoDecode, BeforeValidator(_addresses)]
Address = Annotated[str, AfterValidator(_address)]
SitePath = Annotated[str, AfterValidator(site_path)]


# -- loading --------------------------------------------------------------------------------------


class _Environ(EnvSettingsSource):
    """pydantic-settings' environment source (prefix, case, empty values as unset) on a given
    mapping instead of ``os.environ``. Values are stripped first, so that a variable of blanks
    is unset too, as an empty one is (``env_ignore_empty``)."""

    def __init__(self, settings_cls: type[BaseSettings], environ: Mapping[str, str]) -> None:
        self._environ = {name: value.strip() for name, value in environ.items()}
        super().__init__(settings_cls)

    def _load_env_vars(self) -> Mapping[str, str | None]:
        return parse_env_vars(
            self._environ, self.case_sensitive, self.env_ignore_empty, self.env_parse_none_str
        )


class _Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix=PREFIX, case_sensitive=False, env_ignore_empty=True, frozen=True, extra="forbid"
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        **_other_sources: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # Only what the constructor is given: from_env passes the environment's values itself.
        return (init_settings,)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **values: Any) -> Self:
        """Read the settings from ``environ`` (default ``os.environ``); ``values`` override it.

        Raises :class:`ConfigError` naming the first variable at fault.
        """
        found = _Environ(cls, os.environ if environ is None else environ)()
        return cls.build(**{**found, **values})

    @classmethod
    def build(cls, **values: Any) -> Self:
        """The settings from keyword values; :class:`ConfigError` naming the variable otherwise."""
        try:
            return cls(**values)
        except ValidationError as exc:
            raise _config_error(cls, exc) from None


def _config_error(cls: type[BaseSettings], exc: ValidationError) -> ConfigError:
    error = exc.errors(include_url=False)[0]
    cause = (error.get("ctx") or {}).get("error")
    message = str(cause) if isinstance(cause, ValueError) else error["msg"]
    if not error["loc"]:  # a rule across fields: its message names the variables itself
        return ConfigError(message)
    name = str(error["loc"][0])
    expected = _expected(cls.model_fields[name]) if name in cls.model_fields else None
    if expected and error["type"] in OUT_OF_RANGE:
        message = f"expected {expected}, got {error['input']!r}"
    return ConfigError(f"{variable(name)}: {message}")


# pydantic's error types for a value that is not the number or choice a field wants.
OUT_OF_RANGE = {
    "int_parsing",
    "int_from_float",
    "float_parsing",
    "finite_number",
    "greater_than_equal",
    "less_than_equal",
    "literal_error",
}


def _expected(field: FieldInfo) -> str | None:
    """What a number or choice field takes, in the words of the settings' messages: "a whole
    number from 1 to 65535", "one of starttls, tls, none"."""
    bounds = {type(item).__name__: item for item in field.metadata}
    kinds = set(typing.get_args(field.annotation)) or {field.annotation}
    if "Ge" in bounds and "Le" in bounds:
        low, high = bounds["Ge"].ge, bounds["Le"].le
        if int in kinds:
            return f"a whole number from {low} to {high}"
        return f"a number from {low:g} to {high:g}"
    if typing.get_origin(field.annotation) is Literal:
        return "one of " + ", ".join(typing.get_args(field.annotation))
    return None


def _owner_address() -> tuple[str, ...]:
    """The owner's address in the Pelican settings: notified when QUOTE_MAIL_TO is unset."""
    email = quote.owner.load().owner.get("email", "")
    return (email,) if email else ()


# -- the three groups ---------------------------------------------------------------------------


class StoreSettings(_Settings):
    """Where inquiries are kept, and the price list their estimates are recomputed from."""

    db: Path = Path("var/inquiries.sqlite3")
    pricing: Path = Path("pricing.yaml")


class MailSettings(_Settings):
    """How the owner is notified: SMTP or ``.eml`` files, addresses, and the outbox's retries."""

    mail_dir: Path = Path("var/mail")
    smtp_host: Annotated[str, AfterValidator(_host)] | None = None
    smtp_port: Annotated[int | None, Field(ge=1, le=65535)] = None
    smtp_security: Annotated[Literal["starttls", "tls", "none"], BeforeValidator(_lowercase)] = (
        "starttls"
    )
    smtp_user: str | None = None
    smtp_password: str | None = Field(default=None, repr=False)
    smtp_timeout: Annotated[float, Field(ge=1.0, le=600.0, allow_inf_nan=False)] = 30.0
    # Only .eml files are written while no SMTP server is set, and then this default is enough
    # (SMTP needs QUOTE_MAIL_FROM); it is not a deliverable address, so it is not validated.
    mail_from: Address = Field(default="noreply@localhost", validate_default=False)
    # Unset, notifications go to the owner's own address (OWNER["email"] in the settings).
    mail_to: Addresses = Field(default_factory=_owner_address)
    outbox_retry_base: Annotated[float, Field(ge=0.01, le=86400.0, allow_inf_nan=False)] = 30.0
    outbox_retry_max: Annotated[float, Field(ge=0.01, le=7 * 86400.0, allow_inf_nan=False)] = 3600.0
    outbox_poll: Annotated[float, Field(ge=0.05, le=86400.0, allow_inf_nan=False)] = 60.0

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        given = self.model_fields_set
        if self.smtp_host:
            if self.smtp_user and not self.smtp_password:
                raise ValueError("QUOTE_SMTP_PASSWORD: required when QUOTE_SMTP_USER is set")
            for name in ("mail_from", "mail_to"):
                if name not in given:
                    raise ValueError(f"{variable(name)}: required when QUOTE_SMTP_HOST is set")
        if not self.mail_to:
            raise ValueError("QUOTE_MAIL_TO: no address given")
        if self.outbox_retry_max < self.outbox_retry_base:
            raise ValueError(
                "QUOTE_OUTBOX_RETRY_MAX: must not be below "
                f"QUOTE_OUTBOX_RETRY_BASE ({self.outbox_retry_base})"
            )
        return self

    @property
    def port(self) -> int:
        """The SMTP port: as set, or the usual one for the security mode."""
        return self.smtp_port or DEFAULT_PORTS[self.smtp_security]

    @property
    def where(self) -> str:
        """Where messages go, for the owner: ``SMTP host:port`` or ``mape <folder>``."""
        return f"SMTP {self.smtp_host}:{self.port}" if self.smtp_host else f"mape {self.mail_dir}"


class ListenSettings(_Settings):
    """Where the endpoint alone listens: a Unix socket in production (only nginx may open it),
    else ``--host``/``--port``."""

    socket: Path | None = None


class WebSettings(_Settings):
    """What the HTTP endpoint accepts, and where it sends the visitor."""

    site_origin: Origins = ()
    rate_limit: Annotated[str, AfterValidator(_rate_limit)] = "5 per minute;30 per day"
    refused_rate_limit: Annotated[str, AfterValidator(_rate_limit)] = "30 per minute;300 per day"
    trust_proxy: Annotated[int, Field(ge=0, le=10)] = 0
    min_fill_seconds: Annotated[float, Field(ge=0.0, le=3600.0, allow_inf_nan=False)] = 3.0
    # The built site: its data/form-languages.json names the form's languages and pages.
    site: Path = Path("output")
    # The gettext catalogs the endpoint's messages are translated in.
    catalogs: Path = CATALOGS
    # The default language's pages when the build names none (set: they win over the build's).
    thanks_url: SitePath = "/paldies/"
    form_url: SitePath = "/#kontakti"
    max_body_bytes: int = MAX_BODY_BYTES
    # Cookie-free visitor counts (/api/count, quote/counting): off, the address answers 404 and
    # nothing is counted, inquiries neither.
    counting: bool = True
    # Count posts per visitor address (nginx limits them first); a page view sends a few.
    count_rate_limit: Annotated[str, AfterValidator(_rate_limit)] = "60 per minute;1000 per day"
    # How often the counts gathered in memory are written to the store, in seconds.
    count_flush_seconds: Annotated[float, Field(ge=0.05, le=3600.0, allow_inf_nan=False)] = 5.0

    @model_validator(mode="after")
    def _has_origin(self) -> Self:
        if not self.site_origin:
            raise ValueError(
                "QUOTE_SITE_ORIGIN: not set; give the site's public origin, "
                "e.g. QUOTE_SITE_ORIGIN=https://example.lv"
            )
        return self

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, *, listening: str | None = None, **values
    ) -> Self:
        """As :meth:`_Settings.from_env`; ``listening`` is the origin the server itself listens
        on (``http://127.0.0.1:8000``), accepted after those in ``QUOTE_SITE_ORIGIN``."""
        if listening:
            found = _Environ(cls, os.environ if environ is None else environ)()
            values.setdefault("site_origin", [found.get("site_origin", ""), listening])
        return super().from_env(environ, **values)

    @property
    def allowed_origins(self) -> frozenset[str]:
        return frozenset(self.site_origin)

    def same_site(self, origin: str | None, fetch_site: str | None) -> bool:
        """Whether a post comes from the site's own pages: its ``Origin`` is one of ours or,
        without one, the browser's ``Sec-Fetch-Site`` says ``same-origin`` (a bare post is not)."""
        if origin is not None:
            return origin.strip().lower().rstrip("/") in self.allowed_origins
        return (fetch_site or "").strip().lower() == "same-origin"


@dataclasses.dataclass(frozen=True)
class ContactConfig:
    """Everything the endpoint needs: the three groups together."""

    web: WebSettings
    mail: MailSettings
    store: StoreSettings

    @classmethod
    def from_env(
        cls,
        environ: Mapping[str, str] | None = None,
        *,
        site_origin: str | None = None,
        site: Path | None = None,
    ) -> ContactConfig:
        """Read every group from ``environ`` (default ``os.environ``).

        ``site_origin`` is the origin the server itself listens on; origins in
        ``QUOTE_SITE_ORIGIN`` come first and the listening one is also accepted. ``site`` is the
        built site the server serves itself (``quote serve``), instead of ``QUOTE_SITE``.
        """
        return cls(
            web=WebSettings.from_env(
                environ, listening=site_origin, **({"site": site} if site is not None else {})
            ),
            mail=MailSettings.from_env(environ),
            store=StoreSettings.from_env(environ),
        )

    @classmethod
    def of(cls, **values: Any) -> ContactConfig:
        """Built from field values of any group (``site_origin=..., db=..., smtp_host=...``)."""
        groups = {"web": WebSettings, "mail": MailSettings, "store": StoreSettings}
        unknown = set(values) - {name for group in groups.values() for name in group.model_fields}
        if unknown:
            raise ConfigError(f"ContactConfig: unknown settings {sorted(unknown)}")
        return cls(
            **{
                key: group.build(**{k: v for k, v in values.items() if k in group.model_fields})
                for key, group in groups.items()
            }
        )
