"""The Latvian explanations of schema errors in ``pricing.yaml``, by error type and field.

The owner reads these after ``pricing.yaml:LINE:COLUMN: path:``. The price list's own field types
(``quote.pricing.model``) raise their errors with these texts; pydantic's built-in error types
(a missing or unknown field, a list or mapping expected) are translated by :func:`explain`.
A field whose value must be one of a few words (``billing``, ``currency``) has its own text.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from babel.core import Locale, UnknownLocaleError

EXPECT_MAPPING = "gaidīti lauki formā 'nosaukums: vērtība'"
EXPECT_LIST = "gaidīts saraksts (katra rinda sākas ar '- ')"
EXPECT_NON_EMPTY_LIST = "gaidīts saraksts ar vismaz vienu ierakstu"
EMPTY_LIST = "tukšs saraksts"
EXPECT_TEXT = "gaidīts teksts, kas nav tukšs"
EXPECT_BOOL = "gaidīts true vai false"
EXPECT_ID = "gaidīts id no mazajiem latīņu burtiem, cipariem un defisēm (piemēram, full-package)"
EXPECT_PRICE = (
    "gaidīta cena eiro (skaitlis > 0, ne vairāk kā 2 cipari aiz decimālpunkta, "
    "piemēram, 350 vai 289.50; bez €)"
)
EXPECT_VAT = (
    "gaidīta PVN likme kā daļa no 1 (lielāka par 0 un mazāka par 1, piemēram, 0.21); "
    "ja neesat PVN maksātājs, šīs rindas vietā rakstiet vat: none"
)
EXPECT_VAT_PRECISION = "gaidīta PVN likme ar ne vairāk kā 4 cipariem aiz punkta"

# A value outside the allowed words (pydantic's ``literal_error``), by field name.
EXPECT_WORD = {
    "billing": "gaidīts once (vienreizējs maksājums) vai monthly (ik mēnesi)",
    "currency": "gaidīts EUR (vietne rāda cenas eiro)",
    "vat": (
        "gaidīts none (ja neesat PVN maksātājs); PVN maksātājs šīs rindas vietā raksta "
        "vat_rate: 0.21"
    ),
}
# The VAT settings between them: a VAT payer's rate (vat_rate) or vat: none, exactly one.
VAT_BOTH = (
    "norādiet vai nu vat_rate (PVN maksātājam), vai vat: none (ja neesat PVN maksātājs), ne abus"
)
VAT_NEITHER = (
    "trūkst PVN likmes: PVN maksātājs raksta vat_rate: 0.21, bet tas, kas nav PVN maksātājs, – "
    "vat: none"
)

# pydantic's own error types: (explanation, what to show as found or None to show the value).
_BUILT_IN = {
    "model_type": (EXPECT_MAPPING, None),
    "dict_type": (EXPECT_MAPPING, None),
    "model_attributes_type": (EXPECT_MAPPING, None),
    "tuple_type": (EXPECT_LIST, None),
    "list_type": (EXPECT_LIST, None),
    "too_short": (EXPECT_NON_EMPTY_LIST, EMPTY_LIST),
}


TEXTS_IN = "teksti valodās: {languages}"


def language_genitive(lang: str) -> str:
    """``angļu (en)``: the language's Latvian name as it stands before "teksts" (Babel's CLDR
    names are these forms: angļu, krievu, latviešu), with its code."""
    try:
        name = Locale.parse("lv").languages.get(Locale.parse(lang).language)
    except (UnknownLocaleError, ValueError, TypeError):
        name = None
    return f"{name} ({lang})" if name else f"valodas '{lang}'"


def missing_language(lang: str, default: str | None = None) -> str:
    """A published language's text is missing; ``default``: the value is a plain string (the
    default language's text), so say how to write one text per language."""
    message = f"trūkst {language_genitive(lang)} teksta"
    if default is not None:
        message += f" (rakstiet tekstu katrā valodā savā rindā: {default}: … un {lang}: …)"
    return message


def missing_line(lang: str) -> str:
    """A mapping of texts lacks a published language: the line to add."""
    return f"trūkst {language_genitive(lang)} teksta (pievienojiet rindu {lang}: …)"


def shown_instead(lang: str, default: str) -> str:
    """After a missing translation's problem, when it is a warning: what the page shows."""
    return f"; līdz tam lapās valodā '{lang}' redzams {language_genitive(default)} teksts"


def more_missing(lang: str, lines: str) -> str:
    return f"trūkst {language_genitive(lang)} teksta arī rindās {lines}"


def unpublished_language(key: str, published: Sequence[str]) -> str:
    return (
        f"teksts valodā '{key}' vietnē netiks rādīts: publicētās valodas (LANGUAGES) ir "
        f"{', '.join(published)}"
    )


def more_texts(count: int) -> str:
    return f" (tāpat vēl {count} tekstos)"


def missing(name: str) -> str:
    return f"trūkst obligātā lauka '{name}'"


def unknown(name: str, allowed: list[str]) -> str:
    """An unknown field, with the allowed ones and the closest of them when it looks like a typo."""
    text = f"nezināms lauks; atļautie lauki: {', '.join(allowed)}"
    close = difflib.get_close_matches(name, allowed, n=1)
    if close:
        text += f" (varbūt domāts '{close[0]}'?)"
    return text


def explain(error_type: str, field: str | None, message: str) -> tuple[str, str | None]:
    """(explanation, found override) for a pydantic error on ``field``.

    Errors raised by the price list's own types already carry their Latvian ``message``.
    """
    if error_type == "literal_error" and field in EXPECT_WORD:
        return EXPECT_WORD[field], None
    return _BUILT_IN.get(error_type, (message, None))
