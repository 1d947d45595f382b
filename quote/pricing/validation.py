"""Validation of ``pricing.yaml``: every problem at once, each at its file:line:column.

The pipeline: read the YAML with the marks of its keys and values (``quote.pricing.marks``), check
the rules between fields (``quote.pricing.rules``), validate the schema with pydantic, and map
each pydantic error's ``loc`` back to the line and column it was written at, with the Latvian
text for its error type and field (``quote.pricing.messages``). Nothing stops at the first
problem: the owner sees the whole list, in file order.

Texts are read once per published language (``quote.pricing.fields.Reading``): each pass gives
the model in its language; the passes' problems are the same problem, reported once. A text
missing in a language other than the default is no problem: that language shows the default
language's text, and a strict pass per such language finds each one for a warning naming the
line and the language to add. A last pass looks only at the languages a text is written in: one
that is not published is a warning (the owner may be preparing a language before adding it to
``LANGUAGES``; a typo is shown without stopping).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from quote.errors import PricingError
from quote.pricing import messages as text
from quote.pricing.fields import Reading
from quote.pricing.marks import Marked, load_marked
from quote.pricing.problems import Problem, Report
from quote.pricing.rules import check_rules

Model = TypeVar("Model", bound=BaseModel)


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
    """The missing translations (:func:`_missing_texts`), then one warning per language a text
    is written in that is neither published nor prepared: at its first text, with how many more
    there are."""
    if not readings:
        return []
    missing = [
        problem
        for reading in readings[1:]
        for problem in _missing_texts(file, marked, model, replace(reading, strict=True))
    ]
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
    return missing + sorted(warnings, key=lambda p: (p.line or 0, p.column or 0))


# The missing translations of one language named one by one; the rest by their lines.
MISSING_SHOWN = 10


def _missing_texts(
    file: str, marked: Marked, model: type[BaseModel], strict: Reading
) -> list[Problem]:
    """Each text ``strict.lang`` lacks (shown in the default language's until it is added), in
    file order: the first :data:`MISSING_SHOWN` one by one, then one warning for the others."""
    report = Report(file, marked)
    for error in _validate_once(model, marked.data, strict)[1]:
        if error["type"] == "text_language":
            report.schema_error(error, model)
    found = report.sorted()
    shown, others = found[:MISSING_SHOWN], found[MISSING_SHOWN:]
    warnings = [
        replace(p, expected=p.expected + text.shown_instead(strict.lang, strict.default))
        for p in shown
    ]
    if others:
        lines = ", ".join(str(p.line) for p in others)
        first = others[0]
        warnings.append(
            Problem(file, first.line, first.column, "", text.more_missing(strict.lang, lines))
        )
    return warnings


def _validate_once(
    model: type[Model], data: Any, reading: Reading | None
) -> tuple[Model | None, list[Any]]:
    try:
        return model.model_validate(data, context={"reading": reading}), []
    except ValidationError as exc:
        return None, exc.errors()
