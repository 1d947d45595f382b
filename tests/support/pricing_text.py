"""Price-list YAML texts built by editing the lines of a base text, so a test states only the
line it changes (and the old text it expects there)."""

from __future__ import annotations


def edited(base: list[str], *edits: tuple[int, str, str | None]) -> str:
    """``base`` with edits (line, expected old text, new text or None to delete the line)."""
    lines = list(base)
    for number, old, _ in edits:
        assert lines[number - 1] == old, f"BASE line {number} is {lines[number - 1]!r}"
    for number, _, new in sorted(edits, reverse=True):
        if new is None:
            del lines[number - 1]
        else:
            lines[number - 1] = new
    return "\n".join(lines) + "\n"


# The base price list of tests/test_pricing_validation.py and tests/test_pricing_schema.py; the
# comment column gives each line's number, which the edits name.
BASE_LINES = [
    "currency: EUR",  # 1
    "vat_rate: 0.21",  # 2
    "vat_note: Cenas norādītas ar PVN.",  # 3
    "closing_note: Precīzu piedāvājumu var dot pēc sarunas.",  # 4
    "table:",  # 5
    "  title: Pakalpojumi un cenas",  # 6
    "  columns:",  # 7
    "    service: Pakalpojums",  # 8
    "    price: Cena (ar PVN)",  # 9
    "    details: Paketes un kas iekļauts",  # 10
    "  labels:",  # 11
    "    includes: Iekļauts",  # 12
    "    notes: Piezīme",  # 13
    "    limits: Limits",  # 14
    "    bonuses: Bonuss",  # 15
    "services:",  # 16
    "  - id: positioning",  # 17
    "    name: Virziens un pozicionējums",  # 18
    "    billing: once",  # 19
    "    price: 250",  # 20
    "  - id: content",  # 21
    "    name: Satura plāns",  # 22
    "    billing: monthly",  # 23
    "    tiers:",  # 24
    '      - id: "1"',  # 25
    "        price: 350",  # 26
    "        summary: 1 kanāls",  # 27
    '      - id: "2"',  # 28
    "        price: 450",  # 29
    "        summary: 2 kanāli",  # 30
    "  - id: community",  # 31
    "    name: Kopienas pārvaldība",  # 32
    "    billing: monthly",  # 33
    "    price: 120",  # 34
    "  - id: consultation",  # 35
    "    name: Konsultācija",  # 36
    "    billing: once",  # 37
    "    quantity: true",  # 38
    "    unit: st.",  # 39
    "    price: 80",  # 40
    "  - id: full-package",  # 41
    "    name: Pakete",  # 42
    "    billing: monthly",  # 43
    "    package: true",  # 44
    "    tiers:",  # 45
    '      - id: "1"',  # 46
    "        price: 650",  # 47
    "        summary: viss kopā",  # 48
    "        includes:",  # 49
    "          - service: content",  # 50
    '            tier: "2"',  # 51
    "          - service: community",  # 52
]


def text(*edits: tuple[int, str, str | None]) -> str:
    """BASE with edits (line, expected old text, new text or None to delete the line)."""
    return edited(BASE_LINES, *edits)
