"""The `quote` command: every subcommand registered, every QuoteError one line and an exit code."""

from __future__ import annotations

import pkgutil
import sys
from pathlib import Path

import quote.commands
from quote.cli import cli, main
from quote.contact.store import Store
from tests.support import run_quote

BIN = Path(sys.executable).parent


def test_every_command_module_is_a_subcommand():
    modules = {
        info.name
        for info in pkgutil.iter_modules(quote.commands.__path__)
        if info.name not in ("common", "latvian")
    }
    registered = {
        command.callback.__module__.rpartition(".")[2] for command in cli.commands.values()
    }
    assert (
        modules
        == registered
        == {
            "check",
            "deploy",
            "diff",
            "history",
            "undo",
            "serve",
            "inquiries",
            "offer",
            "followup",
            "stats",
            "outbox",
            "nginx",
        }
    )


def test_the_installed_command_lists_them():
    result = run_quote("--help")  # the installed script, on this checkout's code
    assert result.returncode == 0
    for name in ("check", "diff", "history", "undo", "serve", "inquiries", "offer", "outbox"):
        assert f"\n  {name} " in result.stdout


def test_a_setting_error_is_one_line_and_exit_2(tmp_path, monkeypatch, capsys):
    Store(tmp_path / "db.sqlite3").migrate()
    monkeypatch.setenv("QUOTE_DB", str(tmp_path / "db.sqlite3"))
    monkeypatch.setenv("QUOTE_SMTP_PORT", "abc")
    assert main(["outbox", "flush"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "QUOTE_SMTP_PORT: expected a whole number from 1 to 65535, got 'abc'\n"


def test_something_missing_is_one_line_and_exit_1(tmp_path, capsys):
    missing = tmp_path / "nav.sqlite3"
    assert main(["inquiries", "list", "--db", str(missing)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"Datubāze nav atrasta: {missing} (iestatījums QUOTE_DB vai --db).\n"
    Store(missing).migrate()
    assert main(["inquiries", "show", "7", "--db", str(missing)]) == 1
    assert capsys.readouterr().err == "Pieprasījums Nr. 7 nav atrasts.\n"


def test_a_usage_mistake_exits_2(capsys):
    assert main(["inquiries", "nav-tādas"]) == 2
    assert "Nav tādas komandas: 'nav-tādas'." in capsys.readouterr().err
