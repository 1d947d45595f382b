"""Texts of the contact endpoint: one message per error code and a heading per HTTP status.

They are written in Latvian (the source language) and marked ``N_()`` for ``make messages``;
the visitor reads them in the form's language through the site's gettext catalogs
(``theme/translations``, see :mod:`quote.contact.languages`). The codes are a stable contract with
the page's script (``theme/static/js/contact.js``), which shows the message the server sends in
JSON; the HTML error page shows the same. Request-level errors carry ``field: null``.
"""

from __future__ import annotations

import gettext

from quote.contact.form import CHANNELS, LABELS, MAX_LENGTH, MIN_LENGTH
from quote.i18n import N_

__all__ = ["LABELS", "MESSAGES", "TITLES", "message_for", "title_for"]

# Per-field texts where one wording does not fit every field; the limits (``%(max)d``,
# ``%(min)d``) come from quote.contact.form when the message is given.
_FIELD_MESSAGES: dict[tuple[str, str], str] = {
    ("name", "required"): N_("Lūdzu, ieraksti savu vārdu."),
    ("email", "required"): N_("Lūdzu, ieraksti savu e-pasta adresi."),
    ("message", "required"): N_("Lūdzu, uzraksti ziņu: ko vēlies uzlabot vai par ko parunāt."),
    ("name", "too_long"): N_("Vārds ir pārāk garš: atļautas ne vairāk kā %(max)d rakstzīmes."),
    ("email", "too_long"): N_(
        "E-pasta adrese ir pārāk gara: atļautas ne vairāk kā %(max)d rakstzīmes."
    ),
    ("phone", "too_long"): N_(
        "Tālruņa numurs ir pārāk garš: atļautas ne vairāk kā %(max)d rakstzīmes."
    ),
    ("company", "too_long"): N_(
        "Uzņēmuma vai mājaslapas laukā atļautas ne vairāk kā %(max)d rakstzīmes."
    ),
    ("message", "too_long"): N_("Ziņa ir pārāk gara: atļautas ne vairāk kā %(max)d rakstzīmes."),
    ("message", "too_short"): N_("Ziņa ir pārāk īsa: uzraksti vismaz %(min)d rakstzīmes."),
}

MESSAGES: dict[str, str] = {
    # Field errors (422).
    "required": N_("Lūdzu, aizpildi šo lauku."),
    "too_long": N_("Teksts ir pārāk garš."),
    "too_short": N_("Teksts ir pārāk īss."),
    "invalid_email": N_("Lūdzu, ieraksti derīgu e-pasta adresi, piemēram, vards@uznemums.lv."),
    "invalid_phone": N_("Tālruņa numurā drīkst būt tikai cipari, atstarpes un zīmes + - ( )."),
    "invalid_channel": N_("Izvēlies kanālus no saraksta: %(channels)s."),
    "invalid_characters": N_("Šajā laukā nedrīkst būt rindu pārnesumu vai vadības rakstzīmju."),
    "invalid_type": N_("Šī lauka vērtībai jābūt tekstam."),
    "duplicate_field": N_("Šis lauks ir nosūtīts vairākas reizes."),
    "unknown_field": N_("Formā nav šāda lauka."),
    "invalid_send_key": N_(
        "Formas nosūtīšanas atslēga nav derīga. Lūdzu, pārlādē lapu un mēģini vēlreiz."
    ),
    # Request errors.
    "malformed": N_("Pieprasījumu neizdevās nolasīt. Lūdzu, mēģini vēlreiz."),
    "invalid_encoding": N_("Pieprasījumā ir nederīgs teksta kodējums (vajadzīgs UTF-8)."),
    "cross_site": N_("Formu var nosūtīt tikai no šīs vietnes lapas."),
    "too_large": N_("Nosūtītais teksts ir pārāk garš. Lūdzu, saīsini ziņu un mēģini vēlreiz."),
    "unsupported_media_type": N_(
        "Neatbalstīts datu formāts. Formu var nosūtīt kā formas datus vai JSON."
    ),
    "rate_limited": N_("Pārāk daudz pieprasījumu īsā laikā. Lūdzu, mēģini vēlreiz pēc brīža."),
    "method_not_allowed": N_("Šī adrese pieņem tikai formas nosūtīšanu."),
    "not_found": N_("Šāda lapa nav atrasta."),
    "store_unavailable": N_(
        "Pieprasījumu šobrīd neizdevās saglabāt. Lūdzu, mēģini vēlreiz pēc brīža."
    ),
    "server_error": N_("Radās kļūda serverī. Lūdzu, mēģini vēlreiz pēc brīža."),
}

# Headings of the HTML error pages, by HTTP status.
TITLES: dict[int, str] = {
    400: N_("Pieprasījumu neizdevās nolasīt"),
    403: N_("Formu neizdevās nosūtīt"),
    404: N_("Lapa nav atrasta"),
    405: N_("Formu neizdevās nosūtīt"),
    413: N_("Ziņa ir pārāk gara"),
    415: N_("Formu neizdevās nosūtīt"),
    422: N_("Lūdzu, pārbaudi formu"),
    429: N_("Lūdzu, mēģini vēlreiz pēc brīža"),
    500: N_("Radās kļūda"),
    503: N_("Pieprasījumu neizdevās saglabāt"),
}

_SOURCE = gettext.NullTranslations()


def _values(field: str | None) -> dict[str, object]:
    return {
        "max": MAX_LENGTH.get(field or "", 0),
        "min": MIN_LENGTH.get(field or "", 0),
        "channels": ", ".join(CHANNELS),
    }


def message_for(
    field: str | None, code: str, translations: gettext.NullTranslations | None = None
) -> str:
    """The message for an error code, worded for the field where that matters, in the language
    of ``translations`` (Latvian without)."""
    text = _FIELD_MESSAGES.get((field, code)) if field is not None else None
    text = text or MESSAGES[code]
    shown = (translations or _SOURCE).gettext(text)
    return shown % _values(field) if "%(" in text else shown


def title_for(status: int, translations: gettext.NullTranslations | None = None) -> str:
    return (translations or _SOURCE).gettext(TITLES.get(status, TITLES[500]))
