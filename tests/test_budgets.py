"""Byte budgets of the built site (issues 6 and 11). Sizes only: timings live in `make bench`.

kB here is 1000 bytes, so every budget is at or under its KiB reading. "As shipped" means the
files of the development build as the browser gets them before transfer compression, so after
the build has minified them (plugins/theme_assets); gzip is ``gzip -9`` of each file on its own,
as a host compresses them.

Two kinds of budget: what the first paint needs (the page with its styles and any script it
starts before painting: 60 kB raw, 20 kB gzip for the landing page, the first 14,000 gzip bytes),
and the section scripts that the page imports only after its first paint (with every module
they import: 8 kB gzip together). The counting script (js/count.js, issue 26), imported after the
first paint on every page, has a budget of its own: 1 kB gzip.

Each check is a function that returns its problems; the tests assert that the built site has
none, and that a page made to break the budget gives some (so a check cannot pass vacuously).
"""

from __future__ import annotations

import gzip
import posixpath
import random
import re
import string
import zlib
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from bench.page_assets import page_assets
from tests.support import BILINGUAL_PAGES, built_pages

KB = 1000
# 60 kB in issue 6; 64 kB for a while with issue 12's visual identity (inline icons, the drawn
# hero, the package cards and their styles), 60 kB again since the styles of what lies below the
# landing page's first screen are linked after its first paint (counted here all the same).
PAGE_RAW = 60 * KB
LANDING_GZIP = 20 * KB
AFTER_PAINT_SCRIPTS_GZIP = 8 * KB
IMAGE_MAX = 100 * KB
FIRST_FLIGHT = 14_000
# The whole landing page's HTML in one round trip (issue 12): Lighthouse's simulation (Lantern)
# takes the document as one piece, so a document that does not fit in the first ~14.6 kB on the
# wire (about 14,280 B of body after the response's headers) pays a second round trip before the
# first paint. Asserted on the fixture site, which holds the seed's copy, never on the owner's,
# whose edits must not turn the tests red: the fixture's page may grow to 13,500 B of gzip, so
# that the theme keeps 500 B of the 14,000 B below (and the ~280 B up to the round trip's end)
# for the owner's copy. The owner's page runs about 1 kB over the fixture's (13.1 kB / 14.2 kB
# gzip -9 when this was written, with the icons inline): `make bench` reports its room left.
# (The FAQ's answers are on their own page for this reason.)
# 13,600 since issue 27: a shared link's preview (og:image with its type, size and alt,
# twitter:card), the web manifest and the articles' feed are head lines every page needs, about
# 100 B of gzip together after the favicon's data: URI was made 12 B smaller; the owner's room
# is 400 B.
LANDING_HTML_GZIP = 13_600
FIRST_PAINT_CSS_GZIP = 10 * KB
AFTER_PAINT_FILES = ("configurator.js", "estimate.js", "contact.js", "packages.js")
COUNTING_SCRIPT = "count.js"
COUNTING_SCRIPT_GZIP = 1 * KB
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg", ".ico", ".bmp"}
# `import "./x.js"`, `... from "./x.js"`, `import("./x.js")`: module specifiers in a script.
_IMPORT = re.compile(r"""\b(?:from|import)\s*\(?\s*["']([^"']+)["']""")


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, 9, mtime=0))


def _local(output: Path, base: str, ref: str) -> Path | None:
    parts = urlsplit(ref)
    if parts.scheme or parts.netloc:
        return None
    path = parts.path if parts.path.startswith("/") else posixpath.join(base, parts.path)
    return output / posixpath.normpath(path).lstrip("/")


def _url_dir(output: Path, page: Path) -> str:
    return "/" + posixpath.dirname(page.relative_to(output).as_posix()) + "/"


def shipped_files(
    output: Path, page: Path, part: str = "first_paint"
) -> tuple[list[Path], list[str]]:
    """What a page ships, with every module its scripts import; and the references that point
    nowhere in the output. ``part`` is "first_paint" (the page, its stylesheets, the scripts it
    starts before painting) or "after_paint" (the section scripts imported after the paint)."""
    head = page_assets(page.read_text(encoding="utf-8"))
    base = _url_dir(output, page)
    if part == "first_paint":
        files, refs = [page], head.styles + head.scripts
    else:
        files, refs = [], head.after_paint_scripts
    missing = []
    queue = [(base, ref) for ref in refs]
    while queue:
        base_dir, ref = queue.pop(0)
        path = _local(output, base_dir, ref)
        if path is None:
            missing.append(ref)  # another host: never shipped by us (and not allowed)
            continue
        if path in files:
            continue
        if not path.is_file():
            missing.append(ref)
            continue
        files.append(path)
        if path.suffix in (".js", ".mjs"):
            here = _url_dir(output, path)
            for spec in _IMPORT.findall(path.read_text(encoding="utf-8", errors="replace")):
                if spec.startswith((".", "/")):
                    queue.append((here, spec))
    return files, missing


