"""Watches the site's sources and calls back when one changes (the builds: quote.site.builds).

watchfiles (inotify on Linux, Pelican's own dependency) reports a save within tens of
milliseconds; its default filter skips what editors and Python leave beside the sources (swap and
backup files, __pycache__). The folders are watched with everything below them; the project
folder itself only for its own files, so that .venv/, .builds/ and node_modules/ cost nothing
and an editor that saves pricing.yaml by writing a new file and renaming it is still seen.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import watchfiles

# What a rebuild depends on; Pelican's own autoreload misses pricing.yaml and the plugins.
WATCHED_FOLDERS = ("content", "theme", "plugins")
WATCHED_FILES = ("pelicanconf.py", "publishconf.py", "pricing.yaml")
WATCHED = WATCHED_FOLDERS + WATCHED_FILES

# Changes that come within this many milliseconds of each other are one rebuild: an editor's
# save, a `git checkout` of several files.
SETTLE_MS = 50
# How often a watch wakes up without a change; its first wake-up says it is watching.
WAKE_MS = 200
SOURCE_FILTER = watchfiles.DefaultFilter()


def is_watched_file(change: watchfiles.Change, path: str) -> bool:
    """For the project folder's own entries: only the settings and the price list count."""
    return Path(path).name in WATCHED_FILES


class Watcher:
    """Calls ``on_change`` (in a thread of its own) whenever a watched file is added, removed or
    modified, until ``stop()``."""

    def __init__(self, project: Path, on_change: Callable[[], object]):
        self.project = project
        self.on_change = on_change
        self.stopped = threading.Event()
        folders = [project / name for name in WATCHED_FOLDERS if (project / name).is_dir()]
        watches = [(folders, True, SOURCE_FILTER), ([project], False, is_watched_file)]
        watches = [watch for watch in watches if watch[0]]
        self._ready = [threading.Event() for _ in watches]
        self._threads = [
            threading.Thread(
                target=self._watch, args=(*watch, ready), name="site-watcher", daemon=True
            )
            for watch, ready in zip(watches, self._ready, strict=True)
        ]

    def start(self, timeout: float = 10.0) -> None:
        """Start watching; returns once every watch is in place, so an edit saved after this
        (during the first build, say) is seen."""
        for thread in self._threads:
            thread.start()
        for ready in self._ready:
            ready.wait(timeout)

    def _watch(self, paths, recursive, watch_filter, ready: threading.Event) -> None:
        for changes in watchfiles.watch(
            *paths,
            watch_filter=watch_filter,
            recursive=recursive,
            step=SETTLE_MS,
            rust_timeout=WAKE_MS,
            yield_on_timeout=True,
            stop_event=self.stopped,
            raise_interrupt=False,
        ):
            ready.set()
            if changes:
                self.on_change()

    def stop(self) -> None:
        self.stopped.set()
