"""`make screenshots`: look at the site as a prospect does, before a change lands.

Builds the site (development settings) into a scratch folder, serves it on 127.0.0.1 and writes
into ``screenshots/`` (ignored by git):

- every page, full length, at 375 and 1280 px (``index-375.png``, ``404-1280.png``, …), and the
  landing page once more in dark mode;
- the configurator with a selection at both widths, as a share link opens it;
- the printed estimate, as Chromium prints it to A4 (``estimate.pdf``);
- the trust sections (about, results, testimonials) as the fixture site shows them once
  published (``trust-375.png``, ``trust-1280.png``), since the owner's own ship as drafts.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.support import CHROMIUM, CHROMIUM_ARGS, ROOT, build
from tests.test_trust_sections import trust_project

PAGES = {
    "index": "/",
    "privatuma-politika": "/privatuma-politika/",
    "paldies": "/paldies/",
    "404": "/404.html",
}
WIDTHS = (375, 1280)
SELECTION = "/?content=2&ads=1&community=1&reports=1&positioning=1&months=3"
CONFIGURATOR = "#konfigurators"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def serve(folder: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


def shoot(base: str, out: Path) -> list[Path]:
    written: list[Path] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for scheme in ("light", "dark"):
                for width in WIDTHS:
                    context = browser.new_context(
                        viewport={"width": width, "height": 900},
                        locale="lv-LV",
                        color_scheme=scheme,
                    )
                    page = context.new_page()
                    pages = PAGES if scheme == "light" else {"index": "/"}
                    suffix = "" if scheme == "light" else "-dark"
                    for name, path in pages.items():
                        page.goto(base + path, wait_until="networkidle")
                        target = out / f"{name}-{width}{suffix}.png"
                        page.screenshot(path=target, full_page=True)
                        written.append(target)
                    if scheme == "light":
                        page.goto(base + SELECTION, wait_until="networkidle")
                        form = page.locator(CONFIGURATOR)
                        form.scroll_into_view_if_needed()
                        target = out / f"configurator-{width}.png"
                        form.screenshot(path=target)
                        written.append(target)
                        target = out / f"configurator-{width}-view.png"
                        page.screenshot(path=target)
                        written.append(target)
                    context.close()
            context = browser.new_context(locale="lv-LV")
            page = context.new_page()
            page.goto(base + SELECTION, wait_until="networkidle")
            target = out / "estimate.pdf"
            page.pdf(path=target, prefer_css_page_size=True, print_background=True)
            written.append(target)
            context.close()
        finally:
            browser.close()
    return written


def shoot_trust(base: str, out: Path) -> list[Path]:
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for width in WIDTHS:
                page = browser.new_page(viewport={"width": width, "height": 900}, locale="lv-LV")
                page.goto(base + "/", wait_until="networkidle")
                # From the first trust section to the end of the last, in page coordinates.
                top, bottom = page.evaluate(
                    """() => {
                        const first = document.getElementById("fixture-par-mani");
                        const last = document.getElementById("fixture-atsauksmes");
                        return [first.offsetTop, last.offsetTop + last.offsetHeight];
                    }"""
                )
                page.locator("#fixture-par-mani img").scroll_into_view_if_needed()
                page.wait_for_load_state("networkidle")
                target = out / f"trust-{width}.png"
                page.screenshot(
                    path=target,
                    full_page=True,
                    clip={"x": 0, "y": top, "width": width, "height": bottom - top},
                )
                written.append(target)
                page.close()
        finally:
            browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch) / "output"
        result = build(ROOT, site)
        if result.returncode != 0:
            print(result.stdout + result.stderr, file=sys.stderr)
            return 1
        shutil.rmtree(args.out, ignore_errors=True)
        args.out.mkdir(parents=True)
        base, server = serve(site)
        try:
            written = shoot(base, args.out)
        finally:
            server.shutdown()
            server.server_close()
        trust_site = Path(scratch) / "trust-output"
        result = build(trust_project(Path(scratch) / "trust"), trust_site)
        if result.returncode != 0:
            print(result.stdout + result.stderr, file=sys.stderr)
            return 1
        base, server = serve(trust_site)
        try:
            written += shoot_trust(base, args.out)
        finally:
            server.shutdown()
            server.server_close()
    for path in written:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
