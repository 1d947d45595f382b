"""Mistakes in the landing and FAQ Markdown files, explained in Latvian with file and line.

Each check returns :class:`ContentProblem` values; the generator collects every problem of every
file and stops the build once, so the owner sees all of them at the same time:

    content/landing/20-principi.md:2: Layout: nezināms izkārtojums 'card'; gaidīts viens no:
    hero, cards, …; varbūt domāts 'cards'?

(one line each; wrapped here).

No Pelican here: the checks work on the file's text and its rendered HTML.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

# Metadata keys the landing plugin and the theme read, as the owner writes them.
SECTION_KEYS = (
    *("Title", "Layout", "Anchor", "Nav", "Heading", "Cta", "Cta_anchor", "Status", "Lang"),
    *("Icons", "Photo", "Photo_alt"),
)
QUESTION_KEYS = ("Title", "Slug", "Status", "Lang")
ANCHOR = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_META_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_ -]*):")

# Elements without an end tag, and elements whose end tag HTML lets the writer leave out.
_VOID = frozenset(
    "area base br col embed hr img input link meta source track wbr".split()  # noqa: SIM905
)
_OPTIONAL_END = frozenset("p li dt dd tr td th thead tbody tfoot option colgroup".split())  # noqa: SIM905
_CODE = frozenset({"code", "pre", "script", "style"})
_LITERAL_MARKS = ("**", "__")


@dataclass(frozen=True)
class ContentProblem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


def shown_path(source: str) -> str:
    """The path as the owner knows it: relative to the folder the build runs in."""
    relative = os.path.relpath(source)
    return source if relative.startswith("..") else relative


def suggestion(word: str, choices: tuple[str, ...]) -> str:
    """``; varbūt domāts 'X'?`` for the closest choice, or nothing when none is close."""
    lowered = {choice.lower(): choice for choice in choices}
    close = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return f"; varbūt domāts '{lowered[close[0]]}'?" if close else ""


def metadata_lines(text: str) -> dict[str, int]:
    """Line number of each metadata key in the header (lowercased key -> 1-based line)."""
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            break
        match = _META_LINE.match(line)
        if match:
            lines.setdefault(match.group(1).strip().lower(), number)
    return lines


class SourceFile:
    """One Markdown file's text, with the lines of its metadata and of its body."""

    def __init__(self, path: str) -> None:
        self.path = shown_path(path)
        try:
            self.text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            self.text = ""
        self.meta_lines = metadata_lines(self.text)
        self.body_line = len(self.meta_lines) + 2 if self.meta_lines else 1

    def problem(self, message: str, key: str | None = None) -> ContentProblem:
        line = self.meta_lines.get(key.lower(), 1) if key else 1
        return ContentProblem(self.path, line, message)

    def line_of(self, fragment: str, start: int = 0) -> int:
        """The line where ``fragment`` occurs in the body (or the body's first line)."""
        at = self.text.find(fragment, start) if fragment else -1
        return self.text.count("\n", 0, at) + 1 if at >= 0 else self.body_line


def unknown_keys(source: SourceFile, known: tuple[str, ...]) -> list[ContentProblem]:
    known_lower = {key.lower() for key in known}
    return [
        source.problem(
            f"{key.capitalize()}: nezināms lauks; gaidīts viens no: {', '.join(known)}"
            + suggestion(key, known),
            key,
        )
        for key in source.meta_lines
        if key not in known_lower
    ]


def required(source: SourceFile, key: str, value: str, what: str) -> list[ContentProblem]:
    if value:
        return []
    message = f"trūkst lauka {key} ({what}); gaidīta rinda '{key}: …' faila galvā"
    for written in source.meta_lines:
        if suggestion(written, (key,)):
            message += f"; vai '{written.capitalize()}:' ir pārrakstīšanās?"
            return [source.problem(message, written)]
    return [source.problem(message)]


def choice(source: SourceFile, key: str, value: str, choices: tuple[str, ...], what: str):
    if value in choices:
        return []
    if not value:
        return required(source, key, value, what)
    return [
        source.problem(
            f"{key}: nezināms {what} '{value}'; gaidīts viens no: {', '.join(choices)}"
            + suggestion(value, choices),
            key,
        )
    ]


def anchor(source: SourceFile, key: str, value: str, what: str) -> list[ContentProblem]:
    if not value:
        return required(source, key, value, what)
    if ANCHOR.match(value):
        return []
    return [
        source.problem(
            f"{key}: '{value}' nav derīga adrese; gaidīti mazie latīņu burti un cipari, "
            "vārdi atdalīti ar defisi (piemēram, cenu-kalkulators)",
            key,
        )
    ]


class _Structure(HTMLParser):
    """Finds elements left open or closed out of order, and text with Markdown left in it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, str]] = []  # (tag, the start tag as written)
        self.unclosed: list[str] = []
        self.stray: list[str] = []
        self.literal: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in _VOID:
            self.open.append((tag, self.get_starttag_text() or f"<{tag}"))

    def handle_endtag(self, tag):
        if not any(name == tag for name, _ in self.open):
            self.stray.append(tag)
            return
        while self.open:
            name, written = self.open.pop()
            if name == tag:
                return
            if name not in _OPTIONAL_END:
                self.unclosed.append(written)

    def handle_data(self, data):
        if any(name in _CODE for name, _ in self.open):
            return
        for mark in _LITERAL_MARKS:
            at = data.find(mark)
            if at >= 0:
                self.literal.append(data[max(0, at - 20) : at + 22].strip())

    def finish(self) -> None:
        self.close()
        self.unclosed += [written for name, written in self.open if name not in _OPTIONAL_END]


def html_problems(source: SourceFile, html: str) -> list[ContentProblem]:
    """Elements the rendered Markdown leaves open, and ``**``/``__`` shown as text."""
    parser = _Structure()
    parser.feed(html)
    parser.finish()
    problems = []
    for written in parser.unclosed:
        tag = written[1:].split(None, 1)[0].rstrip(">/")
        problems.append(
            ContentProblem(
                source.path,
                source.line_of(written[: len(tag) + 1]),
                f"elements {written} nav aizvērts; gaidīts </{tag}> tajā pašā sadaļā",
            )
        )
    for tag in parser.stray:
        problems.append(
            ContentProblem(
                source.path,
                source.line_of(f"</{tag}"),
                f"</{tag}> bez atbilstoša <{tag}>; izdzēsiet to vai pievienojiet sākuma birku",
            )
        )
    for fragment in parser.literal:
        mark = next(m for m in _LITERAL_MARKS if m in fragment)
        words = fragment.split(mark, 1)[1].split()
        line = source.line_of(mark + words[0] if words else mark, source.text.find("\n\n"))
        problems.append(
            ContentProblem(
                source.path,
                line,
                f"lapā redzams '{mark}' („{fragment}”); treknrakstam vajag pāri: "
                f"{mark}teksts{mark}, bez atstarpes aiz atverošā un pirms aizverošā",
            )
        )
    return problems
