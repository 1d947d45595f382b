"""What may be counted: a fixed list of events, each with the dimensions it may carry.

This is the contract between the page's counting script, the endpoint that stores the counts and
``quote stats`` that reports them. A count is a row of the store's ``visit_count`` table
(quote/contact/store.py, migration 7)::

    day            the UTC date, YYYY-MM-DD
    event          one of EVENTS
    dimension      "" for the event's total, else one of EVENTS[event]
    value          "" for the total, else the dimension's value (see below)
    price_version  the pricing.yaml version live when it was counted ("" if none was known)
    count          how many times

One occurrence of an event adds 1 to its total row and 1 to one row per dimension it carries
(``estimate`` adds one ``service`` row per chosen service and tier). Nothing else is stored: no
time of day, no address, no user agent, no cookie, no visitor id.

Dimension values:

- ``page``: the page's path on the site (``/``, ``/en/``, ``/buj/``), never its query;
- ``lang``: a site language code (``lv``, ``en``);
- ``referrer``: the referring site's host only (``www.google.com``), "" when none or our own;
- ``service``: ``<service id>:<tier id>`` from pricing.yaml, the service id alone for a
  service without tiers (``community``, ``influencer``);
- ``band``: the lower bound in whole euros of the monthly VAT-inclusive price band
  (one of PRICE_BANDS, as text: ``"250"`` means 250–499 €), never the exact total.
"""

from __future__ import annotations

# event -> the dimensions it may carry
EVENTS: dict[str, tuple[str, ...]] = {
    "view": ("page", "lang", "referrer"),  # a page was shown
    "configure": ("lang",),  # the configurator's first change on a page view
    "estimate": ("lang", "service", "band"),  # an estimate was shown for a choice
    "share": ("lang",),  # a share link was made
    "print": ("lang",),  # the estimate was printed
    "inquiry": ("lang",),  # an inquiry was stored (counted by the endpoint itself)
    "offer_viewed": ("lang",),  # an offer page was opened (counted by the endpoint)
    "offer_accepted": ("lang",),  # an offer was accepted on its page (counted by the endpoint)
}

# Events only the endpoint counts; a page may not send them.
SERVER_EVENTS = frozenset({"inquiry", "offer_viewed", "offer_accepted"})

# The lower bounds, in whole euros, of the monthly price bands (the last one is open-ended).
PRICE_BANDS: tuple[int, ...] = (0, 100, 250, 500, 1000, 2000)


def price_band(monthly_gross_cents: int) -> str:
    """The band a monthly VAT-inclusive price falls in, as stored (``"250"``)."""
    euros = monthly_gross_cents // 100
    return str(max(bound for bound in PRICE_BANDS if bound <= max(euros, 0)))
