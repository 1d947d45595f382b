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

from .app import create_app, start_outbox_worker, stop_outbox_worker
from .config import ConfigError, ContactConfig

__all__ = [
    "ConfigError",
    "ContactConfig",
    "create_app",
    "start_outbox_worker",
    "stop_outbox_worker",
]
