"""``quote undo [N] [--yes]``: put a built version of the price list back, and rebuild.

Shows what would change in the prices (the words of ``quote diff``), asks (``--yes`` does not),
keeps the current file as a new version (so an undo can be undone with another ``quote undo``),
restores version N of ``quote history`` (without N, the newest that differs from the current)
and rebuilds the development site (``preview/``, as ``make build``). Exit 0 when restored and
built, 1 when there is nothing to restore, the owner said no, or the build failed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from quote.commands.common import POSITIVE
from quote.errors import NotFoundError
from quote.pricing import history

YES = ("j", "jā", "ja", "y", "yes")
NO = ("", "n", "nē", "ne", "no")


@click.command("undo", short_help="atjaunot iepriekšējo cenrāža versiju un pārbūvēt vietni")
@click.argument("number", type=POSITIVE, required=False, metavar="[N]")
@click.option("--yes", "assume_yes", is_flag=True, help="nejautāt apstiprinājumu")
@click.option(
    "--project",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path.cwd,
    help="mape ar pricing.yaml un pelicanconf.py (pēc noklusējuma pašreizējā mape)",
)
def command(number: int | None, assume_yes: bool, project: Path) -> int:
    """Atjauno cenrāža versiju N no quote history (bez N – jaunāko, kas atšķiras no
    pašreizējā pricing.yaml) un pārbūvē vietni. Pašreizējais fails tiek saglabāts kā jauna
    versija, tāpēc arī atjaunošanu var atsaukt ar quote undo."""
    from quote.site import builds

    pricing = project / "pricing.yaml"
    version = history.choose(pricing, number)
    if version is None:
        if not history.versions(pricing):
            raise NotFoundError(history.NONE_KEPT.format(name=pricing.name))
        if number is not None:
            raise NotFoundError(f"Versijas Nr. {number} nav; visas versijas: quote history.")
        raise NotFoundError(
            "Nav versijas, ko atjaunot: pricing.yaml ir tāds pats kā visas saglabātās versijas."
        )
    current = history.catalog_of(pricing)
    click.echo(
        f"Atjaunos {version.number}. versiju ({version.saved:%Y-%m-%d %H:%M:%S}, versija "
        f"{version.version}). Izmaiņas cenās (pašreizējā → atjaunotā):"
    )
    lines = history.differences(current, version)
    for line in lines or ["(cenas neatšķiras; atšķiras tikai teksti)"]:
        click.echo(f"   {line}")
    if not assume_yes and not confirmed("Atjaunot šo versiju? (jā/nē)"):
        click.echo("Nekas netika mainīts.")
        return 1
    kept = history.restore(pricing, version)
    click.echo(f"pricing.yaml atjaunots; iepriekšējais saglabāts kā {kept.name} (quote history).")
    result = builds.build_and_swap(project, project / "preview", "pelicanconf.py")
    if not result.ok:
        sys.stderr.write(result.stdout + result.stderr)
        click.echo("Vietne netika pārbūvēta; izlabojiet kļūdas augstāk.", err=True)
        return 1
    click.echo("Vietne pārbūvēta (preview/). Lai to publicētu: make publish.")
    return 0


def confirmed(question: str) -> bool:
    """The owner's yes (jā) or no (nē, or just Enter), asked again until it is one of them."""
    while True:
        answer = click.prompt(question, default="nē", show_default=False).strip().lower()
        if answer in YES:
            return True
        if answer in NO:
            return False
        click.echo("Atbildiet ar jā vai nē.")
