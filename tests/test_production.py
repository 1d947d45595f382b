"""The endpoint as it runs in production: Debian's nginx with the deploy/ site in front, the
endpoint started as deploy/quote-contact.service starts it, with the settings make deploy
writes from deploy/contact.env.example (QUOTE_TRUST_PROXY=1), and visitors at distinct
loopback addresses (127.0.0.2, …).

The endpoint listens, as in production, on a Unix socket only (nginx's upstream), on no TCP
port. Only paths, ports and the origin are substituted in the deploy/ files. Each test uses its own
visitor addresses, so the endpoint's per-address limits of one test never touch another's.
Traffic goes to 127.0.0.1 only and every wait is bounded.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shlex
import shutil
import socket
import stat
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from email import policy
from email.parser import BytesParser
from pathlib import Path
from urllib.parse import urlencode

import pytest
from markupsafe import escape

from quote.contact import nginx_errors
from quote.contact.messages import MESSAGES, TITLES
from quote.contact.store import Store
from quote.site.csp import site_policy
from quote.site.deploy.settings import read_env_file, server_environment
from quote.site.deploy.target import Layout, Target
from tests.support import (
    BIN,
    FIXTURE_PROJECT,
    ROOT,
    Response,
    build,
    copy_fixture_project,
    free_port,
    http_request,
    listening_tcp_ports,
    publish_languages,
    wait_until,
)
from tests.support.nginx import NginxServer
from tests.support.site import serve_folder

DEPLOY = ROOT / "deploy"
UNIT = DEPLOY / "quote-contact.service"
ENV_EXAMPLE = DEPLOY / "contact.env.example"
SLOW_CLIENTS = 200

_addresses = (f"127.0.0.{n}" for n in itertools.count(2))


def visitor() -> str:
    """A loopback address no other test has used."""
    return next(_addresses)


# -- the deploy/ files --------------------------------------------------------------------------


def unit_service_settings() -> dict[str, str]:
    """``Key=Value`` lines of the unit's [Service] section."""
    settings, section = {}, None
    for line in UNIT.read_text().splitlines():
        line = line.strip()
        if line.startswith("["):
            section = line
        elif section == "[Service]" and "=" in line and not line.startswith("#"):
            key, _, value = line.partition("=")
            settings[key] = value
    return settings


def production_env() -> dict[str, str]:
    """The endpoint's settings as ``make deploy`` writes them on a server for www.example.lv,
    from deploy/contact.env.example as the owner copies it."""
    target = Target.parse("root@www.example.lv", domain="www.example.lv")
    owner = read_env_file(ENV_EXAMPLE)
    return server_environment(owner, Layout(), target, mail_to="owner@example.lv")


class Endpoint:
    """The endpoint process as the unit starts it, paths substituted: its socket in ``run``,
    the folder systemd makes (RuntimeDirectory, its mode as the unit says)."""

    def __init__(self, var: Path, origin: str, site: Path) -> None:
        self.var, self.origin = var, origin
        self.log_path = var.parent / "endpoint.log"
        self.process: subprocess.Popen | None = None
        unit = unit_service_settings()
        self.run = var.parent / "run"
        self.run_mode = int(unit["RuntimeDirectoryMode"], 8)
        assert unit["RuntimeDirectory"] == "quote"
        self.paths = {
            "/run/quote": str(self.run),
            "/var/lib/quote": str(var),
            "/srv/quote/site/current/output": str(site),
            "/srv/quote/site/current/pricing.yaml": str(FIXTURE_PROJECT / "pricing.yaml"),
            "/srv/quote/endpoint/current": str(ROOT),
        }
        self.env = {
            key: self._local(value).replace("https://www.example.lv", origin)
            for key, value in production_env().items()
        }
        command = shlex.split(unit["ExecStart"])
        assert command[0] == "/srv/quote/endpoint/venv/bin/python", command
        assert "--port" not in command and "--host" not in command
        self.socket = Path(self._local(command[command.index("--socket") + 1]))
        assert self.socket.parent == self.run
        self.command = [sys.executable, *(self._local(part) for part in command[1:])]
        self.cwd = self._local(unit["WorkingDirectory"])

    def _local(self, text: str) -> str:
        for production, here in self.paths.items():
            text = text.replace(production, here)
        return text

    @property
    def process_env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("QUOTE_")}
        env.update(self.env)
        return env

    def start(self) -> Endpoint:
        self.run.mkdir(exist_ok=True)
        self.run.chmod(self.run_mode)
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                self.command,
                cwd=self.cwd,
                env=self.process_env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        wait_until(self._healthy, timeout=20)
        return self

    def _healthy(self) -> bool:
        if self.process is not None and self.process.poll() is not None:
            raise RuntimeError(f"the endpoint exited:\n{self.log()}")
        try:
            return self.request("GET", "/api/health", timeout=2).status == 200
        except OSError:
            return False

    def request(self, method: str, path: str, body=None, headers=None, **kwargs) -> Response:
        """Straight to the endpoint's socket, past nginx."""
        url = f"http://localhost{path}"
        return http_request(url, body, headers, method=method, unix_socket=self.socket, **kwargs)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self.process = None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def quote(self, *argv: str) -> subprocess.CompletedProcess:
        """The owner's command with the service's settings (as `sudo -u quote` would run it)."""
        return subprocess.run(
            [str(BIN / "quote"), *argv],
            cwd=self.cwd,
            env=self.process_env,
            capture_output=True,
            text=True,
            timeout=60,
        )

    @property
    def store(self) -> Store:
        return Store(Path(self.env["QUOTE_DB"]))

    @property
    def mail_dir(self) -> Path:
        return Path(self.env["QUOTE_MAIL_DIR"])


