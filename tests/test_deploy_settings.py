"""What ``make deploy`` refuses before it sends anything: the owner's deploy/contact.env, the
server's name, the domain, and the local test server switch pointed at a real server."""

from __future__ import annotations

import pytest

from quote.errors import DeployError
from quote.site.deploy import settings
from quote.site.deploy.target import TEST_SERVER_VARIABLE, Layout, Target, local_test_root


def written(tmp_path, text: str):
    path = tmp_path / "contact.env"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "QUOTE_SMTP_HOST smtp.example.lv\n",
            "contact.env:1: rindai jābūt formā NOSAUKUMS=vērtība",
        ),
        ("# e-pasts\nQUOTE_SMTP_HOTS=smtp.example.lv\n", "contact.env:2: nezināms iestatījums"),
        (
            "QUOTE_MAIL_TO=a@b.lv\nQUOTE_MAIL_TO=c@d.lv\n",
            "contact.env:2: QUOTE_MAIL_TO norādīts otrreiz",
        ),
    ],
    ids=["no-equals", "misspelt", "twice"],
)
def test_a_line_that_is_not_a_setting_is_named_with_its_line(tmp_path, text, said):
    with pytest.raises(DeployError) as error:
        settings.read_env_file(written(tmp_path, text))
    assert error.value.step == "Iestatījumu pārbaude"
    assert said in str(error.value)


def test_the_owners_values_are_kept_and_the_servers_paths_added(tmp_path):
    owner = settings.read_env_file(
        written(
            tmp_path,
            "# SMTP\nQUOTE_SMTP_HOST=smtp.berzina.lv\nQUOTE_MAIL_FROM='vietne@berzina.lv'\n",
        )
    )
    target = Target.parse("root@203.0.113.10")
    env = settings.server_environment(owner, Layout(), target, mail_to="anna@berzina.lv")
    assert env == {
        "QUOTE_SITE_ORIGIN": "http://203.0.113.10",
        "QUOTE_SMTP_HOST": "smtp.berzina.lv",
        "QUOTE_MAIL_FROM": "vietne@berzina.lv",
        "QUOTE_TRUST_PROXY": "1",
        "QUOTE_DB": "/var/lib/quote/inquiries.sqlite3",
        "QUOTE_MAIL_DIR": "/var/lib/quote/mail",
        "QUOTE_PRICING": "/srv/quote/site/current/pricing.yaml",
        "QUOTE_SITE": "/srv/quote/site/current/output",
        "QUOTE_MAIL_TO": "anna@berzina.lv",
    }
    assert settings.check(env).mail.smtp_host == "smtp.berzina.lv"


def test_a_path_the_deploy_sets_is_refused_in_the_owners_file():
    with pytest.raises(DeployError, match="QUOTE_DB nosaka izvietošana pati"):
        settings.server_environment({"QUOTE_DB": "/tmp/x"}, Layout(), Target.parse("root@h.lv"))


def test_an_invalid_value_is_refused_naming_the_variable():
    env = settings.server_environment(
        {"QUOTE_SMTP_PORT": "abc"}, Layout(), Target.parse("root@h.lv"), mail_to="a@b.lv"
    )
    with pytest.raises(DeployError, match="QUOTE_SMTP_PORT"):
        settings.check(env)


@pytest.mark.parametrize(
    ("server", "domain", "said"),
    [
        ("203.0.113.10", None, "lietotājs@adrese"),
        ("root@203.0.113.10", "https://www.berzina.lv", "bez https://"),
    ],
)
def test_a_server_or_domain_written_wrongly_is_refused(server, domain, said):
    with pytest.raises(DeployError, match=said):
        Target.parse(server, domain=domain)


def test_the_local_test_server_switch_is_refused_for_a_real_server(tmp_path):
    environ = {TEST_SERVER_VARIABLE: str(tmp_path)}
    assert local_test_root(Target.parse("root@127.0.0.1"), environ) == tmp_path
    with pytest.raises(DeployError, match="tikai testiem uz šī datora"):
        local_test_root(Target.parse("root@203.0.113.10"), environ)
