"""Shared fixtures: a built site, a running server, a real Chromium (helpers: ``tests.support``).

The site is built by running Pelican in a subprocess: Pelican's signals are global, so building
several times in one process would connect plugin handlers twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    FIXTURE_PRICING,
    FIXTURE_PROJECT,
    ROOT,
    ConsoleLog,
    build,
    copy_fixture_project,
    not_a_vat_payer,
    publish_languages,
    quote_serve,
    serve_folder,
    with_untranslated_prices,
)


def _built(project: Path, output: Path) -> Path:
    """``project`` built into ``output`` with the development settings; the build must pass."""
    result = build(project, output)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The site built from the owner's files (pricing.yaml, content/) with the development
    settings. Only for checks that hold whatever the owner writes; the code's tests use
    `fixture_site`."""
    return _built(ROOT, tmp_path_factory.mktemp("output"))


# -- the fixture site: what the code's tests build ----------------------------------------------


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The fixture site (tests/fixtures/site) built once per session with the development settings.

    Its pricing.yaml holds the seed's prices (tests/vectors/catalog.json is its catalog) and its
    content/ the seed's copy as edited; unlike the owner's files, they change only with the tests.
    """
    return _built(FIXTURE_PROJECT, tmp_path_factory.mktemp("fixture-output"))


@pytest.fixture(scope="session")
def fixture_landing_html(fixture_site) -> str:
    return (fixture_site / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def bilingual_site(tmp_path_factory) -> Path:
    """The fixture site with its English copy published (LANGUAGES = ["lv", "en"] added to a
    scratch copy's settings), built once per session: the languages' tests, the budgets, axe and
    the HTML checker share it. Its pages are ``tests.support.BILINGUAL_PAGES``."""
    project = copy_fixture_project(tmp_path_factory.mktemp("bilingual"))
    publish_languages(project, ["lv", "en"])
    return _built(project, tmp_path_factory.mktemp("bilingual-output"))


@pytest.fixture(scope="session")
def not_vat_payer_site(tmp_path_factory) -> Path:
    """The fixture site of a seller who is not a VAT payer (tests.support.not_a_vat_payer: its
    price list says `vat: none`), in both languages, built once per session."""
    project = copy_fixture_project(tmp_path_factory.mktemp("not-vat-payer"))
    not_a_vat_payer(project)
    publish_languages(project, ["lv", "en"])
    return _built(project, tmp_path_factory.mktemp("not-vat-payer-output"))


@pytest.fixture(scope="session")
def untranslated_prices_build(tmp_path_factory):
    """The fixture site in Latvian and English with some English price-list texts not written
    (tests.support.with_untranslated_prices), built once per session: (output, the build's
    stderr). The build passes and warns."""
    project = copy_fixture_project(tmp_path_factory.mktemp("untranslated-prices"))
    with_untranslated_prices(project)
    output = tmp_path_factory.mktemp("untranslated-prices-output")
    result = build(project, output)
    assert result.returncode == 0, result.stdout + result.stderr
    return output, result.stderr


@pytest.fixture(scope="session")
def fixture_server_var(tmp_path_factory) -> Path:
    """The folder holding the `fixture_server` fixture's inquiry store and mail folder."""
    return tmp_path_factory.mktemp("fixture-var")


@pytest.fixture(scope="session")
def fixture_server(fixture_site, fixture_server_var) -> Iterator[str]:
    """`quote serve` of the fixture site and the endpoint (estimates from the fixture price list).

    Its store is ``fixture_server_var / "inquiries.sqlite3"``; notifications are written as .eml
    files into ``fixture_server_var / "mail"``.
    """
    yield from quote_serve(FIXTURE_PROJECT, fixture_site, fixture_server_var, FIXTURE_PRICING)


@pytest.fixture(scope="session")
def fixture_static_server(fixture_site) -> Iterator[str]:
    """The built fixture site over plain HTTP, without the endpoint; yields its URL."""
    url, httpd = serve_folder(fixture_site)
    yield url
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser):
    """Factory: new_page(width=375, javascript=True) -> (page, console log)."""
    contexts = []

    def make(width: int = 375, height: int = 800, javascript: bool = True):
        context = browser.new_context(
            viewport={"width": width, "height": height},
            java_script_enabled=javascript,
            locale="lv-LV",
        )
        contexts.append(context)
        page = context.new_page()
        return page, ConsoleLog(page)

    yield make
    for context in contexts:
        context.close()
