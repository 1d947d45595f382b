"""`make screenshots`: look at the site as a prospect does, before a change lands.

Builds the site (development settings) into a scratch folder, serves it on 127.0.0.1 and writes
into ``screenshots/`` (ignored by git):

- every page of every published language, full length, at 375 and 1280 px (``index-375.png``,
  ``404-1280.png``, ``en-index-375.png``, ``en-privacy-policy-1280.png``, …), and each
  language's landing page once more in dark mode;
- the configurator with a selection at both widths, as a share link opens it, per language
  (``configurator-375.png``, ``configurator-en-375.png``);
- the printed estimate, as Chromium prints it to A4 (``estimate.pdf``, ``estimate-en.pdf``);
- the trust sections (about, results, testimonials) as the fixture site shows them once
  published, in both languages (``trust-375.png``, ``trust-en-1280.png``), since the owner's
  own ship as drafts;
- the fixture site's article, article index, case study and case-study list, in both languages
  (``article-375.png``, ``articles-en-1280.png``, ``case-study-375.png``, …), since the owner's
  example ones are drafts too;
- the preview images a shared link shows (``preview-index.png``, ``preview-article.png``, …),
  as the build drew them.
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    build,
    publish_languages,
    published_languages,
)
from tests.support.html import parse
from tests.support.site import serve_folder
from tests.support.trust import trust_project

WIDTHS = (375, 1280)
SELECTION = "?content=2&ads=1&community=1&reports=1&positioning=1&months=3"
CONFIGURATOR = "#konfigurators"
TRUST_LANDINGS = {"": "/", "-en": "/en/"}
# The fixture site's articles and case studies (tests/fixtures/site/content), by screenshot name.
CONTENT_PAGES = {
    "article": "/raksti/satura-kalendars/",
    "article-en": "/en/articles/content-calendar/",
    "articles": "/raksti/",
    "articles-en": "/en/articles/",
    "case-study": "/projekti/kafejnica-instagram/",
    "case-study-en": "/en/case-studies/cafe-instagram/",
    "case-studies": "/projekti/",
}
PREVIEWS = {"index": "/", "index-en": "/en/", **CONTENT_PAGES}


def built_pages(site: Path) -> dict[str, str]:
    """Every page of the build by screenshot name: ``index`` for /, ``en-index`` for /en/,
    ``en-privacy-policy`` for /en/privacy-policy/, ``en-404`` for /en/404.html."""
    languages = published_languages(ROOT)
    pages = {}
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        url = "/" + relative.removesuffix("index.html")
        name = relative.removesuffix("index.html").removesuffix(".html").strip("/")
        name = name.replace("/", "-") or "index"
        pages[f"{name}-index" if name in languages else name] = url
    return pages


def landings(pages: dict[str, str]) -> dict[str, str]:
    """Each language's landing page (/ and /<lang>/) by its screenshot name."""
    return {name: url for name, url in pages.items() if name.endswith("index")}


def language_suffix(landing_name: str) -> str:
    """ "" for the default language's landing page ("index"), "-en" for "en-index"."""
    lang = landing_name.removesuffix("index").rstrip("-")
    return f"-{lang}" if lang else ""


def read_through(page) -> None:
    """Scroll to the end a screen at a time and back, as a visitor reading the page would: what
    is built or loaded only when near the screen (the calculator, lazy photos) is then in the
    full-page shot, which is taken without scrolling."""
    height = page.viewport_size["height"]
    for top in range(0, page.evaluate("document.documentElement.scrollHeight"), height):
        page.evaluate("(top) => window.scrollTo({top, behavior: 'instant'})", top)
        page.wait_for_timeout(50)
    page.wait_for_load_state("networkidle")
    page.evaluate("window.scrollTo({top: 0, behavior: 'instant'})")
    page.wait_for_timeout(200)


