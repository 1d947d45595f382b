"""Field rules of the contact form: an allowlist, lengths, and text normalisation.

Input is the list of ``(name, value)`` pairs of one request, in order, as decoded by
:mod:`quote.contact.body` (values are ``str`` from a form; JSON may also give numbers, booleans,
``None``, lists or objects). :func:`validate` returns a :class:`Submission` or raises
:class:`Invalid` with every problem found, each a ``(field, code)``.

Normalisation, applied to every text value before its length is checked:

- C0/C1 control characters are removed, except line feeds in ``message`` (tabs too are kept
  there; elsewhere a tab becomes a space); a NUL anywhere is rejected (``invalid_characters``);
- invisible format characters (Unicode category Cf: the bidi controls U+202A–U+202E and
  U+2066–U+2069, zero-width spaces, soft hyphens, BOMs, tag characters…) are removed, except
  U+200D ZERO WIDTH JOINER, which joins emoji sequences; a reversed name can't reach the owner;
- in ``message``, CR LF, a lone CR, U+0085, U+2028 and U+2029 become LF;
- in single-line fields (name, email, phone, company, channels, quote) any line break is
  rejected (``invalid_characters``), so visitor text can never carry a header line;
- the text is then put in Unicode NFC and stripped of surrounding whitespace;
- lengths count code points of the normalised text.

Decisions: unknown fields are rejected (``unknown_field``), a single-value field sent twice is
rejected (``duplicate_field``), empty optional fields count as absent, HTML in the message is
accepted as plain text (stored verbatim, never rendered as HTML), an invalid ``quote`` is never a
rejection (it is handed on as text and dropped later with a note). ``ts`` (the page-load time in
ms, sent by the page's script) may be absent (no JavaScript); one that is not a number is handed
on as ``ts_invalid`` for the time trap, never refused. ``send_key`` (optional, 16–64 of
``A-Z a-z 0-9 -``) names one send of the form: its retries carry the same key.
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
import unicodedata
from typing import Any

from email_validator import EmailNotValidError, validate_email

from quote.contact.errors import FieldError, Invalid, TextProblem
from quote.contact.form import CHANNELS, MAX_LENGTH, MIN_LENGTH, POSTED_FIELDS

# ``lang`` (the page's language) is never a reason to refuse: the endpoint reads its first value
# and takes an unknown one as the default language (quote.contact.languages).
MULTI_VALUE = frozenset({"channels", "lang"})

_LINE_BREAKS = ("\r\n", "\r", "\x85", "\u2028", "\u2029")
_PHONE = re.compile(r"[0-9 +\-()]+")
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"))
_CHANNEL_BY_KEY = {name.casefold(): name for name in CHANNELS}
_SEND_KEY = re.compile(r"[A-Za-z0-9-]{16,64}")
ZERO_WIDTH_JOINER = "\u200d"


@dataclasses.dataclass(frozen=True)
class Submission:
    """A valid form, normalised. ``email_ascii`` is the address usable in a Reply-To header."""

    name: str
    email: str
    email_ascii: str | None
    phone: str | None
    company: str | None
    channels: tuple[str, ...]
    message: str
    quote: str | None
    honeypot: bool
    ts_ms: int | None
    ts_invalid: bool = False
    send_key: str | None = None


def clean_text(value: str, *, multiline: bool) -> str:
    """Normalise one text value (see the module docstring); raise ``TextProblem`` if it can't be."""
    if "\x00" in value:
        raise TextProblem("invalid_characters")
    if multiline:
        for brk in _LINE_BREAKS:
            value = value.replace(brk, "\n")
    elif any(brk in value for brk in (*_LINE_BREAKS, "\n")):
        raise TextProblem("invalid_characters")
    else:
        value = value.replace("\t", " ")
    keep = "\n\t" if multiline else ""
    value = "".join(ch for ch in value if ch in keep or _visible_or_joiner(ch))
    return unicodedata.normalize("NFC", value).strip()


def _visible_or_joiner(ch: str) -> bool:
    """False for control (Cc) and invisible format (Cf) characters, except the emoji joiner."""
    category = unicodedata.category(ch)
    return category != "Cc" and (category != "Cf" or ch == ZERO_WIDTH_JOINER)


def _group(pairs: list[tuple[str, Any]]) -> tuple[dict[str, list[Any]], list[FieldError]]:
    values: dict[str, list[Any]] = {}
    errors: list[FieldError] = []
    unknown: list[str] = []
    for name, value in pairs:
        if name not in POSTED_FIELDS:  # the allowlist: quote.contact.form
            if name not in unknown:
                unknown.append(name)
            continue
        values.setdefault(name, []).append(value)
    for name in unknown[:10]:
        errors.append(FieldError(safe_name(name), "unknown_field"))
    for name, items in values.items():
        if name not in MULTI_VALUE and len(items) > 1:
            errors.append(FieldError(name, "duplicate_field"))
    return values, errors


def safe_name(name: str) -> str:
    """An unknown field's name, made printable and short enough to echo back."""
    text = "".join(ch if ch.isprintable() else "?" for ch in str(name))
    return text[:50] + ("…" if len(text) > 50 else "")


def _text(values: dict[str, list[Any]], name: str, *, multiline: bool = False) -> str | None:
    """The cleaned single value of a field, None when absent or empty."""
    items = values.get(name)
    if not items or items[0] is None:
        return None
    value = items[0]
    if not isinstance(value, str):
        raise TextProblem("invalid_type")
    return clean_text(value, multiline=multiline) or None


