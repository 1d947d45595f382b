"""Running things on the server: shell scripts over ``ssh``, files with ``rsync``.

Every step sends one short script to ``bash -s`` on the server (with ``sudo`` when the login is
not root) and reads back ``key=value`` lines; the connection is opened once and shared by all of
them (OpenSSH's ControlMaster), so a deploy that has nothing to change takes a few round trips.
A script that fails raises :class:`~quote.errors.DeployError` naming its step, with the last
lines it wrote.

In the local test server mode (:mod:`quote.site.deploy.target`) the script's preamble turns
``apt-get``, ``dpkg-query``, ``useradd``, ``getent``, ``chown``, ``systemctl``, ``certbot`` and
``nginx`` into calls of :mod:`quote.site.deploy.standin` under the scratch root.
"""

from __future__ import annotations

import contextlib
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from quote.errors import DeployError

from .target import Layout, Target

STANDINS = ("apt-get", "dpkg-query", "useradd", "getent", "chown", "systemctl", "certbot", "nginx")
TIMEOUT = 1800  # a first run installs packages: minutes, not hours


class Remote:
    """One SSH connection to ``target``, shared by every command of a deploy."""

    def __init__(self, target: Target, layout: Layout, *, test_root: Path | None = None) -> None:
        self.target = target
        self.layout = layout
        self.test_root = test_root
        self._control = tempfile.mkdtemp(prefix="quote-deploy-ssh-")
        self.sudo = not target.is_root and test_root is None

    # -- ssh ---------------------------------------------------------------------------------

    def ssh_options(self, *, master: bool = False) -> list[str]:
        """Options of every ``ssh``: the shared connection is opened by ``connect`` alone (a
        master started by any other call would keep its output pipes open)."""
        options = [
            "-p",
            str(self.target.ssh_port),
            "-o",
            "BatchMode=yes",
            "-o",
            "StrictHostKeyChecking=accept-new",
            "-o",
            "ConnectTimeout=20",
            "-o",
            "ServerAliveInterval=15",
            "-o",
            f"ControlMaster={'yes' if master else 'no'}",
            "-o",
            f"ControlPath={self._control}/%C",
        ]
        if self.target.ssh_config is not None:
            options = ["-F", str(self.target.ssh_config), *options]
        return options

    def ssh_command(self) -> str:
        return shlex.join(["ssh", *self.ssh_options()])

    def connect(self, step: str) -> None:
        """Open the shared connection; a login that fails is said plainly."""
        with tempfile.TemporaryFile("w+") as errors:
            # -f: into the background once logged in; -N: no command, the connection alone.
            command = ["ssh", *self.ssh_options(master=True), "-f", "-N"]
            command += ["-o", "ControlPersist=600", self.target.login]
            code = _local(
                step,
                command,
                120,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=errors,
            ).returncode
            errors.seek(0)
            said = errors.read()
        if code != 0:
            raise DeployError(
                step,
                f"nevar pieslēgties serverim {self.target.login} (ports {self.target.ssh_port}) ar "
                "SSH atslēgu. Pārbaudiet adresi un to, vai jūsu publiskā atslēga ir serverī "
                f"(~/.ssh/authorized_keys). SSH ziņoja: {_tail(said)}",
            )

    def close(self) -> None:
        """End the shared connection (nothing to end when it never opened)."""
        with contextlib.suppress(OSError, subprocess.TimeoutExpired):
            subprocess.run(
                ["ssh", *self.ssh_options(), "-O", "exit", self.target.login],
                capture_output=True,
                timeout=30,
                stdin=subprocess.DEVNULL,
            )
        shutil.rmtree(self._control, ignore_errors=True)

    def preamble(self) -> str:
        lines = ["set -euo pipefail", "export LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive"]
        if self.test_root is not None:
            standin = shlex.quote(self.layout.standin)
            root = shlex.quote(str(self.test_root))
            lines.append(f"export QUOTE_DEPLOY_TEST_SERVER={root}")
            lines += [f'{name}() {{ python3 {standin} {name} "$@"; }}' for name in STANDINS]
        return "\n".join(lines) + "\n"

    def run(self, step: str, script: str, *, timeout: float = TIMEOUT) -> dict[str, str]:
        """Run ``script`` on the server; its ``key=value`` output lines as a dict."""
        shell = "sudo -n bash -s" if self.sudo else "bash -s"
        result = _local(
            step,
            ["ssh", *self.ssh_options(), self.target.login, shell],
            timeout,
            input=self.preamble() + script,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            said = _tail(result.stderr or result.stdout)
            if self.sudo and "sudo" in result.stderr and "password" in result.stderr:
                said = (
                    f"lietotājam {self.target.user} vajag sudo bez paroles "
                    "(vai izmantojiet root@…)."
                )
            raise DeployError(step, said)
        values = {}
        for line in result.stdout.splitlines():
            key, sep, value = line.partition("=")
            if sep and key.isidentifier():
                values[key] = value
        return values

    # -- rsync -------------------------------------------------------------------------------

    def upload(
        self, step: str, source: Path, destination: str, *, options: Sequence[str] = ()
    ) -> None:
        """Copy ``source`` (a folder's content, or a file) to ``destination`` on the server."""
        from_path = f"{source}/" if source.is_dir() else str(source)
        command = [
            "rsync",
            "--recursive",
            "--links",
            "--times",
            "--checksum",
            "--compress",
            "--chmod=D755,F644",
            "--perms",
            *options,
            "-e",
            self.ssh_command(),
            *(["--rsync-path=sudo -n rsync"] if self.sudo else []),
            from_path,
            f"{self.target.login}:{destination}",
        ]
        result = _local(step, command, TIMEOUT, capture_output=True, text=True)
        if result.returncode != 0:
            raise DeployError(step, f"augšupielāde neizdevās: {_tail(result.stderr)}")


def _local(step: str, command: list[str], timeout: float, **options) -> subprocess.CompletedProcess:
    """Run ``ssh`` or ``rsync`` here; a missing program or a server that stops answering is a
    step that failed, said in Latvian, not a traceback."""
    try:
        return subprocess.run(command, timeout=timeout, **options)
    except FileNotFoundError as exc:
        raise DeployError(
            step, f"šajā datorā nav programmas {command[0]} (Debian: apt-get install {command[0]})."
        ) from exc
    except subprocess.TimeoutExpired as exc:
        raise DeployError(step, f"serveris neatbildēja {timeout / 60:.0f} minūšu laikā.") from exc


def _tail(text: str, lines: int = 6) -> str:
    kept = [line for line in text.strip().splitlines() if line.strip()][-lines:]
    return " | ".join(kept) if kept else "(bez paziņojuma)"
