"""The contact endpoint: validation, durable store, outbox and the owner's notification email.

Public API (used by ``quote serve`` and the tests)::

    from quote.contact import ContactConfig, create_app, start_outbox_worker, stop_outbox_worker

    config = ContactConfig.from_env(os.environ, site_origin="http://127.0.0.1:8000")
    app = create_app(config)          # Flask app serving /api/contact and /api/health
    start_outbox_worker(app)          # background thread sending notifications
    ...
    stop_outbox_worker(app)

``ContactConfig`` holds three groups of settings (``web``, ``mail``, ``store``), each readable
alone (``StoreSettings.from_env()``); ``from_env`` raises ``ConfigError`` (a ``QuoteError``)
naming the variable at fault. The environment variables are listed in :mod:`quote.contact.config`.
"""

from __future__ import annotations

import importlib
from typing import Any

# The public names, each from its module. Imported on first use, so that the plain-data modules of
# this package (``form``, ``wording``) do not bring Flask into the Pelican build.
_PUBLIC = {
    "ConfigError": "quote.errors",
    "ContactConfig": "quote.contact.config",
    "create_app": "quote.contact.app",
    "start_outbox_worker": "quote.contact.app",
    "stop_outbox_worker": "quote.contact.app",
    "start_counting": "quote.contact.app",
    "stop_counting": "quote.contact.app",
}

__all__ = [
    "ConfigError",
    "ContactConfig",
    "create_app",
    "start_counting",
    "start_outbox_worker",
    "stop_counting",
    "stop_outbox_worker",
]


def __getattr__(name: str) -> Any:
    if name not in _PUBLIC:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_PUBLIC[name]), name)
