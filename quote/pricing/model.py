"""The price list: the model of ``pricing.yaml`` (pydantic) and its loader.

``load_price_list(path)`` reads the file, checks everything and returns a :class:`PriceList`, or
raises :class:`~quote.pricing.problems.PricingError` listing every problem with file, line, column
and the path of the value (``services[content].tiers[2].price``). Prices in the file are euros
(VAT included, or for a seller who is not a VAT payer, ``vat: none``, the prices as they are); in
the model they are integer cents.

Texts are translatable (``quote.pricing.fields``): a text is a plain string in the default
language or a mapping with one text per language (``lv: …``, ``en: …``). ``languages`` (the
site's ``LANGUAGES``, the default first) says which languages must have every text; the
returned list is the default language's, and ``price_list.in_language("en")`` is the same list
with the English texts (same prices, same ``version``). Owner-facing output (``quote check``,
emails, offers) uses the default language; the site renders each page's language.

The models below are the schema: a field's type (``quote.pricing.fields``) says what the file may
hold there. To add an optional field, add it to its model with a default: its errors are mapped
to line and column by ``quote.pricing.validation``; a rule between fields goes into
``quote.pricing.rules``.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationInfo,
    model_validator,
)

from quote.errors import PricingError
from quote.i18n import N_
from quote.money import BP_PER_UNIT, DEFAULT_LANG
from quote.pricing.fields import (
    BILLINGS,
    Billing,
    Cents,
    Flag,
    Ident,
    OptionalCents,
    OptionalIdent,
    OptionalText,
    Reading,
    Text,
    Texts,
    empty_when_null,
    reading_of,
    to_vat_bp,
)
from quote.pricing.problems import Problem
from quote.pricing.validation import validate

__all__ = [
    "BILLINGS",
    "DEFAULT_MONTHLY_UNIT",
    "Extra",
    "Include",
    "PriceList",
    "PricingError",
    "Service",
    "Table",
    "TableColumns",
    "TableLabels",
    "Tier",
    "load_price_list",
    "parse_price_list",
]

# The unit of a monthly service that names none, in the default language; marked for the message
# catalogs (babel.cfg): another language's is its catalog's translation (``monthly_units``).
DEFAULT_MONTHLY_UNIT = N_("mēn.")


class _Model(BaseModel):
    """Immutable, and every field not in the model is reported (``extra_forbidden``)."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


# --------------------------------------------------------------------------------------------
# The model


class Include(_Model):
    """A service (and its tier, when it has tiers) included in a package tier."""

    service: Ident
    tier: OptionalIdent = None


class Tier(_Model):
    """One tier of a tiered service; ``price`` in cents, ``indicative``: price not yet confirmed.

    ``name`` and ``for_whom`` (optional) head a package tier's card: "Pamata pakete", and what
    kind of client it suits."""

    id: Ident
    price: Cents
    summary: Text
    includes: tuple[Include, ...] = ()
    indicative: Flag = False
    name: OptionalText = None
    for_whom: OptionalText = None


class Extra(_Model):
    """A line with its own label, shown as ``label – text`` (e.g. ``1 cikls – precizējumi …``)."""

    label: Text
    text: Text


class Service(_Model):
    """One row of the price table.

    Either ``price`` (cents) or ``tiers`` is set, never both. ``unit`` is what the price is per
    (``mēn.``, ``st.``); ``None`` for a one-time service without a unit.
    """

    id: Ident
    name: Text
    billing: Billing
    quantity: Flag = False
    unit: OptionalText = None
    price: OptionalCents = None
    tiers: Annotated[tuple[Tier, ...], Field(min_length=1)] = ()
    package: Flag = False
    description: Texts = ()
    includes: Texts = ()
    notes: Texts = ()
    limits: Texts = ()
    bonuses: Texts = ()
    extras: Annotated[tuple[Extra, ...], BeforeValidator(empty_when_null)] = ()
    # The tier highlighted as the recommended choice (optional; one of ``tiers``).
    recommended: OptionalIdent = None

    @model_validator(mode="before")
    @classmethod
    def _monthly_unit(cls, data: Any, info: ValidationInfo) -> Any:
        """A monthly service without a unit is priced per month (in the language being read)."""
        if isinstance(data, dict) and data.get("billing") == "monthly" and "unit" not in data:
            reading = reading_of(info)
            unit = {reading.lang: reading.monthly_unit} if reading else DEFAULT_MONTHLY_UNIT
            return {**data, "unit": unit}
        return data

    @property
    def monthly(self) -> bool:
        return self.billing == "monthly"

    @property
    def tiered(self) -> bool:
        return bool(self.tiers)

    @property
    def min_price(self) -> int:
        """The lowest price in cents (the price itself for a service without tiers)."""
        return self.tiers[0].price if self.tiers else self.price or 0

    @property
    def max_price(self) -> int:
        """The highest price in cents (the price itself for a service without tiers)."""
        return self.tiers[-1].price if self.tiers else self.price or 0

    def tier(self, tier_id: str) -> Tier:
        for tier in self.tiers:
            if tier.id == tier_id:
                return tier
        raise KeyError(tier_id)


class TableColumns(_Model):
    service: Text
    price: Text
    details: Text


