"""Interface languages: gettext message catalogs in the repository, compiled in memory.

The site's interface strings (templates, and the scripts' texts, which the templates render
into the page) are written in the default language, Latvian, and marked for translation;
``make messages`` extracts them into ``theme/translations/messages.pot`` and updates one
``<lang>/LC_MESSAGES/messages.po`` per other language. Nothing compiled is committed: a catalog
is compiled here, with Babel, when the site is built. The default language needs no catalog (its
strings are the source; its plural forms follow its CLDR rule, see :class:`SourceTranslations`).
"""

from __future__ import annotations

import gettext
import io
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from babel.core import Locale, UnknownLocaleError, get_global
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.numbers import format_decimal

from quote.errors import TranslationError

DOMAIN = "messages"
# The language the interface strings are written in (the msgids): the default language, which
# needs no catalog. Inquiries stored before languages were recorded were all in it.
SOURCE_LANG = "lv"
# The catalogs beside the code (the endpoint's messages are translated there too).
CATALOGS = Path(__file__).resolve().parent.parent / "theme" / "translations"
# Written by the build (plugins/i18n): the published languages, the default first, with each
# language's thank-you page and contact form; read by the endpoint (quote.contact.languages).
FORM_LANGUAGES_FILE = Path("data") / "form-languages.json"


def N_(text: str) -> str:
    """Marks a text for `make messages` (gettext's no-op marker): labels, hints and titles are
    written in Latvian in the code and translated where a page in another language renders them."""
    return text


def catalog_path(directory: Path, lang: str) -> Path:
    """Where the ``.po`` catalog of ``lang`` lives under ``directory``."""
    return Path(directory) / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def catalog_languages(directory: Path | None) -> list[str]:
    """The languages with a catalog under ``directory`` (those the site is prepared for)."""
    if directory is None or not Path(directory).is_dir():
        return []
    folders = Path(directory).iterdir()
    return sorted(path.name for path in folders if catalog_path(directory, path.name).is_file())


def read_catalog(path: Path, lang: str) -> Catalog:
    """The catalog at ``path``; a missing or unreadable file raises :class:`TranslationError`."""
    if not path.is_file():
        raise TranslationError(
            f"{path}: no message catalog for language {lang!r} (make messages NEW_LANG={lang})"
        )
    try:
        with path.open("rb") as handle:
            return read_po(handle, locale=lang, abort_invalid=True)
    except (PoFileError, ValueError) as exc:
        raise TranslationError(f"{path}: {exc}") from exc


def compile_catalog(catalog: Catalog) -> gettext.GNUTranslations:
    """``catalog`` as gettext translations; fuzzy entries are left out, as msgfmt does."""
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def untranslated(catalog: Catalog) -> list[str]:
    """The msgids of ``catalog`` with no translation, or only a fuzzy one, or fewer plural forms
    than the language has (``msgstr[0]`` … ``msgstr[nplurals-1]``)."""
    return [
        message.id if isinstance(message.id, str) else message.id[0]
        for message in catalog
        if message.id
        and (
            message.fuzzy
            or not message.string
            or not all(_strings(message))
            or (message.pluralizable and len(_strings(message)) < catalog.num_plurals)
        )
    ]


def _strings(message) -> list[str]:
    return list(message.string) if isinstance(message.string, (list, tuple)) else [message.string]


class SourceTranslations(gettext.NullTranslations):
    """The default language's "translations": its strings are the source, and a plural message
    (``msgid``, ``msgid_plural``) takes its singular where the language's CLDR rule says "one"
    (Latvian: 1, 21, 31, 101, not 11), unlike gettext's own fallback, which knows only 1."""

    def __init__(self, lang: str):
        super().__init__()
        self._plural = Locale.parse(lang).plural_form

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return msgid1 if self._plural(n) == "one" else msgid2


