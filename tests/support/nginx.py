"""Debian's nginx running the deploy/ site for the production tests, unprivileged-friendly.

Everything nginx writes (pid, error and access logs, temporary bodies) goes into one scratch
folder; the site file is deploy/nginx/quote-site.conf with only its listen address, root folder,
error-answer folder (and its language map), the endpoint's Unix socket, snippet folder and the
served build's security policy (as make deploy puts it in) substituted, each substitution
checked to happen exactly once so that the test always runs the file as shipped.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path

from bench.harness import BIN, listens
from quote.site import csp

ROOT = Path(__file__).resolve().parents[2]
SITE_FILE = ROOT / "deploy" / "nginx" / "quote-site.conf"
BROTLI_SNIPPET = ROOT / "deploy" / "nginx" / "quote-brotli-static.conf"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
MIME_TYPES = Path("/etc/nginx/mime.types")


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next(
        (path for path in ("/usr/sbin/nginx",) if os.access(path, os.X_OK)), None
    )


def write_nginx_errors(folder: Path) -> Path:
    """nginx's own answers on /api/ written into ``folder``/nginx-errors by ``quote
    nginx-errors``, as a deploy writes them where the endpoint is installed; that folder."""
    errors = folder / "nginx-errors"
    subprocess.run(
        [str(BIN / "quote"), "nginx-errors", str(errors)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return errors


def endpoint_env(folder: Path, origin: str, site: Path, pricing: Path) -> dict[str, str]:
    """The endpoint's settings behind nginx, as a deploy gives them, its files in ``folder``:
    the pages of ``origin`` (the built ``site``), the price list, nginx's X-Forwarded-For
    trusted, listening on the Unix socket ``folder``/run/contact.sock alone."""
    return {
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        "QUOTE_SITE_ORIGIN": origin,
        "QUOTE_SITE": str(site),
        "QUOTE_DB": str(folder / "inquiries.sqlite3"),
        "QUOTE_MAIL_DIR": str(folder / "mail"),
        "QUOTE_PRICING": str(pricing),
        "QUOTE_TRUST_PROXY": "1",
        "QUOTE_SOCKET": str(folder / "run" / "contact.sock"),
    }


def substitute(text: str, replacements: list[tuple[str, str]]) -> str:
    for old, new in replacements:
        count = text.count(old)
        if count != 1:
            raise AssertionError(f"{SITE_FILE.name}: expected {old!r} once, found it {count} times")
        text = text.replace(old, new)
    return text


class NginxServer:
    """``nginx`` in the foreground with its own prefix, serving ``root`` on 127.0.0.1:``port``
    and passing /api/ to the endpoint's Unix socket ``upstream``."""

    def __init__(
        self, folder: Path, *, root: Path, api_errors: Path, port: int, upstream: Path
    ) -> None:
        self.folder = Path(folder)
        self.root = Path(root)
        self.api_errors = Path(api_errors)  # written by `quote nginx-errors`, as a deploy does
        self.port = port
        self.upstream = Path(upstream)
        self.process: subprocess.Popen | None = None
        self.brotli = BROTLI_MODULE.exists()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def error_log(self) -> Path:
        return self.folder / "error.log"

    def site_config(self) -> str:
        snippets = self.folder / "snippets"
        snippets.mkdir(parents=True, exist_ok=True)
        if self.brotli:  # as docs/deploy.md says: the snippet only where the module is installed
            shutil.copy(BROTLI_SNIPPET, snippets / BROTLI_SNIPPET.name)
        return substitute(
            SITE_FILE.read_text(),
            [
                ("listen 80;", f"listen 127.0.0.1:{self.port};"),
                ("listen [::]:80;", ""),
                ("root /srv/quote/site/current/output;", f"root {self.root};"),
                # As make deploy puts it in: the served build's own policy.
                (f'"{csp.WITHOUT_HASHES}"', f'"{csp.site_policy(self.root)}"'),
                (
                    "alias /srv/quote/endpoint/current/nginx-errors/;",
                    f"alias {self.api_errors}/;",
                ),
                (
                    "include /srv/quote/endpoint/current/nginx-errors/languages.map;",
                    f"include {self.api_errors}/languages.map;",
                ),
                (
                    "server unix:/run/quote/contact.sock;",
                    f"server unix:{self.upstream};",
                ),
                ("/etc/nginx/snippets/", f"{snippets}/"),
            ],
        )

    def main_config(self) -> str:
        temp = self.folder / "temp"
        lines = [
            "daemon off;",
            "worker_processes 1;",
            f"pid {self.folder / 'nginx.pid'};",
            f"error_log {self.error_log} warn;",
        ]
        if os.geteuid() == 0:
            lines.append("user root root;")  # workers read the test's 0700 scratch folders
        if self.brotli:
            lines.append(f"load_module {BROTLI_MODULE};")
        lines += [
            "events { worker_connections 2048; }",
            "http {",
            f"    include {MIME_TYPES};",
            "    default_type application/octet-stream;",
            f"    access_log {self.folder / 'access.log'};",
            *(
                f"    {kind}_temp_path {temp / kind};"
                for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
            ),
            f"    include {self.folder / 'site.conf'};",
            "}",
        ]
        return "\n".join(lines) + "\n"

    def start(self, timeout: float = 15.0) -> NginxServer:
        binary = nginx_binary()
        if binary is None:
            raise RuntimeError("nginx is not installed (make test installs Debian's nginx)")
        (self.folder / "temp").mkdir(parents=True, exist_ok=True)
        (self.folder / "site.conf").write_text(self.site_config())
        conf = self.folder / "nginx.conf"
        conf.write_text(self.main_config())
        command = [binary, "-p", str(self.folder), "-c", str(conf), "-e", str(self.error_log)]
        check = subprocess.run([*command, "-t"], capture_output=True, text=True, timeout=30)
        if check.returncode != 0:
            raise RuntimeError(f"nginx -t failed:\n{check.stderr}")
        self.process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        if listens(self.port, self.process, timeout):
            return self
        if self.process.poll() is not None:
            raise RuntimeError(f"nginx exited:\n{self.log()}")
        self.stop()
        raise RuntimeError(f"nginx did not listen within {timeout} s:\n{self.log()}")

    def log(self) -> str:
        return self.error_log.read_text(errors="replace") if self.error_log.exists() else ""

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # fast shutdown
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self.process = None

    def __enter__(self) -> NginxServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class NginxWithSite(NginxServer):
    """The same nginx, serving a site configuration given as text (what ``make deploy`` writes
    on a server); ``port`` is one it listens on, waited for at start."""

    def __init__(self, folder: Path, site: str, *, port: int) -> None:
        super().__init__(folder, root=folder, api_errors=folder, port=port, upstream=folder)
        self.site = site

    def site_config(self) -> str:
        return self.site
