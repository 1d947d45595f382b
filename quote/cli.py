"""The ``quote`` command: one entry point, one module per subcommand in ``quote.commands``."""

from __future__ import annotations

import argparse
import importlib
import sys

from quote.errors import QuoteError

# Modules under quote.commands, in the order --help lists them.
COMMANDS = ("check", "serve", "inquiries", "outbox")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quote", description="Price list, site server and inquiries."
    )
    subparsers = parser.add_subparsers(dest="command", required=True)
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"quote.commands.{name}")
        except ModuleNotFoundError as exc:
            # A subcommand still being written must not break the others.
            if exc.name != f"quote.commands.{name}":
                raise
            continue
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except QuoteError as exc:
        print(f"quote: {exc}", file=sys.stderr)
        return exc.exit_code


if __name__ == "__main__":
    sys.exit(main())
