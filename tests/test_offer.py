"""From inquiry to offer, the way the owner runs it: inquiries posted to the real endpoint (a
``python -m quote.contact`` process pricing with the fixture price list), then the ``quote``
command on a scratch copy of its database: the CSV read back cell by cell, JSON, ``show``,
``mark``/``list --status``/``stats``, and ``quote offer`` with the PDF's text extracted.

Every euro below is written by hand from tests/fixtures/site/pricing.yaml (VAT 21 %).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sqlite3
import stat
import subprocess
import textwrap
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from quote.offers.document import OfferError, discount_of, percent_to_bp
from tests.support import BIN, FIXTURE_PRICING, ROOT, ServerProcess
from tests.support.commands import owner_environment
from tests.support.offers import flat, pdftotext

ORIGIN = "http://site.test"
JSON_HEADERS = {"Origin": ORIGIN, "Accept": "application/json", "Content-Type": "application/json"}

CLIENT = {
    "name": "Līga Ozoliņa",
    "email": "liga@piemers.lv",
    "phone": "+371 2612 3456",
    "company": "SIA „Ozoliņi”",
    "channels": ["Meta", "YouTube"],
    "message": "Labdien!\nGribam vairāk pieprasījumu. =SUM(A1)",
    # influencer=2 costs 2 × 200 €; "total" is a forged figure the endpoint drops.
    "quote": "content=2&ads=1&positioning=1&influencer=2&months=6&total=1",
    "website": "",
}
# The indicative tier: full-package 2 (800 €, "indicative: true" in the fixture).
PACKAGE_CLIENT = {
    "name": "Ēriks Ūdris",
    "email": "eriks@piemers.lv",
    "message": "Pakete, lūdzu.",
    "channels": ["TikTok"],
    "quote": "full-package=2&training=1&months=3",
    "website": "",
}

OWNER_FILLED = {
    "name": "Anna Bērziņa",
    "reg_no": "40000000001",
    "vat_no": "LV40000000001",
    "address": "Brīvības iela 1, Rīga, LV-1010",
    "email": "anna@berzina.lv",
    "phone": "+371 20000000",
    "bank": "AS Piemēra banka",
    "iban": "LV80BANK0000435195001",
}


@pytest.fixture(scope="module")
def posted(tmp_path_factory) -> dict:
    """Two inquiries and one spam posted to a real endpoint process; its database and ids."""
    var = tmp_path_factory.mktemp("endpoint")
    env = {
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        "QUOTE_SITE_ORIGIN": ORIGIN,
        "QUOTE_DB": str(var / "inquiries.sqlite3"),
        "QUOTE_MAIL_DIR": str(var / "mail"),
        "QUOTE_PRICING": str(FIXTURE_PRICING),
        "QUOTE_RATE_LIMIT": "1000 per minute",
    }
    ids = {}
    with ServerProcess(env, cwd=var) as server:
        for key, data in (("client", CLIENT), ("package", PACKAGE_CLIENT)):
            sent = {**data, "ts": str(int(time.time() * 1000) - 30_000)}
            response = server.post(json.dumps(sent).encode(), JSON_HEADERS)
            assert response.status == 201, response.body
            ids[key] = response.json()["id"]
        spam = {
            **CLIENT,
            "email": "bots@piemers.lv",
            "message": "Lēts piedāvājums!",
            "website": "x",
        }
        spam["ts"] = str(int(time.time() * 1000) - 30_000)
        assert server.post(json.dumps(spam).encode(), JSON_HEADERS).status == 201
    return {"db": var / "inquiries.sqlite3", **ids}


@pytest.fixture
def scratch(posted, tmp_path) -> Path:
    """A private copy of the endpoint's database for one test."""
    copy = tmp_path / "inquiries.sqlite3"
    with sqlite3.connect(posted["db"]) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    return copy


def quote(db: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    # This checkout's code (PYTHONPATH), whichever checkout the shared environment came from.
    env = owner_environment({"QUOTE_DB": str(db), "QUOTE_PRICING": str(FIXTURE_PRICING)})
    result = subprocess.run(
        [str(BIN / "quote"), *args], env=env, capture_output=True, text=True, cwd=db.parent
    )
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def write_settings(folder: Path, owner: dict, origin: str = "https://berzina.lv") -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "pelicanconf.py").write_text(
        f"SITENAME = 'Testa vietne'\nSITE_ORIGIN = 'http://127.0.0.1:8000'\nOWNER = {owner!r}\n",
        encoding="utf-8",
    )
    (folder / "publishconf.py").write_text(
        textwrap.dedent(
            f"""
            import sys
            from pathlib import Path
            sys.path.append(str(Path(__file__).resolve().parent))
            from pelicanconf import *  # noqa
            SITE_ORIGIN = {origin!r}
            """
        ),
        encoding="utf-8",
    )
    return folder / "publishconf.py"


