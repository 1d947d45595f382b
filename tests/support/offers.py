"""Offers the way the owner makes them: the owner's settings file for ``quote offer``, the
``quote`` command on one database, and the text of a PDF as ``pdftotext`` reads it.

Import from here: ``from tests.support.offers import …``.
"""

from __future__ import annotations

import re
import subprocess
import textwrap
from pathlib import Path

from tests.support import BIN, FIXTURE_PRICING, FIXTURE_PROJECT
from tests.support.commands import owner_environment

# Real-looking owner facts (no placeholders), with the long e-mail and web addresses that used
# to break across lines in the sender block.
OWNER_FILLED = {
    "name": "Anna Bērziņa",
    "reg_no": "40000000001",
    "vat_no": "LV40000000001",
    "address": "Brīvības iela 1, Rīga, LV-1010",
    "email": "anna.berzina@socialo-tiklu-parvaldisana.lv",
    "phone": "+371 20000000",
    "bank": "AS Piemēra banka",
    "iban": "LV80BANK0000435195001",
}
OWNER_ORIGIN = "https://socialo-tiklu-parvaldisana.lv"


def write_settings(
    folder: Path,
    owner: dict,
    origin: str = OWNER_ORIGIN,
    languages: tuple[str, ...] = ("lv", "en"),
    content: Path | None = FIXTURE_PROJECT / "content",
) -> Path:
    """A pelicanconf.py/publishconf.py pair with these facts, the fixture site's content (its
    offer texts) and languages; returns the publishconf.py to pass as ``--settings``."""
    folder.mkdir(exist_ok=True)
    lines = [
        "SITENAME = 'Testa vietne'",
        "SITE_ORIGIN = 'http://127.0.0.1:8000'",
        f"OWNER = {owner!r}",
        f"LANGUAGES = {list(languages)!r}",
    ]
    if content is not None:
        lines.append(f"PATH = {str(content)!r}")
    (folder / "pelicanconf.py").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "publishconf.py").write_text(
        textwrap.dedent(
            f"""
            import sys
            from pathlib import Path
            sys.path.append(str(Path(__file__).resolve().parent))
            from pelicanconf import *  # noqa
            SITE_ORIGIN = {origin!r}
            """
        ),
        encoding="utf-8",
    )
    return folder / "publishconf.py"


def quote_on(
    db: Path, *args: str, check: bool = True, env: dict | None = None
) -> subprocess.CompletedProcess:
    """``quote ARGS`` on the database ``db``, pricing with the fixture price list."""
    environ = owner_environment(
        {"QUOTE_DB": str(db), "QUOTE_PRICING": str(FIXTURE_PRICING), **(env or {})}
    )
    result = subprocess.run(
        [str(BIN / "quote"), *args], env=environ, capture_output=True, text=True, cwd=db.parent
    )
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def pdftotext(path: Path, *options: str) -> str:
    """The PDF's text as poppler's ``pdftotext`` extracts it (``-layout`` keeps the lines)."""
    return subprocess.run(
        ["pdftotext", *options, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def flat(text: str) -> str:
    """Text with no-break and other spaces as one space (PDF extraction varies)."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def word_boxes(path: Path) -> tuple[float, list[tuple[str, float, float]]]:
    """The page width and every word's (text, xMin, xMax) in points, from ``pdftotext -bbox``."""
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser(pdftotext(path, "-bbox"))
    width = min(float(page.attributes["width"]) for page in tree.css("page"))
    words = [
        (word.text(), float(word.attributes["xmin"]), float(word.attributes["xmax"]))
        for word in tree.css("word")
    ]
    return width, words
