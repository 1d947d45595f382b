"""Owner-only files: the inquiry store, its journal files, the ``.eml`` copies and exports.

Everything the endpoint and the owner's commands write about a visitor is created readable by its
owner only (folders 0700, files 0600), whatever the process's umask. :func:`tighten` runs at every
start (the endpoint's and each ``quote`` command's) and brings files left with wider modes by
older versions or by hand back to owner-only, saying so in one log line.

A folder is tightened only when it holds nothing but this program's data (the default ``var/``,
a systemd ``StateDirectory``), so a store placed in a shared folder never changes that folder.
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
from collections.abc import Iterable
from pathlib import Path

log = logging.getLogger(__name__)

FILE_MODE = 0o600
FOLDER_MODE = 0o700


def make_folder(path: Path) -> None:
    """Create ``path`` and each missing parent owner-only (``offers/`` as well as
    ``offers/7/``); an existing folder is left as it is."""
    missing = [folder for folder in (path, *path.parents) if not folder.is_dir()]
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):  # made meanwhile by another process
            folder.mkdir(mode=FOLDER_MODE)
        os.chmod(folder, FOLDER_MODE)  # mkdir's mode is filtered by the umask only


def open_private(path: Path, *, exclusive: bool = False) -> int:
    """A file descriptor for writing ``path``, created (or truncated and tightened) 0600."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_EXCL if exclusive else os.O_TRUNC)
    fd = os.open(path, flags, FILE_MODE)
    try:
        if stat.S_IMODE(os.fstat(fd).st_mode) & ~FILE_MODE:
            os.fchmod(fd, FILE_MODE)  # an existing file keeps its mode through O_CREAT
    except OSError:
        os.close(fd)
        raise
    return fd


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` as an owner-only file."""
    with os.fdopen(open_private(path), "wb") as handle:
        handle.write(data)


def tighten(db_path: Path, mail_dir: Path | None) -> list[str]:
    """Bring the store, its journals, the mail folder and its files to owner-only modes.

    Returns ``"path (755 -> 700)"`` for each change and logs them in one line."""
    db_path, mail_dir = Path(db_path), Path(mail_dir) if mail_dir is not None else None
    ours = {db_path.name, *(f"{db_path.name}{suffix}" for suffix in ("-wal", "-shm", "-journal"))}
    files = [db_path.parent / name for name in sorted(ours)]
    folders: list[Path] = []
    if mail_dir is not None and mail_dir.is_dir():
        folders.append(mail_dir)
        files.extend(path for path in mail_dir.iterdir() if path.is_file())
    data_folder = db_path.parent
    if data_folder.is_dir() and _holds_only(data_folder, ours, mail_dir):
        folders.append(data_folder)
    changes = [
        *_chmod_all((path for path in files if path.is_file()), FILE_MODE),
        *_chmod_all(folders, FOLDER_MODE),
    ]
    if changes:
        log.warning("personas dati tagad pieejami tikai īpašniekam: %s", ", ".join(changes))
    return changes


def _holds_only(folder: Path, names: set[str], mail_dir: Path | None) -> bool:
    for entry in folder.iterdir():
        if entry.name in names:
            continue
        if mail_dir is not None and entry.resolve() == mail_dir.resolve():
            continue
        return False
    return True


def _chmod_all(paths: Iterable[Path], mode: int) -> list[str]:
    changes = []
    for path in paths:
        try:
            current = stat.S_IMODE(path.stat().st_mode)
            if current & ~mode:
                os.chmod(path, current & mode)
                changes.append(f"{path} ({current:o} -> {current & mode:o})")
        except OSError as exc:  # not ours to change, or gone meanwhile
            changes.append(f"{path} (could not change: {exc.strerror})")
    return changes
