"""Translatable texts in pricing.yaml: a plain string or one text per language.

Every expectation is written by hand from LINES below (line numbers in the comment column): the
texts each language gets, and every problem's line:column, path and Latvian message.
"""

from __future__ import annotations

import pytest

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


def test_a_plain_string_lacks_the_english_text():
    content = text((29, "    name: {lv: Konsultācija, en: Consultation}", "    name: Konsultācija"))
    assert problems(content) == [
        "pricing.yaml:29:11: services[consultation].name: trūkst angļu (en) teksta (rakstiet "
        "tekstu katrā valodā savā rindā: lv: … un en: …), atrasts: 'Konsultācija'"
    ]


def test_a_mapping_without_english_points_at_its_texts():
    content = text((22, "      en: Community management", None))
    assert problems(content) == [
        "pricing.yaml:21:7: services[community].name: trūkst angļu (en) teksta, atrasts: "
        "teksti valodās: lv"
    ]


def test_a_description_line_without_english():
    content = text((27, "        en: Comments and messages.", None))
    assert problems(content) == [
        "pricing.yaml:26:9: services[community].description[1]: trūkst angļu (en) teksta, "
        "atrasts: teksti valodās: lv"
    ]


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


def test_other_problems_are_reported_once_with_the_missing_texts():
    content = text(
        (24, "    price: 120", "    price: 120 €"),
        (32, "    unit: {lv: st., en: hour}", "    unit: st."),
    )
    assert problems(content) == [
        "pricing.yaml:24:12: services[community].price: gaidīta cena eiro (skaitlis > 0, ne "
        "vairāk kā 2 cipari aiz decimālpunkta, piemēram, 350 vai 289.50; bez €), atrasts: '120 €'",
        "pricing.yaml:32:11: services[consultation].unit: trūkst angļu (en) teksta (rakstiet "
        "tekstu katrā valodā savā rindā: lv: … un en: …), atrasts: 'st.'",
    ]


def test_a_third_language_needs_its_texts_with_no_code_change():
    assert problems(text(), languages=("lv", "en", "ru"))[:2] == [
        "pricing.yaml:4:3: vat_note: trūkst krievu (ru) teksta, atrasts: teksti valodās: lv, en",
        "pricing.yaml:6:15: closing_note: trūkst krievu (ru) teksta, atrasts: teksti valodās: "
        "lv, en",
    ]
    russian = text((5, "  en: Prices include VAT.", "  ru: Цены с НДС."))
    [first] = problems(russian, languages=("lv", "ru"))[:1]
    assert first.startswith("pricing.yaml:6:15: closing_note: trūkst krievu (ru) teksta")
    assert "vat_note" not in " ".join(problems(russian, languages=("lv", "ru")))


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
