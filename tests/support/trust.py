"""The fixture site with the fixture trust sections (tests/fixtures/trust) and a photo; used by
tests/test_trust_sections.py, tests/test_whole_site_browser.py and tools/screenshots.py."""

from __future__ import annotations

import shutil
from pathlib import Path

from PIL import Image

from tests.support import ROOT, copy_fixture_project

FIXTURES = ROOT / "tests" / "fixtures" / "trust"


def trust_project(destination: Path) -> Path:
    """A scratch copy of the fixture site with the fixture trust sections and photo."""
    project = copy_fixture_project(destination)
    landing = project / "content" / "landing"
    for path in FIXTURES.glob("*.md"):
        shutil.copy(path, landing / path.name)
    # Icons on the first cards section, as the owner names them.
    cards = project / "content" / "landing" / "20-principi.md"
    text = cards.read_text(encoding="utf-8")
    cards.write_text(
        text.replace("Layout: cards\n", "Layout: cards\nIcons: target, chat\n", 1), "utf-8"
    )
    images = project / "content" / "images"
    images.mkdir(exist_ok=True)
    Image.new("RGB", (1200, 900), (90, 47, 216)).save(images / "fixture-portrait.jpg", quality=90)
    return project
