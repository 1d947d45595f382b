"""pricing.yaml on the built fixture site: the table, the structured data and the configurator JSON;
mistakes in it fail the build. Every site here is the fixture site or a scratch copy of it."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.support import BIN, FIXTURE_PROJECT, ROOT, build, copy_fixture_project, free_port

NBSP = "\u00a0"

# Written by hand from the seed's price table: (service id, price cell, tier prices).
ROWS = [
    ("positioning", "250 €", []),
    ("content", "350–600 € / mēn.", ["350 € / mēn.", "450 € / mēn.", "600 € / mēn."]),
    ("community", "120 € / mēn.", []),
    ("reports", "60 € / mēn.", []),
    ("ads", "250–450 € / mēn.", ["250 € / mēn.", "350 € / mēn.", "450 € / mēn."]),
    ("influencer", "200 € / sadarbība", []),
    ("training", "220 € / sesija (2 st.)", []),
    ("consultation", "80 € / st.", []),
    ("full-package", "650–950 € / mēn.", ["650 € / mēn.", "800 € / mēn.", "950 € / mēn."]),
]


def nbsp(text: str) -> str:
    return text.replace(" ", NBSP)


def row_html(html: str, service_id: str) -> str:
    match = re.search(rf'<tr id="cena-{re.escape(service_id)}">(.*?)</tr>', html, re.S)
    assert match, f"no row #cena-{service_id}"
    return match.group(1)


def price_cells(row: str) -> tuple[str, list[str]]:
    cell = re.search(r'<td class="price"[^>]*>(.*?)</td>', row, re.S).group(1)
    tiers = re.findall(r'<li><span class="price">(.*?)</span>', row)
    return cell, tiers


def json_ld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


@pytest.mark.parametrize(("service_id", "price", "tiers"), ROWS)
def test_every_price_in_its_row(fixture_landing_html, service_id, price, tiers):
    cell, tier_cells = price_cells(row_html(fixture_landing_html, service_id))
    assert cell == nbsp(price)
    assert tier_cells == [nbsp(t) for t in tiers]


def test_rows_follow_the_seed_order(fixture_landing_html):
    ids = re.findall(r'<tr id="cena-([a-z-]+)">', fixture_landing_html)
    assert ids == [service_id for service_id, _, _ in ROWS]


def test_table_is_a_real_table(fixture_landing_html):
    assert (
        "<caption>Cenas norādītas ar PVN. Reklāmu budžets nav iekļauts cenās"
        in fixture_landing_html
    )
    for column in ["Pakalpojums", "Cena (ar PVN)", "Līmeņi un kas iekļauts"]:
        assert f'<th scope="col">{column}</th>' in fixture_landing_html
    assert fixture_landing_html.count('<th scope="row">') == len(ROWS)
    assert "Precīzu piedāvājumu varu sagatavot pēc 10\u00a0minūšu sarunas" in fixture_landing_html


def test_table_texts_come_from_the_price_list(fixture_landing_html):
    content = row_html(fixture_landing_html, "content")
    assert "1\u00a0kanāls, 10\u00a0ieraksti, 1\u00a0labojumu cikls" in content
    assert "<strong>Piezīme</strong> – foto un video satura veidošana" in content
    package = row_html(fixture_landing_html, "full-package")
    assert "<strong>Bonuss</strong> – prioritāra komunikācija" in package


def test_structured_data(fixture_landing_html):
    blocks = {block["@type"]: block for block in json_ld(fixture_landing_html)}
    service = blocks["Service"]
    assert service["@context"] == "https://schema.org"
    assert service["provider"]["name"]
    offers = service["hasOfferCatalog"]["itemListElement"]
    assert service["hasOfferCatalog"]["@type"] == "OfferCatalog"
    by_name = {offer["itemOffered"]["name"]: offer["priceSpecification"] for offer in offers}
    assert len(by_name) == len(ROWS)
    positioning = by_name["Sociālo tīklu virziens un pozicionējums"]
    assert positioning["@type"] == "UnitPriceSpecification"
    assert positioning["price"] == "250.00"
    assert positioning["priceCurrency"] == "EUR"
    assert positioning["valueAddedTaxIncluded"] is True
    assert "billingDuration" not in positioning
    content = by_name["Satura plāns un publicēšana"]
    assert (content["minPrice"], content["maxPrice"]) == ("350.00", "600.00")
    assert content["billingDuration"]["unitCode"] == "MON"
    assert by_name["Digitālā mārketinga konsultācija (1:1)"]["unitCode"] == "HUR"
    assert "FAQPage" not in blocks  # the FAQ is marked up in place (test_faq_microdata)


def test_faq_microdata(fixture_site):
    """On the FAQ page, which holds the answers (the landing page links to them)."""
    faq_page = (fixture_site / "buj" / "index.html").read_text(encoding="utf-8")
    faq = re.search(
        r'<div class="faq" itemscope itemtype="https://schema.org/FAQPage">(.*?)</div>\s*<section',
        faq_page,
        re.S,
    )
    assert faq
    questions = re.findall(
        r'itemprop="mainEntity" itemscope itemtype="https://schema.org/Question">'
        r'<summary itemprop="name">(.*?)</summary>'
        r'<div class="answer" itemprop="acceptedAnswer" itemscope itemtype="https://schema.org/Answer">'
        r'<div itemprop="text">(.*?)</div></div></details>',
        faq.group(1),
        re.S,
    )
    assert len(questions) == 8
    assert questions[0][0] == "Cik ātri parasti parādās rezultāti sociālajos tīklos?"
    assert "4–8&nbsp;nedēļu laikā" in questions[0][1]


def test_configurator_json(fixture_site, fixture_landing_html):
    catalog = json.loads((fixture_site / "data/pricing.json").read_text(encoding="utf-8"))
    assert catalog["vat_bp"] == 2100
    assert catalog["currency"] == "EUR"
    assert re.fullmatch(r"[0-9a-f]{12}", catalog["version"])
    prices = {s["id"]: s["price"] or [t["price"] for t in s["tiers"]] for s in catalog["services"]}
    assert prices == {
        "positioning": 25000,
        "content": [35000, 45000, 60000],
        "community": 12000,
        "reports": 6000,
        "ads": [25000, 35000, 45000],
        "influencer": 20000,
        "training": 22000,
        "consultation": 8000,
        "full-package": [65000, 80000, 95000],
    }


# --- the owner changes a price --------------------------------------------------------------


@pytest.fixture(scope="module")
def repriced_site(tmp_path_factory) -> Path:
    """The project with the content service's tier 3 moved from 600 € to 640 €, built."""
    project = copy_fixture_project(tmp_path_factory.mktemp("project"))
    pricing = project / "pricing.yaml"
    text = pricing.read_text(encoding="utf-8")
    assert text.count("price: 600\n") == 1
    pricing.write_text(text.replace("price: 600\n", "price: 640\n"), encoding="utf-8")
    output = project / "output"
    result = build(project, output)
    assert result.returncode == 0, result.stderr
    return output


