"""Validation of ``pricing.yaml``: every problem at once, each at its file:line:column.

The pipeline: read the YAML with the marks of its keys and values (``quote.yaml_marks``), check
the rules between fields (``quote.pricing_rules``), validate the schema with pydantic, and map
each pydantic error's ``loc`` back to the line and column it was written at, with the Latvian
text for its error type and field (``quote.pricing_messages``). Nothing stops at the first
problem: the owner sees the whole list, in file order.

Texts are read once per published language (``quote.pricing_types.Reading``): each pass gives
the model in its language, and a text missing in a language is a problem of that pass. The
passes' other problems are the same problem, reported once. A last pass looks only at the
languages a text is written in: one that is not published is a warning (the owner may be
preparing a language before adding it to ``LANGUAGES``; a typo is shown without stopping).
"""

from __future__ import annotations

import typing
from dataclasses import replace
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from quote import pricing_messages as text
from quote.pricing_errors import PricingError, Problem
from quote.pricing_rules import check_rules
from quote.pricing_types import Reading, to_ident
from quote.yaml_marks import Loc, Mark, Marked, load_marked

Model = TypeVar("Model", bound=BaseModel)
_FROM_MARK = object()
# Lists whose items are named by their id in a path (``services[content].tiers[2]``); the items
# of other lists by their 1-based position.
_LISTS_BY_ID = ("services", "tiers")


def validate(
    content: str, file: str, model: type[Model], readings: list[Reading] | None = None
) -> tuple[dict[str, Model], list[Problem]]:
    """The ``model`` of the YAML ``content`` in each reading's language (keyed by language, the
    first reading's being the default) and the warnings; raise ``PricingError`` with every
    problem. Without ``readings`` texts are read as they are (one pass, keyed ``""``)."""
    marked = load_marked(content)
    report = Report(file, marked)
    for issue in marked.issues:
        report.add(issue.loc, issue.mark, issue.expected, issue.mark.found)
    if marked.data is None:
        raise PricingError(report.sorted())
    results: dict[str, Model] = {}
    errors: list[Any] = []
    for reading in readings or [None]:
        result, found = _validate_once(model, marked.data, reading)
        errors += found
        if result is not None:
            results[reading.lang if reading else ""] = result
    ignored = check_rules(marked.data, report)
    for error in errors:
        loc = tuple(error["loc"])
        if not any(loc[: len(place)] == place for place in ignored):
            report.schema_error(error, model)
    if report.problems or len(results) < len(readings or [None]):
        raise PricingError(report.sorted())
    return results, _language_warnings(file, marked, model, readings)


def _language_warnings(
    file: str, marked: Marked, model: type[BaseModel], readings: list[Reading] | None
) -> list[Problem]:
    """One warning per language a text is written in that is neither published nor prepared:
    at its first text, with how many more there are."""
    if not readings:
        return []
    check = Reading(readings[0].lang, readings[0].published, "-", True, readings[0].prepared)
    by_lang: dict[str, Report] = {}
    for error in _validate_once(model, marked.data, check)[1]:
        if error["type"] == "text_unknown_language":
            lang = str(error["ctx"]["text_key"])
            by_lang.setdefault(lang, Report(file, marked)).schema_error(error, model)
    warnings = []
    for report in by_lang.values():
        first, *others = report.sorted()
        if others:
            first = replace(first, expected=first.expected + text.more_texts(len(others)))
        warnings.append(first)
    return sorted(warnings, key=lambda p: (p.line or 0, p.column or 0))


def _validate_once(
    model: type[Model], data: Any, reading: Reading | None
) -> tuple[Model | None, list[Any]]:
    try:
        return model.model_validate(data, context={"reading": reading}), []
    except ValidationError as exc:
        return None, exc.errors()


