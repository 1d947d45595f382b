"""``quote inquiries`` and ``quote outbox``: list, show, export, purge, delete, flush; and the
round trip form -> store -> export, byte for byte."""

from __future__ import annotations

import csv
import io
import json
import re
import time
import unicodedata
import uuid
from pathlib import Path
from urllib.parse import urlencode

import pytest

from quote.cli import main
from quote.commands.inquiries import safe_cell
from quote.contact import ContactConfig, create_app
from quote.contact.store import NewInquiry, Store
from tests.support import FIXTURE_PRICING, SmtpSink, free_port

ORIGIN = "http://site.test"


@pytest.fixture
def env(tmp_path, monkeypatch):
    for name in (
        "QUOTE_SMTP_HOST",
        "QUOTE_SMTP_USER",
        "QUOTE_MAIL_FROM",
        "QUOTE_MAIL_TO",
        "QUOTE_SITE_ORIGIN",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("QUOTE_DB", str(tmp_path / "inquiries.sqlite3"))
    monkeypatch.setenv("QUOTE_MAIL_DIR", str(tmp_path / "mail"))
    monkeypatch.setenv("QUOTE_PRICING", str(FIXTURE_PRICING))
    return tmp_path


@pytest.fixture
def client(env):
    config = ContactConfig.of(
        site_origin=ORIGIN,
        db=env / "inquiries.sqlite3",
        mail_dir=env / "mail",
        pricing=FIXTURE_PRICING,
        rate_limit="1000 per minute",
    )
    return create_app(config).test_client()


def send(client, **fields) -> int:
    """Post one send of the form (each its own send key, so none is a repeat of another)."""
    form = {
        "name": "Ilze Kalniņa",
        "email": "ilze@piemers.lv",
        "message": "Labdien! Vēlos piedāvājumu.",
        "channels": ["Meta"],
        "send_key": str(uuid.uuid4()),
    }
    form.update(fields)
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


def test_round_trip_is_byte_identical_in_store_and_exports(client, env, capsys):
    # Sent already normalised (NFC, LF), with every Latvian letter and emoji.
    message = (
        "Ā Č Ē Ģ Ī Ķ Ļ Ņ Š Ū Ž ā č ē ģ ī ķ ļ ņ š ū ž — “pēdiņas” 😀👍🏽 👨‍👩‍👧\n"
        "Otrā rinda ar\ttabu un <b>HTML</b> & 'pēdiņām' \"dubultām\", komatiem; un = zīmi."
    )
    fields = {
        "name": "Žanis Ķēniņš-Ūdriņš 🚀",
        "email": "zanis@piemers.lv",
        "phone": "+371 (2) 000-0000",
        "company": "SIA “Ģērbtuve” — https://ģērbtuve.lv",
        "message": message,
        "channels": ["TikTok", "YouTube"],
        "quote": "content=3&months=2",
    }
    for value in fields.values():
        if isinstance(value, str):
            assert unicodedata.is_normalized("NFC", value)
    inquiry_id = send(client, **fields)

    with Store(env / "inquiries.sqlite3").reading() as conn:
        row = conn.execute(
            "SELECT CAST(name AS BLOB), CAST(company AS BLOB), CAST(message AS BLOB) FROM inquiry"
            " WHERE id = ?",
            (inquiry_id,),
        ).fetchone()
    assert row[0] == fields["name"].encode()
    assert row[1] == fields["company"].encode()
    assert row[2] == message.encode()

    assert (
        run(capsys, "inquiries", "export", "--format", "json", "--output", str(env / "e.json"))[0]
        == 0
    )
    exported = json.loads((env / "e.json").read_bytes().decode("utf-8"))
    assert len(exported) == 1
    record = exported[0]
    for key in ("name", "email", "phone", "company", "message"):
        assert record[key].encode() == fields[key].encode(), key
    assert record["channels"] == ["TikTok", "YouTube"]
    assert record["quote_query"] == "content=3&months=2"
    assert record["estimate"]["months"] == 2

    assert (
        run(capsys, "inquiries", "export", "--format", "csv", "--output", str(env / "e.csv"))[0]
        == 0
    )
    raw = (env / "e.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert len(rows) == 1
    headers = {"name": "Vārds", "email": "E-pasts", "company": "Uzņēmums", "message": "Ziņa"}
    for key, header in headers.items():
        assert rows[0][header].encode() == fields[key].encode(), key
    assert rows[0]["Tālrunis"] == "'" + fields["phone"]  # "+" starts a formula: neutralised
    assert rows[0]["Kanāli"] == "TikTok, YouTube"


def test_export_to_stdout_is_utf8(client, env, capsysbinary):
    send(client, name="Ēvalds")
    assert main(["inquiries", "export", "--format", "json"]) == 0
    out = capsysbinary.readouterr().out
    assert json.loads(out.decode("utf-8"))[0]["name"] == "Ēvalds"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+371 2000", "'+371 2000"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Jānis", "Jānis"),
        ("a=1", "a=1"),
        (5, 5),
    ],
)
def test_csv_cells_cannot_be_formulas(value, expected):
    assert safe_cell(value) == expected