# Counts that meet every integer case of CLDR's plural rules: each remainder by 10 and by 100,
# and the large round numbers some languages treat apart (French "many": 1 000 000).
_PLURAL_SAMPLES = (*range(200), 1000, 10_000, 100_000, 1_000_000, 10_000_000)


def plural_forms(
    translations: gettext.NullTranslations, lang: str, singular: str, plural: str
) -> dict[str, str]:
    """A plural message in ``lang`` by CLDR plural category, as a browser's ``Intl.PluralRules``
    names them: ``{"one": "Par %(n)s mēnesi", "other": "Par %(n)s mēnešiem"}``.

    Each form is the catalog's own (``ngettext`` for a count of that category); a category whose
    form is the same as "other" is left out ("other" is the fallback). A catalog whose forms do not
    follow the language's categories (two counts of one category, two texts) raises
    :class:`TranslationError`, since a script could not tell them apart.
    """
    rule = Locale.parse(lang).plural_form
    forms: dict[str, str] = {}
    seen: Counter[str] = Counter()
    for count in _PLURAL_SAMPLES:
        category, text = rule(count), translations.ngettext(singular, plural, count)
        seen[category] += 1
        if forms.setdefault(category, text) != text:
            raise TranslationError(
                f"{lang}: the plural forms of {singular!r} do not follow the language's CLDR "
                f"plural categories: {forms[category]!r} and {text!r} are both {category!r}"
            )
    # Where whole numbers are never "other" (Russian: one, few, many), the commonest form is.
    other = forms.setdefault("other", forms[seen.most_common(1)[0][0]])
    return {key: text for key, text in forms.items() if key == "other" or text != other}


def format_number(value, lang: str) -> str:
    """A number as ``lang`` writes it: ``21``, ``7,5`` in Latvian, ``7.5`` in English."""
    return format_decimal(value, locale=lang)


@dataclass(frozen=True)
class Languages:
    """The site's languages in order, the first being the default, with their translations."""

    codes: tuple[str, ...]
    translations: dict[str, gettext.NullTranslations]

    @property
    def default(self) -> str:
        return self.codes[0]

    def gettext(self, lang: str | None) -> gettext.NullTranslations:
        return self.translations[lang or self.default]


def check_code(lang: str) -> str:
    """``lang`` when Babel knows it as a locale; otherwise :class:`TranslationError`."""
    try:
        Locale.parse(lang)
    except (UnknownLocaleError, ValueError, TypeError) as exc:
        raise TranslationError(f"LANGUAGES: {lang!r} is not a language Babel knows") from exc
    return lang


def load_languages(codes, directory: Path) -> Languages:
    """The translations of ``codes`` (default language first) from the catalogs in ``directory``."""
    codes = tuple(check_code(code) for code in codes)
    if not codes:
        raise TranslationError("LANGUAGES: name at least the default language")
    if len(set(codes)) != len(codes):
        raise TranslationError(f"LANGUAGES: a language is listed twice in {list(codes)}")
    translations: dict[str, gettext.NullTranslations] = {codes[0]: SourceTranslations(codes[0])}
    for code in codes[1:]:
        path = catalog_path(directory, code)
        catalog = read_catalog(path, code)
        missing = untranslated(catalog)
        if missing:
            raise TranslationError(
                f"{path}: {len(missing)} message(s) not translated, first {missing[0]!r}"
            )
        translations[code] = compile_catalog(catalog)
    return Languages(codes, translations)


def available_languages(directory: Path) -> tuple[str, ...]:
    """The source language, then every language with a catalog in ``directory``, sorted."""
    found = (
        sorted(
            path.name
            for path in Path(directory).iterdir()
            if path.is_dir() and catalog_path(directory, path.name).is_file()
        )
        if Path(directory).is_dir()
        else []
    )
    return (SOURCE_LANG, *(code for code in found if code != SOURCE_LANG))


