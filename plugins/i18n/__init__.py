"""Languages for Pelican: interface strings through gettext, pages per language, alternates.

Settings: ``LANGUAGES`` (language codes, the default language first; it is served at ``/``, the
others at ``/<lang>/``), ``I18N_CATALOGS`` (the folder of ``<lang>/LC_MESSAGES/messages.po``) and
``LANGUAGE_SETTINGS`` (optional: per language, the settings a page shows that differ, such as
``SITENAME``, ``SITE_DESCRIPTION`` and ``FOOTER_NOTE``).

Templates mark strings with ``_()`` or ``{% trans %}``; a script's texts are rendered by its
template into the page as JSON (``script_json``), with ``plural_forms()`` for a message with a
count: its forms by CLDR category, which the script picks with ``Intl.PluralRules``. The
language of a rendering is the page's own ``lang`` or the context's ``lang`` (the landing plugin
sets it for each language's landing page), so one Jinja environment renders every language.
Pages are Pelican's translations: the same ``Slug`` with another ``Lang``; a page in a language
not in ``LANGUAGES`` is not written.

For the contact endpoint the build writes ``data/form-languages.json``: the published languages,
the default first, each with its thank-you page (the page with ``Slug: paldies``, or the setting
``CONTACT_THANKS_SLUG``) and its contact form (the landing page's ``contact`` section). The
endpoint learns the site's languages from it (quote.contact.languages).
"""

from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import pass_context
from jinja2.utils import htmlsafe_json_dumps
from pelican import signals
from pelican.generators import PagesGenerator

from quote.i18n import (
    FORM_LANGUAGES_FILE,
    context_lang,
    format_number,
    language_context,
    language_name,
    language_values,
    load_languages,
    looks_untranslated,
    og_locale,
    plural_forms,
    url_prefix,
)


