"""``POST /api/count``: one event from the page's script, counted or refused; and the events
the endpoint counts itself (an inquiry stored).

Checks, in order: the post comes from the site's own pages (403 ``cross_site``), its body is
small (413 ``too_large``, over :data:`MAX_COUNT_BYTES`) and form-encoded (415
``unsupported_media_type``), readable (400 ``malformed``/``invalid_encoding``), and one known
event with known values (422, :mod:`quote.counting.reading`). Then it is counted, unless a robot
sent it or the browser asks not to be tracked (:mod:`quote.counting.bots`), and answered 204
either way. An error answer is ``{"errors": [{"field": …, "code": …}]}``.

Nothing about the visitor is read but those headers: no address, no cookie, no user agent is
kept or logged. Counts go to memory (:class:`quote.counting.tally.Tally`), tagged with the
version of the live pricing.yaml, and reach the store every few seconds.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from flask import Request, Response, jsonify

from quote.contact.config import WebSettings
from quote.contact.errors import CountRefused
from quote.contact.languages import LanguageSource
from quote.contact.quoting import CatalogSource
from quote.contact.store import Store

from .bots import not_to_be_counted
from .reading import Occurrence, Vocabulary, read_occurrence, services_of
from .tally import Tally

log = logging.getLogger(__name__)

# The largest count post: an estimate of every service of a long price list fits in it.
MAX_COUNT_BYTES = 1024
FORM_TYPE = "application/x-www-form-urlencoded"


class Counting:
    """The counting side of the endpoint: the vocabulary of the live site and the tally."""

    def __init__(
        self, web: WebSettings, store: Store, catalog: CatalogSource, languages: LanguageSource
    ) -> None:
        self.web = web
        self.catalog = catalog
        self.languages = languages
        self.tally = Tally(store, interval=web.count_flush_seconds)
        self.own_hosts = frozenset(
            urlsplit(origin).hostname or "" for origin in web.site_origin
        ) - {""}
        self._services: tuple[str, frozenset[str]] = ("", frozenset())

    def vocabulary(self) -> tuple[Vocabulary, str]:
        """What a count may say now, and the live price list's version ("" when unreadable)."""
        try:
            catalog = self.catalog.get()
        except Exception:
            log.exception("price list %s could not be loaded for counting", self.catalog.path)
            catalog = None
        version = catalog["version"] if catalog else ""
        if catalog is not None and self._services[0] != version:
            self._services = (version, services_of(catalog))
        services = self._services[1] if catalog is not None else frozenset()
        vocabulary = Vocabulary(
            services=services,
            languages=frozenset(self.languages.get().codes),
            own_hosts=self.own_hosts,
            is_page=lambda path: is_page(Path(self.web.site), path),
        )
        return vocabulary, version

    def answer(self, request: Request) -> Response | tuple[Response, int]:
        try:
            pairs = _read_pairs(self.web, request)
            vocabulary, version = self.vocabulary()
            occurrence = read_occurrence(pairs, vocabulary)
        except CountRefused as refused:
            return jsonify(errors=[{"field": refused.field, "code": refused.code}]), refused.status
        if not not_to_be_counted(request.headers):
            self.tally.add(occurrence, version)
        return Response(status=204)

    def count(self, event: str, lang: str, headers: Any) -> None:
        """Count an event the endpoint itself saw (an inquiry stored), in the page's language."""
        if not_to_be_counted(headers):
            return
        _vocabulary, version = self.vocabulary()
        self.tally.add(Occurrence(event, (("lang", lang),)), version)


def _read_pairs(web: WebSettings, request: Request) -> list[tuple[str, str]]:
    if not web.same_site(request.headers.get("Origin"), request.headers.get("Sec-Fetch-Site")):
        raise CountRefused(403, "cross_site")
    length = request.content_length
    if length is not None and length > MAX_COUNT_BYTES:
        raise CountRefused(413, "too_large")
    if request.mimetype != FORM_TYPE:
        raise CountRefused(415, "unsupported_media_type")
    data = request.stream.read(MAX_COUNT_BYTES + 1)  # a body without a length is cut here
    if len(data) > MAX_COUNT_BYTES:
        raise CountRefused(413, "too_large")
    try:
        text = data.decode("utf-8")
        return parse_qsl(text, keep_blank_values=True, strict_parsing=bool(text))
    except UnicodeDecodeError as exc:
        raise CountRefused(400, "invalid_encoding") from exc
    except ValueError as exc:
        raise CountRefused(400, "malformed") from exc


def is_page(site: Path, path: str) -> bool:
    """Whether ``path`` is a page of the built site in ``site``; any path while no site is built
    there (the endpoint alone, without its QUOTE_SITE)."""
    if not (site / "index.html").is_file():
        return True
    relative = path.lstrip("/")
    if not relative or path.endswith("/"):
        return (site / relative / "index.html").is_file()
    return relative.endswith(".html") and (site / relative).is_file()