def page_weight_problems(
    output: Path,
    page: Path,
    raw_max: int | None,
    gzip_max: int | None,
    part: str = "first_paint",
    leaving_out: tuple[str, ...] = (),
) -> list[str]:
    """What is over budget in what ``page`` ships (``part``), files named in ``leaving_out``
    not counted."""
    files, missing = shipped_files(output, page, part)
    files = [f for f in files if f.name not in leaving_out]
    name = page.relative_to(output).as_posix()
    problems = [f"{name}: references missing or foreign files {missing}"] if missing else []
    raw = sum(f.stat().st_size for f in files)
    if raw_max is not None and raw > raw_max:
        detail = ", ".join(f"{f.relative_to(output)} {f.stat().st_size}" for f in files)
        problems.append(f"{name}: {raw} B raw > {raw_max} B ({detail})")
    if gzip_max is not None:
        packed = sum(gzip_size(f.read_bytes()) for f in files)
        if packed > gzip_max:
            detail = ", ".join(
                f"{f.relative_to(output)} {gzip_size(f.read_bytes())}" for f in files
            )
            problems.append(f"{name}: {packed} B gzip > {gzip_max} B ({detail})")
    return problems


def hero_end(html: str) -> tuple[str, int]:
    """What must arrive first, and where it ends (a character offset): the hero section
    holding the h1 when there is one, else the h1 itself."""
    h1 = html.find("<h1")
    if h1 < 0:
        return "<h1>", -1
    h1_end = html.find("</h1>", h1)
    if h1_end < 0:
        return "</h1>", -1
    opened = html.rfind("<section", 0, h1)
    if opened >= 0 and html.find("</section>", opened, h1) < 0:
        end = html.find("</section>", h1_end)
        return "the hero section", (end + len("</section>") if end >= 0 else -1)
    return "the h1", h1_end + len("</h1>")


def first_flight_problems(html_bytes: bytes) -> list[str]:
    """What of <head> and the hero is not in the first 14,000 bytes of the gzip -9 stream."""
    stream = gzip.compress(html_bytes, 9, mtime=0)
    prefix = zlib.decompressobj(wbits=31).decompress(stream[:FIRST_FLIGHT])
    html = html_bytes.decode("utf-8")
    problems = []
    head = html.find("</head>")
    hero, end = hero_end(html)
    for label, offset in (("</head>", head + len("</head>") if head >= 0 else -1), (hero, end)):
        if offset < 0:
            problems.append(f"{label} not found")
            continue
        needed = len(html[:offset].encode("utf-8"))
        if needed > len(prefix):
            problems.append(
                f"{label} ends at byte {needed}; the first {FIRST_FLIGHT} gzip bytes hold "
                f"{len(prefix)} bytes of HTML"
            )
    return problems


def first_paint_css_problems(output: Path, page: Path) -> list[str]:
    head = page_assets(page.read_text(encoding="utf-8"))
    name = page.relative_to(output).as_posix()
    problems = []
    if head.blocking_scripts:
        problems.append(f"{name}: render-blocking scripts {head.blocking_scripts}")
    if len(head.blocking_styles) > 1:
        problems.append(f"{name}: {len(head.blocking_styles)} render-blocking stylesheets")
    for ref in head.blocking_styles[:1]:
        path = _local(output, _url_dir(output, page), ref)
        if path is None or not path.is_file():
            problems.append(f"{name}: stylesheet {ref} is not a file of the site")
        elif (size := gzip_size(path.read_bytes())) > FIRST_PAINT_CSS_GZIP:
            problems.append(f"{name}: {ref} is {size} B gzip > {FIRST_PAINT_CSS_GZIP} B")
    # Without JavaScript, the <noscript> stylesheets hold up the first paint as well.
    noscript = [_local(output, _url_dir(output, page), ref) for ref in head.noscript_styles]
    if None in noscript or not all(path.is_file() for path in noscript if path):
        problems.append(f"{name}: a <noscript> stylesheet is not a file of the site")
    elif (size := sum(gzip_size(p.read_bytes()) for p in noscript)) > FIRST_PAINT_CSS_GZIP:
        problems.append(f"{name}: <noscript> stylesheets {size} B gzip > {FIRST_PAINT_CSS_GZIP} B")
    return problems