def test_new_price_everywhere_old_price_nowhere(repriced_site):
    html = (repriced_site / "index.html").read_text(encoding="utf-8")
    cell, tiers = price_cells(row_html(html, "content"))
    assert cell == f"350–640{NBSP}€{NBSP}/{NBSP}mēn."
    assert tiers[2] == f"640{NBSP}€{NBSP}/{NBSP}mēn."
    offers = next(b for b in json_ld(html) if b["@type"] == "Service")["hasOfferCatalog"]
    content = next(
        o for o in offers["itemListElement"] if o["itemOffered"]["name"].startswith("Satura")
    )
    assert content["priceSpecification"]["maxPrice"] == "640.00"
    catalog_text = (repriced_site / "data/pricing.json").read_text(encoding="utf-8")
    content_json = next(s for s in json.loads(catalog_text)["services"] if s["id"] == "content")
    assert [t["price"] for t in content_json["tiers"]] == [35000, 45000, 64000]
    assert f"600{NBSP}€" not in html
    assert "600.00" not in html
    assert "60000" not in catalog_text


# --- a mistake in pricing.yaml ----------------------------------------------------------------


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(folder)): (p.stat().st_mtime_ns, p.stat().st_size)
        for p in folder.rglob("*")
    }


@pytest.fixture(scope="module")
def pristine_copy(tmp_path_factory) -> Path:
    """A scratch copy of the fixture site with its built output, made once for this module."""
    root = tmp_path_factory.mktemp("pristine")
    project = copy_fixture_project(root)
    assert build(project, project / "output").returncode == 0
    return root


@pytest.fixture
def built_project(pristine_copy, tmp_path) -> Path:
    """A fresh copy of the built fixture site, for a test that breaks its price list."""
    shutil.copytree(pristine_copy, tmp_path / "copy")
    return tmp_path / "copy" / FIXTURE_PROJECT.relative_to(ROOT)


