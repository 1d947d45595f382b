"""quote/owner.py on scratch settings files: the owner's facts and the placeholders left in them."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from quote import owner
from tests.support import ROOT

FILLED = {
    "name": "Anna Bērziņa",
    "reg_no": "12345678901",
    "vat_no": "LV12345678901",
    "address": "Brīvības iela 1, Rīga, LV-1010",
    "email": "anna@berzina.lv",
    "phone": "+371 20000000",
    "bank": "AS Piemēra banka",
    "iban": "LV80BANK0000435195001",
}


def write_project(folder: Path, owner_values: dict, *, dev_origin: str, published_origin: str):
    (folder / "pelicanconf.py").write_text(
        textwrap.dedent(
            f"""
            SITENAME = "Testa vietne"
            SITE_ORIGIN = {dev_origin!r}
            OWNER = {owner_values!r}
            """
        ),
        encoding="utf-8",
    )
    (folder / "publishconf.py").write_text(
        textwrap.dedent(
            f"""
            import sys
            from pathlib import Path

            sys.path.append(str(Path(__file__).resolve().parent))
            from pelicanconf import *  # noqa

            SITE_ORIGIN = {published_origin!r}
            """
        ),
        encoding="utf-8",
    )


def test_filled_settings_have_no_placeholders(tmp_path):
    write_project(
        tmp_path, FILLED, dev_origin="http://127.0.0.1:8000", published_origin="https://berzina.lv/"
    )
    settings = owner.load(tmp_path / "publishconf.py")
    assert settings.owner == FILLED
    assert settings.site_origin == "https://berzina.lv"
    assert settings.sitename == "Testa vietne"
    assert settings.placeholders() == []
    assert owner.require_filled(settings, None, purpose="Piedāvājums") is settings


def test_every_kind_of_placeholder_is_named_with_its_file(tmp_path):
    values = {
        **FILLED,
        "name": "[Vārds Uzvārds]",
        "email": "info@example.lv",
        "iban": "",
    }
    del values["bank"]
    write_project(
        tmp_path, values, dev_origin="http://127.0.0.1:8000", published_origin="https://example.lv"
    )
    settings = owner.load(tmp_path / "publishconf.py")
    found = {p.setting: p for p in settings.placeholders(owner.OWNER_FIELDS)}
    assert sorted(found) == sorted(
        ['OWNER["name"]', 'OWNER["email"]', 'OWNER["iban"]', 'OWNER["bank"]', "SITE_ORIGIN"]
    )
    assert found['OWNER["name"]'].file == tmp_path / "pelicanconf.py"
    assert found["SITE_ORIGIN"].file == tmp_path / "publishconf.py"
    assert "example.lv" in found['OWNER["email"]'].why
    assert "banka" in found['OWNER["bank"]'].why

    with pytest.raises(owner.PlaceholderError) as caught:
        owner.require_filled(settings, ["name", "phone"], purpose="Piedāvājumu nevar izveidot")
    message = str(caught.value)
    assert message.startswith("Piedāvājumu nevar izveidot")
    assert 'pelicanconf.py: OWNER["name"]' in message
    assert "publishconf.py: SITE_ORIGIN" in message
    assert "phone" not in message


def test_loopback_origin_is_a_placeholder_only_for_the_published_build(tmp_path):
    write_project(
        tmp_path, FILLED, dev_origin="http://127.0.0.1:8000", published_origin="http://localhost"
    )
    assert owner.load(tmp_path / "pelicanconf.py").placeholders() == []
    [only] = owner.load(tmp_path / "publishconf.py").placeholders()
    assert only.setting == "SITE_ORIGIN"


def test_another_projects_pelicanconf_is_not_reused(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    write_project(first, FILLED, dev_origin="http://a.lv", published_origin="https://a.lv")
    write_project(
        second,
        {**FILLED, "name": "Cits"},
        dev_origin="http://b.lv",
        published_origin="https://b.lv",
    )
    assert owner.load(first / "publishconf.py").owner["name"] == "Anna Bērziņa"
    assert owner.load(second / "publishconf.py").owner["name"] == "Cits"


def test_broken_settings_give_a_clear_error(tmp_path):
    (tmp_path / "pelicanconf.py").write_text("OWNER = [\n", encoding="utf-8")
    with pytest.raises(owner.SettingsError, match=r"pelicanconf\.py"):
        owner.load(tmp_path / "pelicanconf.py")
    with pytest.raises(owner.SettingsError, match="nav atrasts"):
        owner.load(tmp_path / "missing.py")


def test_the_projects_settings_load():
    # The owner's values change; only that they load and name known keys is checked.
    settings = owner.load(ROOT / "publishconf.py")
    assert set(owner.OWNER_FIELDS) <= set(settings.owner)
    assert settings.site_origin.startswith(("http://", "https://"))
