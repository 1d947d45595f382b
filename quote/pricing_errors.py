"""Error types of the ``quote`` domain.

- :class:`quote.errors.QuoteError` is the base of every error the domain raises on purpose.
- :class:`PricingError` is raised by :func:`quote.pricing.load_price_list` (and
  :func:`quote.pricing.parse_price_list`) when ``pricing.yaml`` is missing, unreadable, not YAML or
  not a valid price list. It carries *every* problem found, each a :class:`Problem`.

Messages in :class:`Problem` are Latvian: they are read by the site's owner.
"""

from __future__ import annotations

from dataclasses import dataclass

from quote.errors import QuoteError


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


class PricingError(QuoteError):
    """The price list is invalid; ``problems`` lists every problem, in file order."""

    def __init__(self, problems: list[Problem]) -> None:
        if not problems:
            raise ValueError("PricingError needs at least one problem")
        self.problems: list[Problem] = list(problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)
