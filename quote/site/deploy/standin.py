"""Stand-ins for the commands a test machine can't run for real: the local test server mode.

Run on the "server" (this machine) by the deploy's scripts instead of ``apt-get``, ``dpkg-query``,
``useradd``, ``getent``, ``chown``, ``systemctl``, ``certbot`` and ``nginx`` when
``QUOTE_DEPLOY_TEST_SERVER`` names the scratch folder standing for the server's ``/``
(docs/deploy.md, "The local test server"). A plain script for the server's ``python3``: it
imports nothing from the project.

Every call is appended to ``<root>/var/log/standin.jsonl``. What each one does:

- ``apt-get install``: marks the packages installed (``dpkg-query`` then finds them) and, for
  nginx, writes the main ``nginx.conf`` the package would, with every path under the root;
- ``useradd`` / ``getent passwd``: a user list of the scratch root; ``chown``: nothing;
- ``systemctl``: ``restart``/``start``/``stop``/``is-active`` of ``quote-contact`` make its
  ``StateDirectory`` and ``RuntimeDirectory`` (modes as the unit says; not its root-only
  ``ExecStartPre``) and run the unit's ``ExecStart`` with its ``EnvironmentFile`` in the
  background as the current user (pid in ``<root>/run``); ``reload``/``restart nginx`` start
  or reload the real nginx on the scratch configuration; ``start`` of a ``Type=oneshot`` unit
  (``quote-purge``, what its timer starts) runs its ``ExecStart`` with its ``EnvironmentFile``
  in the foreground and answers with its exit code; ``daemon-reload``/``enable`` are recorded
  only;
- ``certbot``: recorded only (no certificate);
- ``nginx``: the real one, with ``-p``/``-c`` of the scratch configuration.
"""

from __future__ import annotations

import json
import os
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(os.environ["QUOTE_DEPLOY_TEST_SERVER"])
LOG = ROOT / "var" / "log" / "standin.jsonl"
PACKAGES = ROOT / "var" / "lib" / "standin-packages"
USERS = ROOT / "etc" / "standin-users"
ENABLED = ROOT / "etc" / "standin-enabled"
RUN = ROOT / "run"
NGINX_CONF = ROOT / "etc" / "nginx" / "nginx.conf"
NGINX_PREFIX = ROOT / "var" / "lib" / "nginx"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
NGINX = "/usr/sbin/nginx"


def record(argv: list[str]) -> None:
    LOG.parent.mkdir(parents=True, exist_ok=True)
    with LOG.open("a", encoding="utf-8") as log:
        log.write(json.dumps({"argv": argv, "time": time.time()}) + "\n")


# -- packages and users -----------------------------------------------------------------------


def apt_get(args: list[str]) -> int:
    if "install" in args:
        PACKAGES.mkdir(parents=True, exist_ok=True)
        for name in (a for a in args[args.index("install") + 1 :] if not a.startswith("-")):
            (PACKAGES / name).touch()
            if name == "nginx":
                write_nginx_conf()
    return 0


def dpkg_query(args: list[str]) -> int:
    """``dpkg-query -W -f='${Status}' NAME``: installed when apt-get installed it here."""
    name = args[-1]
    if (PACKAGES / name).exists():
        print("install ok installed", end="")
        return 0
    return 1


def write_nginx_conf() -> None:
    if NGINX_CONF.exists():
        return
    for folder in ("sites-available", "sites-enabled", "snippets", "conf.d"):
        (NGINX_CONF.parent / folder).mkdir(parents=True, exist_ok=True)
    (ROOT / "var" / "log" / "nginx").mkdir(parents=True, exist_ok=True)
    RUN.mkdir(parents=True, exist_ok=True)
    temp = NGINX_PREFIX / "temp"
    temp.mkdir(parents=True, exist_ok=True)
    lines = [
        "worker_processes 1;",
        f"pid {RUN / 'nginx.pid'};",
        f"error_log {ROOT / 'var/log/nginx/error.log'} warn;",
    ]
    if os.geteuid() == 0:
        lines.append("user root root;")  # the workers read the scratch root's folders
    if BROTLI_MODULE.exists():
        lines.append(f"load_module {BROTLI_MODULE};")
    lines += [
        "events { worker_connections 256; }",
        "http {",
        "    include /etc/nginx/mime.types;",
        "    default_type application/octet-stream;",
        f"    access_log {ROOT / 'var/log/nginx/access.log'};",
        *(
            f"    {kind}_temp_path {temp / kind};"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        ),
        f"    include {NGINX_CONF.parent / 'conf.d'}/*.conf;",
        f"    include {NGINX_CONF.parent / 'sites-enabled'}/*;",
        "}",
    ]
    NGINX_CONF.write_text("\n".join(lines) + "\n", encoding="utf-8")


def useradd(args: list[str]) -> int:
    USERS.parent.mkdir(parents=True, exist_ok=True)
    with USERS.open("a", encoding="utf-8") as users:
        users.write(args[-1] + "\n")
    return 0


def getent(args: list[str]) -> int:
    known = USERS.read_text(encoding="utf-8").split() if USERS.exists() else []
    return 0 if args[-1] in known else 2


# -- services -----------------------------------------------------------------------------------


