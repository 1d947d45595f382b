"""A seller who is not a VAT payer, in the owner's tools: an inquiry posted to a real endpoint
process pricing with tests/fixtures/not-vat-payer/pricing.yaml, then its notification e-mail,
`quote inquiries export`, `quote offer` (the PDF's text) and `quote check`; and `make publish`,
which needs no VAT number from a non-payer (but does from a payer).

Every euro below is written by hand from that price list: content tier 2 is 450 € a month,
positioning 250 € once; three months: first month 700 €, the period 250 + 3 × 450 = 1 600 €.
"""

from __future__ import annotations

import csv
import email
import io
import json
import os
import sqlite3
import subprocess
import time
from email import policy
from pathlib import Path

import pytest

from quote.pricing import changes
from quote.pricing.catalog import to_catalog
from quote.pricing.model import load_price_list
from quote.site.builds import placeholders_left
from tests.support import (
    BIN,
    FIXTURE_PRICING,
    NOT_VAT_PAYER_PRICING,
    ROOT,
    ServerProcess,
    copy_fixture_project,
    fill_in_owner,
    not_a_vat_payer,
    run_make,
    run_quote,
)
from tests.support.commands import owner_environment
from tests.support.offers import flat, pdftotext

ORIGIN = "http://site.test"
JSON_HEADERS = {"Origin": ORIGIN, "Accept": "application/json", "Content-Type": "application/json"}
STATEMENT = "Pakalpojumu sniedzējs nav PVN maksātājs"
CLIENT = {
    "name": "Līga Ozoliņa",
    "email": "liga@piemers.lv",
    "channels": ["Meta"],
    "message": "Labdien! Gribam vairāk pieprasījumu.",
    "quote": "content=2&positioning=1&months=3",
    "website": "",
}
# A non-payer's facts: no VAT number.
OWNER = {
    "name": "Anna Bērziņa",
    "reg_no": "40000000001",
    "address": "Brīvības iela 1, Rīga, LV-1010",
    "email": "anna@berzina.lv",
    "phone": "+371 20000000",
    "bank": "AS Piemēra banka",
    "iban": "LV80BANK0000435195001",
}


@pytest.fixture(scope="module")
def posted(tmp_path_factory) -> dict:
    var = tmp_path_factory.mktemp("endpoint")
    env = {
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        "QUOTE_SITE_ORIGIN": ORIGIN,
        "QUOTE_DB": str(var / "inquiries.sqlite3"),
        "QUOTE_MAIL_DIR": str(var / "mail"),
        "QUOTE_PRICING": str(NOT_VAT_PAYER_PRICING),
        "QUOTE_RATE_LIMIT": "1000 per minute",
    }
    with ServerProcess(env, cwd=var) as server:
        sent = {**CLIENT, "ts": str(int(time.time() * 1000) - 30_000)}
        response = server.post(json.dumps(sent).encode(), JSON_HEADERS)
        assert response.status == 201, response.body
        inquiry = response.json()["id"]
        deadline = time.monotonic() + 10
        while not list((var / "mail").glob("*.eml")) and time.monotonic() < deadline:
            time.sleep(0.05)
    return {"db": var / "inquiries.sqlite3", "mail": var / "mail", "id": inquiry}


@pytest.fixture
def scratch(posted, tmp_path) -> Path:
    copy = tmp_path / "inquiries.sqlite3"
    with sqlite3.connect(posted["db"]) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    return copy


