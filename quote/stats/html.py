"""The report as one self-contained HTML page: Latvian, its CSS inline, its charts inline SVG
(charts.py), no script and nothing fetched, readable from a 375 px phone to a desktop. Written
atomically: a partial file beside the target, then renamed over it."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from html import escape
from pathlib import Path

from quote.errors import ReportError
from quote.explain import unforeseen

from . import words
from .charts import Bar, bar_chart
from .figures import Figures, Funnel
from .labels import Labels
from .text import TOP

STYLE = """
:root { color-scheme: light; --ink: #1b1733; --muted: #4f4a66; --line: #e2ddf0; --soft: #f6f4fc;
  --accent: #5a2fd8; --accent-soft: #ece6ff; --pale: #b7a5f0; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--soft); color: var(--ink); line-height: 1.5;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
main { max-width: 56rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
header { margin-bottom: 1.5rem; }
h1 { font-size: clamp(1.5rem, 5vw, 2.1rem); line-height: 1.2; margin: 0 0 .4rem; }
h2 { font-size: 1.15rem; margin: 0 0 .9rem; }
p { margin: 0 0 .75rem; }
.period { color: var(--muted); margin: 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(9.5rem, 1fr)); gap: .75rem;
  margin: 0 0 1.25rem; padding: 0; list-style: none; }
.cards li { background: #fff; border: 1px solid var(--line); border-radius: 12px;
  padding: .8rem 1rem; }
.cards .big { display: block; font-size: 1.6rem; font-weight: 700; color: var(--accent); }
.cards .what { display: block; color: var(--muted); font-size: .9rem; line-height: 1.3; }
section { background: #fff; border: 1px solid var(--line); border-radius: 14px;
  padding: 1.1rem 1rem 1rem; margin: 0 0 1rem; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(19rem, 1fr)); gap: 1rem; }
