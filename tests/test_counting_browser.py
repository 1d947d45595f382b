"""The page's counting (issue 26) in Chromium: js/count.js on the fixture site (a scratch copy
built in both languages), against `quote serve` and against nginx in front of the endpoint, as
deployed.

A visit, a change in the configurator and an inquiry give exactly the daily `visit_count` rows
written by hand below from the fixture price list (tests/fixtures/site/pricing.yaml: content tier
2 is 450 € a month with VAT, in the 250 € band); the browser keeps no cookie and no storage; with
`Sec-GPC: 1` nothing is counted, the inquiry neither; with the Pelican setting COUNTING off no
page carries the script and nothing is posted. The endpoint side alone (forged events, robots,
the refusals) is tests/test_counting_endpoint.py; the script's timing, tests/js/count.test.mjs.

Chromium browses as a person's desktop browser (PERSON_USER_AGENT): headless Chromium names
itself HeadlessChrome, a robot, never counted. The servers write their counts every 0.1 s.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from quote.contact.store import Store
from quote.pricing.model import load_price_list
from tests.support import (
    FIXTURE_PRICING,
    FIXTURE_PROJECT,
    ServerProcess,
    build,
    built_pages,
    copy_fixture_project,
    free_port,
    quote_serve,
    serve_folder,
    wait_until,
)
from tests.support.browser import OLD_TS, PERSON_USER_AGENT
from tests.support.nginx import NginxServer, endpoint_env, write_nginx_errors

pytestmark = pytest.mark.browser

FLUSH = {"QUOTE_COUNT_FLUSH_SECONDS": "0.1", "QUOTE_COUNT_RATE_LIMIT": "1000 per minute"}
VERSION = load_price_list(FIXTURE_PRICING).version
FORM = "#kontaktforma"


def today() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d")


def rows(event: str, *pairs: tuple[str, str]) -> list[tuple]:
    """The rows one occurrence of ``event`` adds today: its total and one per dimension."""
    return [(today(), event, "", "", VERSION, 1)] + [
        (today(), event, dimension, value, VERSION, 1) for dimension, value in pairs
    ]


def counts(db: Path) -> list[tuple]:
    return Store(db).visit_counts() if db.exists() else []


def settled(db: Path, expected: list[tuple]) -> list[tuple]:
    """The store's rows once they hold as many as ``expected`` (or after 10 s), and a few
    flushes later, so that a row counted twice or late shows."""
    with_all = wait_until(lambda: len(counts(db)) >= len(expected) or None, timeout=10, what="rows")
    assert with_all
    time.sleep(0.5)
    return counts(db)


@pytest.fixture(scope="module")
def person(browser):
    """Factory: a new context browsing as a person (more headers: ``headers``) and its page."""
    contexts = []

    def make(headers: dict | None = None):
        context = browser.new_context(
            viewport={"width": 1280, "height": 900},
            locale="lv-LV",
            user_agent=PERSON_USER_AGENT,
            extra_http_headers=headers or {},
        )
        contexts.append(context)
        return context, context.new_page()

    yield make
    for context in contexts:
        context.close()


def visit_choose_and_ask(page, origin: str, path: str = "/", referer: str | None = None) -> None:
    """A visitor opens ``path`` (at its contact form, so both section scripts run at once),
    chooses content tier 2 in the configurator and sends the contact form."""
    with page.expect_response(lambda r: r.url.endswith("/api/count")) as view:
        page.goto(origin + path + "#kontakti", referer=referer)
    assert view.value.status == 204 and "event=view" in view.value.request.post_data
    page.wait_for_selector("#konfigurators:not([hidden])", state="attached")
    page.wait_for_function("document.getElementById('kontaktforma').elements.ts.value")
    with page.expect_response(lambda r: "event=estimate" in (r.request.post_data or "")) as shown:
        page.locator('#konfigurators [name="content"][value="2"]').check()
    assert shown.value.status == 204
    form = page.locator(FORM)
    form.locator('[name="name"]').fill("Līga Bērziņa")
    form.locator('[name="email"]').fill("liga@piemers.lv")
    form.locator('[name="message"]').fill("Gribam vairāk pasūtījumu no Instagram un TikTok.")
    form.evaluate(OLD_TS)
    with page.expect_response("**/api/contact") as sent:
        form.locator("[type=submit]").click()
    assert sent.value.status == 201, sent.value.text()


def assert_nothing_kept(context, page) -> None:
    """No cookie, and nothing in the page's storage (local, session, IndexedDB)."""
    assert context.cookies() == []
    kept = page.evaluate(
        """async () => ({local: localStorage.length, session: sessionStorage.length,
            databases: (await indexedDB.databases()).length})"""
    )
    assert kept == {"local": 0, "session": 0, "databases": 0}


