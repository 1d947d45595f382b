"""The steps of a deploy on the server, one function each, in the order :func:`run` calls them.

Nothing the visitors use is switched until everything it needs is on the server: the site's new
release, the endpoint's code and its virtualenv are uploaded into folders of their own first.
Then the endpoint is switched and restarted (only when its code or settings changed, and put
back as it was when it does not answer), nginx's configuration is checked and reloaded, and the
site is switched last, with one rename of a link. A step that fails stops the deploy: what was
switched before it is the site and endpoint that were already running, or the new endpoint that
answered its health check. The inquiry database, the outbox and the offers in ``/var/lib/quote``
are never written by any step.
"""

from __future__ import annotations

import base64
import dataclasses
import shlex
from pathlib import Path

from quote.site.csp import site_policy

from .files import brotli_snippet, nginx_site, owner_command, units
from .releases import CodeRelease, SiteRelease
from .remote import Remote
from .target import SERVICE_USER, Layout, Target, relative

PACKAGES = ("nginx", "libnginx-mod-http-brotli-static", "python3", "python3-venv", "rsync")
TLS_PACKAGES = ("certbot", "python3-certbot-nginx")
BROTLI_MODULE = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"
KEEP = 3  # older releases kept besides the current one: a request on one can finish
HEALTH_WAIT = 30  # seconds the new endpoint has to answer
IMPORT_CHECK = "import quote.contact.__main__, quote.site.server, quote.cli"
# /api/health asked over the endpoint's Unix socket ($1), as nginx asks it.
HEALTH_PROBE = (
    "import http.client, socket, sys\n"
    "class Unix(http.client.HTTPConnection):\n"
    "    def connect(self):\n"
    "        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)\n"
    "        self.sock.settimeout(2)\n"
    "        self.sock.connect(sys.argv[1])\n"
    "try:\n"
    "    connection = Unix('localhost', timeout=2)\n"
    "    connection.request('GET', '/api/health')\n"
    "    sys.exit(connection.getresponse().status != 200)\n"
    "except OSError:\n"
    "    sys.exit(1)\n"
)

CONNECT = "Savienojums ar serveri"
PACKAGES_STEP = "Programmatūras uzstādīšana"
USER_STEP = "Sistēmas lietotājs"
CODE_STEP = "Galapunkta koda augšupielāde"
VENV_STEP = "Galapunkta Python vide"
SITE_UPLOAD = "Vietnes augšupielāde"
NGINX_CHECK = "nginx pārbaude"
ENDPOINT_STEP = "Galapunkta atjaunināšana"
TIMER_STEP = "Vecu pieprasījumu dzēšanas taimeris"
NGINX_STEP = "nginx konfigurācija"
SWAP_STEP = "Vietnes pārslēgšana"
TLS_STEP = "HTTPS sertifikāts"


@dataclasses.dataclass
class Plan:
    """What the deploy sends, and what it found on the server."""

    target: Target
    layout: Layout
    site: SiteRelease
    code: CodeRelease
    env_text: str
    owner_email: str
    found: dict[str, str] = dataclasses.field(default_factory=dict)
    done: list[str] = dataclasses.field(default_factory=list)  # Latvian lines, for the summary
    restarted: bool = False

    @property
    def local_test(self) -> bool:
        return bool(self.layout.prefix)


def q(text: str) -> str:
    return shlex.quote(text)


def write_file(path: str, content: str, mode: str, *, owner: str | None = "root:root") -> str:
    """Shell lines writing ``content`` to ``path`` at once (a new file renamed over the old)."""
    data = base64.b64encode(content.encode("utf-8")).decode("ascii")
    tmp = f"{path}.deploy-new"
    chown = f"chown {owner} {q(tmp)}\n" if owner else ""
    return (
        f"mkdir -p {q(str(Path(path).parent))}\n"
        f"(umask 077; printf %s {q(data)} | base64 -d > {q(tmp)})\n"
        f"chmod {mode} {q(tmp)}\n{chown}mv -f {q(tmp)} {q(path)}\n"
    )


def switch_link(link: str, target: str) -> str:
    """Shell lines pointing ``link`` at ``target`` in one rename (never a moment without it)."""
    tmp = f"{link}.deploy-new"
    return f"ln -sfn {q(relative(link, target))} {q(tmp)}\nmv -Tf {q(tmp)} {q(link)}\n"


def sha(path: str, key: str) -> str:
    return f'echo "sha_{key}=$( [ -f {q(path)} ] && sha256sum < {q(path)} | cut -c1-64 )"\n'


