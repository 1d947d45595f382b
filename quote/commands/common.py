"""What the ``quote`` commands share: running one with its exit code, the store, option types."""

from __future__ import annotations

import sqlite3
import traceback
from datetime import date
from pathlib import Path

import click

from quote.contact.config import MailSettings, StoreSettings
from quote.contact.store import Store
from quote.errors import ConfigError, DamagedStoreError, NotFoundError, QuoteError, StoreError
from quote.explain import shown, unforeseen, write_log
from quote.private import tighten

# Set by ``quote --debug``: an unforeseen error shows its traceback instead of a log file's name.
DEBUG = {"on": False}


def show_tracebacks(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """The ``--debug`` option's callback."""
    DEBUG["on"] = DEBUG["on"] or value


def run_command(command: click.Command, argv: list[str] | None, *, prog_name: str) -> int:
    """Run a click command and return its exit code (what it returned, or 0).

    A :class:`~quote.errors.QuoteError` becomes its message on stderr (one line per problem)
    and its ``exit_code``; a usage mistake is click's message and 2. Anything else is a bug: the
    owner reads two Latvian lines and its traceback goes to ``var/log/last-error.log`` (or, with
    ``--debug``, to stderr); exit 1.
    """
    DEBUG["on"] = False
    try:
        code = command.main(args=argv, prog_name=prog_name, standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.Abort:
        click.echo("Pārtraukts.", err=True)
        return 1
    except QuoteError as exc:
        click.echo(str(exc), err=True)
        return exc.exit_code
    except Exception as exc:
        if DEBUG["on"]:
            raise
        log = write_log(traceback.format_exc())
        log = shown(log) if log else None
        click.echo(f"{prog_name}: negaidīta kļūda ({unforeseen(exc)}).", err=True)
        where = f"ierakstīts failā {log}" if log else "parādīs"
        click.echo(
            f"Pilns kļūdas apraksts {where} (quote --debug …); nosūtiet to izstrādātājam.",
            err=True,
        )
        return 1
    return code or 0


class Positive(click.ParamType):
    """A whole number from 1 up, refused in Latvian."""

    name = "N"

    def convert(self, value, param, ctx) -> int:
        if isinstance(value, int):
            number = value
        else:
            try:
                number = int(value)
            except ValueError:
                self.fail(f"jābūt veselam skaitlim: {value!r}", param, ctx)
        if number < 1:
            self.fail(f"jābūt vismaz 1: {value!r}", param, ctx)
        return number


POSITIVE = Positive()


class Day(click.ParamType):
    """A calendar day written ``GGGG-MM-DD``, refused in Latvian."""

    name = "GGGG-MM-DD"

    def convert(self, value, param, ctx) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.fail(f"jābūt datumam GGGG-MM-DD, piemēram 2026-05-04: {value!r}", param, ctx)


DAY = Day()


def today_option(*, hidden: bool):
    """``--today GGGG-MM-DD``: the day a status or a report is worked out for (default: today in
    Riga); an offer expires by it."""
    return click.option(
        "--today",
        type=DAY,
        default=None,
        metavar="GGGG-MM-DD",
        hidden=hidden,
        help="diena, kurai sastādīt sarakstu (pēc noklusējuma šodiena)",
    )


# ``--db PATH`` of the commands on the inquiry store; without it, ``QUOTE_DB``.
DB_OPTION = click.option(
    "--db",
    type=click.Path(path_type=Path),
    default=None,
    metavar="FAILS",
    help="datubāzes fails (pēc noklusējuma QUOTE_DB vai var/inquiries.sqlite3)",
)


def store_of_option(db: Path | None) -> tuple[StoreSettings, Store]:
    """The store settings with ``--db`` over ``QUOTE_DB``, and the store they name, opened."""
    settings = StoreSettings.from_env(**({"db": db} if db is not None else {}))
    return settings, open_store(settings.db, "QUOTE_DB vai --db")


def open_store(path: Path, where: str) -> Store:
    """The store at ``path``, migrated; ``where`` says which setting names it (for the owner)."""
    if not path.exists():
        raise NotFoundError(f"Datubāze nav atrasta: {path} (iestatījums {where}).")
    tighten(path, _mail_dir())  # personal data: owner-only, whatever an older version left
    store = Store(path)
    try:
        store.migrate()
        store.check()  # a damaged database stops the command here, before it reports anything
    except (DamagedStoreError, sqlite3.Error) as exc:
        raise StoreError(unreadable_store(path, where)) from exc
    except StoreError as exc:
        raise StoreError(f"Datubāzi nevar izmantot: {exc}") from exc
    return store


def unreadable_store(path: Path, where: str) -> str:
    """Why the store at ``path`` cannot be read, and what to do, in two lines."""
    if path.is_dir():
        what = f"Datubāzes vietā ir mape: {path}."
    else:
        what = f"Datubāzi {path} nevar nolasīt: tā ir bojāta vai nav pieprasījumu datubāze."
    return (
        f"{what}\nPārbaudiet datubāzes ceļu ({where}) vai atjaunojiet failu no rezerves kopijas; "
        "bojāto failu nedzēsiet, kamēr tajā var būt pieprasījumi."
    )


def _mail_dir() -> Path | None:
    """The folder of .eml copies, when the mail settings can be read (a command on the store
    alone does not stop at a mistake in them; the commands that send mail do)."""
    try:
        return MailSettings.from_env().mail_dir
    except ConfigError:
        return None


def server_options(*, port: int):
    """``--host``, ``--port`` (0 picks a free one) and ``--threads``, as both servers take them."""

    def decorate(function):
        function = click.option(
            "--threads", type=int, default=8, help="servera pavedienu skaits (8)"
        )(function)
        function = click.option(
            "--port", type=int, default=port, help=f"ports ({port}; ar 0 tiek izvēlēts brīvs ports)"
        )(function)
        return click.option("--host", default="127.0.0.1", help="adrese (127.0.0.1)")(function)

    return decorate