def request(
    port: int,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: Mapping[str, str] | None = None,
    *,
    source: str = "127.0.0.1",
    timeout: float = 10.0,
) -> Response:
    url = f"http://127.0.0.1:{port}{path}"
    return http_request(url, body, headers, method=method, timeout=timeout, source=source)


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """The fixture site's published build (.gz and .br copies), as `make publish` writes it,
    with its English published too (LANGUAGES = ["lv", "en"] in a scratch copy)."""
    project = copy_fixture_project(tmp_path_factory.mktemp("project"))
    publish_languages(project, ["lv", "en"])
    output = tmp_path_factory.mktemp("published")
    result = build(project, output, "publishconf.py")
    assert result.returncode == 0, result.stdout + result.stderr
    return output


class Deployment:
    def __init__(self, nginx: NginxServer, endpoint: Endpoint) -> None:
        self.nginx, self.endpoint = nginx, endpoint

    @property
    def origin(self) -> str:
        return self.nginx.url

    def get(self, path: str, headers: Mapping[str, str] | None = None, **kwargs) -> Response:
        return request(self.nginx.port, "GET", path, headers=headers, **kwargs)

    def post(self, form: Mapping, *, source: str, json_answer: bool = True, **headers) -> Response:
        sent = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": self.origin,
            **({"Accept": "application/json"} if json_answer else {"Accept": "text/html"}),
            **headers,
        }
        body = urlencode(form, doseq=True).encode()
        return request(self.nginx.port, "POST", "/api/contact", body, sent, source=source)

    def eml_for(self, inquiry_id: int) -> list[Path]:
        return sorted(self.endpoint.mail_dir.glob(f"inquiry-{inquiry_id:06d}-*.eml"))


