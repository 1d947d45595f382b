"""The report in the terminal, in Latvian: the funnel with its ratios, what was estimated, the
price bands, pages, languages and referring hosts, and the funnel per price list version when
more than one was live in the period."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from . import words
from .figures import Figures, Funnel
from .labels import Labels

WIDTH = 100  # the longest line of a note
TOP = 10  # rows of a ranked list; the rest summed in one line


def report_lines(figures: Figures, labels: Labels) -> list[str]:
    lines = [f"{words.TITLE}: {words.period(figures.period)}", ""]
    if figures.empty:
        return [*lines, words.EMPTY]
    lines += funnel_lines(figures.funnel)
    lines.append(words.shared_and_printed(figures.shares, figures.prints))
    sections = [
        (words.TITLES["services"], figures.services, labels.service),
        (words.TITLES["pages"], figures.pages, str),
        (words.TITLES["languages"], figures.languages, words.language),
        (words.TITLES["referrers"], figures.referrers, words.referrer),
    ]
    title, rows, name = sections[0]
    lines += ["", *ranked_lines(title, rows, name)]
    lines += ["", f"{words.TITLES['bands']}:"]
    bands = [(words.band(bound), words.count(n)) for bound, n in figures.bands]
    lines += _columns(bands)
    for title, rows, name in sections[1:]:
        lines += ["", *ranked_lines(title, rows, name)]
    if len(figures.versions) >= 2:
        lines += ["", *version_lines(figures, labels)]
    lines += ["", *textwrap.wrap(words.HIDDEN_NOTE, WIDTH, break_on_hyphens=False)]
    return [line.rstrip() for line in lines]


def funnel_lines(funnel: Funnel) -> list[str]:
    steps = funnel.steps()
    rows = [(words.TITLES["funnel"], "skaits", "no iepriekšējā")]
    for index, (step, n) in enumerate(steps):
        shown = words.ratio(n, steps[index - 1][1]) if index else ""
        rows.append((words.STEP_LABELS[step], words.count(n), shown))
    width = max(len(row[0]) for row in rows)
    lines = [f"{rows[0][0]:<{width + 2}} {rows[0][1]:>7}  {rows[0][2]:>14}"]
    lines += [f"  {label:<{width}} {n:>7}  {ratio:>14}" for label, n, ratio in rows[1:]]
    lines.append(
        f"No apmeklējuma līdz pieprasījumam: {words.ratio(funnel.inquiries, funnel.visits)}; "
        f"līdz pieņemtam piedāvājumam: {words.ratio(funnel.accepted, funnel.visits)}."
    )
    return lines


def ranked_lines(title: str, rows: Sequence[tuple[str, int]], name) -> list[str]:
    lines = [f"{title}:"]
    if not rows:
        return [*lines, "  nav"]
    top = enumerate(rows[:TOP], start=1)
    shown = [(f"{place}. {name(value)}", words.count(n)) for place, (value, n) in top]
    lines += _columns(shown)
    rest = rows[TOP:]
    if rest:
        total = sum(n for _, n in rest)
        lines.append(f"  … un vēl {len(rest)} (kopā {words.count(total)})")
    return lines


def version_lines(figures: Figures, labels: Labels) -> list[str]:
    """The funnel of each price list version side by side, each named by a letter."""
    versions = figures.versions
    letters = [chr(ord("A") + index) for index in range(len(versions))]
    lines = [f"{words.versions_title(len(versions))}:"]
    for letter, version in zip(letters, versions, strict=True):
        lines.append(
            f"  {letter}: {labels.version(version.version)} "
            f"({words.days_between(version.first_day, version.last_day)})"
        )
    width = max(len(label) for label in words.STEP_LABELS.values())
    lines.append("  " + " " * width + "".join(f" {letter:>7}{'':9}" for letter in letters))
    for index, label in enumerate(words.STEP_LABELS.values()):
        cells = []
        for version in versions:
            steps = version.funnel.steps()
            n = steps[index][1]
            shown = words.ratio(n, steps[index - 1][1]) if index else ""
            cells.append(f" {words.count(n):>7} {shown:>8}")
        lines.append(f"  {label:<{width}}" + "".join(cells))
    return lines


def _columns(rows: Sequence[tuple[str, str]]) -> list[str]:
    width = max(len(label) for label, _ in rows)
    return [f"  {label:<{width}} {value:>7}" for label, value in rows]
