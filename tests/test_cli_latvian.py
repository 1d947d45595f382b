"""`quote` speaks Latvian, click's own words included, and the owner's make targets say in
Latvian what failed (issue 24: "quote serve --help", click's "Show this message and exit" and
"No such command", make's "*** Error 2" were English)."""

from __future__ import annotations

import re
import string
from pathlib import Path

import click
import pytest
from babel.messages.extract import extract_from_dir

from quote.commands import latvian
from quote.i18n import read_catalog
from tests.support import copy_fixture_project, run_make, run_quote

# click's English, as it reads in help and usage errors.
CLICK_ENGLISH = (
    "Usage:",
    "Options:",
    "Commands:",
    "Show this message and exit",
    "Error:",
    "No such command",
    "No such option",
    "Missing argument",
    "Try '",
    "for help",
    "[OPTIONS]",
    "COMMAND [ARGS]",
    "INTEGER",
    "TEXT",
    "PATH",
    "is not a valid",
    "Invalid value",
)
# English words no Latvian sentence has (option names, which are commands, are left out first).
ENGLISH_WORDS = re.compile(
    r"\b(the|and|of|with|default|when|from|for|is|an|this|that|folder|file|picks|serve the)\b", re.I
)
OPTION_NAMES = re.compile(r"--?[a-z][a-z-]*")


def english_in(text: str) -> list[str]:
    found = [phrase for phrase in CLICK_ENGLISH if phrase in text]
    found += ENGLISH_WORDS.findall(OPTION_NAMES.sub(" ", text))
    return found


def click_messages() -> dict[str | tuple[str, str], int]:
    """Every message the installed click translates, as babel extracts it from its source."""
    folder = Path(click.__file__).parent
    keywords = {"_": None, "ngettext": (1, 2)}
    return {
        message: lineno
        for _file, lineno, message, _comments, _context in extract_from_dir(
            str(folder), keywords=keywords
        )
    }


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_catalog_has_every_message_of_the_installed_click():
    catalog = read_catalog(latvian.CATALOG, "lv")
    missing, empty = [], []
    for message in click_messages():
        msgid = message if isinstance(message, str) else message[0]
        entry = catalog.get(msgid)
        if entry is None:
            missing.append(msgid)
            continue
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if not all(strings) or len(strings) != (3 if entry.pluralizable else 1):
            empty.append(msgid)
    assert (missing, empty) == ([], [])


def test_a_translation_uses_no_placeholder_click_does_not_fill():
    catalog = read_catalog(latvian.CATALOG, "lv")
    wrong = []
    for entry in catalog:
        if not entry.id:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        filled = set().union(*(placeholders(text) for text in ids))
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        for text in strings:
            if "%(" not in text and not placeholders(text) <= filled:
                wrong.append((ids[0], text))
    assert wrong == []


@pytest.mark.parametrize(
    ("args", "code", "latvian_words"),
    [
        (["--help"], 0, ["Lietojums: quote [OPCIJAS] KOMANDA", "Parādīt šo palīdzību un beigt."]),
        (["x"], 2, ["Kļūda: Nav tādas komandas: 'x'.", "Palīdzību skatiet ar 'quote --help'."]),
        (["serve", "--help"], 0, ["Lietojums: quote serve [OPCIJAS]", "--port SKAITLIS"]),
        (["inquiries", "show"], 2, ["Kļūda: Trūkst argumenta 'ID'."]),
        (["serve", "--port", "abc"], 2, ["Nederīga '--port' vērtība: 'abc' nav derīgs skaitlis."]),
        (["check", "--nav"], 2, ["Kļūda: Nav tādas opcijas: '--nav'."]),
    ],
)
def test_help_and_usage_errors_are_latvian(args, code, latvian_words):
    result = run_quote(*args)
    said = result.stdout + result.stderr
    assert result.returncode == code, said
    assert english_in(said) == []
    for words in latvian_words:
        assert words in said


def walk(command: click.Command, path: list[str]):
    yield path
    if isinstance(command, click.Group):
        for name, subcommand in command.commands.items():
            yield from walk(subcommand, [*path, name])


def test_every_subcommand_s_help_is_latvian(capsys):
    from quote.cli import cli, main

    english = {}
    for path in walk(cli, []):
        assert main([*path, "--help"]) == 0
        found = english_in(capsys.readouterr().out)
        if found:
            english[" ".join(path)] = found
    assert english == {}


def test_a_failed_make_build_ends_with_a_latvian_line(tmp_path):
    project = copy_fixture_project(tmp_path)
    pricing = project / "pricing.yaml"
    pricing.write_text(pricing.read_text(encoding="utf-8") + "services: [\n", encoding="utf-8")
    result = run_make("build", project)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    # make's own "make: *** […] Error 1" comes last; the line before it is ours.
    assert lines[-2].startswith("make build: vietne netika uzbūvēta. Izlabojiet kļūdas")
    assert not (project / "preview").exists()
