"""``quote deploy`` (what ``make deploy SERVER=…`` runs) against a real sshd on 127.0.0.1.

The "server" is this machine through Debian's OpenSSH server, run as the current user with a
throw-away key (tests/support/sshd.py), in the local test server mode: a scratch folder stands
for the server's ``/`` and the commands that need a real Debian machine (apt, useradd, systemd,
certbot) are replaced by quote/site/deploy/standin.py, which starts the deployed endpoint and
the real nginx from the files the deploy wrote. ssh, rsync, the virtualenv with its packages,
the endpoint, nginx and its configuration test, the links and the health check are all real.

One deploy history, run once for the module (the fixture site, never the owner's): a first run
onto an empty server, a second run that must change nothing, an inquiry, a price change deployed
while a step fails (the old site stays), then the same price change deployed.
"""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest

from quote.contact.store import NewInquiry, Store
from quote.site.deploy.target import SOCKET
from tests.support import (
    BIN,
    ROOT,
    copy_fixture_project,
    fill_in_owner,
    free_port,
    http_request,
    listening_tcp_ports,
    wait_until,
)
from tests.support.sshd import SshServer

# Hand-written from tests/fixtures/site/pricing.yaml: the one-time "positioning" service.
OLD_PRICE, NEW_PRICE = "billing: once\n    price: 250\n", "billing: once\n    price: 275\n"
OLD_CENTS, NEW_CENTS = 25000, 27500
DOMAIN = "www.berzina.lv"
STANDIN = ROOT / "quote" / "site" / "deploy" / "standin.py"


def publish(project: Path) -> None:
    """What ``make publish`` runs, in the scratch project."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "quote.site.builds",
            "--project",
            str(project),
            "--settings",
            "publishconf.py",
            "--link",
            "output",
        ],
        cwd=ROOT,
        # Pelican imports the plugins' quote package too: this checkout's, whatever is installed.
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@dataclasses.dataclass
class Run:
    returncode: int
    output: str
    seconds: float
    calls: list[list[str]]  # the stand-in commands the run made on the "server"


class Server:
    """The scratch server: sshd, its root folder, and the ports nginx and the endpoint use."""

    def __init__(self, folder: Path, project: Path) -> None:
        self.folder, self.project = folder, project
        self.root = folder / "root"
        self.root.mkdir()
        self.sshd = SshServer(folder / "ssh")
        self.http_port = free_port()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    def path(self, absolute: str) -> Path:
        return Path(str(self.root) + absolute)

    def calls(self) -> list[list[str]]:
        log = self.path("/var/log/standin.jsonl")
        if not log.exists():
            return []
        return [json.loads(line)["argv"] for line in log.read_text().splitlines()]

    def deploy(
        self, *, endpoint_socket: str | None = None, domain: str | None = None, ssh_port: int = 0
    ) -> Run:
        before = len(self.calls())
        started = time.monotonic()
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "quote.cli",
                "deploy",
                self.sshd.login,
                "--port",
                str(ssh_port or self.sshd.port),
                "--ssh-config",
                str(self.sshd.ssh_config),
                "--project",
                str(self.project),
                "--http-port",
                str(self.http_port),
                *(["--endpoint-socket", endpoint_socket] if endpoint_socket else []),
                *(["--domain", domain] if domain else []),
            ],
            cwd=ROOT,  # this checkout's quote package, not an installed one
            env={**os.environ, "QUOTE_DEPLOY_TEST_SERVER": str(self.root)},
            capture_output=True,
            text=True,
            timeout=600,
        )
        return Run(
            result.returncode,
            result.stdout + result.stderr,
            time.monotonic() - started,
            self.calls()[before:],
        )

    def pid(self, name: str) -> int | None:
        path = self.path(f"/run/{name}.pid")
        return int(path.read_text()) if path.exists() else None

    def files(self) -> dict[str, tuple[int, int]]:
        """Every file and link the deploy manages: (inode, modification time)."""
        found = {}
        for top in ("/srv/quote", "/etc/quote", "/etc/nginx", "/etc/systemd", "/usr/local/bin"):
            for path in self.path(top).rglob("*"):
                info = path.lstat()
                found[str(path)] = (info.st_ino, info.st_mtime_ns)
        return found

    def get(self, path: str):
        return http_request(self.url + path, None, {"Accept-Encoding": "identity"}, method="GET")

    def post_inquiry(self, number: int) -> int:
        form = {
            "name": f"Klients {number}",
            "email": f"klients{number}@piemers.lv",
            "channels": ["Meta"],
            "message": f"Labdien! Vēlos piedāvājumu, jautājums Nr. {number}.",
            "quote": "positioning=1",
            "website": "",
            "ts": str(int(time.time() * 1000) - 30_000),
        }
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": self.url,
            "Accept": "application/json",
        }
        body = urlencode(form, doseq=True).encode()
        answer = http_request(self.url + "/api/contact", body, headers, method="POST")
        assert answer.status == 201, answer.body
        return answer.json()["id"]

    def quote(self, *argv: str) -> subprocess.CompletedProcess:
        """The owner's command the deploy installed on the server."""
        return subprocess.run(
            [str(self.path("/usr/local/bin/quote")), *argv],
            capture_output=True,
            text=True,
            timeout=60,
        )

    def served_price(self) -> int:
        catalog = self.get("/data/pricing.json").json()
        return next(s["price"] for s in catalog["services"] if s["id"] == "positioning")

    def stop(self) -> None:
        """Stop what the stand-in started for this server (by the pids it wrote), and sshd."""
        for name, sig in (("quote-contact", signal.SIGTERM), ("nginx", signal.SIGQUIT)):
            pid = self.pid(name)
            if pid is not None:
                try:
                    os.kill(pid, sig)
                except ProcessLookupError:
                    continue
                wait_until(lambda p=pid: not Path(f"/proc/{p}").exists(), timeout=15)
        self.sshd.stop()


