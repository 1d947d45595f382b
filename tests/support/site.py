"""The sites the tests build and serve: the fixture project, built pages, servers, checkers."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import runpy
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

from bench.harness import BIN, ROOT, build, copy_project, free_port, stop, wait_for_http

# The fixture site the code's tests build: its own pricing.yaml, content/ and settings, built with
# the project's theme and plugins. The owner's pricing.yaml and content/ are not test data.
FIXTURE_PROJECT = ROOT / "tests" / "fixtures" / "site"
FIXTURE_PRICING = FIXTURE_PROJECT / "pricing.yaml"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Every page of the fixture site published in both languages, by language (files in the output),
# each at the same place in both lists as its translation.
BILINGUAL_PAGES = {
    "lv": [
        "index.html",
        "privatuma-politika/index.html",
        "paldies/index.html",
        "404.html",
        "buj/index.html",
        "raksti/index.html",
        "raksti/satura-kalendars/index.html",
        "projekti/index.html",
        "projekti/kafejnica-instagram/index.html",
    ],
    "en": [
        "en/index.html",
        "en/privacy-policy/index.html",
        "en/thank-you/index.html",
        "en/404.html",
        "en/faq/index.html",
        "en/articles/index.html",
        "en/articles/content-calendar/index.html",
        "en/case-studies/index.html",
        "en/case-studies/cafe-instagram/index.html",
    ],
}


# The fixture's pages in one language only (an article and a case study without a translation).
ONE_LANGUAGE_PAGES = ["raksti/tiktok-b2b/index.html", "projekti/gramatvedibas-birojs/index.html"]


def copy_fixture_project(destination: Path) -> Path:
    """A scratch copy of the fixture site in ``destination``; returns the folder to build in.

    The fixture's settings take the theme, plugins and settings from two folders above the fixture
    folder, so the project's build inputs are copied around it at the same relative place.
    """
    copy_project(destination)
    project = destination / FIXTURE_PROJECT.relative_to(ROOT)
    ignore = shutil.ignore_patterns("__pycache__", "output")
    shutil.copytree(FIXTURE_PROJECT, project, ignore=ignore, dirs_exist_ok=True)
    return project


# A seller who is not a VAT payer: its price list (`vat: none`, the same prices) and the copy of the
# fixture's files that named VAT, laid over a scratch copy by `not_a_vat_payer`.
NOT_VAT_PAYER = ROOT / "tests" / "fixtures" / "not-vat-payer"
NOT_VAT_PAYER_PRICING = NOT_VAT_PAYER / "pricing.yaml"


def not_a_vat_payer(project: Path) -> None:
    """A scratch copy of the fixture site made a non-VAT-payer's, as its owner would: the price
    list with `vat: none`, the copy without VAT, no VAT number and no VAT in the description."""
    shutil.copytree(NOT_VAT_PAYER, project, dirs_exist_ok=True)
    settings = project / "pelicanconf.py"
    text = settings.read_text(encoding="utf-8")
    for old in (" Cenas ar PVN un cenas kalkulators.", '    "vat_no": "[PVN maksātāja numurs'):
        assert old in text, old
    text = text.replace(" Cenas ar PVN un cenas kalkulators.", " Cenas kalkulators.")
    text = "\n".join(line for line in text.splitlines() if '"vat_no"' not in line) + "\n"
    settings.write_text(text, encoding="utf-8")


# The fixture price list with some English texts not yet written (its header lists them), for the
# fixture site published in Latvian and English: the English pages show those texts in Latvian.
UNTRANSLATED_PRICING = ROOT / "tests" / "fixtures" / "untranslated-prices" / "pricing.yaml"


def with_untranslated_prices(project: Path) -> None:
    """A scratch copy of the fixture site publishing English with `UNTRANSLATED_PRICING`."""
    shutil.copy(UNTRANSLATED_PRICING, project / "pricing.yaml")
    publish_languages(project, ["lv", "en"])


def publish_languages(project: Path, languages: list[str]) -> None:
    """Publish ``languages`` in a scratch project: one line of settings, as the owner adds it."""
    settings = project / "pelicanconf.py"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text + f"\nLANGUAGES = {languages!r}\n", encoding="utf-8")


def published_languages(project: Path) -> list[str]:
    """The languages ``project``'s pelicanconf.py publishes, the default first."""
    settings = runpy.run_path(str(project / "pelicanconf.py"))
    return list(settings.get("LANGUAGES") or [settings["DEFAULT_LANG"]])