@pytest.fixture(scope="module")
def deployment(published, tmp_path_factory) -> Iterator[Deployment]:
    folder = tmp_path_factory.mktemp("production")
    nginx_port = free_port()
    endpoint = Endpoint(folder / "state", f"http://127.0.0.1:{nginx_port}", site=published)
    # As a deploy writes them where the endpoint is installed.
    written = subprocess.run(
        [str(BIN / "quote"), "nginx-errors", str(folder / "nginx-errors")],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert written.stdout.startswith("Uzrakstīti ")
    nginx = NginxServer(
        folder / "nginx",
        root=published,
        api_errors=folder / "nginx-errors",
        port=nginx_port,
        upstream=endpoint.socket,
    )
    endpoint.start()
    try:
        nginx.start()
        try:
            yield Deployment(nginx, endpoint)
        finally:
            nginx.stop()
    finally:
        endpoint.stop()


_numbers = itertools.count(1)


def form(**changes) -> dict:
    """A valid send of the contact form as the page posts it; each its own message."""
    number = next(_numbers)
    data = {
        "name": f"Klients {number}",
        "email": f"klients{number}@piemers.lv",
        "channels": ["Meta"],
        "message": f"Labdien! Vēlos piedāvājumu, jautājums Nr. {number}.",
        "quote": "content=2&months=3",
        "website": "",
        "ts": str(int(time.time() * 1000) - 30_000),
    }
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


# -- the unit and the environment file ---------------------------------------------------------


def test_service_runs_as_its_own_user_owner_only_and_restarts():
    unit = unit_service_settings()
    assert unit["User"] == unit["Group"] == "quote"
    assert unit["UMask"] == "0077"
    assert unit["StateDirectory"] == "quote" and unit["StateDirectoryMode"] == "0700"
    assert unit["Restart"] == "on-failure"
    assert unit["EnvironmentFile"] == "/etc/quote/contact.env"
    env = production_env()
    assert env["QUOTE_TRUST_PROXY"] == "1"
    assert env["QUOTE_DB"].startswith("/var/lib/quote/")
    assert env["QUOTE_MAIL_DIR"].startswith("/var/lib/quote/")


# -- a limit per visitor ------------------------------------------------------------------------


def test_seven_visitors_one_post_each_all_get_201(deployment):
    visitors = [visitor() for _ in range(7)]
    answers = [deployment.post(form(), source=address) for address in visitors]
    assert [a.status for a in answers] == [201] * 7
    store = deployment.endpoint.store
    stored = [store.get_inquiry(a.json()["id"])["client_address"] for a in answers]
    assert stored == visitors


def test_one_visitor_six_posts_five_201_then_429(deployment):
    address = visitor()
    answers = [deployment.post(form(), source=address) for _ in range(6)]
    assert [a.status for a in answers] == [201] * 5 + [429]
    assert answers[-1].json()["errors"][0]["code"] == "rate_limited"
    assert deployment.post(form(), source=visitor()).status == 201  # the next visitor is not


def test_five_refused_posts_then_a_valid_one_from_the_same_address_is_201(deployment):
    address = visitor()
    refused = [
        deployment.post(form(), source=address, Origin="https://cits.example"),
        deployment.post(form(email="nav-adrese"), source=address),
        deployment.post(form(message="īsa"), source=address),
        deployment.post(form(), source=address, Origin="https://cits.example"),
        deployment.post(form(name=""), source=address),
    ]
    assert [a.status for a in refused] == [403, 422, 422, 403, 422]
    assert deployment.post(form(), source=address).status == 201


def test_a_forged_forwarded_for_does_not_lift_the_limit(deployment):
    address = visitor()
    answers = [
        deployment.post(form(), source=address, **{"X-Forwarded-For": f"198.51.100.{n}"})
        for n in range(6)
    ]
    assert [a.status for a in answers] == [201] * 5 + [429]
    row = deployment.endpoint.store.get_inquiry(answers[0].json()["id"])
    assert row["client_address"] == address


# -- the published site through nginx ----------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "suffix"),
    [("br", ".br"), ("gzip", ".gz"), (None, "")],
    ids=["br", "gzip", "plain"],
)
@pytest.mark.parametrize("path", ["/", "/data/pricing.json"])
def test_published_build_is_served_precompressed(deployment, published, path, encoding, suffix):
    headers = {"Accept-Encoding": f"{encoding}, identity;q=0.5"} if encoding else {}
    answer = deployment.get(path, headers)
    assert answer.status == 200
    source = published / (path.lstrip("/") or "index.html")
    assert answer.body == Path(f"{source}{suffix}").read_bytes()  # the copy as it is on disk
    assert answer.headers.get("content-encoding") == encoding
    assert "accept-encoding" in answer.headers.get("vary", "").lower()


def test_unknown_page_gets_the_sites_404_page(deployment, published):
    answer = deployment.get("/nav-tadas-lapas/")
    assert answer.status == 404
    assert answer.body == (published / "404.html").read_bytes()


def nginx_answered(answer: Response) -> bool:
    """An answer nginx gave itself: the endpoint varies every answer on Accept, nginx never."""
    varies = {part.strip().lower() for part in (answer.headers.get("vary") or "").split(",")}
    return "accept" not in varies


def assert_latvian_json(answer: Response, code: str) -> None:
    assert answer.headers["content-type"] == "application/json"  # as the endpoint labels it
    assert answer.json() == {"errors": [{"field": None, "code": code, "message": MESSAGES[code]}]}


def assert_latvian_html(answer: Response, status: int, code: str) -> None:
    assert answer.headers["content-type"] == "text/html; charset=utf-8"
    page = answer.body.decode("utf-8")
    assert '<html lang="lv">' in page
    assert f"<h1>{escape(TITLES[status])}</h1>" in page
    assert escape(MESSAGES[code]) in page


# Hand-written: what an English visitor reads (theme/translations/en).
ENGLISH = {
    "too_large": "What you sent is too long. Please shorten your message and try again.",
    "rate_limited": "Too many requests in a short time. Please try again in a moment.",
}


def test_a_64_kb_body_is_refused_by_nginx_and_40_kb_by_the_endpoint(deployment):
    store = deployment.endpoint.store
    before = store.count_inquiries()
    huge = form(message="x" * 64 * 1024)
    for_script = deployment.post(huge, source=visitor())
    assert for_script.status == 413 and nginx_answered(for_script)
    assert_latvian_json(for_script, "too_large")  # as the endpoint answers, in Latvian
    without_js = deployment.post(huge, source=visitor(), json_answer=False)
    assert without_js.status == 413 and nginx_answered(without_js)
    assert_latvian_html(without_js, 413, "too_large")
    large = deployment.post(form(message="x" * 40 * 1024), source=visitor())
    assert large.status == 413 and not nginx_answered(large)
    assert_latvian_json(large, "too_large")  # the endpoint's own answer
    large_without_js = deployment.post(
        form(message="x" * 40 * 1024), source=visitor(), json_answer=False
    )
    assert large_without_js.status == 413 and not nginx_answered(large_without_js)
    assert without_js.body == large_without_js.body  # nginx's page is the endpoint's, byte for byte
    assert store.count_inquiries() == before


