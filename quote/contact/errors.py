"""The endpoint's own errors: a request it refuses, and why. None leaves the endpoint.

Each becomes an HTTP answer with a stable error code (docs/contracts.md), never a traceback:

- :class:`BodyError`: the body can't be read (type, size, encoding); raised by
  :mod:`quote.contact.body`, answered 400/413/415 at once.
- :class:`Invalid`: the fields break the rules, each a :class:`FieldError`; raised by
  :func:`quote.contact.validation.validate`, answered 422 with every problem.
- :class:`TextProblem`: one text value normalisation can't accept; raised by
  :func:`quote.contact.validation.clean_text`, turned into a :class:`FieldError` by its caller.
- :class:`RequestProblem`: what the app answers with (status, errors, the values to show again);
  raised inside :mod:`quote.contact.app`.
- :class:`CountRefused`: a count post refused (``/api/count``); raised by
  :mod:`quote.counting.reading` and :mod:`quote.counting.endpoint`, answered there with its
  status and code (no message: no one reads it, the page's script sends and forgets).

The errors of the project as a whole (settings, store, price list) are in :mod:`quote.errors`.
"""

from __future__ import annotations

import dataclasses
from typing import Any


@dataclasses.dataclass(frozen=True)
class FieldError:
    field: str | None
    code: str


class Invalid(Exception):
    """The request's fields break the rules; ``errors`` lists each problem."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__(", ".join(f"{e.field}:{e.code}" for e in errors))
        self.errors = errors


class TextProblem(Exception):
    """A text value that normalisation can't accept; ``code`` is its error code."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class BodyError(Exception):
    def __init__(self, status: int, code: str, detail: str = "") -> None:
        super().__init__(f"{status} {code} {detail}".strip())
        self.status = status
        self.code = code


class RequestProblem(Exception):
    def __init__(self, status: int, errors: list[FieldError], values: Any = None) -> None:
        super().__init__(status)
        self.status = status
        self.errors = errors
        self.values = values


class CountRefused(Exception):
    def __init__(self, status: int, code: str, field: str | None = None) -> None:
        super().__init__(f"{status} {code} {field or ''}".strip())
        self.status = status
        self.code = code
        self.field = field