def pdf_text(path: Path) -> str:
    """The PDF's text as ``pdftotext -layout`` reads it: a table row stays on one line."""
    return flat(pdftotext(path, "-layout"))


# -- export ---------------------------------------------------------------------------------------


def test_csv_is_readable_cell_by_cell(posted, scratch):
    raw = quote(scratch, "inquiries", "export", "--format", "csv").stdout.encode("utf-8")
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert len(body) == 2  # spam only with --with-spam
    assert len({len(row) for row in rows}) == 1
    row = dict(zip(header, next(r for r in body if r[0] == str(posted["client"])), strict=True))

    with sqlite3.connect(scratch) as conn:
        stamp = conn.execute(
            "SELECT created_at FROM inquiry WHERE id = ?", (posted["client"],)
        ).fetchone()[0]
    riga = datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone(ZoneInfo("Europe/Riga"))
    assert row["Saņemts (Rīgas laiks)"] == riga.strftime("%Y-%m-%d %H:%M:%S")
    assert row["Laika josla"] in ("UTC+02:00", "UTC+03:00")
    assert row["Laika josla"] == "UTC" + riga.strftime("%z")[:3] + ":" + riga.strftime("%z")[3:]
    assert row["Statuss"] == "jauns"
    assert row["Vārds"] == "Līga Ozoliņa"
    assert row["E-pasts"] == "liga@piemers.lv"
    assert row["Tālrunis"] == "'+371 2612 3456"  # a leading + would be a formula
    assert row["Uzņēmums"] == "SIA „Ozoliņi”"
    assert row["Kanāli"] == "Meta, YouTube"
    assert row["Ziņa"] == "Labdien!\nGribam vairāk pieprasījumu. =SUM(A1)"
    # One column per service, named as in the price list.
    assert row["Sociālo tīklu virziens un pozicionējums"] == "jā"
    assert row["Satura plāns un publicēšana"] == "2. līmenis"
    assert row["Sociālo tīklu reklāmu pārvaldīšana"] == "1. līmenis"
    assert row["Sadarbības ar influenceriem plānošana"] == "2"
    assert row["Kopienas pārvaldīšana"] == ""
    assert row["Pilna sociālo tīklu pārvaldīšana (pakete)"] == ""
    assert row["Mēneši"] == "6"
    expected = {
        # 450 + 250 a month; 250 + 2 × 200 once; 650 + 6 × 700 for the period
        "Mēnesī ar PVN, €": "700,00",
        "Mēnesī bez PVN, €": "578,51",
        "Mēnesī PVN, €": "121,49",
        "Vienreizēji ar PVN, €": "650,00",
        "Vienreizēji bez PVN, €": "537,19",
        "Vienreizēji PVN, €": "112,81",
        "Pirmajā mēnesī ar PVN, €": "1350,00",
        "Pirmajā mēnesī bez PVN, €": "1115,70",
        "Pirmajā mēnesī PVN, €": "234,30",
        "Periodā ar PVN, €": "4850,00",
        "Periodā bez PVN, €": "4008,25",  # 537,19 + 6 x 578,51
        "Periodā PVN, €": "841,75",  # 112,81 + 6 x 121,49
    }
    for column, value in expected.items():
        assert row[column] == value, column
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}, versija [0-9a-f]{12}", row["Cenrādis"])
    assert row["Aprēķina parametri"] == "positioning=1&content=2&ads=1&influencer=2&months=6"
    assert row["Piedāvājumi"] == ""

    package = dict(
        zip(header, next(r for r in body if r[0] == str(posted["package"])), strict=True)
    )
    assert package["Pilna sociālo tīklu pārvaldīšana (pakete)"] == "2. līmenis"
    assert package["Sociālo tīklu apmācība komandai"] == "1"  # a count, even when 1
    assert package["Mēnesī ar PVN, €"] == "800,00"
    assert package["Periodā ar PVN, €"] == "2620,00"
    assert package["Uzņēmums"] == ""

    with_spam = quote(scratch, "inquiries", "export", "--with-spam").stdout
    spam_rows = list(csv.DictReader(io.StringIO(with_spam.lstrip("\ufeff")), delimiter=";"))
    assert [r["Surogātpasts"] for r in spam_rows] == ["", "", "slazda lauks"]


