"""Watches the site's sources for changes (the builds themselves: quote.site.builds)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

# What a rebuild depends on; Pelican's own autoreload misses pricing.yaml and the plugins.
WATCHED = ("content", "theme", "plugins", "pelicanconf.py", "publishconf.py", "pricing.yaml")


def snapshot(project: Path, names: Iterable[str] = WATCHED) -> dict[str, float]:
    """Modification times of every watched file, keyed by path."""
    stamps: dict[str, float] = {}
    for name in names:
        root = project / name
        paths = [root] if root.is_file() else (p for p in root.rglob("*") if p.is_file())
        for path in paths:
            if "__pycache__" not in path.parts:
                try:
                    stamps[str(path)] = path.stat().st_mtime
                except FileNotFoundError:
                    continue
    return stamps


class Watcher(threading.Thread):
    """Calls ``on_change`` whenever a watched file is added, removed or modified."""

    def __init__(self, project: Path, on_change: Callable[[], object], interval: float = 0.3):
        super().__init__(name="site-watcher", daemon=True)
        self.project = project
        self.on_change = on_change
        self.interval = interval
        self.stopped = threading.Event()
        # Taken now, not when the thread first runs: an edit made between creating the watcher
        # and the thread's first turn (a busy machine, the first build) must still count.
        self.last = snapshot(project)

    def run(self) -> None:
        last = self.last
        while not self.stopped.wait(self.interval):
            current = snapshot(self.project)
            if current != last:
                # Let an editor finish writing before building.
                time.sleep(0.1)
                last = snapshot(self.project)
                self.on_change()

    def stop(self) -> None:
        self.stopped.set()
