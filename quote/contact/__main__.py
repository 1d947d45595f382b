"""Run the contact endpoint alone: ``python -m quote.contact [--host H] [--port P] [--threads N]``.

Production runs it this way behind nginx (``quote serve`` serves it together with the site for the
owner; both go through :func:`quote.site.server.serve_endpoint`). Settings come from the environment
(see :mod:`quote.contact.config`); the listening address is also accepted as the site's origin.
``--port 0`` picks a free port. The first line printed is ``listening on http://HOST:PORT``.
A bad setting stops it at start: one line on stderr, exit 2.
"""

from __future__ import annotations

import logging
import sys

import click

from quote.commands.common import run_command, server_options


@click.command()
@server_options(port=8001)
def endpoint(host: str, port: int, threads: int) -> int:
    """The contact endpoint and its notification worker, served by waitress."""
    from quote.site.server import serve_endpoint

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    serve_endpoint(host, port, threads=threads)
    return 0


def main(argv: list[str] | None = None) -> int:
    return run_command(endpoint, argv, prog_name="python -m quote.contact")


if __name__ == "__main__":
    sys.exit(main())
