"""The configurator (issue 4) in a real Chromium, on the built site over plain HTTP.

The golden vectors of tests/vectors run twice here: through the real form controls (a dozen, the
outputs compared with the vectors' strings) and, all of them, through the browser's estimate.js.
One page load per test, except the share-link round trip, which reloads once on purpose.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from babel.dates import format_date

from quote.money import format_eur
from tests.support.browser import CLS_OBSERVER, after_frames, bar_is_up
from tests.support.site import serve_folder

pytestmark = pytest.mark.browser

VECTORS = Path(__file__).parent / "vectors"
CATALOG = json.loads((VECTORS / "catalog.json").read_text(encoding="utf-8"))
ESTIMATES = json.loads((VECTORS / "estimate" / "estimates.json").read_text(encoding="utf-8"))
QUERIES = json.loads((VECTORS / "estimate" / "queries.json").read_text(encoding="utf-8"))
PARTS = ("monthly", "once", "first_month", "period")
NBSP = "\u00a0"
TIERED = {s["id"] for s in CATALOG["services"] if s["tiers"]}
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
ISSUE_EXAMPLE = "content=2&community=1&reports=1&ads=1&months=3"  # canonical: catalog order


def _control_vectors() -> list[dict]:
    """A dozen vectors for the form: valid, on the seed catalog, the most fully written first."""
    usable = [v for v in ESTIMATES["vectors"] if "expected" in v and "catalog" not in v]
    usable.sort(key=lambda v: -len(v["expected"].get("formatted", {})))
    return usable[:12]


@pytest.fixture(scope="module")
def web(fixture_site) -> Iterator[str]:
    """The built fixture site over HTTP on 127.0.0.1 (no endpoint needed here)."""
    url, httpd = serve_folder(fixture_site)
    yield url
    httpd.shutdown()


def open_configurator(new_page, web: str, query: str = "", width: int = 1280):
    page, log = new_page(width=width, height=900)
    # No smooth scrolling (site.css honours reduced motion): Playwright waits for still targets.
    page.emulate_media(reduced_motion="reduce")
    page.goto(f"{web}/{query and '?' + query}#kalkulators")
    page.wait_for_selector("#konfigurators:not([hidden])")
    return page, log


def address(page) -> str:
    """The page's address as the page sees it (page.url follows replaceState a moment later)."""
    return page.evaluate("location.href")


def query_of(page) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(address(page)).query, keep_blank_values=True)


def set_controls(page, selection: dict) -> None:
    """Set the services and the months through the real form controls, touching only changes."""
    form = page.locator("#konfigurators")
    now = page.evaluate(
        """() => {
          const state = {};
          for (const e of document.getElementById('konfigurators').elements) {
            if (e.type == 'radio') { if (e.checked) state[e.name] = e.value; }
            else if (e.type == 'checkbox') state[e.name] = e.checked;
            else state[e.name] = e.value;
          }
          return state;
        }"""
    )
    want = {}
    for s in CATALOG["services"]:
        value = selection.get(s["id"])
        want[s["id"]] = (
            value or "" if s["tiers"] else str(int(value or 0)) if s["quantity"] else bool(value)
        )
    want["months"] = str(selection.get("months", 3))

    def put(name: str) -> None:
        value = want[name]
        if isinstance(value, bool):
            form.locator(f'[name="{name}"]').set_checked(value)
        elif name in TIERED:
            form.locator(f'[name="{name}"][value="{value}"]').check()
        else:
            form.locator(f'[name="{name}"]').fill(value)
        now[name] = value

    packages = [s["id"] for s in CATALOG["services"] if s["package"]]
    for name in packages:  # a package changes: drop it first, so what it replaces is enabled
        if now[name] and now[name] != want[name]:
            form.locator(f'[name="{name}"][value=""]').check()
            now[name] = ""
    replaced = {
        i["service"]
        for p in packages
        if now[p]
        for t in CATALOG["services"][[s["id"] for s in CATALOG["services"]].index(p)]["tiers"]
        for i in t["includes"]
    }
    for name in want:
        if name not in packages and name not in replaced and now[name] != want[name]:
            put(name)
    for name in packages:
        if now[name] != want[name]:
            put(name)


