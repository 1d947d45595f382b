"""Build times, each a fresh `pelican` process as `make build` runs it, median of N:
a cold build into an empty folder, a rebuild after a price in pricing.yaml changed, and the
floor: an empty Pelican site (no content, default theme, no plugins) on the same machine."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from bench.common import copy_project, median, pelican

EMPTY_SETTINGS = """\
SITENAME = "Empty"
SITEURL = ""
PATH = "content"
TIMEZONE = "Europe/Riga"
DEFAULT_LANG = "lv"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
"""
_PRICE = re.compile(r"^(\s+price:\s*)(\d+)\s*$", re.M)


def _timed(project: Path, output: Path, settings: str = "pelicanconf.py") -> float:
    seconds, result = pelican(project, output, settings)
    if result.returncode != 0:
        raise RuntimeError(f"build failed in {project}:\n{result.stdout}{result.stderr}")
    return seconds


def change_a_price(pricing: Path) -> None:
    """Raise the first plain ``price: N`` in pricing.yaml by one euro."""
    text = pricing.read_text(encoding="utf-8")
    match = _PRICE.search(text)
    if match is None:
        raise RuntimeError("no `price: N` line found in pricing.yaml")
    value = int(match.group(2)) + 1
    pricing.write_text(text[: match.start(2)] + str(value) + text[match.end(2) :], encoding="utf-8")


def measure(runs: int = 5, log=print) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        tmp_path = Path(tmp)
        project = copy_project(tmp_path / "project")
        empty = tmp_path / "empty"
        (empty / "content").mkdir(parents=True)
        (empty / "settings.py").write_text(EMPTY_SETTINGS, encoding="utf-8")

        cold, rebuild, floor = [], [], []
        output = tmp_path / "rebuilt"
        _timed(project, output)  # the site the rebuilds start from
        changed = 0
        for run in range(runs):
            log(f"  build run {run + 1}/{runs}")
            cold.append(_timed(project, tmp_path / f"cold-{run}"))
            before = (output / "index.html").read_bytes()
            change_a_price(project / "pricing.yaml")
            rebuild.append(_timed(project, output))
            changed += (output / "index.html").read_bytes() != before
            floor.append(_timed(empty, tmp_path / f"empty-{run}", "settings.py"))
    return {
        "runs": runs,
        "cold_s": median(cold),
        "rebuild_s": median(rebuild),
        "empty_s": median(floor),
        "rebuild_changed_page": changed,
        "samples": {"cold": cold, "rebuild": rebuild, "empty": floor},
    }
