"""Recomputing the visitor's estimate on the server from the current ``pricing.yaml``.

The form's ``quote`` field carries the configurator's share-link query string. Whatever totals
the browser may have put in it are ignored: the query is parsed leniently
(``quote.estimate.parse_query``), written back in its normal form (``to_query``) and priced again
(``estimate``). A quote that can't be used is dropped with a note for the owner, never a reason
to refuse the inquiry.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import re
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

from quote.contact.form import MAX_QUOTE

from .errors import TextProblem
from .validation import clean_text

log = logging.getLogger(__name__)

# Keys a share link may carry besides the services: display options, not part of the selection.
DISPLAY_KEYS = frozenset({"net"})
_SAFE_KEY = re.compile(r"[A-Za-z0-9_.\-]{1,40}")


@dataclasses.dataclass(frozen=True)
class QuoteResult:
    query: str | None = None
    estimate_json: str | None = None
    price_version: str | None = None
    note: str | None = None
    # The price list's snapshot (quote/pricing/snapshots.py), kept by the store once per version.
    price_list_json: str | None = None


class CatalogSource:
    """The catalog of ``pricing.yaml``, reloaded when the file changes."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._stamp: tuple[int, int, int] | None = None
        self._catalog: dict[str, Any] | None = None
        self._snapshot_json: str | None = None

    def get(self) -> dict[str, Any]:
        return self.get_with_snapshot()[0]

    def get_with_snapshot(self) -> tuple[dict[str, Any], str]:
        """The catalog and the JSON snapshot of the same load of the file."""
        from quote.pricing.snapshots import load_snapshot

        stat = os.stat(self.path)
        stamp = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        with self._lock:
            if self._catalog is None or self._snapshot_json is None or stamp != self._stamp:
                snapshot = load_snapshot(self.path)
                self._catalog = snapshot.catalog
                self._snapshot_json = snapshot.to_json()
                self._stamp = stamp
            return self._catalog, self._snapshot_json

    def snapshot_for(self, version: str) -> str | None:
        """The JSON snapshot of the loaded price list if it is ``version`` (else None)."""
        with self._lock:
            if self._catalog is not None and self._catalog["version"] == version:
                return self._snapshot_json
        return None

    def get_or_last_good(self) -> tuple[dict[str, Any], str | None]:
        """The current catalog, or the last good copy's with a note saying so.

        Raises when the current list is broken and no good copy was kept.
        """
        from quote.pricing.backups import copies
        from quote.pricing.catalog import to_catalog
        from quote.pricing.model import load_price_list

        try:
            return self.get(), None
        except Exception:
            kept = copies(self.path)
            if not kept:
                raise
            log.exception("price list %s is broken; using %s", self.path, kept[0].name)
            catalog = to_catalog(load_price_list(kept[0]))
            saved = time.strftime("%Y-%m-%d %H:%M", time.localtime(kept[0].stat().st_mtime))
            return catalog, (
                f"Aprēķināts pēc pēdējā derīgā cenrāža (versija {catalog['version']}, saglabāta "
                f"{saved}), jo {self.path.name} šobrīd ir kļūdains."
            )


def recompute(source: CatalogSource, raw: str | None) -> QuoteResult:
    """Normal query, estimate JSON and price-list version for ``raw``, or a note why not."""
    if not raw:
        return QuoteResult()
    if len(raw) > MAX_QUOTE:
        return QuoteResult(note="Aprēķina saite bija pārāk gara, tāpēc aprēķins netika saglabāts.")
    try:
        text = clean_text(raw, multiline=False)
    except TextProblem:
        return QuoteResult(
            note="Aprēķina saitē bija neatļautas rakstzīmes; aprēķins netika saglabāts."
        )
    from quote.estimate import EstimateError, estimate, parse_query, to_query

    # A broken price list without a good copy must not lose the selection: it is kept as sent.
    try:
        catalog, fallback = source.get_or_last_good()
        snapshot_json = source.snapshot_for(catalog["version"])
    except Exception:
        log.exception("price list %s could not be loaded; quote kept as sent", source.path)
        return QuoteResult(
            query=text,
            note="Cenrādi neizdevās nolasīt, tāpēc aprēķins netika pārrēķināts; "
            "saglabāta izvēle, kā to nosūtīja.",
        )
    try:
        selection = parse_query(catalog, text)
        if len(selection) <= 1:  # nothing but "months"
            return QuoteResult(
                note="Aprēķinā nebija neviena derīga pakalpojuma; aprēķins netika saglabāts."
            )
        query = to_query(catalog, selection)
        result = mark_indicative(catalog, estimate(catalog, selection))
    except EstimateError as exc:
        log.warning("quote %r dropped: %s", text[:200], exc)
        return QuoteResult(note="Aprēķins nebija derīgs, tāpēc netika saglabāts.")
    ignored = _ignored_keys(text, query)
    notes = [fallback] if fallback else []
    if ignored:
        notes.append("Aprēķina saitē ignorēti nederīgi parametri: " + ", ".join(ignored) + ".")
    note = " ".join(notes) or None
    return QuoteResult(
        query=query,
        estimate_json=json.dumps(result, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
        price_version=catalog["version"],
        note=note,
        price_list_json=snapshot_json,
    )


def mark_indicative(catalog: dict[str, Any], result: dict[str, Any]) -> dict[str, Any]:
    """The estimate with ``"indicative": true`` on each line whose tier price is unconfirmed, so
    the stored inquiry says so whatever the price list says later."""
    indicative = {
        (service["id"], tier["id"])
        for service in catalog["services"]
        for tier in service["tiers"]
        if tier.get("indicative")
    }
    for line in result["lines"]:
        if (line["service"], line["tier"]) in indicative:
            line["indicative"] = True
    return result


def _ignored_keys(raw: str, normal: str) -> list[str]:
    """Keys of ``raw`` whose value did not survive normalisation (e.g. a forged ``total``)."""
    kept = dict(parse_qsl(normal))
    ignored: list[str] = []
    for key, value in parse_qsl(raw.removeprefix("?"), keep_blank_values=True):
        harmless = key not in kept and value in ("", "0")  # "off" written out
        if key in DISPLAY_KEYS or kept.get(key) == value or harmless:
            continue
        shown = key if _SAFE_KEY.fullmatch(key) else "?"
        if shown not in ignored:
            ignored.append(shown)
    return ignored[:10]