def shown(page) -> dict[str, str]:
    """Each output's text, and beside it the other figure (with or without VAT) and the VAT."""
    return page.evaluate(
        """() => {
          const f = document.getElementById('konfigurators'), out = {};
          for (const k of ['monthly', 'once', 'first_month', 'period']) {
            out[k] = f.elements[k.replace('_', '-')].textContent;
            out[k + '_other'] = f.querySelector(`[data-o=${k}]`).textContent;
            out[k + '_vat'] = f.querySelector(`[data-v=${k}]`).textContent;
          }
          return out;
        }"""
    )


def expected_texts(expected: dict, net: bool = False) -> dict[str, str]:
    """What the outputs must say: the vector's formatted strings, and its cents formatted."""
    formatted = expected.get("formatted", {})
    want = {}
    for part in PARTS:
        gross, net_ = f"{part}", f"{part}_net"
        main, other = (net_, gross) if net else (gross, net_)
        cents = {gross: expected[part]["gross"], net_: expected[part]["net"]}
        for key, source in ((part, main), (f"{part}_other", other)):
            want[key] = formatted.get(source, format_eur(cents[source]))
            assert want[key] == format_eur(cents[source])  # the vector agrees with itself
        want[f"{part}_vat"] = formatted.get(f"{part}_vat", format_eur(expected[part]["vat"]))
    return want


def test_golden_vectors_through_the_controls(new_page, web):
    page, log = open_configurator(new_page, web)
    vectors = _control_vectors()
    assert len(vectors) == 12
    suggestion = page.locator(".cfg-sug")
    for vector in vectors:
        set_controls(page, vector["selection"])
        expected = vector["expected"]
        assert shown(page) == expected_texts(expected), vector["name"]
        if expected["suggestion"]:
            assert suggestion.is_visible(), vector["name"]
            assert format_eur(expected["suggestion"]["saving"]) in suggestion.inner_text()
        else:
            assert suggestion.is_hidden(), vector["name"]
    assert log.errors == []


def test_every_vector_again_in_the_browser_engine(new_page, web):
    """All estimate and share-link vectors through the estimate.js the page itself loads."""
    page, log = new_page(width=375)
    page.goto(web + "/")
    got = page.evaluate(
        """async ([catalog, estimates, queries]) => {
          const m = await import('/theme/js/estimate.js');
          // The Latvian page's euro format, as the configurator reads it.
          const money = JSON.parse(document.getElementById('konfigurators').dataset.money);
          const run = (fn) => {
            try { return { value: fn() }; }
            catch (e) {
              return { error: { code: e.code, key: e.key }, typed: e instanceof m.EstimateError };
            }
          };
          return {
            vectors: estimates.vectors.map((v) => run(() => {
              const r = m.estimate({ ...catalog, ...v.catalog }, v.selection);
              return { result: r, formatted: m.formatEstimate(r, money) };
            })),
            formats: estimates.formats.map(([cents]) => m.formatCents(cents, money)),
            parse: queries.parse.map((v) => {
              const sel = m.parseQuery(catalog, v.query);
              return { sel, keys: Object.keys(sel), canonical: m.toQuery(catalog, sel) };
            }),
            to_query: queries.to_query.map((v) => run(() => m.toQuery(catalog, v.selection))),
          };
        }""",
        [CATALOG, ESTIMATES, QUERIES],
    )
    for vector, outcome in zip(ESTIMATES["vectors"], got["vectors"], strict=True):
        name = vector["name"]
        if "error" in vector:
            assert outcome.get("error") == vector["error"], name
            assert outcome["typed"], name
            continue
        result, formatted = outcome["value"]["result"], outcome["value"]["formatted"]
        expected = vector["expected"]
        for key in ("months", "lines"):
            if key in expected:
                assert result[key] == expected[key], name
        for part in PARTS:
            assert result[part] == expected[part], f"{name}: {part}"
        assert result["suggestion"] == expected["suggestion"], name
        for key, text in expected.get("formatted", {}).items():
            assert formatted[key] == text, f"{name}: {key}"
    assert got["formats"] == [text for _, text in ESTIMATES["formats"]]
    for vector, outcome in zip(QUERIES["parse"], got["parse"], strict=True):
        assert outcome["sel"] == vector["selection"], vector["name"]
        assert outcome["keys"][-1] == "months", vector["name"]
        assert outcome["canonical"] == vector["canonical"], vector["name"]
    for vector, outcome in zip(QUERIES["to_query"], got["to_query"], strict=True):
        want = {"error": vector["error"]} if "error" in vector else {"value": vector["query"]}
        assert {k: outcome[k] for k in want} == want, vector["name"]
    assert log.errors == []


