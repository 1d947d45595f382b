"""The nginx site ``make deploy`` writes for a domain with its certificate, run in Debian's nginx:
HTTPS serves the site, plain HTTP sends every request there.

certbot can't get a certificate on this machine (tests/test_deploy.py's local test server
records its call only), so a self-signed one made by openssl stands where certbot puts its
files; the configuration is the deploy's own (quote/site/deploy/files.py), with the scratch
server's paths and ports.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import subprocess
from pathlib import Path

from quote.contact import nginx_errors
from quote.site.deploy import files
from quote.site.deploy.target import Layout, Target
from tests.support import free_port
from tests.support.nginx import NginxWithSite

DOMAIN = "www.berzina.lv"
PAGE = "<!doctype html><title>Sveiki</title><p>Sveiki!</p>\n"


def scratch_server(root: Path) -> Layout:
    """A server's folders as a deploy leaves them: a site release, the endpoint's code with
    nginx's error answers, and certbot's certificate for the domain."""
    layout = Layout(prefix=str(root))
    output = Path(layout.site_releases) / "r1" / "output"
    output.mkdir(parents=True)
    (output / "index.html").write_text(PAGE, encoding="utf-8")
    Path(layout.site_current).symlink_to("releases/r1")
    nginx_errors.write(Path(layout.code_current) / "nginx-errors")
    live = Path(layout.letsencrypt) / DOMAIN
    live.mkdir(parents=True)
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"),
            *("-subj", f"/CN={DOMAIN}", "-addext", f"subjectAltName=DNS:{DOMAIN}"),
            *("-keyout", str(live / "privkey.pem"), "-out", str(live / "fullchain.pem")),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return layout


def browser_connection(port: int, live: Path) -> http.client.HTTPConnection:
    """HTTPS to 127.0.0.1:``port`` as a browser opens the domain: the certificate must name it
    and be trusted (here: the self-signed one itself)."""
    context = ssl.create_default_context(cafile=live / "fullchain.pem")
    connection = http.client.HTTPConnection(DOMAIN, timeout=10)
    raw = socket.create_connection(("127.0.0.1", port), timeout=10)
    connection.sock = context.wrap_socket(raw, server_hostname=DOMAIN)
    return connection


def test_with_a_certificate_https_serves_the_site_and_http_redirects_to_it(tmp_path):
    layout = scratch_server(tmp_path / "root")
    target = Target.parse(
        "root@127.0.0.1",
        domain=DOMAIN,
        http_port=free_port(),
        https_port=free_port(),
    )
    site = files.nginx_site(layout, target, tls=True, loopback_only=True)
    with NginxWithSite(tmp_path / "nginx", site, port=target.https_port):
        plain = http.client.HTTPConnection("127.0.0.1", target.http_port, timeout=10)
        plain.request("GET", "/cenas/?x=1", headers={"Host": DOMAIN})
        answer = plain.getresponse()
        assert answer.status == 301
        assert answer.headers["Location"] == f"https://{DOMAIN}/cenas/?x=1"
        plain.close()

        secure = browser_connection(target.https_port, Path(layout.letsencrypt) / DOMAIN)
        secure.request("GET", "/", headers={"Host": DOMAIN})
        page = secure.getresponse()
        assert page.status == 200
        assert page.read().decode("utf-8") == PAGE
        assert page.headers["Strict-Transport-Security"] == "max-age=31536000"
        secure.close()


def test_without_a_certificate_the_domain_is_served_over_plain_http(tmp_path):
    layout = Layout(prefix=str(tmp_path))
    target = Target.parse("root@203.0.113.10", domain=DOMAIN)
    site = files.nginx_site(layout, target, tls=False)
    assert f"server_name {DOMAIN};" in site
    assert "listen 80;" in site and "listen [::]:80;" in site
    assert "ssl_certificate" not in site and "return 301" not in site
