"""The theme's scripts and styles: readable sources, minified by the build (plugins/theme_assets).

The engine's node tests and the browser tests run on what the build ships, so they prove that
the minifier keeps the ES-module syntax and the behaviour; these tests check the rest.
"""

from __future__ import annotations

import hashlib
import re
import subprocess

from tests.support import ROOT, build, copy_project

STATIC = ROOT / "theme" / "static"
SOURCES = sorted(p for p in STATIC.rglob("*") if p.suffix in {".js", ".css", ".svg"})
MAX_LINE = 120


def test_no_line_of_the_theme_sources_is_longer_than_120_characters():
    long_lines = [
        f"{path.relative_to(ROOT)}:{number}: {len(line)} characters"
        for path in SOURCES
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if len(line) > MAX_LINE
    ]
    assert SOURCES and not long_lines, "\n".join(long_lines)


def test_every_script_and_stylesheet_ships_minified(fixture_site):
    for source in SOURCES:
        shipped = fixture_site / "theme" / source.relative_to(STATIC)
        text = shipped.read_text(encoding="utf-8")
        assert len(shipped.read_bytes()) < len(source.read_bytes()), shipped
        assert "/*" not in text and "\n" not in text.strip(), f"{shipped} keeps comments or lines"


def test_fingerprints_are_of_the_shipped_bytes(fixture_site, fixture_landing_html):
    urls = re.findall(
        r'(?<=[" ])/theme/((?:js|css)/[a-z]+\.(?:js|css))\?v=([0-9a-f]{10})(?=[" ])',
        fixture_landing_html,
    )
    names = {name for name, _ in urls}
    expected = {"js/configurator.js", "js/contact.js", "js/estimate.js", "css/configurator.css"}
    assert expected | {"css/sections.css", "css/contact.css"} <= names, urls
    for name, digest in urls:
        assert (
            hashlib.sha256((fixture_site / "theme" / name).read_bytes()).hexdigest()[:10] == digest
        )


def test_inlined_styles_are_minified(fixture_landing_html):
    style = fixture_landing_html.split("<style>", 1)[1].split("</style>", 1)[0]
    assert ":root{" in style and ".hero{" in style
    assert "/*" not in style and "\n" not in style


def test_only_the_first_screen_styles_are_in_the_landing_page(fixture_landing_html):
    """Issue 12: the styles of the sections further down, of forms and of the configurator are
    not in the page's first round trip: the page links them after its first paint (or, without
    JavaScript, from a <noscript>), the configurator's script links its own."""
    style = fixture_landing_html.split("<style>", 1)[1].split("</style>", 1)[0]
    for rule in (".faq{", ".packages{", ".contact-form{", "fieldset{", ".cfg-res{"):
        assert rule not in style, rule
    later = re.search(r'<noscript id="later-styles">(.*?)</noscript>', fixture_landing_html).group(
        1
    )
    assert re.findall(r'<link rel="stylesheet" href="/theme/css/([a-z]+\.css)\?v=', later) == [
        "sections.css",
        "contact.css",
    ]
    assert re.search(
        r'<form id="konfigurators"[^>]* data-styles="/theme/css/contact\.css\?v=[0-9a-f]{10} '
        r'/theme/css/configurator\.css\?v=[0-9a-f]{10}"',
        fixture_landing_html,
    )


def test_the_engine_tests_pass_on_the_shipped_estimate_js(fixture_site):
    shipped = fixture_site / "theme" / "js" / "estimate.js"
    result = subprocess.run(
        ["node", "--test", "tests/js/"],
        cwd=ROOT,
        env={
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "ESTIMATE_JS": str(shipped),
            "COUNT_JS": str(shipped.with_name("count.js")),
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    passed = int(re.search(r"^# pass (\d+)$", result.stdout, re.M).group(1))
    assert passed > 50 and "\n# fail 0\n" in result.stdout


def test_a_script_with_a_syntax_error_stops_the_build_before_any_page(tmp_path):
    project = copy_project(tmp_path / "project")
    script = project / "theme" / "static" / "js" / "contact.js"
    script.write_text(script.read_text(encoding="utf-8") + "\nconst = ;\n", encoding="utf-8")
    output = tmp_path / "output"
    result = build(project, output)
    assert result.returncode != 0
    said = " ".join((result.stdout + result.stderr).split())
    assert "theme/static/js/contact.js: cannot minify" in said, said
    assert not (output / "index.html").exists()
