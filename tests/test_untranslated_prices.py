"""A price-list text not yet written in a published language warns and never blocks (issue 24).

The site is the fixture site in Latvian and English with the price list
tests/fixtures/untranslated-prices/pricing.yaml (its header lists the English texts it lacks).
Every line number, text and price below is written by hand from that file: the English page
shows each such text in Latvian, marked ``lang="lv"``, and the build names each one's line. An
English inquiry priced with it reaches the owner (in Latvian, as always), and its offer is
English where the list is and Latvian where it is not (the configurator: in
tests/test_pricing_languages_browser.py).
"""

from __future__ import annotations

import email
import json
import os
import time
from email import policy

import pytest

from tests.support import ROOT, UNTRANSLATED_PRICING, ServerProcess, parse, wait_until
from tests.support.offers import OWNER_FILLED, flat, pdftotext, quote_on, write_settings

NB = "\u00a0"
LV = '<span lang="lv">{}</span>'
# The build's warnings: line:column and path of each text English lacks, in file order.
MISSING = [
    "16:3: vat_note",
    "18:3: closing_note",
    "40:7: table.labels.notes",
    "87:11: services[content].tiers[2].summary",
    "108:11: services[community].name",
    "162:9: services[ads].description[1]",
    "225:11: services[consultation].unit",
    "276:15: services[full-package].tiers[3].name",
    "277:19: services[full-package].tiers[3].for_whom",
]
VAT_NOTE = "Cenas norādītas ar PVN. Reklāmu budžets nav iekļauts cenās un tiek saskaņots atsevišķi."
CLOSING_NOTE = (
    f"Precīzu piedāvājumu varu sagatavot pēc 10{NB}minūšu sarunas par mērķiem, kanāliem un vēlamo "
    "ritmu."
)
CONTENT_2 = f"2{NB}kanāli, 10{NB}ieraksti katrā, 2{NB}labojumu cikli"


def english(build) -> str:
    return (build[0] / "en" / "index.html").read_text(encoding="utf-8")


def test_the_build_passes_and_names_each_line_and_language_to_add(untranslated_prices_build):
    warnings = [
        line for line in untranslated_prices_build[1].splitlines() if "pricing.yaml:" in line
    ]
    assert [line.split("pricing.yaml:", 1)[1].split(": trūkst")[0] for line in warnings] == MISSING
    for line in warnings:
        assert line.startswith("brīdinājums: ")
        assert "trūkst angļu (en) teksta (" in line
        assert "; līdz tam lapās valodā 'en' redzams latviešu (lv) teksts, atrasts: " in line
    # A mapping: the line to add; a plain string: one text per language.
    assert "vat_note: trūkst angļu (en) teksta (pievienojiet rindu en: …);" in warnings[0]
    assert (
        "services[community].name: trūkst angļu (en) teksta (rakstiet tekstu katrā valodā savā "
        "rindā: lv: … un en: …);"
    ) in warnings[4]
    assert "Traceback" not in untranslated_prices_build[1]


def test_the_price_table_shows_the_latvian_texts_with_their_language(untranslated_prices_build):
    page = english(untranslated_prices_build)
    assert f"<caption>{LV.format(VAT_NOTE)}</caption>" in page
    assert f'<th scope="row">{LV.format("Kopienas pārvaldīšana")}</th>' in page
    price = f'<td class="price" data-label="Price (incl. VAT)">€80{NB}/{NB}{LV.format("st.")}</td>'
    assert price in page  # consultation's unit
    assert f"</span> – {LV.format(CONTENT_2)}</li>" in page  # content's tier 2
    ads = (
        "Reklāmu kampaņu pārvaldīšana ar uzsvaru uz mērījumiem, testēšanu un rezultātu uzlabošanu."
    )
    assert f"<p>{LV.format(ads)}</p>" in page
    assert f"<strong>{LV.format('Piezīme')}</strong> – photo and video production" in page
    assert f'<p class="closing-note">{LV.format(CLOSING_NOTE)}</p>' in page
    # What English has stays English, unmarked.
    assert '<th scope="row">Content plan and publishing</th>' in page
    assert f"€120{NB}/{NB}month</td>" in page


def test_the_package_cards_and_the_notes_without_javascript(untranslated_prices_build):
    page = english(untranslated_prices_build)
    html = parse(page)
    cards = html.css(".packages .package")
    assert [card.css_first("h3").html for card in cards] == [
        "<h3>Full social media management (package) 1</h3>",
        "<h3>Full social media management (package) 2</h3>",
        f"<h3>{LV.format('Pilnā pakete')}</h3>",
    ]
    assert cards[2].css_first(".package-for").html == (
        '<p class="package-for"><strong>Best for:</strong> '
        f"{LV.format('uzņēmumiem ar vairākiem kanāliem un reklāmām')}</p>"
    )
    content, _, community, _ = cards[0].css(".package-includes li")  # tier 1 includes
    assert content.css_first("strong").text() == "Content plan and publishing:"
    assert content.css_first('span[lang="lv"]').text() == CONTENT_2
    assert community.html == f"<li>{LV.format('Kopienas pārvaldīšana')}</li>"
    # The chosen package's note (no JavaScript) and the configurator's closing note.
    note = html.css_first("#kalkulators-full-package-3").html
    assert f"<strong>{LV.format('Pilnā pakete')}, €950" in note
    assert f"</strong> {LV.format(CLOSING_NOTE)}</p>" in page


