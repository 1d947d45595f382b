"""Erasure covers offers (issue 23, "Erasure and retention"): after `quote inquiries erase ID`
nothing of the client remains, neither in the database file's bytes (and its -wal/-shm) nor in
any folder: no offer version, no page token or its digest, no answer, no e-mail sent to the
client nor the owner's news of the answer, no .eml copy, no offer PDF wherever it was written.
Another client's inquiry stays whole.

The inquiries come through the endpoint's app, the offers from `quote offer --send` with the file
transport (no SMTP server: each e-mail is written as an .eml file), the client's view and answer
are written into the offer's columns as the page writes them (tests/support/followup.py).
"""

from __future__ import annotations

import hashlib
import re
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

import pytest

from quote.cli import main
from quote.contact import ContactConfig, create_app
from quote.contact.store import Store
from tests.support import FIXTURE_PRICING
from tests.support.followup import answer_offer, view_offer
from tests.support.offers import OWNER_FILLED, write_settings

ORIGIN = "http://site.test"
# What identifies the client, every piece ASCII so that it is found as it is in any file.
CLIENT = {
    "name": "Zelma Unikalaite",
    "email": "zelma.unikala@piemers.lv",
    "company": "ZelmasUzņēmums",
    "message": "Ziņa ar zīmi MSG-4711-ZELMA, lūdzu piedāvājumu.",
    "quote": "content=2&months=3",
}
REG_NO = "REG777123"
ADDRESS = "Unikala iela 9-13, Cesis"
ANSWER = "ATBILDE-ZELMA: pieņemu"
OTHER = {"name": "Otrs Klients", "email": "otrs@piemers.lv", "message": "Cits pieprasījums."}


@pytest.fixture
def var(tmp_path, monkeypatch):
    for name in ("QUOTE_SMTP_HOST", "QUOTE_SMTP_USER", "QUOTE_MAIL_TO", "QUOTE_SITE_ORIGIN"):
        monkeypatch.delenv(name, raising=False)
    folder = tmp_path / "var"
    folder.mkdir()
    monkeypatch.setenv("QUOTE_DB", str(folder / "inquiries.sqlite3"))
    monkeypatch.setenv("QUOTE_MAIL_DIR", str(folder / "mail"))
    monkeypatch.setenv("QUOTE_PRICING", str(FIXTURE_PRICING))
    monkeypatch.setenv("QUOTE_MAIL_FROM", "Vietne <vietne@piemers.lv>")
    return folder


def post(client, fields: dict) -> int:
    form = {"channels": ["Meta"], "website": "", "send_key": str(uuid.uuid4()), **fields}
    response = client.post(
        "/api/contact",
        data=urlencode(form, doseq=True),
        content_type="application/x-www-form-urlencoded",
        headers={"Origin": ORIGIN, "Accept": "application/json"},
    )
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.get_json()["id"]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def unfolded(data: bytes) -> bytes:
    """Bytes with quoted-printable soft line breaks taken out: a long link in an e-mail is
    split by them."""
    return data.replace(b"=\r\n", b"").replace(b"=\n", b"")


def database_bytes(db: Path) -> bytes:
    return unfolded(b"".join(
        path.read_bytes() for path in (db, *(db.with_name(db.name + s) for s in ("-wal", "-shm")))
        if path.exists()
    ))  # fmt: skip


def files_under(*folders: Path) -> list[Path]:
    return sorted(
        p for folder in folders if folder.exists() for p in folder.rglob("*") if p.is_file()
    )


