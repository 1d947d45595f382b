"""The problems found in a price list, and the report that collects them.

A :class:`Problem` is one mistake at its file:line:column; :class:`Report` turns a location in the
data into that mark and a readable path. The validation (``quote.pricing.validation``) and the
rules between fields (``quote.pricing.rules``) both report into one :class:`Report`, so the owner
sees every problem at once; :class:`quote.errors.PricingError` carries them to the build.

Messages in :class:`Problem` are Latvian: they are read by the site's owner.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from quote.errors import PricingError
from quote.pricing import messages as text
from quote.pricing.fields import to_ident
from quote.pricing.marks import Loc, Mark, Marked

__all__ = ["PricingError", "Problem", "Report"]

_FROM_MARK = object()
# Lists whose items are named by their id in a path (``services[content].tiers[2]``); the items
# of other lists by their 1-based position.
_LISTS_BY_ID = ("services", "tiers")


@dataclass(frozen=True)
class Problem:
    """One problem in a price list file.

    ``line`` and ``column`` are 1-based and ``None`` only when there is no position (missing or
    unreadable file). ``path`` locates the value inside the document, e.g.
    ``services[content].tiers[2].price`` (services and tiers by id, other list items by their
    1-based position); it is empty for problems of the file as a whole. ``expected`` is the
    Latvian explanation, ``found`` the offending value as written (``None`` when nothing was found,
    e.g. a missing field).
    """

    file: str
    line: int | None
    column: int | None
    path: str
    expected: str
    found: str | None = None

    @property
    def location(self) -> str:
        if self.line is None:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"

    def __str__(self) -> str:
        parts = [self.location]
        if self.path:
            parts.append(self.path)
        message = self.expected
        if self.found is not None:
            message += f", atrasts: {self.found}"
        parts.append(message)
        return ": ".join(parts)


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