def test_a_burst_over_nginx_limit_req_gets_the_endpoints_latvian_429(deployment):
    address = visitor()
    # Refused by the endpoint (422, nothing stored) until nginx's burst of 20 is spent; every
    # other post is a browser's ordinary one, asking for HTML.
    answers = [
        (
            json_answer,
            deployment.post(form(email="nav-adrese"), source=address, json_answer=json_answer),
        )
        for json_answer in [True, False] * 15
    ]
    statuses = [a.status for _, a in answers]
    assert set(statuses) == {422, 429} and statuses.index(429) >= 20, statuses
    limited = [(json_answer, a) for json_answer, a in answers if a.status == 429]
    assert {json_answer for json_answer, _ in limited} == {True, False}
    for json_answer, answer in limited:
        assert nginx_answered(answer)
        if json_answer:
            assert_latvian_json(answer, "rate_limited")
        else:
            assert_latvian_html(answer, 429, "rate_limited")


def test_nginx_error_answers_are_the_endpoints_current_ones(deployment):
    """`quote nginx-errors` writes them from the endpoint's messages at deploy time: none is kept
    in the repository, where it could fall behind a changed message."""
    written = {path.name: path.read_text("utf-8") for path in deployment.nginx.api_errors.iterdir()}
    assert written == nginx_errors.answers()
    assert set(written) >= {"413.lv.json", "413.lv.html", "429.lv.json", "languages.map"}
    assert not (ROOT / "deploy" / "nginx" / "api-errors").exists()


PAGE_HEADERS = {
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
}


def test_every_answer_is_served_with_the_security_headers(deployment, published):
    """Red team, issue 25 item 6: only nosniff and Referrer-Policy were sent, and the form could
    be framed. The policy is the published build's, with its inline code's hashes."""
    expected = {**PAGE_HEADERS, "content-security-policy": site_policy(published)}
    assert "script-src 'self' 'sha256-" in expected["content-security-policy"]
    for path in ("/", "/paldies/", "/nav-tadas-lapas/", "/theme/css/site.css"):
        answer = deployment.get(path, {"Accept-Encoding": "br, gzip"})
        assert answer.status in (200, 404), path
        for name, value in expected.items():
            assert answer.headers.get_all(name) == [value], (path, name)
        allowed = answer.headers["permissions-policy"]
        for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
            assert f"{feature}=()" in allowed, (path, feature)
        assert "clipboard-write" not in allowed  # the share link copies itself


CSP_WATCH = """
window.cspViolations = [];
document.addEventListener('securitypolicyviolation',
  (event) => window.cspViolations.push(event.violatedDirective + ' ' + event.blockedURI));
"""


def csp_violations(new_page, url: str) -> list[str]:
    page, log = new_page(width=375)
    page.add_init_script(CSP_WATCH)
    page.goto(url, wait_until="networkidle")
    page.mouse.wheel(0, 5000)  # the sections' scripts and styles load below the first screen
    page.wait_for_function("() => !document.documentElement.classList.contains('first-paint')")
    page.wait_for_load_state("networkidle")
    return page.evaluate("() => window.cspViolations") + [e for e in log.errors if "ecurity" in e]


def test_no_page_breaks_the_policy_in_chromium(deployment, published, new_page):
    for page in sorted(published.rglob("*.html")):
        path = "/" + str(page.relative_to(published)).removesuffix("index.html")
        assert csp_violations(new_page, deployment.origin + path) == [], path
    calculator = deployment.origin + "/?content=2&community=1&months=3"  # built at once
    assert csp_violations(new_page, calculator) == []


def test_an_inline_script_the_build_did_not_have_does_not_run(
    deployment, published, new_page, tmp_path
):
    """The check above can fail: a script added to a page after the build is refused."""
    served = tmp_path / "site"
    shutil.copytree(published, served)
    nginx = NginxServer(
        tmp_path / "nginx",
        root=served,
        api_errors=deployment.nginx.api_errors,
        port=free_port(),
        upstream=deployment.endpoint.socket,
    )
    nginx.start()  # the policy is the build's as published
    try:
        index = served / "index.html"
        injected = "<script>window.injected = 1</script></body>"
        index.write_text(index.read_text(encoding="utf-8").replace("</body>", injected))
        for compressed in (served / "index.html.gz", served / "index.html.br"):
            compressed.unlink(missing_ok=True)
        found = csp_violations(new_page, nginx.url + "/")
    finally:
        nginx.stop()
    assert any(v.startswith("script-src") for v in found), found


