"""`quote serve`: the built site and the endpoint on one port, notifications written."""

from __future__ import annotations

import email
import email.policy
import json
import os
import re
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.support import BIN, ROOT, free_port

INQUIRY = {
    "name": "Anna Bērziņa",
    "email": "anna@example.lv",
    "message": "Vēlamies sakārtot LinkedIn un Meta saturu nākamajiem trim mēnešiem.",
    "quote": "content=2&ads=1&community=1&reports=1&months=3",
}


def body_of(eml: Path) -> str:
    message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    return message.get_content()


def fetch(url: str, data: bytes | None = None, headers: dict | None = None):
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_serves_pages_and_the_404_page(fixture_server, fixture_site):
    status, headers, body = fetch(fixture_server + "/")
    assert status == 200
    assert headers["Content-Type"].startswith("text/html")
    # The built landing page's own title, whatever the owner calls the site.
    title = re.search(rb"<title>.*?</title>", (fixture_site / "index.html").read_bytes()).group()
    assert title in body
    assert fetch(fixture_server + "/paldies/")[0] == 200
    assert fetch(fixture_server + "/data/pricing.json")[0] == 200
    status, _, body = fetch(fixture_server + "/nav-tadas-lapas/")
    assert status == 404
    assert b"Lapa nav atrasta" in body


def test_an_inquiry_is_stored_and_the_owner_notified(fixture_server, fixture_server_var):
    status, _, body = fetch(
        fixture_server + "/api/contact",
        json.dumps(INQUIRY).encode(),
        {
            "Content-Type": "application/json",
            "Accept": "application/json",
            "Origin": fixture_server,
        },
    )
    assert status == 201, body
    inquiry_id = json.loads(body)["id"]
    # The outbox worker runs inside `quote serve`: the .eml file appears without a flush.
    mail = fixture_server_var / "mail"
    deadline = time.monotonic() + 20
    while not any("Anna Bērziņa" in body_of(p) for p in mail.glob("*.eml")):
        assert time.monotonic() < deadline, "no notification was written"
        time.sleep(0.2)
    shown = subprocess.run(
        [str(BIN / "quote"), "inquiries", "show", str(inquiry_id)],
        env={**os.environ, "QUOTE_DB": str(fixture_server_var / "inquiries.sqlite3")},
        capture_output=True,
        text=True,
        check=True,
    )
    assert "anna@example.lv" in shown.stdout


def test_a_bad_setting_stops_the_server_at_start():
    result = subprocess.run(
        [str(BIN / "quote"), "serve", "--port", str(free_port()), "--no-build"],
        cwd=ROOT,
        env={**os.environ, "QUOTE_SMTP_HOST": "smtp.example.lv", "QUOTE_SMTP_PORT": "abc"},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode != 0
    assert "QUOTE_SMTP_PORT" in result.stderr


def test_no_file_outside_the_served_folder_is_served_through_a_link(tmp_path):
    """Red team, issue 25 item 8: `quote serve --no-build` followed links out of the folder."""
    from tests.support import FIXTURE_PRICING, FIXTURE_PROJECT
    from tests.support.site import quote_serve

    outside = tmp_path / "outside"
    (outside / ".git").mkdir(parents=True)
    (outside / ".git" / "config").write_text("[remote] secret\n", encoding="utf-8")
    site = tmp_path / "site"
    (site / "inner").mkdir(parents=True)
    (site / "index.html").write_text("<!doctype html><title>x</title><body>sākums</body>")
    (site / "inner" / "page.html").write_text("<!doctype html><title>y</title><body>iekšā</body>")
    (site / "passwd").symlink_to("/etc/passwd")
    (site / "linked").symlink_to(outside)
    (site / "same.html").symlink_to(site / "inner" / "page.html")  # inside: fine
    server = quote_serve(FIXTURE_PROJECT, site, tmp_path / "var", FIXTURE_PRICING)
    url = next(server)
    try:
        assert fetch(url + "/")[0] == 200
        assert fetch(url + "/same.html")[0] == 200
        for path in ("/passwd", "/linked/.git/config", "/inner/../passwd", "/linked/"):
            status, _headers, body = fetch(url + path)
            assert status == 404, path
            assert b"root:" not in body and b"secret" not in body, path
    finally:
        server.close()
