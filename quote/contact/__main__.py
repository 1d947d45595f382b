"""Run the contact endpoint alone: ``python -m quote.contact [--socket PATH | --host H --port P]``.

Production runs it this way behind nginx, on the Unix socket ``--socket`` (or ``QUOTE_SOCKET``)
names, reachable by nginx alone and on no TCP port (deploy/quote-contact.service); ``quote serve``
serves it together with the site for the owner; both go through
:func:`quote.site.server.serve_endpoint`. Settings come from the environment (see
:mod:`quote.contact.config`); a TCP listening address is also accepted as the site's origin.
``--port 0`` picks a free port. The first line printed is ``listening on http://HOST:PORT`` (or
``listening on unix:PATH``). A bad setting stops it at start: one line on stderr, exit 2.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from quote.commands.common import run_command, server_options


@click.command()
@server_options(port=8001)
@click.option(
    "--socket",
    "unix_socket",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Unix ligzda, kurā klausīties TCP porta vietā (QUOTE_SOCKET)",
)
def endpoint(host: str, port: int, threads: int, unix_socket: Path | None) -> int:
    """The contact endpoint and its notification worker, served by waitress."""
    from quote.contact.config import ListenSettings
    from quote.site.server import serve_endpoint

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    unix_socket = unix_socket or ListenSettings.from_env().socket
    serve_endpoint(host, port, unix_socket=unix_socket, threads=threads)
    return 0


def main(argv: list[str] | None = None) -> int:
    return run_command(endpoint, argv, prog_name="python -m quote.contact")


if __name__ == "__main__":
    sys.exit(main())
