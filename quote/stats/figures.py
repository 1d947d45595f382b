"""The report's figures for a period, read from the store into plain dataclasses.

Counts come from ``visit_count`` (quote/counting/events.py): a row's ``day`` is a UTC date, and
the period's days are compared with it as they are. The last two steps of the funnel come from
the follow-up tables: an inquiry counts as "offer sent" in the day (Riga time) its first offer
version was sent, and as "accepted" in the day a client accepted one of its versions. Each is
tagged with the price list its offer was priced with (the inquiry's when the offer names none).

Nothing here is rounded, hidden or named: words.py decides what a small count shows, labels.py
what a service id or a version is called.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from datetime import date, timedelta

from quote.contact.store import Store
from quote.counting.events import PRICE_BANDS
from quote.offers.status import local_date

# The funnel's steps, in order: (step, the visit_count event it is counted from, or None when the
# follow-up tables say it).
STEPS: tuple[tuple[str, str | None], ...] = (
    ("visits", "view"),
    ("configured", "configure"),
    ("estimated", "estimate"),
    ("inquiries", "inquiry"),
    ("offers", None),
    ("accepted", None),
)


@dataclasses.dataclass(frozen=True)
class Period:
    """From ``start`` to ``end``, both days included."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @classmethod
    def last(cls, days: int, end: date) -> Period:
        """The ``days`` days that end with ``end``."""
        return cls(end - timedelta(days=days - 1), end)


@dataclasses.dataclass(frozen=True)
class Funnel:
    visits: int = 0
    configured: int = 0
    estimated: int = 0
    inquiries: int = 0
    offers: int = 0
    accepted: int = 0

    def steps(self) -> tuple[tuple[str, int], ...]:
        """``(step, count)`` in the funnel's order."""
        return tuple((step, getattr(self, step)) for step, _ in STEPS)


@dataclasses.dataclass(frozen=True)
class Version:
    """A price list counted with in the period: its version and its share of the funnel."""

    version: str
    first_day: date  # the first and last day of the period with a count tagged with it
    last_day: date
    funnel: Funnel


@dataclasses.dataclass(frozen=True)
class Figures:
    period: Period
    funnel: Funnel
    shares: int  # share links made
    prints: int  # estimates printed
    # (value, count), most first (then by value): ``content:2``, a page's path, a host, a code
    services: tuple[tuple[str, int], ...]
    pages: tuple[tuple[str, int], ...]
    languages: tuple[tuple[str, int], ...]
    referrers: tuple[tuple[str, int], ...]  # "" for none (typed in, a bookmark, our own site)
    bands: tuple[tuple[int, int], ...]  # every band of PRICE_BANDS in order: (lower bound, count)
    # Every price list the period's counts are tagged with, the first counted first (counts
    # made while none was known, tagged "", are in the totals only; so are offers priced with a
    # version no count of the period has)
    versions: tuple[Version, ...]

    @property
    def empty(self) -> bool:
        return not any(count for _, count in self.funnel.steps()) and not (
            self.shares or self.prints
        )


def read_figures(store: Store, period: Period) -> Figures:
    """The figures of ``period`` from ``store``."""
    start, end = period.start.isoformat(), period.end.isoformat()
    with store.reading() as conn:
        counted = conn.execute(
            "SELECT event, dimension, value, price_version, SUM(count), MIN(day), MAX(day)"
            " FROM visit_count WHERE day BETWEEN ? AND ?"
            " GROUP BY event, dimension, value, price_version",
            (start, end),
        ).fetchall()
        offers = conn.execute(
            "SELECT o.inquiry_id, o.sent_at, o.answer, o.answered_at,"
            " COALESCE(NULLIF(o.price_version, ''), i.price_version, '') AS version"
            " FROM offer o JOIN inquiry i ON i.id = o.inquiry_id ORDER BY o.id"
        ).fetchall()
    totals: dict[str, Counter[str]] = defaultdict(Counter)  # event -> version -> count
    by_dimension: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    days: dict[str, list[str]] = {}
    for event, dimension, value, version, count, first, last in counted:
        if dimension == "":
            totals[event][version] += count
            seen = days.setdefault(version, [first, last])
            seen[0], seen[1] = min(seen[0], first), max(seen[1], last)
        else:
            by_dimension[(event, dimension)][value] += count
    sent, accepted = _followup(offers, period)

    def funnel(version: str | None) -> Funnel:
        """The whole period's funnel (``version`` None), or that of the counts tagged with it."""

        def of(counter: Counter[str]) -> int:
            return sum(counter.values()) if version is None else counter.get(version, 0)

        steps = {step: of(totals[event]) for step, event in STEPS if event}
        return Funnel(**steps, offers=of(sent), accepted=of(accepted))

    bands = by_dimension[("estimate", "band")]
    versions = sorted((v for v in days if v), key=lambda v: (days[v][0], v))
    return Figures(
        period=period,
        funnel=funnel(None),
        shares=sum(totals["share"].values()),
        prints=sum(totals["print"].values()),
        services=_ranked(by_dimension[("estimate", "service")]),
        pages=_ranked(by_dimension[("view", "page")]),
        languages=_ranked(by_dimension[("view", "lang")]),
        referrers=_ranked(by_dimension[("view", "referrer")]),
        bands=tuple((bound, bands.get(str(bound), 0)) for bound in PRICE_BANDS),
        versions=tuple(
            Version(
                version,
                date.fromisoformat(days[version][0]),
                date.fromisoformat(days[version][1]),
                funnel(version),
            )
            for version in versions
        ),
    )


def _followup(offers: list, period: Period) -> tuple[Counter[str], Counter[str]]:
    """Inquiries whose first offer was sent in the period, and those with an offer accepted in
    it, each by the price list version of that offer."""
    first_sent: dict[int, tuple[str, str]] = {}
    accepted: dict[int, str] = {}
    for row in offers:
        if row["sent_at"] and (
            row["inquiry_id"] not in first_sent or row["sent_at"] < first_sent[row["inquiry_id"]][0]
        ):
            first_sent[row["inquiry_id"]] = (row["sent_at"], row["version"])
        answered = row["answered_at"]
        if row["answer"] == "accepted" and answered and _within(local_date(answered), period):
            accepted[row["inquiry_id"]] = row["version"]
    sent = Counter(
        version for stamp, version in first_sent.values() if _within(local_date(stamp), period)
    )
    return sent, Counter(accepted.values())


def _within(day: date, period: Period) -> bool:
    return period.start <= day <= period.end


def _ranked(counts: Counter[str]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
