"""Typography in what Chromium shows, the scripts' text included (docs/style.md).

tests/test_typography.py reads the built pages as written. The configurator, its phone bar and
package suggestion, and the contact form's messages are written by scripts, so here every Latvian
page of the fixture site is read from the browser's document after its scripts have run, and the
landing page again after each interaction that makes them write: a restored share link with a
suggestion and an ad budget, the phone bar, the switch to prices without VAT, a copy that fails,
the suggested package applied, the estimate handed to the contact form, the endpoint's field
errors. The English pages of the fixture site with English published are read the same way, the
calculator with a restored share link and its package suggestion too. The check is the static
one, by the page's language (tests/support/typography.py).
"""

from __future__ import annotations

import json

import pytest

from tests.support import built_pages, parse, serve_folder
from tests.support.browser import OLD_TS
from tests.support.typography import typography_problems

pytestmark = pytest.mark.browser

SHARE_LINK = "/?content=2&community=1&reports=1&ads=1&months=3&ad-budget=200"


def rendered_problems(page, where: str) -> list[str]:
    """The typography problems of the document as the browser holds it now."""
    return [f"{where}: {problem}" for problem in typography_problems(page.content())]


def paths_in(output, lang: str = "lv") -> list[str]:
    """The address of every page of the build whose <html lang> is ``lang``."""
    paths = []
    for page in built_pages(output):
        if parse(page.read_text(encoding="utf-8")).css_first("html").attributes["lang"] != lang:
            continue
        name = page.relative_to(output).as_posix()
        paths.append("/" + name.removesuffix("index.html"))
    return paths


def test_every_latvian_page_as_shown(fixture_site, fixture_server, new_page):
    paths = paths_in(fixture_site)
    assert {"/", "/privatuma-politika/", "/paldies/", "/404.html"} <= set(paths)
    problems = []
    for path in paths:
        page, log = new_page(width=375)
        page.goto(fixture_server + path, wait_until="networkidle")
        problems += rendered_problems(page, path)
        assert log.errors == [], path
    assert problems == [], "\n".join(problems)


def test_what_the_scripts_write_while_the_page_is_used(fixture_server, new_page):
    page, log = new_page(width=375, height=700)
    page.emulate_media(reduced_motion="reduce")
    page.add_init_script("navigator.clipboard.writeText = () => Promise.reject(new Error('no'))")
    page.goto(fixture_server + SHARE_LINK)
    page.wait_for_selector("#konfigurators:not([hidden])")
    page.wait_for_function("document.getElementById('kontaktforma').elements.ts.value")
    form = page.locator("#konfigurators")
    problems = []

    def look(step: str, shown: str) -> None:
        """Check the document once ``shown`` (what this step makes a script write) is visible."""
        page.locator(shown).first.wait_for(state="visible")
        problems.extend(rendered_problems(page, step))

    look("a share link restored", ".cfg-status")
    look("the package suggestion", ".cfg-sug")
    form.locator(".cfg-choices fieldset").nth(1).scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('.cfg-float-shown')")
    look("the phone bar", ".cfg-float")
    page.get_by_role("switch", name="Rādīt cenas bez PVN").check()
    look("prices without VAT", ".cfg-float-vat")
    form.get_by_role("button", name="Kopēt saiti").click()
    look("a copy that failed", ".cfg-copied")
    form.locator(".cfg-sug button").click()
    look("the package applied", ".cfg-sel li")
    form.get_by_role("button", name="Pieprasīt piedāvājumu").click()
    look("the estimate in the contact form", "#quote-summary li")
    contact = page.locator("#kontaktforma")
    contact.evaluate("f => { f.noValidate = true; }")  # the endpoint judges the fields
    contact.evaluate(OLD_TS)
    contact.get_by_label("E-pasts").fill("liga@piemers")
    with page.expect_response("**/api/contact") as answer:
        contact.get_by_role("button", name="Nosūtīt pieprasījumu").click()
    assert answer.value.status == 422
    look("the endpoint's field errors", "#kf-name-err")
    assert problems == [], json.dumps(problems, ensure_ascii=False, indent=1)
    assert [e for e in log.errors if "status of 422" not in e] == []


@pytest.fixture(scope="module")
def bilingual_web(bilingual_site):
    """The fixture site with English published, over HTTP (no endpoint)."""
    url, httpd = serve_folder(bilingual_site)
    yield url
    httpd.shutdown()


def test_every_english_page_as_shown_and_its_calculator(bilingual_site, bilingual_web, new_page):
    paths = paths_in(bilingual_site, "en")
    assert {"/en/", "/en/privacy-policy/", "/en/thank-you/", "/en/faq/"} <= set(paths)
    problems = []
    for path in paths:
        page, log = new_page(width=375)
        page.goto(bilingual_web + path, wait_until="networkidle")
        problems += rendered_problems(page, path)
        assert log.errors == [], path
    page, log = new_page(width=375, height=700)
    page.emulate_media(reduced_motion="reduce")
    page.goto(bilingual_web + "/en" + SHARE_LINK)
    page.wait_for_selector("#konfigurators:not([hidden])")
    page.locator(".cfg-sug").wait_for(state="visible")
    problems += rendered_problems(page, "a share link restored, in English")
    page.locator("#konfigurators .cfg-sug button").click()
    page.locator("#konfigurators .cfg-sel li").first.wait_for(state="visible")
    problems += rendered_problems(page, "the package applied, in English")
    assert problems == [], "\n".join(problems)
    assert log.errors == []


def test_text_a_script_writes_is_checked_too(new_page):
    """The static check cannot see text a script writes; the check of the shown page does."""
    html = (
        "<p id=x></p><script>document.getElementById('x').textContent = '\u201cLabi\u201d'</script>"
    )
    assert typography_problems(html) == []
    page, _ = new_page()
    page.set_content(html)
    assert page.locator("#x").inner_text() == "\u201cLabi\u201d"
    assert len(rendered_problems(page, "control")) == 1
