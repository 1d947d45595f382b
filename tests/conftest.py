"""Shared fixtures: a built site, a running server, a real Chromium.

The site is built by running Pelican in a subprocess: Pelican's signals are global, so building
several times in one process would connect plugin handlers twice.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.support import (  # noqa: F401 - re-exported for the test modules
    BIN,
    CHROMIUM,
    CHROMIUM_ARGS,
    FIXTURE_PRICING,
    FIXTURE_PROJECT,
    ROOT,
    build,
    copy_fixture_project,
    copy_project,
    free_port,
    wait_for_http,
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


@pytest.fixture(scope="session")
def landing_html(site) -> str:
    return (site / "index.html").read_text(encoding="utf-8")


def built_pages(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html"))


@pytest.fixture(scope="session")
def server_var(tmp_path_factory) -> Path:
    """The folder holding the `server` fixture's inquiry store and mail folder."""
    return tmp_path_factory.mktemp("var")


def _quote_serve(project: Path, output: Path, var: Path, pricing: Path) -> Iterator[str]:
    """`quote serve` of ``output`` on a free port, its store and mail in ``var``; yields its URL."""
    port = free_port()
    env = {
        **os.environ,
        "QUOTE_DB": str(var / "inquiries.sqlite3"),
        "QUOTE_MAIL_DIR": str(var / "mail"),
        "QUOTE_PRICING": str(pricing),
        "QUOTE_RATE_LIMIT": "1000/minute;10000/day",
        "QUOTE_OUTBOX_POLL": "1",
    }
    process = subprocess.Popen(
        [str(BIN / "quote"), "serve", "--port", str(port), "--output", str(output), "--no-build"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(url + "/")
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def server(site, server_var) -> Iterator[str]:
    """`quote serve` on a free port serving the built site and the endpoint; yields its URL.

    Its store is ``server_var / "inquiries.sqlite3"``; notifications are written as .eml files
    into ``server_var / "mail"``.
    """
    yield from _quote_serve(ROOT, site, server_var, ROOT / "pricing.yaml")


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
def fixture_server_var(tmp_path_factory) -> Path:
    """The folder holding the `fixture_server` fixture's inquiry store and mail folder."""
    return tmp_path_factory.mktemp("fixture-var")


@pytest.fixture(scope="session")
def fixture_server(fixture_site, fixture_server_var) -> Iterator[str]:
    """`quote serve` of the fixture site and the endpoint (estimates from the fixture price list).

    Its store is ``fixture_server_var / "inquiries.sqlite3"``; notifications are written as .eml
    files into ``fixture_server_var / "mail"``.
    """
    yield from _quote_serve(FIXTURE_PROJECT, fixture_site, fixture_server_var, FIXTURE_PRICING)


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


class ConsoleLog:
    """Console errors, page errors and failed requests seen by one page."""

    def __init__(self, page):
        self.errors: list[str] = []
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("requestfailed", lambda req: self.errors.append(f"failed: {req.url}"))


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


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def serve_folder(folder: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve a folder over HTTP on 127.0.0.1 in a thread; returns (url, server)."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{httpd.server_address[1]}", httpd


@contextlib.contextmanager
def served_build(project: Path, output: Path) -> Iterator[str]:
    """Build a scratch project into ``output`` (the build must succeed) and serve it over plain
    HTTP while the block runs; yields its URL."""
    result = build(project, output)
    assert result.returncode == 0, result.stdout + result.stderr
    url, httpd = serve_folder(output)
    try:
        yield url
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def static_server(site) -> Iterator[str]:
    """The built site over plain HTTP, without the endpoint; yields its URL."""
    url, httpd = serve_folder(site)
    yield url
    httpd.shutdown()
