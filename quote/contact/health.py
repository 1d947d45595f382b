"""Whether the endpoint can keep an inquiry: the store read and written, probed now and then.

``/api/health`` is what a monitor (and the deploy's last step) asks. Answering "ok" from a
database whose inquiry table is damaged would hide exactly the failure that loses inquiries, so
the answer comes from a probe: SQLite's quick check and a write that is rolled back. The probe
reads the whole file, so it runs at most every :data:`PROBE_SECONDS`, and at once after a post
could not be stored.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from quote.errors import StoreError

from .store import Store

log = logging.getLogger(__name__)

PROBE_SECONDS = 30.0


class StoreHealth:
    def __init__(self, store: Store, clock: Callable[[], float] = time.monotonic) -> None:
        self.store = store
        self.clock = clock
        self._lock = threading.Lock()
        self._next_probe = 0.0
        self._problem: str | None = None

    def failed(self) -> None:
        """A post could not be stored: probe again at the next question."""
        with self._lock:
            self._next_probe = 0.0

    def problem(self) -> str | None:
        """What is wrong with the store (for the log), or None when it can be read and written."""
        with self._lock:
            if self.clock() >= self._next_probe:
                try:
                    self.store.check()
                    self.store.probe_write()
                except StoreError as exc:
                    if self._problem != str(exc):
                        log.error("store health: %s", exc)
                    self._problem = str(exc)
                else:
                    self._problem = None
                self._next_probe = self.clock() + PROBE_SECONDS
            return self._problem