def test_share_link_round_trip(new_page, web):
    page, log = open_configurator(new_page, web)
    assert urlsplit(address(page)).query == ""  # nothing chosen: the address stays clean
    form = page.locator("#konfigurators")
    form.locator('[name="content"][value="2"]').check()
    form.locator('[name="ads"][value="1"]').check()
    form.locator('[name="community"]').check()
    form.locator('[name="positioning"]').check()
    form.locator('[name="influencer"]').fill("3")
    form.locator('[name="months"]').fill("6")
    form.locator('[name="ad-budget"]').fill("300")
    form.locator('[name="net"]').check()
    link = address(page)
    assert urlsplit(link).fragment == "kalkulators"
    assert query_of(page) == [
        ("positioning", "1"),
        ("content", "2"),
        ("community", "1"),
        ("ads", "1"),
        ("influencer", "3"),
        ("months", "6"),
        ("net", "1"),
        ("ad-budget", "300"),
    ]
    before = shown(page)
    assert before["monthly"] == format_eur(67769)  # 820 € without VAT, net mode is on

    page, log2 = open_configurator(new_page, web, urlsplit(link).query)  # the link afresh
    assert address(page) == link
    form = page.locator("#konfigurators")
    assert shown(page) == before
    assert form.locator('[name="content"][value="2"]').is_checked()
    assert form.locator('[name="net"]').is_checked()
    assert form.locator('[name="influencer"]').input_value() == "3"
    assert form.locator('[name="ad-budget"]').input_value() == "300"
    assert form.locator(".cfg-budget").inner_text().startswith(f"Reklāmu budžets: 300{NBSP}€")
    assert log.errors == log2.errors == []


def test_invalid_parameters_are_ignored(new_page, web):
    query = "content=9&seo=1&months=42&influencer=abc&community=1&net=yes&ad-budget=-5&channels=X"
    page, log = open_configurator(new_page, web, query)
    form = page.locator("#konfigurators")
    assert form.locator('[name="community"]').is_checked()
    assert form.locator('[name="content"][value=""]').is_checked()
    assert form.locator('[name="months"]').input_value() == "3"
    assert form.locator('[name="influencer"]').input_value() == "0"
    assert not form.locator('[name="net"]').is_checked()
    assert query_of(page) == [("community", "1"), ("months", "3")]
    assert log.errors == []


def test_package_suggestion_applied_by_click(new_page, web):
    page, log = open_configurator(new_page, web, ISSUE_EXAMPLE)
    form = page.locator("#konfigurators")
    box = form.locator(".cfg-sug")
    assert box.is_visible()
    text = box.inner_text()
    assert f"sedz tavu izvēli par 650{NBSP}€ mēnesī – ietaupījums 230{NBSP}€" in text
    assert shown(page)["monthly"] == f"880{NBSP}€"
    box.get_by_role("button", name="Izvēlēties paketi").click()
    assert form.locator('[name="full-package"][value="1"]').is_checked()
    assert page.evaluate("document.activeElement.name") == "full-package"
    assert shown(page)["monthly"] == f"650{NBSP}€"
    assert box.is_hidden()
    assert query_of(page) == [("full-package", "1"), ("months", "3")]
    for name in ("content", "ads", "community", "reports"):
        assert all(c.is_disabled() for c in form.locator(f'[name="{name}"]').all()), name
    # The package's contents are listed with it among the chosen services.
    contents = form.locator(".cfg-sel li", has_text="Pilna sociālo tīklu pārvaldīšana")
    assert contents.is_visible()
    assert "iekļauts: Satura plāns un publicēšana – 2. līmenis" in contents.inner_text()
    # Back to no package: the services are enabled and the earlier choice counts again.
    form.locator('[name="full-package"][value=""]').check()
    assert form.locator('[name="content"][value="2"]').is_enabled()
    assert shown(page)["monthly"] == f"880{NBSP}€"
    assert log.errors == []