def test_a_page_of_the_site_cannot_be_framed_by_another_site(deployment, new_page, tmp_path):
    (tmp_path / "index.html").write_text(
        f'<!doctype html><title>x</title><iframe src="{deployment.origin}/#kontakti"></iframe>'
    )
    url, httpd = serve_folder(tmp_path)
    try:
        page, _log = new_page(width=1000)
        page.goto(url + "/", wait_until="networkidle")
        frame = page.frames[1]
        assert frame.evaluate("() => location.href") != deployment.origin + "/#kontakti"
        assert page.frames[1].locator("#kontaktforma").count() == 0
    finally:
        httpd.shutdown()


def test_no_visitor_address_is_logged_by_nginx_or_the_endpoint(deployment):
    """Red team, issue 25 item 12: nginx's access log kept every visitor's address, the endpoint
    logged "inquiry N from IP". A burst that nginx refuses is not logged either."""
    address = visitor()
    deployment.get("/", source=address)
    answers = [deployment.post(form(), source=address).status for _ in range(30)]
    assert 201 in answers and 429 in answers
    logs = {
        "nginx access": deployment.nginx.folder / "access.log",
        "nginx errors": deployment.nginx.error_log,
        "endpoint": deployment.endpoint.log_path,
    }
    for name, path in logs.items():
        text = path.read_text(errors="replace") if path.exists() else ""
        assert address not in text, name


def test_with_the_endpoint_down_nginx_answers_with_the_endpoints_not_saved_page(
    deployment, published, tmp_path
):
    """Red team, issue 25 item 3: a visitor got nginx's bare 502 page while the endpoint was down
    (refusing a damaged database, restarting)."""
    down = NginxServer(
        tmp_path / "nginx",
        root=published,
        api_errors=deployment.nginx.api_errors,
        port=free_port(),
        upstream=tmp_path / "nobody.sock",  # nothing listens there
    )
    down.start()
    try:
        sent = {"Origin": down.url, "Content-Type": "application/x-www-form-urlencoded"}
        body = urlencode(form(), doseq=True).encode()
        for_script = request(
            down.port, "POST", "/api/contact", body, {**sent, "Accept": "application/json"}
        )
        without_js = request(down.port, "POST", "/api/contact", body, sent)
        english = request(
            down.port,
            "POST",
            "/api/contact",
            body,
            {**sent, "Accept": "text/html", "Accept-Language": "en-GB,en;q=0.8"},
        )
    finally:
        down.stop()
    assert for_script.status == without_js.status == english.status == 502
    assert_latvian_json(for_script, "store_unavailable")
    assert_latvian_html(without_js, 503, "store_unavailable")
    page = english.body.decode("utf-8")
    assert '<html lang="en">' in page and "nginx" not in page.lower()


def test_nginx_answers_an_english_browser_in_english_like_the_endpoint(deployment):
    english = {"Accept-Language": "en-GB,en;q=0.9,lv;q=0.5"}
    huge = form(lang="en", message="x" * 64 * 1024)
    for_script = deployment.post(huge, source=visitor(), **english)
    assert for_script.status == 413 and nginx_answered(for_script)
    assert for_script.json()["errors"][0]["message"] == ENGLISH["too_large"]
    without_js = deployment.post(huge, source=visitor(), json_answer=False, **english)
    assert without_js.status == 413 and nginx_answered(without_js)
    page = without_js.body.decode("utf-8")
    assert '<html lang="en">' in page and "<h1>The message is too long</h1>" in page
    large = form(lang="en", message="x" * 40 * 1024)
    endpoint_page = deployment.post(large, source=visitor(), json_answer=False, **english)
    assert endpoint_page.status == 413 and not nginx_answered(endpoint_page)
    # The same English page; nginx's links lead to the site's root (it can't tell the page).
    assert without_js.body.replace(b'"/"', b'"/en/"').replace(b"/#", b"/en/#") == (
        endpoint_page.body
    )
    # A browser naming a language the site has no answers in gets the default one.
    other = deployment.post(huge, source=visitor(), **{"Accept-Language": "de"})
    assert_latvian_json(other, "too_large")


# -- the form's language ------------------------------------------------------------------------


def sent_inquiry(deployment: Deployment, email: str) -> dict:
    with deployment.endpoint.store.reading() as conn:
        rows = conn.execute("SELECT id FROM inquiry WHERE email = ?", (email,)).fetchall()
    assert len(rows) == 1
    return deployment.endpoint.store.get_inquiry(rows[0][0])