def test_json_keeps_the_structure_in_cents(posted, scratch):
    records = json.loads(quote(scratch, "inquiries", "export", "--format", "json").stdout)
    record = next(r for r in records if r["id"] == posted["client"])
    assert record["estimate"]["monthly"] == {"gross": 70000, "net": 57851, "vat": 12149}
    assert record["estimate"]["period"] == {"gross": 485000, "net": 400825, "vat": 84175}
    assert record["estimate"]["lines"][0] == {
        "service": "positioning",
        "tier": None,
        "quantity": 1,
        "billing": "once",
        "amount": 25000,
    }
    assert record["status"] == "new"
    assert record["offers"] == []
    assert record["channels"] == ["Meta", "YouTube"]


def test_show_names_the_price_list_by_date_and_version(posted, scratch):
    out = quote(scratch, "inquiries", "show", str(posted["client"])).stdout
    match = re.search(r"^Cenrādis: (\d{4}-\d{2}-\d{2}), versija ([0-9a-f]{12})$", out, re.M)
    assert match, out
    dated = datetime.fromtimestamp(FIXTURE_PRICING.stat().st_mtime, ZoneInfo("Europe/Riga"))
    assert match.group(1) == f"{dated:%Y-%m-%d}"
    assert "Statuss: jauns" in out
    assert "Piedāvājumi: nav." in out


# -- status and summary ---------------------------------------------------------------------------


def test_mark_list_by_status_and_stats(posted, scratch):
    client, package = str(posted["client"]), str(posted["package"])
    assert quote(scratch, "inquiries", "mark", client, "won", "--note", "Līgums parakstīts").stdout
    quote(scratch, "inquiries", "mark", package, "answered")

    won = quote(scratch, "inquiries", "list", "--status", "won").stdout
    assert "kopā 1" in won and f"Nr. {client} " in won and f"Nr. {package} " not in won
    assert "Līga Ozoliņa" in won
    new = quote(scratch, "inquiries", "list", "--status", "new").stdout
    assert "kopā 0" in new and "nav" in new

    bad = quote(scratch, "inquiries", "mark", client, "maybe", check=False)
    assert bad.returncode != 0
    missing = quote(scratch, "inquiries", "mark", "999", "won", check=False)
    assert missing.returncode == 1 and "Nr. 999 nav atrasts" in missing.stderr

    show = quote(scratch, "inquiries", "show", client).stdout
    assert "Statuss: noslēgts" in show and "noslēgts — Līgums parakstīts" in show

    stats = flat(quote(scratch, "inquiries", "stats").stdout)
    month = datetime.now(ZoneInfo("Europe/Riga")).strftime("%Y-%m")
    # 2 inquiries this month, 1 won, worth 700 € a month (its estimate: no offer yet).
    assert f"{month} 2 1 700 €" in stats, stats
    assert "Kopā: 2; noslēgti 1; noslēgto vērtība mēnesī 700 €." in stats
    assert "jauns 0, atbildēts 1, piedāvājums nosūtīts 0, noslēgts 1, zaudēts 0" in stats
    assert "Pilna sociālo tīklu pārvaldīšana (pakete), 2. līmenis — 1" in stats

    rows = list(
        csv.DictReader(
            io.StringIO(quote(scratch, "inquiries", "export").stdout.lstrip("\ufeff")),
            delimiter=";",
        )
    )
    row = next(r for r in rows if r["Nr."] == client)
    assert (row["Statuss"], row["Statusa piezīme"]) == ("noslēgts", "Līgums parakstīts")


# -- the offer ------------------------------------------------------------------------------------


