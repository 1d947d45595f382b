"""Translatable texts in pricing.yaml: a plain string or one text per language.

Every expectation is written by hand from LINES below (line numbers in the comment column): the
texts each language gets, and every problem's and warning's line:column, path and Latvian message.
A text missing in a published language other than the default is a warning, never a problem:
that language shows the default language's text, marked with its language.
"""

from __future__ import annotations

import pytest

from quote.pricing.catalog import to_catalog
from quote.pricing.fields import text_lang
from quote.pricing.model import load_price_list, parse_price_list
from quote.pricing.problems import PricingError
from tests.support.pricing_text import edited

LINES = [
    "currency: EUR",  # 1
    "vat_rate: 0.21",  # 2
    "vat_note:",  # 3
    "  lv: Cenas ar PVN.",  # 4
    "  en: Prices include VAT.",  # 5
    "closing_note: {lv: Piedāvājums pēc sarunas., en: An offer after a call.}",  # 6
    "table:",  # 7
    "  title: {lv: Cenas, en: Prices}",  # 8
    "  columns:",  # 9
    "    service: {lv: Pakalpojums, en: Service}",  # 10
    "    price: {lv: Cena, en: Price}",  # 11
    "    details: {lv: Kas iekļauts, en: What is included}",  # 12
    "  labels:",  # 13
    "    includes: {lv: Iekļauts, en: Included}",  # 14
    "    notes: {lv: Piezīme, en: Note}",  # 15
    "    limits: {lv: Limits, en: Limit}",  # 16
    "    bonuses: {lv: Bonuss, en: Bonus}",  # 17
    "services:",  # 18
    "  - id: community",  # 19
    "    name:",  # 20
    "      lv: Kopienas pārvaldīšana",  # 21
    "      en: Community management",  # 22
    "    billing: monthly",  # 23
    "    price: 120",  # 24
    "    description:",  # 25
    "      - lv: Komentāri un ziņas.",  # 26
    "        en: Comments and messages.",  # 27
    "  - id: consultation",  # 28
    "    name: {lv: Konsultācija, en: Consultation}",  # 29
    "    billing: once",  # 30
    "    quantity: true",  # 31
    "    unit: {lv: st., en: hour}",  # 32
    "    price: 80",  # 33
]


def text(*edits: tuple[int, str, str | None]) -> str:
    """LINES with edits (line, expected old text, new text or None to delete the line)."""
    return edited(LINES, *edits)


def problems(content: str, languages=("lv", "en"), **options) -> list[str]:
    with pytest.raises(PricingError) as caught:
        parse_price_list(content, "pricing.yaml", list(languages), **options)
    return [str(problem) for problem in caught.value.problems]


def warnings(content: str, languages=("lv", "en")) -> list[str]:
    price_list = parse_price_list(content, "pricing.yaml", list(languages))
    return [str(warning) for warning in price_list.warnings]


# What a missing translation's warning adds: what the page shows until it is written.
SHOWN = "; līdz tam lapās valodā '{lang}' redzams latviešu (lv) teksts"


def test_each_language_gets_its_texts():
    price_list = parse_price_list(text(), languages=["lv", "en"], monthly_units={"en": "month"})
    english = price_list.in_language("en")
    assert price_list.lang == "lv" and english.lang == "en"
    assert price_list.languages == english.languages == ("lv", "en")
    assert price_list.vat_note == "Cenas ar PVN."
    assert english.vat_note == "Prices include VAT."
    assert english.closing_note == "An offer after a call."
    assert english.table.labels.includes == "Included"
    community = english.service("community")
    assert community.name == "Community management"
    assert community.description == ("Comments and messages.",)
    assert community.unit == "month"  # a monthly service without a unit
    assert price_list.service("community").unit == "mēn."
    assert english.service("consultation").unit == "hour"
    assert price_list.service("consultation").unit == "st."
    # Same prices, same version: a translation is not a new price list.
    assert english.service("community").price == 12000
    assert english.version == price_list.version
    assert english.in_language("lv") is price_list
    assert price_list.warnings == ()