@dataclasses.dataclass
class History:
    server: Server
    first: Run
    second: Run
    broken: Run
    fixed: Run
    files_after_first: dict
    files_after_second: dict
    pids: list[int | None]  # the endpoint after each run
    price_while_broken: int
    inquiry_before: int
    inquiry_after: int
    port_taken: Run
    health_after_port_taken: int
    with_domain: Run


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> History:
    folder = tmp_path_factory.mktemp("deploy")
    project = copy_fixture_project(folder / "project")
    fill_in_owner(project)
    with (project / "publishconf.py").open("a", encoding="utf-8") as settings:
        settings.write("\nPRECOMPRESS_ZOPFLI = False  # zlib's gzip, not zopfli: seconds faster\n")
    (project / "deploy").mkdir()
    (project / "deploy" / "contact.env").write_text(
        "# Vietnes sūtītāja adrese\nQUOTE_MAIL_FROM=vietne@berzina.lv\n", encoding="utf-8"
    )
    publish(project)
    server = Server(folder, project)
    server.sshd.start()
    try:
        first = server.deploy()
        assert first.returncode == 0, first.output
        files_after_first, pids = server.files(), [server.pid("quote-contact")]
        second = server.deploy()
        assert second.returncode == 0, second.output
        files_after_second = server.files()
        pids.append(server.pid("quote-contact"))
        inquiry = server.post_inquiry(1)

        pricing = project / "pricing.yaml"
        text = pricing.read_text(encoding="utf-8")
        assert text.count(OLD_PRICE) == 1
        pricing.write_text(text.replace(OLD_PRICE, NEW_PRICE), encoding="utf-8")
        publish(project)
        # A broken nginx configuration on the server: the deploy must stop before switching.
        broken_file = server.path("/etc/nginx/sites-enabled/broken")
        broken_file.write_text("this is not nginx;\n")
        broken = server.deploy()
        pids.append(server.pid("quote-contact"))
        price_while_broken = server.served_price()
        broken_file.unlink()
        fixed = server.deploy()
        assert fixed.returncode == 0, fixed.output
        pids.append(server.pid("quote-contact"))
        inquiry_after = server.post_inquiry(2)  # the running endpoint, the new price list
        # The endpoint is moved to a socket it cannot make (a file where its folder would be):
        # the new one can't start.
        server.path("/run/quote/taken").write_text("ne mape\n")
        port_taken = server.deploy(endpoint_socket="/run/quote/taken/contact.sock")
        health_after_port_taken = server.get("/api/health").status
        with_domain = server.deploy(domain=DOMAIN)
        print(
            f"\ndeploy against the local sshd: first run {first.seconds:.1f} s, second run "
            f"{second.seconds:.1f} s, broken step {broken.seconds:.1f} s, price change "
            f"{fixed.seconds:.1f} s, endpoint put back {port_taken.seconds:.1f} s"
        )
        yield History(
            server,
            first,
            second,
            broken,
            fixed,
            files_after_first,
            files_after_second,
            pids,
            price_while_broken,
            inquiry,
            inquiry_after,
            port_taken,
            health_after_port_taken,
            with_domain,
        )
    finally:
        server.stop()


