"""Run the contact endpoint alone: ``python -m quote.contact [--host H] [--port P]``.

For development and the endpoint's own tests (``quote serve`` serves it together with the site).
Settings come from the environment (see :mod:`quote.contact.config`); the listening address is
also accepted as the site's origin. ``--port 0`` picks a free port. The first line printed is
``listening on http://HOST:PORT``.
"""

from __future__ import annotations

import argparse
import logging
import sys

from waitress.server import create_server

from .app import create_app, start_outbox_worker, stop_outbox_worker
from .config import ConfigError, ContactConfig
from .store import StoreError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m quote.contact")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")

    # The listening origin is known only once the socket is bound (port 0).
    server = None
    try:
        probe = ContactConfig.from_env(site_origin=f"http://{args.host}:{args.port or 1}")
        app = create_app(probe)
        server = create_server(
            app,
            host=args.host,
            port=args.port,
            threads=args.threads,
            max_request_body_size=1024 * 1024,
            ident="quote",
        )
        if args.port == 0:
            config = ContactConfig.from_env(
                site_origin=f"http://{args.host}:{server.effective_port}"
            )
            app = create_app(config)
            server.application = app
    except (ConfigError, StoreError) as exc:
        print(f"quote.contact: {exc}", file=sys.stderr)
        if server is not None:
            server.close()
        return 2
    print(f"listening on http://{args.host}:{server.effective_port}", flush=True)
    start_outbox_worker(app)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        stop_outbox_worker(app)
    return 0


if __name__ == "__main__":
    sys.exit(main())
