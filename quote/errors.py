"""The errors the ``quote`` package raises on purpose, all under :class:`QuoteError`.

The ``quote`` command turns any of them into one line on stderr (``quote: <message>``) and exits
with the class's :attr:`~QuoteError.exit_code`; a traceback means a bug. The endpoint answers
the request-level ones with an HTTP status and a stable code instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the classes the errors carry; imported for their names only
    from quote.owner import Placeholder
    from quote.pricing.problems import Problem


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


class DamagedStoreError(StoreError):
    """The inquiry database file is empty, not a database, or damaged (SQLite's quick check).

    Raised by :class:`quote.contact.store.Store` (``migrate``, ``check``, ``probe_write``): the
    endpoint then refuses to start or reports 503 on ``/api/health``; ``quote`` commands say what
    to do (quote.commands.common.open_store) instead of reporting anything.
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


class ReportError(QuoteError):
    """The owner's report cannot be written where ``quote stats --html`` was told (exit 1)."""


class TranslationError(QuoteError):
    """A language is configured without a usable message catalog, or a catalog cannot be read.

    Raised by :mod:`quote.i18n` when the site's languages are loaded (the build stops).
    """


class ImageError(QuoteError):
    """An image the owner named in a page's metadata (``Image:``) is missing or not an image.

    Raised by :mod:`quote.site.share_images` while the site is built (the build stops, naming
    the file).
    """


class PricingError(QuoteError):
    """The price list is invalid; ``problems`` lists every problem, in file order.

    Raised by :func:`quote.pricing.model.load_price_list` (and ``parse_price_list``) when
    ``pricing.yaml`` is missing, unreadable, not YAML or not a valid price list; each problem is a
    :class:`quote.pricing.problems.Problem` with file:line:column and a Latvian explanation. The
    build, ``quote check`` and the preview's banner print them all.
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        if not problems:
            raise ValueError("PricingError needs at least one problem")
        self.problems: list[Problem] = list(problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)


class SettingsError(QuoteError):
    """The settings file can't be read (missing, a Python error in it, or OWNER not a dict).

    Raised by :func:`quote.owner.load` (the build, ``quote offer``, ``quote check``).
    """


class PlaceholderError(SettingsError):
    """Settings still hold placeholders; the message (Latvian) lists every one to fill in.

    Raised by :func:`quote.owner.require_filled` before a published build or an offer.
    """

    def __init__(self, placeholders: Sequence[Placeholder], purpose: str) -> None:
        self.placeholders = list(placeholders)
        lines = [f"{purpose}: vispirms jānorāda īstie dati šajos iestatījumos:"]
        lines += [f"  {p.message()}" for p in placeholders]
        super().__init__("\n".join(lines))


class ServeError(QuoteError):
    """A server cannot listen where it was asked to (a port in use, a foreign address); the
    message (Latvian) says what to do.

    Raised by :func:`quote.site.server.serve_endpoint` (``quote serve``,
    ``python -m quote.contact``).
    """


class FollowupError(QuoteError):
    """A follow-up the store refuses (an unknown status); message in Latvian.

    Raised by :mod:`quote.offers.followup` (``quote inquiries status``).
    """


class OfferError(QuoteError):
    """An offer that can't be written (no estimate, spam, a bad discount); the message (Latvian)
    says why and what to do.

    Raised by :func:`quote.offers.document.write_offer` and ``percent_to_bp`` (``quote offer``).
    """


class AcceptedOfferError(OfferError):
    """A new offer asked for an inquiry whose newest offer the client accepted: an accepted offer
    is locked; the message (Latvian) says how to make a new version on purpose.

    Raised by :func:`quote.offers.followup.record_offer` (``quote offer ID`` without
    ``--new-version``).
    """


class MailError(QuoteError):
    """A test message did not reach the SMTP server, or no server is set; the message (Latvian)
    says what went wrong and which setting to check.

    Raised by ``quote outbox test`` (exit 1).
    """


class DeployError(QuoteError):
    """A step of ``quote deploy`` failed; ``step`` names it in Latvian, the message says what
    went wrong and that the running site and endpoint were left as they were.

    Raised by :mod:`quote.site.deploy` (``make deploy``): by the local checks before anything is
    sent (the settings file, the published build) and by each step on the server.
    """

    def __init__(self, step: str, problem: str) -> None:
        self.step = step
        self.problem = problem
        super().__init__(f"Izvietošana apturēta, solis „{step}”: {problem}")
