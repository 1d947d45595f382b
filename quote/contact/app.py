"""The contact endpoint: a Flask app answering ``POST /api/contact``.

The app owns the ``/api/`` prefix: ``quote serve`` passes it every request under ``/api/``
unchanged (e.g. ``WhiteNoise(create_app(config), root="output")``, or a dispatcher that does not
strip the prefix). Routes:

- ``POST /api/contact``: the contact form (form-encoded, multipart or JSON);
- ``POST /api/count``: one cookie-free visitor count from the page's script, answered 204
  (quote/counting/endpoint.py); 404 while ``QUOTE_COUNTING`` is off;
- ``GET /api/health``: ``{"status": "ok", "mail": "smtp"}`` when the store can be read and
  written (a probe: quote.contact.health), else 503 ``{"status": "error", "problem": "store"}``;
  ``mail`` is ``file`` while no SMTP server is set (notifications are then only written to files).

Order of checks for a post: rate limit (429), origin (403), size (413), content type (415),
decoding (400), fields (422). Success is answered only after the inquiry (and its outbox row) is
committed: with ``Accept: application/json`` 201 ``{"id": N}``, otherwise 303 to the thank-you page
of the form's language.
Honeypot and time-trap hits get the same answer and are stored as spam, never emailed.

One inquiry per send: a post repeating a stored send (the same ``send_key``, or without a key the
same address and message within ten minutes) gets exactly the first answer (same id, same
redirect) and stores and emails nothing.

The visitor's address is ``REMOTE_ADDR``, or with ``trust_proxy = N`` the Nth address from the
right of ``X-Forwarded-For`` (Werkzeug's ``ProxyFix``, inside the app, so it works under any WSGI
server; waitress must then pass the header on: ``clear_untrusted_proxy_headers=False``). The rate
limits, the log lines and the stored inquiry use it. Two limits per address: ``rate_limit``
counts accepted sends only (new inquiries, spam included), ``refused_rate_limit`` counts refused
posts (4xx), so refused attempts never use up a visitor's quota and a flood still ends in 429.

Errors in JSON: ``{"errors": [{"field": "email", "code": "invalid_email", "message": "…"}]}``
(``field`` is null for request-level errors). Without JSON in ``Accept`` an error is an HTML
page; for 422 it lists each problem above the form, filled in with what was sent, posting
again to the same address.

Languages: the form sends its page's language (``lang``); the messages, the error page and the
redirect follow it, and the inquiry keeps it (:mod:`quote.contact.languages`: the site's languages
come from the build). An unknown or missing language is the default one, never a refusal. Errors
answered before the form is read (403, 413, 415, 429, …) follow ``Accept-Language``.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, Response, g, jsonify, redirect, render_template, request, url_for
from flask_limiter import Limiter
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from quote.contact.form import FIELDS
from quote.counting.endpoint import Counting
from quote.i18n import SOURCE_LANG
from quote.private import tighten

from . import body as bodies
from .config import ConfigError, ContactConfig, WebSettings
from .errors import BodyError, FieldError, Invalid, RequestProblem
from .health import StoreHealth
from .languages import FormLanguage, LanguageSource
from .messages import LABELS, message_for, title_for
from .numbering import numbers_in_use, offers_folder
from .outbox import OutboxWorker
from .quoting import CatalogSource, QuoteResult, recompute
from .store import NewInquiry, Store
from .validation import Submission, valid_send_key, validate

log = logging.getLogger(__name__)

EXTENSION = "quote_contact"
STATUS_CODES = {
    400: "malformed",
    403: "cross_site",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
    429: "rate_limited",
    500: "server_error",
    503: "store_unavailable",
}
# A page-load time further ahead of our clock than this is not a browser's clock being off.
CLOCK_SKEW_SECONDS = 60.0
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)


class ContactState:
    """What the app keeps in ``app.extensions["quote_contact"]``."""

    def __init__(self, config: ContactConfig, store: Store) -> None:
        self.config = config
        self.store = store
        self.catalog = CatalogSource(config.store.pricing)
        self.languages = LanguageSource(config.web, config.web.catalogs)
        self.worker: OutboxWorker | None = None
        self.clock = time.time
        self.health = StoreHealth(store)
        # Visitor counts, None while counting is off (QUOTE_COUNTING).
        self.counting = (
            Counting(config.web, store, self.catalog, self.languages)
            if config.web.counting
            else None
        )

    def notify(self) -> None:
        if self.worker is not None:
            self.worker.wake()


def create_app(config: ContactConfig | None = None) -> Flask:
    """The endpoint's WSGI app. Reads the environment when ``config`` is None.

    Creates or migrates the store at once, so a bad path fails at start, and makes the store
    and the mail folder owner-only (see :mod:`quote.private`). The outbox worker is
    not started here: call :func:`start_outbox_worker` in the serving process.
    """
    if config is None:
        config = ContactConfig.from_env()
    if not isinstance(config, ContactConfig):
        raise ConfigError(f"create_app: expected a ContactConfig, got {type(config).__name__}")
    tighten(config.store.db, config.mail.mail_dir)  # personal data left readable by others
    store = Store(config.store.db)
    # A new database continues the numbers already on e-mails and offers; a damaged one stops
    # the start here, so that the server never takes inquiries it cannot keep.
    store.migrate(numbers_in_use(config.mail.mail_dir, offers_folder(config.store.db)))
    store.check()

    app = Flask(__name__, static_folder=None)
    # The error page's texts through gettext: each rendering passes its language's callables.
    app.jinja_env.add_extension("jinja2.ext.i18n")
    app.config["MAX_CONTENT_LENGTH"] = config.web.max_body_bytes
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    state = ContactState(config, store)
    app.extensions[EXTENSION] = state
    if config.web.trust_proxy:
        app.wsgi_app = _warn_without_forwarded_for(  # type: ignore[method-assign]
            ProxyFix(app.wsgi_app, x_for=config.web.trust_proxy), config.web.trust_proxy
        )

    # Registered before the limiter's hook, so it runs after it (Flask runs them in reverse).
    @app.after_request
    def headers(response: Response) -> Response:
        response.headers.setdefault("Cache-Control", "no-store")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.vary.add("Accept")
        if response.status_code != 429:
            response.headers.pop("Retry-After", None)
        return response

    # Flask-Limiter logs at INFO which address went over a limit: no visitor address is logged.
    logging.getLogger("flask-limiter").setLevel(logging.WARNING)
    limiter = Limiter(
        client_address,
        app=app,
        storage_uri="memory://",
        strategy="fixed-window",
        headers_enabled=True,
        key_prefix="quote-contact",
    )

    def contact() -> Response | tuple[Response, int]:
        return _handle_contact(state)

    accepted = limiter.limit(
        config.web.rate_limit, methods=["POST"], scope="accepted", deduct_when=_new_inquiry
    )
    refused = limiter.limit(
        config.web.refused_rate_limit, methods=["POST"], scope="refused", deduct_when=_refused
    )
    app.add_url_rule("/api/contact", "contact", accepted(refused(contact)), methods=["POST"])

    if state.counting is not None:
        counting = state.counting

        def count() -> Response | tuple[Response, int]:
            return counting.answer(request)

        # A limit of its own: counting never uses up a visitor's quota of inquiries.
        counted = limiter.limit(config.web.count_rate_limit, methods=["POST"], scope="count")
        app.add_url_rule("/api/count", "count", counted(count), methods=["POST"])

    @app.get("/api/health")
    def health() -> Response | tuple[Response, int]:
        # Whether notifications reach the owner: "file" means only .eml files are written.
        mail = "smtp" if config.mail.smtp_host else "file"
        if state.health.problem():  # the detail (a path) is for the log, not for the public
            return jsonify(status="error", problem="store", mail=mail), 503
        return jsonify(status="ok", mail=mail)

    @app.errorhandler(RequestProblem)
    def request_problem(exc: RequestProblem):
        return error_response(exc.status, exc.errors, exc.values)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        status = exc.code or 500
        code = STATUS_CODES.get(status, "malformed" if status < 500 else "server_error")
        response = error_response(status, [FieldError(None, code)])
        if status == 405:
            posts = request.path in ("/api/contact", "/api/count")
            response.headers["Allow"] = "POST" if posts else "GET"
        return response

    @app.errorhandler(Exception)
    def server_error(exc: Exception):
        log.exception("contact endpoint failed")
        return error_response(500, [FieldError(None, "server_error")])

    return app


def start_outbox_worker(app: Flask) -> OutboxWorker:
    """Start (once) the thread that sends the owner's notifications; returns the worker."""
    state: ContactState = app.extensions[EXTENSION]
    if state.worker is None:
        state.worker = OutboxWorker(state.config.mail, state.store, state.config.store.pricing)
    state.worker.start()
    return state.worker


