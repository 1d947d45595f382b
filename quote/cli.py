"""The ``quote`` command: the owner's tools, one click command per module in ``quote.commands``.

Exit codes (also in docs/guide/kludas.md, "Nepareiza komanda"):

- 0: done;
- 1: the command ran and found a problem: an invalid price list, a missing or unusable
  database, an inquiry not found, a notification that failed to send;
- 2: a wrong argument or an invalid ``QUOTE_*`` setting.

Every :class:`~quote.errors.QuoteError` that reaches here is printed as one line on stderr and
exits with its ``exit_code``; anything else is a bug: two Latvian lines, exit 1, and its
traceback in ``var/log/last-error.log`` (on stderr with ``quote --debug``).
"""

from __future__ import annotations

import sys

import click

from quote.commands import (
    check,
    deploy,
    diff,
    followup,
    history,
    inquiries,
    nginx,
    offer,
    outbox,
    serve,
    stats,
    undo,
)
from quote.commands.common import run_command, show_tracebacks
from quote.commands.latvian import latvian_usage

# In the order --help lists them. An import error above stops the command: none is left out.
COMMANDS = (
    check.command,
    diff.command,
    history.command,
    undo.command,
    serve.command,
    inquiries.command,
    offer.command,
    followup.command,
    stats.command,
    outbox.command,
    nginx.command,
    deploy.command,
)


@click.group(
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Cenrādis, vietnes serveris un pieprasījumi.",
)
@click.option(
    "--debug",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=show_tracebacks,
    help="negaidītas kļūdas gadījumā parādīt pilnu Python kļūdas aprakstu",
)
def cli() -> None:
    pass


for _command in COMMANDS:
    cli.add_command(_command)
latvian_usage(cli)


def main(argv: list[str] | None = None) -> int:
    """Run ``quote`` with ``argv`` (default: the process's); return the exit code."""
    return run_command(cli, argv, prog_name="quote")


if __name__ == "__main__":
    sys.exit(main())
