"""Debian's OpenSSH server on 127.0.0.1 for the deploy tests, run as the current user.

Everything it needs is in one scratch folder: a throw-away host key and client key, the
authorized key, its configuration and pid file. It listens on a free port on the loopback
address only and accepts that one key for the current user. ``ssh_config`` is the client side:
the key, the port and a known-hosts file of the scratch folder (``ssh -F``), so the user's own
SSH settings and known hosts are neither read nor written.
"""

from __future__ import annotations

import getpass
import os
import signal
import subprocess
from pathlib import Path

from bench.harness import free_port, listens

SSHD = Path("/usr/sbin/sshd")


class SshServer:
    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.port = free_port()
        self.user = getpass.getuser()
        self.process: subprocess.Popen | None = None

    @property
    def login(self) -> str:
        return f"{self.user}@127.0.0.1"

    @property
    def ssh_config(self) -> Path:
        return self.folder / "ssh_config"

    def _keys(self) -> None:
        for name in ("host_key", "client_key"):
            subprocess.run(
                ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(self.folder / name)],
                check=True,
                timeout=30,
            )
        (self.folder / "authorized_keys").write_bytes((self.folder / "client_key.pub").read_bytes())
        (self.folder / "authorized_keys").chmod(0o600)

    def _configs(self) -> Path:
        server = self.folder / "sshd_config"
        server.write_text(
            "\n".join(
                [
                    f"Port {self.port}",
                    "ListenAddress 127.0.0.1",
                    f"HostKey {self.folder / 'host_key'}",
                    f"PidFile {self.folder / 'sshd.pid'}",
                    f"AuthorizedKeysFile {self.folder / 'authorized_keys'}",
                    f"AllowUsers {self.user}",
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "UsePAM no",
                    "StrictModes no",
                    "PermitRootLogin prohibit-password",
                    "LogLevel ERROR",
                    "",
                ]
            )
        )
        self.ssh_config.write_text(
            "\n".join(
                [
                    "Host 127.0.0.1",
                    f"    IdentityFile {self.folder / 'client_key'}",
                    "    IdentitiesOnly yes",
                    f"    UserKnownHostsFile {self.folder / 'known_hosts'}",
                    "    GlobalKnownHostsFile /dev/null",
                    "    LogLevel ERROR",
                    "",
                ]
            )
        )
        return server

    def start(self, timeout: float = 15.0) -> SshServer:
        if not SSHD.exists():
            raise RuntimeError("sshd is not installed (make test installs Debian's openssh-server)")
        if os.geteuid() == 0 and not Path("/run/sshd").is_dir():
            raise RuntimeError("sshd as root needs /run/sshd (make test creates it)")
        self.folder.mkdir(parents=True, exist_ok=True)
        self._keys()
        config = self._configs()
        check = subprocess.run(
            [str(SSHD), "-t", "-f", str(config)], capture_output=True, text=True, timeout=30
        )
        if check.returncode != 0:
            raise RuntimeError(f"sshd -t failed:\n{check.stderr}")
        self.process = subprocess.Popen(
            [str(SSHD), "-D", "-e", "-f", str(config)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=(self.folder / "sshd.log").open("ab"),
        )
        if listens(self.port, self.process, timeout):
            return self
        if self.process.poll() is not None:
            raise RuntimeError(f"sshd exited:\n{self.log()}")
        self.stop()
        raise RuntimeError(f"sshd did not listen within {timeout} s:\n{self.log()}")

    def log(self) -> str:
        path = self.folder / "sshd.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self.process = None
