"""Interface strings through gettext: Jinja's i18n extension with the catalogs of ``quote.i18n``.

Settings: ``LANGUAGES`` (language codes, the default language first; it is served at ``/``) and
``I18N_CATALOGS`` (the folder of ``<lang>/LC_MESSAGES/messages.po``). Templates mark strings with
``_()`` or ``{% trans %}``; the language of a rendering is the context's ``lang`` or, on a page,
the page's own ``lang``, so one Jinja environment renders every language.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import pass_context
from pelican import signals

from quote.i18n import load_languages


def load(settings):
    """The site's languages; a missing or incomplete catalog stops the build.

    Read for every generator of every run (a few small files): ``initialized`` does not fire
    again on autoreload, and a catalog may have changed.
    """
    return load_languages(
        settings.get("LANGUAGES") or [settings["DEFAULT_LANG"]],
        Path(settings["I18N_CATALOGS"]),
    )


def rendering_lang(context) -> str | None:
    """The language a template is being rendered in."""
    lang = context.get("lang")
    page = context.get("page")
    if not lang and page is not None:
        lang = getattr(page, "lang", None)
    return lang


def install(generator) -> None:
    languages = load(generator.settings)

    @pass_context
    def gettext(context, message: str) -> str:
        return languages.gettext(rendering_lang(context)).gettext(message)

    @pass_context
    def ngettext(context, singular: str, plural: str, n: int) -> str:
        return languages.gettext(rendering_lang(context)).ngettext(singular, plural, n)

    generator.env.add_extension("jinja2.ext.i18n")
    generator.env.install_gettext_callables(gettext, ngettext, newstyle=True)
    generator.env.globals["LANGUAGES"] = languages.codes


def register():
    signals.generator_init.connect(install)
