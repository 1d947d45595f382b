"""``quote stats`` (issue 26): the owner's report of the counts, checked against figures written
by hand from the fixture store of tests/support/stats.py (its docstring and rows say what each
number is made of): the funnel and its ratios, "<5" for small counts and no ratio from them, the
most estimated services and tiers by name (the id when the price list lost it), the price
bands, pages, languages and hosts, the funnel per price list version, an empty period, the
period's options, and a database or an HTML file that cannot be used."""

from __future__ import annotations

from datetime import date

import pytest

from quote.cli import main
from quote.money import NBSP
from quote.stats.figures import Funnel, Period, read_figures
from tests.support import run_quote
from tests.support.stats import VERSION_A, VERSION_B, stats_pricing, stats_store

NOVEMBER = ["--from", "2026-11-01", "--to", "2026-11-30"]

# Written by hand from COUNTS and the offers of tests/support/stats.py: 400 visits; 130/400 =
# 32,5 %; 103/130 = 79,23 %; 9/103 = 8,74 %; 9/400 = 2,25 % (half up: 2,3 %); 3 inquiries sent an
# offer and 2 accepted, both below 5. Version A: 50/200 = 25 %, 40/50 = 80 %; version B:
# 80/200 = 40 %, 63/80 = 78,75 %, 7/63 = 11,11 %.
NOVEMBER_REPORT = """\
Apmeklējumu un pieprasījumu pārskats: 01.11.2026–30.11.2026 (30 dienas)

Ceļš līdz pasūtījumam    skaits  no iepriekšējā
  Apmeklējumi               400
  Izmantots kalkulators     130          32,5 %
  Parādīts aprēķins         103          79,2 %
  Nosūtīts pieprasījums       9           8,7 %
  Nosūtīts piedāvājums       <5               –
  Pieņemts piedāvājums       <5               –
No apmeklējuma līdz pieprasījumam: 2,3 %; līdz pieņemtam piedāvājumam: –.
Kopīgotas aprēķina saites: <5; izdrukāti aprēķini: 6.

Biežāk aprēķinātie pakalpojumi un līmeņi:
  1. Satura plāns un publicēšana, 2. līmenis                    50
  2. Kopienas pārvaldīšana                                      35
  3. Sociālo tīklu reklāmu pārvaldīšana, 1. līmenis             12
  4. Pilna sociālo tīklu pārvaldīšana (pakete), 2. līmenis       8
  5. content:9                                                   6
  6. gone:1                                                     <5

Aprēķinu cenu diapazoni (cena mēnesī):
  0–99 €                <5
  100–249 €              0
  250–499 €             30
  500–999 €             50
  1000–1999 €            9
  2000 € un vairāk      <5

Lapas:
  1. /             270
  2. /en/           60
  3. /buj/          50
  4. /paldies/      20

Valodas:
  1. latviešu (lv)     320
  2. angļu (en)         80

No kurienes atnāca (atsauces vietne):
  1. bez atsauces (ievadīta adrese, grāmatzīme)     190
  2. www.google.com                                 150
  3. www.facebook.com                                37
  4. l.instagram.com                                 19
  5. example.lv                                      <5
  6. t.co                                            <5

Cenrāža versiju salīdzinājums (periodā bija spēkā 2):
  A: 2026-10-20, versija a1b2c3d4e5f6 (skaitīts 01.11.2026–10.11.2026)
  B: 2026-11-14, versija 0f9e8d7c6b5a (skaitīts 15.11.2026–30.11.2026)
                              A                B
  Apmeklējumi               200              200
  Izmantots kalkulators      50     25 %      80     40 %
  Parādīts aprēķins          40     80 %      63   78,8 %
  Nosūtīts pieprasījums      <5        –       7   11,1 %
  Nosūtīts piedāvājums       <5        –      <5        –
  Pieņemts piedāvājums       <5        –      <5        –

<5: mazāk par 5 (precīzs skaits netiek rādīts, lai neviens apmeklētājs nebūtu atpazīstams); –:
attiecība netiek rādīta, ja kāds no tās skaitļiem ir mazāks par 5.
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    folder = tmp_path_factory.mktemp("stats")
    stats_store(folder / "inquiries.sqlite3")
    stats_pricing(folder)
    return folder


@pytest.fixture
def env(project, monkeypatch):
    monkeypatch.setenv("QUOTE_DB", str(project / "inquiries.sqlite3"))
    monkeypatch.setenv("QUOTE_PRICING", str(project / "pricing.yaml"))
    monkeypatch.setenv("QUOTE_MAIL_DIR", str(project / "mail"))
    return project


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["stats", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_report_of_a_month_has_the_hand_written_figures(env, capsys):
    code, out, err = run(capsys, *NOVEMBER)
    assert (code, err) == (0, "")
    assert out.replace(NBSP, " ") == NOVEMBER_REPORT
    # Latvian number formats with no-break spaces: "32,5 %", "250–499 €".
    assert f"32,5{NBSP}%" in out and f"250–499{NBSP}€" in out and f"2000{NBSP}€ un" in out


def test_offers_are_counted_per_inquiry_in_the_days_they_were_sent_and_accepted(env):
    from quote.contact.store import Store

    figures = read_figures(
        Store(env / "inquiries.sqlite3"), Period(date(2026, 11, 1), date(2026, 11, 30))
    )
    assert figures.funnel == Funnel(400, 130, 103, 9, 3, 2)
    assert [(v.version, v.funnel) for v in figures.versions] == [
        (VERSION_A, Funnel(200, 50, 40, 2, 1, 1)),
        (VERSION_B, Funnel(200, 80, 63, 7, 2, 1)),
    ]
    december = read_figures(
        Store(env / "inquiries.sqlite3"), Period(date(2026, 12, 1), date(2026, 12, 1))
    )
    assert december.funnel == Funnel(40, 9, 0, 0, 1, 0)
    assert december.services == (("ads:3", 30),)


def test_the_default_period_is_the_last_30_days_and_days_to_ends_it_where_asked(env, capsys):
    code, out, _ = run(capsys, "--today", "2026-11-30")
    assert code == 0
    assert out.replace(NBSP, " ") == NOVEMBER_REPORT
    # 8–14 November: only the 80 visits of 10 November (version A alone: no comparison)
    code, out, _ = run(capsys, "--days", "7", "--to", "2026-11-14")
    lines = out.replace(NBSP, " ").splitlines()
    assert lines[0] == "Apmeklējumu un pieprasījumu pārskats: 08.11.2026–14.11.2026 (7 dienas)"
    assert "  Apmeklējumi                80" in lines
    assert "  Izmantots kalkulators      20            25 %" in lines
    assert "  1. /buj/      50" in lines
    assert not any("versiju salīdzinājums" in line for line in lines)


def test_an_empty_period_says_so(env, capsys):
    code, out, _ = run(capsys, "--from", "2026-09-01", "--to", "2026-09-30")
    assert code == 0
    assert out.splitlines() == [
        "Apmeklējumu un pieprasījumu pārskats: 01.09.2026–30.09.2026 (30 dienas)",
        "",
        "Šajā periodā nav neviena skaitījuma: ne apmeklējumu, ne aprēķinu, ne pieprasījumu.",
    ]


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["--days", "7", "--from", "2026-11-01"], "Norādiet vai nu --days, vai --from"),
        (
            ["--from", "2026-11-30", "--to", "2026-11-01"],
            "Perioda sākums 2026-11-30 ir pēc tā beigām",
        ),
        (["--from", "2026-11-31"], "jābūt datumam GGGG-MM-DD"),
        (["--days", "0"], "jābūt vismaz 1"),
    ],
)
def test_a_wrong_period_is_refused_in_latvian(env, capsys, argv, said):
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert said in err and "Kļūda:" in err


def test_a_database_that_cannot_be_read_stops_with_a_latvian_message(tmp_path, capsys):
    broken = tmp_path / "inquiries.sqlite3"
    broken.write_bytes(b"this is not a database, only text " * 100)
    result = run_quote("stats", "--db", str(broken), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert "nevar nolasīt: tā ir bojāta vai nav pieprasījumu datubāze" in result.stderr
    assert "Traceback" not in result.stderr
    assert broken.read_bytes() == b"this is not a database, only text " * 100
    code, out, err = run(capsys, "--db", str(tmp_path / "nav.sqlite3"))
    assert (code, out) == (1, "")
    assert err.startswith("Datubāze nav atrasta: ")
    assert not (tmp_path / "nav.sqlite3").exists()


def test_an_html_file_that_cannot_be_written_changes_nothing(env, capsys, tmp_path):
    target = tmp_path / "nav-mapes" / "parskats.html"
    code, out, err = run(capsys, *NOVEMBER, "--html", str(target))
    assert (code, out) == (1, "")
    assert err.startswith("HTML pārskatu nevar ierakstīt:")
    assert not target.parent.exists()
    # Over an older report, a new one replaces it whole and leaves no partial file beside it.
    old = tmp_path / "parskats.html"
    old.write_text("vecs", encoding="utf-8")
    code, out, _ = run(capsys, *NOVEMBER, "--html", str(old))
    assert code == 0 and out.endswith(f"HTML pārskats ierakstīts: {old}\n")
    assert old.read_text(encoding="utf-8").startswith('<!doctype html>\n<html lang="lv">')
    assert sorted(p.name for p in tmp_path.iterdir()) == ["parskats.html"]


def test_long_lists_counts_of_no_version_and_a_price_list_that_cannot_be_read(
    tmp_path, capsys, monkeypatch
):
    """Twelve hosts: ten shown and the rest summed; counts tagged with no version ("") and an
    offer priced with a version not counted in the period are in the totals, not compared; with
    no price list to read, services are shown by their ids."""
    from tests.support.followup import add_inquiry, at, make_offer, new_store, send_offer

    monkeypatch.setenv("QUOTE_PRICING", str(tmp_path / "nav-pricing.yaml"))
    monkeypatch.setenv("QUOTE_MAIL_DIR", str(tmp_path / "mail"))
    store = new_store(tmp_path / "inquiries.sqlite3")
    hosts = [(f"h{n:02d}.lv", 21 - n) for n in range(1, 13)]  # 20, 19, …, 9
    store.add_counts(
        [
            ("2026-11-10", "view", "", "", "", 3),
            ("2026-11-10", "view", "", "", "c0c0c0c0c0c0", 194),
            *[("2026-11-10", "view", "referrer", host, "c0c0c0c0c0c0", n) for host, n in hosts],
            ("2026-11-10", "estimate", "", "", "c0c0c0c0c0c0", 7),
            ("2026-11-10", "estimate", "service", "content:2", "c0c0c0c0c0c0", 7),
        ]
    )
    inquiry = add_inquiry(
        store, "Ilze Kalniņa", when=at("2026-10-01"), price_version="0ld0ld0ld0ld"
    )
    send_offer(
        store,
        make_offer(store, inquiry, when=at("2026-11-11"), valid_until="2027-01-01"),
        when=at("2026-11-11"),
    )
    code = main(["stats", "--db", str(store.path), "--from", "2026-11-01", "--to", "2026-11-30"])
    out = capsys.readouterr().out.replace(NBSP, " ")
    assert code == 0
    lines = out.splitlines()
    assert "  Apmeklējumi               197" in lines
    assert "  Nosūtīts piedāvājums       <5               –" in lines
    assert "  1. content:2       7" in lines
    start = lines.index("No kurienes atnāca (atsauces vietne):")
    assert lines[start + 1 : start + 13] == [
        "  1. h01.lv       20",
        "  2. h02.lv       19",
        "  3. h03.lv       18",
        "  4. h04.lv       17",
        "  5. h05.lv       16",
        "  6. h06.lv       15",
        "  7. h07.lv       14",
        "  8. h08.lv       13",
        "  9. h09.lv       12",
        "  10. h10.lv      11",
        "  … un vēl 2 (kopā 19)",
        "",
    ]
    assert "versiju salīdzinājums" not in out
    assert "  0–99 €                 0" in lines  # no band counted: every band 0


def test_a_version_is_dated_by_its_history_copy_its_snapshot_or_the_current_file(tmp_path):
    import os

    from quote.pricing.history import catalog_of
    from quote.stats.labels import labels_of
    from tests.support.followup import at

    store = stats_store(tmp_path / "inquiries.sqlite3")  # VERSION_A's snapshot: 20 October
    pricing = stats_pricing(tmp_path)  # VERSION_B's history copy: 14 November
    current = catalog_of(pricing)["version"]
    os.utime(pricing, (at("2026-11-28", "10:00"), at("2026-11-28", "10:00")))
    labels = labels_of(store, pricing, [VERSION_A, VERSION_B, current, "ffffffffffff"])
    assert labels.versions == {
        VERSION_A: "2026-10-20, versija a1b2c3d4e5f6",
        VERSION_B: "2026-11-14, versija 0f9e8d7c6b5a",
        current: f"2026-11-28, versija {current}",
        "ffffffffffff": "versija ffffffffffff (datums nav zināms)",
    }