def test_offer_pdf_has_every_figure_the_sender_and_the_client(posted, scratch, tmp_path):
    settings = write_settings(tmp_path / "site", OWNER_FILLED)
    client = str(posted["client"])
    first = quote(scratch, "offer", client, "--settings", str(settings), "--note", "Sākam janvārī.")
    year = date.today().year
    assert f"Piedāvājums Nr. {year}-001" in first.stdout
    pdf = scratch.parent / "offers" / client / f"piedavajums-{year}-001.pdf"
    html = pdf.with_suffix(".html")
    assert stat.S_IMODE(pdf.stat().st_mode) == 0o600
    assert stat.S_IMODE(pdf.parent.stat().st_mode) == 0o700
    # The offers/ folder above it too (red team, issue 25 item 9: it was 0755).
    assert stat.S_IMODE(pdf.parent.parent.stat().st_mode) == 0o700
    text = pdf_text(pdf)

    for fact in OWNER_FILLED.values():
        assert fact in text, fact
    for fact in ("Līga Ozoliņa", "SIA „Ozoliņi”", "liga@piemers.lv"):
        assert fact in text, fact
    assert f"Piedāvājums Nr. {year}-001" in text
    today = date.today()
    assert f"Datums {today:%d.%m.%Y}" in text
    assert f"Derīgs līdz {today + timedelta(days=14):%d.%m.%Y}" in text
    # one line per service: name, tier or quantity, unit price, amount with VAT
    for line in (
        "Satura plāns un publicēšana, 2. līmenis 1 450 € / mēn. 450 € / mēn. "
        "2 kanāli, 10 ieraksti katrā, 2 labojumu cikli",
        "Sociālo tīklu reklāmu pārvaldīšana, 1. līmenis",
        "Sociālo tīklu virziens un pozicionējums 1 250 € 250 €",
        "Sadarbības ar influenceriem plānošana 2 200 € / sadarbība 400 €",
    ):
        assert line in text, line
    # totals without VAT, the VAT and with VAT; one-time and monthly parts and the period
    for line in (
        "Bez PVN PVN 21 % Ar PVN",
        "Vienreizējie maksājumi 537,19 € 112,81 € 650 €",
        "Ikmēneša maksājums 578,51 € 121,49 € 700 €",
        "Pirmā mēneša maksājums 1 115,70 € 234,30 € 1 350 €",
        "Kopā par 6 mēnešiem 4 008,25 € 841,75 € 4 850 €",  # 537,19 + 6 x 578,51 …
    ):
        assert line in text, line
    assert "Atlaide" not in text
    assert "Orientējoša cena" not in text
    assert "Sākam janvārī." in text
    link = "https://berzina.lv/?positioning=1&content=2&ads=1&influencer=2&months=6#kalkulators"
    assert link in text.replace(" ", "")
    assert f'href="{link.replace("&", "&amp;")}"' in html.read_text(encoding="utf-8")

    # A second offer, with a discount: a new number, its own discount lines.
    second = quote(scratch, "offer", client, "--settings", str(settings), "--discount", "10",
                   "--valid-days", "30")  # fmt: skip
    assert f"Piedāvājums Nr. {year}-002" in second.stdout
    text = pdf_text(pdf.with_name(f"piedavajums-{year}-002.pdf"))
    assert f"Piedāvājums Nr. {year}-002" in text
    assert f"Derīgs līdz {today + timedelta(days=30):%d.%m.%Y}" in text
    for line in (
        "Summa 700 € / mēn. Atlaide 10 % −70 € / mēn. Kopā 630 € / mēn.",
        "Summa 650 € Atlaide 10 % −65 € Kopā 585 €",
        "Vienreizējie maksājumi 483,47 € 101,53 € 585 €",
        "Ikmēneša maksājums 520,66 € 109,34 € 630 €",
        "Pirmā mēneša maksājums 1 004,13 € 210,87 € 1 215 €",
        "Kopā par 6 mēnešiem 3 607,43 € 757,57 € 4 365 €",  # 483,47 + 6 x 520,66 …
    ):
        assert line in text, line

    show = quote(scratch, "inquiries", "show", client).stdout
    assert f"Nr. {year}-001" in show and f"Nr. {year}-002" in show
    assert str(pdf) in show