def test_net_switch_shows_every_figure_without_vat(new_page, web):
    vector = next(v for v in _control_vectors() if v["expected"]["suggestion"])
    page, log = open_configurator(new_page, web)
    set_controls(page, vector["selection"])
    form = page.locator("#konfigurators")
    switch = page.get_by_role("switch", name="Rādīt cenas bez PVN")
    switch.check()
    expected = vector["expected"]
    assert shown(page) == expected_texts(expected, net=True)
    assert "net" in form.get_attribute("class").split()
    assert ("net", "1") in query_of(page)
    # Option prices too: content tier 1 costs 350 € with VAT, 289,26 € without.
    tier = form.locator('[name="content"][value="1"]').locator("xpath=..")
    assert f"289,26{NBSP}€" in tier.inner_text()
    assert form.locator(".cfg-bar").inner_text().strip().startswith("Cenas norādītas bez PVN")
    saving = expected["monthly"]["net"] - (expected["suggestion"]["price"] * 10000 * 2 + 12100) // (
        2 * 12100
    )
    assert f"ietaupījums {format_eur(saving)}" in form.locator(".cfg-sug").inner_text()
    switch.uncheck()
    assert shown(page) == expected_texts(expected)
    assert f"350{NBSP}€" in tier.inner_text()
    assert log.errors == []


def test_quantities_and_months_are_clamped(new_page, web):
    page, log = open_configurator(new_page, web)
    form = page.locator("#konfigurators")
    influencer = form.locator('[name="influencer"]')
    influencer.fill("150")
    assert query_of(page)[0] == ("influencer", "99")
    influencer.blur()
    assert influencer.input_value() == "99"
    months = form.locator('[name="months"]')
    months.fill("20")
    months.blur()
    assert months.input_value() == "12"
    months.fill("0")
    months.blur()
    assert months.input_value() == "1"
    influencer.fill("-4")
    influencer.blur()
    assert influencer.input_value() == "0"
    assert query_of(page) == [("months", "1")]
    assert log.errors == []


def test_request_quote_hands_the_estimate_to_the_contact_form(new_page, web):
    page, log = open_configurator(new_page, web, ISSUE_EXAMPLE)
    page.evaluate(
        "() => document.addEventListener('quote-change', (e) => { window.lastQuote = e.detail; })"
    )
    page.get_by_role("button", name="Pieprasīt piedāvājumu").click()
    detail = page.evaluate("window.lastQuote")
    assert detail["query"] == ISSUE_EXAMPLE
    assert (
        f"Satura plāns un publicēšana – 2. līmenis: 450{NBSP}€{NBSP}/{NBSP}mēn." in detail["lines"]
    )
    assert any(line.startswith(f"Ik mēnesi: 880{NBSP}€ ar PVN") for line in detail["lines"])
    contact = page.locator("#kontaktforma")
    assert contact.locator('input[name="quote"]').input_value() == detail["query"]
    focused = page.evaluate("document.activeElement.closest('section')?.id")
    assert focused == "kontakti"
    # Every change is sent on; an empty selection sends an empty quote.
    page.locator("#konfigurators").locator('[name="community"]').uncheck()
    assert "community" not in page.evaluate("window.lastQuote.query")
    set_controls(page, {})
    assert page.evaluate("window.lastQuote") == {"query": "", "lines": []}
    assert log.errors == []


def test_texts_use_spaced_en_dashes_and_name_the_one_time_total(new_page, web):
    """docs/style.md: a dash inside a sentence is a spaced en dash, never an em dash."""
    page, log = open_configurator(new_page, web, ISSUE_EXAMPLE + "&positioning=1&influencer=2")
    page.evaluate(
        "() => document.addEventListener('quote-change', (e) => { window.lastQuote = e.detail; })"
    )
    page.get_by_role("button", name="Pieprasīt piedāvājumu").click()
    lines = page.evaluate("window.lastQuote.lines")
    shown_text = page.locator("#konfigurators").inner_text()
    assert "Vienreizējie maksājumi (ar PVN)" in shown_text
    assert any(line.startswith("Vienreizējie maksājumi: ") for line in lines)
    assert re.search(r" – 2 × \d", shown_text) and " – 2. līmenis" in shown_text
    assert " – ietaupījums " in page.locator(".cfg-sug").inner_text()
    assert "\u2014" not in shown_text + "".join(lines)
    assert log.errors == []


