"""schema.org Service with an OfferCatalog, built from the validated price list."""

from __future__ import annotations

from decimal import Decimal

# UN/CEFACT codes for the billing units schema.org understands; others go in unitText only.
UNIT_CODES = {"mēn.": "MON", "st.": "HUR"}


def _euros(cents: int) -> str:
    return str((Decimal(cents) / 100).quantize(Decimal("0.01")))


def price_specification(service) -> dict | None:
    """The service's prices; indicative (unconfirmed) tier prices are left out, and a service
    whose every tier is indicative has no price specification at all."""
    spec: dict = {
        "@type": "UnitPriceSpecification",
        "priceCurrency": "EUR",
        "valueAddedTaxIncluded": True,
    }
    if service.tiers:
        firm = [t.price for t in service.tiers if not t.indicative]
        if not firm:
            return None
        spec["minPrice"] = _euros(min(firm))
        spec["maxPrice"] = _euros(max(firm))
    else:
        spec["price"] = _euros(service.price)
    if service.unit:
        spec["unitText"] = service.unit
        if service.unit in UNIT_CODES:
            spec["unitCode"] = UNIT_CODES[service.unit]
    if service.billing == "monthly":
        spec["billingDuration"] = {"@type": "QuantitativeValue", "value": 1, "unitCode": "MON"}
    return spec


def offer(service) -> dict:
    # Names only: the descriptions are on the page, and every byte counts on a phone.
    result: dict = {"@type": "Offer", "itemOffered": {"@type": "Service", "name": service.name}}
    spec = price_specification(service)
    if spec is not None:
        result["priceSpecification"] = spec
    return result


def service_jsonld(price_list, settings) -> dict:
    origin = settings["SITE_ORIGIN"].rstrip("/")
    owner = settings["OWNER"]
    return {
        "@context": "https://schema.org",
        "@type": "Service",
        "name": settings["SITENAME"],
        "areaServed": {"@type": "Country", "name": "Latvija"},
        "url": origin + "/",
        "provider": {
            "@type": "Person",
            "name": owner["name"],
            "email": owner["email"],
            "telephone": owner["phone"],
            "url": origin + "/",
        },
        "hasOfferCatalog": {
            "@type": "OfferCatalog",
            "name": price_list.table.title,
            "itemListElement": [offer(service) for service in price_list.services],
        },
    }