def quote(db: Path, *args: str) -> subprocess.CompletedProcess:
    env = owner_environment({"QUOTE_DB": str(db), "QUOTE_PRICING": str(NOT_VAT_PAYER_PRICING)})
    result = subprocess.run(
        [str(BIN / "quote"), *args], env=env, capture_output=True, text=True, cwd=db.parent
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def test_the_owner_email_shows_the_prices_without_a_vat_split(posted):
    [file] = posted["mail"].glob("*.eml")
    message = email.message_from_bytes(file.read_bytes(), policy=policy.default)
    body = message.get_body(("plain",)).get_content()
    assert f"; {STATEMENT}):" in body
    lines = [line for line in body.splitlines() if line.startswith("  ") and "€" in line]
    assert lines == [
        "  - Sociālo tīklu virziens un pozicionējums: 250\u00a0€",
        "  - Satura plāns un publicēšana, 2. līmenis: 450\u00a0€\u00a0/\u00a0mēn.",
        "  Ik mēnesi: 450\u00a0€",
        "  Vienreizējie maksājumi: 250\u00a0€",
        "  Pirmajā mēnesī: 700\u00a0€",
        "  Par 3 mēnešiem: 1\u00a0600\u00a0€",
    ]
    assert "PVN" not in body.replace(STATEMENT, "")


def test_the_export_leaves_net_and_vat_empty(posted, scratch):
    text = quote(scratch, "inquiries", "export", "--format", "csv").stdout
    [header, row] = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    cells = dict(zip(header, row, strict=True))
    money = {key: value for key, value in cells.items() if key.endswith(", €")}
    assert {key: value for key, value in money.items() if value} == {
        "Mēnesī ar PVN, €": "450,00",
        "Vienreizēji ar PVN, €": "250,00",
        "Pirmajā mēnesī ar PVN, €": "700,00",
        "Periodā ar PVN, €": "1600,00",
    }
    assert len(money) == 12


def test_the_offer_needs_no_vat_number_and_says_so(posted, scratch, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    settings = site / "pelicanconf.py"
    settings.write_text(
        f"SITENAME = 'Testa vietne'\nSITE_ORIGIN = 'https://berzina.lv'\nOWNER = {OWNER!r}\n",
        encoding="utf-8",
    )
    quote(scratch, "offer", str(posted["id"]), "--settings", str(settings))
    [pdf] = (scratch.parent / "offers" / str(posted["id"])).glob("*.pdf")
    text = flat(pdftotext(pdf, "-layout"))
    assert f"{STATEMENT}." in text
    assert "PVN" not in text.replace(STATEMENT, "")
    assert "Kopā par 3 mēnešiem 1 600 €" in text


def test_check_says_the_seller_is_not_a_vat_payer():
    result = run_quote("check", str(NOT_VAT_PAYER_PRICING), "--prices-only")
    assert result.returncode == 0, result.stderr
    assert f"{STATEMENT} (vat: none): cenas ir bez PVN sadalījuma." in result.stdout.splitlines()


def test_diff_and_warnings_between_a_payer_and_a_non_payer():
    payer = to_catalog(load_price_list(FIXTURE_PRICING))
    non_payer = to_catalog(load_price_list(NOT_VAT_PAYER_PRICING))
    assert changes.price_diff(payer, non_payer) == []  # the same prices
    assert changes.vat_change(payer, non_payer) == [
        f"vat: none: vietnē vairs nav PVN ({STATEMENT}); cenas paliek tādas, kā rakstītas, un "
        "klients tagad maksā tieši tās"
    ]
    assert changes.vat_change(non_payer, payer) == [
        "vat_rate: vietnē tagad ir PVN 21\u00a0%; cenas ir ar PVN, un cenas bez PVN kļūst mazākas"
    ]
    dearer = json.loads(json.dumps(non_payer))
    dearer["services"][2]["price"] = 13000  # community: 120 € -> 130 €
    assert changes.price_diff(non_payer, dearer) == [
        "~ Kopienas pārvaldīšana [community]: 120\u00a0€ → 130\u00a0€"
    ]


def published_settings(project: Path, vat_no: str | None) -> Path:
    """The scratch copy's publishconf.py with the owner's facts filled in, and their VAT number
    left empty (``""``) or taken out (``None``), as an owner edits the line."""
    fill_in_owner(project)
    settings = project / "publishconf.py"
    line = 'OWNER.pop("vat_no")' if vat_no is None else f'OWNER["vat_no"] = {vat_no!r}'
    settings.write_text(settings.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")
    return settings


def test_publish_needs_no_vat_number_from_a_non_payer(tmp_path):
    project = copy_fixture_project(tmp_path / "non-payer")
    not_a_vat_payer(project)
    for vat_no in ("", None):
        assert placeholders_left(published_settings(project, vat_no)) is None


@pytest.mark.parametrize(("vat_no", "why"), [("", "tukša vērtība"), (None, "nav norādīts")])
def test_publish_still_needs_a_payers_vat_number(tmp_path, vat_no, why):
    project = copy_fixture_project(tmp_path / "payer")
    settings = published_settings(project, vat_no)
    refusal = placeholders_left(settings)
    assert refusal is not None and 'OWNER["vat_no"]' in refusal and why in refusal, refusal
    assert 'OWNER["iban"]' not in refusal  # only what is missing
    if vat_no == "":
        result = run_make("publish", project)
        assert result.returncode != 0
        assert f"publishconf.py: OWNER[\"vat_no\"] = '' — {why}" in result.stderr, result.stderr
        assert "output/ nav mainīta." in result.stderr
        assert not (project / "output").exists()
