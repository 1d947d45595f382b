"""The labelled lines under a service in the price list: ``Iekļauts – …``, ``Piezīme – …``.

One definition for every place that shows them: the price table (through the pricing plugin's
``detail_lines`` filter) and ``quote check``.
"""

from __future__ import annotations

from typing import NamedTuple

from quote.pricing.model import Service, TableLabels


class DetailLine(NamedTuple):
    """One line under a service, shown as ``label – text``."""

    label: str
    text: str


def detail_lines(service: Service, labels: TableLabels) -> list[DetailLine]:
    """The service's lines in table order: includes, notes, limits, bonuses, then extras."""
    lines = [DetailLine(labels.includes, text) for text in service.includes]
    lines += [DetailLine(labels.notes, text) for text in service.notes]
    lines += [DetailLine(labels.limits, text) for text in service.limits]
    lines += [DetailLine(labels.bonuses, text) for text in service.bonuses]
    lines += [DetailLine(extra.label, extra.text) for extra in service.extras]
    return lines
