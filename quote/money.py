"""Money: integer cents, VAT split and the euro format per language (docs/contracts.md, "Money").

Every amount in code is an ``int`` of cents. Formatting follows Babel's locale for the language
(``lv`` by default: digits grouped by three, decimal comma, the sign after the number; ``en``:
``€1,234.50``) with every space a no-break space (U+00A0), cents shown only when not zero:
``250 €``, ``289,26 €``, ``1 234,50 €``; ``€250``, ``€289.26``, ``€1,234.50``.
``theme/static/js/estimate.js``'s ``formatCents`` must give the same strings.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Protocol

from babel.core import Locale
from babel.numbers import format_decimal

DEFAULT_LANG = "lv"
NBSP = "\u00a0"
EN_DASH = "\u2013"
EURO = "€"
BP_PER_UNIT = 10_000
# What a seller who is not a VAT payer (pricing.yaml `vat: none`) says where prices are offered;
# the site's copy of it is theme/templates/partials/not_vat_payer.html (through the catalogs).
NOT_VAT_PAYER = "Pakalpojumu sniedzējs nav PVN maksātājs"

# Characters Babel or a unit may use as a space; all become U+00A0.
_SPACES = str.maketrans({" ": NBSP, "\u202f": NBSP, "\u2009": NBSP, "\u2007": NBSP})


def _check_cents(cents: object) -> int:
    if isinstance(cents, bool) or not isinstance(cents, int):
        raise TypeError(f"amount must be int cents, got {cents!r}")
    return cents


def vat_bp(rate: Decimal | float | int | str) -> int:
    """VAT rate as integer basis points: ``0.21`` -> ``2100``.

    Raises ``ValueError`` unless ``0 <= rate < 1`` and the rate is a whole number of basis points.
    """
    if isinstance(rate, bool):
        raise ValueError(f"VAT rate must be a number, got {rate!r}")
    try:
        value = Decimal(str(rate))
    except InvalidOperation as exc:
        raise ValueError(f"VAT rate must be a number, got {rate!r}") from exc
    if not value.is_finite() or not 0 <= value < 1:
        raise ValueError(f"VAT rate must be at least 0 and below 1, got {rate!r}")
    bp = value * BP_PER_UNIT
    if bp != bp.to_integral_value():
        raise ValueError(f"VAT rate must be a whole number of basis points, got {rate!r}")
    return int(bp)


def split_vat(gross_cents: int, bp: int) -> tuple[int, int]:
    """Split a VAT-inclusive amount into ``(net, vat)`` cents, net rounded half up."""
    gross = _check_cents(gross_cents)
    rate = _check_cents(bp)
    if rate < 0:
        raise ValueError(f"VAT basis points must not be negative, got {bp!r}")
    divisor = BP_PER_UNIT + rate
    net = (2 * gross * BP_PER_UNIT + divisor) // (2 * divisor)
    return net, gross - net


def _unsigned_amount(cents: int, lang: str) -> str:
    whole, rest = divmod(abs(cents), 100)
    if rest:
        number = format_decimal(Decimal(abs(cents)) / 100, format="#,##0.00", locale=lang)
    else:
        number = format_decimal(whole, format="#,##0", locale=lang)
    return number.translate(_SPACES)


def format_amount(cents: int, lang: str = DEFAULT_LANG) -> str:
    """The number part of a price: ``123450`` -> ``1 234,50`` (``en``: ``1,234.50``)."""
    value = _check_cents(cents)
    return ("-" if value < 0 else "") + _unsigned_amount(value, lang)


@cache
def _currency_affixes(lang: str) -> tuple[str, str]:
    """What the locale writes before and after the number of a euro amount: ``("", " €")``."""
    pattern = Locale.parse(lang).currency_formats["standard"].pattern.split(";")[0]
    digits = [i for i, char in enumerate(pattern) if char in "#0.,"]
    prefix, suffix = pattern[: digits[0]], pattern[digits[-1] + 1 :]
    return tuple(affix.replace("¤", EURO).translate(_SPACES) for affix in (prefix, suffix))


def format_eur(cents: int, lang: str = DEFAULT_LANG) -> str:
    """A formatted euro amount: ``28926`` -> ``289,26 €`` (``en``: ``€289.26``); spaces U+00A0."""
    value = _check_cents(cents)
    prefix, suffix = _currency_affixes(lang)
    return ("-" if value < 0 else "") + prefix + _unsigned_amount(value, lang) + suffix


def money_format(lang: str = DEFAULT_LANG) -> dict[str, str]:
    """The language's euro format for ``estimate.js``'s ``formatCents``: the digit group and
    decimal separators and what comes before and after the number (no-break spaces)."""
    prefix, suffix = _currency_affixes(lang)
    sample = _unsigned_amount(123456, lang)  # "1 234,56"
    return {"group": sample[1], "decimal": sample[5], "prefix": prefix, "suffix": suffix}


def unit_suffix(unit: str | None) -> str:
    """`` / unit`` with no-break spaces, or ``""`` without a unit."""
    if not unit:
        return ""
    return f"{NBSP}/{NBSP}{unit.translate(_SPACES)}"


def format_range(low: int, high: int, unit: str | None = None, lang: str = DEFAULT_LANG) -> str:
    """``35000, 60000, "mēn."`` -> ``350–600 € / mēn.``; one amount when ``low == high``.

    The euro sign is written once, where the language puts it: ``€350–600 / month`` in ``en``.
    """
    if _check_cents(low) > _check_cents(high):
        raise ValueError(f"range low {low} is above high {high}")
    if low == high:
        return format_eur(low, lang) + unit_suffix(unit)
    if _currency_affixes(lang)[0]:
        return f"{format_eur(low, lang)}{EN_DASH}{format_amount(high, lang)}{unit_suffix(unit)}"
    return f"{format_amount(low, lang)}{EN_DASH}{format_eur(high, lang)}{unit_suffix(unit)}"


class _Priced(Protocol):
    @property
    def price(self) -> int | None: ...

    @property
    def unit(self) -> str | None: ...

    @property
    def tiers(self) -> tuple: ...


def format_price(service: _Priced, lang: str = DEFAULT_LANG) -> str:
    """A service's price as the price table shows it.

    ``250 €``, ``120 € / mēn.``, ``220 € / sesija (2 h)``; a tiered service shows the range of its
    tier prices: ``350–600 € / mēn.``.
    """
    if service.tiers:
        prices = [tier.price for tier in service.tiers]
        return format_range(min(prices), max(prices), service.unit, lang)
    if service.price is None:
        raise ValueError("service has neither a price nor tiers")
    return format_eur(service.price, lang) + unit_suffix(service.unit)
