"""The last good copies of ``pricing.yaml``, an undo for an edit that broke or emptied it.

After every good build whose price list means something new (its version, the hash of the
canonical price list, differs from the newest copy's), the file is copied into
``var/pricing-history/`` beside it as ``pricing-<time>-<version>.yaml``; the newest few are kept.
While ``pricing.yaml`` is broken, the newest copy is what :func:`restore_hint` tells the owner to
copy back, and what the contact endpoint prices an inquiry with.
"""

from __future__ import annotations

import os
import shlex
import shutil
import time
from pathlib import Path

import yaml

KEEP = 5
FOLDER = Path("var") / "pricing-history"


def history_dir(pricing: Path) -> Path:
    return Path(pricing).resolve().parent / FOLDER


def copies(pricing: Path) -> list[Path]:
    """The kept copies, newest first (by the time in the name, then by the file's own: an undo
    and the build after it can fall in one second)."""
    folder = history_dir(pricing)
    if not folder.is_dir():
        return []

    def age(path: Path) -> tuple[str, int]:
        try:
            return path.stem.split("-")[1], path.stat().st_mtime_ns
        except FileNotFoundError:  # pruned by a build running beside this one
            return path.stem.split("-")[1], 0

    return sorted(folder.glob("pricing-*.yaml"), key=age, reverse=True)


def version_of(copy: Path) -> str:
    return copy.stem.rsplit("-", 1)[-1]


def remember(pricing: Path, version: str, keep: int = KEEP) -> Path | None:
    """Copy ``pricing`` (valid, of ``version``) unless the newest copy has that version."""
    kept = copies(pricing)
    if kept and version_of(kept[0]) == version:
        return None
    folder = history_dir(pricing)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    target = folder / f"pricing-{stamp}-{version}.yaml"
    partial = target.with_suffix(".part")
    shutil.copyfile(pricing, partial)
    os.replace(partial, target)  # never a half-written copy under a good name
    for old in copies(pricing)[keep:]:
        old.unlink(missing_ok=True)
    return target


def is_unreadable(pricing: Path) -> bool:
    """True when the file is missing, empty, or not YAML at all (not merely an invalid list)."""
    try:
        text = Path(pricing).read_text(encoding="utf-8")
        return not isinstance(yaml.safe_load(text), dict)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return True


def restore_hint(pricing: Path) -> str | None:
    """Latvian lines telling how to put the last good copy back, or None when there is none."""
    kept = copies(pricing)
    if not kept:
        return None
    newest = kept[0]
    saved = time.strftime("%Y-%m-%d %H:%M", time.localtime(newest.stat().st_mtime))
    copy, name = os.path.relpath(newest), os.path.relpath(pricing)
    return (
        f"Pēdējā derīgā {Path(pricing).name} versija ({saved}) ir saglabāta: {copy}\n"
        f"Lai to atjaunotu: quote undo (vai cp {shlex.quote(copy)} {shlex.quote(name)})"
    )
