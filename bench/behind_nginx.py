"""Lighthouse on the published build as production serves it: Debian's nginx with the deploy's
site file (deploy/nginx/quote-site.conf) and the build's own Content-Security-Policy, so that the
security headers (CSP with hashes, frame protection, Permissions-Policy) are in the answers
Lighthouse judges. One run per page: the scores, not the timings, are what this step is for
(best practices must stay 100 with the headers on, issue 25). The endpoint runs behind it on its
Unix socket, as in production, with a scratch database: every page posts its view to /api/count
(issue 26), and a post nginx could not pass on would be an error in the console, which
Lighthouse counts against best practices. (Lighthouse's browser names itself, a robot: nothing
is counted.)
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from urllib.request import urlopen

from bench import lighthouse
from bench.harness import ROOT, free_port

# The answer headers the table lists, as nginx sends them with the landing page.
HEADERS = (
    "Content-Security-Policy",
    "X-Frame-Options",
    "Permissions-Policy",
    "Referrer-Policy",
    "X-Content-Type-Options",
)


def measure(site: Path, paths: dict[str, str], runs: int = 1, log=print) -> dict:
    from tests.support.endpoint import ServerProcess
    from tests.support.nginx import NginxServer, endpoint_env, nginx_binary, write_nginx_errors

    if nginx_binary() is None:
        return {"error": "skipped", "reason": "nginx is not installed (make test installs it)"}
    with tempfile.TemporaryDirectory(prefix="bench-nginx-") as tmp:
        folder = Path(tmp)
        errors = write_nginx_errors(folder)
        port = free_port()
        env = endpoint_env(folder, f"http://127.0.0.1:{port}", site, ROOT / "pricing.yaml")
        with ServerProcess(env, cwd=folder) as endpoint:
            server = NginxServer(
                folder / "nginx",
                root=site,
                api_errors=errors,
                port=port,
                upstream=Path(endpoint.url.removeprefix("unix:")),
            )
            with server:
                with urlopen(server.url + "/", timeout=30) as answer:
                    headers = {name: answer.headers.get(name) for name in HEADERS}
                urls = {name: server.url + path for name, path in paths.items()}
                result = lighthouse.measure(urls, runs, log=log)
    return {"headers": headers, "pages": result}