def started(run: Run, *words: str) -> bool:
    return any(call[: len(words)] == list(words) for call in run.calls)


def test_the_first_run_sets_up_the_server_and_serves_the_site_and_the_form(history):
    server, first = history.server, history.first
    assert started(first, "apt-get", "-o", "DPkg::Lock::Timeout=600", "-qq", "install")
    install = next(call for call in first.calls if "install" in call)
    assert {"nginx", "libnginx-mod-http-brotli-static", "python3-venv", "rsync"} <= set(install)
    assert started(first, "useradd", "--system")
    assert started(first, "systemctl", "restart", "quote-contact")
    assert started(first, "systemctl", "reload-or-restart", "nginx")
    assert started(first, "systemctl", "enable", "--now", "--quiet", "quote-purge.timer")
    # The published build is what nginx serves, byte for byte, precompressed too.
    output = (history.server.project / "output").resolve()
    assert server.get("/").body == (output / "index.html").read_bytes()
    brotli = http_request(server.url + "/", None, {"Accept-Encoding": "br"}, method="GET")
    assert brotli.headers.get("content-encoding") == "br"
    assert server.get("/api/health").json() == {"status": "ok", "mail": "file"}
    # nginx's own answers on /api/, written on the server by the deployed code.
    errors = server.path("/srv/quote/endpoint/current/nginx-errors")
    assert {"413.lv.json", "429.lv.html", "languages.map"} <= {p.name for p in errors.iterdir()}
    # Settings owner-only, with the deploy's paths and the owner's address from OWNER.
    env_file = server.path("/etc/quote/contact.env")
    assert env_file.stat().st_mode & 0o777 == 0o600
    settings = env_file.read_text()
    assert "QUOTE_MAIL_TO=anna@berzina.lv\n" in settings  # tests/support FILLED_IN_OWNER
    assert f"QUOTE_DB={server.path('/var/lib/quote/inquiries.sqlite3')}\n" in settings
    assert server.path("/var/lib/quote").stat().st_mode & 0o777 == 0o700
    # The Latvian summary: what is live, no HTTPS yet, mail not sent anywhere.
    assert "Vietnes versija:" in first.output and "galapunkts atbild caur nginx" in first.output
    assert "Vietnei vēl nav HTTPS" in first.output
    assert "BRĪDINĀJUMS: deploy/contact.env nenorāda SMTP serveri" in first.output
    assert (
        "E-pasta paziņojumi: NETIEK SŪTĪTI" in first.output
        and "e-pasts: tikai faili" in first.output
    )