def test_csv_export_neutralises_formulas_in_every_text_column(client, env, capsys):
    send(client, name="=cmd|' /C calc'!A0", company="@SUM(1+1)", message="-1+1 un vēl teksts")
    main(["inquiries", "export", "--format", "csv", "--output", str(env / "e.csv")])
    text = (env / "e.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert len(rows[1]) == len(rows[0]) > 30
    for cell in rows[1]:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_list_shows_newest_first_and_spam_apart(client, env, capsys):
    first = send(client, name="Pirmais Klients")
    second = send(client, name="Otrais Klients")
    spam = send(client, name="Robots", website="https://spam.example")
    code, out, _ = run(capsys, "inquiries", "list")
    assert code == 0
    inquiries, spam_part = out.split("Surogātpasts")
    assert inquiries.index(f"Nr. {second}") < inquiries.index(f"Nr. {first}")
    assert "Robots" not in inquiries
    assert f"Nr. {spam}" in spam_part and "slazda lauks" in spam_part
    assert "kopā 2" in inquiries and "kopā 1" in spam_part


def test_list_show_and_export_name_the_forms_language(client, env, capsys):
    latvian = send(client, name="Ilze Latviete")  # this app has no build: Latvian only
    english = Store(env / "inquiries.sqlite3").add_inquiry(
        NewInquiry("Jane Doe", "jane@example.com", None, None, (), "Hello there!", lang="en"),
        notify=False,
    )
    _, listed, _ = run(capsys, "inquiries", "list")
    lines = {line.split()[1]: line for line in listed.splitlines() if line.startswith("  Nr.")}
    assert " en " in lines[str(english)] and " lv " in lines[str(latvian)]
    _, shown, _ = run(capsys, "inquiries", "show", str(english))
    assert "Valoda: angļu (en)" in shown
    _, shown, _ = run(capsys, "inquiries", "show", str(latvian))
    assert "Valoda: latviešu (lv)" in shown
    _, exported, _ = run(capsys, "inquiries", "export", "--format", "json")
    assert {row["id"]: row["lang"] for row in json.loads(exported)} == {
        latvian: "lv",
        english: "en",
    }
    _, table, _ = run(capsys, "inquiries", "export", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(table.lstrip("\ufeff")), delimiter=";"))
    assert {row["Nr."]: row["Valoda"] for row in rows} == {
        str(latvian): "latviešu (lv)",
        str(english): "angļu (en)",
    }


def test_show_prints_every_field_estimate_and_mail_state(client, env, capsys):
    inquiry_id = send(
        client,
        phone="+371 2000 0000",
        company="SIA Piemērs",
        quote="content=2&community=1&total=1",
    )
    code, out, _ = run(capsys, "inquiries", "show", str(inquiry_id))
    assert code == 0
    for text in (
        "Ilze Kalniņa",
        "ilze@piemers.lv",
        "+371 2000 0000",
        "SIA Piemērs",
        "Meta",
        "Labdien! Vēlos piedāvājumu.",
        "Satura plāns un publicēšana",
        # By hand from the fixture price list: content tier 2 (450) + community (120) a month.
        "Ik mēnesi: 570\u00a0€",
        "ignorēti nederīgi parametri: total",
        "E-pasts: gaida nosūtīšanu",
        "Sūtītāja IP adrese: 127.0.0.1",  # Flask's test client sends from there
    ):
        assert text in out, text
    assert run(capsys, "inquiries", "show", "999")[0] == 1


