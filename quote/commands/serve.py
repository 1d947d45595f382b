"""`quote serve`: build the site, serve it and the contact endpoint, rebuild on change."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "serve", help="serve the site and the contact endpoint on one port, rebuilding on change"
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument(
        "--project", type=Path, default=Path.cwd(), help="folder with pelicanconf.py"
    )
    parser.add_argument("--output", type=Path, default=None, help="site folder (default: output/)")
    parser.add_argument("--no-build", action="store_true", help="serve the output folder as it is")
    parser.add_argument("--no-watch", action="store_true", help="do not rebuild on change")
    parser.add_argument("--threads", type=int, default=8)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import waitress

    from quote.contact import ConfigError, start_outbox_worker, stop_outbox_worker
    from quote.serve import make_contact_app, site_app
    from quote.site_build import Watcher, run_build

    project = args.project.resolve()
    output = (args.output or project / "output").resolve()
    origin = f"http://{args.host}:{args.port}"
    try:
        api = make_contact_app(origin)
    except ConfigError as exc:
        print(f"quote serve: {exc}", file=sys.stderr)
        return 2
    if not args.no_build and not run_build(project, output):
        print("quote serve: the build failed; fix the error above and save again.", file=sys.stderr)
    output.mkdir(parents=True, exist_ok=True)
    watcher = None
    if not args.no_build and not args.no_watch:
        watcher = Watcher(project, lambda: run_build(project, output))
        watcher.start()
    start_outbox_worker(api)
    print(f"Serving {output} and the contact endpoint on {origin}/", flush=True)
    try:
        waitress.serve(
            site_app(output, api),
            host=args.host,
            port=args.port,
            threads=args.threads,
            # The app refuses bodies over 32 KB; waitress need not buffer more than this.
            max_request_body_size=1024 * 1024,
        )
    finally:
        if watcher:
            watcher.stop()
        stop_outbox_worker(api)
    return 0
