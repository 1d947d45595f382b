"""Subcommands of the ``quote`` command; each module has ``register(subparsers)``."""
