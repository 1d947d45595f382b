"""The field types of the price list: each converts a value from ``pricing.yaml`` or refuses it.

A refusal is a pydantic error whose type names the kind of value (``text``, ``ident``, ``flag``,
``price``, ``vat_rate``) and whose message is the Latvian text of :mod:`quote.pricing_messages`.
The converters are plain functions, so the rules between fields (``quote.pricing_rules``) read
values exactly as the schema does.

Numbers from the file arrive as :class:`~decimal.Decimal` (exactly as written) and are euros or a
rate; a plain ``int`` given in Python is already in the model's unit (cents, basis points).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Literal, get_args

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from quote import pricing_messages as text
from quote.money import BP_PER_UNIT

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


Text = Annotated[str, BeforeValidator(to_text)]
OptionalText = Annotated[str | None, BeforeValidator(to_text)]  # absent: None; null: refused
Ident = Annotated[str, BeforeValidator(to_ident)]
OptionalIdent = Annotated[str | None, BeforeValidator(to_ident)]
Flag = Annotated[bool, BeforeValidator(to_flag)]
Cents = Annotated[int, BeforeValidator(to_cents)]
OptionalCents = Annotated[int | None, BeforeValidator(to_cents)]
Texts = Annotated[tuple[Text, ...], BeforeValidator(empty_when_null)]
