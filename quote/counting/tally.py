"""Counts gathered in memory and written to the store's ``visit_count`` now and then.

Counting must never hold the store's write lock against an inquiry: each occurrence only adds
to a dictionary under a lock (microseconds), and a thread writes what was gathered in one short
transaction every ``interval`` seconds and once more when it stops (a clean shutdown loses
nothing; a killed process loses at most the last few seconds of counts, never an inquiry).
A write that fails (the store locked or broken) keeps the counts for the next one.

A row's key is (UTC day, event, dimension, value, price list version); an occurrence adds 1 to
the event's total (dimension and value "") and 1 to each (dimension, value) it carries.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime

from quote.contact.store import Store

from .reading import Occurrence

log = logging.getLogger(__name__)

Key = tuple[str, str, str, str, str]


def utc_day(now: float) -> str:
    return datetime.fromtimestamp(now, UTC).strftime("%Y-%m-%d")


class Tally:
    def __init__(
        self, store: Store, *, interval: float = 5.0, clock: Callable[[], float] = time.time
    ) -> None:
        self.store = store
        self.interval = interval
        self.clock = clock
        self._lock = threading.Lock()
        self._counts: Counter[Key] = Counter()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def add(self, occurrence: Occurrence, price_version: str) -> None:
        day = utc_day(self.clock())
        with self._lock:
            self._counts[(day, occurrence.event, "", "", price_version)] += 1
            for dimension, value in occurrence.values:
                self._counts[(day, occurrence.event, dimension, value, price_version)] += 1

    def pending(self) -> int:
        """How many rows wait to be written."""
        with self._lock:
            return len(self._counts)

    def flush(self) -> int:
        """Write what was gathered; returns the number of rows written (0 when it failed)."""
        with self._lock:
            counts, self._counts = self._counts, Counter()
        if not counts:
            return 0
        rows = [(*key, count) for key, count in sorted(counts.items())]
        try:
            self.store.add_counts(rows)
        except Exception:
            log.exception("visit counts could not be written; kept for the next try")
            with self._lock:
                self._counts.update(counts)
            return 0
        return len(rows)

    # -- the writing thread ----------------------------------------------------------------------

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="visit-counts", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the thread and write what is left."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        self.flush()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.flush()
