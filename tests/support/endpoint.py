"""The endpoint for real: a server process, raw HTTP requests and an SMTP sink on 127.0.0.1.

``aiosmtpd`` is a test dependency and imported only by :class:`SmtpSink`.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping
from email.message import Message
from pathlib import Path
from urllib.parse import urlsplit

from bench.harness import free_port


def wait_until(
    predicate: Callable[[], object],
    timeout: float = 10.0,
    step: float = 0.02,
    what: str = "condition",
):
    """Poll ``predicate`` until it returns something true (and return it); raise TimeoutError
    naming ``what`` after ``timeout`` seconds. The one waiting helper of the tests."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} not met within {timeout} s")
        time.sleep(step)


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key (openssl, valid for a day), as files in
    ``folder``. A client trusts it only when told to, e.g. with ``SSL_CERT_FILE=<certificate>``,
    which OpenSSL's default verify paths (Python's ``ssl.create_default_context``) honour."""
    certificate, key = folder / "smtp-cert.pem", folder / "smtp-key.pem"
    name = ["-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"]
    files = ["-keyout", str(key), "-out", str(certificate)]
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", *name, *files],
        check=True,
        capture_output=True,
    )
    return certificate, key


class SmtpSink:
    """An SMTP server on 127.0.0.1 keeping every message it accepts (as bytes).

    ``fail_first`` makes the first N deliveries answer ``451`` (a temporary failure);
    ``smtputf8`` makes it offer SMTPUTF8 (RFC 6531) like most current servers; ``refuse``:
    recipients it answers ``550`` (no such mailbox); ``login``: ``(user, password)`` it requires
    (AUTH over the plain connection, as a test allows); ``certificate``: a
    :func:`self_signed_certificate` it offers STARTTLS with, or with ``implicit_tls`` speaks
    TLS from the first byte (port 465 style). An accepted message is answered
    ``250 2.0.0 Ok: queued as N``, N counting from 1.
    """

    def __init__(
        self,
        port: int | None = None,
        *,
        fail_first: int = 0,
        smtputf8: bool = False,
        refuse: tuple[str, ...] = (),
        login: tuple[str, str] | None = None,
        certificate: tuple[Path, Path] | None = None,
        implicit_tls: bool = False,
    ) -> None:
        self.port = port or free_port()
        self.fail_first = fail_first
        self.smtputf8 = smtputf8
        self.refuse = {address.lower() for address in refuse}
        self.login = login
        self.certificate = certificate
        self.implicit_tls = implicit_tls
        self.mail_options: list[list[str]] = []
        self.messages: list[bytes] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.refused = 0
        self._lock = threading.Lock()
        self._controller = None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options) -> str:
        if address.lower() in self.refuse:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 Ok"

    async def handle_DATA(self, server, session, envelope) -> str:
        with self._lock:
            if self.refused < self.fail_first:
                self.refused += 1
                return "451 4.3.0 Try again later"
            content = envelope.original_content or envelope.content
            self.messages.append(content if isinstance(content, bytes) else content.encode())
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
            self.mail_options.append(list(envelope.mail_options))
            return f"250 2.0.0 Ok: queued as {len(self.messages)}"

    def _authenticate(self, server, session, envelope, mechanism, auth_data):
        from aiosmtpd.smtp import AuthResult, LoginPassword

        given = (
            (auth_data.login.decode(), auth_data.password.decode())
            if isinstance(auth_data, LoginPassword)
            else None
        )
        # handled=False: aiosmtpd answers (235, or 535 on a mismatch) itself.
        return AuthResult(success=given == self.login, handled=False)

    def start(self) -> SmtpSink:
        from aiosmtpd.controller import Controller

        auth = {}
        if self.login is not None:
            auth = {
                "authenticator": self._authenticate,
                "auth_required": True,
                "auth_require_tls": False,
            }
        tls = {}
        if self.certificate is not None:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(*self.certificate)
            tls = {"ssl_context": context} if self.implicit_tls else {"tls_context": context}
        self._controller = Controller(
            self,
            hostname="127.0.0.1",
            port=self.port,
            enable_SMTPUTF8=self.smtputf8,
            **auth,
            **tls,
        )
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def __enter__(self) -> SmtpSink:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class Response:
    """An answer as received; ``headers`` is looked up without regard to case."""

    def __init__(self, status: int, headers: Message, body: bytes) -> None:
        self.status = status
        self.headers = headers
        self.body = body

    def json(self):
        import json

        return json.loads(self.body)


class UnixConnection(http.client.HTTPConnection):
    """HTTP over a Unix socket."""

    def __init__(self, path: Path, timeout: float = 10.0) -> None:
        super().__init__("localhost", timeout=timeout)
        self.path = Path(path)

    def connect(self) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(str(self.path))


def http_request(
    url: str,
    body: bytes | None = None,
    headers: Mapping[str, str] | None = None,
    *,
    method: str = "POST",
    timeout: float = 10.0,
    source: str | None = None,
    unix_socket: Path | None = None,
) -> Response:
    """One request with exactly these bytes and headers (no redirects followed); ``source`` is
    the local address to send from (another loopback address is another visitor);
    ``unix_socket``: sent there instead of the URL's host and port (as nginx reaches the
    endpoint)."""
    parts = urlsplit(url)
    if unix_socket is not None:
        conn: http.client.HTTPConnection = UnixConnection(unix_socket, timeout=timeout)
    else:
        conn = http.client.HTTPConnection(
            parts.hostname,
            parts.port,
            timeout=timeout,
            source_address=(source, 0) if source else None,
        )
    try:
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        conn.request(method, target, body=body, headers=dict(headers or {}))
        answer = conn.getresponse()
        return Response(answer.status, answer.msg, answer.read())
    finally:
        conn.close()


class ServerProcess:
    """``python -m quote.contact`` on 127.0.0.1 and a free port, with the given environment."""

    def __init__(self, env: Mapping[str, str], *, cwd: Path, threads: int = 8) -> None:
        self.env = {**os.environ, **env}
        self.cwd = Path(cwd)
        self.threads = threads
        self.process: subprocess.Popen | None = None
        self.url = ""
        self.log_path = self.cwd / "server.log"

    def start(self, timeout: float = 20.0) -> ServerProcess:
        log = open(self.log_path, "ab")  # noqa: SIM115 - kept open for the child
        command = [sys.executable, "-m", "quote.contact", "--port", "0"]
        command += ["--threads", str(self.threads)]
        self.process = subprocess.Popen(
            command, cwd=self.cwd, env=self.env, stdout=subprocess.PIPE, stderr=log
        )
        log.close()
        line = self._first_line(timeout)
        if not line.startswith("listening on "):
            self.stop()
            raise RuntimeError(f"server did not start: {line!r}\n{self.log()}")
        self.url = line.removeprefix("listening on ").strip()
        return self

    def _first_line(self, timeout: float) -> str:
        assert self.process is not None and self.process.stdout is not None
        result: list[bytes] = []
        reader = threading.Thread(target=lambda: result.append(self.process.stdout.readline()))
        reader.daemon = True
        reader.start()
        reader.join(timeout)
        return result[0].decode() if result else ""

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def post(self, body: bytes, headers: Mapping[str, str], **kwargs) -> Response:
        return http_request(self.url + "/api/contact", body, headers, **kwargs)

    def kill(self) -> None:
        """SIGKILL: no clean-up at all, like a power cut for the process."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()
        if self.process.stdout is not None:
            self.process.stdout.close()
        self.process = None

    def __enter__(self) -> ServerProcess:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def listening_tcp_ports(pid: int) -> set[int]:
    """The TCP ports (IPv4 and IPv6) the process ``pid`` listens on, from /proc."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        with contextlib.suppress(OSError):
            target = os.readlink(fd)
            if target.startswith("socket:["):
                inodes.add(target[len("socket:[") : -1])
    ports = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A" and fields[9] in inodes:  # 0A: LISTEN
                ports.add(int(fields[1].rsplit(":", 1)[1], 16))
    return ports
