"""`python -m bench.serve FOLDER PORT`: serve a built folder on 127.0.0.1 like `quote serve`.

The same WSGI stack as the dev server (waitress, WhiteNoise with precompressed copies, the
site's 404 page), without the contact endpoint (a count post is answered 204, and nothing
counted), so the site and the floor are served alike.
"""

from __future__ import annotations

import sys
from pathlib import Path


def no_api(environ, start_response):
    """No endpoint: 404, but for the page's count posts (js/count.js), answered 204 as the
    endpoint answers them, so that no page logs a failed request (Lighthouse would count it
    against Best Practices). Nothing is counted."""
    if environ.get("PATH_INFO") == "/api/count" and environ.get("REQUEST_METHOD") == "POST":
        start_response("204 No Content", [])
        return [b""]
    start_response("404 Not Found", [("Content-Type", "text/plain"), ("Content-Length", "0")])
    return [b""]


def app_for(folder: Path):
    try:
        from quote.site.server import site_app
    except ImportError:  # pragma: no cover - the dev server's module moved
        from whitenoise import WhiteNoise

        return WhiteNoise(no_api, root=str(folder), index_file=True)
    return site_app(folder, no_api)


def main(argv: list[str]) -> int:
    import waitress

    folder, port = Path(argv[0]).resolve(), int(argv[1])
    waitress.serve(app_for(folder), host="127.0.0.1", port=port, threads=8, _quiet=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
