"""Python's and the system's errors in the owner's words: one Latvian line with the file and
line where there is one, and what to do. The full traceback goes to a log file instead.

Used where the owner's own edit or machine is the cause: a settings file that does not run
(:func:`settings_error`), a port or address the server cannot take (:func:`socket_error`), a
program that is not installed (:func:`missing_program`), and for anything unforeseen
(:func:`write_log`).
"""

from __future__ import annotations

import errno
import re
import traceback
from pathlib import Path

LOG = Path("var") / "log" / "last-error.log"

# Python's own words for the mistakes an edit of a settings file makes, most specific first.
_SYNTAX = [
    (r"unterminated string literal", "teksts nav noslēgts: trūkst pēdiņas"),
    (r"unterminated triple-quoted string", "teksts trīskāršās pēdiņās nav noslēgts"),
    (r"'(.)' was never closed", "iekava {0} netika aizvērta"),
    (r"unmatched '(.)'", "lieka aizverošā iekava {0}"),
    (r"closing parenthesis '(.)' does not match", "aizverošā iekava {0} neatbilst atverošajai"),
    (
        r"invalid character '(.)'",
        'nederīgs simbols {0}: Python tekstu liek taisnās pēdiņās "…"; '
        "„…” drīkst būt tikai to iekšpusē",
    ),
    (r"Perhaps you forgot a comma", "nepareizs pieraksts, varbūt trūkst komata"),
    (r"unexpected indent", "lieka atkāpe rindas sākumā"),
    (r"expected an indented block", "trūkst atkāpes rindas sākumā"),
    (r"unindent does not match", "atkāpe neatbilst iepriekšējām rindām"),
    (r"invalid decimal literal", "skaitlis kopā ar burtiem: varbūt teksts bez pēdiņām"),
    (r"cannot assign to", "nepareizs piešķīrums: pa kreisi no = jābūt nosaukumam"),
    (r"invalid syntax", "nepareizs pieraksts"),
]
_FIX = "Izlabojiet šo rindu (vai iepriekšējo) un saglabājiet failu."


def shown(path: str | Path) -> str:
    """``path`` as the owner knows it: relative to the working folder when inside it."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def settings_error(path: Path, exc: BaseException) -> str:
    """One line for a settings file (``path``) that does not run: ``file:line: what. Fix.``"""
    if isinstance(exc, SyntaxError):
        where = f"{shown(exc.filename or path)}:{exc.lineno or 1}"
        return f"{where}: Python sintakses kļūda: {_syntax_words(exc.msg or '')}. {_FIX}"
    frame = _last_frame_in(exc, Path(path).resolve().parent)
    where = f"{shown(frame.filename)}:{frame.lineno}" if frame else shown(path)
    if isinstance(exc, NameError) and getattr(exc, "name", None):
        what = f"nezināms nosaukums {exc.name}; ja tas ir teksts, ielieciet to pēdiņās"
    elif isinstance(exc, ImportError):
        what = f"nevar ielādēt {exc.name or exc}"
    else:
        what = f"iestatījumus nevar nolasīt ({type(exc).__name__}: {exc})"
    return f"{where}: {what}. {_FIX}"


def _syntax_words(message: str) -> str:
    for pattern, words in _SYNTAX:
        found = re.search(pattern, message)
        if found:
            return words.format(*found.groups())
    return f"nepareizs Python pieraksts ({message})"


def _last_frame_in(exc: BaseException, folder: Path) -> traceback.FrameSummary | None:
    """The innermost frame of ``exc`` in a file under ``folder`` or the project's settings."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if f.filename.endswith(".py") and _under(f.filename, folder)]
    return ours[-1] if ours else (frames[-1] if frames else None)


def _under(filename: str, folder: Path) -> bool:
    try:
        Path(filename).resolve().relative_to(folder)
    except ValueError:
        return Path(filename).name in ("pelicanconf.py", "publishconf.py")
    return True


def socket_error(host: str, port: int, exc: OSError) -> str:
    """Why a server cannot listen on ``host:port``, and what to do."""
    if exc.errno == errno.EADDRINUSE:
        return (
            f"Ports {port} adresē {host} jau ir aizņemts: varbūt make serve jau darbojas citā "
            f"logā (tad atveriet http://{host}:{port}/). Apturiet otru serveri ar Ctrl+C vai "
            f"izvēlieties citu portu, piemēram, make serve PORT={port + 1}."
        )
    if exc.errno == errno.EACCES:
        return (
            f"Portu {port} drīkst izmantot tikai administrators: izvēlieties portu no 1024 "
            "uz augšu."
        )
    return (
        f"Adresē {host} ar portu {port} nevar klausīties ({exc.strerror or exc}): izmantojiet "
        "adresi 127.0.0.1."
    )


def unix_socket_error(path: Path, exc: OSError) -> str:
    """Why the endpoint cannot listen on the Unix socket ``path``."""
    if exc.errno == errno.EADDRINUSE:
        why = "tur ir fails, kas nav ligzda"
    else:
        why = _OS_WORDS.get(exc.errno or 0, exc.strerror or str(exc))
    return (
        f"Galapunkts nevar klausīties ligzdā {path} ({why}). Pārbaudiet QUOTE_SOCKET vai "
        "--socket un mapes tiesības."
    )


# What a file system error means, in the owner's words.
_OS_WORDS = {
    errno.ENOENT: "nav atrasts",
    errno.EACCES: "nav piekļuves tiesību",
    errno.EPERM: "nav piekļuves tiesību",
    errno.ENOTDIR: "ceļā ir fails tur, kur vajadzīga mape",
    errno.EISDIR: "ir mape, nevis fails",
    errno.EEXIST: "jau ir (fails vai mape ar šo nosaukumu)",
    errno.ENOSPC: "diskā nav brīvas vietas",
    errno.EROFS: "disks ir tikai lasāms",
}


def unforeseen(exc: BaseException) -> str:
    """An error nobody planned for, in as few words as it allows: a file system error as the
    path and what is wrong with it, anything else as its type and message."""
    if isinstance(exc, OSError) and exc.errno in _OS_WORDS:
        where = f"{shown(exc.filename)}: " if exc.filename else ""
        return f"{where}{_OS_WORDS[exc.errno]}"
    return f"{type(exc).__name__}: {exc}"


def missing_program(program: str, how: str) -> str:
    """A program that is not installed, and how to install it."""
    return f"Programma {program} nav atrasta. {how}"


def write_log(text: str, folder: Path | None = None) -> Path | None:
    """Write ``text`` (a traceback) to ``var/log/last-error.log`` under ``folder`` (default: the
    working folder); the path written, or None when it cannot be written either."""
    path = (folder or Path.cwd()) / LOG
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError:
        return None
    return path
