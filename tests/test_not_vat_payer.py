"""A seller who is not a VAT payer (`vat: none` in pricing.yaml): no VAT anywhere on the site.

The site is the fixture site made a non-payer's (tests.support.not_a_vat_payer, the price list
tests/fixtures/not-vat-payer/pricing.yaml: the fixture's prices), in both languages. Every
expected price below is written by hand from that price list.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from quote.pricing.catalog import to_catalog
from quote.pricing.model import load_price_list
from tests.support import (
    FIXTURE_PRICING,
    NOT_VAT_PAYER_PRICING,
    build,
    copy_fixture_project,
    parse,
    publish_languages,
    script_data,
)

VECTORS = Path(__file__).parent / "vectors"
NB = "\u00a0"
# The statement the law expects where prices are offered, in each language.
STATEMENT = {
    "lv": "Pakalpojumu sniedzējs nav PVN maksātājs.",
    "en": "The provider is not registered for VAT.",
}


def read(output: Path, name: str) -> str:
    return (output / name).read_text(encoding="utf-8")


def words(node) -> str:
    """A node's text, ordinary whitespace collapsed (the no-break spaces kept)."""
    return re.sub(r"[ \t\n]+", " ", node.text()).strip()


def test_no_vat_anywhere_but_the_statement(not_vat_payer_site):
    files = [
        path
        for path in not_vat_payer_site.rglob("*")
        if path.suffix in {".html", ".json", ".xml", ".webmanifest"}
    ]
    assert len(files) > 20
    for path in files:
        text = path.read_text(encoding="utf-8")
        for statement in STATEMENT.values():
            text = text.replace(statement, "")
        for word in ("PVN", "VAT", "valueAddedTax"):
            assert word not in text, f"{path.relative_to(not_vat_payer_site)}: {word}"


def test_the_price_table_and_the_printed_estimate_say_it(not_vat_payer_site):
    for lang, page in (("lv", "index.html"), ("en", "en/index.html")):
        html = parse(read(not_vat_payer_site, page))
        caption = words(html.css_first("table.prices caption"))
        assert caption.endswith(" " + STATEMENT[lang]), caption
        sender = words(html.css_first(".cfg-print.cfg-sender"))
        assert sender.endswith(STATEMENT[lang]), sender


def test_package_cards_show_the_price_alone(not_vat_payer_site):
    html = parse(read(not_vat_payer_site, "index.html"))
    prices = [words(node) for node in html.css(".package-price")]
    # full-package tiers 650, 800 (indicative) and 950 € a month.
    assert prices[0] == f"650{NB}€{NB}/{NB}mēn."
    assert prices[1].startswith(f"800{NB}€{NB}/{NB}mēn.")
    assert prices[2] == f"950{NB}€{NB}/{NB}mēn."
    english = parse(read(not_vat_payer_site, "en/index.html"))
    assert words(english.css_first(".package-price")) == f"€650{NB}/{NB}month"


def test_the_configurator_has_no_net_switch_and_no_vat_words(not_vat_payer_site):
    landing = read(not_vat_payer_site, "index.html")
    form = parse(landing).css_first("#konfigurators")
    assert form.css_first("input[name=net]") is None
    [texts] = script_data(landing, not_vat_payer_site)
    for key in ("with_vat", "without_vat", "vat", "prices_net"):
        assert key not in texts
    assert texts["prices_gross"] == STATEMENT["lv"]
    assert texts["summary_total"] == "{label}: {gross}"
    for name in ("data/pricing.json", "data/pricing.en.json"):
        assert json.loads(read(not_vat_payer_site, name))["vat_bp"] is None


def test_the_structured_data_claims_nothing_about_vat(not_vat_payer_site):
    html = parse(read(not_vat_payer_site, "index.html"))
    [data] = [json.loads(node.text()) for node in html.css('script[type="application/ld+json"]')]
    offers = data["hasOfferCatalog"]["itemListElement"]
    community = next(o for o in offers if o["itemOffered"]["name"] == "Kopienas pārvaldīšana")
    assert community["priceSpecification"] == {
        "@type": "UnitPriceSpecification",
        "priceCurrency": "EUR",
        "price": "120.00",
        "unitText": "mēn.",
        "unitCode": "MON",
        "billingDuration": {"@type": "QuantitativeValue", "value": 1, "unitCode": "MON"},
    }


def test_the_vectors_without_vat_hold_for_the_fixture():
    """The vectors with "catalog": {"vat_bp": null} price the fixture's catalog with that change:
    the non-payer's price list has the same prices as the fixture's, and no VAT rate."""
    catalog = to_catalog(load_price_list(NOT_VAT_PAYER_PRICING))
    hand_written = json.loads((VECTORS / "catalog.json").read_text(encoding="utf-8"))
    assert catalog["vat_bp"] is None
    assert {**catalog, "version": ""} == {**hand_written, "vat_bp": None, "version": ""}


def vat_warnings(stderr: str) -> list[str]:
    """Where the build warned that the owner's words speak of VAT: ``file:line``."""
    return [
        line.partition(": brīdinājums")[0]
        for line in stderr.splitlines()
        if "teksts min PVN" in line
    ]


def test_the_owners_own_words_about_vat_are_warned_of_with_file_and_line(tmp_path):
    """The fixture site's own copy says prices include VAT (its calculator texts, line 6 and
    line 7, and the description in pelicanconf.py, line 35); with `vat: none` each is a
    warning at its line, the build still succeeds. Comments, drafts, the statement itself and
    the VAT number's setting are not reported."""
    project = copy_fixture_project(tmp_path / "project")
    publish_languages(project, ["lv", "en"])
    shutil.copy(NOT_VAT_PAYER_PRICING, project / "pricing.yaml")
    landing = project / "content" / "landing" / "80-kalkulators.md"
    landing.write_text(
        landing.read_text(encoding="utf-8")
        + "\n<!-- Piezīme sev: PVN\nvēl jāpārbauda -->\n"
        + "\nPakalpojumu sniedzējs nav PVN maksātājs.\n",
        encoding="utf-8",
    )
    (project / "content" / "pages" / "pvn.md").write_text(
        "Title: Par PVN\nSlug: par-pvn\nStatus: draft\n\nMelnraksts par PVN.\n", encoding="utf-8"
    )
    result = build(project, tmp_path / "output")
    assert result.returncode == 0, result.stderr
    assert vat_warnings(result.stderr) == [
        "content/landing/80-kalkulators.en.md:7",
        "content/landing/80-kalkulators.md:6",
        "pelicanconf.py:35",
    ]
    # A VAT payer's build says nothing of the kind.
    shutil.copy(FIXTURE_PRICING, project / "pricing.yaml")
    result = build(project, tmp_path / "payer")
    assert result.returncode == 0, result.stderr
    assert vat_warnings(result.stderr) == []