class Report:
    """Collects problems, turning a location in the data into a mark and a readable path."""

    def __init__(self, file: str, marked: Marked) -> None:
        self.file = file
        self.marked = marked
        self.problems: list[Problem] = []

    def sorted(self) -> list[Problem]:
        """Every problem once (the passes of each language find the same ones), in file order."""
        unique = dict.fromkeys(self.problems)
        return sorted(unique, key=lambda p: (p.line or 0, p.column or 0))

    def add(self, loc: Loc, mark: Mark, expected: str, found: str | None) -> None:
        self.problems.append(
            Problem(self.file, mark.line, mark.column, self.path(loc), expected, found)
        )

    def at_value(self, loc: Loc, expected: str, found: object = _FROM_MARK) -> None:
        """A problem with the value at ``loc``; found: the value as written unless given."""
        mark = self.value_mark(loc)
        shown = mark.found if found is _FROM_MARK else typing.cast("str | None", found)
        self.add(loc, mark, expected, shown)

    def at_key(self, loc: Loc, expected: str, found: str | None) -> None:
        """A problem with the field name at ``loc`` (the field should not be there)."""
        self.add(loc, self.marked.keys.get(loc) or self.value_mark(loc), expected, found)

    def at_parent(self, loc: Loc, expected: str) -> None:
        """Something missing at ``loc``: shown at the mapping that should hold it."""
        self.add(loc, self.value_mark(loc[:-1]), expected, None)

    def value_mark(self, loc: Loc) -> Mark:
        """The mark of the value at ``loc``, or of the nearest enclosing value written."""
        while loc not in self.marked.values and loc:
            loc = loc[:-1]
        return self.marked.values.get(loc, Mark(1, 1, None))

    def value(self, loc: Loc) -> Any:
        """The raw value at ``loc`` (None when there is none)."""
        node: Any = self.marked.data
        for key in loc:
            if isinstance(key, int) and isinstance(node, list) and 0 <= key < len(node):
                node = node[key]
            elif isinstance(key, str) and isinstance(node, dict):
                node = node.get(key)
            else:
                return None
        return node

    def line(self, loc: Loc) -> int:
        return self.value_mark(loc).line

    def path(self, loc: Loc) -> str:
        """``services[content].tiers[2].price`` for ``("services", 1, "tiers", 1, "price")``."""
        parts: list[str] = []
        node: Any = self.marked.data
        for key in loc:
            if isinstance(key, int):
                item = node[key] if isinstance(node, list) and 0 <= key < len(node) else None
                label = key + 1
                if parts and parts[-1] in _LISTS_BY_ID and isinstance(item, dict):
                    label = _valid_id(item.get("id")) or label
                parts[-1] += f"[{label}]"
                node = item
            else:
                parts.append(key)
                node = node.get(key) if isinstance(node, dict) else None
        return ".".join(parts)

    def schema_error(self, error: Any, model: type[BaseModel]) -> None:
        loc = tuple(error["loc"])
        kind = error["type"]
        if kind == "too_short" and self.value(loc):
            return  # pydantic counts only the valid items; each invalid one has its own problem
        if kind == "missing":
            self.at_parent(loc, text.missing(str(loc[-1])))
        elif kind == "extra_forbidden":
            allowed = _field_names(_model_at(model, loc[:-1]))
            self.at_key(loc, text.unknown(str(loc[-1]), allowed), f"'{loc[-1]}'")
        else:
            field = next((key for key in reversed(loc) if isinstance(key, str)), None)
            expected, found = text.explain(kind, field, error["msg"])
            # A text's problem in one language points at that language's text when written.
            context = error.get("ctx") or {}
            if context.get("text_key") is not None:
                keyed = (*loc, context["text_key"])
                loc = keyed if keyed in self.marked.values else loc
            found = context.get("text_found") or found
            self.at_value(loc, expected, _FROM_MARK if found is None else found)


def _valid_id(value: object) -> str | None:
    try:
        return to_ident(value)
    except ValueError:
        return None


def _field_names(model: type[BaseModel] | None) -> list[str]:
    """The names a mapping may use, in the model's order (aliases where a field has one)."""
    if model is None:
        return []
    return [field.alias or name for name, field in model.model_fields.items()]


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model that validates the mapping at ``loc`` (list indices pass through)."""
    current: type[BaseModel] | None = model
    for key in loc:
        if isinstance(key, int) or current is None:
            continue
        fields = {field.alias or name: field for name, field in current.model_fields.items()}
        current = _model_in(fields[key].annotation) if key in fields else None
    return current


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model inside a field's type: ``Tier`` in ``tuple[Tier, ...]``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in typing.get_args(annotation):
        found = _model_in(argument)
        if found is not None:
            return found
    return None