def test_an_english_post_with_a_bad_field_is_answered_in_english_and_stores_nothing(deployment):
    store = deployment.endpoint.store
    before = store.count_inquiries()
    answer = deployment.post(form(lang="en", email="not-an-address"), source=visitor())
    assert answer.status == 422
    assert answer.json()["errors"] == [
        {
            "field": "email",
            "code": "invalid_email",
            "message": "Please enter a valid email address, for example name@company.com.",
        }
    ]
    page = deployment.post(
        form(lang="en", message="Too short"), source=visitor(), json_answer=False
    )
    assert page.status == 422 and page.headers["content-language"] == "en"
    text = page.body.decode("utf-8")
    assert '<html lang="en">' in text and "<h1>Please check the form</h1>" in text
    assert "The message is too short: please write at least 10 characters." in text
    assert '<label for="kf-message">Message</label>' in text
    assert '<input type="hidden" name="lang" value="en">' in text  # the corrected form, too
    assert '<a href="/en/#kontakti">Back to the site</a>' in text
    assert "Lūdzu" not in text
    assert store.count_inquiries() == before


def test_a_good_english_post_ends_on_the_english_thank_you_page_and_stays_english(deployment):
    sent = form(lang="en", ts="")
    answer = deployment.post(sent, source=visitor(), json_answer=False)
    assert (answer.status, answer.headers["location"]) == (303, "/en/thank-you/")
    thanks = deployment.get("/en/thank-you/")
    assert thanks.status == 200 and '<html lang="en">' in thanks.body.decode("utf-8")
    row = sent_inquiry(deployment, sent["email"])
    assert row["lang"] == "en"
    wait_until(lambda: deployment.eml_for(row["id"]), timeout=15)
    mail = read_eml(deployment.eml_for(row["id"])[0])
    assert mail["Subject"] == f"Jauns pieprasījums no vietnes (Nr. {row['id']})"  # still Latvian
    assert "Valoda: angļu (en)" in mail.get_content()
    shown = deployment.endpoint.quote("inquiries", "show", str(row["id"]))
    assert shown.returncode == 0 and "Valoda: angļu (en)" in shown.stdout


@pytest.mark.parametrize("lang", ["lv", None, "xx", "EN-x"], ids=["lv", "none", "unknown", "odd"])
def test_a_latvian_or_unknown_language_post_behaves_as_before(deployment, lang):
    sent = form(lang=lang, ts="")
    answer = deployment.post(sent, source=visitor(), json_answer=False)
    assert (answer.status, answer.headers["location"]) == (303, "/paldies/")
    row = sent_inquiry(deployment, sent["email"])
    assert row["lang"] == "lv"
    wait_until(lambda: deployment.eml_for(row["id"]), timeout=15)
    assert "Valoda: latviešu (lv)" in read_eml(deployment.eml_for(row["id"])[0]).get_content()
    refused = deployment.post(form(lang=lang, email="nav-adrese"), source=visitor())
    assert refused.status == 422
    assert refused.json()["errors"][0]["message"] == (
        "Lūdzu, ieraksti derīgu e-pasta adresi, piemēram, vards@uznemums.lv."
    )


# -- slow clients -------------------------------------------------------------------------------


class SlowClients:
    """Connections that send a request a line (or a byte of body) at a time, held open."""

    def __init__(self, connect: Callable[[], socket.socket], count: int) -> None:
        self.connect, self.count = connect, count
        self.sockets: list[socket.socket] = []
        self.drips: list[bytes] = []
        self.rounds = 0  # how many times every connection has sent its drip
        self._dripped = threading.Condition()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._drip, daemon=True)

    def __enter__(self) -> SlowClients:
        for number in range(self.count):
            sock = self.connect()
            head = "POST /api/contact HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            if number % 2:  # the headers never end
                drip = b"X-Slow: 1\r\n"
            else:  # the headers end, the body trickles
                head += (
                    "Content-Type: application/x-www-form-urlencoded\r\n"
                    "Content-Length: 10000\r\n\r\nname="
                )
                drip = b"a"
            sock.sendall(head.encode())
            self.sockets.append(sock)
            self.drips.append(drip)
        self._thread.start()
        return self

    def _drip(self) -> None:
        while not self._stop.wait(1.0):
            for sock, drip in zip(self.sockets, self.drips, strict=True):
                with contextlib.suppress(OSError):  # dropped by the server: fine
                    sock.sendall(drip)
            with self._dripped:
                self.rounds += 1
                self._dripped.notify_all()

    def wait_for_rounds(self, rounds: int) -> None:
        """Block until every connection has dripped `rounds` times: past any "first bytes"
        grace the server might give a new connection."""
        with self._dripped:
            assert self._dripped.wait_for(lambda: self.rounds >= rounds, timeout=rounds + 5)

    def still_open(self) -> int:
        count = 0
        for sock in self.sockets:
            sock.setblocking(False)
            try:
                count += sock.recv(1, socket.MSG_PEEK) != b""
            except BlockingIOError:
                count += 1
            except OSError:
                pass
            finally:
                sock.setblocking(True)
        return count

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(5)
        for sock in self.sockets:
            sock.close()


