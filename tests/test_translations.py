"""Interface strings through gettext: every template string is in every catalog, translated.

The templates' strings are the source (Latvian); `make messages` extracts them and updates each
language's catalog under theme/translations. A string added to a template without a translation
in every catalog fails here, and an incomplete catalog of a listed language stops the build.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from babel.util import pathmatch
from jinja2 import DictLoader, Environment

from plugins.i18n import install
from quote.errors import TranslationError
from quote.i18n import (
    SourceTranslations,
    catalog_path,
    compile_catalog,
    load_languages,
    plural_forms,
    untranslated,
)
from tests.support import ROOT, build, copy_fixture_project

CATALOGS = ROOT / "theme" / "translations"
LANGS = sorted(path.name for path in CATALOGS.iterdir() if path.is_dir())
# As `make messages` extracts them: plural_forms() is the scripts' plural message.
KEYWORDS = {"_": None, "N_": None, "plural_forms": (1, 2)}


def template_messages() -> set[str]:
    """The msgids the templates mark, extracted as `make messages` does (babel.cfg)."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def read(lang: str):
    with catalog_path(CATALOGS, lang).open("rb") as handle:
        return read_po(handle, locale=lang)


# Templates whose text is deliberately not translated, and why. Every other template (the
# theme's, the endpoint's) is extracted by babel.cfg; a new one that is neither fails below.
LATVIAN_ONLY: dict[str, str] = {}


