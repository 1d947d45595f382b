"""The errors the ``quote`` package raises on purpose, all under :class:`QuoteError`.

The ``quote`` command turns any of them into one line on stderr (``quote: <message>``) and exits
with the class's :attr:`~QuoteError.exit_code`; a traceback means a bug. The endpoint answers
the request-level ones with an HTTP status and a stable code instead.
"""

from __future__ import annotations


class QuoteError(Exception):
    """Base of every error raised on purpose; never raised itself.

    ``exit_code`` is what the ``quote`` command exits with when this error stops it:
    1 for a problem found in the owner's data or on this machine, 2 for a setting or an argument.
    """

    exit_code = 1


class ConfigError(QuoteError, ValueError):
    """A ``QUOTE_*`` setting is missing or invalid; the message starts with the variable.

    Raised by :mod:`quote.contact.config` when settings are read, so a server or command stops at
    start (``python -m quote.contact`` and the ``quote`` command exit 2).
    """

    exit_code = 2


class StoreError(QuoteError):
    """The inquiry database cannot be opened, migrated or is newer than this code.

    Raised by :class:`quote.contact.store.Store` (``migrate``), at start of the endpoint and of
    ``quote inquiries`` / ``quote outbox``.
    """


class EstimateError(QuoteError, ValueError):
    """A selection the estimate engine refuses: ``code`` says why, ``key`` names the service.

    Raised by :func:`quote.estimate.estimate` (codes in ``docs/contracts.md``); the endpoint and
    the share links use the lenient :func:`quote.estimate.parse_query` instead, which never raises.
    """

    def __init__(self, code: str, key: str | None = None) -> None:
        super().__init__(f"{code}: {key}" if key else code)
        self.code = code
        self.key = key


class NotFoundError(QuoteError):
    """Something the owner named does not exist: the inquiry database, an inquiry number.

    Raised by the ``quote inquiries`` and ``quote outbox`` commands (exit 1).
    """


class TranslationError(QuoteError):
    """A language is configured without a usable message catalog, or a catalog cannot be read.

    Raised by :mod:`quote.i18n` when the site's languages are loaded (the build stops).
    """
