"""The catalog: the price list as the configurator's JSON (docs/contracts.md, "The catalog").

The plugin writes ``to_catalog(price_list)`` to ``output/data/pricing.json``; the estimate engines
(``quote/estimate.py`` and ``theme/static/js/estimate.js``) read it. Amounts are integer cents,
VAT as basis points, services in ``pricing.yaml`` order.
"""

from __future__ import annotations

from typing import Any

from quote.pricing.model import PriceList, Service, Tier


def _tier(tier: Tier) -> dict[str, Any]:
    return {
        "id": tier.id,
        "price": tier.price,
        "summary": tier.summary,
        "indicative": tier.indicative,
        "includes": [{"service": inc.service, "tier": inc.tier} for inc in tier.includes],
    }


def _service(service: Service) -> dict[str, Any]:
    return {
        "id": service.id,
        "name": service.name,
        "billing": service.billing,
        "quantity": service.quantity,
        "unit": service.unit,
        "price": None if service.tiers else service.price,
        "tiers": [_tier(tier) for tier in service.tiers],
        "package": service.package,
    }


def to_catalog(price_list: PriceList) -> dict[str, Any]:
    """The configurator's catalog dict (JSON-ready: only dicts, lists, str, int, bool, None)."""
    return {
        "version": price_list.version,
        "currency": price_list.currency,
        "vat_bp": price_list.vat_bp,
        "services": [_service(service) for service in price_list.services],
    }
