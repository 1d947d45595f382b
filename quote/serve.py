"""`quote serve`: the built site and the contact endpoint on one port, for development.

Static files come from the output folder through WhiteNoise; /api/ goes to the contact app;
anything else gets the site's 404 page.
"""

from __future__ import annotations

import os
from pathlib import Path

from whitenoise import WhiteNoise


def not_found_app(output: Path):
    def app(environ, start_response):
        page = output / "404.html"
        body = page.read_bytes() if page.exists() else b"404"
        start_response(
            "404 Not Found",
            [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))],
        )
        return [body]

    return app


def site_app(output: Path, api_app):
    """WSGI app: static files first, then the endpoint under /api/, then the 404 page."""
    fallback = not_found_app(output)

    def dispatch(environ, start_response):
        if environ.get("PATH_INFO", "").startswith("/api/"):
            return api_app(environ, start_response)
        return fallback(environ, start_response)

    # autorefresh: the output folder changes under a running server on every rebuild.
    return WhiteNoise(dispatch, root=str(output), index_file=True, autorefresh=True)


def make_contact_app(origin: str, environ=None):
    from quote.contact import ContactConfig, create_app

    config = ContactConfig.from_env(os.environ if environ is None else environ, site_origin=origin)
    return create_app(config)
