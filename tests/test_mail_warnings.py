"""``quote serve`` and ``make publish`` warn while the published site would email nobody.

The published site's endpoint settings are ``deploy/contact.env`` in the project (what
``make deploy`` copies to the server); without an SMTP server in it, every inquiry would only
be written to a file on the server. Both commands run as subprocesses on scratch projects.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from quote.contact.mail_mode import published_warning
from tests.support import (
    BIN,
    copy_fixture_project,
    fill_in_owner,
    free_port,
    run_make,
    stop,
    wait_for_http,
)
from tests.support.commands import owner_environment

WITH_SMTP = """\
# the published site's endpoint settings
QUOTE_SMTP_HOST=smtp.berzina.lv
QUOTE_MAIL_FROM=vietne@berzina.lv
QUOTE_MAIL_TO=anna@berzina.lv
"""
WITHOUT_SMTP = """\
QUOTE_SITE_ORIGIN=https://www.berzina.lv
#QUOTE_SMTP_HOST=smtp.berzina.lv
QUOTE_MAIL_TO=anna@berzina.lv
"""


def write_settings(project: Path, text: str) -> None:
    (project / "deploy").mkdir(exist_ok=True)
    (project / "deploy" / "contact.env").write_text(text, encoding="utf-8")


def without_quote_settings(**settings: str) -> dict[str, str]:
    """``settings`` as the only QUOTE_* variables (a blank one is unset)."""
    return {**{name: "" for name in os.environ if name.startswith("QUOTE_")}, **settings}


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        (None, "BRĪDINĀJUMS: nav faila deploy/contact.env ar publicētās vietnes iestatījumiem"),
        (WITHOUT_SMTP, "BRĪDINĀJUMS: deploy/contact.env nenorāda SMTP serveri (QUOTE_SMTP_HOST)"),
        (WITH_SMTP + "QUOTE_SMTP_PORT=abc\n", "BRĪDINĀJUMS: deploy/contact.env: QUOTE_SMTP_PORT"),
        (WITH_SMTP, None),
    ],
    ids=["no-file", "no-smtp", "invalid", "smtp"],
)
def test_the_published_sites_settings_decide_the_warning(tmp_path, settings, expected):
    if settings is not None:
        write_settings(tmp_path, settings)
    warning = published_warning(tmp_path)
    if expected is None:
        assert warning is None
    else:
        assert warning.startswith(expected), warning
        assert "e-pastu" in warning or "e-pastā" in warning


def test_make_publish_warns_without_an_smtp_server_and_still_publishes(tmp_path):
    project = copy_fixture_project(tmp_path / "scratch")
    fill_in_owner(project)
    write_settings(project, WITHOUT_SMTP)
    result = run_make("publish", project, timeout=300)
    assert result.returncode == 0, result.stderr
    assert (project / "output" / "index.html").exists()
    assert "BRĪDINĀJUMS: deploy/contact.env nenorāda SMTP serveri" in result.stderr
    assert "quote outbox test --settings deploy/contact.env" in result.stderr


def serve_messages(project: Path, **env: str) -> tuple[str, str]:
    """Start `quote serve` on ``project`` (no build), wait until it answers, stop it; its
    stdout and stderr."""
    output = project / "site"
    output.mkdir(exist_ok=True)
    port = free_port()
    options = ["--port", str(port), "--project", str(project), "--output", str(output)]
    with (project / "out.txt").open("wb") as out, (project / "err.txt").open("wb") as err:
        process = subprocess.Popen(
            [str(BIN / "quote"), "serve", *options, "--no-build", "--no-watch"],
            cwd=project,
            env=owner_environment(
                without_quote_settings(
                    QUOTE_DB=str(project / "inquiries.sqlite3"),
                    QUOTE_MAIL_DIR=str(project / "mail"),
                    QUOTE_MAIL_TO="anna@berzina.lv",
                    **env,
                )
            ),
            stdout=out,
            stderr=err,
        )
        try:
            # The server answers only after its start-up messages are written.
            wait_for_http(f"http://127.0.0.1:{port}/api/health", process=process)
        finally:
            stop(process)
    return (project / "out.txt").read_text(), (project / "err.txt").read_text()


def test_quote_serve_says_where_mail_goes_and_warns_for_the_published_site(tmp_path):
    local = tmp_path / "local"
    local.mkdir()
    _, err = serve_messages(local)
    assert "E-pasta paziņojumi: NETIEK SŪTĪTI" in err
    assert "BRĪDINĀJUMS: nav faila deploy/contact.env" in err
    assert "Traceback" not in err

    ready = tmp_path / "ready"
    ready.mkdir()
    write_settings(ready, WITH_SMTP)
    _, err = serve_messages(ready, QUOTE_SMTP_HOST="127.0.0.1", QUOTE_MAIL_FROM="vietne@berzina.lv")
    assert "E-pasta paziņojumi: caur SMTP serveri 127.0.0.1:587 uz anna@berzina.lv." in err
    assert "BRĪDINĀJUMS" not in err and "NETIEK SŪTĪTI" not in err
