"""The price list: an immutable model of ``pricing.yaml``, its loader and its validation.

``load_price_list(path)`` reads the file, checks everything and returns a :class:`PriceList`, or
raises :class:`~quote.pricing_errors.PricingError` listing every problem with file, line, column
and the path of the value (``services[content].tiers[2].price``). Prices in the file are euros
(VAT included); in the model they are integer cents.

The file is composed into a PyYAML node tree (never constructed blindly), so every value keeps the
position it was written at and each problem can point at it.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import re
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from quote.money import BP_PER_UNIT, format_eur
from quote.pricing_errors import PricingError, Problem

__all__ = [
    "BILLINGS",
    "DEFAULT_MONTHLY_UNIT",
    "Extra",
    "Include",
    "PriceList",
    "PricingError",
    "Service",
    "Table",
    "TableColumns",
    "TableLabels",
    "Tier",
    "load_price_list",
    "parse_price_list",
]

BILLINGS = ("once", "monthly")
DEFAULT_MONTHLY_UNIT = "mēn."
_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"


# --------------------------------------------------------------------------------------------
# The model


@dataclass(frozen=True)
class Include:
    """A service (and its tier, when it has tiers) included in a package tier."""

    service: str
    tier: str | None = None


@dataclass(frozen=True)
class Tier:
    """One tier of a tiered service; ``price`` in cents, ``indicative``: price not yet confirmed."""

    id: str
    price: int
    summary: str
    includes: tuple[Include, ...] = ()
    indicative: bool = False


@dataclass(frozen=True)
class Extra:
    """A line with its own label, shown as ``label – text`` (e.g. ``1 cikls – precizējumi …``)."""

    label: str
    text: str


@dataclass(frozen=True)
class Service:
    """One row of the price table.

    Either ``price`` (cents) or ``tiers`` is set, never both. ``unit`` is what the price is per
    (``mēn.``, ``st.``); ``None`` for a one-time service without a unit.
    """

    id: str
    name: str
    billing: str
    quantity: bool
    unit: str | None
    price: int | None
    tiers: tuple[Tier, ...]
    package: bool
    description: tuple[str, ...] = ()
    includes: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    limits: tuple[str, ...] = ()
    bonuses: tuple[str, ...] = ()
    extras: tuple[Extra, ...] = ()

    @property
    def monthly(self) -> bool:
        return self.billing == "monthly"

    @property
    def tiered(self) -> bool:
        return bool(self.tiers)

    @property
    def min_price(self) -> int:
        """The lowest price in cents (the price itself for a service without tiers)."""
        return self.tiers[0].price if self.tiers else self.price  # type: ignore[return-value]

    @property
    def max_price(self) -> int:
        """The highest price in cents (the price itself for a service without tiers)."""
        return self.tiers[-1].price if self.tiers else self.price  # type: ignore[return-value]

    def tier(self, tier_id: str) -> Tier:
        for tier in self.tiers:
            if tier.id == tier_id:
                return tier
        raise KeyError(tier_id)


@dataclass(frozen=True)
class TableColumns:
    service: str
    price: str
    details: str


@dataclass(frozen=True)
class TableLabels:
    """Labels of the lines under a service: ``Iekļauts``, ``Piezīme``, ``Limits``, ``Bonuss``."""

    includes: str
    notes: str
    limits: str
    bonuses: str


@dataclass(frozen=True)
class Table:
    """The price table's own text: caption, column headers, line labels."""

    title: str
    columns: TableColumns
    labels: TableLabels


@dataclass(frozen=True)
class PriceList:
    """The validated price list. ``version``: 12 hex chars of sha256 of its canonical JSON."""

    currency: str
    vat_bp: int
    vat_note: str
    closing_note: str
    table: Table
    services: tuple[Service, ...]
    version: str = field(default="", compare=False)

    @property
    def vat_rate(self) -> Decimal:
        return Decimal(self.vat_bp) / BP_PER_UNIT

    def service(self, service_id: str) -> Service:
        for service in self.services:
            if service.id == service_id:
                return service
        raise KeyError(service_id)

    def canonical_json(self) -> str:
        """The validated data as canonical JSON (sorted keys, no spaces, UTF-8 text)."""
        data = asdict(self)
        del data["version"]
        return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _with_version(price_list: PriceList) -> PriceList:
    digest = hashlib.sha256(price_list.canonical_json().encode("utf-8")).hexdigest()
    return PriceList(**{**price_list.__dict__, "version": digest[:12]})


