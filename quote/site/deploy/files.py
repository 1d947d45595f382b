"""The files a deploy writes on the server, made from the ones in ``deploy/`` as they are.

Each is the shipped file with only the server's own values put in: the paths under the layout's
prefix, the domain, the ports, the endpoint's socket. Every substitution must happen exactly
once (or, for a path, at least once), so a change to a ``deploy/`` file that the deploy would
silently miss fails here.
"""

from __future__ import annotations

from quote.errors import DeployError
from quote.site import csp

from .releases import CODE_ROOT
from .target import SERVICE_USER, SOCKET, Layout, Target

DEPLOY = CODE_ROOT / "deploy"
NGINX_SITE = DEPLOY / "nginx" / "quote-site.conf"
BROTLI_SNIPPET = DEPLOY / "nginx" / "quote-brotli-static.conf"
UNITS = ("quote-contact.service", "quote-purge.service", "quote-purge.timer")
STEP = "Iestatījumu pārbaude"


def _replace(text: str, old: str, new: str, name: str, *, once: bool = True) -> str:
    count = text.count(old)
    if count == 0 or (once and count != 1):
        raise DeployError(STEP, f"{name}: {old!r} atrasts {count} reizes (gaidīts viens).")
    return text.replace(old, new)


def _paths(text: str, layout: Layout) -> str:
    """The server's absolute paths moved under the layout's prefix."""
    if not layout.prefix:
        return text
    for root in ("/srv/quote/", "/etc/quote/", "/etc/nginx/snippets/", "/run/quote"):
        if root in text:
            text = text.replace(root, layout.path(root))
    return text


def nginx_site(
    layout: Layout,
    target: Target,
    *,
    tls: bool = False,
    loopback_only: bool = False,
    policy: str | None = None,
) -> str:
    """``deploy/nginx/quote-site.conf`` for this server.

    ``tls``: the site on 443 with the domain's certificate, and a plain-HTTP server that sends
    every request there. ``loopback_only`` (the local test server): listen on 127.0.0.1 alone.
    ``policy``: the published build's Content-Security-Policy (quote.site.csp.site_policy).
    """
    name = NGINX_SITE.name
    text = NGINX_SITE.read_text(encoding="utf-8")
    if policy is not None:
        text = _replace(text, f'"{csp.WITHOUT_HASHES}"', f'"{policy}"', name)
    text = _replace(
        text, "server_name www.example.lv;", f"server_name {target.domain or '_'};", name
    )
    text = _replace(
        text,
        f"server unix:{SOCKET};",
        f"server unix:{target.endpoint_socket};",
        name,
    )
    http = _listen(target.http_port, loopback_only)
    if tls:
        live = f"{layout.letsencrypt}/{target.domain}"
        https = _listen(target.https_port, loopback_only, " ssl http2")
        text = _replace(
            text,
            "    listen 80;\n    listen [::]:80;\n",
            https
            + f"    ssl_certificate {live}/fullchain.pem;\n"
            + f"    ssl_certificate_key {live}/privkey.pem;\n"
            + "    add_header Strict-Transport-Security max-age=31536000 always;\n",
            name,
        )
        text += _redirect(target, http)
    else:
        text = _replace(text, "    listen 80;\n    listen [::]:80;\n", http, name)
    return _paths(text, layout)


def _listen(port: int, loopback_only: bool, options: str = "") -> str:
    if loopback_only:
        return f"    listen 127.0.0.1:{port}{options};\n"
    return f"    listen {port}{options};\n    listen [::]:{port}{options};\n"


def _redirect(target: Target, listen: str) -> str:
    return (
        "\n# Plain HTTP: every request is sent to HTTPS (certbot renews through this server too).\n"
        "server {\n"
        f"{listen}"
        f"    server_name {target.domain};\n"
        "    server_tokens off;\n"
        "    location / {\n"
        "        return 301 https://$host$request_uri;\n"
        "    }\n"
        "}\n"
    )


def brotli_snippet() -> str:
    return BROTLI_SNIPPET.read_text(encoding="utf-8")


def unit(name: str, layout: Layout, target: Target) -> str:
    """A systemd unit of ``deploy/`` for this server (the endpoint's socket put in)."""
    text = (DEPLOY / name).read_text(encoding="utf-8")
    if name == "quote-contact.service":
        text = _replace(text, f"--socket {SOCKET}", f"--socket {target.endpoint_socket}", name)
    return _paths(text, layout)


def units(layout: Layout, target: Target) -> dict[str, str]:
    return {name: unit(name, layout, target) for name in UNITS}


def owner_command(layout: Layout, *, switch_user: bool = True) -> str:
    """``/usr/local/bin/quote``: the owner's ``quote`` command on the server, run as the
    service's user with the endpoint's settings (``sudo quote inquiries list``)."""
    become = (
        f"""
if os.geteuid() != 0:
    sys.exit("quote: palaidiet ar sudo, piemēram: sudo quote inquiries list")
user = pwd.getpwnam({SERVICE_USER!r})
os.setgroups([])
os.setgid(user.pw_gid)
os.setuid(user.pw_uid)
os.environ["HOME"] = user.pw_dir
os.umask(0o077)
"""
        if switch_user
        else "\nos.umask(0o077)\n"
    )
    return f"""#!{layout.venv}/bin/python
# The site's `quote` command with the contact endpoint's settings, as the endpoint's user.
# Written by make deploy; every deploy writes it again.
import os
import pwd
import sys

for line in open({layout.settings!r}, encoding="utf-8"):
    line = line.strip()
    if line and not line.startswith("#") and "=" in line:
        key, _, value = line.partition("=")
        os.environ[key.strip()] = value.strip()
{become}
os.chdir({layout.code_current!r})
sys.path.insert(0, {layout.code_current!r})
from quote.cli import main  # noqa: E402

sys.exit(main())
"""