class TableLabels(_Model):
    """Labels of the lines under a service: ``Iekļauts``, ``Piezīme``, ``Limits``, ``Bonuss``."""

    includes: Text
    notes: Text
    limits: Text
    bonuses: Text


class Table(_Model):
    """The price table's own text: caption, column headers, line labels."""

    title: Text
    columns: TableColumns
    labels: TableLabels


class PriceList(_Model):
    """The validated price list. ``version``: 12 hex chars of sha256 of its canonical JSON."""

    currency: Literal["EUR"]
    # A VAT payer's rate; None for a seller who is not a VAT payer (``vat: none`` in the file:
    # prices have no VAT in them and nothing shows a VAT split). quote.pricing.rules asks for
    # exactly one of the two.
    vat_bp: Annotated[int | None, BeforeValidator(to_vat_bp)] = Field(None, alias="vat_rate")
    vat: Literal["none"] | None = None
    vat_note: Text
    closing_note: Text
    table: Table
    services: Annotated[tuple[Service, ...], Field(min_length=1)]
    _version: str = PrivateAttr(default="")
    _lang: str = PrivateAttr(default=DEFAULT_LANG)
    _in_languages: dict[str, PriceList] = PrivateAttr(default_factory=dict)
    _warnings: tuple[Problem, ...] = PrivateAttr(default=())

    @property
    def version(self) -> str:
        """The default language's list's: translations do not make a new price list."""
        return self._version

    @property
    def lang(self) -> str:
        """The language of this list's texts."""
        return self._lang

    @property
    def languages(self) -> tuple[str, ...]:
        """Every language this list was read in, the default first."""
        return tuple(self._in_languages) or (self._lang,)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """What did not stop the list: a text in a language that is not published."""
        return self._warnings

    def in_language(self, lang: str) -> PriceList:
        """This list with its texts in ``lang`` (one of ``languages``)."""
        if lang == self._lang:
            return self
        return self._in_languages[lang]

    @property
    def vat_payer(self) -> bool:
        return self.vat_bp is not None

    @property
    def vat_rate(self) -> Decimal | None:
        return None if self.vat_bp is None else Decimal(self.vat_bp) / BP_PER_UNIT

    def service(self, service_id: str) -> Service:
        for service in self.services:
            if service.id == service_id:
                return service
        raise KeyError(service_id)

    def canonical_json(self) -> str:
        """The validated data as canonical JSON (sorted keys, no spaces, UTF-8 text)."""
        data = self.model_dump(mode="json")
        if data["vat"] is None:
            del data["vat"]  # a VAT payer's list keeps the version it had before `vat: none`
        return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))

    def with_version(self) -> PriceList:
        digest = hashlib.sha256(self.canonical_json().encode("utf-8")).hexdigest()
        versioned = self.model_copy()
        versioned._version = digest[:12]
        return versioned


# --------------------------------------------------------------------------------------------
# Loading


def load_price_list(
    path: str | os.PathLike[str],
    languages: Sequence[str] | None = None,
    monthly_units: Mapping[str, str] | None = None,
    prepared: Sequence[str] = (),
) -> PriceList:
    """Read, validate and return the price list at ``path``; raise ``PricingError`` if invalid.

    ``languages``: the published languages, the default first (default: ``lv`` alone); every
    text must be there in each. ``monthly_units``: a monthly service's unit when it names none,
    per language other than the default (the plugin gives its catalogs' translation of
    ``mēn.``). ``prepared``: languages not published but expected (they have a message
    catalog); a text in any other language is a warning."""
    file = os.fspath(path)
    try:
        content = Path(file).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        problem = f"cenrāža fails nav atrasts: {file}"
    except IsADirectoryError:
        problem = f"gaidīts cenrāža fails, bet {file} ir mape"
    except UnicodeDecodeError as exc:
        problem = f"fails jāsaglabā UTF-8 kodējumā (nederīgs baits pozīcijā {exc.start})"
    except OSError as exc:
        problem = f"cenrāža failu neizdevās nolasīt: {exc.strerror}"
    else:
        return parse_price_list(content, file, languages, monthly_units, prepared)
    raise PricingError([Problem(file, None, None, "", problem)])


def parse_price_list(
    content: str,
    file: str = "pricing.yaml",
    languages: Sequence[str] | None = None,
    monthly_units: Mapping[str, str] | None = None,
    prepared: Sequence[str] = (),
) -> PriceList:
    """Validate the YAML ``content`` of a price list; ``file`` is the name used in problems.
    ``languages``, ``monthly_units`` and ``prepared`` as for :func:`load_price_list`."""
    published = tuple(languages or (DEFAULT_LANG,))
    units = {published[0]: DEFAULT_MONTHLY_UNIT, **(monthly_units or {})}
    readings = [
        Reading(lang, published, units.get(lang, DEFAULT_MONTHLY_UNIT), prepared=tuple(prepared))
        for lang in published
    ]
    by_lang, warnings = validate(content, file, PriceList, readings)
    default = by_lang[published[0]].with_version()
    translated = {}
    for lang, price_list in by_lang.items():
        copy = default if lang == published[0] else price_list.model_copy()
        copy._version, copy._lang = default.version, lang
        translated[lang] = copy
    for price_list in translated.values():
        price_list._in_languages = translated
        price_list._warnings = tuple(warnings)
    return default
