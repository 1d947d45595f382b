"""Which server a deploy goes to, how it is reached, and where everything lives on it.

``SERVER`` is ``user@host`` (key-based SSH). The server's paths are fixed (:class:`Layout`), all
under one ``prefix``: empty on a real server, a scratch folder in the local test server mode.

The local test server mode is the one switch between a real deploy and the one ``make test``
runs: the environment variable ``QUOTE_DEPLOY_TEST_SERVER`` names a scratch folder that stands
for the server's ``/``. Then every path the deploy writes is under that folder, nothing runs with
``sudo``, and the commands that need a real Debian machine (``apt-get``, ``useradd``, ``chown``,
``systemctl``, ``certbot``, ``runuser``) are replaced by :mod:`quote.site.deploy.standin`, which
records each call and does what a test can: it starts the endpoint and nginx as the current user.
The mode is refused for any host but this machine.
"""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path, PurePosixPath

from quote.errors import DeployError

TEST_SERVER_VARIABLE = "QUOTE_DEPLOY_TEST_SERVER"
SERVICE_USER = "quote"
# The endpoint's Unix socket on the server (deploy/quote-contact.service, the nginx site).
SOCKET = "/run/quote/contact.sock"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
_SERVER = re.compile(r"(?P<user>[a-z_][a-z0-9_.-]*)@(?P<host>[A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\])")
_DOMAIN = re.compile(r"(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")

STEP = "Iestatījumu pārbaude"


@dataclasses.dataclass(frozen=True)
class Target:
    """The server: its SSH login, the public name (with ``domain``), the ports and the
    endpoint's socket (a path on the server, in /run/quote/; the tests move it)."""

    user: str
    host: str
    ssh_port: int = 22
    domain: str | None = None
    ssh_config: Path | None = None
    http_port: int = 80
    https_port: int = 443
    endpoint_socket: str = SOCKET

    @classmethod
    def parse(cls, server: str, *, domain: str | None = None, **options) -> Target:
        match = _SERVER.fullmatch(server.strip())
        if not match:
            raise DeployError(
                STEP,
                "serveris jānorāda kā lietotājs@adrese, piemēram, root@203.0.113.10, "
                f"nevis {server!r}.",
            )
        if domain is not None:
            domain = domain.strip().lower().rstrip(".")
            if not _DOMAIN.fullmatch(domain):
                raise DeployError(
                    STEP, f"domēns jānorāda kā www.jusu-vietne.lv (bez https://), nevis {domain!r}."
                )
        socket = options.get("endpoint_socket")
        if socket is not None and not socket.startswith("/run/quote/"):
            raise DeployError(STEP, f"galapunkta ligzdai jābūt mapē /run/quote/, nevis {socket}.")
        for name in ("ssh_port", "http_port", "https_port"):
            value = options.get(name)
            if value is not None and not 1 <= value <= 65535:
                raise DeployError(STEP, f"ports jānorāda no 1 līdz 65535, nevis {value}.")
        options = {k: v for k, v in options.items() if v is not None}
        return cls(user=match["user"], host=match["host"], domain=domain or None, **options)

    @property
    def login(self) -> str:
        return f"{self.user}@{self.host}"

    @property
    def is_root(self) -> bool:
        return self.user == "root"

    @property
    def origin(self) -> str:
        """The site's public origin: HTTPS on the domain, else plain HTTP on the host."""
        if self.domain:
            return f"https://{self.domain}"
        port = "" if self.http_port == 80 else f":{self.http_port}"
        return f"http://{self.host}{port}"

    @property
    def form_origins(self) -> str:
        """Where the form may be sent from: with a domain its HTTPS origin, and its plain-HTTP
        one for as long as the certificate is not there yet (then HTTP redirects to HTTPS)."""
        if self.domain:
            port = "" if self.http_port == 80 else f":{self.http_port}"
            return f"{self.origin},http://{self.domain}{port}"
        return self.origin

    @property
    def http_url(self) -> str:
        """Where the health check reaches nginx over HTTP from here."""
        port = "" if self.http_port == 80 else f":{self.http_port}"
        return f"http://{self.host}{port}"


def local_test_root(target: Target, environ: dict[str, str] | None = None) -> Path | None:
    """The scratch folder standing for the server's ``/`` in the local test server mode."""
    value = (os.environ if environ is None else environ).get(TEST_SERVER_VARIABLE, "").strip()
    if not value:
        return None
    if target.host not in LOOPBACK:
        raise DeployError(
            STEP,
            f"{TEST_SERVER_VARIABLE} ir paredzēts tikai testiem uz šī datora, "
            f"nevis serverim {target.host}. Noņemiet šo mainīgo.",
        )
    root = Path(value)
    if not root.is_absolute() or not root.is_dir():
        raise DeployError(STEP, f"{TEST_SERVER_VARIABLE}: mape {value} nav atrasta.")
    return root


@dataclasses.dataclass(frozen=True)
class Layout:
    """Every path the deploy uses on the server, under ``prefix`` (empty on a real server)."""

    prefix: str = ""

    def path(self, absolute: str) -> str:
        return self.prefix + absolute

    # The published site: one folder per release, ``current`` the link nginx serves through.
    @property
    def site(self) -> str:
        return self.path("/srv/quote/site")

    @property
    def site_releases(self) -> str:
        return f"{self.site}/releases"

    @property
    def site_current(self) -> str:
        return f"{self.site}/current"

    @property
    def output(self) -> str:
        return f"{self.site_current}/output"

    @property
    def pricing(self) -> str:
        return f"{self.site_current}/pricing.yaml"

    # The endpoint: its code (one folder per version, ``current``) and its virtualenv.
    @property
    def endpoint(self) -> str:
        return self.path("/srv/quote/endpoint")

    @property
    def code_releases(self) -> str:
        return f"{self.endpoint}/releases"

    @property
    def code_current(self) -> str:
        return f"{self.endpoint}/current"

    @property
    def venvs(self) -> str:
        return f"{self.endpoint}/venvs"

    @property
    def venv(self) -> str:
        return f"{self.endpoint}/venv"

    # Settings and data.
    @property
    def settings(self) -> str:
        return self.path("/etc/quote/contact.env")

    @property
    def state(self) -> str:
        return self.path("/var/lib/quote")

    @property
    def db(self) -> str:
        return f"{self.state}/inquiries.sqlite3"

    @property
    def mail_dir(self) -> str:
        return f"{self.state}/mail"

    # System files.
    @property
    def systemd(self) -> str:
        return self.path("/etc/systemd/system")

    @property
    def nginx(self) -> str:
        return self.path("/etc/nginx")

    @property
    def nginx_site(self) -> str:
        return f"{self.nginx}/sites-available/quote-site"

    @property
    def nginx_enabled(self) -> str:
        return f"{self.nginx}/sites-enabled/quote-site"

    @property
    def nginx_snippets(self) -> str:
        return f"{self.nginx}/snippets"

    @property
    def command(self) -> str:
        """The owner's ``quote`` command on the server, with the endpoint's settings."""
        return self.path("/usr/local/bin/quote")

    @property
    def letsencrypt(self) -> str:
        return self.path("/etc/letsencrypt/live")

    @property
    def standin(self) -> str:
        return self.path("/usr/lib/quote-deploy/standin.py")


def relative(link: str, target: str) -> str:
    """``target`` as a path relative to the folder of ``link`` (for symbolic links)."""
    return os.path.relpath(target, str(PurePosixPath(link).parent))
