"""The contact form in a real Chromium.

Markup, honeypot, estimate summary, accessibility and layout run against the static fixture site
(`fixture_static_server`); sending runs against `quote serve` with the real endpoint
(`fixture_server`).

The endpoint keeps a form sent less than 3 s after the page loaded as spam (its `ts` field is set
by contact.js at load). Rather than wait 3 s per test, the tests that send with JavaScript set
`ts` to ten seconds before now, which is what a visitor who spent ten seconds typing would send.
Without JavaScript `ts` stays empty, which the endpoint treats as absent (not spam).
"""

from __future__ import annotations

import re
import sqlite3
import uuid
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.support.browser import OLD_TS

pytestmark = pytest.mark.browser

FORM = "#kontaktforma"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
QUOTE_EVENT = """([query, lines]) => document.dispatchEvent(
    new CustomEvent("quote-change", {detail: {query, lines}}))"""
LINES = ["Satura veidošana: 2. līmenis – 450 € / mēn.", "Kopā pirmajā mēnesī: 450 €"]


def open_form(new_page, url: str, *, javascript: bool = True, width: int = 375):
    page, log = new_page(width=width, javascript=javascript)
    page.goto(url + "/#kontakti", wait_until="networkidle")
    if javascript:
        # Both section scripts have run (on a busy machine later than network idle), so the
        # configurator's first "quote-change" cannot overwrite one a test sends.
        page.wait_for_selector("#konfigurators:not([hidden])", state="attached")
        page.wait_for_function("document.getElementById('kontaktforma').elements.ts.value")
    return page, log


def fill_valid(page, email: str) -> None:
    form = page.locator(FORM)
    form.get_by_label("Vārds").fill("Līga Bērziņa")
    form.get_by_label("E-pasts").fill(email)
    form.get_by_label("Tālrunis").fill("+371 20 000 000")
    form.get_by_label("Uzņēmums vai mājaslapa").fill("Ķekavas maiznīca")
    form.get_by_role("checkbox", name="TikTok").check()
    form.get_by_role("checkbox", name="LinkedIn").check()
    form.get_by_label("Ziņa").fill("Gribam vairāk pasūtījumu no Instagram un TikTok. 🍞")


def assert_no_axe_violations(page) -> None:
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    results = Axe().run(page, context=FORM, options=options)
    assert results.violations_count == 0, results.generate_report()


def console_errors(log, *allowed: str) -> list[str]:
    """The page's console errors, minus the expected ones (matching an ``allowed`` regex)."""
    return [e for e in log.errors if not any(re.search(pattern, e) for pattern in allowed)]


def unique_email() -> str:
    return f"liga.{uuid.uuid4().hex[:10]}@piemers.lv"


def stored(server_var: Path, email: str) -> list[dict]:
    """Inquiries with this email in the store of the server whose folder is ``server_var``."""
    database = server_var / "inquiries.sqlite3"
    if not database.exists():
        return []
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        connection.row_factory = sqlite3.Row
        query = "SELECT * FROM inquiry WHERE email = ?"
        return [dict(row) for row in connection.execute(query, (email,))]


# --- the static page: markup, honeypot, summary, accessibility, layout ---


def test_fields_labels_and_limits(new_page, fixture_static_server):
    page, log = open_form(new_page, fixture_static_server, javascript=False)
    form = page.locator(FORM)
    assert form.get_attribute("method") == "post"
    assert form.get_attribute("action") == "/api/contact"
    expected = {
        "Vārds": ("name", {"required": "", "maxlength": "100", "type": "text"}),
        "E-pasts": ("email", {"required": "", "maxlength": "254", "type": "email"}),
        "Tālrunis": ("phone", {"required": None, "maxlength": "40", "type": "tel"}),
        "Uzņēmums vai mājaslapa": ("company", {"required": None, "maxlength": "200"}),
        "Ziņa": ("message", {"required": "", "minlength": "10", "maxlength": "5000"}),
    }
    for label, (name, attributes) in expected.items():
        field = form.get_by_role("textbox", name=label, exact=True)
        assert field.get_attribute("name") == name
        for attribute, value in attributes.items():
            assert field.get_attribute(attribute) == value, (label, attribute)
    # The asterisk is aria-hidden: the accessible name is the label's words alone.
    expect(form.get_by_role("textbox", name="Ziņa", exact=True)).to_have_accessible_description(
        re.compile("mērķiem un pašreizējo situāciju")
    )
    channels = form.get_by_role("group", name="Kanāli")
    boxes = channels.get_by_role("checkbox")
    assert boxes.count() == 4
    assert [boxes.nth(i).get_attribute("value") for i in range(4)] == [
        "TikTok",
        "Meta",
        "LinkedIn",
        "YouTube",
    ]
    assert {boxes.nth(i).get_attribute("name") for i in range(4)} == {"channels"}
    for name in ("quote", "ts"):
        assert form.locator(f"input[name={name}]").get_attribute("type") == "hidden"
    expect(form.get_by_role("button", name="Nosūtīt pieprasījumu")).to_be_visible()
    privacy = form.get_by_role("link", name="privātuma politikā")
    assert privacy.get_attribute("href") == "/privatuma-politika/"
    expect(privacy.locator("xpath=..")).to_contain_text(
        "Tavus datus izmantošu tikai tam, lai atbildētu uz pieprasījumu."
    )
    # The phone pattern (compiled with the v flag) follows the endpoint's rule.
    phone = form.get_by_label("Tālrunis")
    for number, valid in [("+371 (20) 000-000", True), ("20–00", True), ("tālr. 2000", False)]:
        phone.fill(number)
        assert phone.evaluate("e => e.validity.valid") is valid, number
    assert log.errors == []  # no script runs and nothing is requested in vain