def test_indicative_price_is_marked(posted, scratch, tmp_path):
    settings = write_settings(tmp_path / "site", OWNER_FILLED)
    quote(scratch, "offer", str(posted["package"]), "--settings", str(settings))
    [pdf] = (scratch.parent / "offers" / str(posted["package"])).glob("*.pdf")
    text = pdf_text(pdf)
    assert "Pilna sociālo tīklu pārvaldīšana (pakete), 2. līmenis*" in text
    assert "* Orientējoša cena" in text
    assert "Sociālo tīklu apmācība komandai 1 220 € / sesija (2 st.) 220 €" in text
    # 220 € once (181,82 + 38,18) + 3 x 800 € (661,16 + 138,84)
    assert "Kopā par 3 mēnešiem 2 165,30 € 454,70 € 2 620 €" in text
    assert "Pirmā mēneša maksājums 842,98 € 177,02 € 1 020 €" in text


def test_offer_numbers_never_repeat_even_after_erasure(posted, scratch, tmp_path):
    settings = write_settings(tmp_path / "site", OWNER_FILLED)
    year = date.today().year
    quote(scratch, "offer", str(posted["client"]), "--settings", str(settings))
    folder = scratch.parent / "offers" / str(posted["client"])
    assert folder.is_dir()
    erased = quote(scratch, "inquiries", "delete", "--email", "liga@piemers.lv").stdout
    assert not folder.exists()  # the offer holds the client's details: erased with them
    assert "Piedāvājumu faili:" in erased and f"{folder}/piedavajums-{year}-001.pdf" in erased
    out = quote(scratch, "offer", str(posted["package"]), "--settings", str(settings)).stdout
    assert f"Piedāvājums Nr. {year}-002" in out
    assert (scratch.parent / "offers" / str(posted["package"])).is_dir()


def test_erasure_removes_an_offer_written_into_a_folder_of_the_owners_choice(
    posted, scratch, tmp_path
):
    """Red team, issue 25 item 1: `delete --email` reported success and left an offer written
    with --output, the client's name and address in it."""
    settings = write_settings(tmp_path / "site", OWNER_FILLED)
    elsewhere = tmp_path / "Dokumenti" / "piedavajumi"
    quote(
        scratch,
        "offer",
        str(posted["client"]),
        "--settings",
        str(settings),
        "--output",
        str(elsewhere),
    )
    written = sorted(elsewhere.rglob("piedavajums-*"))
    assert {path.suffix for path in written} == {".pdf", ".html"}
    erased = quote(scratch, "inquiries", "delete", "--email", "LIGA@piemers.lv").stdout
    assert [path for path in written if path.exists()] == []
    assert "Piedāvājumu faili:" in erased
    for path in written:
        assert str(path) in erased


def test_offer_is_refused_while_the_owner_details_are_placeholders(posted, scratch, tmp_path):
    owner = {**OWNER_FILLED, "iban": "[konta numurs IBAN]", "email": "info@example.lv"}
    settings = write_settings(tmp_path / "site", owner, origin="https://www.example.lv")
    result = quote(
        scratch, "offer", str(posted["client"]), "--settings", str(settings), check=False
    )
    assert result.returncode == 1
    assert 'pelicanconf.py: OWNER["iban"]' in result.stderr
    assert 'pelicanconf.py: OWNER["email"]' in result.stderr
    assert "publishconf.py: SITE_ORIGIN" in result.stderr
    assert not (scratch.parent / "offers").exists()
    # No number was taken: the first real offer is still 001.
    settings = write_settings(tmp_path / "site", OWNER_FILLED)
    out = quote(scratch, "offer", str(posted["client"]), "--settings", str(settings)).stdout
    assert f"Nr. {date.today().year}-001" in out


def test_offer_needs_an_estimate_and_a_real_inquiry(posted, scratch, tmp_path):
    settings = write_settings(tmp_path / "site", OWNER_FILLED)
    missing = quote(scratch, "offer", "999", "--settings", str(settings), check=False)
    assert missing.returncode == 1 and "Nr. 999 nav atrasts" in missing.stderr
    bad = quote(
        scratch, "offer", "1", "--settings", str(settings), "--discount", "120", check=False
    )
    assert bad.returncode == 2 and "100 %" in bad.stderr


def test_discount_percent_and_rounding():
    assert percent_to_bp("10") == 1000
    assert percent_to_bp("7,5") == 750
    assert percent_to_bp("12.25 %") == 1225
    for text in ("", "-5", "abc", "101", "1,234"):
        with pytest.raises(OfferError):
            percent_to_bp(text)
    assert discount_of(65000, 1000) == 6500
    assert discount_of(999, 750) == 75  # 74.925 rounds half up to 75
    assert discount_of(1, 5000) == 1  # half a cent rounds up
