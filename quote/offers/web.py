"""The offer page's HTTP routes: a Flask blueprint the serving layer registers on the endpoint's
app (quote/site/server.py), since the endpoint (quote/contact) may not know offers.

- ``GET /piedavajums/<token>/`` (``/<lang>/offer/<token>/`` for another language): the page
  (quote/offers/page.py); each GET records a view, and is counted as ``offer_viewed``.
- ``GET …/<token>/piedavajums-<number>.pdf`` (``offer-<number>.pdf``): the PDF as sent.
- ``POST …/<token>/``: an answer (form fields ``answer`` = accepted | changes | declined,
  ``name``, ``agree``, ``text``), checked for its origin like ``/api/contact``; 303 back to the
  page, which then shows the answer (an acceptance is counted as ``offer_accepted``); 409 when
  the offer was answered already or a newer version replaced it, 410 after its date, 422 with
  the problems on the form.
- ``GET /api/offer.css``: the page's stylesheet (fingerprinted, cached for good).

An unknown or malformed token is answered exactly like any unknown address (404, no hint), and
costs nothing more than any other request: no limit counts it apart. Every offer answer says
``Cache-Control: private, no-store`` and ``X-Robots-Tag: noindex``.

The two counts (quote/counting/events.py) are the endpoint's own, in the offer's language, as
the page's script counts a page: never for a robot, nor with ``Sec-GPC: 1`` or ``DNT: 1``, nor
while counting is off (``QUOTE_COUNTING=0``); daily totals only, nothing of the client.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Blueprint, Flask, Response, abort, current_app, redirect, request

from quote.contact.app import EXTENSION, ContactState, check_origin, read_pairs
from quote.contact.errors import FieldError, RequestProblem
from quote.i18n import SOURCE_LANG
from quote.offers import answers, page
from quote.offers.sending import page_path

log = logging.getLogger(__name__)

# The page's own policy: its stylesheet from the site, the owner's logo inlined as data:, forms
# to the site only, no script at all.
PAGE_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
FIELDS = ("answer", "name", "agree", "text")

blueprint = Blueprint("offer_pages", __name__)


def register(app: Flask) -> Flask:
    """Add the offer pages to the endpoint's app (once)."""
    if "offer_pages" not in app.blueprints:
        app.register_blueprint(blueprint)
    return app


def _state() -> ContactState:
    return current_app.extensions[EXTENSION]


def _count(event: str, offer: answers.SentOffer) -> None:
    """Count an offer's view or acceptance, unless counting is off or the client asks not."""
    counting = _state().counting
    if counting is not None:
        counting.count(event, offer.lang or SOURCE_LANG, request.headers)


def pdf_name(offer: answers.SentOffer) -> str:
    stem = "piedavajums" if offer.lang == SOURCE_LANG else "offer"
    return f"{stem}-{offer.number}.pdf"


def _offer_at(token: str, lang: str) -> answers.SentOffer:
    """The offer at this address, or 404 (an unknown token, or another language's address)."""
    offer = answers.find_offer(_state().store, token)
    if offer is None or not request.path.startswith(_path(offer, token)):
        abort(404)
    return offer


def _path(offer: answers.SentOffer, token: str) -> str:
    return page_path(offer.lang or SOURCE_LANG, token)


def _private(response: Response, lang: str) -> Response:
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    response.headers["Content-Language"] = lang
    response.headers["Content-Security-Policy"] = PAGE_CSP
    return response


def _page(offer: answers.SentOffer, token: str, status: int = 200, **shown: Any) -> Response:
    state = _state()
    language = state.languages.get().get(offer.lang)
    html = page.render(
        offer,
        path=_path(offer, token),
        pdf_name=pdf_name(offer),
        form_url=language.form_url,
        catalogs=state.config.web.catalogs,
        expired=offer.expired(),
        **shown,
    )
    response = Response(html, status=status, mimetype="text/html")
    return _private(response, offer.lang)


@blueprint.get("/piedavajums/<token>/", defaults={"lang": SOURCE_LANG})
@blueprint.get("/<lang>/offer/<token>/")
def show(token: str, lang: str) -> Response:
    offer = _offer_at(token, lang)
    if request.method == "GET":  # a HEAD is not someone reading it
        answers.record_view(_state().store, offer)
        _count("offer_viewed", offer)
    return _page(offer, token)


@blueprint.get("/piedavajums/<token>/<name>", defaults={"lang": SOURCE_LANG})
@blueprint.get("/<lang>/offer/<token>/<name>")
def pdf(token: str, lang: str, name: str) -> Response:
    offer = _offer_at(token, lang) if name.endswith(".pdf") else abort(404)
    if name != pdf_name(offer) or not offer.pdf:
        abort(404)
    response = Response(offer.pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{name}"'
    return _private(response, offer.lang)


@blueprint.post("/piedavajums/<token>/", defaults={"lang": SOURCE_LANG})
@blueprint.post("/<lang>/offer/<token>/")
def answer(token: str, lang: str) -> Response:
    state = _state()
    offer = _offer_at(token, lang)
    check_origin(state.config.web)
    pairs = read_pairs(state.config.web)
    form: dict[str, str] = {}
    for key, value in pairs:
        if key in FIELDS and isinstance(value, str):
            form.setdefault(key, value)
    if offer.answer:
        return _page(offer, token, 409, notice="already")
    if offer.replaced_by:
        return _page(offer, token, 409, notice="replaced")
    if offer.expired():
        return _page(offer, token, 410, notice="expired")
    given, problems = page.parse_answer(form)
    if given is None and not problems:
        raise RequestProblem(400, [FieldError(None, "malformed")])
    if given is None:
        return _page(offer, token, 422, form=form.get("answer", ""), problems=problems, values=form)
    mail = state.config.mail

    def message(offer, answer, at):
        return answers.owner_message(
            offer, answer, at, mail_from=mail.mail_from, mail_to=mail.mail_to
        )

    written, offer = answers.record_answer(
        state.store, offer, given, message=message, recipients=list(mail.mail_to)
    )
    if not written:  # answered, or replaced, meanwhile
        return _page(offer, token, 409, notice="already" if offer.answer else "replaced")
    log.info("offer %s answered: %s", offer.number, given.kind)
    if given.kind == "accepted":
        _count("offer_accepted", offer)
    state.notify()
    response = redirect(_path(offer, token) + "#atbilde", code=303)
    return _private(response, offer.lang)


@blueprint.get("/api/offer.css")
def stylesheet() -> Response:
    sheet = page.stylesheet()
    response = Response(sheet.body, mimetype="text/css")
    if request.args.get("v") == sheet.version:
        response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    else:
        response.headers["Cache-Control"] = "no-cache"
    return response
