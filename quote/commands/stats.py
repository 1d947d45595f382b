"""``quote stats [--days N | --from GGGG-MM-DD --to GGGG-MM-DD] [--html FAILS] [--db FAILS]``:
the owner's report of the cookie-free counts (quote/stats/), for the last 30 days (Riga time) by
default. ``--to`` alone ends the ``--days`` days on that day; ``--from`` alone runs to today."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from quote.commands.common import DAY, DB_OPTION, POSITIVE, store_of_option, today_option
from quote.offers.status import owner_today
from quote.stats import html, text
from quote.stats.figures import Period, read_figures
from quote.stats.labels import labels_of

DEFAULT_DAYS = 30


@click.command("stats", short_help="apmeklējumi, aprēķini un pieprasījumi: pārskats ar attiecībām")
@click.option(
    "--days",
    "days",
    type=POSITIVE,
    default=None,
    metavar="DIENAS",
    help=f"pēdējās DIENAS dienas, ieskaitot šodienu ({DEFAULT_DAYS})",
)
@click.option(
    "--from", "start", type=DAY, default=None, metavar="GGGG-MM-DD", help="pirmā perioda diena"
)
@click.option(
    "--to", "end", type=DAY, default=None, metavar="GGGG-MM-DD", help="pēdējā perioda diena"
)
@click.option(
    "--html",
    "html_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    metavar="FAILS",
    help="ierakstīt pārskatu arī HTML lapā ar diagrammām",
)
@today_option(hidden=True)
@DB_OPTION
def command(
    days: int | None,
    start: date | None,
    end: date | None,
    html_path: Path | None,
    today: date | None,
    db: Path | None,
) -> int:
    """Pārskats par periodu (pēc noklusējuma pēdējās 30 dienas): ceļš no apmeklējuma līdz
    pieņemtam piedāvājumam ar attiecību katrā solī, biežāk aprēķinātie pakalpojumi un līmeņi,
    cenu diapazoni, lapas, valodas un atsauces vietnes; ja periodā bija spēkā vairākas cenrāža
    versijas, to salīdzinājums. Skaitļi, kas mazāki par 5, parādīti kā „<5”."""
    period = _period(days, start, end, today or owner_today())
    settings, store = store_of_option(db)
    figures = read_figures(store, period)
    labels = labels_of(store, settings.pricing, [v.version for v in figures.versions])
    if html_path is not None:  # first: a file that cannot be written stops before the report
        html.write_page(html_path, html.page(figures, labels))
    click.echo("\n".join(text.report_lines(figures, labels)))
    if html_path is not None:
        click.echo(f"\nHTML pārskats ierakstīts: {html_path}")
    return 0


def _period(days: int | None, start: date | None, end: date | None, today: date) -> Period:
    if start is not None and days is not None:
        raise click.UsageError("Norādiet vai nu --days, vai --from (ar --to vai bez), ne abus.")
    if start is not None:
        period = Period(start, end or today)
    else:
        period = Period.last(days or DEFAULT_DAYS, end or today)
    if period.start > period.end:
        raise click.UsageError(
            f"Perioda sākums {period.start:%Y-%m-%d} ir pēc tā beigām {period.end:%Y-%m-%d}."
        )
    return period