def stop_outbox_worker(app: Flask, timeout: float = 10.0) -> None:
    """Stop the notification thread (waits up to ``timeout`` for a send in progress)."""
    state: ContactState = app.extensions[EXTENSION]
    if state.worker is not None:
        state.worker.stop(timeout)


def start_counting(app: Flask) -> None:
    """Start the thread that writes the visitor counts to the store every few seconds."""
    state: ContactState = app.extensions[EXTENSION]
    if state.counting is not None:
        state.counting.tally.start()


def stop_counting(app: Flask) -> None:
    """Stop that thread and write the counts still in memory."""
    state: ContactState = app.extensions[EXTENSION]
    if state.counting is not None:
        state.counting.tally.stop()


# -- the visitor's address and the limits ----------------------------------------------------


def client_address() -> str:
    """The visitor's address: the peer, or what the trusted proxies say (see the docstring)."""
    return request.remote_addr or "unknown"


def _new_inquiry(response: Response) -> bool:
    return response.status_code in (201, 303) and bool(g.get("quote_new_inquiry"))


def _refused(response: Response) -> bool:
    # 429 itself is not counted: it is answered before anything is read.
    return 400 <= response.status_code < 500 and response.status_code != 429


def _warn_without_forwarded_for(wsgi_app, trusted: int):
    """Log once when a post arrives without X-Forwarded-For although proxies are trusted: the
    proxy does not set it, or the WSGI server removed it (waitress does unless
    ``clear_untrusted_proxy_headers=False``), and every visitor would share one address."""
    warned = False

    def app(environ, start_response):
        nonlocal warned
        if (
            not warned
            and environ.get("REQUEST_METHOD") == "POST"
            and "HTTP_X_FORWARDED_FOR" not in environ
        ):
            warned = True
            log.warning(
                "QUOTE_TRUST_PROXY=%s but a post from %s came without X-Forwarded-For: every "
                "visitor counts as that address (is the proxy setting the header, and does the "
                "WSGI server pass it on?)",
                trusted,
                environ.get("REMOTE_ADDR"),
            )
        return wsgi_app(environ, start_response)

    return app


