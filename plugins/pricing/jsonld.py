"""schema.org Service with an OfferCatalog, built from the validated price list.

One per language: the names and units in the page's language (``price_list.in_language``), the
unit codes from the default language's units (the ones ``UNIT_CODES`` knows), the site's name
from ``LANGUAGE_SETTINGS`` and the country's name from Babel. The template adds ``inLanguage``
and ``url``. A text the page's language lacks (the default language's) is a JSON-LD value with
its language: ``{"@value": "…", "@language": "lv"}``.
"""

from __future__ import annotations

from decimal import Decimal

from babel.core import Locale

from quote.i18n import language_context
from quote.pricing.fields import text_lang

# UN/CEFACT codes for the billing units schema.org understands; others go in unitText only.
UNIT_CODES = {"mēn.": "MON", "st.": "HUR"}


def _text(value: str) -> str | dict:
    """A text as structured data: as it is, or a borrowed one with its language."""
    lang = text_lang(value)
    return {"@value": str(value), "@language": lang} if lang else value


def _euros(cents: int) -> str:
    return str((Decimal(cents) / 100).quantize(Decimal("0.01")))


def price_specification(
    service, unit_code: str | None = None, vat_payer: bool = True
) -> dict | None:
    """The service's prices; indicative (unconfirmed) tier prices are left out, and a service
    whose every tier is indicative has no price specification at all. ``unit_code``: the unit's
    code (default: from the unit's own text). A seller who is not a VAT payer makes no claim
    about VAT (``valueAddedTaxIncluded`` would say there is VAT in the price)."""
    spec: dict = {"@type": "UnitPriceSpecification", "priceCurrency": "EUR"}
    if vat_payer:
        spec["valueAddedTaxIncluded"] = True
    if service.tiers:
        firm = [t.price for t in service.tiers if not t.indicative]
        if not firm:
            return None
        spec["minPrice"] = _euros(min(firm))
        spec["maxPrice"] = _euros(max(firm))
    else:
        spec["price"] = _euros(service.price)
    if service.unit:
        spec["unitText"] = _text(service.unit)
        code = unit_code or UNIT_CODES.get(service.unit)
        if code:
            spec["unitCode"] = code
    if service.billing == "monthly":
        spec["billingDuration"] = {"@type": "QuantitativeValue", "value": 1, "unitCode": "MON"}
    return spec


def offer(service, unit_code: str | None = None, vat_payer: bool = True) -> dict:
    # Names only: the descriptions are on the page, and every byte counts on a phone.
    result: dict = {
        "@type": "Offer",
        "itemOffered": {"@type": "Service", "name": _text(service.name)},
    }
    spec = price_specification(service, unit_code, vat_payer)
    if spec is not None:
        result["priceSpecification"] = spec
    return result


def service_jsonld(price_list, settings) -> dict:
    """The structured data of ``price_list`` in its language (``price_list.lang``)."""
    origin = settings["SITE_ORIGIN"].rstrip("/")
    owner = settings["OWNER"]
    lang = price_list.lang
    default = price_list.in_language(price_list.languages[0])
    codes = [UNIT_CODES.get(service.unit or "") for service in default.services]
    return {
        "@context": "https://schema.org",
        "@type": "Service",
        "name": language_context(settings, lang)["SITENAME"],
        "areaServed": {"@type": "Country", "name": Locale.parse(lang).territories["LV"]},
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
            "name": _text(price_list.table.title),
            "itemListElement": [
                offer(service, code, price_list.vat_payer)
                for service, code in zip(price_list.services, codes, strict=True)
            ],
        },
    }
