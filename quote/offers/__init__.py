"""The owner's follow-up of inquiries: statuses, offers, and the inquiry reports.

- ``followup``: statuses, offers and their numbers (the store's follow-up tables);
- ``document``: ``quote offer``: price the offer, render ``theme/offer/offer.html``, print the PDF;
- ``report``: the CSV/JSON export and ``quote inquiries stats``.

This package sits above :mod:`quote.contact` (whose store it reads and writes) and below
:mod:`quote.commands`.
"""
