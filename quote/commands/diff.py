"""``quote diff [PATH]``: every price that differs from the last published build.

Compares the price list with ``output/data/pricing.json`` of the last ``make publish``: one line
per changed price, old → new, with and without VAT; new and removed prices too. Exit 0 with the
lines (or a line saying nothing changed, or that nothing was published yet: before the first
publish there is nothing to compare with, which is no mistake), 1 when the list is invalid.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from quote.pricing.catalog import to_catalog
from quote.pricing.changes import PUBLISHED_CATALOG, price_diff, published_catalog
from quote.pricing.model import load_price_list
from quote.pricing.problems import PricingError


@click.command("diff", short_help="cenas, kas atšķiras no pēdējās publicētās versijas")
@click.argument("path", default="pricing.yaml", metavar="FAILS")
def command(path: str) -> int:
    """Parāda katru cenu, kas atšķiras no pēdējās publicētās vietnes (make publish): vecā →
    jaunā, ar PVN un bez PVN."""
    try:
        price_list = load_price_list(path)
    except PricingError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print("Cenrādis nav derīgs; vispirms izlabojiet to (quote check).", file=sys.stderr)
        return 1
    project = Path(path).resolve().parent
    published = published_catalog(project)
    if published is None:
        print(
            f"Nav publicētas versijas ({PUBLISHED_CATALOG}); salīdzināt nav ar ko. "
            "Pēc make publish quote diff rādīs izmaiņas."
        )
        return 0
    lines = price_diff(published, to_catalog(price_list))
    if not lines:
        print("Cenas nav mainījušās kopš pēdējās publicēšanas.")
    for line in lines:
        print(line)
    return 0