def _extracted(relative: str) -> bool:
    """Whether babel.cfg maps ``relative`` to an extractor (`make messages` reads it)."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, _options = parse_mapping_cfg(handle)
    return any(
        pathmatch(pattern, relative) and method != "ignore" for pattern, method in method_map
    )


def test_every_template_is_translated_or_latvian_only_by_decision():
    templates = sorted(
        p.relative_to(ROOT).as_posix()
        for folder in ("theme", "quote")
        for p in (ROOT / folder).rglob("*.html")
    )
    assert {"theme/templates/base.html", "quote/contact/templates/contact_error.html"} <= set(
        templates
    )
    undecided = [t for t in templates if not _extracted(t) and t not in LATVIAN_ONLY]
    assert not undecided, f"add to babel.cfg, or to LATVIAN_ONLY with the reason: {undecided}"
    both = [t for t in LATVIAN_ONLY if _extracted(t)]
    assert not both, f"extracted by babel.cfg, yet listed as Latvian only: {both}"


def test_templates_mark_their_strings():
    # A few strings every page shows; fails when extraction finds nothing (a broken babel.cfg).
    assert {"Pāriet uz saturu", "Privātuma politika", "Lapa nav atrasta"} <= template_messages()
    # The configurator script's texts, rendered into the page (a plain and a plural one).
    assert {"Aprēķins atjaunots no saites.", "Par %(n)s&nbsp;mēnesi"} <= template_messages()


def test_there_is_a_catalog_for_english():
    assert "en" in LANGS


@pytest.mark.parametrize("lang", LANGS)
def test_every_template_string_is_translated(lang):
    catalog = read(lang)
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}
    missing = sorted(template_messages() - ids | template_messages() & set(untranslated(catalog)))
    assert not missing, (
        f"{lang}: translate these in {catalog_path(CATALOGS, lang)} (make messages): {missing}"
    )


@pytest.mark.parametrize("lang", LANGS)
def test_translations_keep_placeholders(lang):
    problems = [(m.id, [str(e) for e in errors]) for m, errors in read(lang).check()]
    assert not problems


def _render(catalogs: Path, langs: list[str], source: str, **context) -> str:
    generator = SimpleNamespace(
        env=Environment(loader=DictLoader({"t.html": source})),
        settings={"LANGUAGES": langs, "DEFAULT_LANG": langs[0], "I18N_CATALOGS": str(catalogs)},
        context={},
    )
    install(generator)
    return generator.env.get_template("t.html").render(**context)


def test_a_page_renders_in_its_language():
    source = '{{ _("Kopēt saiti") }} · {{ _("Izvēlēties: %(title)s", title="X") }}'
    assert _render(CATALOGS, ["lv", "en"], source, lang="en") == "Copy link · Choose: X"
    assert _render(CATALOGS, ["lv", "en"], source, lang="lv") == "Kopēt saiti · Izvēlēties: X"
    page = SimpleNamespace(lang="en")
    assert _render(CATALOGS, ["lv", "en"], source, page=page).startswith("Copy link")


def test_an_untranslated_string_stops_loading(tmp_path):
    shutil.copytree(CATALOGS, tmp_path / "t")
    po = catalog_path(tmp_path / "t", "en")
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgstr "Copy link"', 'msgstr ""'), encoding="utf-8")
    with pytest.raises(TranslationError, match="not translated, first 'Kopēt saiti'"):
        load_languages(["lv", "en"], tmp_path / "t")


def test_a_language_without_a_catalog_stops_loading(tmp_path):
    with pytest.raises(TranslationError, match="no message catalog for language 'ru'"):
        load_languages(["lv", "ru"], tmp_path)
    with pytest.raises(TranslationError, match="not a language Babel knows"):
        load_languages(["lv", "xx-nope"], tmp_path)


def test_the_build_stops_on_a_language_without_a_catalog(tmp_path):
    project = copy_fixture_project(tmp_path / "site")
    settings = project / "pelicanconf.py"
    settings.write_text(
        settings.read_text(encoding="utf-8") + '\nLANGUAGES = ["lv", "ru"]\n', encoding="utf-8"
    )
    result = build(project, tmp_path / "out")
    assert result.returncode != 0
    said = "".join((result.stdout + result.stderr).split())  # the log wraps long lines
    assert "TranslationError" in said and "nomessagecatalogforlanguage'ru'" in said
    assert not (tmp_path / "out" / "index.html").exists()


def _plural_catalog(lang: str, forms: tuple[str, ...]):
    from babel.messages.catalog import Catalog

    catalog = Catalog(locale=lang)
    catalog.add(("Par %(n)s mēnesi", "Par %(n)s mēnešiem"), forms)
    return catalog


def test_latvian_plural_forms_follow_its_rule():
    """The source language's singular is CLDR's "one": 1, 21, 101, but not 11 (gettext's own
    fallback knows only 1)."""
    source = SourceTranslations("lv")
    chosen = {n: source.ngettext("mēnesi", "mēnešiem", n) for n in (0, 1, 2, 11, 21, 101, 111)}
    assert chosen == {
        0: "mēnešiem",
        1: "mēnesi",
        2: "mēnešiem",
        11: "mēnešiem",
        21: "mēnesi",
        101: "mēnesi",
        111: "mēnešiem",
    }
    assert plural_forms(source, "lv", "Par %(n)s mēnesi", "Par %(n)s mēnešiem") == {
        "one": "Par %(n)s mēnesi",
        "other": "Par %(n)s mēnešiem",
    }


def test_english_plural_forms_come_from_the_catalog():
    english = load_languages(["lv", "en"], CATALOGS).gettext("en")
    singular, plural = "Par %(n)s&nbsp;mēnesi", "Par %(n)s&nbsp;mēnešiem"
    assert plural_forms(english, "en", singular, plural) == {
        "one": "For %(n)s&nbsp;month",
        "other": "For %(n)s&nbsp;months",
    }


def test_catalog_forms_by_category_and_a_mix_refused():
    # Three Latvian forms in Babel's gettext order (0, 10–20, 30…; 1, 21…; the rest) are CLDR's
    # zero, one and other.
    translations = compile_catalog(
        _plural_catalog("lv", ("nulle %(n)s", "viens %(n)s", "citi %(n)s"))
    )
    assert plural_forms(translations, "lv", "Par %(n)s mēnesi", "Par %(n)s mēnešiem") == {
        "zero": "nulle %(n)s",
        "one": "viens %(n)s",
        "other": "citi %(n)s",
    }
    mixed = compile_catalog(_plural_catalog("en", ("one %(n)s", "other %(n)s")))
    mixed.plural = lambda n: int(n in (1, 7))  # 7 is "other" in English, not "one"
    with pytest.raises(TranslationError, match="do not follow the language's CLDR plural"):
        plural_forms(mixed, "en", "Par %(n)s mēnesi", "Par %(n)s mēnešiem")


def test_a_plural_message_needs_every_form_of_its_language():
    assert untranslated(_plural_catalog("ru", ("За %(n)s месяц", "За %(n)s месяца"))) == [
        "Par %(n)s mēnesi"
    ]
    assert not untranslated(_plural_catalog("ru", ("a %(n)s", "b %(n)s", "c %(n)s")))


def test_script_texts_render_as_json_in_the_pages_language():
    source = (
        '{{ {"copy": _("Kopēt saiti"), "vat": _("PVN %(rate)s&nbsp;%%", rate=format_number(7.5)),'
        ' "period": plural_forms("Par %(n)s&nbsp;mēnesi", "Par %(n)s&nbsp;mēnešiem", n="{n}")}'
        " | script_json }}"
    )
    import json

    assert json.loads(_render(CATALOGS, ["lv", "en"], source, lang="lv")) == {
        "copy": "Kopēt saiti",
        "vat": "PVN 7,5\xa0%",
        "period": {"one": "Par {n}\xa0mēnesi", "other": "Par {n}\xa0mēnešiem"},
    }
    english = json.loads(_render(CATALOGS, ["lv", "en"], source, lang="en"))
    assert english["copy"] == "Copy link" and english["period"]["one"] == "For {n}\xa0month"
    assert "<" not in _render(CATALOGS, ["lv"], '{{ {"x": "</script>"} | script_json }}')
