"""`quote check [PATH]`: the price list as the site shows it, or every problem and exit 1."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from quote.cli import main

ROOT = Path(__file__).resolve().parent.parent
NB = "\u00a0"


def test_check_prints_the_price_list(capsys):
    assert main(["check", str(ROOT / "pricing.yaml")]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "Pakalpojumi un cenas"
    assert f"Sociālo tīklu virziens un pozicionējums — 250{NB}€  [positioning]" in lines
    assert f"Satura plāns un publicēšana — 350–600{NB}€{NB}/{NB}mēn.  [content]" in lines
    assert f"    2: 450{NB}€ – 2 kanāli, 10 ieraksti katrā, 2 labojumu cikli" in lines
    assert f"Kopienas pārvaldīšana — 120{NB}€{NB}/{NB}mēn.  [community]" in lines
    assert (
        f"Sociālo tīklu apmācība komandai — 220{NB}€{NB}/{NB}sesija{NB}(2{NB}st.)  [training]"
        in lines
    )
    assert f"Digitālā mārketinga konsultācija (1:1) — 80{NB}€{NB}/{NB}st.  [consultation]" in lines
    assert (
        f"Pilna sociālo tīklu pārvaldīšana (pakete) — 650–950{NB}€{NB}/{NB}mēn.  [full-package]"
        in lines
    )
    assert "    Bonuss – prioritāra komunikācija un operatīvas korekcijas" in lines
    assert (
        "Cenas norādītas ar PVN. Reklāmu budžets nav iekļauts cenās un tiek saskaņots atsevišķi."
        in lines
    )
    assert "(orientējoša cena)" in out


def test_check_defaults_to_pricing_yaml(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert main(["check"]) == 0
    assert "pricing.yaml: kļūdu nav" in capsys.readouterr().out


def test_check_reports_every_problem(capsys, monkeypatch, tmp_path):
    text = (ROOT / "pricing.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    community = lines.index("    price: 120") + 1
    reports = lines.index("    price: 60") + 1
    bad = text.replace("    price: 120\n", "    price: 120 €\n").replace(
        "    price: 60\n", "    price: 0\n"
    )
    (tmp_path / "pricing.yaml").write_text(bad, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    err = captured.err.splitlines()
    assert err[0].startswith(f"pricing.yaml:{community}:12: services[community].price: ")
    assert err[0].endswith("atrasts: '120 €'")
    assert err[1].startswith(f"pricing.yaml:{reports}:12: services[reports].price: ")
    assert err[1].endswith("atrasts: 0")
    assert err[2] == "Kļūdu skaits: 2. Cenrādis netika pieņemts."


def test_check_missing_file(capsys, tmp_path):
    missing = tmp_path / "cenas.yaml"
    assert main(["check", str(missing)]) == 1
    assert f"cenrāža fails nav atrasts: {missing}" in capsys.readouterr().err


def test_quote_check_as_a_command(tmp_path):
    quote = Path(sys.executable).parent / "quote"
    ok = subprocess.run([str(quote), "check"], cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert ok.returncode == 0, ok.stderr
    assert "Satura plāns un publicēšana — 350–600" in ok.stdout
    (tmp_path / "pricing.yaml").write_text("currency: EUR\n\tvat_rate: 0.21\n", encoding="utf-8")
    bad = subprocess.run(
        [str(quote), "check"], cwd=tmp_path, capture_output=True, text=True, timeout=30
    )
    assert bad.returncode == 1
    assert bad.stderr.startswith("pricing.yaml:2:1: atkāpei izmantota tabulācija")