def test_honeypot_is_hidden_from_people_and_screen_readers(new_page, fixture_static_server):
    page, log = open_form(new_page, fixture_static_server)
    honeypot = page.locator("input[name=website]")
    assert honeypot.count() == 1
    box = honeypot.bounding_box()
    assert box is None or box["x"] + box["width"] <= 0, box  # off-screen, left of the page
    assert honeypot.get_attribute("tabindex") == "-1"
    assert honeypot.get_attribute("autocomplete") == "off"
    # Not in the accessibility tree: no role query and no ARIA snapshot finds it.
    assert page.get_by_role("textbox", name="Atstāj šo lauku tukšu").count() == 0
    assert "Atstāj" not in page.locator(FORM).aria_snapshot()
    # The Tab key goes from the message through the form without ever landing on it.
    page.locator(FORM).get_by_label("Ziņa").focus()
    for _ in range(4):
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.name") != "website"
    assert log.errors == []


def test_script_sets_the_load_time(new_page, fixture_static_server):
    page, log = open_form(new_page, fixture_static_server)
    ts, now = page.evaluate(
        "[Number(document.querySelector('#kontaktforma [name=ts]').value), Date.now()]"
    )
    assert 0 <= now - ts < 30_000
    assert log.errors == []


def test_quote_summary_follows_the_configurator(new_page, fixture_static_server):
    page, log = open_form(new_page, fixture_static_server)
    summary = page.locator("#quote-summary")
    quote = page.locator("#kontaktforma input[name=quote]")
    expect(summary).to_be_hidden()
    page.evaluate(QUOTE_EVENT, ["content=2&months=3", LINES])
    expect(summary).to_be_visible()
    expect(summary.get_by_role("listitem")).to_have_text(LINES)
    assert quote.input_value() == "content=2&months=3"
    assert_no_axe_violations(page)
    summary.get_by_role("button", name="Noņemt aprēķinu").click()
    expect(summary).to_be_hidden()
    assert quote.input_value() == ""
    expect(page.locator(FORM).get_by_label("Ziņa")).to_be_focused()
    # An empty selection from the configurator hides the summary as well.
    page.evaluate(QUOTE_EVENT, ["months=3", LINES[:1]])
    expect(summary).to_be_visible()
    page.evaluate(QUOTE_EVENT, ["", []])
    expect(summary).to_be_hidden()
    assert log.errors == []


def test_a_shared_estimate_reaches_the_form_without_a_click(new_page, fixture_static_server):
    """The two scripts load in parallel: whichever starts first, the form gets the estimate
    that the share link restored (contact.js asks with a quote-request event)."""
    page, log = new_page(width=375)

    def late(route):
        # contact.js arrives after the configurator has already announced its estimate.
        page.wait_for_timeout(1000)
        route.continue_()

    page.route("**/theme/js/contact.js*", late)
    page.goto(fixture_static_server + "/?content=2&community=1#kontakti", wait_until="networkidle")
    quote = page.locator("#kontaktforma input[name=quote]")
    expect(quote).to_have_value("content=2&community=1&months=3")
    expect(page.locator("#quote-summary")).to_be_visible()
    assert log.errors == []


def test_no_wcag_violations_in_the_form(new_page, fixture_static_server):
    page, log = open_form(new_page, fixture_static_server, width=1280)
    assert_no_axe_violations(page)
    assert log.errors == []


