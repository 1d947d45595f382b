"""A seller who is not a VAT payer (pricing.yaml ``vat: none``) whose own words still speak of VAT.

The generated prices drop the VAT split by themselves; the owner's texts do not: a sentence such
as "Cenas norādītas ar PVN" in a Markdown file or the site's description in ``pelicanconf.py``
would tell a client that VAT is included when there is none. Each such line is a warning with
its file and line, in Latvian (the owner reads it), printed while the site builds and by
``quote check``; it never stops the build, since the owner may mean it (a page about VAT).

Not reported: the statement the site adds itself (or the owner's own copy of it), HTML comments
and drafts in Markdown (the owner's notes, not shown), and the ``vat_no`` line of the settings
(not shown for a non-payer).
"""

from __future__ import annotations

import io
import re
import sys
import tokenize
from collections.abc import Iterator
from pathlib import Path

VAT_WORD = re.compile(r"\b(?:PVN|VAT)\b")
STATEMENT = re.compile(r"nav PVN maksātāj|not (?:a |registered for )?VAT", re.IGNORECASE)
SETTINGS_FILES = ("pelicanconf.py", "publishconf.py")


def warn(content: Path, project: Path) -> None:
    """Print a warning for each line of the owner's files that names VAT."""
    for path, line in lines_naming_vat(content, project):
        shown = path.relative_to(project) if path.is_relative_to(project) else path
        sys.stderr.write(
            f"{shown}:{line}: brīdinājums: teksts min PVN, bet pricing.yaml norāda „vat: none” "
            "(jūs neesat PVN maksātājs); pārlabojiet to, lai klients nedomātu, ka cenās ir PVN\n"
        )


def lines_naming_vat(content: Path, project: Path) -> Iterator[tuple[Path, int]]:
    """(file, line number) of each shown line that names VAT: Markdown first, then settings."""
    for path in sorted(content.rglob("*.md")):
        yield from ((path, number) for number in _markdown_lines(path.read_text("utf-8")))
    for name in SETTINGS_FILES:
        path = project / name
        if path.is_file():
            yield from ((path, number) for number in _settings_lines(path.read_text("utf-8")))


def _markdown_lines(text: str) -> Iterator[int]:
    if re.search(r"^Status:\s*draft\s*$", text.partition("\n\n")[0], re.M | re.I):
        return
    # Comments blanked out, their line breaks kept, so that the numbers stay the file's.
    shown = re.sub(r"<!--.*?-->", lambda m: "\n" * m.group().count("\n"), text, flags=re.S)
    for number, line in enumerate(shown.splitlines(), start=1):
        if _names_vat(line):
            yield number


def _settings_lines(text: str) -> Iterator[int]:
    """Lines of the settings whose strings (not comments) name VAT, the VAT number's aside."""
    lines = text.splitlines()
    reported = set()
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            number = token.start[0]
            if token.type != tokenize.STRING or number in reported:
                continue
            if "vat_no" in lines[number - 1] or not _names_vat(token.string):
                continue
            reported.add(number)
            yield number
    except (tokenize.TokenError, SyntaxError):
        return  # a settings file that does not parse is reported by the build itself


def _names_vat(text: str) -> bool:
    return bool(VAT_WORD.search(STATEMENT.sub("", text)))