def test_the_default_language_alone_reads_a_plain_string_or_its_own_text():
    plain = text((4, "  lv: Cenas ar PVN.", None), (5, "  en: Prices include VAT.", None))
    plain = plain.replace("vat_note:\n", "vat_note: Cenas ar PVN.\n")
    latvian = parse_price_list(plain)
    assert latvian.vat_note == "Cenas ar PVN." and latvian.languages == ("lv",)
    # The Latvian list is the same whether or not it carries English texts.
    assert parse_price_list(text()).canonical_json() == latvian.canonical_json()
    assert parse_price_list(text()).version == latvian.version


def test_a_plain_string_shows_in_latvian_on_english_pages_and_warns():
    content = text((29, "    name: {lv: Konsultācija, en: Consultation}", "    name: Konsultācija"))
    price_list = parse_price_list(content, languages=["lv", "en"])
    english = price_list.in_language("en").service("consultation")
    assert english.name == "Konsultācija" and text_lang(english.name) == "lv"
    assert text_lang(price_list.service("consultation").name) is None  # in its own language
    assert english.unit == "hour" and text_lang(english.unit) is None
    assert warnings(content) == [
        "pricing.yaml:29:11: services[consultation].name: trūkst angļu (en) teksta (rakstiet "
        "tekstu katrā valodā savā rindā: lv: … un en: …)" + SHOWN.format(lang="en") + ", atrasts: "
        "'Konsultācija'"
    ]


def test_a_mapping_without_english_warns_at_its_texts():
    content = text((22, "      en: Community management", None))
    english = parse_price_list(content, languages=["lv", "en"]).in_language("en")
    assert english.service("community").name == "Kopienas pārvaldīšana"
    assert warnings(content) == [
        "pricing.yaml:21:7: services[community].name: trūkst angļu (en) teksta (pievienojiet "
        "rindu en: …)" + SHOWN.format(lang="en") + ", atrasts: teksti valodās: lv"
    ]


def test_a_description_line_without_english():
    content = text((27, "        en: Comments and messages.", None))
    english = parse_price_list(content, languages=["lv", "en"]).in_language("en")
    [line] = english.service("community").description
    assert line == "Komentāri un ziņas." and text_lang(line) == "lv"
    assert warnings(content) == [
        "pricing.yaml:26:9: services[community].description[1]: trūkst angļu (en) teksta "
        "(pievienojiet rindu en: …)" + SHOWN.format(lang="en") + ", atrasts: teksti valodās: lv"
    ]


def test_the_catalog_names_the_language_of_a_borrowed_text():
    content = text(
        (22, "      en: Community management", None),
        (32, "    unit: {lv: st., en: hour}", "    unit: st."),
    )
    english = to_catalog(parse_price_list(content, languages=["lv", "en"]).in_language("en"))
    community, consultation = english["services"]
    assert (community["name"], community["langs"]) == ("Kopienas pārvaldīšana", {"name": "lv"})
    assert consultation["name"] == "Consultation"
    assert (consultation["unit"], consultation["langs"]) == ("st.", {"unit": "lv"})
    latvian = to_catalog(parse_price_list(content, languages=["lv", "en"]))
    assert all("langs" not in service for service in latvian["services"])


def test_an_empty_english_text_points_at_it():
    content = text((5, "  en: Prices include VAT.", "  en: ''"))
    assert problems(content) == [
        "pricing.yaml:5:7: vat_note.en: gaidīts teksts, kas nav tukšs, atrasts: ''"
    ]


def test_the_default_language_is_needed_too():
    content = text((4, "  lv: Cenas ar PVN.", None))  # en: moves up to line 4
    # Once, though both passes read it: the Latvian one misses it, the English one does not.
    assert problems(content) == [
        "pricing.yaml:4:3: vat_note: trūkst latviešu (lv) teksta, atrasts: teksti valodās: en"
    ]