def in_each_language(project: Path, latvian: str, other: str) -> str | dict[str, str]:
    """A text of ``pricing.yaml`` as an owner writes it: the Latvian alone while Latvian is
    the only published language, else one line per language (``other`` for every other one)."""
    languages = published_languages(project)
    if len(languages) == 1:
        return latvian
    return {lang: latvian if lang == languages[0] else other for lang in languages}


def write_copy(project: Path, relative: str, latvian: str, other: str) -> None:
    """An owner's new copy file ``relative`` (``content/faq/95-x.md``), and beside it its
    translation ``other`` (``Title: …`` first) into each other published language."""
    path = project / relative
    path.write_text(latvian, encoding="utf-8")
    for lang in published_languages(project)[1:]:
        title, rest = other.split("\n", 1)
        translation = path.with_name(f"{path.stem}.{lang}.md")
        translation.write_text(f"{title}\nLang: {lang}\n{rest}", encoding="utf-8")


def built_pages(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html"))


def quote_serve(
    project: Path, output: Path, var: Path, pricing: Path, extra_env: dict | None = None
) -> Iterator[str]:
    """`quote serve` of ``output`` on a free port, its store and mail in ``var``, more settings
    in ``extra_env``; yields its URL."""
    port = free_port()
    env = {
        **os.environ,
        "QUOTE_DB": str(var / "inquiries.sqlite3"),
        "QUOTE_MAIL_DIR": str(var / "mail"),
        "QUOTE_PRICING": str(pricing),
        "QUOTE_RATE_LIMIT": "1000/minute;10000/day",
        "QUOTE_OUTBOX_POLL": "1",
        **(extra_env or {}),
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
        wait_for_http(url + "/", process=process)
        yield url
    finally:
        stop(process)


# Owner facts that are not placeholders, for a scratch copy that `make publish` must accept.
FILLED_IN_OWNER = """
OWNER = {
    "name": "Anna Bērziņa",
    "reg_no": "40003000000",
    "address": "Brīvības iela 1, Rīga",
    "email": "anna@berzina.lv",
    "phone": "+371 20000000",
    "vat_no": "LV40003000000",
    "bank": "Swedbank",
    "iban": "LV80HABA0551000000000",
}
SITE_ORIGIN = "https://www.berzina.lv"
"""


def fill_in_owner(project: Path) -> None:
    """Replace the fixture's placeholders in a scratch copy's publishconf.py."""
    settings = project / "publishconf.py"
    settings.write_text(settings.read_text(encoding="utf-8") + FILLED_IN_OWNER, encoding="utf-8")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass

    def do_POST(self):
        """The page's count posts (js/count.js) answered as the endpoint answers them, 204, so a
        page served without the endpoint logs no failed request; nothing is counted here (the
        counts are tested against the endpoint: tests/test_counting_browser.py). Any other post
        is refused, as before."""
        if self.path != "/api/count":
            self.send_error(501, "Unsupported method ('POST')")
            return
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(204)
        self.end_headers()


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


class ConsoleLog:
    """Console errors, page errors and failed requests seen by one page."""

    def __init__(self, page):
        self.errors: list[str] = []
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("requestfailed", lambda req: self.errors.append(f"failed: {req.url}"))


def vnu_command() -> list[str]:
    """The Nu HTML Checker's command line; fails the test (never skips it) when it is missing:
    `make test` installs Java and `npm ci` the checker."""
    import pytest

    if shutil.which("java") is None:
        pytest.fail("java is missing: run `make chromium` (installs a Java runtime)")
    if not VNU_JAR.exists():
        pytest.fail(f"{VNU_JAR.relative_to(ROOT)} is missing: run `npm ci`")
    return ["java", "-jar", str(VNU_JAR)]
