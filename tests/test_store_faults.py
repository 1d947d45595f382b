"""The red team's database faults (issue 25, items 2-4): a damaged, foreign or empty database
file is seen, said in Latvian and never taken for a healthy or a new one; numbers never repeat.

The endpoint runs as a real process (tests/support/endpoint.py); the owner's commands as
subprocesses. Every database here is a scratch one.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

import pytest

from quote.contact.numbering import numbers_in_use
from quote.contact.store import NewInquiry, Store
from quote.errors import StoreError
from tests.support import BIN, FIXTURE_PRICING, ROOT, ServerProcess, http_request

ORIGIN = "http://site.test"
FORM = {
    "name": "Jānis Bērziņš",
    "email": "janis@piemers.lv",
    "message": "Labdien! Vēlos piedāvājumu sociālajiem tīkliem.",
}


def environment(folder: Path) -> dict[str, str]:
    return {
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        "QUOTE_SITE_ORIGIN": ORIGIN,
        "QUOTE_DB": str(folder / "inquiries.sqlite3"),
        "QUOTE_MAIL_DIR": str(folder / "mail"),
        "QUOTE_PRICING": str(FIXTURE_PRICING),
        "QUOTE_RATE_LIMIT": "1000 per minute",
        "QUOTE_OUTBOX_POLL": "0.5",
    }


def post(server: ServerProcess):
    headers = {
        "Origin": ORIGIN,
        "Accept": "application/json",
        "Content-Type": "application/x-www-form-urlencoded",
    }
    body = urlencode(FORM).encode()
    return http_request(server.url + "/api/contact", body, headers)


def health(server: ServerProcess):
    answer = http_request(server.url + "/api/health", method="GET")
    return answer.status, json.loads(answer.body)


def damage_inquiry_table(path: Path) -> None:
    """Overwrite the inquiry table's root page with garbage, as a failing disk would."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'inquiry'").fetchone()
    finally:
        conn.close()
    with open(path, "r+b") as file:
        file.seek((root[0] - 1) * page_size)
        file.write(b"\xff" * page_size)


def start_endpoint(folder: Path) -> subprocess.CompletedProcess:
    """Start the endpoint expecting it to refuse: its exit and what it printed."""
    return subprocess.run(
        [sys.executable, "-m", "quote.contact", "--port", "0"],
        cwd=folder,
        env={**os.environ, **environment(folder)},
        capture_output=True,
        text=True,
        timeout=60,
    )


def quote(folder: Path, *argv: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "quote"), *argv],
        cwd=folder,
        env={**os.environ, **environment(folder)},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_damaged_inquiry_table_makes_health_503_and_stops_the_next_start(tmp_path):
    server = ServerProcess(environment(tmp_path), cwd=tmp_path).start()
    try:
        assert post(server).status == 201
        assert health(server) == (200, {"status": "ok", "mail": "file"})
        damage_inquiry_table(tmp_path / "inquiries.sqlite3")
        assert post(server).status == 503  # the visitor is told, what was typed is kept
        status, answer = health(server)
        assert (status, answer["status"], answer["problem"]) == (503, "error", "store")
        assert str(tmp_path) not in json.dumps(answer)  # the path is for the log only
    finally:
        server.stop()
    again = start_endpoint(tmp_path)
    assert again.returncode != 0
    assert "datubāze ir bojāta" in again.stderr and "Traceback" not in again.stderr


@pytest.mark.parametrize(
    "argv",
    [
        ["inquiries", "list"],
        ["inquiries", "export", "--format", "csv"],
        ["inquiries", "show", "1"],
        ["inquiries", "delete", "--email", "janis@piemers.lv"],
    ],
)
def test_the_owners_commands_on_a_damaged_database_fail_in_latvian(tmp_path, argv):
    store = Store(tmp_path / "inquiries.sqlite3")
    store.migrate()
    store.add_inquiry(
        NewInquiry("Jānis", "janis@piemers.lv", None, None, (), "Labdien, vēlos."), notify=False
    )
    damage_inquiry_table(store.path)
    result = quote(tmp_path, *argv)
    assert result.returncode != 0, result.stdout
    assert "bojāta" in result.stderr and "Traceback" not in result.stderr + result.stdout
    assert "Dzēsti" not in result.stdout  # never reported as done


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"", "ir tukšs (0 baitu)"),
        (b"garbage header, not SQLite" * 200, "nav pieprasījumu datubāze"),
    ],
)
def test_the_endpoint_refuses_an_empty_or_foreign_database_file(tmp_path, content, said):
    db = tmp_path / "inquiries.sqlite3"
    db.write_bytes(content)
    result = start_endpoint(tmp_path)
    assert result.returncode != 0
    assert said in result.stderr and "Traceback" not in result.stderr
    assert db.read_bytes() == content  # left as it was, for the owner to restore


def test_a_new_database_continues_the_numbers_on_existing_files(tmp_path):
    mail, offers = tmp_path / "mail", tmp_path / "offers"
    mail.mkdir()
    (mail / "inquiry-000041-1.eml").write_text("x")
    (offers / "43").mkdir(parents=True)
    (offers / "43" / "piedavajums-2026-007.pdf").write_bytes(b"%PDF")
    (offers / "12").mkdir()
    (offers / "12" / "piedavajums-2025-019.html").write_text("x")
    store = Store(tmp_path / "inquiries.sqlite3")  # the database was lost: a new one
    store.migrate(numbers_in_use(mail, offers))
    new_id = store.add_inquiry(
        NewInquiry("Jānis", "janis@piemers.lv", None, None, (), "Labdien, vēlos."), notify=False
    )
    assert new_id == 44
    with store.reading() as conn:
        years = dict(conn.execute("SELECT year, last FROM offer_sequence").fetchall())
    assert years == {2025: 19, 2026: 7}


def test_the_endpoint_continues_after_the_highest_number_on_files(tmp_path):
    (tmp_path / "mail").mkdir()
    (tmp_path / "mail" / "inquiry-000100-1.eml").write_text("x")
    server = ServerProcess(environment(tmp_path), cwd=tmp_path).start()
    try:
        assert post(server).json()["id"] == 101
    finally:
        server.stop()


def test_an_empty_database_file_is_refused_by_the_store_itself(tmp_path):
    db = tmp_path / "inquiries.sqlite3"
    db.touch()
    with pytest.raises(StoreError, match="tukšs"):
        Store(db).migrate()
    assert db.stat().st_size == 0