.grid section { margin: 0; }
.chart { display: block; overflow: visible; font-size: 13px; }
.chart .label { fill: var(--ink); }
.chart .note { fill: var(--muted); }
.chart .track { fill: var(--soft); }
.chart .bar { fill: var(--accent); }
.chart .muted { fill: var(--pale); }
.chart .s1 { fill: #0b7a6b; }
.chart .s2 { fill: #a34a00; }
.chart .s3 { fill: #1f5fb0; }
.chart .num { fill: var(--ink); font-weight: 700; }
.chart .in { fill: #fff; }
.more, .empty, .small { color: var(--muted); font-size: .9rem; margin: .5rem 0 0; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; margin: 0 0 1rem; }
th, td { padding: .45rem .4rem; border-bottom: 1px solid var(--line); text-align: right;
  vertical-align: top; }
th:first-child, td:first-child { text-align: left; }
thead th { color: var(--muted); font-weight: 600; }
td span { display: block; color: var(--muted); font-size: .85rem; }
dl { margin: 0 0 1rem; }
dt { font-weight: 700; color: var(--accent); }
dd { margin: 0 0 .4rem; }
footer { color: var(--muted); font-size: .9rem; padding: 0 .25rem; }
@media (min-width: 40rem) { main { padding: 2.5rem 1.5rem 4rem; }
  section { padding: 1.4rem 1.5rem 1.25rem; } }
@media print { body { background: #fff; } main { max-width: none; padding: 0; }
  section, .cards li { break-inside: avoid; } }
"""


def page(figures: Figures, labels: Labels) -> str:
    """The whole page."""
    period = words.period(figures.period)
    body = [
        "<header>",
        f"<h1>{escape(words.TITLE)}</h1>",
        f'<p class="period">{escape(period)}</p>',
        "</header>",
    ]
    if figures.empty:
        body.append(f'<section><p class="empty">{escape(words.EMPTY)}</p></section>')
    else:
        body += _cards(figures.funnel)
        body += _funnel(figures)
        body += _ranked("services", figures.services, labels.service)
        body += _bands(figures)
        body.append('<div class="grid">')
        body += _ranked("pages", figures.pages, str)
        body += _ranked("languages", figures.languages, words.language)
        body += _ranked("referrers", figures.referrers, words.referrer)
        body.append("</div>")
        if len(figures.versions) >= 2:
            body += _versions(figures, labels)
        body.append(f"<footer><p>{escape(words.HIDDEN_NOTE)}</p>{_counted_note()}</footer>")
    return (
        '<!doctype html>\n<html lang="lv">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<link rel="icon" href="data:,">\n'  # no request for /favicon.ico either
        f"<title>{escape(words.TITLE)}: {escape(period)}</title>\n"
        f"<style>{STYLE}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(body)
        + "\n</main>\n</body>\n</html>\n"
    )


def write_page(path: Path, text: str) -> None:
    """Write the page at ``path`` whole or not at all; :class:`ReportError` when it cannot be."""
    partial = path.with_name(f".{path.name}.part")
    try:
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise ReportError(f"HTML pārskatu nevar ierakstīt: {unforeseen(exc)}.") from exc


def _cards(funnel: Funnel) -> list[str]:
    cards = [
        (words.count(funnel.visits), "apmeklējumi"),
        (words.count(funnel.estimated), "aprēķini"),
        (words.count(funnel.inquiries), "pieprasījumi"),
        (words.ratio(funnel.inquiries, funnel.visits), "no apmeklējuma līdz pieprasījumam"),
    ]
    items = "".join(
        f'<li><span class="big">{escape(value)}</span><span class="what">{escape(what)}</span></li>'
        for value, what in cards
    )
    return [f'<ul class="cards" aria-label="Galvenie skaitļi">{items}</ul>']


def _funnel(figures: Figures) -> list[str]:
    steps = figures.funnel.steps()
    top = steps[0][1] or max((n for _, n in steps), default=0)
    bars = []
    for index, (step, n) in enumerate(steps):
        shown = words.ratio(n, steps[index - 1][1]) if index else words.NOT_SHOWN
        note = f"{shown} no iepriekšējā" if shown != words.NOT_SHOWN else ""
        bars.append(
            Bar(
                words.STEP_LABELS[step],
                words.count(n),
                words.share(n, top),
                note,
                words.is_hidden(n),
            )
        )
    title = words.TITLES["funnel"]
    extra = words.shared_and_printed(figures.shares, figures.prints)
    return [
        '<section aria-labelledby="funnel-h">',
        f'<h2 id="funnel-h">{title}</h2>',
        bar_chart("funnel", title, bars),
        f'<p class="small">{escape(extra)}</p>',
        "</section>",
    ]


def _ranked(key: str, rows: Sequence[tuple[str, int]], name: Callable[[str], str]) -> list[str]:
    title = words.TITLES[key]
    parts = [f'<section aria-labelledby="{key}-h">', f'<h2 id="{key}-h">{escape(title)}</h2>']
    if not rows:
        parts += ['<p class="empty">Nav.</p>', "</section>"]
        return parts
    top = rows[0][1]
    bars = [
        Bar(name(value), words.count(n), words.share(n, top), muted=words.is_hidden(n))
        for value, n in rows[:TOP]
    ]
    parts.append(bar_chart(key, title, bars))
    rest = rows[TOP:]
    if rest:
        total = words.count(sum(n for _, n in rest))
        parts.append(f'<p class="more">… un vēl {len(rest)} (kopā {escape(total)})</p>')
    parts.append("</section>")
    return parts


def _bands(figures: Figures) -> list[str]:
    title = words.TITLES["bands"]
    top = max((n for _, n in figures.bands), default=0)
    bars = [
        Bar(words.band(bound), words.count(n), words.share(n, top), muted=words.is_hidden(n))
        for bound, n in figures.bands
    ]
    return [
        '<section aria-labelledby="bands-h">',
        f'<h2 id="bands-h">{escape(title)}</h2>',
        bar_chart("bands", title, bars),
        "</section>",
    ]


def _versions(figures: Figures, labels: Labels) -> list[str]:
    versions = figures.versions
    letters = [chr(ord("A") + index) for index in range(len(versions))]
    title = words.versions_title(len(versions))
    legend = "".join(
        f"<dt>{letter}</dt><dd>{escape(labels.version(version.version))} "
        f"({escape(words.days_between(version.first_day, version.last_day))})</dd>"
        for letter, version in zip(letters, versions, strict=True)
    )
    head = "".join(f'<th scope="col">{letter}</th>' for letter in letters)
    rows = []
    bars = []
    for index, (step, label) in enumerate(words.STEP_LABELS.items()):
        cells = []
        for column, (letter, version) in enumerate(zip(letters, versions, strict=True)):
            steps = version.funnel.steps()
            n = steps[index][1]
            shown = words.ratio(n, steps[index - 1][1]) if index else ""
            cells.append(f"<td>{escape(words.count(n))}<span>{escape(shown)}</span></td>")
            if index and step != "visits":
                previous = steps[index - 1][1]
                exact = shown != words.NOT_SHOWN
                share = n / previous if exact and previous else 0.0
                bars.append(Bar(f"{label} – {letter}", shown, share, series=column % 4))
        rows.append(f'<tr><th scope="row">{escape(label)}</th>{"".join(cells)}</tr>')
    chart_title = "Attiecība pret iepriekšējo soli katrā versijā"
    return [
        '<section aria-labelledby="versions-h">',
        f'<h2 id="versions-h">{escape(title)}</h2>',
        f"<dl>{legend}</dl>",
        f'<table><thead><tr><th scope="col">Solis</th>{head}</tr></thead>',
        f"<tbody>{''.join(rows)}</tbody></table>",
        f'<h3 class="small">{escape(chart_title)}</h3>',
        bar_chart("versions", chart_title, bars),
        "</section>",
    ]


def _counted_note() -> str:
    return (
        "<p>Skaitīts bez sīkdatnēm un bez apmeklētāja identifikatora: tikai dienas kopsummas "
        "(diena pēc UTC laika). Nav skaitīti roboti un pārlūki, kas lūdz neizsekot (DNT, GPC). "
        "Piedāvājumi ņemti no pieprasījumu datubāzes.</p>"
    )