# --------------------------------------------------------------------------------------------
# Loading


def load_price_list(path: str | os.PathLike[str]) -> PriceList:
    """Read, validate and return the price list at ``path``; raise ``PricingError`` if invalid."""
    file = os.fspath(path)
    try:
        text = Path(file).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise PricingError(
            [Problem(file, None, None, "", f"cenrāža fails nav atrasts: {file}")]
        ) from None
    except IsADirectoryError:
        raise PricingError(
            [Problem(file, None, None, "", f"gaidīts cenrāža fails, bet {file} ir mape")]
        ) from None
    except UnicodeDecodeError as exc:
        raise PricingError(
            [
                Problem(
                    file,
                    None,
                    None,
                    "",
                    f"fails jāsaglabā UTF-8 kodējumā (nederīgs baits pozīcijā {exc.start})",
                )
            ]
        ) from None
    except OSError as exc:
        raise PricingError(
            [Problem(file, None, None, "", f"cenrāža failu neizdevās nolasīt: {exc.strerror}")]
        ) from None
    return parse_price_list(text, file)


def parse_price_list(text: str, file: str = "pricing.yaml") -> PriceList:
    """Validate the YAML ``text`` of a price list; ``file`` is the name used in problems."""
    checker = _Checker(file)
    root = checker.compose(text)
    data = checker.document(root) if root is not None else None
    if checker.problems or data is None:
        raise PricingError(checker.sorted_problems())
    return _with_version(data)


# --------------------------------------------------------------------------------------------
# Validation

_EXPECT_MAPPING = "gaidīti lauki formā 'nosaukums: vērtība'"
_EXPECT_LIST = "gaidīts saraksts (katra rinda sākas ar '- ')"
_EXPECT_TEXT = "gaidīts teksts, kas nav tukšs"
_EXPECT_BOOL = "gaidīts true vai false"
_EXPECT_ID = "gaidīts id no mazajiem latīņu burtiem, cipariem un defisēm (piemēram, full-package)"
_EXPECT_PRICE = (
    "gaidīta cena eiro (skaitlis > 0, ne vairāk kā 2 cipari aiz decimālpunkta, "
    "piemēram, 350 vai 289.50; bez €)"
)
_EXPECT_VAT = "gaidīta PVN likme kā daļa no 1 (lielāka par 0 un mazāka par 1, piemēram, 0.21)"

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
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


_FROM_NODE = object()


def _describe(node: Node | None) -> str:
    """How a value is shown after 'atrasts:'."""
    if node is None:
        return "nekas"
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


_QUOTED_VALUE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s"'#][^:#]*:\s+)?(["'])(.*)$""")


def _unclosed_quote(lines: list[str]) -> int | None:
    """The number of the first line whose quoted value is not closed on the same line."""
    for number, line in enumerate(lines, start=1):
        match = _QUOTED_VALUE.match(line)
        if match:
            quote, rest = match.groups()
            if not rest.rstrip().endswith(quote) or rest.rstrip() == "":
                return number
    return None


def _peek_id(node: Node) -> str | None:
    """The valid ``id`` of a mapping node, read ahead so that every path can name it."""
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == "id":
                if isinstance(value, ScalarNode) and _ID_RE.match(value.value):
                    return value.value
                return None
    return None


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


