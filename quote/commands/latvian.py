"""click's own words in Latvian: usage, help headings, usage errors.

click writes its messages through the GNU gettext functions each of its modules imports
(``from gettext import gettext as _``, ``ngettext``), which pick a compiled ``.mo`` file on disk
by the environment's locale. The owner's machine may well run in English or in ``C``, and
nothing compiled is committed here, so the catalog beside this module (``click.lv.po``) is
compiled in memory and bound to the names click calls. It has to happen before the commands are
defined: click fixes some words when a parameter is made (a path's name, hence its metavar).

The metavars click derives from English type names (``INTEGER``, ``TEXT``) and the usage's
``[OPTIONS]`` and ``COMMAND [ARGS]...`` are attributes, not messages: :func:`latvian_usage` sets
them on a command tree.
"""

from __future__ import annotations

import gettext
import sys
from functools import cache
from pathlib import Path

import click

from quote.i18n import compile_catalog, read_catalog

CATALOG = Path(__file__).with_name("click.lv.po")
OPTIONS_METAVAR = "[OPCIJAS]"
SUBCOMMAND_METAVAR = "KOMANDA [ARGUMENTI]..."
# Type names click turns into metavars; a parameter with its own metavar keeps it.
TYPE_METAVARS = {click.INT: "SKAITLIS", click.FLOAT: "SKAITLIS", click.STRING: "TEKSTS"}


@cache
def translations() -> gettext.GNUTranslations:
    """click's messages in Latvian, compiled from :data:`CATALOG`."""
    return compile_catalog(read_catalog(CATALOG, "lv"))


def use_latvian() -> None:
    """Make every loaded click module speak Latvian (again: it is idempotent)."""
    catalog = translations()
    for name, module in list(sys.modules.items()):
        if name != "click" and not name.startswith("click."):
            continue
        if getattr(module, "_", None) in (gettext.gettext, catalog.gettext):
            module._ = catalog.gettext
        if getattr(module, "ngettext", None) in (gettext.ngettext, catalog.ngettext):
            module.ngettext = catalog.ngettext


def latvian_usage(command: click.Command) -> None:
    """Latvian metavars in ``command``'s usage lines and those of every subcommand."""
    command.options_metavar = OPTIONS_METAVAR
    for param in command.params:
        flag = getattr(param, "is_flag", False)
        if param.metavar is None and param.type in TYPE_METAVARS and not flag:
            param.metavar = TYPE_METAVARS[param.type]
    if isinstance(command, click.Group):
        command.subcommand_metavar = SUBCOMMAND_METAVAR
        for subcommand in command.commands.values():
            latvian_usage(subcommand)
