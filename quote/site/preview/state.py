"""What the preview server shows: the newest good build, its warnings, and the errors of the last
failed one.

The builder thread calls :meth:`Preview.succeeded` or :meth:`Preview.failed`; request threads read
a consistent snapshot with :meth:`Preview.current` and wait for the next change with
:meth:`Preview.wait_for_change` (the live-reload event stream).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Snapshot:
    folder: Path  # the build being served
    generation: int  # bumped by every build, good or failed
    errors: tuple[str, ...]  # messages of the last build when it failed, else empty
    warnings: tuple[str, ...] = ()  # the good build's warnings (a missing translation)


class Preview:
    def __init__(self, folder: Path) -> None:
        self._changed = threading.Condition()
        self._snapshot = Snapshot(folder=folder, generation=0, errors=())

    def current(self) -> Snapshot:
        return self._snapshot

    def succeeded(self, folder: Path, warnings: list[str] | tuple[str, ...] = ()) -> None:
        self._set(folder, (), tuple(warnings))

    def failed(self, errors: list[str]) -> None:
        self._set(self._snapshot.folder, tuple(errors) or ("Būvēšana neizdevās.",))

    def _set(self, folder: Path, errors: tuple[str, ...], warnings: tuple[str, ...] = ()) -> None:
        with self._changed:
            generation = self._snapshot.generation + 1
            self._snapshot = Snapshot(folder, generation, errors, warnings)
            self._changed.notify_all()

    def wait_for_change(self, generation: int, timeout: float) -> Snapshot:
        """The snapshot once its generation differs from ``generation``, or after ``timeout``."""
        with self._changed:
            self._changed.wait_for(lambda: self._snapshot.generation != generation, timeout)
            return self._snapshot