def translations_of(directory: Path, lang: str) -> gettext.NullTranslations:
    """``lang``'s translations from its catalog in ``directory`` (untranslated entries read as
    the source text); the source language's are the strings themselves."""
    if lang == SOURCE_LANG:
        return gettext.NullTranslations()
    return compile_catalog(read_catalog(catalog_path(directory, lang), lang))


def og_locale(lang: str) -> str:
    """The Open Graph locale of ``lang`` from Babel's likely subtags: ``lv`` -> ``lv_LV``."""
    locale = Locale.parse(lang)
    territory = locale.territory
    if not territory:
        likely = get_global("likely_subtags").get(locale.language, "")
        territory = Locale.parse(likely).territory if likely else None
    return f"{locale.language}_{territory}" if territory else locale.language


def language_name(lang: str, in_lang: str | None = None) -> str:
    """The language's name in itself, as a language switch shows it: ``Latviešu``, ``English``;
    with ``in_lang``, its name in that language as a sentence uses it: ``angļu`` in Latvian."""
    if in_lang is not None:
        try:
            return Locale.parse(lang).get_language_name(in_lang) or lang
        except (UnknownLocaleError, ValueError, TypeError):
            return lang
    name = Locale.parse(lang).get_display_name(lang) or lang
    return name[:1].upper() + name[1:]


def url_prefix(lang: str, default: str) -> str:
    """Where a language's pages live: ``""`` for the default language, ``"/en"`` for English."""
    return "" if lang == default else f"/{lang}"


def context_lang(context) -> str:
    """The language a template renders in: its page's ``lang``, the context's ``lang``, else the
    default (``DEFAULT_LANG``). ``context`` is a Jinja context or any mapping."""
    page = context.get("page")
    lang = getattr(page, "lang", None) if page is not None else None
    return lang or context.get("lang") or context.get("DEFAULT_LANG")


def language_context(settings, lang: str) -> dict:
    """What a page in ``lang`` sees: its language, its URL prefix and the settings it shows
    (``SITENAME``, ``SITE_DESCRIPTION``, ``FOOTER_NOTE``), from ``LANGUAGE_SETTINGS[lang]``
    where given there."""
    codes = settings.get("LANGUAGES") or [settings["DEFAULT_LANG"]]
    values = {key: settings.get(key) for key in ("SITENAME", "SITE_DESCRIPTION", "FOOTER_NOTE")}
    values.update((settings.get("LANGUAGE_SETTINGS") or {}).get(lang, {}))
    return {**values, "lang": lang, "lang_root": url_prefix(lang, codes[0])}


# Per-language values the plugins put in the context, each ``{lang: {name: value}}``: the landing
# page's sections (plugins/landing), the price list's texts (plugins/pricing), the articles
# (plugins/articles) and the case studies (plugins/case_studies).
LANGUAGE_VALUES = (
    "landing_languages",
    "pricing_languages",
    "article_languages",
    "case_study_languages",
)


def language_values(context, lang: str) -> dict:
    """What the plugins give a page in ``lang``: its sections, its price list in ``lang``."""
    values: dict = {}
    for name in LANGUAGE_VALUES:
        values.update((context.get(name) or {}).get(lang, {}))
    return values


# Letters only Latvian has among the site's languages: a text full of them is Latvian.
_LATVIAN_LETTERS = set("āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ")
_WORD = re.compile(r"[^\W\d_]+")


def looks_untranslated(text: str, original: str | None, source_lang: str) -> bool:
    """Whether a translation's ``text`` is still its ``original`` (the same words), or, when
    the source language is Latvian, reads as Latvian: at least 5 words and a sixth of all
    words with a Latvian letter (an English text with a few Latvian names has far fewer)."""
    words = _WORD.findall(text.lower())
    if not words:
        return False
    if original is not None and words == _WORD.findall(original.lower()):
        return True
    if source_lang != "lv":
        return False
    latvian = sum(1 for word in words if _LATVIAN_LETTERS & set(word))
    return latvian >= 5 and latvian * 6 >= len(words)
