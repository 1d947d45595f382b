"""The languages the contact form is sent in, as the endpoint learns them from the built site.

The build writes ``data/form-languages.json`` into the site (``plugins/i18n``, from
``LANGUAGES`` and each language's thank-you page and contact section)::

    {"default": "lv",
     "languages": {"lv": {"thanks_url": "/paldies/", "form_url": "/#kontakti"},
                   "en": {"thanks_url": "/en/thank-you/", "form_url": "/en/#kontakti"}}}

The endpoint reads it from the site folder (``QUOTE_SITE``; ``quote serve`` gives the folder it
serves) and again whenever the file changes, so a published language is known without a restart
and a third language needs no code. The messages come from the site's gettext catalogs
(``QUOTE_CATALOGS``, by default ``theme/translations`` beside the code).

Nothing here ever refuses an inquiry: a form's unknown or missing language is the default one,
and without the file (or with a broken one, logged) the endpoint knows the default language only,
with ``QUOTE_THANKS_URL`` and ``QUOTE_FORM_URL``. Those two, when set, also win over the build
for the default language. Every address is checked to be a path on the site (no open redirect).
"""

from __future__ import annotations

import dataclasses
import gettext
import json
import logging
import os
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from quote.errors import TranslationError
from quote.i18n import FORM_LANGUAGES_FILE, SOURCE_LANG, check_code, translations_of

from .config import WebSettings, site_path

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class FormLanguage:
    """One language of the form: its code, where a sent form goes, and its messages."""

    code: str
    thanks_url: str
    form_url: str
    translations: gettext.NullTranslations = dataclasses.field(
        default_factory=gettext.NullTranslations, compare=False, repr=False
    )


@dataclasses.dataclass(frozen=True)
class FormLanguages:
    """The site's languages in order, the default first."""

    languages: tuple[FormLanguage, ...]

    @property
    def default(self) -> FormLanguage:
        return self.languages[0]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(language.code for language in self.languages)

    def get(self, code: Any) -> FormLanguage:
        """The language ``code`` names (exactly, or by case), else the default one."""
        if isinstance(code, str):
            wanted = code.strip().lower()
            for language in self.languages:
                if language.code.lower() == wanted:
                    return language
        return self.default

    def of_form(self, pairs: Iterable[tuple[str, Any]]) -> FormLanguage:
        """The language a form was sent in: its first ``lang`` value, else the default."""
        return self.get(next((value for name, value in pairs if name == "lang"), None))

    def best_match(self, accept_languages) -> FormLanguage:
        """For answers given before the form is read: by the request's ``Accept-Language``
        (Werkzeug's ``request.accept_languages``), else the default."""
        return self.get(accept_languages.best_match(self.codes, default=self.default.code))


class LanguageSource:
    """:class:`FormLanguages` from the site's ``data/form-languages.json``, read again when the
    file changes; the default language alone when there is none."""

    def __init__(self, web: WebSettings, catalogs: Path) -> None:
        self.web = web
        self.path = Path(web.site) / FORM_LANGUAGES_FILE
        self.catalogs = Path(catalogs)
        self._lock = threading.Lock()
        self._stamp: tuple[int, int, int] | None = None  # the file's when read; None: no file
        self._languages: FormLanguages | None = None

    def get(self) -> FormLanguages:
        try:
            stat = os.stat(self.path)
            stamp: tuple[int, int, int] | None = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        except OSError:
            stamp = None
        with self._lock:
            if self._languages is None or stamp != self._stamp:
                self._languages = self._load(stamp is not None)
                self._stamp = stamp
            return self._languages

    def _load(self, exists: bool) -> FormLanguages:
        manifest: dict[str, Any] = {}
        if exists:
            try:
                manifest = read_manifest(self.path)
            except (OSError, ValueError, TranslationError) as exc:
                log.error("%s: %s; the form's language is taken as %s", self.path, exc, SOURCE_LANG)
        elif self._languages is None:  # said once, at the first post
            log.info("%s not found: the contact form speaks %s only", self.path, SOURCE_LANG)
        default = manifest.get("default", SOURCE_LANG)
        pages = manifest.get("languages") or {default: {}}
        explicit = self.web.model_fields_set
        languages = []
        for code, found in pages.items():
            thanks, form = found.get("thanks_url"), found.get("form_url")
            if code == default:
                thanks = self.web.thanks_url if "thanks_url" in explicit or not thanks else thanks
                form = self.web.form_url if "form_url" in explicit or not form else form
            languages.append(FormLanguage(code, thanks, form, self._translations(code)))
        return FormLanguages(tuple(languages))

    def _translations(self, code: str) -> gettext.NullTranslations:
        try:
            return translations_of(self.catalogs, code)
        except TranslationError as exc:
            log.error("%s; the endpoint answers %s in %s", exc, code, SOURCE_LANG)
            return gettext.NullTranslations()


def read_manifest(path: Path) -> dict[str, Any]:
    """The file's languages, each code one Babel knows and each address a path on the site;
    ``ValueError`` (or :class:`TranslationError`) saying what is wrong otherwise."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    languages = data.get("languages") if isinstance(data, dict) else None
    if not isinstance(languages, dict) or not languages:
        raise ValueError("expected {'default': code, 'languages': {code: {...}}}")
    default = data.get("default")
    if default != next(iter(languages)):
        raise ValueError(f"the default language {default!r} is not listed first")
    checked: dict[str, dict[str, str]] = {}
    for code, pages in languages.items():
        check_code(code)
        if not isinstance(pages, dict):
            raise ValueError(f"{code}: expected its thanks_url and form_url")
        checked[code] = {key: site_path(pages.get(key)) for key in ("thanks_url", "form_url")}
    return {"default": default, "languages": checked}
