"""``quote stats --html`` (issue 26) opened in real Chromium: the page of the fixture store's
November (tests/support/stats.py) and of an empty period pass axe (WCAG 2.2 A/AA) at a phone's
375 px and at 1280 px, load nothing but the page itself, have no script, fit 375 px without
sideways scrolling, and each chart is an image named by its title with its numbers as text.

The phone's screenshot goes to the test's folder, or to STATS_SCREENSHOTS=folder to look at.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from quote.cli import main
from tests.support import serve_folder
from tests.support.browser import OPTIONS
from tests.support.stats import stats_pricing, stats_store

pytestmark = pytest.mark.browser

SCREENSHOTS = os.environ.get("STATS_SCREENSHOTS")
CHARTS = ["funnel", "services", "bands", "pages", "languages", "referrers", "versions"]


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """The folder of report.html (November) and empty.html (September), served over HTTP."""
    folder = tmp_path_factory.mktemp("stats-html")
    stats_store(folder / "inquiries.sqlite3")
    pricing = stats_pricing(folder)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("QUOTE_PRICING", str(pricing))
        env.setenv("QUOTE_MAIL_DIR", str(folder / "mail"))
        for name, period in [("report", "2026-11"), ("empty", "2026-09")]:
            argv = ["stats", "--db", str(folder / "inquiries.sqlite3"), "--html"]
            argv += [str(folder / f"{name}.html"), "--from", f"{period}-01", "--to", f"{period}-30"]
            assert main(argv) == 0
    url, server = serve_folder(folder)
    try:
        yield url, folder
    finally:
        server.shutdown()
        server.server_close()


def open_report(new_page, url: str, width: int):
    page, console = new_page(width=width)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(url, wait_until="load")
    return page, console, requested


@pytest.mark.parametrize("width", [375, 1280])
def test_the_report_passes_axe_loads_nothing_else_and_fits_the_width(reports, new_page, width):
    url, folder = reports
    page, console, requested = open_report(new_page, f"{url}/report.html", width)
    results = Axe().run(page, options=OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    assert requested == [f"{url}/report.html"]
    assert console.errors == []
    assert page.evaluate("document.scripts.length") == 0
    assert "<script" not in (folder / "report.html").read_text(encoding="utf-8")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # Nothing sticks out of its section (a chart's text, a table cell).
    overflowing = page.evaluate(
        """() => [...document.querySelectorAll('section *')].filter((el) => {
             const box = el.getBoundingClientRect(), section = el.closest('section')
               .getBoundingClientRect();
             return box.width && (box.left < section.left - 1 || box.right > section.right + 1);
           }).map((el) => el.outerHTML.slice(0, 80))"""
    )
    assert overflowing == []
    if width == 375:
        shots = Path(SCREENSHOTS) if SCREENSHOTS else folder
        shots.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shots / "report-375.png"), full_page=True)


def test_each_chart_is_an_image_with_its_title_and_its_numbers_as_text(reports, new_page):
    url, _ = reports
    page, _, _ = open_report(new_page, f"{url}/report.html", 375)
    charts = page.evaluate(
        """() => [...document.querySelectorAll('svg')].map((svg) => {
             const [title, desc] = svg.getAttribute('aria-labelledby').split(' ')
               .map((id) => document.getElementById(id).textContent);
             return [svg.getAttribute('role'), title, desc];
           })"""
    )
    assert [role for role, _, _ in charts] == ["img"] * len(CHARTS)
    funnel, services, bands = charts[0], charts[1], charts[2]
    assert funnel[1] == "Ceļš līdz pasūtījumam"
    # the hand-written November figures (tests/test_stats_report.py writes them out in full)
    nb = "\u00a0"
    assert funnel[2] == (
        f"Apmeklējumi: 400; Izmantots kalkulators: 130 (32,5{nb}% no iepriekšējā); "
        f"Parādīts aprēķins: 103 (79,2{nb}% no iepriekšējā); "
        f"Nosūtīts pieprasījums: 9 (8,7{nb}% no iepriekšējā); "
        "Nosūtīts piedāvājums: <5; Pieņemts piedāvājums: <5."
    )
    assert services[2].startswith(f"Satura plāns un publicēšana, 2.{nb}līmenis: 50; ")
    assert services[2].endswith("content:9: 6; gone:1: <5.")
    assert bands[2] == (
        f"0–99{nb}€: <5; 100–249{nb}€: 0; 250–499{nb}€: 30; 500–999{nb}€: 50; "
        f"1000–1999{nb}€: 9; 2000{nb}€ un vairāk: <5."
    )
    # The numbers are drawn as text too, not only as the bars' lengths.
    drawn = page.evaluate(
        "[...document.querySelectorAll('#funnel-h ~ svg > g > text')].map((t) => t.textContent)"
    )
    assert drawn[:3] == ["Apmeklējumi", "400", "Izmantots kalkulators"]
    table = page.inner_text("table")
    assert "Nosūtīts pieprasījums" in table and f"11,1{nb}%" in table


def test_an_empty_period_says_so_and_passes_axe(reports, new_page):
    url, _ = reports
    page, _, requested = open_report(new_page, f"{url}/empty.html", 375)
    assert "Šajā periodā nav neviena skaitījuma" in page.inner_text("main")
    assert page.evaluate("document.querySelectorAll('svg').length") == 0
    results = Axe().run(page, options=OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    assert requested == [f"{url}/empty.html"]
