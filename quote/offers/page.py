"""The offer's page on the site: the offer as in its PDF, and the client's three answers.

Rendered from ``theme/offer/offer_page.html`` (around ``offer_body.html``, the PDF's own body)
in the offer's language through the site's catalogs, from the document kept when the offer was
written, so the page shows exactly what the PDF shows. The page has no script and no inline
style: its one stylesheet (``offer.css`` and the screen's ``offer_page.css``, minified) is linked,
so the site's Content-Security-Policy holds without a hash.

What the page shows depends on the offer: open (the three forms: accept after the terms, with
the client's name and a tick; request changes with a message; decline with an optional
reason), answered (what was answered and when), replaced by a newer version (which to answer
instead), or expired (it cannot be accepted; a link to the contact form asks for a new one).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from quote.i18n import SOURCE_LANG
from quote.offers.answers import MAX_NAME, MAX_TEXT, Answer, SentOffer, local_time
from quote.offers.document import TEMPLATE_DIR, format_date, translations_for

PAGE_TEMPLATE = "offer_page.html"
STYLESHEETS = ("offer.css", "offer_page.css")
STYLESHEET_PATH = "/api/offer.css"
# The codes of the problems a sent answer can have; their words are in the template.
PROBLEMS = ("name_missing", "name_long", "agree_missing", "text_missing", "text_long")


@dataclasses.dataclass(frozen=True)
class Stylesheet:
    body: bytes
    version: str  # a digest of the body, in the link, so it can be cached for good

    @property
    def url(self) -> str:
        return f"{STYLESHEET_PATH}?v={self.version}"


@functools.cache
def stylesheet(template_dir: Path = TEMPLATE_DIR) -> Stylesheet:
    """The page's stylesheet: the offer's own (as in the PDF) and the screen's, minified."""
    import minify

    text = "\n".join((template_dir / name).read_text(encoding="utf-8") for name in STYLESHEETS)
    body = minify.string("text/css", text).encode("utf-8")
    return Stylesheet(body, hashlib.sha256(body).hexdigest()[:12])


def parse_answer(form: Mapping[str, str]) -> tuple[Answer | None, list[str]]:
    """The answer a form sent, or the problems found in it (codes of :data:`PROBLEMS`)."""
    kind = form.get("answer", "")
    name = " ".join(form.get("name", "").split())
    text = form.get("text", "").replace("\r\n", "\n").strip()
    text = "".join(ch for ch in text if ch in "\n\t" or ch.isprintable())
    problems = []
    if kind == "accepted":
        if not name:
            problems.append("name_missing")
        elif len(name) > MAX_NAME:
            problems.append("name_long")
        if form.get("agree") != "yes":
            problems.append("agree_missing")
        text = ""
    elif kind == "changes" and not text:
        problems.append("text_missing")
    elif kind not in ("changes", "declined"):
        return None, []
    if kind != "accepted":
        name = ""
    if len(text) > MAX_TEXT:
        problems.append("text_long")
    return (None if problems else Answer(kind, name, text)), problems


def render(
    offer: SentOffer,
    *,
    path: str,
    pdf_name: str,
    form_url: str,
    catalogs: Path | None = None,
    expired: bool = False,
    notice: str = "",
    form: str = "",
    problems: list[str] | None = None,
    values: Mapping[str, str] | None = None,
    template_dir: Path = TEMPLATE_DIR,
) -> str:
    """The page's HTML. ``notice``: ``already`` (a second answer), ``replaced`` (an answer to a
    replaced version), ``expired`` (an answer after the date); ``form`` and ``problems``: the
    answer sent with its problems, shown on its form with ``values``."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    lang = offer.lang or SOURCE_LANG
    # Not StrictUndefined: a document kept by an older version may lack a newer field.
    env = Environment(
        loader=FileSystemLoader(str(template_dir)),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(  # type: ignore[attr-defined]
        translations_for(lang, catalogs), newstyle=True
    )
    answered_at = local_time(offer.answered_at) if offer.answered_at else None
    context: dict[str, Any] = {
        **offer.document,
        "lang": lang,
        "page": {
            "path": path,
            "pdf_url": f"{path}{pdf_name}",
            "pdf_name": pdf_name,
            "stylesheet": stylesheet(template_dir).url,
            "form_url": form_url,
            "expired": expired and not offer.answer and not offer.replaced_by,
            "replaced_by": offer.replaced_by or "",
            "answer": offer.answer,
            "answered_on": format_date(answered_at.date(), lang) if answered_at else "",
            "answer_name": offer.answer_name or "",
            "answer_text": offer.answer_text or "",
            "notice": notice,
            "form": form,
            "problems": list(problems or ()),
            "values": dict(values or {}),
            "max_name": MAX_NAME,
            "max_text": MAX_TEXT,
        },
    }
    return env.get_template(PAGE_TEMPLATE).render(**context)