def _plain(value):
    """A message as a script shows it: text, the templates' entities (``&nbsp;``) as characters."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return html.unescape(str(value))


def script_json(messages: dict):
    """``{{ {...} | script_json }}``: a script's messages as compact JSON for a
    ``<script type="application/json">`` block (``<``, ``>``, ``&`` and ``'`` escaped)."""
    return htmlsafe_json_dumps(
        _plain(messages), dumps=json.dumps, ensure_ascii=False, separators=(",", ":")
    )


def load(settings):
    """The site's languages; a missing or incomplete catalog stops the build.

    Read for every generator of every run (a few small files): ``initialized`` does not fire
    again on autoreload, and a catalog may have changed.
    """
    return load_languages(
        settings.get("LANGUAGES") or [settings["DEFAULT_LANG"]],
        Path(settings["I18N_CATALOGS"]),
    )


def _translated_page(context, slug: str, lang: str):
    for page in context.get("pages") or ():
        if page.slug == slug:
            for candidate in [page, *getattr(page, "translations", ())]:
                if candidate.lang == lang:
                    return candidate
            return page
    return None


def install(generator) -> None:
    languages = load(generator.settings)
    default = languages.default

    @pass_context
    def gettext(context, message: str) -> str:
        return languages.gettext(context_lang(context)).gettext(message)

    @pass_context
    def ngettext(context, singular: str, plural: str, n: int) -> str:
        return languages.gettext(context_lang(context)).ngettext(singular, plural, n)

    @pass_context
    def plural_forms_of(context, singular: str, plural: str, **variables) -> dict[str, str]:
        """``plural_forms("Par %(n)s mēnesi", "Par %(n)s mēnešiem", n="{n}")``: the message's
        forms in the page's language by CLDR plural category, ``variables`` filled in."""
        lang = context_lang(context)
        forms = plural_forms(languages.gettext(lang), lang, singular, plural)
        return {category: text % variables for category, text in forms.items()}

    @pass_context
    def number(context, value) -> str:
        return format_number(value, context_lang(context))

    @pass_context
    def page_url(context, slug: str) -> str:
        """The address of the page ``slug`` in the language being rendered (or the default)."""
        page = _translated_page(context, slug, context_lang(context))
        return f"{context.get('SITEURL', '')}/{page.url if page else slug + '/'}"

    @pass_context
    def alternates(context, landing_page: bool = False, absolute: bool = True):
        """``(lang, URL)`` of this page in every language it exists in, in ``LANGUAGES`` order;
        absolute URLs for search engines, or site-relative ones for links."""
        origin = (context.get("SITE_ORIGIN") if absolute else context.get("SITEURL")) or ""
        origin = origin.rstrip("/")
        page = context.get("page") or context.get("article")
        if context.get("page_versions"):
            # A list page of its own plugin's (the articles' index): its address per language.
            found = dict(context["page_versions"])
        elif page is not None:
            found = {p.lang: p.url for p in [page, *getattr(page, "translations", ())]}
        elif landing_page:
            found = {code: url_prefix(code, default).lstrip("/") + "/" for code in languages.codes}
            found[default] = ""
        else:
            return []
        return [(code, f"{origin}/{found[code]}") for code in languages.codes if code in found]

    generator.env.add_extension("jinja2.ext.i18n")
    generator.env.install_gettext_callables(gettext, ngettext, newstyle=True)
    generator.env.filters["script_json"] = script_json
    generator.env.globals.update(
        LANGUAGES=languages.codes,
        current_lang=pass_context(context_lang),
        page_url=page_url,
        alternates=alternates,
        plural_forms=plural_forms_of,
        format_number=number,
        og_locale=og_locale,
        language_name=language_name,
    )
    if "lang" not in generator.context:
        generator.context.update(language_context(generator.settings, default))


def drop_unpublished_languages(generator) -> None:
    """Pages in a language not in ``LANGUAGES`` are neither written nor linked. A page a
    published language lacks is a warning, never a stop (an urgent fix must not wait for a
    translation): that language's pages link to the page in the language it has (``page_url``),
    and the language switch leaves it out (``alternates``)."""
    codes = list(generator.settings.get("LANGUAGES") or [generator.settings["DEFAULT_LANG"]])
    for name in ("pages", "translations", "hidden_pages", "hidden_translations"):
        kept = [p for p in getattr(generator, name, []) if p.lang in codes]
        setattr(generator, name, kept)
        for page in kept:
            page.translations = [t for t in page.translations if t.lang in codes]
    for page in generator.pages + generator.hidden_pages:
        have = {page.lang} | {t.lang for t in page.translations}
        missing = [code for code in codes if code not in have]
        for code in missing:
            # In Latvian, like the landing plugin's warnings: the owner reads it.
            stem, _, suffix = page.relative_source_path.rpartition(".")
            sys.stderr.write(
                f"{Path(generator.settings['PATH']).name}/{page.relative_source_path}: "
                f"brīdinājums: nav tulkojuma valodā '{code}': izveidojiet failu "
                f"{Path(generator.settings['PATH']).name}/{stem}.{code}.{suffix} ar Lang: {code} "
                f"un Slug: {page.slug}; līdz tam valodas '{code}' lapas ved uz šo lapu\n"
            )
    generator.context["pages"] = generator.pages


def _use_language(generator, lang: str) -> None:
    generator.context.update(language_context(generator.settings, lang))
    generator.context.update(language_values(generator.context, lang))


def page_language(generator, content) -> None:
    """Before a page is written: the settings, URL prefix and landing menu of its language."""
    _use_language(generator, content.lang)


def default_language(generator, writer) -> None:
    """After the pages: the shared context is the default language's again."""
    _use_language(
        generator, generator.settings.get("LANGUAGES", [generator.settings["DEFAULT_LANG"]])[0]
    )


def form_languages(settings, pages, landing_languages) -> dict:
    """What ``data/form-languages.json`` holds (see the module docstring)."""
    codes = list(settings.get("LANGUAGES") or [settings["DEFAULT_LANG"]])
    slug = settings.get("CONTACT_THANKS_SLUG", "paldies")
    base = urlsplit(settings.get("SITEURL") or "").path.rstrip("/")
    thanks = {}
    for page in pages:
        if page.slug == slug:
            thanks = {p.lang: p.url for p in [page, *page.translations]}
    languages = {}
    fallback = thanks.get(codes[0]) or next(iter(thanks.values()), None)
    for code in codes:
        root = url_prefix(code, codes[0])
        sections = (landing_languages.get(code) or {}).get("landing_sections") or []
        anchor = next((s.anchor for s in sections if s.layout == "contact"), None)
        # A language without its own thank-you page thanks on the default language's (or any
        # there is); without any, on its landing page.
        thanks_page = thanks.get(code) or fallback
        languages[code] = {
            "thanks_url": f"{base}/{thanks_page}" if thanks_page else f"{base}{root}/",
            "form_url": f"{base}{root}/" + (f"#{anchor}" if anchor else ""),
        }
    return {"default": codes[0], "languages": languages}


def write_form_languages(generators) -> None:
    pages = next(g for g in generators if isinstance(g, PagesGenerator))
    data = form_languages(
        pages.settings, pages.pages + pages.hidden_pages, pages.context.get("landing_languages", {})
    )
    path = Path(pages.output_path) / FORM_LANGUAGES_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def warn_untranslated(generators) -> None:
    """A translation whose text is still the original's, or reads as Latvian, builds (it may be
    on purpose for a while) but is reported: otherwise it would go live unnoticed."""
    settings = generators[0].settings
    codes = list(settings.get("LANGUAGES") or [settings["DEFAULT_LANG"]])
    content = Path(settings["PATH"])
    for code in codes[1:]:
        for path in sorted(content.rglob(f"*.{code}.md")):
            original = path.with_name(path.name.replace(f".{code}.md", ".md"))
            text = _body(path)
            source = _body(original) if original.is_file() else None
            if looks_untranslated(text, source, codes[0]):
                shown = f"{content.name}/{path.relative_to(content)}"
                sys.stderr.write(
                    f"{shown}: brīdinājums: teksts nav tulkots valodā '{code}' (tas ir tāds pats "
                    f"kā oriģinālā vai latviešu valodā); iztulkojiet to, līdz tam valodas '{code}' "
                    "lapās ir šis teksts\n"
                )


def _body(path: Path) -> str:
    """A published Markdown file's text after its metadata lines, without HTML comments (the
    owner's notes, in Latvian); a draft has none that shows."""
    head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    if re.search(r"^Status:\s*draft\s*$", head, re.M | re.I):
        return ""
    return re.sub(r"<!--.*?-->", "", body, flags=re.S)


def register():
    signals.all_generators_finalized.connect(write_form_languages)
    signals.all_generators_finalized.connect(warn_untranslated)
    signals.generator_init.connect(install)
    signals.page_generator_finalized.connect(drop_unpublished_languages)
    signals.page_generator_write_page.connect(page_language)
    signals.page_writer_finalized.connect(default_language)