# -- the view ---------------------------------------------------------------------------------


def wants_json() -> bool:
    """JSON when the client names it (``Accept: application/json``, also beside ``*/*``);
    HTML for browsers' form posts, ``*/*`` and no Accept at all."""
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json"


def check_origin(config: WebSettings) -> None:
    """403 unless the post comes from the site's own pages (also the offer page's answers)."""
    if not config.same_site(request.headers.get("Origin"), request.headers.get("Sec-Fetch-Site")):
        raise RequestProblem(403, [FieldError(None, "cross_site")])


def read_pairs(config: WebSettings) -> list[tuple[str, Any]]:
    """The body's fields, strictly decoded; 413/415/400 as a RequestProblem."""
    length = request.content_length
    if length is not None and length > config.max_body_bytes:
        raise RequestProblem(413, [FieldError(None, "too_large")])
    mimetype = request.mimetype
    try:
        bodies.check_content_type(mimetype, request.mimetype_params)
        data = request.get_data(cache=False)  # raises 413 past MAX_CONTENT_LENGTH
        return bodies.decode(mimetype, request.mimetype_params, data)
    except BodyError as exc:
        raise RequestProblem(exc.status, [FieldError(None, exc.code)]) from exc


def _handle_contact(state: ContactState):
    config = state.config.web
    check_origin(config)
    try:
        pairs = read_pairs(config)
    except Invalid as exc:  # a JSON key given twice
        raise RequestProblem(422, exc.errors) from exc
    lang = g.quote_lang = state.languages.get().of_form(pairs)
    try:
        submission = validate(pairs)
    except Invalid as exc:
        raise RequestProblem(422, exc.errors, pairs) from exc

    now = state.clock()
    address = client_address()
    spam = _spam_reason(submission, now, config.min_fill_seconds)
    quote = QuoteResult() if spam else recompute(state.catalog, submission.quote)
    inquiry = NewInquiry(
        name=submission.name,
        email=submission.email,
        phone=submission.phone,
        company=submission.company,
        channels=submission.channels,
        message=submission.message,
        spam=spam,
        quote_query=quote.query,
        estimate_json=quote.estimate_json,
        price_version=quote.price_version,
        quote_note=quote.note,
        client_address=address,
        send_key=submission.send_key,
        price_list_json=quote.price_list_json,
        lang=lang.code,
    )
    try:
        stored = state.store.add_send(inquiry, notify=spam is None, now=now)
    except sqlite3.Error as exc:
        state.health.failed()
        log.exception("an inquiry could not be stored")
        raise RequestProblem(503, [FieldError(None, "store_unavailable")], pairs) from exc
    if stored.created:
        g.quote_new_inquiry = True
        # No visitor address in the log: it is kept with the inquiry only (privacy notice).
        log.info("inquiry %s stored%s", stored.id, f" as spam ({spam})" if spam else "")
        if spam is None:
            state.notify()
            if state.counting is not None:  # counted here, so that it survives blockers
                state.counting.count("inquiry", lang.code, request.headers)
    else:
        log.info("inquiry %s sent again: answered as before", stored.id)
    if wants_json():
        return jsonify(id=stored.id), 201
    return redirect(lang.thanks_url, code=303)


