"""``quote deploy LIETOTĀJS@SERVERIS``: put the published site and the contact endpoint on a
Debian server over SSH (``make deploy SERVER=…`` publishes first, then runs this).

Exit 0 with the Latvian summary of what is live; exit 1 with the step that failed (the running
site and endpoint are left as they were); exit 2 for a wrong argument or setting. The steps are
in :mod:`quote.site.deploy`; the owner's page is docs/deploy.md.
"""

from __future__ import annotations

from pathlib import Path

import click

from quote.site.deploy import deploy
from quote.site.deploy.target import Target


@click.command("deploy", short_help="izvietot vietni serverī")
@click.argument("server", metavar="LIETOTĀJS@SERVERIS")
@click.option("--port", "ssh_port", type=int, default=None, help="SSH ports (22)")
@click.option("--domain", default=None, help="vietnes domēns, piemēram, www.jusu-vietne.lv")
@click.option(
    "--project",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=Path("."),
    help="vietnes mape ar output/ un deploy/contact.env (pašreizējā)",
)
@click.option(
    "--ssh-config",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="SSH konfigurācijas fails (ssh -F)",
)
@click.option("--http-port", type=int, default=None, help="ports, kurā klausās nginx (80)")
@click.option(
    "--endpoint-socket",
    default=None,
    help="galapunkta Unix ligzda serverī (/run/quote/contact.sock)",
)
def command(
    server: str,
    ssh_port: int | None,
    domain: str | None,
    project: Path,
    ssh_config: Path | None,
    http_port: int | None,
    endpoint_socket: str | None,
) -> int:
    """Izvietot publicēto vietni un saziņas formu Debian serverī caur SSH.

    Pirmajā reizē uzstāda visu vajadzīgo; pēc tam atjaunina tikai to, kas mainījies.
    """
    target = Target.parse(
        server,
        domain=domain,
        ssh_port=ssh_port,
        ssh_config=ssh_config.resolve() if ssh_config else None,
        http_port=http_port,
        endpoint_socket=endpoint_socket,
    )
    deploy(project.resolve(), target, say=lambda line: click.echo(line))
    return 0