def test_a_mistake_still_stops_the_list_and_a_missing_text_beside_it_does_not():
    content = text(
        (24, "    price: 120", "    price: 120 €"),
        (32, "    unit: {lv: st., en: hour}", "    unit: st."),
    )
    assert problems(content) == [
        "pricing.yaml:24:12: services[community].price: gaidīta cena eiro (skaitlis > 0, ne "
        "vairāk kā 2 cipari aiz decimālpunkta, piemēram, 350 vai 289.50; bez €), atrasts: '120 €'",
    ]


def test_a_third_language_without_its_texts_warns_with_no_code_change():
    said = warnings(text(), languages=("lv", "en", "ru"))
    assert said[:2] == [
        "pricing.yaml:4:3: vat_note: trūkst krievu (ru) teksta (pievienojiet rindu ru: …)"
        + SHOWN.format(lang="ru")
        + ", atrasts: teksti valodās: lv, en",
        "pricing.yaml:6:15: closing_note: trūkst krievu (ru) teksta (pievienojiet rindu ru: …)"
        + SHOWN.format(lang="ru")
        + ", atrasts: teksti valodās: lv, en",
    ]
    # 14 texts: the first 10 one by one (vat note, closing note, title, 3 columns, 4 labels),
    # then the lines of the others (name, description line, name, unit).
    assert len(said) == 11
    assert said[10] == "pricing.yaml:21:7: trūkst krievu (ru) teksta arī rindās 21, 26, 29, 32"
    russian = text((5, "  en: Prices include VAT.", "  ru: Цены с НДС."))
    price_list = parse_price_list(russian, languages=["lv", "ru"])
    assert price_list.in_language("ru").vat_note == "Цены с НДС."
    assert price_list.in_language("ru").closing_note == "Piedāvājums pēc sarunas."
    [first, *_] = [str(warning) for warning in price_list.warnings]
    assert first.startswith("pricing.yaml:6:15: closing_note: trūkst krievu (ru) teksta")
    assert "vat_note" not in " ".join(str(warning) for warning in price_list.warnings)


def test_a_text_in_a_language_not_published_is_a_warning_once():
    typo = text((5, "  en: Prices include VAT.", "  eng: Prices include VAT."))
    typo = typo.replace("en: Community management", "eng: Community management")
    price_list = parse_price_list(typo)  # Latvian alone: English texts are not needed
    assert [str(w) for w in price_list.warnings] == [
        "pricing.yaml:5:8: vat_note.eng: teksts valodā 'eng' vietnē netiks rādīts: publicētās "
        "valodas (LANGUAGES) ir lv (tāpat vēl 1 tekstos), atrasts: 'Prices include VAT.'",
        # 12 English texts: closing note, title, 3 columns, 4 labels, a description line, a
        # name and a unit.
        "pricing.yaml:6:50: closing_note.en: teksts valodā 'en' vietnē netiks rādīts: publicētās "
        "valodas (LANGUAGES) ir lv (tāpat vēl 11 tekstos), atrasts: 'An offer after a call.'",
    ]


def test_a_prepared_language_is_not_warned_about():
    # English has a message catalog: its texts are written before it is published.
    assert parse_price_list(text(), prepared=["en"]).warnings == ()


def test_a_language_with_a_wrong_shape_is_still_an_error():
    content = text((22, "      en: Community management", "      en: [Community management]"))
    assert problems(content) == [
        "pricing.yaml:22:11: services[community].name.en: gaidīts teksts, kas nav tukšs, "
        "atrasts: saraksts"
    ]


def test_load_price_list_reads_the_languages(tmp_path):
    (tmp_path / "pricing.yaml").write_text(text(), encoding="utf-8")
    english = load_price_list(tmp_path / "pricing.yaml", ["lv", "en"]).in_language("en")
    assert english.service("consultation").name == "Consultation"