def _spam_reason(submission: Submission, now: float, min_fill: float) -> str | None:
    if submission.honeypot:
        return "honeypot"
    if submission.ts_invalid:
        return "bad_time"  # no page's script sends a page-load time that is not a number
    if submission.ts_ms is not None:
        age = now - submission.ts_ms / 1000
        if age < -CLOCK_SKEW_SECONDS:
            return "bad_time"  # a page loaded in the future
        # A clock slightly ahead of ours gives a small negative age: no evidence either way.
        if 0 <= age < min_fill:
            return "too_fast"
    return None


# -- errors ------------------------------------------------------------------------------------


def error_response(status: int, errors: list[FieldError], values: Any = None) -> Response:
    lang = _answer_language()
    translations = lang.translations
    items = [
        {"field": e.field, "code": e.code, "message": message_for(e.field, e.code, translations)}
        for e in errors
    ]
    if wants_json():
        response = jsonify(errors=items)
    else:
        context = _form_context(values) if values is not None else None
        html = render_template(
            "contact_error.html",
            **error_page_context(lang, status, items, form=context, action=_form_action()),
        )
        response = Response(html, mimetype="text/html")
    response.status_code = status
    response.headers["Content-Language"] = lang.code
    response.vary.add("Accept-Language")
    return response


def error_page_context(
    lang: FormLanguage,
    status: int,
    items: list[dict[str, Any]],
    *,
    form: dict[str, Any] | None,
    action: str,
) -> dict[str, Any]:
    """What templates/contact_error.html renders, in ``lang`` (the endpoint and nginx's files)."""
    translations = lang.translations
    return {
        "lang": lang.code,
        "gettext": translations.gettext,
        "ngettext": translations.ngettext,
        "status": status,
        "title": title_for(status, translations),
        "errors": items,
        "labels": {name: translations.gettext(label) for name, label in LABELS.items()},
        "fields": FIELDS,
        "form": form,
        "action": action,
        "form_url": lang.form_url,
        "home_url": urlsplit(lang.form_url).path or "/",
    }


def _answer_language() -> FormLanguage:
    """The form's language once it was read; before that, by ``Accept-Language``."""
    found = g.get("quote_lang")
    if found is not None:
        return found
    try:
        languages = _state().languages.get()
    except Exception:  # never let an error answer fail over its language
        log.exception("the site's languages could not be read")
        return FormLanguage(SOURCE_LANG, "/", "/")
    return languages.best_match(request.accept_languages)


def _state() -> ContactState:
    from flask import current_app

    return current_app.extensions[EXTENSION]


def _form_action() -> str:
    try:
        return url_for("contact")
    except Exception:
        return "/api/contact"


def _printable(value: Any, multiline: bool) -> str:
    text = value if isinstance(value, str) else ""
    keep = "\n\t" if multiline else "\t"
    return "".join(ch for ch in text if ch in keep or (ch.isprintable() or ch == " "))


def _form_context(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """What was sent, for the form on the 422 page (control characters left out)."""
    values: dict[str, Any] = {}
    channels: set[str] = set()
    for name, value in pairs:
        if name == "channels":
            if isinstance(value, str):
                channels.add(value.strip())
        elif name in LABELS and name not in values:
            values[name] = _printable(value, multiline=name == "message")
        elif name == "send_key" and valid_send_key(value):
            values[name] = value  # the corrected form is the same send
    values["channels"] = channels
    return values
