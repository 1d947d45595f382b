"""The owner's guide in Latvian, docs/guide/ (issue 24): every page reachable from its index,
every link in the docs leading somewhere real, every command it shows one the tools have, and
its prose Latvian. The owner's own copy and prices are not read."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest

from tests.support import ROOT

GUIDE = ROOT / "docs" / "guide"
INDEX = GUIDE / "README.md"

FENCE = re.compile(r"^\s*```")
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
INLINE_CODE = re.compile(r"`[^`]*`")
COMMENT = re.compile(r"<!--.*?-->", re.S)
URL = re.compile(r"\b(?:https?|mailto):\S+")
# A letter of Latvian that English lacks, a short word every Latvian sentence has, or an ending.
LATVIAN_LETTER = re.compile(r"[āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ]")
LATVIAN_WORDS = {
    "un", "ir", "vai", "ar", "ja", "lai", "uz", "no", "par", "tad", "to", "tas", "ko", "kas",
    "bet", "jo", "nav", "ne", "tos", "tie", "tikai", "mapē", "katrs", "katra", "teksts",
}  # fmt: skip
# Endings of Latvian words no common English word of four letters or more has.
LATVIAN_ENDING = re.compile(r"(?:a|as|ts|ju|iet|ums|ai|ei|u)$")
# English words a Latvian sentence never needs; outside code they mean English prose slipped in.
ENGLISH = re.compile(
    r"\b(the|and|of|with|for|is|are|you|your|this|that|when|file|folder|page|build|run|"
    r"click|offer|inquiry|inquiries|price|prices|command|error|warning|settings|preview|"
    r"publish|guide|translation|language|see|free|draft)\b",
    re.I,
)


def pages() -> list[Path]:
    return sorted(GUIDE.glob("*.md"))


def documents() -> list[Path]:
    """Every Markdown page a reader of the repository follows links in."""
    return [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


def blocks(text: str) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """The prose lines of a Markdown text and its fenced code blocks (info string, lines)."""
    prose, code, current = [], [], None
    for line in COMMENT.sub("", text).splitlines():
        if FENCE.match(line):
            if current is None:
                current = (line.strip().strip("`").strip(), [])
            else:
                code.append(current)
                current = None
        elif current is not None:
            current[1].append(line)
        else:
            prose.append(line)
    return prose, code


def slug(heading: str) -> str:
    """GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens."""
    text = heading.strip().lower().replace("`", "")
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    found, seen = set(), {}
    for line in blocks(path.read_text(encoding="utf-8"))[0]:
        if match := re.match(r"#{1,6}\s+(.*)", line):
            base = slug(match.group(1))
            count = seen.get(base, 0)
            seen[base] = count + 1
            found.add(base if count == 0 else f"{base}-{count}")
    return found


def links(path: Path) -> list[str]:
    """The relative link targets in a page's prose (code and inline code left out)."""
    found = []
    for line in blocks(path.read_text(encoding="utf-8"))[0]:
        found += LINK.findall(INLINE_CODE.sub("", line))
    return [target for target in found if not re.match(r"[a-z]+:", target)]


def broken_links(path: Path) -> list[str]:
    problems = []
    for target in links(path):
        file, _, anchor = target.partition("#")
        goal = (path.parent / file).resolve() if file else path
        if not goal.exists():
            problems.append(f"{target}: no such file")
        elif anchor and goal.suffix == ".md" and anchor not in anchors(goal):
            problems.append(f"{target}: no heading #{anchor} in {goal.name}")
    return problems


def shell_lines(path: Path) -> list[list[str]]:
    """The command lines of a page's ``sh`` blocks, as words (comments dropped)."""
    lines = []
    for info, code in blocks(path.read_text(encoding="utf-8"))[1]:
        if info == "sh":
            lines += [words for line in code if (words := shlex.split(line, comments=True))]
    return lines


def quote_problems(words: list[str]) -> tuple[list[str], list[str]]:
    """A ``quote …`` line's subcommand path and what in it the tool does not have."""
    from quote.cli import cli

    command, path, rest = cli, [], list(words)
    while isinstance(command, click.Group) and rest and not rest[0].startswith("-"):
        name = rest.pop(0)
        if name not in command.commands:
            return path, [f"quote {' '.join(path)}: no subcommand {name!r}"]
        command, path = command.commands[name], [*path, name]
    if isinstance(command, click.Group) and command is not cli:
        return path, [f"quote {' '.join(path)}: a group without its subcommand"]
    options = {"--help", "-h"} | {
        option for param in command.params for option in param.opts + param.secondary_opts
    }
    unknown = [word for word in rest if word.startswith("-") and word.split("=")[0] not in options]
    return path, [f"quote {' '.join(path)}: no option {word}" for word in unknown]


