"""The typography check (docs/style.md) of a page's HTML in its language, shared by the build-time
test (tests/test_typography.py) and the browser one (tests/test_typography_browser.py).

Latvian: „…” quotation marks; English: “…” and ’. Both: no straight quotation marks in copy, no
em dash, a no-break space between a number and its unit (of money, time or count), and never two
spaces in a row.
"""

from __future__ import annotations

import json
import re

from tests.support.html import parse

SEPARATOR = "\x00"  # between pieces of text: neither a space nor a unit
NO_BREAK = "\u00a0\u202f"
# Units after a number, as word beginnings so that every case form counts: "mēneš" is mēneši,
# mēnešiem, mēnešus…; "mēn" also the abbreviation "mēn.".
UNITS = {
    "lv": (
        "€",
        "min",
        r"st\.",
        "stund",
        "dien",
        "darba dien",
        "nedēļ",
        "mēn",
        "ierakst",
        "kanāl",
        "labojumu cikl",
        "platform",
    ),
    "en": (
        "min",
        "hour",
        "day",
        "working day",
        "week",
        "month",
        "post",
        "channel",
        "revision round",
        "platform",
    ),
}
# A number: digits, or in a script's text the placeholder the script fills with one.
NUMBER = r"(?:\d|\{(?:n|rate|min|max)\})"
# Two spaces in a row, as the reader sees them: source whitespace collapses to one space,
# a no-break space does not.
DOUBLED_SPACE = re.compile(rf"[ {NO_BREAK}]{{2,}}")
COLLAPSING = re.compile(r"[ \t\n\r\f]+")
# Elements inside a line of text: they do not end a run of it.
INLINE = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "label"}
    | {"mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var"}
)
TEXT_ATTRIBUTES = frozenset(
    {"title", "alt", "aria-label", "placeholder", "content", "value", "label"}
)
STRAIGHT_QUOTE = ('"', 'straight quotation mark ": write „…” (U+201E … U+201D)')
RULES = {
    "lv": [
        ("\u201c", "English opening quotation mark “: write „…” (U+201E … U+201D)"),
        STRAIGHT_QUOTE,
        ("\u2014", "em dash —: write a spaced en dash – (U+2013)"),
    ],
    "en": [
        ("\u201e", "Latvian opening quotation mark „: write “…” (U+201C … U+201D)"),
        ('"', 'straight quotation mark ": write “…” (U+201C … U+201D)'),
        ("'", "straight apostrophe ': write ’ (U+2019), as in don’t"),
        ("\u2014", "em dash —: write a spaced en dash – (U+2013)"),
    ],
}


def number_unit(lang: str) -> re.Pattern:
    """A number, then one of the language's units with anything but a no-break space between."""
    units = "|".join(UNITS[lang])
    return re.compile(rf"{NUMBER}(?![{NO_BREAK}](?:{units}))\s*({units})")


def _texts(html: str) -> tuple[list[str], list[str], list[str]]:
    """Every piece of text a reader or a search engine gets: text and attribute values; and
    apart, the strings of JSON: the structured data (checked for quotation marks, dashes and
    spaces, not for no-break spaces: nothing breaks its lines), and the texts the scripts write
    into the page (JSON blocks and data attributes holding JSON).

    Text runs on through inline elements and ends where a block (or a control) starts:
    ``<b>10</b> €`` and ``<span>650 €</span> <span>&nbsp;/ mēn.</span>`` are one run each;
    every attribute value is a piece of its own.
    """
    tree = parse(html)
    structured = [
        text
        for node in tree.css('script[type="application/ld+json"]')
        for text in _json_strings(json.loads(node.text()))
    ]
    data = [
        text
        for node in tree.css('script[type="application/json"]')
        for text in _json_strings(json.loads(node.text()))
    ]
    for node in tree.css("script, style"):
        node.decompose()
    runs, attributes = [""], []
    for node in tree.root.traverse(include_text=True):
        if node.tag == "-text":
            runs[-1] += node.text_content or ""
            continue
        for name, value in node.attributes.items():
            if not value or not (name in TEXT_ATTRIBUTES or name.startswith("data-")):
                continue
            if value.startswith(("{", "[")):
                data.extend(_json_strings(json.loads(value)))
            else:
                attributes.append(value)
        if node.tag not in INLINE:
            runs.append("")
    return runs + attributes, structured, data


def _json_strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return [text for item in value for text in _json_strings(item)]
    return []


def _excerpt(text: str, start: int, end: int) -> str:
    shown = text[max(0, start - 30) : end + 30].replace(SEPARATOR, " ")
    return shown.replace("\u00a0", "⍽").replace("\u202f", "⍽").replace("\n", " ")


def page_language(html: str) -> str:
    """The page's language from ``<html lang>``: "lv" or "en"."""
    lang = parse(html).css_first("html").attributes.get("lang") or "lv"
    return lang.split("-")[0]


def typography_problems(html: str, scripts_data: list = (), lang: str | None = None) -> list[str]:
    """One line per slip: what was found, where in the text, and what to write instead.
    ``scripts_data``: what the page's scripts fetch to show (checked as its JSON blocks are);
    ``lang``: the rules' language, by default the page's ``<html lang>``."""
    lang = lang or page_language(html)
    pieces, structured, strings = _texts(html)
    strings += [text for value in scripts_data for text in _json_strings(value)]
    text = SEPARATOR.join(COLLAPSING.sub(" ", piece) for piece in pieces if piece)
    data = SEPARATOR.join(strings)
    every = (text, data, SEPARATOR.join(structured))
    problems = []
    for char, fix in RULES[lang]:
        for where in every:
            for match in re.finditer(re.escape(char), where):
                problems.append(f"{fix}: …{_excerpt(where, match.start(), match.end())}…")
    for where in (text, data):
        for match in number_unit(lang).finditer(where):
            problems.append(
                f'no-break space needed between the number and "{match.group(1)}" '
                f"(U+00A0; in Markdown &nbsp;): …{_excerpt(where, match.start(), match.end())}…"
            )
    for where in every:
        for match in DOUBLED_SPACE.finditer(where):
            problems.append(
                "two spaces in a row (⍽ is a no-break space): write one: "
                f"…{_excerpt(where, match.start(), match.end())}…"
            )
    return problems
