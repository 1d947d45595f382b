"""The catalog: the price list as the configurator's JSON (docs/contracts.md, "The catalog").

The plugin writes ``to_catalog(price_list)`` to ``output/data/pricing.json``; the estimate engines
(``quote/estimate.py`` and ``theme/static/js/estimate.js``) read it. Amounts are integer cents,
VAT as basis points, services in ``pricing.yaml`` order. A text the catalog's language lacks is
the default language's, and its entry's ``langs`` says so (``{"name": "lv"}``), so that the
configurator marks it with its language.
"""

from __future__ import annotations

from typing import Any

from quote.pricing.fields import text_lang
from quote.pricing.model import PriceList, Service, Tier


def _with_langs(entry: dict[str, Any], texts: tuple[str, ...]) -> dict[str, Any]:
    """``entry`` with ``langs``: the language of each of its ``texts`` that is borrowed from
    the default language; no ``langs`` when there is none."""
    langs = {key: text_lang(entry[key]) for key in texts if text_lang(entry[key])}
    return {**entry, "langs": langs} if langs else entry


def _tier(tier: Tier) -> dict[str, Any]:
    return _with_langs(
        {
            "id": tier.id,
            "price": tier.price,
            "summary": tier.summary,
            "indicative": tier.indicative,
            "includes": [{"service": inc.service, "tier": inc.tier} for inc in tier.includes],
        },
        ("summary",),
    )


def _service(service: Service) -> dict[str, Any]:
    return _with_langs(
        {
            "id": service.id,
            "name": service.name,
            "billing": service.billing,
            "quantity": service.quantity,
            "unit": service.unit,
            "price": None if service.tiers else service.price,
            "tiers": [_tier(tier) for tier in service.tiers],
            "package": service.package,
        },
        ("name", "unit"),
    )


def to_catalog(price_list: PriceList) -> dict[str, Any]:
    """The configurator's catalog dict (JSON-ready: only dicts, lists, str, int, bool, None)."""
    return {
        "version": price_list.version,
        "currency": price_list.currency,
        "vat_bp": price_list.vat_bp,
        "services": [_service(service) for service in price_list.services],
    }
