"""A Pelican process started before it is needed, so that the preview's next build starts warm.

Every build runs Pelican in a fresh process (its signals are global), and about half of a
rebuild's time is that process starting: Python, Pelican and the libraries the plugins use
being imported (0.4 s of a 0.9 s rebuild of the owner's site). ``quote serve`` keeps one such
process started ahead, its imports done, waiting on stdin for the build's arguments; each build
takes it and starts the next one.

What the owner edits is not imported ahead: Pelican reads the settings and imports the plugins
(``plugins/``) only once the build's arguments arrive, so an edit saved while the process waited
is in the build. What is imported ahead is installed code (Pelican, its libraries, ``quote``),
the same code the running ``quote serve`` uses.

``python -m quote.site.warm`` is the waiting process: once its imports are done it prints
:data:`READY` on stdout, then reads one JSON line of Pelican's arguments on stdin and builds, its
output on stdout and stderr as ``pelican`` prints it, its exit code Pelican's. An empty stdin
(``quote serve`` stopped) ends it without building.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

PELICAN = Path(sys.executable).parent / "pelican"
READY = "quote-warm-ready"
# Imported ahead: Pelican and what the plugins import from quote/ (which brings pydantic, Babel,
# PyYAML, Pillow …); never a module of plugins/ or the settings.
AHEAD = (
    "pelican",
    "pelican.generators",
    "pelican.readers",
    "pelican.writers",
    "markdown",
    "markdown.extensions.extra",
    "quote.i18n",
    "quote.money",
    "quote.pricing.model",
    "quote.pricing.catalog",
    "quote.pricing.details",
    "quote.pricing.changes",
    "quote.pricing.backups",
    "quote.contact.form",
    "quote.site.share_images",
    "quote.site.icons",
)


def environment() -> dict[str, str]:
    """Pelican's log lines wide and unwrapped, as the build's messages are read from them."""
    return {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}


class WarmPelican:
    """Runs Pelican builds for ``project``, each in a process that was started ahead of it."""

    def __init__(self, project: Path) -> None:
        self.project = project
        self._lock = threading.Lock()
        self._waiting: _Process | None = None

    def start(self) -> None:
        """Start the next build's process now (it imports while nothing is asked of it)."""
        with self._lock:
            if self._waiting is None or not self._waiting.alive:
                self._waiting = _Process(self.project)

    def run(self, project: Path, output: Path, settings: str) -> subprocess.CompletedProcess:
        """One build of ``project`` (the one given at start) into ``output``, as
        :func:`quote.site.builds.pelican` runs it; the next build's process is started after."""
        if project != self.project:
            raise ValueError(f"{project}: this WarmPelican builds {self.project}")
        with self._lock:
            process, self._waiting = self._waiting, None
        if process is None or not process.alive:
            process = _Process(self.project)
        result = process.build(["content", "-s", settings, "-o", str(output)])
        self.start()
        return result

    def wait_ready(self) -> int:
        """Wait until the next build's process has done its imports; its pid (for the tests)."""
        with self._lock:
            if self._waiting is None:
                raise RuntimeError("no process is waiting for a build")
            if not self._waiting.ready():
                raise RuntimeError("the waiting Pelican process ended before it was ready")
            return self._waiting.popen.pid

    def close(self) -> None:
        """End the waiting process (it builds nothing)."""
        with self._lock:
            process, self._waiting = self._waiting, None
        if process is not None and process.alive:
            process.popen.communicate("", timeout=10)


class _Process:
    """One ``python -m quote.site.warm``: started, then ready, then one build."""

    def __init__(self, project: Path) -> None:
        if not PELICAN.exists():  # as subprocess.run([pelican, …]) would say
            raise FileNotFoundError(2, "No such file or directory", str(PELICAN))
        self.popen = subprocess.Popen(
            [sys.executable, "-m", __name__],
            cwd=project,
            env=environment(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self._first_line: str | None = None

    @property
    def alive(self) -> bool:
        return self.popen.poll() is None

    def ready(self) -> bool:
        """Wait for the ready line; False when the process ended without it."""
        if self._first_line is None:
            # The ready line is all the process writes until it reads the arguments.
            self._first_line = self.popen.stdout.readline() if self.popen.stdout else ""
        return self._first_line.strip() == READY

    def build(self, args: list[str]) -> subprocess.CompletedProcess:
        ready = self.ready()
        stdout, stderr = self.popen.communicate(json.dumps(args) + "\n")
        if not ready:  # it stopped before it was ready: what it said is the output
            stdout = (self._first_line or "") + stdout
        return subprocess.CompletedProcess(
            [str(PELICAN), *args], self.popen.returncode, stdout, stderr
        )


def main() -> int:
    for name in AHEAD:
        # A library that does not import: the build itself reports it, in the owner's words.
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    print(READY, flush=True)
    line = sys.stdin.readline()
    if not line.strip():
        return 0
    from pelican import main as pelican_main

    sys.argv = [str(PELICAN), *json.loads(line)]
    pelican_main(sys.argv[1:])
    return 0


if __name__ == "__main__":
    sys.exit(main())
