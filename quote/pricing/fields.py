"""The field types of the price list: each converts a value from ``pricing.yaml`` or refuses it.

A refusal is a pydantic error whose type names the kind of value (``text``, ``ident``, ``flag``,
``price``, ``vat_rate``) and whose message is the Latvian text of :mod:`quote.pricing.messages`.

Texts are translatable. A text field holds either a plain string, the text in the default
language, or a mapping with one text per language (``lv: …``, ``en: …``). Validation reads the
file once per published language (:class:`Reading`, passed as pydantic's validation context):
in each pass a text field yields that language's text. A text the default language has and
another published language lacks is not a mistake (a missing translation warns, never blocks):
that language's pass yields the default language's text as a :class:`BorrowedText`, which knows
its language, so the page can say so (``lang="lv"``); a ``strict`` pass refuses it instead
(``text_language``), to find every such text for the warnings. Why a mapping and not sibling
fields (``name_en``): it works the same for a field and for a list item (a description line),
the model needs no field per language, and a new language is one more key, with no code change.
The converters are plain functions, so the rules between fields (``quote.pricing.rules``) read
values exactly as the schema does.

Numbers from the file arrive as :class:`~decimal.Decimal` (exactly as written) and are euros or a
rate; a plain ``int`` given in Python is already in the model's unit (cents, basis points).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Literal, get_args

from pydantic import BeforeValidator, PlainValidator, ValidationInfo
from pydantic_core import PydanticCustomError

from quote.money import BP_PER_UNIT
from quote.pricing import messages as text

Billing = Literal["once", "monthly"]  # once: a one-time payment; monthly: every month
BILLINGS: tuple[str, ...] = get_args(Billing)
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _refuse(error_type: str, message: str) -> PydanticCustomError:
    return PydanticCustomError(error_type, message)


def to_text(value: object) -> str:
    """Text that is not blank (a number is taken as written); surrounding spaces removed."""
    if isinstance(value, Decimal):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise _refuse("text", text.EXPECT_TEXT)
    return value.strip()


class BorrowedText(str):
    """A text shown in a language it is not written in: the default language's text (``lang``)
    where another published language has none. Otherwise an ordinary ``str``."""

    lang: str

    def __new__(cls, text: str, lang: str) -> BorrowedText:
        borrowed = super().__new__(cls, text)
        borrowed.lang = lang
        return borrowed

    def __reduce__(self):  # copies and pickles keep the language
        return (BorrowedText, (str(self), self.lang))


def text_lang(value: object) -> str | None:
    """The language a text is written in when it is not its price list's (a borrowed text)."""
    return value.lang if isinstance(value, BorrowedText) else None


@dataclass(frozen=True)
class Reading:
    """How one validation pass reads the texts: in ``lang``, of the ``published`` languages
    (the default first). ``check_languages``: instead, refuse only a text's key that is neither a
    published nor a prepared language (``text_unknown_language``; reported as warnings).
    ``monthly_unit``: the unit of a monthly service that names none, in ``lang``. ``prepared``:
    languages not published whose texts are expected all the same (they have a message catalog:
    the owner is preparing them), so never warned about. ``strict``: refuse a text missing in
    ``lang`` (``text_language``) instead of borrowing the default language's (the pass that finds
    the missing translations for the warnings)."""

    lang: str
    published: tuple[str, ...]
    monthly_unit: str
    check_languages: bool = False
    prepared: tuple[str, ...] = ()
    strict: bool = False

    @property
    def default(self) -> str:
        return self.published[0]


def reading_of(info: ValidationInfo | None) -> Reading | None:
    context = info.context if info is not None else None
    return context.get("reading") if isinstance(context, Mapping) else None


