"""YAML read into plain data, with the line and column where every key and value was written.

``load_marked(text)`` composes the document into PyYAML's node tree (never constructing arbitrary
objects) and returns :class:`Marked`: the data as dicts, lists and scalars, the position of each
value and each mapping key by *location* (the tuple of keys and 0-based indices that leads to it,
as in pydantic's error ``loc``), and the document's own problems: YAML syntax, tabs in the
indentation, an empty file, a key written twice. Problems are Latvian: the owner reads them.

Numbers are read exactly: an integer or a decimal written in the file becomes a
:class:`~decimal.Decimal`, so ``80.005`` is never rounded before it can be refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

Loc = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_CONSTRUCTOR = yaml.constructor.SafeConstructor()

# PyYAML's problems, explained for the owner.
_YAML_HINTS = {
    "mapping values are not allowed here": (
        "kols ':' šeit nav atļauts (tekstu, kurā ir ': ', ielieciet pēdiņās)"
    ),
    "could not find expected ':'": "trūkst kola ':' aiz lauka nosaukuma",
    "found unexpected end of stream": "faila beigās trūkst noslēdzošās pēdiņas vai iekavas",
    "found undefined alias": "nezināma atsauce (*)",
}
_YAML_INDENT_PREFIX = "expected <block end>"
_QUOTED_VALUE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s"'#][^:#]*:\s+)?(["'])(.*)$""")


@dataclass(frozen=True)
class Mark:
    """Where a key or value was written (1-based) and how to show it after ``atrasts:``."""

    line: int
    column: int
    found: str | None


@dataclass(frozen=True)
class Issue:
    """A problem of the document itself, at ``loc`` (``()`` for the file as a whole)."""

    loc: Loc
    mark: Mark
    expected: str


@dataclass
class Marked:
    """The document as plain data with the marks of its values and keys, or its issues."""

    data: Any = None
    values: dict[Loc, Mark] = field(default_factory=dict)
    keys: dict[Loc, Mark] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)


def describe(node: Node) -> str:
    """How a value is shown after ``atrasts:``: as written, quoted if it is text."""
    if isinstance(node, MappingNode):
        return "lauki (nosaukums: vērtība)"
    if isinstance(node, SequenceNode):
        return "saraksts"
    assert isinstance(node, ScalarNode)
    if node.tag == _NULL:
        return "tukša vērtība"
    if node.tag == _STR:
        value = node.value if len(node.value) <= 60 else node.value[:59] + "…"
        return f"'{value}'"
    return node.value


def _mark(node: Node, found: str | None = None) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1, found)


def load_marked(text: str) -> Marked:
    """Compose ``text``; on a syntax problem ``data`` is None and ``issues`` says why."""
    marked = Marked()
    marked.issues = _tab_issues(text)
    if marked.issues:
        return marked
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        marked.issues.append(_syntax_issue(exc, text))
        return marked
    except yaml.reader.ReaderError as exc:  # a control character: not a text file
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        expected = "neatļauta rakstzīme; gaidīts teksts (YAML), bez vadības rakstzīmēm"
        marked.issues.append(Issue((), Mark(line, column, f"#x{exc.character:04x}"), expected))
        return marked
    if root is None:
        expected = (
            "gaidīts cenrādis: currency, vat_rate (vai vat: none), vat_note, closing_note, "
            "table, services"
        )
        marked.issues.append(Issue((), Mark(1, 1, "tukšs fails"), expected))
        return marked
    marked.data = _Reader(marked).read(root, ())
    return marked


def _tab_issues(text: str) -> list[Issue]:
    issues = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip():
            expected = "atkāpei izmantota tabulācija; YAML atkāpēm izmantojiet tikai atstarpes"
            issues.append(Issue((), Mark(number, indent.index("\t") + 1, "tabulācija"), expected))
    return issues


def _syntax_issue(exc: yaml.MarkedYAMLError, text: str) -> Issue:
    mark = exc.problem_mark or exc.context_mark
    problem = (exc.problem or "").strip()
    line_no = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    lines = text.splitlines()
    # PyYAML notices a wrong indentation where it stops making sense, often a line after the
    # one to change, and then as a misplaced ':'. The line whose indentation fits no level is
    # the one the owner must change.
    culprit = _misindented(lines, line_no)
    if culprit is not None:
        number, indent, level = culprit
        expected = (
            f"YAML sintakses kļūda: nepareiza atkāpe: rinda sākas {indent + 1}. kolonnā, bet "
            f"lauki šajā līmenī sākas {level + 1}. kolonnā (atkāpes veido tikai atstarpes)"
        )
        return Issue((), Mark(number, indent + 1, f"'{lines[number - 1].strip()}'"), expected)
    if problem.startswith(_YAML_INDENT_PREFIX):
        hint = "nepareiza atkāpe (lauki vienā līmenī jāsāk vienā kolonnā)"
    else:
        hint = _YAML_HINTS.get(problem, "")
    expected = "YAML sintakses kļūda"
    expected += f": {hint}" if hint else ""
    unclosed = _unclosed_quote(lines[: line_no - 1])
    if unclosed:
        expected += f"; iespējams, nav aizvērtas pēdiņas {unclosed}. rindā"
    found = f"'{lines[line_no - 1].strip()}'" if 0 < line_no <= len(lines) else "faila beigas"
    return Issue((), Mark(line_no, column, found), expected)