def nginx(args: list[str]) -> int:
    return subprocess.call([NGINX, "-p", f"{NGINX_PREFIX}/", "-c", str(NGINX_CONF), *args])


def start_nginx() -> int:
    """nginx's master goes into the background: its output must not hold the SSH session."""
    with (ROOT / "var" / "log" / "nginx" / "start.log").open("ab") as log:
        command = [NGINX, "-p", f"{NGINX_PREFIX}/", "-c", str(NGINX_CONF)]
        return subprocess.call(command, stdin=subprocess.DEVNULL, stdout=log, stderr=log)


def enabled() -> set[str]:
    return set(ENABLED.read_text(encoding="utf-8").split()) if ENABLED.exists() else set()


def pid_of(name: str) -> int | None:
    path = RUN / f"{name}.pid"
    try:
        pid = int(path.read_text().strip())
    except (OSError, ValueError):
        return None
    try:
        # A service that exited but was never reaped (no init in a container) is a zombie.
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except (OSError, IndexError):
        return None
    return None if state == "Z" else pid


def unit_file(name: str) -> Path:
    return ROOT / "etc" / "systemd" / "system" / f"{name}.service"


def unit_settings(name: str) -> dict[str, str]:
    settings = {}
    for line in unit_file(name).read_text(encoding="utf-8").splitlines():
        key, sep, value = line.strip().partition("=")
        if sep and not key.startswith("#"):
            settings[key] = value
    return settings


def environment_file(path: str) -> dict[str, str]:
    values = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


def start_service(name: str) -> None:
    unit = unit_settings(name)
    state = ROOT / "var" / "lib" / unit["StateDirectory"]
    state.mkdir(parents=True, exist_ok=True)
    state.chmod(int(unit.get("StateDirectoryMode", "0755"), 8))
    if "RuntimeDirectory" in unit:  # its group is the current user's: ExecStartPre is not run
        runtime = RUN / unit["RuntimeDirectory"]
        runtime.mkdir(parents=True, exist_ok=True)
        runtime.chmod(int(unit.get("RuntimeDirectoryMode", "0755"), 8))
    env = service_environment(unit)
    RUN.mkdir(parents=True, exist_ok=True)
    log = (ROOT / "var" / "log" / f"{name}.log").open("ab")
    process = subprocess.Popen(
        shlex.split(unit["ExecStart"]),
        cwd=unit["WorkingDirectory"],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # outlives the SSH session, as a service does
        preexec_fn=lambda: os.umask(int(unit.get("UMask", "0022"), 8)),
    )
    (RUN / f"{name}.pid").write_text(str(process.pid))


def service_environment(unit: dict[str, str]) -> dict[str, str]:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"}
    env.update(environment_file(unit["EnvironmentFile"]))
    return env


def run_oneshot(name: str) -> int:
    """A ``Type=oneshot`` unit, as systemd runs it when its timer fires: to its end."""
    unit = unit_settings(name)
    if unit.get("Type") != "oneshot":
        raise SystemExit(f"standin: {name} is not a oneshot unit")
    state = ROOT / "var" / "lib" / unit["StateDirectory"]
    state.mkdir(parents=True, exist_ok=True)
    with (ROOT / "var" / "log" / f"{name}.log").open("ab") as log:
        return subprocess.run(
            shlex.split(unit["ExecStart"]),
            cwd=unit["WorkingDirectory"],
            env=service_environment(unit),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            preexec_fn=lambda: os.umask(int(unit.get("UMask", "0022"), 8)),
            timeout=300,
        ).returncode


def stop_service(name: str) -> None:
    pid = pid_of(name)
    if pid is None:
        return
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and pid_of(name) is not None:
        time.sleep(0.05)
    if pid_of(name) is not None:
        os.kill(pid, signal.SIGKILL)


def systemctl(args: list[str]) -> int:
    words = [a for a in args if not a.startswith("-")]
    action, names = words[0], [n.removesuffix(".service") for n in words[1:]]
    if action == "enable":
        ENABLED.write_text(" ".join(sorted(enabled() | set(names))), encoding="utf-8")
    if action == "is-enabled":
        return 0 if set(names) <= enabled() else 1
    for name in names:
        if name == "nginx":
            if action in ("reload", "reload-or-restart", "restart", "start"):
                if pid_of("nginx") is None:
                    return start_nginx()
                return nginx(["-s", "reload"])
            if action == "is-active":
                return 0 if pid_of("nginx") else 3
        elif name == "quote-contact":
            if action in ("restart", "stop"):
                stop_service(name)
            if action in ("restart", "start") and pid_of(name) is None:
                start_service(name)
            if action == "is-active":
                return 0 if pid_of(name) else 3
        elif action == "start" and unit_file(name).exists():
            code = run_oneshot(name)
            if code:
                return code
    return 0


COMMANDS = {
    "apt-get": apt_get,
    "dpkg-query": dpkg_query,
    "useradd": useradd,
    "getent": getent,
    "chown": lambda args: 0,
    "systemctl": systemctl,
    "certbot": lambda args: 0,
    "nginx": nginx,
}


def main(argv: list[str]) -> int:
    name, args = argv[0], argv[1:]
    if name != "nginx" or "-t" not in args:
        record(argv)
    return COMMANDS[name](args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