# -- the built site -------------------------------------------------------------------------
# The budgets hold the theme and the build to account on the fixture site (tests/fixtures/site,
# a full landing page with the seed's copy and prices), not on the owner's content: a new FAQ
# question or landing section must not turn `make test` red. `make bench` reports the owner's
# own pages. The fixture is published in both its languages, so every budget holds for each
# language's pages, with the language switch and the alternates each page then carries.

LANDINGS = ["index.html", "en/index.html"]


@pytest.fixture(scope="module")
def site(bilingual_site) -> Path:
    return bilingual_site


@pytest.fixture(scope="module")
def pages(site) -> list[Path]:
    found = built_pages(site)
    names = {p.relative_to(site).as_posix() for p in found}
    expected = {path for paths in BILINGUAL_PAGES.values() for path in paths}
    assert expected <= names, f"pages missing from the build: {expected - names}"
    return found


def test_every_page_with_what_its_first_paint_needs_is_at_most_60kb_raw(site, pages):
    problems = [p for page in pages for p in page_weight_problems(site, page, PAGE_RAW, None)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("landing", LANDINGS)
def test_landing_page_with_what_its_first_paint_needs_is_at_most_20kb_gzip(site, landing):
    problems = page_weight_problems(site, site / landing, None, LANDING_GZIP)
    assert not problems, "\n".join(problems)


def test_scripts_after_the_first_paint_are_at_most_8kb_gzip_together(site, pages):
    problems = [
        p
        for page in pages
        for p in page_weight_problems(
            site, page, None, AFTER_PAINT_SCRIPTS_GZIP, "after_paint", (COUNTING_SCRIPT,)
        )
    ]
    assert not problems, "\n".join(problems)


def test_the_counting_script_is_on_every_page_after_the_first_paint_in_at_most_1kb_gzip(
    site, pages
):
    """Issue 26: js/count.js as shipped (minified, gzip -9) within 1 kB, imported by every page
    after its first paint and by none before it, alone (it imports nothing)."""
    for page in pages:
        after, missing = shipped_files(site, page, "after_paint")
        first, _ = shipped_files(site, page)
        name = page.relative_to(site).as_posix()
        assert COUNTING_SCRIPT in {f.name for f in after} and not missing, name
        assert COUNTING_SCRIPT not in {f.name for f in first}, name
    script = site / "theme" / "js" / COUNTING_SCRIPT
    assert gzip_size(script.read_bytes()) <= COUNTING_SCRIPT_GZIP
    assert not _IMPORT.findall(script.read_text(encoding="utf-8"))


@pytest.mark.parametrize("landing", LANDINGS)
def test_the_landing_page_html_fits_in_one_round_trip_with_room_for_the_owners_copy(site, landing):
    size = gzip_size((site / landing).read_bytes())
    assert size <= LANDING_HTML_GZIP, (
        f"{landing}: {size} B gzip > {LANDING_HTML_GZIP} B: the owner's page would no longer "
        f"fit in one round trip ({FIRST_FLIGHT} B) after a few edits"
    )


def test_one_round_trip_check_fails_on_a_page_with_the_answers_on_it(site):
    """The same landing page with the FAQ's answers back on it (as before issue 12) is over."""
    answers = (site / "buj" / "index.html").read_bytes()
    faq = answers[answers.index(b'<div class="faq"') : answers.index(b'<section class="faq-next"')]
    page = (site / "index.html").read_bytes().replace(b'<ul class="faq-links">', faq + b"<ul>")
    assert gzip_size(page) > LANDING_HTML_GZIP


@pytest.mark.parametrize("landing", LANDINGS)
def test_the_landing_page_imports_its_scripts_after_the_first_paint(site, landing):
    """The budget above measures the files the page really loads, and they wait for the paint."""
    first, _ = shipped_files(site, site / landing)
    after, missing = shipped_files(site, site / landing, "after_paint")
    assert not missing
    assert {*AFTER_PAINT_FILES, COUNTING_SCRIPT} == {f.name for f in after}
    assert not {f.name for f in first} & set(AFTER_PAINT_FILES)


def test_no_image_is_over_100kb(site):
    images = [p for p in site.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES]
    assert images, "no image at all: the favicon is expected"
    assert [(p.name, p.stat().st_size) for p in images if p.stat().st_size > IMAGE_MAX] == []


def test_head_and_hero_arrive_in_the_first_14000_gzip_bytes(site, pages):
    problems = [
        f"{page.relative_to(site)}: {problem}"
        for page in pages
        for problem in first_flight_problems(page.read_bytes())
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("landing", LANDINGS)
def test_landing_hero_is_the_section_holding_the_h1(site, landing):
    landing_html = (site / landing).read_text(encoding="utf-8")
    label, end = hero_end(landing_html)
    assert label == "the hero section" and end > landing_html.find("</h1>")


def test_first_paint_css_is_inline_or_one_file_of_at_most_10kb_gzip(site, pages):
    problems = [p for page in pages for p in first_paint_css_problems(site, page)]
    assert not problems, "\n".join(problems)


# -- each check fails on a page that breaks it -------------------------------------------------


def _noise(n: int) -> str:
    rng = random.Random(6)
    return "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(n))


def test_first_flight_check_fails_when_the_head_is_too_big():
    page = (
        f"<!doctype html><html><head><title>x</title><style>/*{_noise(30_000)}*/</style></head>"
        "<body><section class=hero><h1>Sveiki</h1></section></body></html>"
    )
    problems = first_flight_problems(page.encode())
    assert len(problems) == 2 and "hero section" in problems[1]


def test_first_flight_check_passes_a_small_page():
    page = "<!doctype html><head><title>x</title></head><body><h1>Sveiki</h1>"
    assert first_flight_problems(page.encode()) == []


def test_weight_check_counts_css_and_imported_modules(tmp_path):
    (tmp_path / "js").mkdir()
    (tmp_path / "js" / "a.js").write_text('import {b} from "./b.js";\n' + "x" * 100)
    (tmp_path / "js" / "b.js").write_text("export const b = 1;\n" + _noise(5_000))
    (tmp_path / "s.css").write_text("body{}" + "y" * 100)
    page = tmp_path / "index.html"
    page.write_text(
        '<link rel="stylesheet" href="/s.css"><script type="module" src="js/a.js?v=1"></script>'
    )
    files, missing = shipped_files(tmp_path, page)
    assert {f.name for f in files} == {"index.html", "s.css", "a.js", "b.js"} and not missing
    problems = page_weight_problems(tmp_path, page, raw_max=5_000, gzip_max=1_000)
    assert len(problems) == 2


def test_after_paint_check_counts_section_modules_and_their_imports(tmp_path):
    (tmp_path / "js").mkdir()
    (tmp_path / "js" / "a.js").write_text('const b = await import("./b.js");\n')
    (tmp_path / "js" / "b.js").write_text("export const b = 1;\n" + _noise(12_000))
    page = tmp_path / "index.html"
    page.write_text('<body><section data-module="/js/a.js?v=1"></section>' + _noise(10))
    first, _ = shipped_files(tmp_path, page)
    after, missing = shipped_files(tmp_path, page, "after_paint")
    assert [f.name for f in first] == ["index.html"]
    assert {f.name for f in after} == {"a.js", "b.js"} and not missing
    assert page_weight_problems(tmp_path, page, None, 8_000, "after_paint")
    assert not page_weight_problems(tmp_path, page, None, 8_000)


def test_first_paint_check_fails_on_two_stylesheets_and_a_blocking_script(tmp_path):
    (tmp_path / "a.css").write_text("a{}")
    (tmp_path / "big.css").write_text(_noise(20_000))
    page = tmp_path / "index.html"
    page.write_text(
        '<head><link rel="stylesheet" href="/a.css"><link rel="stylesheet" href="/big.css">'
        '<link rel="stylesheet" href="/a.css" media="print"><script src="/x.js"></script>'
        '<script type="module" src="/m.js"></script></head><body></body>'
    )
    problems = first_paint_css_problems(tmp_path, page)
    assert len(problems) == 2, problems
    page.write_text('<head><link rel="stylesheet" href="/big.css"></head>')
    assert "gzip" in first_paint_css_problems(tmp_path, page)[0]
    # Linked by the page's script after its first paint, or without JavaScript: not blocking
    # then, but counted for a browser without JavaScript.
    page.write_text(
        '<head><style>a{}</style><noscript><link rel="stylesheet" href="/a.css">'
        '<link rel="stylesheet" href="/a.css"></noscript></head>'
    )
    assert first_paint_css_problems(tmp_path, page) == []
    page.write_text('<head><noscript><link rel="stylesheet" href="/big.css"></noscript></head>')
    assert "<noscript> stylesheets" in first_paint_css_problems(tmp_path, page)[0]