def test_the_catalog_and_the_structured_data_name_the_language(untranslated_prices_build):
    output = untranslated_prices_build[0]
    catalog = json.loads((output / "data" / "pricing.en.json").read_text(encoding="utf-8"))
    langs = {
        service["id"]: service["langs"] for service in catalog["services"] if "langs" in service
    }
    assert langs == {"community": {"name": "lv"}, "consultation": {"unit": "lv"}}
    tiers = {
        (service["id"], tier["id"]): tier["langs"]
        for service in catalog["services"]
        for tier in service["tiers"]
        if "langs" in tier
    }
    assert tiers == {("content", "2"): {"summary": "lv"}}
    assert "langs" not in (output / "data" / "pricing.json").read_text(encoding="utf-8")
    [data] = [
        json.loads(node.text())
        for node in parse(english(untranslated_prices_build)).css(
            'script[type="application/ld+json"]'
        )
    ]
    offers = data["hasOfferCatalog"]["itemListElement"]
    assert offers[2]["itemOffered"]["name"] == {
        "@value": "Kopienas pārvaldīšana",
        "@language": "lv",
    }
    assert offers[7]["priceSpecification"]["unitText"] == {"@value": "st.", "@language": "lv"}
    assert offers[7]["priceSpecification"]["unitCode"] == "HUR"
    assert offers[0]["itemOffered"]["name"] == "Social media direction and positioning"


def test_the_latvian_pages_are_as_always(untranslated_prices_build):
    latvian = (untranslated_prices_build[0] / "index.html").read_text(encoding="utf-8")
    assert '<th scope="row">Kopienas pārvaldīšana</th>' in latvian
    assert "<span lang=" not in latvian


# -- the endpoint and the offer: an English inquiry priced with this list --------------------------

ENGLISH = {
    "name": "Jane Smith",
    "email": "jane@example.co.uk",
    "company": "Smith & Co",
    "message": "Hello, we would like an offer.",
    "quote": "content=2&community=1&months=6",
    "lang": "en",
    "website": "",
}
ORIGIN = "http://site.test"
JSON_HEADERS = {"Origin": ORIGIN, "Accept": "application/json", "Content-Type": "application/json"}


@pytest.fixture(scope="module")
def english_inquiry(untranslated_prices_build, tmp_path_factory) -> dict:
    """An inquiry from the English page, posted to a real endpoint process pricing with this
    list (the build's output tells it the languages); its database, mail folder and id."""
    var = tmp_path_factory.mktemp("endpoint")
    env = {
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        "QUOTE_SITE_ORIGIN": ORIGIN,
        "QUOTE_SITE": str(untranslated_prices_build[0]),
        "QUOTE_DB": str(var / "inquiries.sqlite3"),
        "QUOTE_MAIL_DIR": str(var / "mail"),
        "QUOTE_PRICING": str(UNTRANSLATED_PRICING),
        "QUOTE_RATE_LIMIT": "1000 per minute",
    }
    with ServerProcess(env, cwd=var) as server:
        sent = {**ENGLISH, "ts": str(int(time.time() * 1000) - 30_000)}
        response = server.post(json.dumps(sent).encode(), JSON_HEADERS)
        assert response.status == 201, response.body
        inquiry = response.json()["id"]
        wait_until(lambda: list((var / "mail").glob("*.eml")), what="the notification e-mail")
    return {"db": var / "inquiries.sqlite3", "mail": var / "mail", "id": inquiry}


def test_the_owners_email_names_the_services_in_latvian(english_inquiry):
    [file] = english_inquiry["mail"].glob("*.eml")
    message = email.message_from_bytes(file.read_bytes(), policy=policy.default)
    body = message.get_body(("plain",)).get_content()
    assert "Valoda: angļu (en)" in body
    assert f"  - Kopienas pārvaldīšana: 120{NB}€{NB}/{NB}mēn." in body.splitlines()


def test_an_english_offer_shows_english_where_written_and_latvian_where_not(
    english_inquiry, tmp_path
):
    settings = write_settings(tmp_path / "site", OWNER_FILLED)  # publishes Latvian and English
    db = english_inquiry["db"]
    pricing = {"QUOTE_PRICING": str(UNTRANSLATED_PRICING)}
    result = quote_on(
        db, "offer", str(english_inquiry["id"]), "--settings", str(settings), env=pricing
    )
    assert "Traceback" not in result.stdout + result.stderr
    [pdf] = (db.parent / "offers" / str(english_inquiry["id"])).glob("*.pdf")
    text = flat(pdftotext(pdf))
    for line in (
        "Content plan and publishing, level 2",  # English: written
        "2 kanāli, 10 ieraksti katrā, 2 labojumu cikli",  # its tier 2 summary: not
        "Kopienas pārvaldīšana",  # community's name: not
        "Comments, messages and moderation in one consistent tone.",  # its description: written
        "Total for 6 months",
    ):
        assert line in text, line
