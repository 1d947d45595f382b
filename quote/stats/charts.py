"""Horizontal bar charts as inline SVG, drawn when the report is written: no script, no font,
no request. A chart is one ``<svg role="img">`` named by its ``<title>``, with every bar's
label and number in its ``<desc>`` too, so a screen reader reads the figures the bars show.

The chart has no viewBox: its text is sized in CSS pixels and stays readable at any width,
while the bars are drawn in percentages of the chart's width (a phone's 375 px or a desktop's
page). Each row is its label (on two lines when long, cut with "…" past them; the whole label
in the row's ``<title>``), then the bar with its number at its end: inside a long bar, after a
short one.
"""

from __future__ import annotations

import dataclasses
import textwrap
from collections.abc import Sequence
from html import escape

ROW = 46  # px per row: a label line and a bar
LINE = 17  # px per further label line
BAR = 16  # the bar's height
LABEL_CHARS = 42  # the longest label line; it fits a 375 px phone at 13 px
LABEL_LINES = 2
INSIDE = 0.62  # a bar longer than this share of the width has its number inside


@dataclasses.dataclass(frozen=True)
class Bar:
    label: str
    value: str  # the number as shown: ``1 234``, ``<5``
    share: float  # the bar's length, 0 to 1 of the chart's width
    note: str = ""  # shown at the label line's end (``37,5 % no iepriekšējā``)
    muted: bool = False  # a count shown as <5: drawn paler, its length not exact
    series: int = 0  # which of the compared series (price list versions) it belongs to: a colour


def bar_chart(chart_id: str, title: str, bars: Sequence[Bar]) -> str:
    """The chart of ``bars``; ``chart_id`` makes its ids unique in the page."""
    described = "; ".join(
        f"{bar.label}: {bar.value}" + (f" ({bar.note})" if bar.note else "") for bar in bars
    )
    rows, top = [], 0
    for bar in bars:
        lines = _label_lines(bar.label)
        rows.append(_row(bar, lines, top))
        top += ROW + LINE * (len(lines) - 1)
    parts = [
        f'<svg class="chart" width="100%" height="{top}" role="img" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(described)}.</desc>',
        *rows,
    ]
    parts.append("</svg>")
    return "".join(parts)


def _label_lines(label: str) -> list[str]:
    lines = textwrap.wrap(label, LABEL_CHARS, break_on_hyphens=False) or [""]
    if len(lines) > LABEL_LINES:
        rest = " ".join(lines[LABEL_LINES - 1 :])
        lines = [*lines[: LABEL_LINES - 1], rest[: LABEL_CHARS - 1] + "…"]
    return lines


def _row(bar: Bar, lines: list[str], top: int) -> str:
    label = "".join(
        f'<tspan x="0" dy="{LINE if index else 0}">{escape(line)}</tspan>'
        for index, line in enumerate(lines)
    )
    bar_top = top + 21 + LINE * (len(lines) - 1)
    share = max(0.0, min(bar.share, 1.0))
    width = f"{share * 100:.2f}%"
    kind = "bar muted" if bar.muted else f"bar s{bar.series}" if bar.series else "bar"
    if share >= INSIDE:
        number = (
            f'<text class="num in" x="{width}" dx="-8" y="{bar_top + 12}" '
            f'text-anchor="end">{escape(bar.value)}</text>'
        )
    else:
        number = (
            f'<text class="num" x="{width}" dx="8" y="{bar_top + 12}">{escape(bar.value)}</text>'
        )
    note = (
        f'<text class="note" x="100%" y="{top + 15}" text-anchor="end">{escape(bar.note)}</text>'
        if bar.note
        else ""
    )
    return (
        f"<g><title>{escape(bar.label)}: {escape(bar.value)}</title>"
        f'<text class="label" x="0" y="{top + 15}">{label}</text>{note}'
        f'<rect class="track" x="0" y="{bar_top}" width="100%" height="{BAR}" rx="4"/>'
        f'<rect class="{kind}" x="0" y="{bar_top}" width="{width}" height="{BAR}" rx="4"/>'
        f"{number}</g>"
    )