def to_local_text(value: object, info: ValidationInfo) -> str:
    """The text in the pass's language: a plain string is the default language's text, a
    mapping holds one text per language. A text missing in a language other than the default
    is the default language's (a :class:`BorrowedText`), unless the pass is ``strict``. Without
    a :class:`Reading` (a model built in Python), a plain string is taken as it is."""
    reading = reading_of(info)
    if reading is None:
        return to_text(value)
    if reading.check_languages:
        known = (*reading.published, *reading.prepared)
        unknown = [key for key in value if key not in known] if isinstance(value, dict) else []
        if unknown:
            raise _refuse_in(
                "text_unknown_language",
                text.unpublished_language(unknown[0], reading.published),
                unknown[0],
            )
        return "-"  # this pass looks at the keys only
    lang, default = reading.lang, reading.default
    borrow = lang != default and not reading.strict
    if isinstance(value, dict):
        if lang in value:
            return _text_in(value, lang)
        if borrow and default in value:
            return BorrowedText(_text_in(value, default), default)
        # The default language's pass says the same of the default text: reported once.
        found = text.TEXTS_IN.format(languages=", ".join(map(str, value)) or "-")
        if borrow or lang == default:
            raise _refuse_in("text_language", text.missing_language(default), found=found)
        raise _refuse_in("text_language", text.missing_line(lang), found=found)
    if lang == default:
        return to_text(value)
    if borrow:
        return BorrowedText(to_text(value), default)
    raise _refuse_in("text_language", text.missing_language(lang, default))


def _text_in(value: dict, lang: str) -> str:
    try:
        return to_text(value[lang])
    except PydanticCustomError as exc:
        raise _refuse_in(exc.type, exc.message(), lang) from None


def _refuse_in(
    error_type: str, message: str, key: str | None = None, found: str | None = None
) -> PydanticCustomError:
    """A refusal inside a text's mapping: ``key`` (a language) is where it points, ``found``
    what to show as found (both optional, read by the validation's report)."""
    context = {"text_key": key, "text_found": found}
    return PydanticCustomError(error_type, message, context)  # type: ignore[arg-type]


def to_ident(value: object) -> str:
    """An id: lowercase Latin letters, digits and single hyphens (``full-package``, ``2``)."""
    if isinstance(value, Decimal) and value == value.to_integral_value() and value >= 0:
        value = str(int(value))
    if not isinstance(value, str) or not ID_RE.match(value):
        raise _refuse("ident", text.EXPECT_ID)
    return value


def to_flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise _refuse("flag", text.EXPECT_BOOL)
    return value


def to_cents(value: object) -> int:
    """Euros from the file (> 0, at most two decimals) as cents; an int is already cents."""
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    if isinstance(value, Decimal) and value > 0:
        cents = value * 100
        if cents == cents.to_integral_value():
            return int(cents)
    raise _refuse("price", text.EXPECT_PRICE)


def to_vat_bp(value: object) -> int:
    """A VAT rate from the file (0 < rate < 1) as basis points; an int is already basis points."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value < BP_PER_UNIT:
        return value
    if not isinstance(value, Decimal) or not 0 < value < 1:
        raise _refuse("vat_rate", text.EXPECT_VAT)
    bp = value * BP_PER_UNIT
    if bp != bp.to_integral_value():
        raise _refuse("vat_precision", text.EXPECT_VAT_PRECISION)
    return int(bp)


def empty_when_null(value: object) -> object:
    """An optional list left empty in the file (``includes:``) is an empty list."""
    return () if value is None else value


# Plain validators: their value is kept as returned (a BorrowedText stays one).
Text = Annotated[str, PlainValidator(to_local_text)]
OptionalText = Annotated[str | None, PlainValidator(to_local_text)]  # absent: None; null: refused
Ident = Annotated[str, BeforeValidator(to_ident)]
OptionalIdent = Annotated[str | None, BeforeValidator(to_ident)]
Flag = Annotated[bool, BeforeValidator(to_flag)]
Cents = Annotated[int, BeforeValidator(to_cents)]
OptionalCents = Annotated[int | None, BeforeValidator(to_cents)]
Texts = Annotated[tuple[Text, ...], BeforeValidator(empty_when_null)]