def test_no_horizontal_scroll_at_375(new_page, fixture_static_server):
    page, log = open_form(new_page, fixture_static_server, width=375)
    page.evaluate(QUOTE_EVENT, ["content=2&months=3", [*LINES, "x" * 120]])
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    right = page.locator(FORM).evaluate("f => f.getBoundingClientRect().right")
    assert right <= 375
    assert log.errors == []


def test_general_errors_are_shown_and_nothing_typed_is_lost(new_page, fixture_static_server):
    page, log = open_form(new_page, fixture_static_server)
    answers = [
        (
            429,
            '{"errors": [{"field": null, "code": "rate_limited", '
            '"message": "Pārāk daudz pieprasījumu īsā laikā."}]}',
        ),
        (502, "<html>Bad Gateway</html>"),
    ]

    def answer(route):
        status, body = answers.pop(0)
        route.fulfill(status=status, body=body, content_type="application/json")

    page.route("**/api/contact", answer)
    fill_valid(page, "liga@piemers.lv")
    alert = page.locator(FORM).get_by_role("alert")
    page.locator(FORM).get_by_role("button", name="Nosūtīt pieprasījumu").click()
    expect(alert).to_have_text("Pārāk daudz pieprasījumu īsā laikā.")
    expect(alert).to_be_focused()
    page.locator(FORM).get_by_role("button", name="Nosūtīt pieprasījumu").click()
    expect(alert).to_have_text("Pieprasījumu neizdevās nosūtīt. Lūdzu, mēģini vēlreiz pēc brīža.")
    assert page.locator(FORM).get_by_label("Vārds").input_value() == "Līga Bērziņa"
    assert page.locator(FORM).get_by_role("checkbox", name="LinkedIn").is_checked()
    # Chromium logs each non-2xx answer; nothing else may reach the console.
    assert console_errors(log, r"status of (429|502)") == []


SEND_KEY = re.compile(r"^[A-Za-z0-9-]{16,64}$")  # what the endpoint accepts


def posted(request) -> dict[str, list[str]]:
    return parse_qs(request.post_data or "", keep_blank_values=True)


def test_send_key_is_kept_for_retries_and_renewed_after_success(new_page, fixture_static_server):
    """One inquiry, one key (issue 9): a retry resends the key; after a success a new one."""
    page, log = open_form(new_page, fixture_static_server)
    ok = '{"ok": true}'
    limited = '{"errors": [{"field": null, "code": "rate_limited", "message": "Pārāk daudz."}]}'
    answers = [(429, limited), (201, ok), (201, ok)]
    keys = []

    def answer(route):
        keys.append(posted(route.request).get("send_key"))
        status, body = answers.pop(0)
        route.fulfill(status=status, body=body, content_type="application/json")

    page.route("**/api/contact", answer)
    form = page.locator(FORM)
    send = form.get_by_role("button", name="Nosūtīt pieprasījumu")
    assert form.locator("[name=send_key]").count() == 1
    fill_valid(page, "liga@piemers.lv")
    send.click()
    expect(form.get_by_role("alert")).to_have_text("Pārāk daudz.")
    send.click()
    expect(form.get_by_role("status")).to_contain_text("Pieprasījums ir saņemts")
    fill_valid(page, "liga@piemers.lv")
    send.click()
    expect(form.get_by_role("status")).to_be_visible()
    page.wait_for_function("document.getElementById('kf-ok').hidden === false")
    assert len(keys) == 3 and all(key and len(key) == 1 for key in keys), keys
    first, retry, next_inquiry = (key[0] for key in keys)
    assert SEND_KEY.match(first) and len(first) == 36
    assert retry == first
    assert SEND_KEY.match(next_inquiry) and next_inquiry != first
    assert console_errors(log, r"status of 429") == []


def test_network_failure_posts_the_same_send_key_the_ordinary_way(new_page, fixture_static_server):
    page, log = open_form(new_page, fixture_static_server)
    sent = {}

    def answer(route):
        kind = route.request.resource_type
        sent[kind] = posted(route.request).get("send_key")
        if kind == "fetch":
            route.abort("internetdisconnected")
        else:
            route.fulfill(
                status=200, body="<!doctype html><title>Paldies</title>", content_type="text/html"
            )

    page.route("**/api/contact", answer)
    key = page.locator(f"{FORM} [name=send_key]").input_value()
    fill_valid(page, "liga@piemers.lv")
    page.locator(FORM).get_by_role("button", name="Nosūtīt pieprasījumu").click()
    page.wait_for_url("**/api/contact")
    assert SEND_KEY.match(key)
    assert sent == {"fetch": [key], "document": [key]}
    assert console_errors(log, "ERR_INTERNET_DISCONNECTED", r"^failed: \S+/api/contact") == []


