"""The Latvian typography check (docs/style.md) on a page's HTML, shared by the build-time test
(tests/test_typography.py) and the browser one (tests/test_typography_browser.py)."""

from __future__ import annotations

import json
import re

from tests.support.html import parse

SEPARATOR = "\x00"  # between pieces of text: neither a space nor a unit
# A number, then the unit with anything but a no-break space (U+00A0 or U+202F) between them.
NUMBER_UNIT = re.compile(r"\d(?![\u00a0\u202f](?:€|min|st\.))\s*(€|min|st\.)")
TEXT_ATTRIBUTES = frozenset(
    {"title", "alt", "aria-label", "placeholder", "content", "value", "label"}
)
RULES = [
    ("\u201c", "English opening quotation mark “: write „…” (U+201E … U+201D)"),
    ("\u2014", "em dash —: write a spaced en dash – (U+2013)"),
]


def _texts(html: str) -> tuple[list[str], list[str]]:
    """Every piece of text a reader or a search engine gets: text and attribute values; and
    apart, the strings of JSON blocks: the structured data, and the interface texts the scripts
    write into the page (checked for quotation marks and dashes, not for no-break spaces: the
    texts hold placeholders, and nothing breaks lines in structured data). What the scripts
    write is checked as shown in tests/test_typography_browser.py.

    A start tag starts a new piece, an end tag does not: ``<b>10</b>&nbsp;€`` is one run, while
    attribute values stay separate pieces.
    """
    tree = parse(html)
    data = [
        text
        for node in tree.css('script[type="application/ld+json"], script[type="application/json"]')
        for text in _json_strings(json.loads(node.text()))
    ]
    for node in tree.css("script, style"):
        node.decompose()
    pieces = [""]
    for node in tree.root.traverse(include_text=True):
        if node.tag == "-text":
            pieces[-1] += node.text_content or ""
            continue
        pieces.extend(
            value
            for name, value in node.attributes.items()
            if value and (name in TEXT_ATTRIBUTES or name.startswith("data-"))
        )
        pieces.append("")
    return pieces, data


def _json_strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return [text for item in value for text in _json_strings(item)]
    return []


def _excerpt(text: str, start: int, end: int) -> str:
    return " ".join(text[max(0, start - 30) : end + 30].replace(SEPARATOR, " ").split())


def typography_problems(html: str, scripts_data: list = ()) -> list[str]:
    """One line per slip: what was found, where in the text, and what to write instead.
    ``scripts_data``: what the page's scripts fetch to show (checked as its JSON blocks are)."""
    pieces, strings = _texts(html)
    strings += [text for value in scripts_data for text in _json_strings(value)]
    text = SEPARATOR.join(piece for piece in pieces if piece)
    data = SEPARATOR.join(strings)
    problems = []
    for char, fix in RULES:
        for where in (text, data):
            for match in re.finditer(re.escape(char), where):
                problems.append(f"{fix}: …{_excerpt(where, match.start(), match.end())}…")
    for match in NUMBER_UNIT.finditer(text):
        problems.append(
            f'no-break space needed between the number and "{match.group(1)}" '
            f"(U+00A0; in Markdown &nbsp;): …{_excerpt(text, match.start(), match.end())}…"
        )
    return problems