def quote_commands(path: Path) -> list[list[str]]:
    return [
        words[index + 1 :]
        for words in shell_lines(path)
        for index, word in enumerate(words)
        if Path(word).name == "quote"
    ]


def make_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z-]*):", text, re.M))


def not_latvian(text: str) -> list[str]:
    """Prose lines without a Latvian word, and English words outside code."""
    problems = []
    prose, _ = blocks(text)
    for line in prose:
        if re.fullmatch(r"[\s|:-]*", line):
            continue
        words_only = URL.sub(" ", LINK.sub(lambda m: m.group(0).split("](")[0], line))
        words_only = INLINE_CODE.sub(" ", words_only)
        words = re.findall(r"[^\W\d_]+", words_only)
        if len([word for word in words if len(word) > 1]) < 2:
            continue
        lowered = {word.lower() for word in words}
        latvian = (
            LATVIAN_LETTER.search(words_only)
            or LATVIAN_WORDS & lowered
            or any(len(word) > 3 and LATVIAN_ENDING.search(word) for word in lowered)
        )
        if not latvian:
            problems.append(f"no Latvian word: {line.strip()}")
        problems += [f"English {word!r}: {line.strip()}" for word in ENGLISH.findall(words_only)]
    return problems


def test_every_page_of_the_guide_is_linked_from_its_index():
    linked = {(GUIDE / target.partition("#")[0]).resolve() for target in links(INDEX)}
    assert [page.name for page in pages() if page != INDEX and page not in linked] == []
    assert len(pages()) > 10


@pytest.mark.parametrize("path", documents(), ids=lambda path: str(path.relative_to(ROOT)))
def test_every_relative_link_leads_to_a_file_and_heading(path):
    assert broken_links(path) == []


def test_a_missing_file_or_heading_is_a_broken_link(tmp_path):
    (tmp_path / "b.md").write_text("# Cenas maiņa\n\n## Kā atsaukt\n", encoding="utf-8")
    page = tmp_path / "a.md"
    page.write_text(
        "[labi](b.md#kā-atsaukt) [nav](c.md) [nav virsraksta](b.md#ka-atsaukt) `[kods](x.md)`\n"
        "```\n[blokā](y.md)\n```\n",
        encoding="utf-8",
    )
    assert broken_links(page) == [
        "c.md: no such file",
        "b.md#ka-atsaukt: no heading #ka-atsaukt in b.md",
    ]


def test_every_quote_command_the_guide_shows_exists_with_its_options(capsys):
    from quote.cli import main

    shown = [words for page in pages() for words in quote_commands(page)]
    assert len(shown) > 20
    paths, problems = set(), []
    for words in shown:
        path, found = quote_problems(words)
        paths.add(tuple(path))
        problems += found
    assert problems == []
    for path in sorted(paths):
        assert main([*path, "--help"]) == 0, path
    capsys.readouterr()


def test_a_misspelt_command_or_option_is_found():
    assert quote_problems(["inquirie", "list"])[1] == ["quote : no subcommand 'inquirie'"]
    assert quote_problems(["inquiries"])[1] == ["quote inquiries: a group without its subcommand"]
    assert quote_problems(["inquiries", "list", "--stat", "won"])[1] == [
        "quote inquiries list: no option --stat"
    ]
    assert quote_problems(["undo", "2", "--yes"]) == (["undo"], [])


def test_every_make_target_the_guide_shows_is_in_the_makefile():
    targets = make_targets()
    shown = {
        word
        for page in pages()
        for words in shell_lines(page)
        if words[0] == "make"
        for word in words[1:]
        if "=" not in word and not word.startswith("-")
    }
    assert {"serve", "publish", "deploy"} <= shown
    assert sorted(shown - targets) == []


def test_the_guide_is_latvian():
    found = {page.name: not_latvian(page.read_text(encoding="utf-8")) for page in pages()}
    assert {name: problems for name, problems in found.items() if problems} == {}


def test_english_prose_is_caught_outside_code():
    text = (
        "Run `make serve` and open the page.\n"
        "Palaidiet `make serve` un atveriet lapu.\n"
        "Faila nosaukums ir `the file`.\n"
        "| fails | kas tajā ir |\n|---|---|\n"
        "```\nDone: Processed 6 pages\n```\n"
        "Atveriet the page.\n"
    )
    assert not_latvian(text) == [
        "no Latvian word: Run `make serve` and open the page.",
        "English 'Run': Run `make serve` and open the page.",
        "English 'and': Run `make serve` and open the page.",
        "English 'the': Run `make serve` and open the page.",
        "English 'page': Run `make serve` and open the page.",
        "English 'the': Atveriet the page.",
        "English 'page': Atveriet the page.",
    ]


def test_the_readme_sends_the_owner_to_the_guide_first():
    first_lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:6]
    assert any("docs/guide/README.md" in line for line in first_lines)
