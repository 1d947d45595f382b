"""Shared helpers of the bench: the pages measured, timed builds, a static server like
`quote serve`'s, medians (machine-level helpers in :mod:`bench.harness`)."""

from __future__ import annotations

import contextlib
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from bench.harness import (  # noqa: F401 - re-exported for the bench modules
    BIN,
    CHROMIUM,
    CHROMIUM_ARGS,
    PROJECT_FILES,
    ROOT,
    copy_project,
    free_port,
    stop,
    wait_for_http,
)

BENCH = ROOT / "bench"
# The pages measured, as URL paths; the 404 page is fetched by its file name (status 200),
# because Lighthouse refuses to audit a document answered with 404. A page the build does not
# have (English while LANGUAGES leaves it out) is left out of the run.
PAGES = {
    "index": "/",
    "privatuma-politika": "/privatuma-politika/",
    "paldies": "/paldies/",
    "buj": "/buj/",
    "404": "/404.html",
    "en": "/en/",
    "en-faq": "/en/faq/",
}
# Landing pages: the budgets and the floor of the landing page apply to each language's.
LANDINGS = ("index", "en")


def built(site: Path, pages: dict[str, str]) -> dict[str, str]:
    """The pages of ``pages`` the build in ``site`` has."""
    return {
        name: url
        for name, url in pages.items()
        if (site / url.lstrip("/") / ("index.html" if url.endswith("/") else "")).is_file()
    }


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def percentile(values, fraction: float):
    """Nearest-rank percentile of ``values`` (0 < fraction <= 1)."""
    ordered = sorted(values)
    if not ordered:
        return None
    rank = max(1, min(len(ordered), round(fraction * len(ordered) + 0.5)))
    return ordered[rank - 1]


def pelican(project: Path, output: Path, settings: str = "pelicanconf.py", timeout=180):
    """Run one Pelican build in a fresh process; return (seconds, completed process)."""
    start = time.perf_counter()
    result = subprocess.run(
        [str(BIN / "pelican"), "content", "-s", settings, "-o", str(output)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return time.perf_counter() - start, result


def build(output: Path, settings: str = "pelicanconf.py", project: Path = ROOT) -> Path:
    """Build the site into ``output``; raise with Pelican's messages when the build fails."""
    _, result = pelican(project, output, settings)
    if result.returncode != 0:
        raise RuntimeError(f"pelican build failed:\n{result.stdout}{result.stderr}")
    return output


@contextlib.contextmanager
def static_server(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 with the stack of `quote serve` (waitress + WhiteNoise,
    precompressed .br/.gz copies when present, the site's 404 page); yield the origin."""
    port = free_port()
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "bench.serve", str(folder), str(port)],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        origin = f"http://127.0.0.1:{port}"
        try:
            try:
                wait_for_http(origin + "/", process=process)
            except (OSError, RuntimeError):
                log.seek(0)
                sys.stderr.write(log.read().decode(errors="replace"))
                raise
            yield origin
        finally:
            stop(process)