def test_a_post_answers_within_2_s_while_200_slow_connections_are_held_open(deployment):
    def connect() -> socket.socket:
        return socket.create_connection(("127.0.0.1", deployment.nginx.port), timeout=5)

    with SlowClients(connect, SLOW_CLIENTS) as slow:
        slow.wait_for_rounds(2)
        started = time.monotonic()
        answer = deployment.post(form(), source=visitor())
        elapsed = time.monotonic() - started
        page = deployment.get("/", timeout=5)
        held = slow.still_open()
    print(f"\nslow clients: {held} held open, a post answered in {elapsed * 1000:.0f} ms")
    assert answer.status == 201 and page.status == 200
    assert held >= SLOW_CLIENTS * 0.9  # they really were open while the post went through
    assert elapsed < 2.0
    row = deployment.endpoint.store.get_inquiry(answer.json()["id"])
    assert row is not None


def test_the_endpoint_alone_answers_within_2_s_beside_200_slow_connections(deployment):
    """Without nginx in front (its settings, not a deployment): waitress holds the slow
    connections without a thread each, and its connection limit leaves room for real posts."""
    endpoint = deployment.endpoint
    body = urlencode(form(), doseq=True).encode()
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Origin": deployment.origin,
        "Accept": "application/json",
        "X-Forwarded-For": visitor(),  # as nginx would say
    }

    def connect() -> socket.socket:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(5)
        sock.connect(str(endpoint.socket))
        return sock

    with SlowClients(connect, SLOW_CLIENTS) as slow:
        slow.wait_for_rounds(2)
        started = time.monotonic()
        answer = endpoint.request("POST", "/api/contact", body, headers)
        elapsed = time.monotonic() - started
        held = slow.still_open()
    print(
        f"\nslow clients at waitress: {held} held open, a post answered in {elapsed * 1000:.0f} ms"
    )
    assert answer.status == 201
    assert held >= SLOW_CLIENTS * 0.9
    assert elapsed < 2.0


# -- only nginx reaches the endpoint --------------------------------------------------------


def test_the_endpoint_listens_on_no_tcp_port_only_on_its_socket(deployment):
    """Red team, issue 25 item 5: the endpoint's port trusted any local peer (a forged
    X-Forwarded-For was stored, 600 slow connections made it unreachable). It has no port now:
    nothing but what may open its socket reaches it."""
    endpoint = deployment.endpoint
    assert endpoint.process is not None
    assert listening_tcp_ports(endpoint.process.pid) == set()
    # The check sees a listening port where there is one: nginx's.
    nginx_master = int((deployment.nginx.folder / "nginx.pid").read_text().strip())
    assert deployment.nginx.port in listening_tcp_ports(nginx_master)
    assert "listening on unix:" in endpoint.log()


def test_the_socket_opens_to_its_owner_and_nginxs_group_only_in_a_closed_folder(deployment):
    endpoint = deployment.endpoint
    info = endpoint.socket.stat()
    assert stat.S_ISSOCK(info.st_mode)
    assert mode(endpoint.socket) == 0o660  # srw-rw----: the endpoint and nginx's group
    folder = endpoint.socket.parent.stat()
    assert folder.st_mode & 0o7777 == 0o2750  # others may not even look in; the group inherits
    assert info.st_gid == folder.st_gid


def test_a_forwarded_for_from_nginx_is_the_visitors_address_over_the_socket(deployment):
    """Over a Unix socket waitress names every peer ``localhost``: the address stored is the
    one nginx appended, never one a client wrote before it."""
    address = visitor()
    answer = deployment.post(form(), source=address, **{"X-Forwarded-For": "198.51.100.7"})
    assert answer.status == 201
    assert deployment.endpoint.store.get_inquiry(answer.json()["id"])["client_address"] == address


# -- one inquiry per send -----------------------------------------------------------------------


def test_the_same_send_twice_is_one_inquiry_and_one_email(deployment):
    endpoint = deployment.endpoint
    key = str(uuid.uuid4())
    sent = form(send_key=key)
    first = deployment.post(sent, source=visitor())
    again = deployment.post(sent, source=visitor())  # a retry, even from another address
    assert (first.status, again.status) == (201, 201) and first.body == again.body
    keyed = first.json()["id"]

    no_js = form(ts="")  # without JavaScript: no key, an empty ts
    address = visitor()
    plain = [deployment.post(no_js, source=address, json_answer=False) for _ in range(2)]
    assert [(p.status, p.headers["location"]) for p in plain] == [(303, "/paldies/")] * 2
    with endpoint.store.reading() as conn:
        rows = conn.execute(
            "SELECT id FROM inquiry WHERE email IN (?, ?)", (sent["email"], no_js["email"])
        ).fetchall()
    assert len(rows) == 2
    unkeyed = max(row[0] for row in rows)
    # The outbox sends in order: once a later inquiry's e-mail is out, a second one for either
    # send would have been written already.
    later = deployment.post(form(), source=visitor()).json()["id"]
    wait_until(lambda: deployment.eml_for(later), timeout=15)
    assert len(deployment.eml_for(keyed)) == len(deployment.eml_for(unkeyed)) == 1