def test_erase_leaves_nothing_of_the_client_in_the_database_or_any_folder(var, tmp_path, capsys):
    db = var / "inquiries.sqlite3"
    app = create_app(
        ContactConfig.of(
            site_origin=ORIGIN,
            db=db,
            mail_dir=var / "mail",
            pricing=FIXTURE_PRICING,
            rate_limit="1000 per minute",
            min_fill_seconds=0,
        )
    )
    client = app.test_client()
    zelma = post(client, {**CLIENT, "ts": str(int(time.time() * 1000) - 30_000)})
    other = post(client, {**OTHER, "ts": str(int(time.time() * 1000) - 30_000)})
    settings = str(write_settings(tmp_path / "site", OWNER_FILLED))
    details = ("--company", CLIENT["company"], "--reg-no", REG_NO, "--address", ADDRESS)

    # Two versions, both sent (file transport: the e-mail is only written; exit 1 says so), the
    # second written into a folder of the owner's choosing.
    elsewhere = tmp_path / "owner-folder"
    code, out, _ = run(capsys, "offer", str(zelma), "--settings", settings, *details, "--send")
    assert code == 1 and "Piedāvājuma lapa:" in out
    code, out, _ = run(capsys, "offer", str(zelma), "--settings", settings, *details, "--send",
                       "--output", str(elsewhere))  # fmt: skip
    assert code == 1
    links = re.findall(r"Piedāvājuma lapa: \S+/piedavajums/([A-Za-z0-9_-]+)/", out)
    [token] = links
    store = Store(db)
    with store.reading() as conn:
        [(first,), (second,)] = conn.execute(
            "SELECT number FROM offer WHERE inquiry_id = ? ORDER BY id", (zelma,)
        ).fetchall()
    view_offer(store, second, when=time.time())
    owner_news = (
        f"Subject: Piedavajums Nr. {second}: pienemts\r\nTo: owner@piemers.lv\r\n\r\n"
        f"{CLIENT['email']} {ANSWER}\r\n"
    ).encode()
    assert answer_offer(store, second, "accepted", when=time.time(), name=CLIENT["name"],
                        text=ANSWER, owner_message=owner_news)  # fmt: skip
    assert run(capsys, "outbox", "flush")[0] == 0  # the owner's news written as .eml too

    digest = hashlib.sha256(token.encode()).hexdigest()
    markers = [
        CLIENT["name"], CLIENT["email"], "MSG-4711-ZELMA", REG_NO, ADDRESS, "ATBILDE-ZELMA",
        token, digest,
    ]  # fmt: skip
    # Before: each marker is in the database, the client's e-mails and offers are on disk.
    before = database_bytes(db)
    for marker in markers:
        assert marker.encode() in before, marker
    assert b"%PDF" in before  # the offers' PDFs are kept in the store
    eml = {p.name for p in (var / "mail").glob("*.eml")}
    assert len([n for n in eml if n.startswith(f"inquiry-{zelma:06d}-")]) == 4  # 1 + 2 + 1
    assert list((var / "offers" / str(zelma)).glob("*.pdf")) and list(elsewhere.rglob("*.pdf"))

    code, out, err = run(capsys, "inquiries", "erase", str(zelma))
    assert (code, err) == (0, "")
    assert out.startswith(f"Dzēsts pieprasījums Nr. {zelma}. Skaits: 1 (Nr. {zelma}).\n")
    assert "Paziņojumi e-pasta rindā: 4." in out  # notification, two offers, the owner's news
    assert "Piedāvājumu versijas (ar saitēm un klienta atbildēm): 2." in out
    assert "E-pasta faili (.eml): 4:" in out
    assert "Piedāvājumu faili:" in out
    for folder in (var / "offers" / str(zelma), elsewhere / str(zelma)):
        assert not folder.exists()  # named by the inquiry's number: removed once empty

    after = database_bytes(db)
    for marker in markers:
        assert marker.encode() not in after, marker
    assert b"%PDF" not in after
    assert first.encode() not in after and second.encode() not in after
    assert OTHER["email"].encode() in after  # the other client's inquiry is kept
    left = files_under(var, elsewhere)
    assert {p.relative_to(var).as_posix() for p in left if var in p.parents} >= {
        "inquiries.sqlite3"
    }
    for path in left:
        if path.name.startswith("inquiries.sqlite3"):
            continue
        text = unfolded(path.read_bytes())
        assert path.name.startswith(f"inquiry-{other:06d}-"), path  # only the other's e-mail
        for marker in markers:
            assert marker.encode() not in text, (path, marker)

    again = run(capsys, "inquiries", "erase", str(zelma))
    assert again[0] == 1 and f"Pieprasījums Nr. {zelma} nav atrasts." in again[2]
