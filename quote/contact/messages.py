"""Latvian texts of the contact endpoint: field labels and one message per error code.

The codes are a stable contract with the page's script (``theme/static/js/contact.js``), which may
show its own text for a code; these messages are what the server sends in JSON and on the HTML
error page. Request-level errors carry ``field: null``.
"""

from __future__ import annotations

from quote.contact_form import CHANNELS, LABELS, MAX_LENGTH, MIN_LENGTH

__all__ = ["LABELS", "MESSAGES", "message_for", "title_for"]

# Per-field texts where one wording does not fit every field; limits from quote.contact_form.
_MOST, _LEAST = MAX_LENGTH, MIN_LENGTH
_FIELD_MESSAGES: dict[tuple[str, str], str] = {
    ("name", "required"): "Lūdzu, ieraksti savu vārdu.",
    ("email", "required"): "Lūdzu, ieraksti savu e-pasta adresi.",
    ("message", "required"): "Lūdzu, uzraksti ziņu: ko vēlies uzlabot vai par ko parunāt.",
    ("name", "too_long"): f"Vārds ir pārāk garš: atļautas ne vairāk kā {_MOST['name']} rakstzīmes.",
    ("email", "too_long"): (
        f"E-pasta adrese ir pārāk gara: atļautas ne vairāk kā {_MOST['email']} rakstzīmes."
    ),
    ("phone", "too_long"): (
        f"Tālruņa numurs ir pārāk garš: atļautas ne vairāk kā {_MOST['phone']} rakstzīmes."
    ),
    ("company", "too_long"): (
        f"Uzņēmuma vai mājaslapas laukā atļautas ne vairāk kā {_MOST['company']} rakstzīmes."
    ),
    ("message", "too_long"): (
        f"Ziņa ir pārāk gara: atļautas ne vairāk kā {_MOST['message']} rakstzīmes."
    ),
    ("message", "too_short"): f"Ziņa ir pārāk īsa: uzraksti vismaz {_LEAST['message']} rakstzīmes.",
}

MESSAGES: dict[str, str] = {
    # Field errors (422).
    "required": "Lūdzu, aizpildi šo lauku.",
    "too_long": "Teksts ir pārāk garš.",
    "too_short": "Teksts ir pārāk īss.",
    "invalid_email": "Lūdzu, ieraksti derīgu e-pasta adresi, piemēram, vards@uznemums.lv.",
    "invalid_phone": "Tālruņa numurā drīkst būt tikai cipari, atstarpes un zīmes + - ( ).",
    "invalid_channel": f"Izvēlies kanālus no saraksta: {', '.join(CHANNELS)}.",
    "invalid_characters": "Šajā laukā nedrīkst būt rindu pārnesumu vai vadības rakstzīmju.",
    "invalid_type": "Šī lauka vērtībai jābūt tekstam.",
    "duplicate_field": "Šis lauks ir nosūtīts vairākas reizes.",
    "unknown_field": "Formā nav šāda lauka.",
    "invalid_send_key": "Formas nosūtīšanas atslēga nav derīga. Lūdzu, pārlādē lapu un mēģini "
    "vēlreiz.",
    # Request errors.
    "malformed": "Pieprasījumu neizdevās nolasīt. Lūdzu, mēģini vēlreiz.",
    "invalid_encoding": "Pieprasījumā ir nederīgs teksta kodējums (vajadzīgs UTF-8).",
    "cross_site": "Formu var nosūtīt tikai no šīs vietnes lapas.",
    "too_large": "Nosūtītais teksts ir pārāk garš. Lūdzu, saīsini ziņu un mēģini vēlreiz.",
    "unsupported_media_type": "Neatbalstīts datu formāts. Formu var nosūtīt kā formas datus "
    "vai JSON.",
    "rate_limited": "Pārāk daudz pieprasījumu īsā laikā. Lūdzu, mēģini vēlreiz pēc brīža.",
    "method_not_allowed": "Šī adrese pieņem tikai formas nosūtīšanu.",
    "not_found": "Šāda lapa nav atrasta.",
    "store_unavailable": "Pieprasījumu šobrīd neizdevās saglabāt. Lūdzu, mēģini vēlreiz pēc brīža.",
    "server_error": "Radās kļūda serverī. Lūdzu, mēģini vēlreiz pēc brīža.",
}

# Headings of the HTML error pages, by HTTP status.
TITLES: dict[int, str] = {
    400: "Pieprasījumu neizdevās nolasīt",
    403: "Formu neizdevās nosūtīt",
    404: "Lapa nav atrasta",
    405: "Formu neizdevās nosūtīt",
    413: "Ziņa ir pārāk gara",
    415: "Formu neizdevās nosūtīt",
    422: "Lūdzu, pārbaudi formu",
    429: "Lūdzu, mēģini vēlreiz pēc brīža",
    500: "Radās kļūda",
    503: "Pieprasījumu neizdevās saglabāt",
}


def message_for(field: str | None, code: str) -> str:
    """The Latvian message for an error code, worded for the field where that matters."""
    if field is not None and (field, code) in _FIELD_MESSAGES:
        return _FIELD_MESSAGES[(field, code)]
    return MESSAGES[code]


def title_for(status: int) -> str:
    return TITLES.get(status, TITLES[500])