def test_copy_link(new_page, web):
    page, log = open_configurator(new_page, web, "reports=1&months=2")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=web)
    page.get_by_role("button", name="Kopēt saiti").click()
    status = page.locator(".cfg-copied")
    status.wait_for(state="visible")
    assert status.inner_text() == "Saite nokopēta"
    assert page.evaluate("navigator.clipboard.readText()") == address(page)
    assert log.errors == []


def test_copy_link_when_the_clipboard_refuses(new_page, web):
    """Without the Clipboard API (refused, or a page not served over HTTPS) the status says so."""
    page, log = new_page(width=1280)
    page.add_init_script(
        "navigator.clipboard.writeText = () => Promise.reject(new Error('denied'));"
    )
    page.goto(web + "/?reports=1&months=2")
    page.get_by_role("button", name="Kopēt saiti").click()
    status = page.locator(".cfg-copied")
    status.wait_for(state="visible")
    assert status.inner_text() == "Neizdevās nokopēt: nokopē adresi no pārlūka adreses joslas."
    assert page.evaluate("document.activeElement.dataset.act") == "copy"
    assert log.errors == []


def test_keyboard_only(new_page, web):
    page, log = open_configurator(new_page, web)
    page.locator("#kalkulators-h").evaluate("h => { h.tabIndex = -1; h.focus(); }")

    def tab_to(selector: str, limit: int = 40) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate("(s) => document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"Tab never reached {selector}")

    tab_to('[name="net"]')
    page.keyboard.press("Space")
    page.keyboard.press("Space")  # on and off again
    tab_to('[name="content"]')  # the checked radio of the group: "none"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # tier 2
    tab_to('[name="community"]')
    page.keyboard.press("Space")
    tab_to('[name="reports"]')
    page.keyboard.press("Space")
    tab_to('[name="ads"]')
    page.keyboard.press("ArrowDown")  # tier 1
    tab_to('[name="positioning"]')
    page.keyboard.press("Space")
    tab_to('[name="influencer"]')
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert query_of(page) == [
        ("positioning", "1"),
        ("content", "2"),
        ("community", "1"),
        ("reports", "1"),
        ("ads", "1"),
        ("influencer", "2"),
        ("months", "3"),
    ]
    assert shown(page)["monthly"] == f"880{NBSP}€"
    tab_to('[data-act="apply"]', limit=60)
    page.keyboard.press("Enter")
    assert shown(page)["monthly"] == f"650{NBSP}€"
    tab_to('[data-act="request"]', limit=60)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.closest('section')?.id") == "kontakti"
    assert log.errors == []


@pytest.mark.parametrize("width", [320, 375])
def test_narrow_layout_and_target_sizes(new_page, web, width):
    page, log = open_configurator(
        new_page, web, ISSUE_EXAMPLE + "&positioning=1&influencer=12&ad-budget=1500&net=1", width
    )
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px at {width}px"
    small = page.evaluate(
        """(width) => [...document.querySelectorAll(
              '#konfigurators :is(input, button, label.check)')]
          .filter((el) => el.offsetParent)
          .map((el) => [el.name || el.textContent.trim().slice(0, 30), el.getBoundingClientRect()])
          .filter(([, r]) => r.width < 24 || r.height < 24 || r.right > width || r.left < 0)
          .map(([name, r]) => `${name}: ${r.left}..${r.right} x ${r.height}`)""",
        width,
    )
    assert small == []
    options = {"runOnly": {"type": "tag", "values": WCAG}, "resultTypes": ["violations"]}
    results = Axe().run(page, context="#kalkulators", options=options)
    assert results.violations_count == 0, results.generate_report()
    assert log.errors == []


def test_axe_finds_no_wcag_violation_in_use(new_page, web):
    page, log = open_configurator(new_page, web, ISSUE_EXAMPLE + "&ad-budget=200")
    form = page.locator("#konfigurators")
    form.locator('[name="influencer"]').fill("2")
    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": WCAG}, "resultTypes": ["violations"]}
    results = axe.run(page, context="#kalkulators", options=options)
    assert results.violations_count == 0, results.generate_report()
    # With a package chosen the replaced services are disabled: still no violation.
    form.locator(".cfg-sug button").click()
    form.locator('[name="net"]').check()
    results = axe.run(page, context="#kalkulators", options=options)
    assert results.violations_count == 0, results.generate_report()
    assert log.errors == []


def test_without_javascript(new_page, web):
    page, log = new_page(width=375, javascript=False)
    page.goto(web + "/?content=2", wait_until="networkidle")
    assert page.locator("#konfigurators").is_hidden()
    message = page.locator("#cfg-nojs")
    assert message.is_visible()
    assert "JavaScript" in message.inner_text()
    rows = page.locator("table.prices tbody tr")
    assert rows.count() == len(CATALOG["services"])
    assert log.errors == []


def test_print_is_one_page_estimate(new_page, web):
    page, log = open_configurator(new_page, web, ISSUE_EXAMPLE + "&positioning=1")
    page.emulate_media(media="print")
    today = format_date(datetime.date.today(), "long", locale="lv")
    date = page.locator("[data-date]")
    assert date.is_visible()
    assert date.inner_text() == today
    for hidden in (
        ".site-header",
        ".site-footer",
        "#kontakti",
        "#cenas",
        "#kalkulators-h",
        ".cfg-choices",
        ".cfg-actions",
    ):
        assert page.locator(hidden).first.is_hidden(), hidden
    results = page.locator(".cfg-res").inner_text()
    for text in (
        "Aprēķins ir orientējošs.",
        f"880{NBSP}€",
        f"727,27{NBSP}€",
        f"152,73{NBSP}€",
        "Sociālo tīklu virziens un pozicionējums",
        f"10{NBSP}minūšu sarunas",
    ):
        assert text in results, text
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1
    assert log.errors == []


# -- issue 12: the configurator easier to use ---------------------------------------------------


def rect(page, selector: str) -> dict:
    return page.locator(selector).first.evaluate(
        "e => { const r = e.getBoundingClientRect(); "
        "return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height}; }"
    )


def test_wide_screen_shows_the_summary_beside_the_choices_and_keeps_it_in_view(new_page, web):
    page, log = open_configurator(new_page, web, ISSUE_EXAMPLE)
    choices, summary = rect(page, ".cfg-choices"), rect(page, ".cfg-res")
    assert summary["left"] >= choices["right"], (choices, summary)
    # Scrolled down into the choices, the summary stays at the top of the screen, totals first.
    for depth in (100, 300):
        page.evaluate("y => window.scrollBy(0, y)", rect(page, ".cfg-choices")["top"] + depth)
        summary = rect(page, ".cfg-res")
        assert 0 <= summary["top"] <= 20, summary
        assert summary["bottom"] <= 900
        monthly = rect(page, "output[name=monthly]")
        assert summary["top"] < monthly["top"] and monthly["bottom"] < min(summary["bottom"], 500)
    assert page.locator(".cfg-float").is_hidden()  # the phone bar is for narrow screens
    assert log.errors == []


def test_phone_bar_follows_the_choices_with_the_totals(new_page, web):
    page, log = new_page(width=375, height=700)
    page.emulate_media(reduced_motion="reduce")
    page.add_init_script(CLS_OBSERVER)
    page.goto(web + "/")
    assert page.evaluate("scrollY") == 0  # no share link: the page opens at the top
    # The calculator is built when the visitor comes near it, not while the top is read: once the
    # sections' scripts are loaded and have watched a few frames, it is still not built.
    page.wait_for_load_state("networkidle")
    after_frames(page)
    assert page.locator("#konfigurators").is_hidden()
    page.locator("#kalkulators").scroll_into_view_if_needed()
    page.wait_for_selector("#konfigurators:not([hidden])")
    page.evaluate("scrollTo(0, 0)")
    after_frames(page)
    assert not bar_is_up(page)  # the configurator is not on screen
    page.locator(".cfg-choices fieldset").nth(1).scroll_into_view_if_needed()
    page.wait_for_function(
        "document.querySelector('.cfg-float').getBoundingClientRect().top < innerHeight"
    )
    assert bar_is_up(page)
    bar = page.locator(".cfg-float")
    words = "Ik mēnesi 0 € Pirmajā mēnesī 0 € ar PVN · Skatīt aprēķinu"
    assert bar.inner_text().split() == words.split()
    form = page.locator("#konfigurators")
    form.locator('[name="content"][value="2"]').check()
    form.locator('[name="positioning"]').check()
    monthly, first = shown(page)["monthly"], shown(page)["first_month"]
    assert page.locator(".cfg-float-monthly").inner_text() == monthly == f"450{NBSP}€"
    assert page.locator(".cfg-float-first").inner_text() == first
    page.get_by_role("switch", name="Rādīt cenas bez PVN").check()
    assert page.locator(".cfg-float-monthly").inner_text() == shown(page)["monthly"] != monthly
    # The bar leads to the full summary, and goes away there.
    page.locator(".cfg-float button").click()
    page.wait_for_function("!document.querySelector('.cfg-float-shown')")
    heading = rect(page, ".cfg-res h3")
    assert -2 <= heading["top"] < 700
    assert page.evaluate("document.activeElement.closest('.cfg-res') !== null")
    assert not bar_is_up(page)
    assert page.evaluate("window.layoutShift") == 0
    assert log.errors == []


def test_phone_bar_never_covers_a_focused_control(new_page, web):
    page, log = new_page(width=375, height=640)
    page.emulate_media(reduced_motion="reduce")
    page.add_init_script(CLS_OBSERVER)
    page.goto(web + "/#kalkulators")
    page.wait_for_selector("#konfigurators:not([hidden])")
    # The configurator appears in view (the page opens on it): a screen is kept for it, so
    # nothing moves then either (counted from the start).
    after_frames(page)
    page.locator("#kalkulators-h").evaluate("h => { h.tabIndex = -1; h.focus(); }")
    # Every control of the form, the choices and then the summary's buttons, up to the bar's own.
    covered, seen_with_bar, results_reached = [], 0, False
    for _ in range(80):
        page.keyboard.press("Tab")
        after_frames(page)  # the page moves a covered control in the next animation frame
        state = page.evaluate(
            """() => { const e = document.activeElement, bar = document.querySelector('.cfg-float');
              if (!e.closest('#konfigurators') || bar.contains(e)) return null;
              const r = e.getBoundingClientRect(), b = bar.getBoundingClientRect();
              const up = getComputedStyle(bar).visibility == 'visible';
              return {name: e.name || e.textContent, up, bottom: r.bottom, barTop: b.top,
                      result: !!e.closest('.cfg-res')}; }"""
        )
        if state is None:
            if seen_with_bar:
                break
            continue
        results_reached = results_reached or state["result"]
        if state["up"]:
            seen_with_bar += 1
            if state["bottom"] > state["barTop"]:
                covered.append(state)
    assert seen_with_bar >= 5, "the bar was never up while tabbing through the choices"
    assert results_reached, "the tabbing stopped before the summary's buttons"
    assert covered == []
    assert page.evaluate("window.layoutShift") == 0
    assert log.errors == []


def test_tiers_are_segmented_buttons(new_page, web):
    page, log = open_configurator(new_page, web, width=375)
    form = page.locator("#konfigurators")
    segments = form.locator('label.cfg-seg:has([name="content"])')
    assert segments.count() == 1 + len(
        next(s for s in CATALOG["services"] if s["id"] == "content")["tiers"]
    )
    boxes = [segments.nth(i).bounding_box() for i in range(segments.count())]
    assert max(b["height"] for b in boxes) <= 64, boxes  # compact buttons, not stacked cards
    assert len({round(b["y"]) for b in boxes}) <= 2, boxes  # side by side, at most two rows
    note = form.locator("fieldset.cfg-tiers:has([name='content']) .cfg-tier-note")
    assert note.is_hidden()
    segments.nth(2).click()  # the whole segment is the target
    assert form.locator('[name="content"][value="2"]').is_checked()
    summary = next(s for s in CATALOG["services"] if s["id"] == "content")["tiers"][1]["summary"]
    assert note.inner_text() == summary
    radio = page.get_by_role("radio", name=re.compile("2. līmenis"))
    assert summary in radio.first.evaluate("r => r.labels[0].textContent")
    page.keyboard.press("ArrowRight")  # still a radio group
    assert form.locator('[name="content"][value="3"]').is_checked()
    assert log.errors == []


def test_a_share_link_opens_on_the_configurator_and_says_it_is_restored(new_page, web):
    section_top = (
        "document.getElementById('konfigurators').closest('section').getBoundingClientRect().top"
    )
    page, log = new_page(width=375, height=700)
    page.emulate_media(reduced_motion="reduce")
    page.goto(web + "/?" + ISSUE_EXAMPLE)
    page.wait_for_selector("#konfigurators:not([hidden])")
    page.wait_for_function(f"Math.abs({section_top}) < 2")
    status = page.locator(".cfg-status")
    assert status.is_visible() and status.get_attribute("role") == "status"
    assert status.inner_text() == "Aprēķins atjaunots no saites."
    assert shown(page)["monthly"] == f"880{NBSP}€"
    form = page.locator("#konfigurators")
    form.locator('[name="community"]').uncheck()
    assert status.is_hidden()  # a change: the estimate is no longer the link's
    # A link to another place on the page keeps that place.
    other, log2 = new_page(width=375, height=700)
    other.emulate_media(reduced_motion="reduce")
    other.goto(web + "/", wait_until="networkidle")
    faq = other.evaluate("document.querySelector('.faq-links').closest('section').id")
    other.goto(web + "/?" + ISSUE_EXAMPLE + "#" + faq)
    other.wait_for_function("document.querySelector('.cfg-status')?.textContent.trim()")
    after_frames(other)
    assert abs(other.locator("#" + faq).evaluate("e => e.getBoundingClientRect().top")) < 2
    assert other.locator(".cfg-status").inner_text() == "Aprēķins atjaunots no saites."
    assert log.errors == log2.errors == []


# -- a seller who is not a VAT payer (pricing.yaml `vat: none`) ----------------------------------

# tests/fixtures/not-vat-payer/pricing.yaml: content tier 2 is 450 € a month, positioning 250 €
# once; three months: first month 700 €, the period 250 + 3 × 450 = 1 600 €.
NOT_VAT_PAYER = {
    "/": {
        "notice": "Pakalpojumu sniedzējs nav PVN maksātājs.",
        "rows": [
            f"Ik mēnesi 450{NBSP}€",
            f"Vienreizējie maksājumi 250{NBSP}€",
            f"Pirmajā mēnesī 700{NBSP}€",
            f"Par 3{NBSP}mēnešiem 1{NBSP}600{NBSP}€",
        ],
        "vat": "PVN",
    },
    "/en/": {
        "notice": "The provider is not registered for VAT.",
        "rows": [
            "Monthly €450",
            "One-time payments €250",
            "First month €700",
            f"For 3{NBSP}months €1,600",
        ],
        "vat": "VAT",
    },
}


@pytest.fixture(scope="module")
def non_payer_web(not_vat_payer_site) -> Iterator[str]:
    url, httpd = serve_folder(not_vat_payer_site)
    yield url
    httpd.shutdown()


@pytest.mark.parametrize("root", list(NOT_VAT_PAYER))
def test_a_non_payers_totals_have_no_vat_and_the_notice_says_so(new_page, non_payer_web, root):
    page, log = new_page(width=1280, height=900)
    page.goto(f"{non_payer_web}{root}?content=2&positioning=1&months=3#kalkulators")
    page.wait_for_selector("#konfigurators:not([hidden])")
    expected = NOT_VAT_PAYER[root]
    form = page.locator("#konfigurators")
    assert form.locator(".cfg-bar").inner_text().strip() == expected["notice"]
    assert form.locator("input[name=net]").count() == 0  # no switch to prices without VAT
    rows = [
        re.sub(r"[ \n]+", " ", row) for row in form.locator(".cfg-out .cfg-row").all_inner_texts()
    ]
    assert rows == expected["rows"]
    assert form.locator(".cfg-out .cfg-row small, [data-o], [data-v]").count() == 0
    everything = form.inner_text() + page.locator(".cfg-float").inner_text()
    assert expected["vat"] not in everything.replace(expected["notice"], "")
    # On paper the estimate names the sender and says it too.
    page.emulate_media(media="print")
    sender = page.locator(".cfg-print.cfg-sender")
    assert sender.is_visible() and expected["notice"] in sender.inner_text()
    assert log.errors == []
