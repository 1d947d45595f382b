"""``quote nginx-errors FOLDER``: write the answers nginx gives itself on /api/ (413, 429).

The files come from the endpoint's own messages, catalogs and error page
(:mod:`quote.contact.nginx_errors`), so they are written where the endpoint is installed, by the
same code, each time it is installed or updated; nothing of them is kept in the repository.
deploy/nginx/quote-site.conf reads them from /srv/quote/site/var/nginx-errors/.
"""

from __future__ import annotations

from pathlib import Path

import click

from quote.contact import nginx_errors

DEFAULT_FOLDER = Path("var/nginx-errors")


@click.command(
    "nginx-errors", short_help="uzrakstīt nginx kļūdu atbildes (413, 429) no galapunkta tekstiem"
)
@click.argument(
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_FOLDER,
    metavar="MAPE",
)
def command(folder: Path) -> int:
    """Uzrakstīt atbildes, ko nginx dod pats (pārāk gara ziņa, pārāk daudz sūtījumu), mapē
    MAPE (noklusētā: var/nginx-errors). Tās ir tādas pašas kā galapunkta atbildes visās
    vietnes valodās; to dara izvietošana, pēc katras galapunkta atjaunošanas."""
    written = nginx_errors.write(folder)
    click.echo(f"Uzrakstīti {len(written)} faili mapē {folder}.")
    return 0
