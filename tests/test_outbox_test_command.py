"""``quote outbox test`` run as the owner runs it, against a real SMTP server on 127.0.0.1.

Each answer the owner can meet is provoked for real: accepted, a refused recipient, a wrong
password, the server down, TLS that can't be set up, no server set at all. The command says
which in Latvian, exits non-zero on every failure, and never shows a traceback.
"""

from __future__ import annotations

import os
import subprocess
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest

from tests.support import SmtpSink, free_port, run_quote, self_signed_certificate

OWNER = "anna@berzina.lv"
SENDER = "vietne@berzina.lv"


def mail_settings(port: int, **changes: str) -> dict[str, str]:
    settings = {
        "QUOTE_SMTP_HOST": "127.0.0.1",
        "QUOTE_SMTP_PORT": str(port),
        "QUOTE_SMTP_SECURITY": "none",
        "QUOTE_SMTP_TIMEOUT": "10",
        "QUOTE_MAIL_FROM": SENDER,
        "QUOTE_MAIL_TO": OWNER,
    }
    settings.update(changes)
    return settings


def outbox_test(cwd: Path, settings: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    """``quote outbox test`` with ``settings`` as its only SMTP and mail variables."""
    unset = {name: "" for name in os.environ if name.startswith("QUOTE_")}  # blank is unset
    result = run_quote("outbox", "test", *args, cwd=cwd, env={**unset, **settings})
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


@pytest.fixture
def sink():
    with SmtpSink() as server:
        yield server


def test_an_accepted_message_prints_the_servers_answer(tmp_path, sink):
    result = outbox_test(tmp_path, mail_settings(sink.port))
    assert result.returncode == 0, result.stderr
    assert "Serveris pieņēma vēstuli: „250 2.0.0 Ok: queued as 1”." in result.stdout
    assert f"uz {OWNER} caur SMTP serveri 127.0.0.1:{sink.port}" in result.stdout
    assert sink.envelopes == [(SENDER, [OWNER])]
    message = BytesParser(policy=policy.default).parsebytes(sink.messages[0])
    assert message["Subject"] == "Pārbaudes e-pasts no vietnes"
    assert message["To"] == OWNER
    assert "quote outbox test" in message.get_content()


def test_a_refused_recipient_is_named_with_the_servers_answer(tmp_path):
    with SmtpSink(refuse=(OWNER,)) as sink:
        result = outbox_test(tmp_path, mail_settings(sink.port))
    assert result.returncode == 1
    assert f"noraidīja adresātu {OWNER}: pārbaudiet QUOTE_MAIL_TO" in result.stderr
    assert "550 5.1.1" in result.stderr
    assert sink.messages == []


def test_one_refused_address_of_two_is_a_failure_naming_it(tmp_path):
    other = "birojs@berzina.lv"
    with SmtpSink(refuse=(other,)) as sink:
        result = outbox_test(tmp_path, mail_settings(sink.port, QUOTE_MAIL_TO=f"{OWNER}, {other}"))
    assert result.returncode == 1
    assert (
        f"Daļēji neizdevās: 250 2.0.0 Ok: queued as 1 (adresi {other} serveris noraidīja: 550 5.1.1"
        in result.stderr
    )
    assert sink.envelopes == [(SENDER, [OWNER])]


def test_a_wrong_password_is_told_apart_from_a_right_one(tmp_path):
    with SmtpSink(login=("vietne", "pareiza-parole")) as sink:
        wrong = outbox_test(
            tmp_path,
            mail_settings(
                sink.port, QUOTE_SMTP_USER="vietne", QUOTE_SMTP_PASSWORD="nepareiza-parole"
            ),
        )
        right = outbox_test(
            tmp_path,
            mail_settings(
                sink.port, QUOTE_SMTP_USER="vietne", QUOTE_SMTP_PASSWORD="pareiza-parole"
            ),
        )
    assert wrong.returncode == 1
    assert "nepieņēma lietotājvārdu vai paroli" in wrong.stderr
    assert "QUOTE_SMTP_USER un QUOTE_SMTP_PASSWORD" in wrong.stderr
    assert "SMTPAuthenticationError: 535" in wrong.stderr
    assert right.returncode == 0, right.stderr
    assert len(sink.messages) == 1


def test_a_server_that_is_down_is_a_refused_connection(tmp_path):
    port = free_port()
    result = outbox_test(tmp_path, mail_settings(port))
    assert result.returncode == 1
    assert f"savienojums ar 127.0.0.1:{port} atteikts" in result.stderr
    assert "QUOTE_SMTP_HOST un QUOTE_SMTP_PORT" in result.stderr


def test_tls_that_cannot_be_set_up_says_so(tmp_path, sink):
    # The sink speaks plain SMTP: it offers no STARTTLS, and it is no implicit-TLS port.
    starttls = outbox_test(tmp_path, mail_settings(sink.port, QUOTE_SMTP_SECURITY="starttls"))
    implicit = outbox_test(tmp_path, mail_settings(sink.port, QUOTE_SMTP_SECURITY="tls"))
    assert starttls.returncode == 1
    assert "nepiedāvā šifrētu savienojumu (STARTTLS)" in starttls.stderr
    assert implicit.returncode == 1
    assert f"TLS savienojums ar SMTP serveri 127.0.0.1:{sink.port} neizdevās" in implicit.stderr
    assert "SSLError" in implicit.stderr
    assert sink.messages == []


@pytest.fixture(scope="module")
def certificate(tmp_path_factory) -> tuple[Path, Path]:
    return self_signed_certificate(tmp_path_factory.mktemp("tls"))


@pytest.mark.parametrize(
    ("security", "implicit"), [("starttls", False), ("tls", True)], ids=["starttls", "tls"]
)
def test_tls_to_a_trusted_server_is_accepted(tmp_path, certificate, security, implicit):
    trusted = {"SSL_CERT_FILE": str(certificate[0])}  # this machine trusts the sink's certificate
    with SmtpSink(certificate=certificate, implicit_tls=implicit) as sink:
        settings = mail_settings(sink.port, QUOTE_SMTP_SECURITY=security)
        result = outbox_test(tmp_path, {**settings, **trusted})
    assert result.returncode == 0, result.stderr
    assert "Serveris pieņēma vēstuli: „250 2.0.0 Ok: queued as 1”." in result.stdout
    assert sink.envelopes == [(SENDER, [OWNER])]


def test_a_certificate_this_machine_does_not_trust_is_a_tls_failure(tmp_path, certificate):
    with SmtpSink(certificate=certificate) as sink:
        result = outbox_test(tmp_path, mail_settings(sink.port, QUOTE_SMTP_SECURITY="starttls"))
    assert result.returncode == 1
    assert (
        f"TLS: SMTP servera 127.0.0.1:{sink.port} sertifikāts nav derīgs vai neatbilst nosaukumam"
        in result.stderr
    )
    assert "SSLCertVerificationError" in result.stderr
    assert sink.messages == []


def test_without_an_smtp_server_nothing_is_claimed_sent(tmp_path):
    result = outbox_test(tmp_path, {"QUOTE_MAIL_TO": OWNER})
    assert result.returncode == 1
    assert "SMTP serveris nav iestatīts (QUOTE_SMTP_HOST)" in result.stderr
    assert "nevienam netiek nosūtīti" in result.stderr
    assert "pieņēma" not in result.stdout + result.stderr


def test_settings_can_come_from_the_published_sites_file(tmp_path, sink):
    settings = tmp_path / "contact.env"
    lines = [f"{name}={value}" for name, value in mail_settings(sink.port).items()]
    settings.write_text("# the published site's settings\n" + "\n".join(lines) + "\n")
    result = outbox_test(tmp_path, {}, "--settings", str(settings))
    assert result.returncode == 0, result.stderr
    assert sink.envelopes == [(SENDER, [OWNER])]
    missing = outbox_test(tmp_path, {}, "--settings", str(tmp_path / "nav.env"))
    assert missing.returncode == 1
    assert f"Iestatījumu fails nav atrasts: {tmp_path / 'nav.env'}." in missing.stderr