# --- sending to the real endpoint ---


def test_send_with_javascript_shows_success_in_place(new_page, fixture_server, fixture_server_var):
    page, log = open_form(new_page, fixture_server)
    email = unique_email()
    page.evaluate(QUOTE_EVENT, ["content=2&months=3", LINES])
    fill_valid(page, email)
    page.locator(FORM).evaluate(OLD_TS)  # see the module docstring: the time trap
    with page.expect_response("**/api/contact") as response:
        page.locator(FORM).get_by_role("button", name="Nosūtīt pieprasījumu").click()
    assert response.value.status == 201
    status = page.locator(FORM).get_by_role("status")
    expect(status).to_contain_text("Pieprasījums ir saņemts")
    expect(status).to_be_focused()
    assert page.url.endswith("/#kontakti")
    expect(page.locator(FORM).get_by_label("Vārds")).to_have_value("")
    expect(page.locator(FORM).get_by_role("checkbox", name="TikTok")).not_to_be_checked()
    [row] = stored(fixture_server_var, email)
    assert row["spam"] is None
    assert row["name"] == "Līga Bērziņa"
    assert row["quote_query"] == "content=2&months=3"
    assert row["message"].endswith("🍞")
    assert log.errors == []


def test_send_without_javascript_lands_on_thank_you_page(
    new_page, fixture_server, fixture_server_var
):
    page, log = open_form(new_page, fixture_server, javascript=False)
    email = unique_email()
    fill_valid(page, email)
    page.locator(FORM).get_by_role("button", name="Nosūtīt pieprasījumu").click()
    page.wait_for_url("**/paldies/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Paldies!")
    [row] = stored(fixture_server_var, email)
    assert row["spam"] is None  # no script, no ts: not the time trap
    assert log.errors == []  # no script runs and nothing is requested in vain


def test_network_failure_falls_back_to_an_ordinary_post(
    new_page, fixture_server, fixture_server_var
):
    page, log = open_form(new_page, fixture_server)
    email = unique_email()
    fill_valid(page, email)
    page.locator(FORM).evaluate(OLD_TS)

    def drop_fetch(route):
        if route.request.resource_type == "fetch":
            route.abort("internetdisconnected")
        else:
            route.continue_()

    page.route("**/api/contact", drop_fetch)
    page.locator(FORM).get_by_role("button", name="Nosūtīt pieprasījumu").click()
    page.wait_for_url("**/paldies/")
    [row] = stored(fixture_server_var, email)
    assert row["spam"] is None
    assert console_errors(log, "ERR_INTERNET_DISCONNECTED", r"^failed: \S+/api/contact") == []


def test_a_send_whose_answer_is_lost_is_stored_once(new_page, fixture_server, fixture_server_var):
    """The endpoint stores the send, its answer never arrives, the page posts the ordinary way
    with the same send_key: the visitor lands on the thank-you page, one inquiry is stored."""
    page, log = open_form(new_page, fixture_server)
    email = unique_email()
    fill_valid(page, email)
    page.locator(FORM).evaluate(OLD_TS)
    keys = []

    def lose_the_answer(route):
        keys.append(posted(route.request).get("send_key"))
        if route.request.resource_type == "fetch":
            route.fetch()  # the endpoint receives and stores it
            route.abort("internetdisconnected")  # the page never hears back
        else:
            route.continue_()

    page.route("**/api/contact", lose_the_answer)
    page.locator(FORM).get_by_role("button", name="Nosūtīt pieprasījumu").click()
    page.wait_for_url("**/paldies/")
    assert len(keys) == 2 and keys[0] == keys[1] and SEND_KEY.match(keys[0][0])
    [row] = stored(fixture_server_var, email)
    assert row["send_key"] == keys[0][0] and row["spam"] is None
    assert console_errors(log, "ERR_INTERNET_DISCONNECTED", r"^failed: \S+/api/contact") == []


