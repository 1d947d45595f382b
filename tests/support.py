"""What the tests and the benchmark both need: the browser, scratch projects, builds, ports.

No pytest here, so that ``bench/`` can import it too.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from quote.site_build import WATCHED

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Debian's Chromium as root, on a machine whose only network is the package registries.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# Everything a build reads, the same files the dev server watches.
PROJECT_FILES = WATCHED
# The fixture site the code's tests build: its own pricing.yaml, content/ and settings, built with
# the project's theme and plugins. The owner's pricing.yaml and content/ are not test data.
FIXTURE_PROJECT = ROOT / "tests" / "fixtures" / "site"
FIXTURE_PRICING = FIXTURE_PROJECT / "pricing.yaml"


def build(
    project: Path, output: Path, settings: str = "pelicanconf.py", timeout: float = 180
) -> subprocess.CompletedProcess:
    """Run a Pelican build of ``project`` into ``output`` in a fresh process.

    A fresh process each time: Pelican's signals are global, so building several times in one
    process would connect plugin handlers twice.
    """
    return subprocess.run(
        [str(BIN / "pelican"), "content", "-s", settings, "-o", str(output)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def copy_project(destination: Path) -> Path:
    """Copy what a build reads into ``destination``, for a test that changes a file."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            ignore = shutil.ignore_patterns("__pycache__")
            shutil.copytree(source, destination / name, ignore=ignore, dirs_exist_ok=True)
        elif source.exists():
            shutil.copy2(source, destination / name)
    return destination


def copy_fixture_project(destination: Path) -> Path:
    """A scratch copy of the fixture site in ``destination``; returns the folder to build in.

    The fixture's settings take the theme, plugins and settings from two folders above the fixture
    folder, so the project's build inputs are copied around it at the same relative place.
    """
    copy_project(destination)
    project = destination / FIXTURE_PROJECT.relative_to(ROOT)
    ignore = shutil.ignore_patterns("__pycache__", "output")
    shutil.copytree(FIXTURE_PROJECT, project, ignore=ignore, dirs_exist_ok=True)
    return project


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_http(url: str, timeout: float = 30.0, process=None) -> None:
    """Wait until ``url`` answers (any status); fail early if ``process`` has exited."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            if process is not None and process.poll() is not None:
                raise RuntimeError(f"server exited with code {process.returncode}") from None
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


# Owner facts that are not placeholders, for a scratch copy that `make publish` must accept.
FILLED_IN_OWNER = """
OWNER = {
    "name": "Anna Bērziņa",
    "reg_no": "40003000000",
    "address": "Brīvības iela 1, Rīga",
    "email": "anna@berzina.lv",
    "phone": "+371 20000000",
    "vat_no": "LV40003000000",
    "bank": "Swedbank",
    "iban": "LV80HABA0551000000000",
}
SITE_ORIGIN = "https://www.berzina.lv"
"""


def fill_in_owner(project: Path) -> None:
    """Replace the fixture's placeholders in a scratch copy's publishconf.py."""
    settings = project / "publishconf.py"
    settings.write_text(settings.read_text(encoding="utf-8") + FILLED_IN_OWNER, encoding="utf-8")
