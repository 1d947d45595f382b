"""What the bench and the tests both drive: Chromium's flags, Pelican builds in a fresh process,
scratch copies of the project, local ports and servers.

The bench imports nothing from ``tests/``; the tests' support package imports this.
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

from quote.site.watch import WATCHED

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


def listens(port: int, process: subprocess.Popen, timeout: float) -> bool:
    """Wait until something accepts connections on 127.0.0.1:``port``: True, or False when
    ``process`` exited or ``timeout`` passed first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True
        except OSError:
            time.sleep(0.05)
    return False


def stop(process: subprocess.Popen) -> None:
    """Terminate ``process`` (kill it after 10 s) and wait for it."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
