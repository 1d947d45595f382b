"""Settings from QUOTE_* variables: safe defaults, clear errors naming the variable."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import quote.owner
from quote.contact import ConfigError, ContactConfig, create_app
from quote.contact.config import MailSettings, StoreSettings
from tests.support import ROOT

SMTP = {
    "QUOTE_SMTP_HOST": "smtp.piemers.lv",
    "QUOTE_MAIL_FROM": "vietne@piemers.lv",
    "QUOTE_MAIL_TO": "ipasnieks@piemers.lv",
}


def test_defaults_work_on_a_fresh_machine():
    config = ContactConfig.from_env({}, site_origin="http://127.0.0.1:8000")
    web, mail, store = config.web, config.mail, config.store
    assert web.site_origin == ("http://127.0.0.1:8000",)
    assert store.db == Path("var/inquiries.sqlite3")
    assert store.pricing == Path("pricing.yaml")
    assert mail.mail_dir == Path("var/mail")
    assert mail.smtp_host is None
    assert mail.where == "mape var/mail"
    assert web.rate_limit == "5 per minute;30 per day"
    assert web.trust_proxy == 0
    assert web.thanks_url == "/paldies/"
    assert web.max_body_bytes == 32 * 1024


def test_every_setting_is_read():
    env = {
        **SMTP,
        "QUOTE_SITE_ORIGIN": "https://Piemers.lv:443/, https://www.piemers.lv",
        "QUOTE_DB": "/srv/db.sqlite3",
        "QUOTE_PRICING": "/srv/pricing.yaml",
        "QUOTE_MAIL_DIR": "/srv/mail",
        "QUOTE_SMTP_SECURITY": "TLS",
        "QUOTE_SMTP_USER": "vietne",
        "QUOTE_SMTP_PASSWORD": "slepens",
        "QUOTE_SMTP_TIMEOUT": "12.5",
        "QUOTE_MAIL_TO": "a@piemers.lv, b@piemers.lv",
        "QUOTE_RATE_LIMIT": "2 per minute",
        "QUOTE_REFUSED_RATE_LIMIT": "9 per minute;90 per day",
        "QUOTE_TRUST_PROXY": "1",
        "QUOTE_MIN_FILL_SECONDS": "5",
        "QUOTE_OUTBOX_RETRY_BASE": "10",
        "QUOTE_OUTBOX_RETRY_MAX": "600",
        "QUOTE_OUTBOX_POLL": "30",
        "QUOTE_THANKS_URL": "/paldies/?ok=1",
        "QUOTE_FORM_URL": "/#forma",
    }
    config = ContactConfig.from_env(env, site_origin="http://127.0.0.1:8000")
    web, mail, store = config.web, config.mail, config.store
    assert web.site_origin[0] == "https://piemers.lv"
    assert web.allowed_origins == {
        "https://piemers.lv",
        "https://www.piemers.lv",
        "http://127.0.0.1:8000",
    }
    assert mail.smtp_host == "smtp.piemers.lv"
    assert mail.port == 465  # the default for implicit TLS
    assert mail.where == "SMTP smtp.piemers.lv:465"
    assert (mail.smtp_security, mail.smtp_user, mail.smtp_password) == ("tls", "vietne", "slepens")
    assert "slepens" not in repr(config)
    assert mail.smtp_timeout == 12.5
    assert mail.mail_dir == Path("/srv/mail")
    assert mail.mail_to == ("a@piemers.lv", "b@piemers.lv")
    assert (web.trust_proxy, web.min_fill_seconds) == (1, 5.0)
    assert (web.rate_limit, web.refused_rate_limit) == ("2 per minute", "9 per minute;90 per day")
    assert (mail.outbox_retry_base, mail.outbox_retry_max, mail.outbox_poll) == (10.0, 600.0, 30.0)
    assert (store.db, store.pricing) == (Path("/srv/db.sqlite3"), Path("/srv/pricing.yaml"))
    assert (web.thanks_url, web.form_url) == ("/paldies/?ok=1", "/#forma")
    assert web.rate_limit == "2 per minute"


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({**SMTP, "QUOTE_SMTP_PORT": "abc"}, "QUOTE_SMTP_PORT"),
        ({**SMTP, "QUOTE_SMTP_PORT": "70000"}, "QUOTE_SMTP_PORT"),
        ({"QUOTE_SMTP_PORT": "abc"}, "QUOTE_SMTP_PORT"),
        ({**SMTP, "QUOTE_SMTP_SECURITY": "ssl3"}, "QUOTE_SMTP_SECURITY"),
        ({"QUOTE_SMTP_HOST": "smtp.piemers.lv"}, "QUOTE_MAIL_FROM"),
        ({**SMTP, "QUOTE_MAIL_TO": ""}, "QUOTE_MAIL_TO"),
        ({**SMTP, "QUOTE_MAIL_TO": "nav adrese"}, "QUOTE_MAIL_TO"),
        ({**SMTP, "QUOTE_MAIL_FROM": "a@b.lv\r\nBcc: c@d.lv"}, "QUOTE_MAIL_FROM"),
        ({**SMTP, "QUOTE_SMTP_USER": "vietne"}, "QUOTE_SMTP_PASSWORD"),
        ({**SMTP, "QUOTE_SMTP_HOST": "smtp host"}, "QUOTE_SMTP_HOST"),
        ({**SMTP, "QUOTE_SMTP_TIMEOUT": "0"}, "QUOTE_SMTP_TIMEOUT"),
        ({"QUOTE_RATE_LIMIT": "daudz"}, "QUOTE_RATE_LIMIT"),
        ({"QUOTE_REFUSED_RATE_LIMIT": "bieži"}, "QUOTE_REFUSED_RATE_LIMIT"),
        ({"QUOTE_TRUST_PROXY": "-1"}, "QUOTE_TRUST_PROXY"),
        ({"QUOTE_MIN_FILL_SECONDS": "trīs"}, "QUOTE_MIN_FILL_SECONDS"),
        (
            {"QUOTE_OUTBOX_RETRY_BASE": "100", "QUOTE_OUTBOX_RETRY_MAX": "10"},
            "QUOTE_OUTBOX_RETRY_MAX",
        ),
        ({"QUOTE_OUTBOX_POLL": "never"}, "QUOTE_OUTBOX_POLL"),
        ({"QUOTE_THANKS_URL": "https://evil.example/"}, "QUOTE_THANKS_URL"),
        ({"QUOTE_THANKS_URL": "//evil.example/"}, "QUOTE_THANKS_URL"),
        ({"QUOTE_FORM_URL": "javascript:alert(1)"}, "QUOTE_FORM_URL"),
        ({"QUOTE_SITE_ORIGIN": "piemers.lv"}, "QUOTE_SITE_ORIGIN"),
        ({"QUOTE_SITE_ORIGIN": "https://piemers.lv/lapa"}, "QUOTE_SITE_ORIGIN"),
        ({"QUOTE_SITE_ORIGIN": "ftp://piemers.lv"}, "QUOTE_SITE_ORIGIN"),
    ],
)
def test_invalid_setting_is_a_clear_error_naming_the_variable(env, variable):
    with pytest.raises(ConfigError) as caught:
        ContactConfig.from_env(env, site_origin="http://127.0.0.1:8000")
    assert str(caught.value).startswith(f"{variable}:")


def test_origin_is_required():
    with pytest.raises(ConfigError, match="QUOTE_SITE_ORIGIN"):
        ContactConfig.from_env({})


def test_empty_and_blank_variables_count_as_unset():
    config = ContactConfig.from_env(
        {"QUOTE_SMTP_HOST": "", "QUOTE_DB": " ", "QUOTE_SMTP_PORT": " \t", "QUOTE_MAIL_TO": "\n"},
        site_origin="http://a.lv",
    )
    assert config.mail.smtp_host is None and config.store.db == Path("var/inquiries.sqlite3")


def test_owner_address_is_the_default_recipient(tmp_path, monkeypatch):
    (tmp_path / "pelicanconf.py").write_text('OWNER = {"email": "anna@birojs.lv"}\n')
    monkeypatch.setattr(quote.owner, "PROJECT_ROOT", tmp_path)
    assert MailSettings.from_env({}).mail_to == ("anna@birojs.lv",)
    assert MailSettings.from_env({"QUOTE_MAIL_TO": "b@a.lv"}).mail_to == ("b@a.lv",)


def test_values_are_stripped():
    settings = MailSettings.from_env(
        {
            "QUOTE_SMTP_HOST": " smtp.a.lv ",
            "QUOTE_SMTP_PORT": " 25 ",
            "QUOTE_MAIL_FROM": "a@a.lv",
            "QUOTE_MAIL_TO": "b@a.lv",
        }
    )
    assert (settings.smtp_host, settings.port) == ("smtp.a.lv", 25)


def test_each_group_reads_only_its_own_variables():
    # The owner's commands need no origin, and a mail mistake does not stop `quote inquiries`.
    env = {"QUOTE_SMTP_PORT": "abc", "QUOTE_RATE_LIMIT": "daudz", "QUOTE_DB": "/srv/x.sqlite3"}
    assert StoreSettings.from_env(env).db == Path("/srv/x.sqlite3")
    with pytest.raises(ConfigError, match=r"^QUOTE_SMTP_PORT:"):
        MailSettings.from_env(env)


def test_built_directly_the_settings_ignore_the_environment(monkeypatch):
    monkeypatch.setenv("QUOTE_DB", "/nowhere/db.sqlite3")
    assert StoreSettings().db == Path("var/inquiries.sqlite3")
    assert StoreSettings.from_env().db == Path("/nowhere/db.sqlite3")


def test_create_app_refuses_a_non_config():
    with pytest.raises(ConfigError):
        create_app({"site_origin": "http://a.lv"})  # type: ignore[arg-type]


def test_server_stops_at_start_with_a_clear_message(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(ROOT),
        "QUOTE_SITE_ORIGIN": "http://site.test",
        "QUOTE_SMTP_HOST": "127.0.0.1",
        "QUOTE_SMTP_PORT": "abc",
        "QUOTE_DB": str(tmp_path / "db.sqlite3"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "quote.contact", "--port", "0"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert "QUOTE_SMTP_PORT: expected a whole number from 1 to 65535, got 'abc'" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"QUOTE_SMTP_PORT": "abc"},
            "QUOTE_SMTP_PORT: expected a whole number from 1 to 65535, got 'abc'",
        ),
        (
            {"QUOTE_SMTP_PORT": "0"},
            "QUOTE_SMTP_PORT: expected a whole number from 1 to 65535, got '0'",
        ),
        (
            {"QUOTE_SMTP_TIMEOUT": "nan"},
            "QUOTE_SMTP_TIMEOUT: expected a number from 1 to 600, got 'nan'",
        ),
        (
            {"QUOTE_OUTBOX_POLL": "inf"},
            "QUOTE_OUTBOX_POLL: expected a number from 0.05 to 86400, got 'inf'",
        ),
        (
            {"QUOTE_SMTP_SECURITY": "ssl3"},
            "QUOTE_SMTP_SECURITY: expected one of starttls, tls, none, got 'ssl3'",
        ),
        # email-validator's syntax: a domain needs a dot, a local part no spaces.
        (
            {"QUOTE_MAIL_TO": "ipasnieks@piemers"},
            "QUOTE_MAIL_TO: not an email address: 'ipasnieks@piemers'",
        ),
        (
            {"QUOTE_MAIL_TO": "a b@piemers.lv"},
            "QUOTE_MAIL_TO: not an email address: 'a b@piemers.lv'",
        ),
    ],
)
def test_a_wrong_value_says_what_the_setting_takes(env, message):
    with pytest.raises(ConfigError) as caught:
        MailSettings.from_env(env)
    assert str(caught.value) == message


def test_a_security_mode_in_capitals_and_a_named_sender_are_accepted():
    settings = MailSettings.from_env(
        {
            **SMTP,
            "QUOTE_SMTP_SECURITY": " StartTLS ",
            "QUOTE_MAIL_FROM": "Vietne <vietne@piemers.lv>",
        }
    )
    assert (settings.smtp_security, settings.port) == ("starttls", 587)
    assert settings.mail_from == "Vietne <vietne@piemers.lv>"