def expected_lv_visit() -> list[tuple]:
    """By hand: a view of / from nowhere, a first change, the estimate of content tier 2
    (450 € a month with VAT: band 250) and an inquiry, all in Latvian."""
    return sorted(
        rows("view", ("lang", "lv"), ("page", "/"), ("referrer", ""))
        + rows("configure", ("lang", "lv"))
        + rows("estimate", ("band", "250"), ("lang", "lv"), ("service", "content:2"))
        + rows("inquiry", ("lang", "lv"))
    )


# -- quote serve on a scratch copy -------------------------------------------------------------


@pytest.fixture(scope="module")
def served(bilingual_site, tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """`quote serve` of the bilingual fixture build (a scratch folder: it writes its store
    there); yields its URL and its store."""
    var = tmp_path_factory.mktemp("counting-serve")
    for url in quote_serve(FIXTURE_PROJECT, bilingual_site, var, FIXTURE_PRICING, FLUSH):
        yield url, var / "inquiries.sqlite3"


def test_a_visit_a_change_and_an_inquiry_are_counted_under_quote_serve(served, person):
    url, db = served
    context, page = person()
    visit_choose_and_ask(page, url)
    assert settled(db, expected_lv_visit()) == expected_lv_visit()
    assert_nothing_kept(context, page)


def test_with_sec_gpc_nothing_is_counted_not_even_the_inquiry(served, person):
    url, db = served
    before = wait_until(lambda: counts(db), timeout=10, what="the first test's rows")
    context, page = person({"Sec-GPC": "1"})
    visit_choose_and_ask(page, url)
    # The posts went out and were answered as any other; nothing was added.
    time.sleep(0.5)
    assert counts(db) == before
    assert_nothing_kept(context, page)


# -- nginx and the endpoint, as deployed -------------------------------------------------------


@pytest.fixture(scope="module")
def deployed(bilingual_site, tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """nginx (deploy/nginx/quote-site.conf) in front of the endpoint on its Unix socket; yields
    the site's origin and the endpoint's store."""
    folder = tmp_path_factory.mktemp("counting-nginx")
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    errors = write_nginx_errors(folder)
    env = {
        **endpoint_env(folder, origin, bilingual_site, FIXTURE_PRICING),
        "QUOTE_RATE_LIMIT": "1000/minute;10000/day",
        **FLUSH,
    }
    with ServerProcess(env, cwd=folder) as endpoint:
        nginx = NginxServer(
            folder / "nginx",
            root=bilingual_site,
            api_errors=errors,
            port=port,
            upstream=Path(endpoint.url.removeprefix("unix:")),
        )
        with nginx:
            yield origin, folder / "inquiries.sqlite3"


def test_an_english_visit_from_a_search_is_counted_behind_nginx(deployed, person):
    origin, db = deployed
    context, page = person()
    visit_choose_and_ask(page, origin, "/en/", referer="https://www.google.com/search?q=smm")
    expected = sorted(
        rows("view", ("lang", "en"), ("page", "/en/"), ("referrer", "www.google.com"))
        + rows("configure", ("lang", "en"))
        + rows("estimate", ("band", "250"), ("lang", "en"), ("service", "content:2"))
        + rows("inquiry", ("lang", "en"))
    )
    assert settled(db, expected) == expected
    assert_nothing_kept(context, page)
    # Sharing and printing the estimate: one count each, in the page's language.
    with page.expect_response(lambda r: "event=share" in (r.request.post_data or "")):
        page.locator("#konfigurators [data-act=copy]").click()
    with page.expect_response(lambda r: "event=print" in (r.request.post_data or "")):
        page.evaluate("dispatchEvent(new Event('beforeprint'))")
    more = sorted(expected + rows("print", ("lang", "en")) + rows("share", ("lang", "en")))
    assert settled(db, more) == more


# -- counting off: no script at all -----------------------------------------------------------


def test_with_counting_off_no_page_carries_the_script_and_nothing_is_posted(tmp_path, person):
    project = copy_fixture_project(tmp_path / "project")
    settings = project / "pelicanconf.py"
    settings.write_text(settings.read_text(encoding="utf-8") + "\nCOUNTING = False\n")
    output = tmp_path / "output"
    result = build(project, output)
    assert result.returncode == 0, result.stdout + result.stderr
    pages = built_pages(output)
    assert pages and not [p for p in pages if "count.js" in p.read_text(encoding="utf-8")]
    # The loader stays on the landing page only, for its sections.
    modules = [p.name for p in pages if '<script type="module">' in p.read_text(encoding="utf-8")]
    assert modules == ["index.html"]
    url, httpd = serve_folder(output)
    try:
        context, page = person()
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        for path in ("/buj/", "/#kontakti"):
            page.goto(url + path, wait_until="networkidle")
        page.wait_for_selector("#konfigurators:not([hidden])", state="attached")
        page.locator('#konfigurators [name="content"][value="2"]').check()
        page.wait_for_load_state("networkidle")
        assert requested and not [u for u in requested if "count" in u]
        assert_nothing_kept(context, page)
    finally:
        httpd.shutdown()
        httpd.server_close()
