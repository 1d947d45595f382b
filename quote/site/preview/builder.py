"""Builds for the preview: each one in a fresh folder, swapped in when good, reported when not."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from quote.site import builds
from quote.site.warm import WarmPelican

from .messages import error_lines, warning_lines
from .state import Preview


class PreviewBuilder:
    """Builds ``project`` with the development settings and keeps ``preview`` up to date.

    ``link`` (``preview/`` by default) always points at the newest good build, so ``make build``
    and ``quote serve`` agree on what the development site is.
    """

    def __init__(self, project: Path, link: Path, settings: str = "pelicanconf.py") -> None:
        self.project = project
        self.link = link
        self.settings = settings
        if not link.exists():
            # Nothing built yet: an empty build until the first good one.
            builds.swap(link, builds.new_folder(project, builds.kind_of(settings)))
        self.preview = Preview(link.resolve())
        # One build at a time: the first build and a save during it would otherwise race to swap
        # in their folders, and the older sources could win.
        self._building = threading.Lock()
        # Each build's Pelican process is started ahead, during the wait for the next save.
        self.pelican = WarmPelican(project)

    def close(self) -> None:
        """End the Pelican process waiting for the next build."""
        self.pelican.close()

    def rebuild(self) -> bool:
        with self._building:
            return self._build()

    def _build(self) -> bool:
        result = builds.build_and_swap(self.project, self.link, self.settings, run=self.pelican.run)
        stream = sys.stdout if result.ok else sys.stderr
        stream.write(result.stdout + result.stderr + result.undo_note)
        if result.ok:
            output = (result.stdout + "\n" + result.stderr).replace(f"{self.project}/", "")
            self.preview.succeeded(result.folder, warning_lines(output))
        else:
            # Paths as the owner knows them: content/faq/10-x.md, not /home/…/content/faq/10-x.md.
            output = (result.stdout + "\n" + result.stderr).replace(f"{self.project}/", "")
            self.preview.failed(error_lines(output))
            stream.write("quote serve: būvēšana neizdevās; rāda iepriekšējo versiju.\n")
        stream.flush()
        return result.ok