@pytest.mark.parametrize("settings", ["pelicanconf.py", "publishconf.py"])
@pytest.mark.parametrize(
    ("old", "new", "location", "path"),
    [
        ("price: 120\n", "price: 120 €\n", ":{line}:12:", "services[community].price"),
        ("price: 60\n", "pirce: 60\n", ":{line}:5:", "services[reports].pirce"),
    ],
)
def test_bad_price_list_fails_the_build_and_leaves_output(
    built_project, settings, old, new, location, path
):
    pricing = built_project / "pricing.yaml"
    text = pricing.read_text(encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    pricing.write_text(text.replace(old, new, 1), encoding="utf-8")
    output = built_project / "output"
    before = snapshot(output)
    result = build(built_project, output, settings)
    assert result.returncode != 0
    assert f"pricing.yaml{location.format(line=line)} {path}" in result.stderr
    assert snapshot(output) == before


def test_bad_price_list_lists_every_problem(built_project):
    pricing = built_project / "pricing.yaml"
    text = pricing.read_text(encoding="utf-8")
    text = text.replace("price: 120\n", "price: -120\n").replace("price: 80\n", "price: 0\n")
    pricing.write_text(text, encoding="utf-8")
    result = build(built_project, built_project / "output")
    assert result.returncode != 0
    assert "services[community].price" in result.stderr
    assert "services[consultation].price" in result.stderr


# --- make serve rebuilds when pricing.yaml changes --------------------------------------------


def test_serve_rebuilds_after_a_price_change(tmp_path):
    project = copy_fixture_project(tmp_path / "project")
    port = free_port()
    env = {
        **os.environ,
        "QUOTE_DB": str(tmp_path / "db.sqlite3"),
        "QUOTE_MAIL_DIR": str(tmp_path / "mail"),
    }
    process = subprocess.Popen(
        [str(BIN / "quote"), "serve", "--port", str(port), "--project", str(project)],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"

    def page() -> str:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")

    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                assert f"120{NBSP}€" in page()
                break
            except OSError:
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.2)
        pricing = project / "pricing.yaml"
        pricing.write_text(
            pricing.read_text(encoding="utf-8").replace("price: 120\n", "price: 125\n"),
            encoding="utf-8",
        )
        deadline = time.monotonic() + 30
        while f"125{NBSP}€" not in page():
            assert time.monotonic() < deadline, "the site was not rebuilt"
            time.sleep(0.1)
        assert f"120{NBSP}€" not in page()
    finally:
        process.terminate()
        process.wait(timeout=10)


# Every kind of mistake the owner can make, each through a real build of the whole site:
# (name, old text, new text, path named in the message, whether the edited line is reported).
MISTAKES = [
    ("yaml syntax", "  - id: community\n", "  - id: [community\n", "", False),
    ("tab indentation", "    price: 120\n", "\tprice: 120\n", "", True),
    (
        "missing field",
        "    name:\n      lv: Kopienas pārvaldīšana\n      en: Community management\n",
        "",
        "services[community].name",
        False,
    ),
    ("unknown field", "    price: 60\n", "    pirce: 60\n", "services[reports].pirce", True),
    ("price as text", "    price: 120\n", "    price: 350 €\n", "services[community].price", True),
    ("zero price", "    price: 120\n", "    price: 0\n", "services[community].price", True),
    ("negative price", "    price: 120\n", "    price: -120\n", "services[community].price", True),
    (
        "sub-cent price",
        "    price: 120\n",
        "    price: 120.005\n",
        "services[community].price",
        True,
    ),
    ("duplicate service", "  - id: reports\n", "  - id: community\n", "services", True),
    (
        "duplicate tier",
        '      - id: "2"\n        price: 450\n',
        '      - id: "1"\n        price: 450\n',
        "services[content].tiers",
        True,
    ),
    (
        "tiers not rising",
        "        price: 450\n",
        "        price: 300\n",
        "services[content].tiers",
        True,
    ),
    (
        "unknown service in package",
        "          - service: reports\n",
        "          - service: raports\n",
        "services[full-package].tiers",
        True,
    ),
    ("vat rate above 1", "vat_rate: 0.21\n", "vat_rate: 1.5\n", "vat_rate", True),
    (
        "empty name",
        "      lv: Kopienas pārvaldīšana\n",
        '      lv: ""\n',
        "services[community].name.lv",
        True,
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "path", "line_reported"),
    [m[1:] for m in MISTAKES],
    ids=[m[0] for m in MISTAKES],
)
def test_every_kind_of_mistake_fails_the_build_with_its_place(
    built_project, old, new, path, line_reported
):
    pricing = built_project / "pricing.yaml"
    text = pricing.read_text(encoding="utf-8")
    assert old in text
    line = text[: text.index(old)].count("\n") + 1
    pricing.write_text(text.replace(old, new, 1), encoding="utf-8")
    output = built_project / "output"
    before = snapshot(output)
    result = build(built_project, output)
    assert result.returncode != 0
    messages = [m for m in result.stderr.splitlines() if re.search(r"pricing\.yaml:\d+:\d+: ", m)]
    assert messages, result.stderr
    assert any(path in m for m in messages), messages
    if line_reported:
        assert any(f"pricing.yaml:{line}:" in m for m in messages), (line, messages)
    assert snapshot(output) == before


@pytest.mark.parametrize("kind", ["empty", "missing"])
def test_an_empty_or_missing_price_list_fails_the_build(built_project, kind):
    pricing = built_project / "pricing.yaml"
    if kind == "empty":
        pricing.write_text("", encoding="utf-8")
    else:
        pricing.unlink()
    output = built_project / "output"
    before = snapshot(output)
    result = build(built_project, output)
    assert result.returncode != 0
    assert "pricing.yaml" in result.stderr
    assert snapshot(output) == before
