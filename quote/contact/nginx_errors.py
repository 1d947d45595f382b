"""The endpoint's error answers as static files, for the errors nginx answers itself on /api/.

nginx refuses a body over its ``client_max_body_size`` (413) and a burst over its ``limit_req``
(429) before the endpoint sees the request, and answers itself when the endpoint is down or
too slow (502, 503, 504); deploy/nginx/quote-site.conf answers those with
these files, so a visitor meets the endpoint's answer either way: the same error code and
message, as JSON for ``Accept: application/json`` (the page's script), as the endpoint's HTML
error page otherwise.

nginx can't read the form's language, so it answers as the endpoint does before it has read a
form: by ``Accept-Language``. There is one file per status, language and format
(``413.en.json``, ``429.lv.html``) for the source language and every language with a catalog in
theme/translations, and ``languages.map``, included in nginx's ``map`` of
``$http_accept_language``: the first language the browser names that has files here, else the
default. A language is added to nginx by writing the files again, without touching its
configuration.

The files are written from the same messages, catalogs and template as the endpoint's own
answers, where the endpoint is installed (``quote nginx-errors``, run by the deploy after each
update of the endpoint), so they are never out of step with it and never kept in the repository.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from quote.i18n import CATALOGS, available_languages, translations_of

from .app import error_page_context
from .config import WebSettings
from .languages import FormLanguage
from .messages import message_for

# The statuses nginx answers itself on /api/, with the endpoint's code for each.
# 502, 503 and 504 are nginx's when the endpoint is down, refusing or too slow: the inquiry was
# not saved, and the page says so as the endpoint's own 503 does (a 503 from the endpoint itself
# passes through, with the visitor's form filled in).
NGINX_ERRORS = {
    413: "too_large",
    429: "rate_limited",
    502: "store_unavailable",
    503: "store_unavailable",
    504: "store_unavailable",
}
# The heading of the page: the endpoint's for that code (it has none of its own for 502, 504).
PAGE_STATUS = {502: 503, 504: 503}
LANGUAGE_MAP = "languages.map"


def languages(catalogs: Path = CATALOGS) -> list[FormLanguage]:
    """Every language with a catalog, the default (source) language first. nginx's answers
    link back to the landing page's form of the default language (it can't tell the page)."""
    form_url = WebSettings.model_fields["form_url"].default
    return [
        FormLanguage(code, "/", form_url, translations_of(catalogs, code))
        for code in available_languages(catalogs)
    ]


def error_items(code: str, lang: FormLanguage) -> list[dict]:
    return [{"field": None, "code": code, "message": message_for(None, code, lang.translations)}]


def json_answer(status: int, lang: FormLanguage) -> str:
    return (
        json.dumps({"errors": error_items(NGINX_ERRORS[status], lang)}, ensure_ascii=False) + "\n"
    )


def html_answer(status: int, lang: FormLanguage) -> str:
    """The endpoint's error page (templates/contact_error.html) as it renders for ``status``."""
    env = Environment(
        loader=PackageLoader("quote.contact", "templates"),
        autoescape=select_autoescape(["html"]),
        extensions=["jinja2.ext.i18n"],
    )
    context = error_page_context(
        lang,
        PAGE_STATUS.get(status, status),
        error_items(NGINX_ERRORS[status], lang),
        form=None,
        action="/api/contact",
    )
    return env.get_template("contact_error.html").render(**context)


def language_map(codes: list[str]) -> str:
    """The body of nginx's ``map $http_accept_language``: the default, then a line per other
    language matching an ``Accept-Language`` that names it first (``en``, ``en-GB,…``)."""
    lines = [
        "# Written by `quote nginx-errors`: the language of nginx's own answers on /api/, from",
        "# the first language in Accept-Language that has files here.",
        f"default {codes[0]};",
    ]
    lines += [f'"~*^\\s*{code}(?![A-Za-z0-9])" {code};' for code in codes[1:]]
    return "\n".join(lines) + "\n"


def answers(catalogs: Path = CATALOGS) -> dict[str, str]:
    """File name -> content: ``413.lv.json``, ``413.lv.html``, … and ``languages.map``."""
    langs = languages(catalogs)
    files = {}
    for lang in langs:
        for status in NGINX_ERRORS:
            files[f"{status}.{lang.code}.json"] = json_answer(status, lang)
            files[f"{status}.{lang.code}.html"] = html_answer(status, lang)
    files[LANGUAGE_MAP] = language_map([lang.code for lang in langs])
    return files


def write(folder: Path) -> list[Path]:
    """Write :func:`answers` into ``folder``, removing answers no longer written there (a
    language without a catalog, the files of an older layout)."""
    folder.mkdir(parents=True, exist_ok=True)
    files = answers()
    for old in folder.iterdir():
        if old.name not in files and re.fullmatch(
            r"[0-9]{3}\.([A-Za-z_]+\.)?(json|html)", old.name
        ):
            old.unlink()
    written = []
    for name, text in files.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
