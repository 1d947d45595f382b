"""``quote history [PATH]``: the built versions of the price list, each with what restoring it
would change in the prices (the words of ``quote diff``), newest first. Exit 0; 1 when none is
kept yet."""

from __future__ import annotations

from pathlib import Path

import click

from quote.errors import NotFoundError
from quote.pricing import history


@click.command("history", short_help="cenrāža versijas, kas būvētas, un to atšķirības cenās")
@click.argument("path", default="pricing.yaml", metavar="FAILS")
def command(path: str) -> int:
    """Parāda cenrāža (FAILS, pēc noklusējuma pricing.yaml) versijas, kas ir būvētas, jaunāko
    pirmo, un katrai – kuras cenas mainītos, ja to atjaunotu (pašreizējā → tās versijas)."""
    pricing = Path(path)
    kept = history.versions(pricing)
    if not kept:
        raise NotFoundError(history.NONE_KEPT.format(name=pricing.name))
    current = history.catalog_of(pricing)
    for version in kept:
        lines = history.differences(current, version)
        same = current is not None and version.version == current["version"]
        status = " – tāda pati kā pašreizējā" if same else ""
        saved = f"{version.saved:%Y-%m-%d %H:%M:%S}"
        click.echo(f"{version.number}. {saved}, versija {version.version}{status}")
        if not same:
            for line in lines or ["(cenas neatšķiras; atšķiras tikai teksti)"]:
                click.echo(f"   {line}")
    click.echo(
        "\nAtjaunot kādu no tām: quote undo N (bez N – jaunāko, kas atšķiras no pašreizējās)."
    )
    return 0
