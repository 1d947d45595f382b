"""The owner's commands as the owner runs them: ``quote`` and ``make``, each a fresh process.

Both run this checkout's code (``PYTHONPATH``), whichever checkout the shared environment was
installed from, and the owner's targets of this checkout's Makefile.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bench.harness import BIN, ROOT

VENV = Path(sys.prefix)


def owner_environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment with this checkout first on the import path, in an English locale (the
    owner's machine need not be Latvian; what they read must be anyway)."""
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path, "LANG": "C.UTF-8", **(extra or {})}


def run_quote(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, **options
) -> subprocess.CompletedProcess:
    """``quote ARGS…`` in ``cwd``; stdout and stderr as text."""
    return subprocess.run(
        [str(BIN / "quote"), *args],
        cwd=cwd,
        env=owner_environment(env),
        capture_output=True,
        text=True,
        timeout=options.pop("timeout", 60),
        **options,
    )


def run_make(
    target: str, project: Path, *variables: str, timeout: float = 180
) -> subprocess.CompletedProcess:
    """``make TARGET`` with this checkout's Makefile in ``project``, using the shared
    environment as it is (never reinstalling it)."""
    makefile, installed = ROOT / "Makefile", VENV / ".installed"
    return subprocess.run(
        ["make", "-f", str(makefile), "-o", str(installed), f"VENV={VENV}", target, *variables],
        cwd=project,
        env=owner_environment(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
