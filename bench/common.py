"""Shared helpers: paths, builds, a static server like `quote serve`'s, medians."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
BIN = Path(sys.executable).parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# Everything a build reads; copied into a scratch project where a file must be changed.
PROJECT_FILES = ("content", "theme", "plugins", "pelicanconf.py", "publishconf.py", "pricing.yaml")
# The pages measured, as URL paths; the 404 page is fetched by its file name (status 200),
# because Lighthouse refuses to audit a document answered with 404.
PAGES = {
    "index": "/",
    "privatuma-politika": "/privatuma-politika/",
    "paldies": "/paldies/",
    "404": "/404.html",
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


def copy_project(destination: Path) -> Path:
    destination.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            ignore = shutil.ignore_patterns("__pycache__")
            shutil.copytree(source, destination / name, ignore=ignore, dirs_exist_ok=True)
        elif source.exists():
            shutil.copy2(source, destination / name)
    return destination


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_http(url: str, timeout: float = 30.0, process=None) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            if process is not None and process.poll() is not None:
                raise RuntimeError(f"server exited with code {process.returncode}") from None
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


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
