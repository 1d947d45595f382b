"""The scripts' texts in the page's language (issue 14), in a real Chromium.

The fixture site with its English published (the shared `bilingual_site`) is served over plain
HTTP; the Latvian page at / and the English one at /en/ must each show the configurator's and the
contact form's script texts in their own language. The texts are written here by hand; the price
list's own texts (service names) are data and not checked.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator

import pytest
from babel.dates import format_date

from tests.support import serve_folder

pytestmark = pytest.mark.browser

NBSP = "\u00a0"
ISSUE_EXAMPLE = "content=2&community=1&reports=1&ads=1&months=3"
# The package covering it is indicative, and brings more than was chosen.
INDICATIVE_EXAMPLE = "content=1&ads=2&community=1&months=3"
ROOTS = {"lv": "/", "en": "/en/"}
CONFIGURATOR = {
    "lv": {
        "restored": "Aprēķins atjaunots no saites.",
        "prices_gross": f"Cenas norādītas ar PVN 21{NBSP}%.",
        "prices_net": "Cenas norādītas bez PVN.",
        "switch": "Rādīt cenas bez PVN",
        "groups": [
            "Ikmēneša pakalpojumi",
            "Vienreizējie pakalpojumi",
            "Periods un reklāmu budžets",
        ],
        "none": ["Bez paketes", "Bez šī pakalpojuma"],
        "tier": "2. līmenis",
        "rows": [
            "Ik mēnesi (ar PVN)",
            "Vienreizējie maksājumi (ar PVN)",
            "Pirmajā mēnesī (ar PVN)",
        ],
        "other": f"bez PVN 727,27{NBSP}€",
        "vat": f"PVN 21{NBSP}%",
        "period": {1: f"Par 1{NBSP}mēnesi", 3: f"Par 3{NBSP}mēnešiem", 11: f"Par 11{NBSP}mēnešiem"},
        "suggestion": f"sedz tavu izvēli par 650{NBSP}€ mēnesī – ietaupījums 230{NBSP}€ mēnesī.",
        "indicative": (
            f"sedz tavu izvēli par 800{NBSP}€ mēnesī (paketes cena – orientējoša cena) – "
            f"ietaupījums 20{NBSP}€ mēnesī. Papildus iegūsti: "
        ),
        "apply": "Izvēlēties paketi",
        "chosen": "Izvēlēts",
        "nothing": "Vēl nekas nav izvēlēts.",
        "date": "Datums:",
        "included": "iekļauts: ",
        "one_time": " (vienreiz)",
        "ad_budget": f"Reklāmu budžets: 500{NBSP}€ mēnesī (maksā platformām; summās un PVN nav",
        "bar": f"Ik mēnesi 0{NBSP}€ Pirmajā mēnesī 0{NBSP}€ ar PVN · Skatīt aprēķinu",
        "copy": "Kopēt saiti",
        "copied": "Saite nokopēta",
        "copy_failed": "Neizdevās nokopēt: nokopē adresi no pārlūka adreses joslas.",
    },
    "en": {
        "restored": "Estimate restored from the link.",
        "prices_gross": "Prices include 21% VAT.",
        "prices_net": "Prices exclude VAT.",
        "switch": "Show prices without VAT",
        "groups": ["Monthly services", "One-time services", "Period and ad budget"],
        "none": ["No package", "None"],
        "tier": "Tier 2",
        "rows": ["Monthly (incl. VAT)", "One-time payments (incl. VAT)", "First month (incl. VAT)"],
        "other": "excl. VAT €727.27",
        "vat": "VAT 21%",
        "period": {1: f"For 1{NBSP}month", 3: f"For 3{NBSP}months", 11: f"For 11{NBSP}months"},
        "suggestion": "covers your selection for €650 a month: you save €230 a month.",
        "indicative": (
            "covers your selection for €800 a month (the package price is indicative): "
            "you save €20 a month. You also get: "
        ),
        "apply": "Choose this package",
        "chosen": "Selected",
        "nothing": "Nothing selected yet.",
        "date": "Date:",
        "included": "includes: ",
        "one_time": " (one-time)",
        "ad_budget": "Ad budget: €500 a month (paid to the platforms; not included in the totals",
        "bar": "Monthly €0 First month €0 incl. VAT · See estimate",
        "copy": "Copy link",
        "copied": "Link copied",
        "copy_failed": "Couldn’t copy the link: copy the address from your browser’s address bar.",
    },
}
CONTACT = {
    "lv": {
        "submit": "Nosūtīt pieprasījumu",
        "sending": "Sūta…",
        "ok": "Paldies! Pieprasījums ir saņemts.",
        "invalid": "Lūdzu, izlabo atzīmētos laukus.",
        "fail": "Pieprasījumu neizdevās nosūtīt. Lūdzu, mēģini vēlreiz pēc brīža.",
    },
    "en": {
        "submit": "Send request",
        "sending": "Sending…",
        "ok": "Thank you! Your request has been received.",
        "invalid": "Please correct the marked fields.",
        "fail": "Your request could not be sent. Please try again in a moment.",
    },
}
LANGS = list(ROOTS)


@pytest.fixture(scope="module")
def web(bilingual_site) -> Iterator[str]:
    """The fixture site with English published, over HTTP on 127.0.0.1 (no endpoint)."""
    url, httpd = serve_folder(bilingual_site)
    yield url
    httpd.shutdown()


def open_page(new_page, web: str, lang: str, query: str = "", width: int = 1280):
    page, log = new_page(width=width, height=900)
    page.emulate_media(reduced_motion="reduce")
    page.goto(f"{web}{ROOTS[lang]}{query and '?' + query}#kalkulators")
    page.wait_for_selector("#konfigurators:not([hidden])")
    return page, log


def words(text: str) -> list[str]:
    return text.split()


@pytest.mark.parametrize("lang", LANGS)
def test_the_configurator_speaks_the_pages_language(new_page, web, lang):
    said = CONFIGURATOR[lang]
    page, log = open_page(new_page, web, lang, ISSUE_EXAMPLE + "&positioning=1&ad-budget=500")
    form = page.locator("#konfigurators")
    assert page.locator("html").get_attribute("lang") == lang
    assert form.locator(".cfg-status").inner_text() == said["restored"]
    assert form.locator(".cfg-bar span").inner_text() == said["prices_gross"]
    legends = [
        form.locator(".cfg-choices > fieldset > legend").nth(i).inner_text() for i in range(3)
    ]
    assert legends == said["groups"]
    segments = form.locator(".cfg-seg > span").all_inner_texts()
    assert set(said["none"]) <= {text.strip() for text in segments}
    tier = form.locator('[name="content"][value="2"]').locator("xpath=..")
    assert tier.inner_text().startswith(said["tier"])
    assert form.locator(".cfg-row > span").all_inner_texts()[:3] == said["rows"]
    result = form.locator(".cfg-out").inner_text()
    assert said["other"] in result.replace("\n", " ")
    assert said["vat"] in result
    suggestion = form.locator(".cfg-sug")
    assert said["suggestion"] in suggestion.inner_text()
    assert suggestion.get_by_role("button", name=said["apply"]).is_visible()
    assert form.locator(".cfg-budget").inner_text().startswith(said["ad_budget"])
    chosen = form.locator(".cfg-sel")
    assert chosen.locator("h4").inner_text() == said["chosen"]
    assert [li for li in chosen.locator("li").all_inner_texts() if li.endswith(said["one_time"])]
    page.emulate_media(media="print")
    today = format_date(datetime.date.today(), "long", locale=lang)
    assert chosen.locator(".cfg-print").inner_text() == f"{said['date']} {today}"
    page.emulate_media(media="screen")
    # The chosen package lists what it includes.
    suggestion.get_by_role("button", name=said["apply"]).click()
    assert said["included"] in chosen.inner_text()
    page.get_by_role("switch", name=said["switch"]).check()
    assert form.locator(".cfg-bar span").inner_text() == said["prices_net"]
    page.goto(f"{web}{ROOTS[lang]}?{INDICATIVE_EXAMPLE}#kalkulators")
    page.wait_for_selector("#konfigurators:not([hidden])")
    assert said["indicative"] in form.locator(".cfg-sug").inner_text()
    assert log.errors == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_period_is_named_with_the_languages_plural_forms(new_page, web, lang):
    page, log = open_page(new_page, web, lang, "reports=1")
    form = page.locator("#konfigurators")
    months = form.locator('[name="months"]')
    for count, label in CONFIGURATOR[lang]["period"].items():
        months.fill(str(count))
        months.dispatch_event("change")
        assert form.locator(".cfg-row").nth(3).inner_text().startswith(label + " ("), count
    assert log.errors == []


@pytest.mark.parametrize("lang", LANGS)
def test_nothing_chosen_and_the_phone_bar(new_page, web, lang):
    said = CONFIGURATOR[lang]
    page, log = open_page(new_page, web, lang, width=375)
    assert page.locator(".cfg-sel li").inner_text() == said["nothing"]
    page.locator(".cfg-choices fieldset").nth(1).scroll_into_view_if_needed()
    page.wait_for_function(
        "document.querySelector('.cfg-float').getBoundingClientRect().top < innerHeight"
    )
    assert words(page.locator(".cfg-float").inner_text()) == words(said["bar"])
    assert log.errors == []


@pytest.mark.parametrize("lang", LANGS)
def test_copy_link_status(new_page, web, lang):
    said = CONFIGURATOR[lang]
    page, log = open_page(new_page, web, lang, "reports=1")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=web)
    page.get_by_role("button", name=said["copy"]).click()
    status = page.locator(".cfg-copied")
    status.wait_for(state="visible")
    assert status.inner_text() == said["copied"]
    page.evaluate(
        "() => { navigator.clipboard.writeText = () => Promise.reject(new Error('denied')); }"
    )
    page.get_by_role("button", name=said["copy"]).click()
    page.wait_for_function(
        "text => document.querySelector('.cfg-copied').textContent == text", arg=said["copy_failed"]
    )
    assert log.errors == []


SUBMIT = "f => f.dispatchEvent(new Event('submit', {cancelable: true}))"
SUBMIT_TEXT = "text => document.querySelector('#kontaktforma [type=submit]').textContent == text"


@pytest.mark.parametrize("lang", LANGS)
def test_the_contact_form_speaks_the_pages_language(new_page, web, lang):
    """Sending, a field error, a failure and success: each text the script shows (the answers
    are played by the test; the endpoint's own messages are its tests' business)."""
    said = CONTACT[lang]
    page, log = new_page(width=375)
    page.goto(f"{web}{ROOTS[lang]}#kontakti", wait_until="networkidle")
    page.wait_for_function("document.getElementById('kontaktforma').elements.ts.value")
    form = page.locator("#kontaktforma")
    submit = form.locator("[type=submit]")
    assert submit.inner_text() == said["submit"]
    posts = []
    page.route("**/api/contact", lambda route: posts.append(route))  # answered below, later
    answers = [
        (422, json.dumps({"errors": [{"field": "email", "code": "email", "message": "-"}]})),
        (503, "<p>not JSON</p>"),
        (201, json.dumps({"ok": True})),
    ]
    failure, success = form.locator("#kf-err"), form.locator("#kf-ok")
    for status, body in answers:
        form.evaluate(SUBMIT)
        page.wait_for_function(SUBMIT_TEXT, arg=said["sending"])
        while not posts:
            page.wait_for_timeout(20)
        posts.pop().fulfill(status=status, body=body, content_type="application/json")
        page.wait_for_function(SUBMIT_TEXT, arg=said["submit"])
        if status == 422:
            failure.wait_for(state="visible")
            assert failure.inner_text() == said["invalid"]
        elif status == 503:
            page.wait_for_function(
                "text => document.getElementById('kf-err').textContent == text", arg=said["fail"]
            )
    success.wait_for(state="visible")
    assert success.inner_text().startswith(said["ok"])
    assert failure.is_hidden()
    assert [e for e in log.errors if "503" not in e and "422" not in e] == []