_KEY_LINE = re.compile(r"^( *)((?:- +)*)([^\s#][^#]*?)\s*(?:#.*)?$")


@dataclass(frozen=True)
class _Level:
    indent: int  # where the keys (or a list's "- ") of this level start
    dash: bool  # a list's "- " level
    line: int  # the line that opened it
    line_indent: int  # that line's own indentation
    parent: int  # the level that line sat in


def _misindented(lines: list[str], stop: int) -> tuple[int, int, int] | None:
    """(line, its indentation, the indentation it should have) of the line, ``stop`` or the one
    before it, whose indentation fits none of the open levels: deeper than the line before
    although that one opens no block, or between two levels. None when there is none (the
    mistake PyYAML reported is another one then)."""
    levels: list[_Level] = []
    opens, seen = True, []
    for number, line in enumerate(lines[:stop], start=1):
        match = _KEY_LINE.match(line)
        if not match:
            continue
        spaces, dashes, rest = match.groups()
        indent, dash = len(spaces), bool(dashes)
        seen.append(number)
        misfit = None
        if levels and indent > levels[-1].indent and not opens:
            misfit = (number, indent, levels[-1].indent)
        elif levels and indent < levels[-1].indent:
            closed = []
            while levels and levels[-1].indent > indent:
                closed.append(levels.pop())
            if not levels or levels[-1].indent != indent:
                misfit = _misfit(number, indent, dash, levels[-1] if levels else None, closed)
        if misfit is not None:
            return misfit if misfit[0] in seen[-2:] else None
        parent = levels[-1].indent if levels else 0
        if not levels or indent > levels[-1].indent:
            levels.append(_Level(indent, dash, number, indent, parent))
        column = indent  # "- key: value" opens the item's own level after each dash
        for marker in re.findall(r"- +", dashes):
            column += len(marker)
            levels.append(_Level(column, False, number, indent, parent))
        if rest.endswith(("|", ">", "|-", ">-")):
            return None  # a block of text follows: its lines are not keys
        opens = rest.endswith(":") or not rest
    return None


# The indentation step the price list is written with (two spaces per level).
_STEP = 2


def _misfit(
    number: int, indent: int, dash: bool, below: _Level | None, closed: list[_Level]
) -> tuple[int, int, int]:
    """Which line is wrong when line ``number`` lands between the open level ``below`` and the
    levels it ``closed``. When the line that opened a closed level would sit one step into its
    own parent had it been written where this line says the level is, that line is the one to
    change; else this line is, to the nearest level of its kind (a list's "- " or a key)."""
    for level in closed:
        shift = indent - level.indent
        if level.line != number and level.line_indent + shift - level.parent == _STEP:
            return level.line, level.line_indent, level.line_indent + shift
    candidates = [level for level in [*closed, *([below] if below else [])] if level.dash == dash]
    if not candidates:
        return number, indent, below.indent if below else 0
    best = min(candidates, key=lambda level: (abs(level.indent - indent), -level.indent))
    return number, indent, best.indent


def _unclosed_quote(lines: list[str]) -> int | None:
    """The number of the first line whose quoted value is not closed on the same line."""
    for number, line in enumerate(lines, start=1):
        match = _QUOTED_VALUE.match(line)
        if match:
            quote, rest = match.groups()
            if not rest.rstrip().endswith(quote) or rest.rstrip() == "":
                return number
    return None


class _Reader:
    """Turns nodes into plain data, recording marks and the issues of keys."""

    def __init__(self, marked: Marked) -> None:
        self.marked = marked

    def read(self, node: Node, loc: Loc) -> Any:
        self.marked.values[loc] = _mark(node, describe(node))
        if isinstance(node, MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, SequenceNode):
            return [self.read(item, (*loc, n)) for n, item in enumerate(node.value)]
        return _scalar(node)

    def _mapping(self, node: MappingNode, loc: Loc) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in node.value:
            name = key.value if isinstance(key, ScalarNode) else None
            if not isinstance(name, str) or not name:
                self._issue(loc, key, "gaidīts lauka nosaukums", describe(key))
                continue
            if name in result:
                first = self.marked.keys[(*loc, name)].line
                expected = f"lauks '{name}' norādīts atkārtoti (pirmo reizi {first}. rindā)"
                self._issue((*loc, name), key, expected, f"'{name}'")
                continue
            self.marked.keys[(*loc, name)] = _mark(key, f"'{name}'")
            result[name] = self.read(value, (*loc, name))
        return result

    def _issue(self, loc: Loc, node: Node, expected: str, found: str) -> None:
        self.marked.issues.append(Issue(loc, _mark(node, found), expected))


def _scalar(node: ScalarNode) -> Any:
    """A scalar's value: text, an exact Decimal for numbers, True/False, or None."""
    if node.tag == _NULL:
        return None
    if node.tag == _BOOL:
        return node.value.lower() in ("true", "yes", "on", "y")
    try:
        if node.tag == _INT:
            return Decimal(_CONSTRUCTOR.construct_yaml_int(node))
        if node.tag == _FLOAT:
            value = Decimal(node.value.replace("_", ""))
            return value if value.is_finite() else node.value
    except (InvalidOperation, ValueError):
        return node.value
    return node.value