def validate(pairs: list[tuple[str, Any]]) -> Submission:
    """Check and normalise the fields of one request; raise :class:`Invalid` on any problem."""
    values, errors = _group(pairs)
    if any(e.code == "duplicate_field" for e in errors):
        raise Invalid(errors)
    out: dict[str, Any] = {}

    def field(name: str, check) -> None:
        try:
            out[name] = check()
        except TextProblem as problem:
            errors.append(FieldError(name, problem.code))

    field("name", lambda: _required_text(values, "name"))
    field("email", lambda: _email(values))
    field("phone", lambda: _phone(values))
    field("company", lambda: _optional_text(values, "company"))
    field("channels", lambda: _channels(values))
    field("message", lambda: _message(values))
    out["quote"] = _quote(values)
    field("website", lambda: _honeypot(values))
    out["ts"] = _timestamp(values)
    field("send_key", lambda: _send_key(values))
    if errors:
        raise Invalid(errors)
    email, email_ascii = out["email"]
    return Submission(
        name=out["name"],
        email=email,
        email_ascii=email_ascii,
        phone=out["phone"],
        company=out["company"],
        channels=out["channels"],
        message=out["message"],
        quote=out["quote"],
        honeypot=out["website"],
        ts_ms=out["ts"][0],
        ts_invalid=out["ts"][1],
        send_key=out["send_key"],
    )


def _required_text(values: dict[str, list[Any]], name: str) -> str:
    text = _text(values, name)
    if text is None:
        raise TextProblem("required")
    if len(text) > MAX_LENGTH[name]:
        raise TextProblem("too_long")
    return text


def _optional_text(values: dict[str, list[Any]], name: str) -> str | None:
    text = _text(values, name)
    if text is not None and len(text) > MAX_LENGTH[name]:
        raise TextProblem("too_long")
    return text


def _email(values: dict[str, list[Any]]) -> tuple[str, str | None]:
    text = _required_text(values, "email")
    try:
        result = validate_email(text, check_deliverability=False)
    except EmailNotValidError as exc:
        raise TextProblem("invalid_email") from exc
    return result.normalized, result.ascii_email


def _phone(values: dict[str, list[Any]]) -> str | None:
    text = _text(values, "phone")
    if text is None:
        return None
    # Pasted numbers often carry no-break spaces or typographic dashes.
    text = "".join(" " if unicodedata.category(ch) == "Zs" else ch for ch in text)
    text = text.translate(_DASHES)
    if len(text) > MAX_LENGTH["phone"]:
        raise TextProblem("too_long")
    if not _PHONE.fullmatch(text) or not any(ch.isdigit() for ch in text):
        raise TextProblem("invalid_phone")
    return text


def _channels(values: dict[str, list[Any]]) -> tuple[str, ...]:
    chosen: set[str] = set()
    for item in values.get("channels", []):
        if item is None:
            continue
        if not isinstance(item, str):
            raise TextProblem("invalid_type")
        text = clean_text(item, multiline=False)
        if not text:
            continue
        canonical = _CHANNEL_BY_KEY.get(text.casefold())
        if canonical is None:
            raise TextProblem("invalid_channel")
        chosen.add(canonical)
    return tuple(name for name in CHANNELS if name in chosen)


def _message(values: dict[str, list[Any]]) -> str:
    text = _text(values, "message", multiline=True)
    if text is None:
        raise TextProblem("required")
    if len(text) < MIN_LENGTH["message"]:
        raise TextProblem("too_short")
    if len(text) > MAX_LENGTH["message"]:
        raise TextProblem("too_long")
    return text


def _quote(values: dict[str, list[Any]]) -> str | None:
    """The configurator's query string as sent; never an error (see quote.contact.quoting)."""
    items = values.get("quote")
    if not items or items[0] is None:
        return None
    value = items[0]
    if not isinstance(value, str):
        # Not a query string at all: handed on as text so that it is dropped with a note.
        value = json.dumps(value, ensure_ascii=False)
    return value.strip() or None


def _honeypot(values: dict[str, list[Any]]) -> bool:
    items = values.get("website")
    if not items or items[0] is None:
        return False
    if not isinstance(items[0], str):
        return True  # no person types a non-text into a hidden field
    return bool(items[0].strip())


def _timestamp(values: dict[str, list[Any]]) -> tuple[int | None, bool]:
    """``(milliseconds, False)``, ``(None, False)`` when absent or empty, ``(None, True)`` when
    something else was sent: no page's script sends that, so the time trap counts it."""
    items = values.get("ts")
    if not items or items[0] is None or items[0] == "":
        return None, False
    value = items[0]
    if isinstance(value, bool):
        return None, True
    if isinstance(value, int | float) and math.isfinite(value) and 0 < value < 10**15:
        return int(value), False
    if isinstance(value, str) and re.fullmatch(r"[0-9]{1,15}", value.strip()):
        return int(value.strip()), False
    return None, True


def valid_send_key(value: Any) -> bool:
    return isinstance(value, str) and _SEND_KEY.fullmatch(value) is not None


def _send_key(values: dict[str, list[Any]]) -> str | None:
    items = values.get("send_key")
    if not items or items[0] is None or items[0] == "":
        return None
    value = items[0]
    if not isinstance(value, str):
        raise TextProblem("invalid_type")
    if not valid_send_key(value):
        raise TextProblem("invalid_send_key")
    return value
