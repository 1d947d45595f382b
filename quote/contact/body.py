"""Decoding of a request body into ``(name, value)`` pairs, strictly.

Accepted types: ``application/x-www-form-urlencoded`` (a form without JavaScript),
``multipart/form-data`` (``fetch`` with a ``FormData`` body) and ``application/json`` (an object;
``channels`` may be a list). A ``charset`` parameter other than UTF-8 is refused. Werkzeug's own
form parsing replaces invalid UTF-8 silently, so the bytes are decoded here with ``strict``.

Raises :class:`BodyError` with the HTTP status and the error code, or
:class:`~quote.contact.errors.Invalid` for a JSON key given twice.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl

from werkzeug.sansio.multipart import Data, Epilogue, Field, File, MultipartDecoder, NeedData

from .errors import BodyError, FieldError, Invalid
from .validation import safe_name

FORM = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"
JSON = "application/json"
MAX_FIELDS = 100


def check_content_type(mimetype: str, params: dict[str, str]) -> None:
    """Raise 415 unless the type is one we read, in UTF-8."""
    if mimetype not in (FORM, MULTIPART, JSON):
        raise BodyError(415, "unsupported_media_type", mimetype or "(none)")
    charset = params.get("charset")
    if charset is not None and charset.strip().lower() not in ("utf-8", "utf8"):
        raise BodyError(415, "unsupported_media_type", f"charset={charset}")
    if mimetype == MULTIPART and not params.get("boundary"):
        raise BodyError(400, "malformed", "multipart without boundary")


def decode(mimetype: str, params: dict[str, str], body: bytes) -> list[tuple[str, Any]]:
    if mimetype == JSON:
        return _decode_json(body)
    if mimetype == MULTIPART:
        return _decode_multipart(params["boundary"], body)
    return _decode_form(body)


def _utf8(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BodyError(400, "invalid_encoding", str(exc)) from exc


def _decode_form(body: bytes) -> list[tuple[str, Any]]:
    text = _utf8(body)
    try:
        return parse_qsl(
            text,
            keep_blank_values=True,
            encoding="utf-8",
            errors="strict",
            max_num_fields=MAX_FIELDS,
        )
    except UnicodeDecodeError as exc:  # a percent-escape that is not UTF-8
        raise BodyError(400, "invalid_encoding", str(exc)) from exc
    except ValueError as exc:
        raise BodyError(400, "malformed", str(exc)) from exc


def _decode_multipart(boundary: str, body: bytes) -> list[tuple[str, Any]]:
    decoder = MultipartDecoder(boundary.encode("latin-1", "replace"), max_parts=MAX_FIELDS)
    decoder.receive_data(body)
    decoder.receive_data(None)
    pairs: list[tuple[str, Any]] = []
    name: str | None = None
    chunks: list[bytes] = []
    try:
        while True:
            event = decoder.next_event()
            if isinstance(event, Field | File):
                name, chunks = event.name, []
            elif isinstance(event, Data):
                chunks.append(event.data)
                if not event.more_data and name is not None:
                    pairs.append((name, _utf8(b"".join(chunks))))
                    name = None
            elif isinstance(event, Epilogue):
                return pairs
            elif isinstance(event, NeedData):
                raise BodyError(400, "malformed", "truncated multipart body")
    except BodyError:
        raise
    except ValueError as exc:
        raise BodyError(400, "malformed", str(exc)) from exc


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def _decode_json(body: bytes) -> list[tuple[str, Any]]:
    text = _utf8(body)
    duplicates: list[str] = []

    def pairs_hook(items: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: dict[str, Any] = {}
        for key, value in items:
            if key in seen and key not in duplicates:
                duplicates.append(key)
            seen[key] = value
        return seen

    try:
        data = json.loads(text, object_pairs_hook=pairs_hook, parse_constant=_reject_constant)
    except (ValueError, RecursionError) as exc:
        raise BodyError(400, "malformed", f"invalid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise BodyError(400, "malformed", "JSON body is not an object")
    _check_unicode(data)
    if duplicates:
        raise Invalid([FieldError(safe_name(key), "duplicate_field") for key in duplicates[:10]])
    pairs: list[tuple[str, Any]] = []
    for key, value in data.items():
        if isinstance(value, list) and key == "channels":
            pairs.extend((key, item) for item in value)
        else:
            pairs.append((key, value))
    return pairs


def _check_unicode(value: Any) -> None:
    """JSON's \\ud800 escapes can smuggle lone surrogates, which are not text."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise BodyError(400, "invalid_encoding", "lone surrogate in JSON string") from exc
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_unicode(key)
            _check_unicode(item)
    elif isinstance(value, list):
        for item in value:
            _check_unicode(item)