def shoot(base: str, out: Path, pages: dict[str, str]) -> list[Path]:
    written: list[Path] = []
    home = landings(pages)
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
                    shown = pages if scheme == "light" else home
                    suffix = "" if scheme == "light" else "-dark"
                    for name, path in shown.items():
                        page.goto(base + path, wait_until="networkidle")
                        read_through(page)
                        target = out / f"{name}-{width}{suffix}.png"
                        page.screenshot(path=target, full_page=True)
                        written.append(target)
                    for name, landing in home.items() if scheme == "light" else ():
                        lang = language_suffix(name)
                        page.goto(base + landing + SELECTION, wait_until="networkidle")
                        form = page.locator(CONFIGURATOR)
                        form.scroll_into_view_if_needed()
                        target = out / f"configurator{lang}-{width}.png"
                        form.screenshot(path=target)
                        written.append(target)
                        target = out / f"configurator{lang}-{width}-view.png"
                        page.screenshot(path=target)
                        written.append(target)
                    context.close()
            for name, landing in home.items():
                lang = language_suffix(name)
                context = browser.new_context(locale=lang.lstrip("-") or "lv-LV")
                page = context.new_page()
                page.goto(base + landing + SELECTION, wait_until="networkidle")
                target = out / f"estimate{lang}.pdf"
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
            for (lang, landing), width in itertools.product(TRUST_LANDINGS.items(), WIDTHS):
                page = browser.new_page(viewport={"width": width, "height": 900}, locale="lv-LV")
                page.goto(base + landing, wait_until="networkidle")
                # From the first trust section to the end of the last, in page coordinates.
                top, bottom = page.evaluate(
                    """() => {
                        const first = document.getElementById("fixture-par-mani");
                        const last = document.getElementById("fixture-atsauksmes");
                        return [first.offsetTop, last.offsetTop + last.offsetHeight];
                    }"""
                )
                photo = page.locator("#fixture-par-mani img")
                photo.scroll_into_view_if_needed()
                page.wait_for_load_state("networkidle")
                # Loaded lazily and decoded apart: the shot waits for the picture to be painted.
                photo.evaluate("img => img.decode()")
                target = out / f"trust{lang}-{width}.png"
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


def shoot_content(base: str, out: Path) -> list[Path]:
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for (name, path), width in itertools.product(CONTENT_PAGES.items(), WIDTHS):
                page = browser.new_page(viewport={"width": width, "height": 900}, locale="lv-LV")
                page.goto(base + path, wait_until="networkidle")
                target = out / f"{name}-{width}.png"
                page.screenshot(path=target, full_page=True)
                written.append(target)
                page.close()
        finally:
            browser.close()
    return written


def copy_previews(site: Path, out: Path) -> list[Path]:
    """The og:image of each page in PREVIEWS, copied as ``preview-<name>.<ext>``."""
    written = []
    for name, path in PREVIEWS.items():
        tree = parse((site / path.lstrip("/") / "index.html").read_text(encoding="utf-8"))
        url = tree.css_first('meta[property="og:image"]').attributes["content"]
        image = site / url.split("/", 3)[3]
        target = out / f"preview-{name}{image.suffix}"
        shutil.copy(image, target)
        written.append(target)
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
        base, server = serve_folder(site)
        try:
            written = shoot(base, args.out, built_pages(site))
        finally:
            server.shutdown()
            server.server_close()
        trust_site = Path(scratch) / "trust-output"
        trust = trust_project(Path(scratch) / "trust")
        publish_languages(trust, ["lv", "en"])
        result = build(trust, trust_site)
        if result.returncode != 0:
            print(result.stdout + result.stderr, file=sys.stderr)
            return 1
        base, server = serve_folder(trust_site)
        try:
            written += shoot_trust(base, args.out)
            written += shoot_content(base, args.out)
        finally:
            server.shutdown()
            server.server_close()
        written += copy_previews(trust_site, args.out)
    for path in written:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