# -- what the owner receives and erases ---------------------------------------------------------


def read_eml(path: Path):
    return BytesParser(policy=policy.SMTPUTF8).parsebytes(path.read_bytes())


def test_reply_to_for_international_addresses_and_bidi_controls_removed(deployment):
    idn = deployment.post(
        form(email="a@bücher.example", name="Anna \u202eeivtaL\u202c Liepa"), source=visitor()
    )
    utf8 = deployment.post(form(email="jānis@piemers.lv"), source=visitor())
    ids = [idn.json()["id"], utf8.json()["id"]]
    wait_until(lambda: all(deployment.eml_for(i) for i in ids), timeout=15)
    idn_mail, utf8_mail = (read_eml(deployment.eml_for(i)[0]) for i in ids)
    assert idn_mail["Reply-To"] == "a@xn--bcher-kva.example"
    assert utf8_mail["Reply-To"] == "jānis@piemers.lv"
    row = deployment.endpoint.store.get_inquiry(ids[0])
    assert row["name"] == "Anna eivtaL Liepa"
    body = idn_mail.get_content()
    assert "Anna eivtaL Liepa" in body and "\u202e" not in body


def test_a_page_load_time_in_the_future_is_spam_and_never_emailed(deployment):
    future = str(int(time.time() * 1000) + 3_600_000)
    answer = deployment.post(form(ts=future), source=visitor())
    assert answer.status == 201  # the bot is not told
    inquiry_id = answer.json()["id"]
    assert deployment.endpoint.store.get_inquiry(inquiry_id)["spam"] == "bad_time"
    assert deployment.endpoint.store.outbox_for(inquiry_id) == []
    later = deployment.post(form(), source=visitor()).json()["id"]  # sent in order, after it
    wait_until(lambda: deployment.eml_for(later), timeout=15)
    assert deployment.eml_for(inquiry_id) == []


def test_erasure_removes_every_copy_and_says_what_it_removed(deployment):
    email = "dzest@bücher.example"
    ids = [deployment.post(form(email=email), source=visitor()).json()["id"] for _ in range(2)]
    wait_until(lambda: all(deployment.eml_for(i) for i in ids), timeout=15)
    files = [deployment.eml_for(i)[0] for i in ids]
    result = deployment.endpoint.quote("inquiries", "delete", "--email", email)
    assert result.returncode == 0, result.stderr
    assert f"Skaits: 2 (Nr. {ids[0]}, {ids[1]})." in result.stdout
    assert "Paziņojumi e-pasta rindā: 2." in result.stdout
    for path in files:
        assert str(path) in result.stdout and not path.exists()
    store = deployment.endpoint.store
    assert all(store.get_inquiry(i) is None and store.outbox_for(i) == [] for i in ids)


# -- owner-only files ---------------------------------------------------------------------------


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_files_are_owner_only_after_a_post_an_export_and_a_restart(deployment, tmp_path):
    endpoint = deployment.endpoint
    answer = deployment.post(form(), source=visitor())
    inquiry_id = answer.json()["id"]
    wait_until(lambda: deployment.eml_for(inquiry_id), timeout=15)
    state = endpoint.var
    db = Path(endpoint.env["QUOTE_DB"])
    journals = [Path(f"{db}-wal"), Path(f"{db}-shm")]
    # SQLite removes its journal files when the last connection closes, and the endpoint's are
    # short-lived: one held open here (as `quote inquiries` would) keeps them for the check.
    with endpoint.store.reading() as conn:
        conn.execute("SELECT COUNT(*) FROM inquiry").fetchone()
        assert all(path.exists() for path in journals)
        assert mode(state) == mode(endpoint.mail_dir) == 0o700
        for path in [db, *journals, *endpoint.mail_dir.iterdir()]:
            assert mode(path) == 0o600, path

    export = tmp_path / "inquiries.csv"
    result = endpoint.quote("inquiries", "export", "--format", "csv", "--output", str(export))
    assert result.returncode == 0, result.stderr
    assert mode(export) == 0o600

    eml = deployment.eml_for(inquiry_id)[0]
    for path, wide in ((db, 0o644), (eml, 0o644), (state, 0o755)):
        path.chmod(wide)  # as an older version, or a careless copy, left them
    endpoint.stop()
    endpoint.start()
    assert (mode(db), mode(eml), mode(state)) == (0o600, 0o600, 0o700)
    lines = [line for line in endpoint.log().splitlines() if "tikai īpašniekam" in line]
    assert len(lines) == 1 and "644 -> 600" in lines[0] and "755 -> 700" in lines[0]
    assert deployment.post(form(), source=visitor()).status == 201  # serving again
