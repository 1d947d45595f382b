"""The Latvian words and number formats both reports share (the terminal and the HTML page).

A count below :data:`SMALL` (but above 0) is shown as ``<5``: so few visits, choices or hosts
could point at one person. A ratio is shown only when both of its counts are shown exactly.
Numbers and percentages are Babel's Latvian format (``1 234``, ``37,5 %``, no-break spaces);
a percentage is rounded to a tenth, half up (``2,25`` -> ``2,3 %``).
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from babel.core import Locale
from babel.numbers import format_decimal

from quote.contact.wording import plural
from quote.counting.events import PRICE_BANDS
from quote.money import NBSP

from .figures import Period

LANG = "lv"
SMALL = 5
HIDDEN = f"<{SMALL}"
NOT_SHOWN = "–"  # a ratio of a count shown as <5

STEP_LABELS = {
    "visits": "Apmeklējumi",
    "configured": "Izmantots kalkulators",
    "estimated": "Parādīts aprēķins",
    "inquiries": "Nosūtīts pieprasījums",
    "offers": "Nosūtīts piedāvājums",
    "accepted": "Pieņemts piedāvājums",
}
TITLE = "Apmeklējumu un pieprasījumu pārskats"
TITLES = {
    "funnel": "Ceļš līdz pasūtījumam",
    "services": "Biežāk aprēķinātie pakalpojumi un līmeņi",
    "bands": "Aprēķinu cenu diapazoni (cena mēnesī)",
    "pages": "Lapas",
    "languages": "Valodas",
    "referrers": "No kurienes atnāca (atsauces vietne)",
}
NO_REFERRER = "bez atsauces (ievadīta adrese, grāmatzīme)"
HIDDEN_NOTE = (
    f"{HIDDEN}: mazāk par {SMALL} (precīzs skaits netiek rādīts, lai neviens apmeklētājs nebūtu "
    f"atpazīstams); {NOT_SHOWN}: attiecība netiek rādīta, ja kāds no tās skaitļiem ir mazāks "
    f"par {SMALL}."
)
EMPTY = "Šajā periodā nav neviena skaitījuma: ne apmeklējumu, ne aprēķinu, ne pieprasījumu."


def versions_title(count: int) -> str:
    return f"Cenrāža versiju salīdzinājums (periodā bija spēkā {count})"


def shared_and_printed(shares: int, prints: int) -> str:
    return f"Kopīgotas aprēķina saites: {count(shares)}; izdrukāti aprēķini: {count(prints)}."


def is_hidden(count: int) -> bool:
    return 0 < count < SMALL


def number(value: int) -> str:
    return format_decimal(value, format="#,##0", locale=LANG).replace(" ", NBSP)


def count(value: int) -> str:
    """``1 234``, ``0``, or ``<5`` for 1 to 4."""
    return HIDDEN if is_hidden(value) else number(value)


def ratio(part: int, whole: int) -> str:
    """``37,5 %`` of ``whole``; ``–`` when either is shown as ``<5`` or ``whole`` is 0."""
    if whole == 0 or is_hidden(part) or is_hidden(whole):
        return NOT_SHOWN
    share = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return f"{format_decimal(share, format='#,##0.#', locale=LANG)}{NBSP}%".replace(" ", NBSP)


def share(part: int, whole: int) -> float:
    """``part`` of ``whole`` from 0 to 1, for a chart's bar (a hidden count drawn as 5)."""
    if whole <= 0:
        return 0.0
    drawn = SMALL if is_hidden(part) else part
    return min(drawn / max(whole, SMALL if is_hidden(whole) else whole), 1.0)


def band(bound: int) -> str:
    """``250–499 €``, ``1000–1999 €``; the last band ``2000 € un vairāk`` (whole euros as the
    price table writes a bound, without a group separator)."""
    bounds = list(PRICE_BANDS)
    index = bounds.index(bound)
    if index == len(bounds) - 1:
        return f"{bound}{NBSP}€ un vairāk"
    return f"{bound}–{bounds[index + 1] - 1}{NBSP}€"


def language(code: str) -> str:
    """``latviešu (lv)``; the code alone when Babel does not know it."""
    name = Locale.parse(LANG).languages.get(code)
    return f"{name} ({code})" if name else code


def referrer(host: str) -> str:
    return host or NO_REFERRER


def day(value: date) -> str:
    return f"{value:%d.%m.%Y}"


def period(value: Period) -> str:
    """``08.11.2026–07.12.2026 (30 dienas)``."""
    return f"{day(value.start)}–{day(value.end)} ({plural(value.days, 'diena', 'dienas')})"


def days_between(first: date, last: date) -> str:
    if first == last:
        return f"skaitīts {day(first)}"
    return f"skaitīts {day(first)}–{day(last)}"