def test_the_endpoint_is_reached_through_nginx_on_its_socket_and_no_port(history):
    """Issue 25 item 5: the deploy makes the endpoint listen on a Unix socket nginx passes /api/
    to, in a folder closed to others, and on no TCP port."""
    server = history.server
    socket_path = server.path(SOCKET)
    site = server.path("/etc/nginx/sites-available/quote-site").read_text()
    assert (
        f"server unix:{socket_path};" in site
    )  # upstream quote_endpoint, which /api/ is passed to
    assert "proxy_pass http://127.0.0.1" not in site and "server 127.0.0.1" not in site
    unit = server.path("/etc/systemd/system/quote-contact.service").read_text()
    assert f"--socket {socket_path}\n" in unit and "--port" not in unit
    assert stat.S_ISSOCK(socket_path.stat().st_mode)
    assert socket_path.stat().st_mode & 0o777 == 0o660
    assert socket_path.parent.stat().st_mode & 0o7777 == 0o2750
    pid = server.pid("quote-contact")
    assert pid is not None and listening_tcp_ports(pid) == set()
    assert server.get("/api/health").status == 200  # through nginx, over the socket


def test_the_timers_purge_deletes_old_inquiries_from_the_deployed_database(history):
    """What quote-purge.timer starts each day, as installed: its unit's command, settings file
    and folder, on the database the endpoint writes; an inquiry past 12 months goes, a new one
    stays."""
    server = history.server
    settings = server.path("/etc/quote/contact.env").read_text(encoding="utf-8")
    lines = settings.splitlines()
    database = Path(next(line for line in lines if line.startswith("QUOTE_DB=")).partition("=")[2])
    store = Store(database)

    def add(name: str, age_days: int) -> int:
        inquiry = NewInquiry(name, "klients@piemers.lv", None, None, (), "Labdien, ziņa.")
        return store.add_inquiry(inquiry, notify=False, now=time.time() - age_days * 86400)

    old, young = add("Sens Klients", 400), add("Jauns Klients", 10)
    started = subprocess.run(
        [sys.executable, str(STANDIN), "systemctl", "start", "quote-purge.service"],
        env={**os.environ, "QUOTE_DEPLOY_TEST_SERVER": str(server.root)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    log = server.path("/var/log/quote-purge.log")
    assert started.returncode == 0, started.stderr + (log.read_text() if log.exists() else "")
    assert store.get_inquiry(old) is None
    assert store.get_inquiry(young) is not None
    assert "Skaits: 1" in log.read_text(encoding="utf-8")


def test_the_second_run_changes_nothing(history):
    second = history.second
    assert history.files_after_second == history.files_after_first
    assert history.pids[0] == history.pids[1] is not None  # the endpoint was not restarted
    changing = {"restart", "reload", "reload-or-restart", "daemon-reload", "enable"}
    assert [call for call in second.calls if call[0] == "systemctl" and call[1] in changing] == []
    assert not started(second, "apt-get")
    assert not started(second, "useradd")
    assert "izmaiņu nebija" in second.output and "nebija jārestartē" in second.output


def test_a_failed_step_stops_with_its_name_and_the_old_site_stays(history):
    broken = history.broken
    assert broken.returncode == 1
    assert "Izvietošana apturēta, solis „nginx pārbaude”" in broken.output
    assert "this is not nginx" in broken.output or "unknown directive" in broken.output
    assert history.price_while_broken == OLD_CENTS  # the site that was live is still served
    assert history.pids[2] == history.pids[1]  # and the endpoint was left alone


def test_a_price_change_is_served_and_earlier_inquiries_are_kept(history):
    server = history.server
    assert server.served_price() == NEW_CENTS
    fixed = history.fixed
    assert not started(fixed, "systemctl", "restart")  # code and settings did not change
    assert history.pids[3] == history.pids[0]
    shown = server.quote("inquiries", "show", str(history.inquiry_before))
    assert shown.returncode == 0, shown.stderr
    assert "Klients 1" in shown.stdout and "250\u00a0€" in shown.stdout
    # The running endpoint prices a new inquiry with the new list.
    shown = server.quote("inquiries", "show", str(history.inquiry_after))
    assert shown.returncode == 0, shown.stderr
    assert "275\u00a0€" in shown.stdout


def test_an_endpoint_that_does_not_start_is_put_back_as_it_was(history):
    server, run = history.server, history.port_taken
    assert run.returncode == 1
    assert "solis „Galapunkta atjaunināšana”" in run.output
    assert "atjaunots iepriekšējais" in run.output
    assert started(run, "systemctl", "restart", "quote-contact")
    unit = server.path("/etc/systemd/system/quote-contact.service").read_text()
    assert f"--socket {server.path(SOCKET)}\n" in unit  # the previous unit, restarted
    assert history.health_after_port_taken == 200  # the form answers through nginx again
    assert server.served_price() == NEW_CENTS


def test_a_domain_asks_certbot_and_makes_the_site_the_domains(history):
    server, run = history.server, history.with_domain
    assert run.returncode == 0, run.output
    assert started(run, "apt-get", "-o", "DPkg::Lock::Timeout=600", "-qq", "install")
    install = next(call for call in run.calls if "install" in call)
    assert {"certbot", "python3-certbot-nginx"} <= set(install)
    certbot = next(call for call in run.calls if call[0] == "certbot")
    assert certbot[1:3] == ["certonly", "--nginx"]
    assert certbot[certbot.index("-d") + 1] == DOMAIN
    assert certbot[certbot.index("-m") + 1] == "anna@berzina.lv"  # OWNER["email"]
    settings = server.path("/etc/quote/contact.env").read_text()
    origins = f"https://{DOMAIN},http://{DOMAIN}:{server.http_port}"  # until the certificate
    assert f"QUOTE_SITE_ORIGIN={origins}\n" in settings
    assert started(run, "systemctl", "restart", "quote-contact")  # its settings changed
    site = server.path("/etc/nginx/sites-available/quote-site").read_text()
    assert f"server_name {DOMAIN};" in site
    # No certificate on this machine: the summary says the site is on plain HTTP for now.
    assert "HTTPS sertifikāta vēl nav" in run.output
    assert server.served_price() == NEW_CENTS


def test_bad_settings_stop_before_anything_is_sent(history, tmp_path):
    server = history.server
    settings = server.project / "deploy" / "contact.env"
    good = settings.read_text(encoding="utf-8")
    before = server.files()
    try:
        settings.write_text(good + "QUOTE_SMTP_PORT=abc\n", encoding="utf-8")
        run = server.deploy()
    finally:
        settings.write_text(good, encoding="utf-8")
    assert run.returncode == 1
    assert "solis „Iestatījumu pārbaude”" in run.output and "QUOTE_SMTP_PORT" in run.output
    assert run.calls == [] and server.files() == before


def test_a_server_that_does_not_answer_stops_at_the_connection(history):
    before = history.server.files()
    run = history.server.deploy(ssh_port=free_port())  # nothing listens there
    assert run.returncode == 1
    assert "solis „Savienojums ar serveri”: nevar pieslēgties serverim" in run.output
    assert "Traceback" not in run.output
    assert run.calls == [] and history.server.files() == before


def test_make_deploy_without_a_server_says_how_to_give_one():
    result = subprocess.run(
        ["make", "--no-print-directory", "deploy"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "make deploy SERVER=lietotājs@serveris" in result.stdout + result.stderr


def test_make_deploy_passes_the_port_and_the_domain():
    result = subprocess.run(
        [
            "make",
            "-n",
            "--no-print-directory",
            "deploy",
            "SERVER=root@203.0.113.10",
            "PORT=2222",
            "DOMAIN=www.berzina.lv",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if "quote deploy" in line)
    assert f"{BIN.name}/quote deploy root@203.0.113.10 --port 2222 --domain www.berzina.lv" in line
