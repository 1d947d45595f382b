"""A count post read strictly into one occurrence of an event, or refused.

The page's script (theme/static/js/count.js) sends one event per post, form-encoded::

    event=view&page=/en/&lang=en&referrer=www.google.com
    event=estimate&lang=lv&service=content:2&service=community&band=500

Every key but ``event`` is a dimension of that event (quote/counting/events.py); each is given
once, but ``service``, one per chosen service. Each dimension the event has must be there
(``referrer`` may be left out: no referrer). A value is accepted only from the site's own
vocabulary: a page of the built site, one of its languages, a service and tier of the live
pricing.yaml, one of the price bands. A referrer is reduced to its host, and our own host to "".
Anything else refuses the whole post with a stable code, and nothing of it is counted:

=====  =====================  ==============================================================
422    ``required``           ``event`` or one of the event's dimensions missing
422    ``unknown_event``      an event not in the list
422    ``server_event``       an event only the endpoint counts (an inquiry, an offer's answer)
422    ``unknown_dimension``  a key the event does not carry, or one given twice
422    ``bad_value``          a value outside the vocabulary
=====  =====================  ==============================================================
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

from quote.contact.errors import CountRefused

from .events import EVENTS, PRICE_BANDS, SERVER_EVENTS

# A page's path: what a built site's addresses look like (no query, no "..", no "//").
_PAGE = re.compile(r"/(?:[A-Za-z0-9_~-][A-Za-z0-9._~-]*/?)*")
MAX_PAGE = 200
# A host name (RFC 1123 labels), lowercase as stored.
_HOST = re.compile(
    r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*"
)
MAX_HOST = 253
_KEY = re.compile(r"[a-z_]{1,20}")
BANDS = frozenset(str(bound) for bound in PRICE_BANDS)
# A dimension an event may leave out (no referrer is a visit from nowhere, counted as "").
OPTIONAL = frozenset({"referrer"})
REPEATED = frozenset({"service"})


@dataclasses.dataclass(frozen=True)
class Vocabulary:
    """What a count's values may be: the live price list's services, the site's languages, our
    own hosts, and whether a path is a page of the built site."""

    services: frozenset[str]
    languages: frozenset[str]
    own_hosts: frozenset[str] = frozenset()
    is_page: Callable[[str], bool] = lambda path: True


@dataclasses.dataclass(frozen=True)
class Occurrence:
    """One event as counted: its name and the (dimension, value) pairs it adds a count to."""

    event: str
    values: tuple[tuple[str, str], ...]


def services_of(catalog: dict[str, Any]) -> frozenset[str]:
    """``service:tier`` for every tier of the catalog, the id alone for a service without."""
    found: set[str] = set()
    for service in catalog["services"]:
        tiers = service.get("tiers") or []
        if tiers:
            found.update(f"{service['id']}:{tier['id']}" for tier in tiers)
        else:
            found.add(service["id"])
    return frozenset(found)


def read_occurrence(pairs: Iterable[tuple[str, str]], vocabulary: Vocabulary) -> Occurrence:
    """The occurrence the post's ``pairs`` describe; :class:`CountRefused` otherwise."""
    given: dict[str, list[str]] = {}
    for key, value in pairs:
        given.setdefault(key, []).append(value)
    events = given.pop("event", [])
    if len(events) != 1:
        raise CountRefused(422, "required" if not events else "unknown_dimension", "event")
    event = events[0]
    if event in SERVER_EVENTS:
        raise CountRefused(422, "server_event", "event")
    if event not in EVENTS:
        raise CountRefused(422, "unknown_event", "event")
    dimensions = EVENTS[event]
    for key, values in given.items():
        if key not in dimensions or (len(values) > 1 and key not in REPEATED):
            raise CountRefused(422, "unknown_dimension", key if _KEY.fullmatch(key) else None)
    values: list[tuple[str, str]] = []
    for dimension in dimensions:
        sent = given.get(dimension, [])
        if not sent and dimension not in OPTIONAL:
            raise CountRefused(422, "required", dimension)
        if dimension in REPEATED and len(set(sent)) != len(sent):
            raise CountRefused(422, "unknown_dimension", dimension)
        for value in sent or [""]:
            values.append((dimension, _checked(dimension, value, vocabulary)))
    return Occurrence(event, tuple(values))


def _checked(dimension: str, value: str, vocabulary: Vocabulary) -> str:
    """The value as stored, or :class:`CountRefused` ``bad_value``."""
    ok: bool
    if dimension == "page":
        ok = len(value) <= MAX_PAGE and bool(_PAGE.fullmatch(value)) and vocabulary.is_page(value)
    elif dimension == "lang":
        ok = value in vocabulary.languages
    elif dimension == "service":
        ok = value in vocabulary.services
    elif dimension == "band":
        ok = value in BANDS
    elif dimension == "referrer":
        value = referrer_host(value, vocabulary.own_hosts)
        ok = value is not None
    else:  # a dimension of events.py that this module does not know yet
        ok = False
    if not ok or value is None:
        raise CountRefused(422, "bad_value", dimension)
    return value


def referrer_host(value: str, own_hosts: frozenset[str] = frozenset()) -> str | None:
    """The referring site's host (an address is reduced to it), "" for none or our own;
    None when it is not a host name."""
    text = value.strip().lower()
    if "/" in text:
        try:
            text = urlsplit(text).hostname or ""
        except ValueError:
            return None
    text = text.rstrip(".")
    if not text or text in own_hosts:
        return ""
    if len(text) > MAX_HOST or not _HOST.fullmatch(text):
        return None
    return text
