"""The one way the contact endpoint is served: waitress, the outbox worker, a clean stop.

Used by ``quote serve`` (the built site and the endpoint on one port, for the owner) and by
``python -m quote.contact`` (the endpoint alone, in production behind nginx on a Unix socket):

    serve_endpoint(host, port, wrap=lambda api: site_app(output, api), channel_timeout=30)
    serve_endpoint(unix_socket=Path("/run/quote/contact.sock"))

On a Unix socket the endpoint listens on no TCP port at all: only who may open the socket file
reaches it (mode 0660: its owner and the folder's group, nginx's; the folder is the service's,
closed to everyone else). There is then no listening origin, so ``QUOTE_SITE_ORIGIN`` must name
the site's; a visitor's address is still what nginx appends to X-Forwarded-For
(``QUOTE_TRUST_PROXY=1``, Werkzeug's ProxyFix): waitress gives every peer on a Unix socket the
same ``REMOTE_ADDR`` (``localhost``), and that peer is nginx.

The socket is bound first, so the origin it listens on is known (also for ``--port 0``) before
the app is built once with it. Extra keyword arguments go to waitress unchanged
(``channel_timeout``, ``connection_limit``, ``trusted_proxy``, …; see waitress's
``Adjustments``). Raises :class:`~quote.errors.ConfigError`,
:class:`~quote.errors.StoreError` or :class:`~quote.errors.ServeError` (the port is taken)
before anything is served.
"""

from __future__ import annotations

import re
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from waitress.server import create_server
from whitenoise import WhiteNoise

from quote.contact import (
    ContactConfig,
    create_app,
    start_counting,
    start_outbox_worker,
    stop_counting,
    stop_outbox_worker,
)
from quote.contact.mail_mode import mode_line
from quote.errors import ServeError
from quote.explain import socket_error, unix_socket_error
from quote.offers import web as offer_web

WAITRESS_DEFAULTS: dict[str, Any] = {
    "threads": 8,
    # The app refuses bodies over 32 KB itself; waitress need not buffer more than this.
    "max_request_body_size": 1024 * 1024,
    # X-Forwarded-For must reach the app, which believes it only as far as QUOTE_TRUST_PROXY
    # says (waitress's default removes it first, and every visitor would share nginx's address).
    "clear_untrusted_proxy_headers": False,
    # A connection silent this long is closed (waitress: 120 s); a form post sends at once.
    "channel_timeout": 20,
    # Connections held at once (waitress: 100, which 100 idle or slow clients fill). Waitress
    # reads requests without tying up a thread, but watches its sockets with select(), which
    # stops at 1024 descriptors. Thousands of slow clients are nginx's job (docs/deploy.md).
    "connection_limit": 500,
}

WSGIApp = Callable[..., Any]
# What the endpoint answers besides /api/: the offers' pages (quote/offers/web.py), as nginx
# passes them on (deploy/nginx/quote-site.conf).
OFFER_PAGES = re.compile(r"^/(?:piedavajums|[a-z]{2,3}/offer)/")


def endpoint_path(path: str) -> bool:
    """Whether the endpoint answers ``path`` (else it is a file of the built site)."""
    return path.startswith("/api/") or OFFER_PAGES.match(path) is not None


SOCKET_MODE = "660"  # the owner (the endpoint) and the group (nginx's) only


def serve_endpoint(
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    unix_socket: Path | None = None,
    wrap: Callable[[WSGIApp], WSGIApp] = lambda api: api,
    ready: Callable[[str], None] = lambda origin: print(f"listening on {origin}", flush=True),
    environ: dict[str, str] | None = None,
    site: Path | None = None,
    **waitress_options: Any,
) -> None:
    """Serve the endpoint (inside ``wrap(api)``) on ``host:port``, or on ``unix_socket`` (then
    ``host`` and ``port`` are not used), until interrupted.

    Once the socket is bound and the app is built, one line on stderr says where notifications
    go (:func:`quote.contact.mail_mode.mode_line`: loudly when only to files); then
    ``ready(origin)`` runs, before the first request is served (``quote serve`` builds the site
    there). ``site``: the built site served beside the endpoint, whose languages the form is
    sent in (else ``QUOTE_SITE``).
    """
    options = {**WAITRESS_DEFAULTS, **waitress_options}
    if unix_socket is not None:
        server = _unix_server(unix_socket, options)
        origin, listening = f"unix:{unix_socket}", None
    else:
        try:
            server = create_server(_not_ready, host=host, port=port, ident="quote", **options)
        except OSError as exc:  # socket.gaierror too: an address this machine does not have
            raise ServeError(socket_error(host, port, exc)) from exc
        origin = listening = f"http://{_url_host(host)}:{server.effective_port}"
    try:
        config = ContactConfig.from_env(environ, site_origin=listening, site=site)
        api = offer_web.register(create_app(config))
        server.application = wrap(api)
    except BaseException:
        server.close()
        raise
    # Where notifications go, on stderr (the journal in production): never silent about files.
    print(mode_line(config.mail), file=sys.stderr, flush=True)
    ready(origin)
    start_outbox_worker(api)
    start_counting(api)
    _stop_on_sigterm()
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        stop_outbox_worker(api)
        server.close()
        stop_counting(api)  # the counts still in memory, once nothing can add to them


def _stop_on_sigterm() -> None:
    """SIGTERM (systemd's stop, a test's terminate()) ends serving as Ctrl+C does, so that the
    clean-up runs: the counts still in memory are written."""

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, interrupt)


def _unix_server(path: Path, options: dict[str, Any]):
    """waitress on a Unix socket at ``path`` (a stale socket there is replaced), mode 0660;
    its folder is made owner-only when it does not exist (systemd makes it in production)."""
    try:
        path.parent.mkdir(mode=0o750, parents=True, exist_ok=True)
        return create_server(
            _not_ready,
            unix_socket=str(path),
            unix_socket_perms=SOCKET_MODE,
            ident="quote",
            **options,
        )
    except OSError as exc:
        raise ServeError(unix_socket_error(path, exc)) from exc


def site_app(output: Path, api_app: WSGIApp) -> WSGIApp:
    """The built site with the endpoint: static files first (WhiteNoise, precompressed copies),
    then ``/api/`` and the offers' pages to the endpoint, then the site's 404 page."""
    fallback = not_found_app(output)

    def dispatch(environ, start_response):
        if endpoint_path(environ.get("PATH_INFO", "")):
            return api_app(environ, start_response)
        return fallback(environ, start_response)

    # autorefresh: the output folder changes under a running server on every rebuild.
    return WhiteNoise(dispatch, root=str(output), index_file=True, autorefresh=True)


def not_found_app(output: Path) -> WSGIApp:
    """The site's 404 page (or a bare 404 when the build has none)."""

    def app(environ, start_response):
        page = output / "404.html"
        body = page.read_bytes() if page.exists() else b"404"
        start_response(
            "404 Not Found",
            [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))],
        )
        return [body]

    return app


def _not_ready(environ, start_response):  # pragma: no cover - replaced before serving
    start_response("503 Service Unavailable", [("Content-Length", "0")])
    return [b""]


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host
