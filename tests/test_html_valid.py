"""Every built page is valid HTML per the Nu HTML Checker (vnu-jar from npm, the machine's Java):
the fixture site published in both languages, every page of each.

The checker runs once, over all pages and one deliberately invalid control document: one JVM
start for speed, and the control proves that the checker ran and reports errors.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.support import BILINGUAL_PAGES, built_pages, vnu_command

CONTROL = """<!doctype html>
<html lang="lv"><head><meta charset="utf-8"><title>Kontrole</title></head>
<body><p>Nederīgs <div>bloks</p></span><img src="x.png"></body></html>
"""


def _path_of(url: str) -> Path:
    return Path(unquote(urlsplit(url).path)).resolve()


@pytest.fixture(scope="module")
def vnu_messages(bilingual_site, tmp_path_factory) -> dict[Path, list[dict]]:
    """Errors per checked file: {path: [message, ...]}; a file without errors maps to []."""
    checker = vnu_command()
    control = tmp_path_factory.mktemp("vnu") / "control-invalid.html"
    control.write_text(CONTROL, encoding="utf-8")
    files = [*built_pages(bilingual_site), control]
    result = subprocess.run(
        [*checker, "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    try:
        report = json.loads(result.stderr or result.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"vnu gave no JSON (exit {result.returncode}):\n{result.stderr[-2000:]}")
    messages: dict[Path, list[dict]] = {path.resolve(): [] for path in files}
    for message in report.get("messages", []):
        if message.get("type") in ("error", "non-document-error"):
            messages.setdefault(_path_of(message.get("url", "")), []).append(message)
    return messages


def _describe(message: dict) -> str:
    line = message.get("lastLine", "?")
    extract = " ".join(message.get("extract", "").split())[:120]
    return f"line {line}: {message.get('message')} [{extract}]"


def test_every_built_page_is_valid_html(bilingual_site, vnu_messages):
    pages = built_pages(bilingual_site)
    assert {p.relative_to(bilingual_site).as_posix() for p in pages} >= {
        path for paths in BILINGUAL_PAGES.values() for path in paths
    }
    problems = [
        f"{page.relative_to(bilingual_site)} {_describe(m)}"
        for page in pages
        for m in vnu_messages.get(page.resolve(), [])
    ]
    assert not problems, "\n".join(problems)


def test_the_checker_reports_errors_in_an_invalid_document(vnu_messages):
    control = [
        m for path, ms in vnu_messages.items() if path.name == "control-invalid.html" for m in ms
    ]
    assert len(control) >= 2, "vnu did not flag the invalid control document"
    text = " ".join(m["message"] for m in control)
    assert "alt" in text  # the image without alt text
