"""Site builds made in a fresh folder and swapped in at once.

Every build, development or published, is written by Pelican into a new folder under
``.builds/<kind>/``. Only a build that succeeded is swapped in: the site's folder (``preview`` for
development, ``output`` for the published build) is a symbolic link that is replaced in one
``rename``, so a web server reading through it sees the old site or the new one, never a mix, and
a failed build leaves the last good site in place. Development and published builds live in
different folders, so the preview can never serve a published build's stale ``.gz``/``.br`` copy.

A few older builds are kept (a request that started on one can finish) and the rest deleted.

The owner never reads a Python traceback from a build: settings that do not run are reported in
one line before Pelican starts (file:line, what to do), and when Pelican itself stops with a
traceback, its output goes to ``var/log/last-error.log`` and the owner reads its error line.

``python -m quote.site.builds --settings publishconf.py --link output`` is what ``make publish``
runs; after a published build it warns while the published site's settings name no SMTP server
(quote/contact/mail_mode.py), for an inquiry would then reach nobody's inbox.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from quote.errors import SettingsError
from quote.explain import missing_program, shown, unforeseen, write_log
from quote.owner import load as load_settings
from quote.pricing import backups
from quote.pricing.changes import price_diff
from quote.pricing.history import catalog_of
from quote.site import pelican_summary

STORE = ".builds"
# Builds kept besides the current one; requests still reading an older build can finish.
KEEP = 3
CATALOG = Path("data") / "pricing.json"  # written by plugins/pricing; carries the list's version


@dataclass(frozen=True)
class BuildResult:
    ok: bool
    folder: Path | None  # the new build, None when it failed
    stdout: str
    stderr: str
    # After a good build whose price list changed since the last one: the price differences and
    # how to undo them (Latvian lines), else "".
    undo_note: str = ""


def kind_of(settings: str) -> str:
    """``publish`` for publishconf.py, ``preview`` for anything else."""
    return "publish" if Path(settings).stem.startswith("publish") else "preview"


def new_folder(project: Path, kind: str) -> Path:
    store = project / STORE / kind
    store.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    folder = Path(tempfile.mkdtemp(prefix=f"{stamp}-", dir=store))
    folder.chmod(0o755)  # mkdtemp makes it owner-only; a web server must read the published site
    return folder


def pelican(project: Path, output: Path, settings: str) -> subprocess.CompletedProcess:
    """Run Pelican in a fresh process (its signals are global) with wide, unwrapped log lines."""
    command = [str(Path(sys.executable).parent / "pelican"), "content", "-s", settings]
    return subprocess.run(
        [*command, "-o", str(output)],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200", "NO_COLOR": "1"},
    )


Runner = Callable[[Path, Path, str], subprocess.CompletedProcess]


def build(project: Path, settings: str = "pelicanconf.py", *, run: Runner = pelican) -> BuildResult:
    """Build into a fresh folder; on failure the folder is removed and nothing else changes.

    ``run(project, output, settings)`` runs Pelican (the preview's is started ahead: warm.py)."""
    try:
        load_settings(project / settings, published=False)
    except SettingsError as exc:
        return BuildResult(False, None, "", f"{exc}\n")
    folder = new_folder(project, kind_of(settings))
    try:
        result = run(project, folder, settings)
    except FileNotFoundError:
        shutil.rmtree(folder, ignore_errors=True)
        how = "Uzstādiet vidi ar make install un mēģiniet vēlreiz."
        return BuildResult(False, None, "", missing_program("pelican", how) + "\n")
    if result.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        stdout, stderr = without_traceback(project, result.stdout, result.stderr)
        return BuildResult(False, None, stdout, stderr)
    # Pelican's closing line, in Latvian (wherever its logger put it).
    return BuildResult(
        True,
        folder,
        pelican_summary.in_latvian(result.stdout),
        pelican_summary.in_latvian(result.stderr),
    )


TRACEBACK = "Traceback (most recent call last):"
# Pelican's log line: "[12:00:00] CRITICAL what happened    module.py:683"
_LOG_LINE = re.compile(r"^(?:\[[\d:]+\] )?(?:CRITICAL|ERROR)\s+(.*?)(?:\s{2,}\S+\.py:\d+)?$")


def without_traceback(project: Path, stdout: str, stderr: str) -> tuple[str, str]:
    """A failed build's output with Pelican's traceback left in ``var/log/last-error.log``:
    its own error lines stay, the indented lines of the traceback go."""
    if TRACEBACK not in stdout + stderr:
        return stdout, stderr
    log = write_log(stdout + stderr, project)

    def short(text: str) -> str:
        kept = []
        for line in text.splitlines():
            if not line.strip() or line[0].isspace() or line.startswith(TRACEBACK):
                continue
            logged = _LOG_LINE.match(line)
            kept.append(f"Pelican apstājās: {logged.group(1)}" if logged else line)
        return "".join(f"{line}\n" for line in kept)

    where = f"Pilns kļūdas apraksts: {log.relative_to(project)}\n" if log else ""
    return short(stdout), short(stderr) + where


def swap(link: Path, folder: Path) -> None:
    """Point ``link`` at ``folder`` in one atomic rename.

    A real folder at ``link`` (from before builds were swapped) is moved into the store first.
    """
    if link.exists() and not link.is_symlink():
        legacy = folder.parent / f"legacy-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}"
        link.rename(legacy)
    temporary = link.with_name(f".{link.name}.{os.getpid()}.tmp")
    if temporary.is_symlink() or temporary.exists():
        temporary.unlink()
    temporary.symlink_to(os.path.relpath(folder, link.parent), target_is_directory=True)
    os.replace(temporary, link)


def prune(store: Path, keep: set[Path], count: int = KEEP) -> None:
    """Delete all but the newest ``count`` builds in ``store`` (never one in ``keep``)."""
    if not store.is_dir():
        return
    builds = sorted((p for p in store.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime)
    resolved = {p.resolve() for p in keep}
    for old in builds[:-count] if count else builds:
        if old.resolve() not in resolved:
            shutil.rmtree(old, ignore_errors=True)


def build_and_swap(
    project: Path, link: Path, settings: str = "pelicanconf.py", *, run: Runner = pelican
) -> BuildResult:
    """Build into a fresh folder and, when it succeeded, swap it in at ``link``.

    A good build also keeps a copy of its price list when it is new (the undo in var/).
    """
    result = build(project, settings, run=run)
    if result.ok:
        swap(link, result.folder)
        prune(result.folder.parent, keep={result.folder})
        note = remember_prices(project, result.folder)
        result = replace(result, undo_note=note)
    return result


def remember_prices(project: Path, folder: Path) -> str:
    """Keep the good ``pricing.yaml`` just built, under the version its catalog carries; when it
    differs from the one built before, the lines that tell the owner what changed and how to
    undo it."""
    catalog, pricing = folder / CATALOG, project / "pricing.yaml"
    if not (catalog.exists() and pricing.exists()):
        return ""
    built = json.loads(catalog.read_text(encoding="utf-8"))
    before = backups.copies(pricing)
    if backups.remember(pricing, built["version"]) is None or not before:
        return ""
    return undo_note(before[0], built)


def undo_note(previous: Path, built: dict) -> str:
    """The price differences from the previous build's list, then how to undo them."""
    old = catalog_of(previous)
    lines = price_diff(old, built) if old else []
    if lines:
        head = "Cenas mainītas kopš iepriekšējās būvēšanas:"
    else:
        head = "Cenrādis mainīts kopš iepriekšējās būvēšanas (cenas nav mainītas)."
    tail = "Atsaukt: quote undo (visas versijas: quote history)."
    return "\n".join([head, *lines, tail]) + "\n"


def placeholders_left(settings: Path) -> str | None:
    """The Latvian list of placeholders and example values a published build must not carry.

    Every OWNER fact counts, and a VAT payer's VAT number even when OWNER leaves it out; a
    seller who is not a VAT payer (pricing.yaml ``vat: none``) needs none, so an empty
    ``OWNER["vat_no"]`` is no placeholder then."""
    from quote.errors import PlaceholderError, SettingsError
    from quote.owner import load, require_filled

    try:
        facts = load(settings, published=True)
        payer = _vat_payer(facts.pricing_file)
        keys = [key for key in facts.owner if payer or key != "vat_no"]
        if payer and "vat_no" not in keys:
            keys.append("vat_no")
        require_filled(facts, keys, purpose="make publish")
    except PlaceholderError as error:
        return str(error)
    except SettingsError as error:
        return f"make publish: {error}"
    return None


def _vat_payer(pricing_file: Path | None) -> bool:
    """Whether the price list is a VAT payer's (not ``vat: none``). One that cannot be read
    counts as a non-payer's here: the build stops on it anyway, with its own messages."""
    from quote.errors import QuoteError
    from quote.pricing.model import load_price_list

    if pricing_file is None:
        return True
    try:
        return load_price_list(pricing_file).vat_payer
    except (QuoteError, OSError):
        return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m quote.site.builds", description="Build the site and swap it in at once."
    )
    parser.add_argument("--project", type=Path, default=Path.cwd())
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--link", type=Path, required=True, help="the site folder, e.g. output")
    args = parser.parse_args(argv)
    project = args.project.resolve()
    link = args.link if args.link.is_absolute() else project / args.link
    if kind_of(args.settings) == "publish":
        refusal = placeholders_left(project / args.settings)
        if refusal:
            print(refusal, file=sys.stderr)
            print(f"{link.name}/ nav mainīta.", file=sys.stderr)
            return 2
    result = build_and_swap(project, link, args.settings)
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr)
    if not result.ok:
        print(f"{link.name}/ nav mainīta: tajā joprojām ir iepriekšējā vietne.", file=sys.stderr)
        return 1
    print(f"{link.name}/ -> {result.folder.relative_to(project)}")
    sys.stdout.write(result.undo_note)
    if kind_of(args.settings) == "publish":
        from quote.contact.mail_mode import published_warning

        warning = published_warning(project)
        if warning:
            print(warning, file=sys.stderr)
    return 0


def run(argv: list[str] | None = None) -> int:
    """:func:`main` as ``make build`` and ``make publish`` run it: an unforeseen error is two
    Latvian lines, its traceback in ``var/log/last-error.log``."""
    try:
        return main(argv)
    except Exception as exc:
        log = write_log(traceback.format_exc())
        print(f"Būvēšana apstājās ar negaidītu kļūdu ({unforeseen(exc)}).", file=sys.stderr)
        where = f"ierakstīts failā {shown(log)}" if log else "nav ierakstāms"
        print(f"Pilns kļūdas apraksts {where}; nosūtiet to izstrādātājam.", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(run())