def test_invalid_post_shows_latvian_errors_at_the_fields(
    new_page, fixture_server, fixture_server_var
):
    page, log = open_form(new_page, fixture_server)
    form = page.locator(FORM)
    # Switch off the browser's own checks so that the endpoint judges the fields.
    form.evaluate("f => { f.noValidate = true; }")
    form.evaluate(OLD_TS)
    email = "liga@piemers"  # valid for the browser, not for the endpoint (no domain suffix)
    form.get_by_label("E-pasts").fill(email)
    form.get_by_label("Ziņa").fill("Īsi")
    with page.expect_response("**/api/contact") as response:
        page.locator(FORM).get_by_role("button", name="Nosūtīt pieprasījumu").click()
    assert response.value.status == 422
    name, mail, message = (
        page.locator(FORM).get_by_role("textbox", name=x, exact=True)
        for x in ("Vārds", "E-pasts", "Ziņa")
    )
    expect(name).to_be_focused()
    expect(name).to_have_accessible_description(re.compile("Lūdzu, ieraksti savu vārdu"))
    expect(mail).to_have_accessible_description(re.compile("derīgu e-pasta adresi"))
    expect(message).to_have_accessible_description(re.compile("Ziņa ir pārāk īsa"))
    for field in (name, mail, message):
        expect(field).to_have_attribute("aria-invalid", "true")
    expect(page.locator(FORM).get_by_label("Tālrunis")).not_to_have_attribute(
        "aria-invalid", "true"
    )
    expect(form.locator("#kf-name-err")).to_be_visible()
    expect(page.locator(FORM).get_by_role("alert")).to_have_text("Lūdzu, izlabo atzīmētos laukus.")
    assert mail.input_value() == email  # what was typed stays
    assert_no_axe_violations(page)
    assert stored(fixture_server_var, email) == []
    # Fixing the fields and sending again clears the errors.
    fill_valid(page, unique_email())
    page.locator(FORM).get_by_role("button", name="Nosūtīt pieprasījumu").click()
    expect(page.locator(FORM).get_by_role("status")).to_contain_text("Pieprasījums ir saņemts")
    expect(form.locator("[aria-invalid]")).to_have_count(0)
    expect(form.locator("#kf-name-err")).to_be_hidden()
    assert console_errors(log, r"status of 422") == []  # Chromium logs the 422 itself


# --- the English page: the endpoint answers in the form's language ---


@pytest.fixture(scope="module")
def english_server(bilingual_site, tmp_path_factory):
    """`quote serve` of the fixture site with its English published (the shared build)."""
    from tests.support import FIXTURE_PRICING, FIXTURE_PROJECT, quote_serve

    var = tmp_path_factory.mktemp("english-var")
    for url in quote_serve(FIXTURE_PROJECT, bilingual_site, var, FIXTURE_PRICING):
        yield url, var


def stored_in(var, email: str) -> list[dict]:
    with sqlite3.connect(f"file:{var / 'inquiries.sqlite3'}?mode=ro", uri=True) as connection:
        connection.row_factory = sqlite3.Row
        query = "SELECT * FROM inquiry WHERE email = ?"
        return [dict(row) for row in connection.execute(query, (email,))]


def fill_english(page, email: str) -> None:
    form = page.locator(FORM)
    form.get_by_label("Name").fill("Jane Doe")
    form.get_by_label("Email").fill(email)
    form.get_by_label("Message").fill("We would like more enquiries from LinkedIn.")


def test_an_english_invalid_post_shows_english_errors_at_the_fields(new_page, english_server):
    url, var = english_server
    page, log = open_form(new_page, url + "/en")
    form = page.locator(FORM)
    form.evaluate("f => { f.noValidate = true; }")  # the endpoint judges the fields
    form.evaluate(OLD_TS)
    email = f"jane.{uuid.uuid4().hex[:10]}@example"  # valid for the browser, not the endpoint
    form.get_by_label("Email").fill(email)
    form.get_by_label("Message").fill("Short")
    with page.expect_response("**/api/contact") as response:
        form.get_by_role("button", name="Send request").click()
    assert response.value.status == 422
    mail, message = (form.get_by_role("textbox", name=x, exact=True) for x in ("Email", "Message"))
    expect(mail).to_have_accessible_description(
        re.compile(re.escape("Please enter a valid email address, for example name@company.com."))
    )
    expect(message).to_have_accessible_description(
        re.compile("The message is too short: please write at least 10 characters.")
    )
    assert stored_in(var, email) == []
    assert console_errors(log, r"status of 422") == []


def test_an_english_send_without_javascript_ends_on_the_english_thank_you_page(
    new_page, english_server
):
    url, var = english_server
    page, log = open_form(new_page, url + "/en", javascript=False)
    email = f"jane.{uuid.uuid4().hex[:10]}@example.com"
    fill_english(page, email)
    page.locator(FORM).get_by_role("button", name="Send request").click()
    page.wait_for_url("**/en/thank-you/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you!")
    [row] = stored_in(var, email)
    assert (row["lang"], row["spam"]) == ("en", None)
    assert log.errors == []
