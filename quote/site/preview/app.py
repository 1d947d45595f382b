"""The preview's WSGI app: the newest good build, never cached, with errors and live reload.

- Every answer from the site carries ``Cache-Control: no-store`` and no validators, so a new tab
  or a reload always asks again; compressed copies are never negotiated.
- Each build folder gets its own WhiteNoise instance, made once the build is complete; a request
  takes one snapshot, so it is answered from one build only.
- With ``live``, every HTML page gets the errors of the last failed build as a banner at the top
  and a small script (``reload.js``) that reloads the page after the next build. Both are added
  here, in the answer: nothing of them is ever in a build.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from whitenoise import WhiteNoise

from quote.site.server import endpoint_path, not_found_app

from .messages import banner_html, warnings_html
from .state import Preview, Snapshot

PREFIX = "/__preview/"
EVENTS_PATH = PREFIX + "events"
SCRIPT_PATH = PREFIX + "reload.js"
RELOAD_SCRIPT = (Path(__file__).with_name("reload.js")).read_bytes()
# How long one event stream stays open; the browser reconnects by itself after it ends.
STREAM_SECONDS = 25.0
# How soon the browser asks again after a stream ended or was refused (a tab beyond the open
# streams' limit polls at this pace): a build finished meanwhile is seen within it.
RETRY_MS = 250
# Conditional and compression headers: a preview answer is always the whole, current file.
_DROPPED_REQUEST_HEADERS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_ACCEPT_ENCODING")
_DROPPED_RESPONSE_HEADERS = {"cache-control", "etag", "last-modified", "content-length", "vary"}
_BODY_OPEN = re.compile(rb"<body\b[^>]*>", re.I)
_BODY_CLOSE = re.compile(rb"</body\s*>", re.I)


class _Sites:
    """One WhiteNoise per build folder, created on first use and dropped with the folder."""

    def __init__(self, autorefresh: bool) -> None:
        self._autorefresh = autorefresh
        self._lock = threading.Lock()
        self._apps: dict[Path, WhiteNoise] = {}

    def get(self, folder: Path) -> WhiteNoise:
        with self._lock:
            app = self._apps.get(folder)
            if app is None:
                app = WhiteNoise(
                    not_found_app(folder),
                    root=str(folder),
                    index_file=True,
                    autorefresh=self._autorefresh,
                    max_age=None,
                )
                # Keep the current build and the one before it (requests may still read it).
                self._apps = {**dict(list(self._apps.items())[-1:]), folder: app}
            return app


def outside(folder: Path, url_path: str) -> bool:
    """Whether what ``url_path`` names lies outside ``folder`` once links and ``..`` are followed.

    WhiteNoise follows symbolic links: a link in a folder served with ``--no-build`` (to
    /etc/passwd, or to a folder holding .git/) would otherwise be served."""
    root = os.path.realpath(folder)
    real = os.path.realpath(os.path.join(root, url_path.lstrip("/")))
    return os.path.commonpath([root, real]) != root


def inject(body: bytes, snapshot: Snapshot) -> bytes:
    """The page with the error banner after ``<body>`` and the reload script before ``</body>``."""
    script = (
        f'<script src="{SCRIPT_PATH}" data-events="{EVENTS_PATH}" '
        f'data-generation="{snapshot.generation}"></script>'
    ).encode()
    close = _BODY_CLOSE.search(body)
    body = body[: close.start()] + script + body[close.start() :] if close else body + script
    banner = b""
    if snapshot.errors:
        banner = banner_html(snapshot.errors).encode()
    elif snapshot.warnings:
        banner = warnings_html(snapshot.warnings).encode()
    if banner:
        opening = _BODY_OPEN.search(body)
        at = opening.end() if opening else 0
        body = body[:at] + banner + body[at:]
    return body


def preview_app(preview: Preview, api_app, live: bool = True) -> Callable:
    """WSGI app serving ``preview``'s current build, /api/ from ``api_app``."""
    sites = _Sites(autorefresh=not live)
    # Each open event stream holds a server thread: a few at most, the rest poll.
    streams = threading.BoundedSemaphore(4)

    def events(start_response) -> Iterable[bytes]:
        start_response(
            "200 OK",
            [("Content-Type", "text/event-stream; charset=utf-8"), ("Cache-Control", "no-store")],
        )
        return _stream(preview, streams)

    def app(environ, start_response):
        path = environ.get("PATH_INFO", "")
        if endpoint_path(path):
            return api_app(environ, start_response)
        if live and path == EVENTS_PATH:
            return events(start_response)
        if live and path == SCRIPT_PATH:
            start_response(
                "200 OK",
                [
                    ("Content-Type", "text/javascript; charset=utf-8"),
                    ("Cache-Control", "no-store"),
                    ("Content-Length", str(len(RELOAD_SCRIPT))),
                ],
            )
            return [RELOAD_SCRIPT]
        snapshot = preview.current()
        head = environ.get("REQUEST_METHOD") == "HEAD"
        environ = {k: v for k, v in environ.items() if k not in _DROPPED_REQUEST_HEADERS}
        if head:  # answered as a GET, so Content-Length is the page's, then sent without a body
            environ["REQUEST_METHOD"] = "GET"
        answer: dict = {}

        def capture(status, headers, exc_info=None):
            answer["status"], answer["headers"] = status, headers

        site = sites.get(snapshot.folder)
        if outside(snapshot.folder, path):
            site = not_found_app(snapshot.folder)
        result = site(environ, capture)
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        dropped = _DROPPED_RESPONSE_HEADERS
        headers = [(k, v) for k, v in answer["headers"] if k.lower() not in dropped]
        content_type = next((v for k, v in headers if k.lower() == "content-type"), "")
        if live and content_type.startswith("text/html"):
            body = inject(body, snapshot)
        headers += [("Cache-Control", "no-store"), ("Content-Length", str(len(body)))]
        start_response(answer["status"], headers)
        return [b"" if head else body]

    return app


def _stream(preview: Preview, streams: threading.BoundedSemaphore) -> Iterable[bytes]:
    """Server-sent events: the build generation now and after every change, for a while."""
    snapshot = preview.current()
    if not streams.acquire(blocking=False):
        # Too many open streams: answer once and let the browser ask again soon.
        yield f"retry: {RETRY_MS}\ndata: {snapshot.generation}\n\n".encode()
        return
    try:
        yield f"retry: {RETRY_MS}\ndata: {snapshot.generation}\n\n".encode()
        deadline = time.monotonic() + STREAM_SECONDS
        while (left := deadline - time.monotonic()) > 0:
            changed = preview.wait_for_change(snapshot.generation, left)
            if changed.generation != snapshot.generation:
                snapshot = changed
                yield f"data: {snapshot.generation}\n\n".encode()
    finally:
        streams.release()