class _Checker:
    """Walks the node tree, collects problems and builds the model from what is valid."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        # (package values, include, node, fields, path), checked after all services are read.
        self._pending_includes: list[tuple[dict, Include, Node, dict, str]] = []

    # -- reporting ---------------------------------------------------------------------------

    def report(self, node: Node, path: str, expected: str, found: object = _FROM_NODE) -> None:
        """Record a problem at ``node``; ``found`` defaults to the node's value as written."""
        mark = node.start_mark
        if found is _FROM_NODE:
            found = _describe(node)
        assert found is None or isinstance(found, str)
        self.problems.append(
            Problem(self.file, mark.line + 1, mark.column + 1, path, expected, found)
        )

    def sorted_problems(self) -> list[Problem]:
        return sorted(self.problems, key=lambda p: (p.line or 0, p.column or 0))

    # -- YAML --------------------------------------------------------------------------------

    def compose(self, text: str) -> Node | None:
        tabs = False
        for number, line in enumerate(text.splitlines(), start=1):
            indent = re.match(r"[ \t]*", line).group()  # type: ignore[union-attr]
            if "\t" in indent and line.strip():
                tabs = True
                self.problems.append(
                    Problem(
                        self.file,
                        number,
                        indent.index("\t") + 1,
                        "",
                        "atkāpei izmantota tabulācija; YAML atkāpēm izmantojiet tikai atstarpes",
                        "tabulācija",
                    )
                )
        if tabs:
            return None
        try:
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as exc:
            self._syntax_problem(exc, text)
            return None
        except yaml.YAMLError as exc:  # pragma: no cover - PyYAML errors without a mark
            self.problems.append(Problem(self.file, 1, 1, "", f"YAML kļūda ({exc})"))
            return None
        if root is None:
            self.problems.append(
                Problem(
                    self.file,
                    1,
                    1,
                    "",
                    "gaidīts cenrādis: currency, vat_rate, vat_note, closing_note, table, services",
                    "tukšs fails",
                )
            )
        return root

    def _syntax_problem(self, exc: yaml.MarkedYAMLError, text: str) -> None:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or "").strip()
        if problem.startswith(_YAML_INDENT_PREFIX):
            hint = "nepareiza atkāpe (lauki vienā līmenī jāsāk vienā kolonnā)"
        else:
            hint = _YAML_HINTS.get(problem, "")
        expected = "YAML sintakses kļūda"
        expected += f": {hint}" if hint else ""
        expected += f" [{problem}]" if problem else ""
        line_no = mark.line + 1 if mark else 1
        column = mark.column + 1 if mark else 1
        lines = text.splitlines()
        unclosed = _unclosed_quote(lines[: line_no - 1])
        if unclosed:
            expected += f"; iespējams, nav aizvērtas pēdiņas {unclosed}. rindā"
        found = f"'{lines[line_no - 1].strip()}'" if 0 < line_no <= len(lines) else "faila beigas"
        self.problems.append(Problem(self.file, line_no, column, "", expected, found))

    # -- generic checks ----------------------------------------------------------------------

    def fields(
        self, node: Node, path: str, required: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> dict[str, tuple[Node, Node]] | None:
        """The mapping's fields by name as (key node, value node); None if not a mapping."""
        if not isinstance(node, MappingNode):
            self.report(node, path, _EXPECT_MAPPING)
            return None
        allowed = required + optional
        seen: dict[str, tuple[Node, Node]] = {}
        for key, value in node.value:
            name = key.value if isinstance(key, ScalarNode) else None
            if not isinstance(name, str) or not name:
                self.report(key, path, "gaidīts lauka nosaukums")
                continue
            if name in seen:
                first = seen[name][0].start_mark.line + 1
                self.report(
                    key,
                    _join(path, name),
                    f"lauks '{name}' norādīts atkārtoti (pirmo reizi {first}. rindā)",
                    f"'{name}'",
                )
                continue
            if name not in allowed:
                expected = f"nezināms lauks; atļautie lauki: {', '.join(allowed)}"
                close = difflib.get_close_matches(name, allowed, n=1)
                if close:
                    expected += f" (varbūt domāts '{close[0]}'?)"
                self.report(key, _join(path, name), expected, f"'{name}'")
                continue
            seen[name] = (key, value)
        for name in required:
            if name not in seen:
                self.report(node, _join(path, name), f"trūkst obligātā lauka '{name}'", None)
        return seen

    def text(self, node: Node, path: str) -> str | None:
        if not isinstance(node, ScalarNode) or node.tag in (_NULL, _BOOL) or not node.value.strip():
            self.report(node, path, _EXPECT_TEXT)
            return None
        return node.value.strip()

    def sequence(self, node: Node, path: str, *, non_empty: bool = False) -> list[Node] | None:
        if isinstance(node, ScalarNode) and node.tag == _NULL and not non_empty:
            return []
        if not isinstance(node, SequenceNode):
            self.report(node, path, _EXPECT_LIST)
            return None
        if non_empty and not node.value:
            self.report(node, path, "gaidīts saraksts ar vismaz vienu ierakstu", "tukšs saraksts")
            return None
        return list(node.value)

    def texts(self, node: Node, path: str) -> tuple[str, ...] | None:
        items = self.sequence(node, path)
        if items is None:
            return None
        values = [self.text(item, f"{path}[{n}]") for n, item in enumerate(items, start=1)]
        if any(value is None for value in values):
            return None
        return tuple(values)  # type: ignore[arg-type]

    def boolean(self, node: Node, path: str) -> bool | None:
        if isinstance(node, ScalarNode) and node.tag == _BOOL:
            return node.value.lower() in ("true", "yes", "on", "y")
        self.report(node, path, _EXPECT_BOOL)
        return None

    def ident(self, node: Node, path: str) -> str | None:
        if isinstance(node, ScalarNode) and node.tag in (_STR, _INT) and _ID_RE.match(node.value):
            return node.value
        self.report(node, path, _EXPECT_ID)
        return None

    def _decimal(self, node: Node) -> Decimal | None:
        """The exact number written in a numeric scalar, or None for anything else."""
        if not isinstance(node, ScalarNode):
            return None
        try:
            if node.tag == _INT:
                return Decimal(_CONSTRUCTOR.construct_yaml_int(node))
            if node.tag == _FLOAT:
                value = Decimal(node.value.replace("_", ""))
                return value if value.is_finite() else None
        except (InvalidOperation, ValueError):
            return None
        return None

    def price(self, node: Node, path: str) -> int | None:
        value = self._decimal(node)
        if value is None or value <= 0 or (value * 100) != (value * 100).to_integral_value():
            self.report(node, path, _EXPECT_PRICE)
            return None
        return int(value * 100)

    # -- the document ------------------------------------------------------------------------

    def document(self, root: Node) -> PriceList | None:
        top = self.fields(
            root,
            "",
            ("currency", "vat_rate", "vat_note", "closing_note", "table", "services"),
        )
        if top is None:
            return None
        currency = vat_bp = vat_note = closing_note = table = services = None
        if "currency" in top:
            node = top["currency"][1]
            if isinstance(node, ScalarNode) and node.value == "EUR":
                currency = "EUR"
            else:
                self.report(node, "currency", "gaidīts EUR (vietne rāda cenas eiro)")
        if "vat_rate" in top:
            vat_bp = self.vat_rate(top["vat_rate"][1])
        if "vat_note" in top:
            vat_note = self.text(top["vat_note"][1], "vat_note")
        if "closing_note" in top:
            closing_note = self.text(top["closing_note"][1], "closing_note")
        if "table" in top:
            table = self.table(top["table"][1])
        if "services" in top:
            services = self.services(top["services"][1])
        values = (currency, vat_bp, vat_note, closing_note, table, services)
        if any(value is None for value in values) or self.problems:
            return None
        return PriceList(
            currency=currency,  # type: ignore[arg-type]
            vat_bp=vat_bp,  # type: ignore[arg-type]
            vat_note=vat_note,  # type: ignore[arg-type]
            closing_note=closing_note,  # type: ignore[arg-type]
            table=table,  # type: ignore[arg-type]
            services=services,  # type: ignore[arg-type]
        )

    def vat_rate(self, node: Node) -> int | None:
        value = self._decimal(node)
        if value is None or not 0 < value < 1:
            self.report(node, "vat_rate", _EXPECT_VAT)
            return None
        bp = value * BP_PER_UNIT
        if bp != bp.to_integral_value():
            self.report(node, "vat_rate", "gaidīta PVN likme ar ne vairāk kā 4 cipariem aiz punkta")
            return None
        return int(bp)

    def table(self, node: Node) -> Table | None:
        top = self.fields(node, "table", ("title", "columns", "labels"))
        if top is None:
            return None
        title = self.text(top["title"][1], "table.title") if "title" in top else None
        columns = labels = None
        if "columns" in top:
            columns = self._texts_record(
                top["columns"][1], "table.columns", ("service", "price", "details"), TableColumns
            )
        if "labels" in top:
            labels = self._texts_record(
                top["labels"][1],
                "table.labels",
                ("includes", "notes", "limits", "bonuses"),
                TableLabels,
            )
        if title is None or columns is None or labels is None:
            return None
        return Table(title=title, columns=columns, labels=labels)

    def _texts_record(self, node: Node, path: str, names: tuple[str, ...], cls):
        found = self.fields(node, path, names)
        if found is None:
            return None
        values = {
            name: self.text(found[name][1], f"{path}.{name}") for name in names if name in found
        }
        if len(values) != len(names) or any(value is None for value in values.values()):
            return None
        return cls(**values)

    def services(self, node: Node) -> tuple[Service, ...] | None:
        items = self.sequence(node, "services", non_empty=True)
        if items is None:
            return None
        first_line: dict[str, int] = {}
        parsed = [
            self.service(item, position, first_line) for position, item in enumerate(items, start=1)
        ]
        # Cross-references are checked against every service whose id is known, so a package's
        # mistakes are reported even while another service has problems of its own.
        by_id = {value["id"]: value for value, _ in parsed if value["id"] is not None}
        for pending in self._pending_includes:
            self.check_include(*pending, by_id)
        if not all(ok for _, ok in parsed):
            return None
        return tuple(self.build_service(value) for value, _ in parsed)

    def service(self, node: Node, position: int, first_line: dict[str, int]) -> tuple[dict, bool]:
        """The service's values (None where invalid) and whether it is entirely valid."""
        value: dict = {"id": None, "billing": None, "quantity": False, "package": False}
        value["tier_ids"] = []
        path = f"services[{_peek_id(node) or position}]"
        fields = self.fields(node, path, ("id", "name", "billing"), _SERVICE_OPTIONAL)
        if fields is None:
            return value, False
        ok = all(name in fields for name in ("id", "name", "billing"))

        if "id" in fields:
            id_node = fields["id"][1]
            value["id"] = self.ident(id_node, f"{path}.id")
            if value["id"] is not None:
                if value["id"] in first_line:
                    self.report(
                        id_node,
                        f"{path}.id",
                        f"pakalpojuma id jau izmantots {first_line[value['id']]}. rindā; "
                        "katram pakalpojumam vajag savu id",
                    )
                    value["id"] = None
                else:
                    first_line[value["id"]] = id_node.start_mark.line + 1
        if "billing" in fields:
            billing_node = fields["billing"][1]
            if isinstance(billing_node, ScalarNode) and billing_node.value in BILLINGS:
                value["billing"] = billing_node.value
            else:
                self.report(
                    billing_node,
                    f"{path}.billing",
                    "gaidīts once (vienreizējs maksājums) vai monthly (ik mēnesi)",
                )

        checks = {
            "name": (self.text, None),
            "quantity": (self.boolean, False),
            "package": (self.boolean, False),
            "unit": (self.text, None),
            "price": (self.price, None),
            "description": (self.texts, ()),
            "includes": (self.texts, ()),
            "notes": (self.texts, ()),
            "limits": (self.texts, ()),
            "bonuses": (self.texts, ()),
            "extras": (self.extras, ()),
        }
        for name, (check, default) in checks.items():
            if name in fields:
                value[name] = check(fields[name][1], f"{path}.{name}")
            else:
                value[name] = default
        ok = ok and not any(
            value[name] is None for name in ("id", "billing", *checks) if name in fields
        )

        has_price, has_tiers = "price" in fields, "tiers" in fields
        value["tiers"] = ()
        if has_tiers:
            value["tiers"] = self.tiers(fields["tiers"][1], f"{path}.tiers", value)
            ok = ok and value["tiers"] is not None
        rules = self.service_rules(node, path, fields, value)
        if value["unit"] is None and value["billing"] == "monthly":
            value["unit"] = DEFAULT_MONTHLY_UNIT
        return value, ok and rules and (has_price or has_tiers)

    def service_rules(
        self, node: Node, path: str, fields: dict[str, tuple[Node, Node]], value: dict
    ) -> bool:
        """The rules between a service's fields; True when none is broken."""
        before = len(self.problems)
        has_price, has_tiers = "price" in fields, "tiers" in fields
        if has_price and has_tiers:
            self.report(
                fields["tiers"][0],
                f"{path}.tiers",
                "norādiet vai nu price (viena cena), vai tiers (līmeņi), ne abus",
                "price un tiers",
            )
        elif not has_price and not has_tiers:
            self.report(
                node, f"{path}.price", "trūkst cenas: norādiet price vai tiers (līmeņus)", None
            )
        if value["quantity"]:
            if value["billing"] == "monthly":
                self.report(
                    fields["billing"][1],
                    f"{path}.billing",
                    "pakalpojumam ar quantity: true gaidīts billing: once",
                )
            if has_tiers and not has_price:
                self.report(
                    fields["tiers"][0],
                    f"{path}.tiers",
                    "pakalpojumam ar quantity: true norādiet vienu price, nevis tiers",
                    None,
                )
            if "unit" not in fields:
                self.report(
                    node,
                    f"{path}.unit",
                    "pakalpojumam ar quantity: true jānorāda unit (piemēram, st.)",
                    None,
                )
        if value["package"]:
            if value["quantity"]:
                self.report(
                    fields["quantity"][1],
                    f"{path}.quantity",
                    "paketei (package: true) nevar būt quantity: true",
                )
            if has_price and not has_tiers:
                self.report(
                    fields["price"][0],
                    f"{path}.price",
                    "paketei (package: true) norādiet līmeņus tiers ar includes, nevis price",
                    None,
                )
        return len(self.problems) == before

    def extras(self, node: Node, path: str) -> tuple[Extra, ...] | None:
        items = self.sequence(node, path)
        if items is None:
            return None
        result = [
            self._texts_record(item, f"{path}[{n}]", ("label", "text"), Extra)
            for n, item in enumerate(items, start=1)
        ]
        if any(record is None for record in result):
            return None
        return tuple(result)

    def tiers(self, node: Node, path: str, owner: dict) -> tuple[Tier, ...] | None:
        """The tiers of a service; ``owner`` (the service's values) collects valid tier ids."""
        items = self.sequence(node, path, non_empty=True)
        if items is None:
            return None
        tiers: list[Tier | None] = []
        first_line: dict[str, int] = {}
        previous: int | None = None
        for position, item in enumerate(items, start=1):
            tier_path = f"{path}[{_peek_id(item) or position}]"
            fields = self.fields(
                item, tier_path, ("id", "price", "summary"), ("includes", "indicative")
            )
            if fields is None:
                tiers.append(None)
                continue
            tier_id = None
            if "id" in fields:
                id_node = fields["id"][1]
                tier_id = self.ident(id_node, f"{tier_path}.id")
                if tier_id is not None:
                    if tier_id in first_line:
                        self.report(
                            id_node,
                            f"{tier_path}.id",
                            f"līmeņa id jau izmantots {first_line[tier_id]}. rindā; "
                            "katram līmenim vajag savu id",
                        )
                        tier_id = None
                    else:
                        first_line[tier_id] = id_node.start_mark.line + 1
                        owner["tier_ids"].append(tier_id)
            price = None
            if "price" in fields:
                price_node = fields["price"][1]
                price = self.price(price_node, f"{tier_path}.price")
                if price is not None and previous is not None and price <= previous:
                    self.report(
                        price_node,
                        f"{tier_path}.price",
                        "gaidīta cena, kas lielāka par iepriekšējā līmeņa cenu "
                        f"({format_eur(previous)}): līmeņi jāsakārto pēc cenas augošā secībā",
                    )
                    price = None
                elif price is not None:
                    previous = price
            summary = None
            if "summary" in fields:
                summary = self.text(fields["summary"][1], f"{tier_path}.summary")
            indicative: bool | None = False
            if "indicative" in fields:
                indicative = self.boolean(fields["indicative"][1], f"{tier_path}.indicative")
            includes: tuple[Include, ...] | None = ()
            if "includes" in fields and not owner["package"]:
                self.report(
                    fields["includes"][0],
                    f"{tier_path}.includes",
                    "includes līmenī ir atļauts tikai paketei (package: true)",
                    None,
                )
                includes = None
            elif "includes" in fields:
                includes = self.includes(fields["includes"][1], f"{tier_path}.includes", owner)
            elif owner["package"]:
                self.report(
                    item,
                    f"{tier_path}.includes",
                    "trūkst obligātā lauka 'includes' (paketē iekļautie pakalpojumi)",
                    None,
                )
                includes = None
            values = (tier_id, price, summary, indicative, includes)
            if any(v is None for v in values):
                tiers.append(None)
            else:
                tiers.append(Tier(tier_id, price, summary, includes, indicative))  # type: ignore[arg-type]
        if any(tier is None for tier in tiers):
            return None
        return tuple(tiers)  # type: ignore[arg-type]

    def includes(self, node: Node, path: str, owner: dict) -> tuple[Include, ...] | None:
        """A package tier's includes; their targets are checked once all services are read."""
        items = self.sequence(node, path, non_empty=True)
        if items is None:
            return None
        result: list[Include | None] = []
        seen: set[str] = set()
        for position, item in enumerate(items, start=1):
            item_path = f"{path}[{position}]"
            fields = self.fields(item, item_path, ("service",), ("tier",))
            if fields is None:
                result.append(None)
                continue
            service = tier = None
            if "service" in fields:
                service = self.ident(fields["service"][1], f"{item_path}.service")
            if "tier" in fields:
                tier = self.ident(fields["tier"][1], f"{item_path}.tier")
                if tier is None:
                    result.append(None)
                    continue
            if service is None:
                result.append(None)
                continue
            if service in seen:
                self.report(
                    fields["service"][1],
                    f"{item_path}.service",
                    "šis pakalpojums šajā līmenī jau ir iekļauts",
                )
                result.append(None)
                continue
            seen.add(service)
            include = Include(service, tier)
            self._pending_includes.append((owner, include, item, fields, item_path))
            result.append(include)
        if any(include is None for include in result):
            return None
        return tuple(result)  # type: ignore[arg-type]

    def check_include(
        self,
        package: dict,
        include: Include,
        item: Node,
        fields: dict[str, tuple[Node, Node]],
        path: str,
        by_id: dict[str, dict],
    ) -> None:
        """An include names a known, non-package service of the package's billing and its tier."""
        service_node = fields["service"][1]
        target = by_id.get(include.service)
        if target is None:
            known = ", ".join(sid for sid, s in by_id.items() if not s["package"])
            self.report(
                service_node, f"{path}.service", f"gaidīts šī cenrāža pakalpojuma id ({known})"
            )
            return
        if target["package"] or target["quantity"]:
            self.report(
                service_node,
                f"{path}.service",
                "paketē var iekļaut tikai pakalpojumu, kas nav pakete un nav "
                "daudzuma pakalpojums (quantity: true)",
            )
            return
        if None not in (target["billing"], package["billing"]) and (
            target["billing"] != package["billing"]
        ):
            self.report(
                service_node,
                f"{path}.service",
                f"paketē var iekļaut tikai pakalpojumu ar billing: {package['billing']}",
            )
            return
        tier_ids = target["tier_ids"]
        if include.tier is None and tier_ids:
            self.report(
                item,
                f"{path}.tier",
                f"pakalpojumam '{include.service}' ir līmeņi: "
                f"norādiet tier ({', '.join(tier_ids)})",
                None,
            )
        elif include.tier is not None and not tier_ids and target.get("tiers") == ():
            self.report(
                fields["tier"][1],
                f"{path}.tier",
                f"pakalpojumam '{include.service}' nav līmeņu: izdzēsiet tier",
            )
        elif include.tier is not None and tier_ids and include.tier not in tier_ids:
            self.report(
                fields["tier"][1],
                f"{path}.tier",
                f"gaidīts pakalpojuma '{include.service}' līmeņa id ({', '.join(tier_ids)})",
            )

    @staticmethod
    def build_service(value: dict) -> Service:
        return Service(
            id=value["id"],
            name=value["name"],
            billing=value["billing"],
            quantity=value["quantity"],
            unit=value["unit"],
            price=value["price"],
            tiers=value["tiers"],
            package=value["package"],
            description=value["description"],
            includes=value["includes"],
            notes=value["notes"],
            limits=value["limits"],
            bonuses=value["bonuses"],
            extras=value["extras"],
        )


_SERVICE_OPTIONAL = (
    "quantity",
    "unit",
    "price",
    "tiers",
    "package",
    "description",
    "includes",
    "notes",
    "limits",
    "bonuses",
    "extras",
)