def exported(capsys) -> tuple[dict[str, dict], dict[str, dict]]:
    """The CSV rows and the JSON records of the export, by inquiry number."""
    code, out, _ = run(capsys, "inquiries", "export", "--format", "csv")
    assert code == 0
    rows = csv.DictReader(io.StringIO(out.lstrip("\ufeff"), newline=""), delimiter=";")
    code, out, _ = run(capsys, "inquiries", "export", "--format", "json")
    assert code == 0
    return {row["Nr."]: row for row in rows}, {str(r["id"]): r for r in json.loads(out)}


def listed(capsys, inquiry_id: int) -> str:
    _, out, _ = run(capsys, "inquiries", "list")
    (line,) = [line for line in out.splitlines() if line.startswith(f"  Nr. {inquiry_id} ")]
    return line


def use_smtp(monkeypatch, port: int) -> None:
    monkeypatch.setenv("QUOTE_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("QUOTE_SMTP_PORT", str(port))
    monkeypatch.setenv("QUOTE_SMTP_SECURITY", "none")
    monkeypatch.setenv("QUOTE_SMTP_TIMEOUT", "5")
    monkeypatch.setenv("QUOTE_MAIL_FROM", "vietne@piemers.lv")
    monkeypatch.setenv("QUOTE_MAIL_TO", "es@piemers.lv")


def test_without_smtp_a_notification_is_a_file_and_never_called_sent(client, env, capsys):
    ids = [send(client), send(client)]
    send(client, website="x")  # spam: never emailed
    code, out, _ = run(capsys, "outbox", "status")
    assert "gaida: 2" in out
    code, out, _ = run(capsys, "outbox", "flush")
    assert code == 0
    assert out == (
        "Nosūtīti: 0. SMTP serveris nav iestatīts (QUOTE_SMTP_HOST), tāpēc paziņojumi tikai"
        f" ierakstīti failos mapē {env / 'mail'}: 2; neizdevās: 0.\n"
    )
    files = [env / "mail" / f"inquiry-{i:06d}-{n}.eml" for n, i in enumerate(ids, start=1)]
    assert sorted((env / "mail").glob("*.eml")) == files
    code, out, _ = run(capsys, "outbox", "flush")
    assert f"{env / 'mail'}: 0; neizdevās: 0." in out
    _, out, _ = run(capsys, "outbox", "status")
    assert "Nosūtīti (SMTP serveris pieņēma): 0, tikai ierakstīti failos (nav nosūtīti): 2," in out

    _, out, _ = run(capsys, "inquiries", "show", str(ids[0]))
    assert "E-pasts: NAV nosūtīts. SMTP serveris nav iestatīts" in out
    assert f"tikai ierakstīts failā {files[0]}." in out
    assert "E-pasts: nosūtīts" not in out
    assert "e-pasts: tikai failā" in listed(capsys, ids[0])
    rows, records = exported(capsys)
    assert rows[str(ids[0])]["E-pasts īpašniekam"] == "tikai failā"
    assert rows[str(ids[0])]["Servera atbilde, fails vai kļūda"] == str(files[0])
    assert records[str(ids[0])]["notification"]["state"] == "file"


def test_a_notification_the_smtp_server_took_shows_its_answer(client, env, capsys, monkeypatch):
    inquiry_id = send(client)
    _, out, _ = run(capsys, "inquiries", "show", str(inquiry_id))
    assert "E-pasts: gaida nosūtīšanu (mēģinājumi: 0)." in out
    with SmtpSink() as sink:
        use_smtp(monkeypatch, sink.port)
        code, out, _ = run(capsys, "outbox", "flush")
    assert code == 0 and out == f"Nosūtīti: 1, neizdevās: 0 (SMTP 127.0.0.1:{sink.port}).\n"
    assert len(sink.messages) == 1
    _, out, _ = run(capsys, "outbox", "status")
    assert out.startswith("Nosūtīti (SMTP serveris pieņēma): 1, tikai ierakstīti failos")

    _, out, _ = run(capsys, "inquiries", "show", str(inquiry_id))
    assert re.search(
        r"E-pasts: nosūtīts \d{4}-\d\d-\d\d \d\d:\d\d, SMTP serveris to pieņēma"
        r" \(atbilde: „250 2\.0\.0 Ok: queued as 1”\)\.",
        out,
    ), out
    assert "e-pasts: nosūtīts" in listed(capsys, inquiry_id)
    rows, records = exported(capsys)
    assert rows[str(inquiry_id)]["E-pasts īpašniekam"] == "nosūtīts"
    assert rows[str(inquiry_id)]["Servera atbilde, fails vai kļūda"] == "250 2.0.0 Ok: queued as 1"
    notification = records[str(inquiry_id)]["notification"]
    assert (notification["state"], notification["reply"]) == (
        "delivered",
        "250 2.0.0 Ok: queued as 1",
    )


def test_outbox_flush_reports_smtp_failure(client, env, capsys, monkeypatch):
    inquiry_id = send(client)
    port = free_port()  # nothing listens there: the server is down
    use_smtp(monkeypatch, port)
    code, out, err = run(capsys, "outbox", "flush")
    assert code == 1 and "neizdevās: 1" in out and "ConnectionRefusedError" in err
    assert f"savienojums ar 127.0.0.1:{port} atteikts" in err
    _, out, _ = run(capsys, "inquiries", "show", str(inquiry_id))
    assert (
        "E-pasts: gaida nosūtīšanu (mēģinājumi: 1); pēdējā kļūda: savienojums ar"
        f" 127.0.0.1:{port} atteikts"
    ) in out
    assert "e-pasts: gaida" in listed(capsys, inquiry_id)
    rows, records = exported(capsys)
    assert rows[str(inquiry_id)]["E-pasts īpašniekam"] == "gaida"
    assert "ConnectionRefusedError" in rows[str(inquiry_id)]["Servera atbilde, fails vai kļūda"]
    assert records[str(inquiry_id)]["notification"]["state"] == "waiting"
    monkeypatch.setenv("QUOTE_SMTP_PORT", "abc")
    code, _, err = run(capsys, "outbox", "flush")
    assert code == 2 and "QUOTE_SMTP_PORT" in err


def test_purge_deletes_old_inquiries_and_spam(env, capsys):
    store = Store(env / "inquiries.sqlite3")
    store.migrate()
    day = 86400
    now = time.time()

    def add(age_days: float, spam=None) -> int:
        inquiry = NewInquiry("A", "a@piemers.lv", None, None, (), "Labdien, ziņa.", spam=spam)
        return store.add_inquiry(inquiry, notify=spam is None, now=now - age_days * day)

    old, old_spam, young = add(400), add(400, "honeypot"), add(10)
    code, out, _ = run(capsys, "inquiries", "purge")
    assert code == 0 and "365 dienām" in out and "Skaits: 2" in out
    assert store.get_inquiry(old) is None and store.get_inquiry(old_spam) is None
    assert store.get_inquiry(young) is not None
    code, out, _ = run(capsys, "inquiries", "purge", "--older-than", "5")
    assert "Skaits: 1" in out


def test_purge_rejects_a_non_positive_age(env, capsys):
    code, out, err = run(capsys, "inquiries", "purge", "--older-than", "0")
    assert code == 2 and out == ""
    assert "jābūt vismaz 1: '0'" in err


def test_delete_by_email_removes_inquiries_spam_and_mail(client, env, capsys):
    keep = send(client, email="cits@piemers.lv")
    send(client, email="Ilze@Piemers.lv")
    send(client, email="ilze@piemers.lv", website="x")
    code, out, _ = run(capsys, "inquiries", "delete", "--email", "ILZE@PIEMERS.LV")
    assert code == 0 and "Skaits: 2" in out
    store = Store(env / "inquiries.sqlite3")
    assert [row["id"] for row in store.list_inquiries(spam=False)] == [keep]
    assert store.list_inquiries(spam=True) == []
    assert store.outbox_counts()["pending"] == 1


def test_missing_database_is_a_clear_error(env, capsys):
    code, _, err = run(capsys, "inquiries", "list")
    assert code == 1 and "Datubāze nav atrasta" in err


# -- erasure covers every copy; personal data owner-only -------------------------------------


def flush_to_files(env) -> None:
    assert main(["outbox", "flush"]) == 0


def test_delete_by_email_removes_eml_files_and_outbox_rows_and_says_so(client, env, capsys):
    keep = send(client, email="cits@piemers.lv")
    gone = [send(client, email="Ilze@piemers.lv"), send(client, email="ilze@piemers.lv")]
    flush_to_files(env)
    pending = send(client, email="ilze@piemers.lv")  # still queued: its outbox row goes too
    capsys.readouterr()
    mail = env / "mail"
    assert len(list(mail.glob("*.eml"))) == 3
    code, out, _ = run(capsys, "inquiries", "delete", "--email", "ilze@piemers.lv")
    assert code == 0
    assert f"Skaits: 3 (Nr. {gone[0]}, {gone[1]}, {pending})." in out
    assert "Paziņojumi e-pasta rindā: 3." in out
    assert "E-pasta faili (.eml): 2:" in out
    for inquiry_id in gone:
        assert f"inquiry-{inquiry_id:06d}-" in out
    assert [p.name for p in mail.glob("*.eml")] == [f"inquiry-{keep:06d}-1.eml"]
    store = Store(env / "inquiries.sqlite3")
    counts = store.outbox_counts()
    assert (counts["sent"], counts["file"], counts["pending"]) == (1, 1, 0)
    raw = b"".join(p.read_bytes() for p in env.glob("inquiries.sqlite3*"))
    assert b"ilze@piemers.lv" not in raw.lower()  # no copy left in the file or its WAL


def test_purge_removes_old_eml_files_and_orphans(client, env, capsys):
    store = Store(env / "inquiries.sqlite3")
    store.migrate()
    old = store.add_inquiry(
        NewInquiry("A", "a@piemers.lv", None, None, (), "Labdien, ziņa."),
        notify=True,
        now=time.time() - 400 * 86400,
    )
    young = send(client)
    flush_to_files(env)
    orphan = env / "mail" / "inquiry-000999-9.eml"  # its inquiry erased by an older version
    orphan.write_bytes(b"Subject: x\r\n\r\nx\r\n")
    unrelated = env / "mail" / "README.txt"
    unrelated.write_text("not a notification")
    capsys.readouterr()
    code, out, _ = run(capsys, "inquiries", "purge")
    assert code == 0 and f"Skaits: 1 (Nr. {old})." in out and "E-pasta faili (.eml): 2:" in out
    names = sorted(p.name for p in (env / "mail").iterdir())
    assert names == ["README.txt", f"inquiry-{young:06d}-2.eml"]


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_export_file_is_owner_only_even_over_a_wider_file(client, env, capsys):
    send(client)
    target = env / "eksports.csv"
    target.write_text("old")
    target.chmod(0o644)
    assert main(["inquiries", "export", "--output", str(target)]) == 0
    assert mode(target) == 0o600 and "Ilze" in target.read_text(encoding="utf-8-sig")


def test_commands_tighten_wider_modes_at_start_with_one_log_line(client, env, capsys, caplog):
    send(client)
    flush_to_files(env)
    db = env / "inquiries.sqlite3"
    (eml,) = (env / "mail").glob("*.eml")
    for path, wide in ((db, 0o644), (eml, 0o644), (env / "mail", 0o755)):
        path.chmod(wide)
    caplog.set_level("WARNING", logger="quote.private")
    before = mode(env)
    assert main(["inquiries", "list"]) == 0
    assert (mode(db), mode(eml), mode(env / "mail")) == (0o600, 0o600, 0o700)
    lines = [r.getMessage() for r in caplog.records if r.name == "quote.private"]
    assert len(lines) == 1 and "644 -> 600" in lines[0] and "755 -> 700" in lines[0]
    assert mode(env) == before  # the test's folder holds other files: not the store's to change