def flag(test: str, key: str) -> str:
    """A shell line printing ``key=1`` when ``test`` succeeds."""
    return f"{test} && echo {key}=1 || true\n"


def key_of(name: str) -> str:
    """A package or unit name as an output key: ``quote-purge.timer`` -> ``quote_purge_timer``."""
    return name.replace("-", "_").replace(".", "_")


def digest(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# -- 1. what is on the server -----------------------------------------------------------------


def connect(remote: Remote, plan: Plan) -> None:
    remote.connect(CONNECT)
    layout, target = plan.layout, plan.target
    script = ""
    if plan.local_test:
        from . import standin

        script += write_file(layout.standin, Path(standin.__file__).read_text(), "755", owner=None)
    packages = [*PACKAGES, *(TLS_PACKAGES if target.domain else ())]
    script += (
        "command -v apt-get >/dev/null || { echo 'vajag Debian 12 (nav apt-get)' >&2; exit 1; }\n"
    )
    for name in packages:
        installed = f"dpkg-query -W -f='${{Status}}' {name} 2>/dev/null | grep -q 'ok installed'"
        script += flag(installed, f"pkg_{key_of(name)}")
    for name, link in (
        ("site_current", layout.site_current),
        ("code_current", layout.code_current),
        ("venv_current", layout.venv),
    ):
        script += f'echo "{name}=$(readlink {q(link)} || true)"\n'
    script += flag(f"getent passwd {SERVICE_USER} >/dev/null", "user")
    script += flag(f"[ -d {q(layout.site_releases + '/' + plan.site.name)} ]", "site_uploaded")
    script += flag(f"[ -d {q(layout.code_releases + '/' + plan.code.name)} ]", "code_uploaded")
    venv = f"{layout.venvs}/{plan.code.venv_name}/.complete"
    script += flag(f"[ -f {q(venv)} ]", "venv_ready")
    script += flag("systemctl is-active --quiet quote-contact", "endpoint_active")
    script += flag("systemctl is-enabled --quiet quote-purge.timer 2>/dev/null", "timer_enabled")
    script += flag(f"[ -e {q(layout.nginx + '/sites-enabled/default')} ]", "default_site")
    script += flag(f"[ -L {q(layout.nginx_enabled)} ]", "site_enabled")
    script += flag(f"[ -e {BROTLI_MODULE} ]", "brotli")
    if target.domain:
        live = f"{layout.letsencrypt}/{target.domain}/fullchain.pem"
        script += flag(f"[ -f {q(live)} ]", "cert")
    script += sha(layout.settings, "env") + sha(layout.nginx_site, "nginx")
    script += sha(f"{layout.nginx_snippets}/quote-brotli-static.conf", "brotli")
    script += sha(layout.command, "command")
    for name in units(layout, target):
        script += sha(f"{layout.systemd}/{name}", key_of(name))
    plan.found = remote.run(CONNECT, script)


# -- 2. packages and the service's user -----------------------------------------------------------


def install_packages(remote: Remote, plan: Plan) -> None:
    names = [*PACKAGES, *(TLS_PACKAGES if plan.target.domain else ())]
    missing = [n for n in names if plan.found.get(f"pkg_{key_of(n)}") != "1"]
    if not missing:
        return
    apt = "apt-get -o DPkg::Lock::Timeout=600 -qq"
    found = remote.run(
        PACKAGES_STEP,
        f"{apt} update >/dev/null\n"
        f"{apt} install -y --no-install-recommends {' '.join(missing)} >/dev/null\n"
        f"[ -e {BROTLI_MODULE} ] && echo brotli=1 || true\n",
    )
    plan.found["brotli"] = found.get("brotli", "")
    plan.done.append(f"uzstādīts: {', '.join(missing)}")


def create_user(remote: Remote, plan: Plan) -> None:
    if plan.found.get("user") == "1":
        return
    remote.run(
        USER_STEP,
        f"useradd --system --home-dir /var/lib/quote --no-create-home "
        f"--shell /usr/sbin/nologin {SERVICE_USER}\n",
    )
    plan.done.append(f"izveidots sistēmas lietotājs {SERVICE_USER}")


# -- 3. uploads: nothing switched yet ---------------------------------------------------------


def _upload_release(
    remote: Remote, step: str, releases: str, name: str, current: str, parts: list[tuple[Path, str]]
) -> None:
    """Upload into ``releases/.partial-NAME`` (unchanged files hard-linked from the current
    release), then rename it to ``releases/NAME``: a release folder is always complete."""
    partial = f"{releases}/.partial-{name}"
    remote.run(
        step, f"rm -rf {q(partial)}\nmkdir -p {q(partial)}\nchmod 755 {q(releases)} {q(partial)}\n"
    )
    for source, inside in parts:
        options = []
        if current and source.is_dir():
            depth = "../" * (inside.count("/") + 2 if inside else 1)
            options.append(f"--link-dest={depth}{Path(current).name}/{inside}".rstrip("/"))
        remote.upload(step, source, f"{partial}/{inside}" if inside else partial, options=options)
    remote.run(step, f"mv -T {q(partial)} {q(releases + '/' + name)}\n")


def upload_code(remote: Remote, plan: Plan) -> None:
    if plan.found.get("code_uploaded") == "1":
        return
    _upload_release(
        remote,
        CODE_STEP,
        plan.layout.code_releases,
        plan.code.name,
        plan.found.get("code_current", ""),
        [(plan.code.folder, "")],
    )
    plan.done.append(f"augšupielādēts galapunkta kods {plan.code.name}")


def build_venv(remote: Remote, plan: Plan) -> None:
    if plan.found.get("venv_ready") == "1":
        return
    venv = f"{plan.layout.venvs}/{plan.code.venv_name}"
    requirements = f"{plan.layout.code_releases}/{plan.code.name}/requirements.txt"
    log = f"{plan.layout.venvs}/.pip.log"
    pip = f"{q(venv)}/bin/python -m pip"
    # A virtualenv is marked complete only when every package installed and fits the others;
    # a failed one is removed, so the next deploy builds it again.
    remote.run(
        VENV_STEP,
        f"""rm -rf {q(venv)}
mkdir -p {q(plan.layout.venvs)}
python3 -m venv {q(venv)}
if ! {pip} install --quiet --disable-pip-version-check -r {q(requirements)} 2>{q(log)} \\
        || ! {pip} check >>{q(log)} 2>&1; then
    (grep -v '^WARNING: Location' {q(log)} || true) | tail -n 8 >&2
    rm -rf {q(venv)}
    exit 1
fi
touch {q(venv)}/.complete
""",
    )
    plan.done.append("izveidota galapunkta Python vide")


def upload_site(remote: Remote, plan: Plan) -> None:
    if plan.found.get("site_uploaded") == "1":
        return
    _upload_release(
        remote,
        SITE_UPLOAD,
        plan.layout.site_releases,
        plan.site.name,
        plan.found.get("site_current", ""),
        [(plan.site.output, "output"), (plan.site.pricing, "pricing.yaml")],
    )
    plan.done.append(f"augšupielādēta vietne {plan.site.name}")


# -- 4. switching -------------------------------------------------------------------------------


def check_nginx(remote: Remote, plan: Plan) -> None:
    """nginx's configuration as it is now must pass ``nginx -t`` before anything is switched."""
    remote.run(
        NGINX_CHECK, 'said=$(nginx -t -q 2>&1) || { echo "$said" | tail -n 5 >&2; exit 1; }\n'
    )


def endpoint_changed(plan: Plan) -> bool:
    layout, found = plan.layout, plan.found
    unit = units(layout, plan.target)["quote-contact.service"]
    return (
        found.get("code_current") != f"releases/{plan.code.name}"
        or found.get("venv_current") != f"venvs/{plan.code.venv_name}"
        or found.get("sha_env") != digest(plan.env_text)
        or found.get("sha_quote_contact_service") != digest(unit)
        or found.get("endpoint_active") != "1"
    )


def update_endpoint(remote: Remote, plan: Plan) -> None:
    """Switch the endpoint to the new code, virtualenv and settings and restart it, only when
    one of them changed (or it is not running); put everything back when it does not answer."""
    layout, target = plan.layout, plan.target
    command = owner_command(layout, switch_user=not plan.local_test)
    script = ""
    if plan.found.get("sha_command") != digest(command):
        script += write_file(layout.command, command, "755")
    if not endpoint_changed(plan):
        if script:
            remote.run(ENDPOINT_STEP, script)
        return
    unit_path = f"{layout.systemd}/quote-contact.service"
    code = f"{layout.code_releases}/{plan.code.name}"
    venv = f"{layout.venvs}/{plan.code.venv_name}"
    logs = (
        f"tail -n 15 {q(layout.path('/var/log/quote-contact.log'))}"
        if plan.local_test
        else "journalctl -u quote-contact -n 15 --no-pager"
    )
    script += f"""
saved={q(layout.endpoint)}/.previous
rm -rf "$saved" && mkdir -p "$saved"
for file in {q(layout.settings)} {q(unit_path)}; do
    [ -f "$file" ] && cp -p "$file" "$saved/$(basename "$file")" || true
done
previous_code=$(readlink {q(layout.code_current)} || true)
previous_venv=$(readlink {q(layout.venv)} || true)

# Healthy once /api/health answers on the socket $1; given up when the service has stopped (a
# crash at start) or after HEALTH_WAIT seconds.
wait_healthy() {{
    for attempt in $(seq 1 {HEALTH_WAIT * 4}); do
        sleep 0.25
        systemctl is-active --quiet quote-contact || return 1
        if python3 -c {q(HEALTH_PROBE)} "$1"; then return 0; fi
    done
    return 1
}}

restore() {{
    set +e
    trap - ERR
    {logs} >&2 || true
    for file in {q(layout.settings)} {q(unit_path)}; do
        [ -f "$saved/$(basename "$file")" ] && cp -p "$saved/$(basename "$file")" "$file" || true
    done
    [ -n "$previous_code" ] && ln -sfn "$previous_code" {q(layout.code_current)}
    [ -n "$previous_venv" ] && ln -sfn "$previous_venv" {q(layout.venv)}
    systemctl daemon-reload
    if [ -z "$previous_code" ]; then
        systemctl stop quote-contact
        echo "galapunkts neatbildēja (žurnāls augstāk)" >&2
        exit 1
    fi
    systemctl restart quote-contact
    socket=$(grep -o -e '--socket [^ ]*' "$saved/quote-contact.service" | cut -d' ' -f2)
    if wait_healthy "$socket"; then
        echo "jaunais galapunkts neatbildēja; atjaunots iepriekšējais (žurnāls augstāk)" >&2
    else
        echo "jaunais galapunkts neatbildēja, un arī iepriekšējais neatbild (žurnāls augstāk)" >&2
    fi
    exit 1
}}

# The new code must import with the new virtualenv before anything is switched.
(cd {q(code)} && {q(venv)}/bin/python -c {q(IMPORT_CHECK)}) >&2
# nginx's own 413/429 answers, written by this code into its release (readable by nginx).
if [ ! -f {q(code)}/nginx-errors/languages.map ]; then
    rm -rf {q(code)}/.nginx-errors.new
    (umask 022; cd {q(code)} && {q(venv)}/bin/python -m quote.cli nginx-errors .nginx-errors.new) \
        >&2
    mv -T {q(code)}/.nginx-errors.new {q(code)}/nginx-errors
fi
trap restore ERR
"""
    script += write_file(layout.settings, plan.env_text, "600")
    script += write_file(unit_path, units(layout, target)["quote-contact.service"], "644")
    script += switch_link(layout.code_current, code) + switch_link(layout.venv, venv)
    script += f"""
systemctl daemon-reload
systemctl enable --quiet quote-contact
systemctl restart quote-contact
wait_healthy {q(layout.path(target.endpoint_socket))} || restore
trap - ERR
rm -rf "$saved"
echo restarted=1
"""
    plan.restarted = remote.run(ENDPOINT_STEP, script).get("restarted") == "1"
    plan.done.append("galapunkts atjaunināts un restartēts")


def enable_timer(remote: Remote, plan: Plan) -> None:
    """The daily retention purge (quote-purge.timer)."""
    layout = plan.layout
    script = ""
    for name in ("quote-purge.service", "quote-purge.timer"):
        text = units(layout, plan.target)[name]
        if plan.found.get(f"sha_{key_of(name)}") != digest(text):
            script += write_file(f"{layout.systemd}/{name}", text, "644")
    if not script and plan.found.get("timer_enabled") == "1":
        return
    script += "systemctl daemon-reload\nsystemctl enable --now --quiet quote-purge.timer\n"
    remote.run(TIMER_STEP, script)
    plan.done.append(
        "ieslēgts taimeris, kas katru dienu dzēš pieprasījumus, vecākus par 12 mēnešiem"
    )


def configure_nginx(remote: Remote, plan: Plan, *, tls: bool | None = None) -> None:
    """The nginx site for this server; the previous one put back when ``nginx -t`` refuses it."""
    layout, target, found = plan.layout, plan.target, plan.found
    if tls is None:
        tls = bool(target.domain) and found.get("cert") == "1"
    # The published build's policy: its pages' inline code by hash. It changes only with the
    # theme, and then the reload comes just before the site's switch (a page loaded in those
    # seconds runs without its inline scripts; it works without them).
    policy = site_policy(plan.site.output)
    site = nginx_site(layout, target, tls=tls, loopback_only=plan.local_test, policy=policy)
    snippet_path = f"{layout.nginx_snippets}/quote-brotli-static.conf"
    files = [(layout.nginx_site, site, "sha_nginx")]
    if found.get("brotli") == "1":
        files.append((snippet_path, brotli_snippet(), "sha_brotli"))
    changed = [(path, text) for path, text, key in files if found.get(key) != digest(text)]
    default = layout.nginx + "/sites-enabled/default"
    if not changed and found.get("site_enabled") == "1" and found.get("default_site") != "1":
        return
    script = "saved=$(mktemp -d)\n"
    for path, _text in changed:
        script += f'[ -f {q(path)} ] && cp -p {q(path)} "$saved/$(basename {q(path)})" || true\n'
    for path, text in changed:
        script += write_file(path, text, "644")
    script += f"""
ln -sfn ../sites-available/quote-site {q(layout.nginx_enabled)}
default_was=$( [ -L {q(default)} ] && readlink {q(default)} || true )
rm -f {q(default)}
if ! nginx -t -q 2>"$saved/errors"; then
    tail -n 5 "$saved/errors" >&2
"""
    for path, _text in changed:
        kept = f'"$saved/$(basename {q(path)})"'
        script += f"    if [ -f {kept} ]; then cp -p {kept} {q(path)}; else rm -f {q(path)}; fi\n"
    script += f"""    [ -n "$default_was" ] && ln -sfn "$default_was" {q(default)}
    exit 1
fi
systemctl reload-or-restart nginx  # starts it too, should it be stopped
rm -rf "$saved"
"""
    remote.run(NGINX_STEP, script)
    found["sha_nginx"] = digest(site)
    found["site_enabled"], found["default_site"] = "1", ""
    plan.done.append("nginx konfigurācija atjaunināta" + (" (HTTPS)" if tls else ""))


def switch_site(remote: Remote, plan: Plan) -> None:
    """The new release in place with one rename; the oldest releases beyond :data:`KEEP` go."""
    layout = plan.layout
    release = f"releases/{plan.site.name}"
    script = ""
    if plan.found.get("site_current") != release:
        script += switch_link(layout.site_current, f"{layout.site_releases}/{plan.site.name}")
    if not script:
        return
    for releases, current in (
        (layout.site_releases, plan.site.name),
        (layout.code_releases, plan.code.name),
    ):
        script += f"""n=0
for old in $(ls -1t {q(releases)}); do
    if [ "$old" != {q(current)} ]; then
        n=$((n + 1))
        if [ "$n" -gt {KEEP} ]; then rm -rf {q(releases)}/"$old"; fi
    fi
done
"""
    remote.run(SWAP_STEP, script)
    plan.done.append(f"vietne pārslēgta uz {plan.site.name}")


def obtain_certificate(remote: Remote, plan: Plan) -> None:
    """A Let's Encrypt certificate for the domain (certbot through nginx), then the site on
    HTTPS with a redirect from HTTP. certbot's own timer renews it and reloads nginx."""
    target = plan.target
    if not target.domain or plan.found.get("cert") == "1":
        return
    live = f"{plan.layout.letsencrypt}/{target.domain}/fullchain.pem"
    result = remote.run(
        TLS_STEP,
        f"certbot certonly --nginx --non-interactive --agree-tos --keep-until-expiring "
        f"-m {q(plan.owner_email)} -d {q(target.domain)} "
        f"--deploy-hook 'systemctl reload nginx' >&2\n"
        f"[ -f {q(live)} ] && echo cert=1 || true\n",
    )
    if result.get("cert") != "1":
        if plan.local_test:
            plan.done.append("certbot: testa serverī sertifikāta nav (to saņem īsts serveris)")
            return
        from quote.errors import DeployError

        raise DeployError(TLS_STEP, f"certbot neizsniedza sertifikātu domēnam {target.domain}.")
    plan.found["cert"] = "1"
    configure_nginx(remote, plan, tls=True)


def run(remote: Remote, plan: Plan) -> None:
    """Every step, in order."""
    connect(remote, plan)
    install_packages(remote, plan)
    create_user(remote, plan)
    upload_code(remote, plan)
    build_venv(remote, plan)
    upload_site(remote, plan)
    check_nginx(remote, plan)
    update_endpoint(remote, plan)
    enable_timer(remote, plan)
    configure_nginx(remote, plan)
    switch_site(remote, plan)
    obtain_certificate(remote, plan)
