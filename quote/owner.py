"""The owner's facts from the Pelican settings, and the placeholders still left in them.

The owner writes who they are once, in ``pelicanconf.py`` (``OWNER``, ``SITENAME``), and the
published address in ``publishconf.py`` (``SITE_ORIGIN``). The site, the offers (``quote offer``)
and the printed estimate read them from here; ``make publish`` and ``quote offer`` refuse to go
on while a value is still a placeholder, naming the setting and the file to change.

A placeholder is a value in square brackets (``[Vārds Uzvārds — …]``), an address at an example
domain (``info@example.lv``, ``https://www.example.lv``) or, for the published build, a
``SITE_ORIGIN`` on this machine (``http://127.0.0.1:8000``).

The settings file is plain Python; it is executed here rather than through Pelican so that
``quote`` stays importable without Pelican (DESIGN.md: the domain never imports Pelican).
"""

from __future__ import annotations

import ast
import dataclasses
import re
import runpy
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from quote.errors import PlaceholderError, SettingsError
from quote.explain import settings_error

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEVELOPMENT_SETTINGS = "pelicanconf.py"
PUBLISHED_SETTINGS = "publishconf.py"

# What each key of OWNER is, in Latvian, for messages ("fill in OWNER["iban"] (bankas konts)").
OWNER_FIELDS: dict[str, str] = {
    "name": "vārds, uzvārds vai uzņēmuma nosaukums",
    "reg_no": "reģistrācijas numurs",
    "vat_no": "PVN maksātāja numurs",
    "address": "juridiskā adrese",
    "email": "e-pasta adrese",
    "phone": "tālrunis",
    "bank": "banka",
    "iban": "bankas konts (IBAN)",
}

_BRACKETED = re.compile(r"\[[^\]]*\]")
_EMAIL_DOMAIN = re.compile(r"@([^\s@>]+)")
# Domains reserved for documentation (RFC 2606) and their look-alikes in the seed (example.lv).
_EXAMPLE_LABEL = "example"
_LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}


@dataclasses.dataclass(frozen=True)
class Placeholder:
    """One setting still holding a placeholder."""

    setting: str  # as written in the settings file: OWNER["name"], SITE_ORIGIN
    value: str
    file: Path  # the file where the owner changes it
    why: str  # Latvian: why the value counts as a placeholder

    def message(self) -> str:
        return f"{self.file.name}: {self.setting} = {self.value!r} — {self.why}"


@dataclasses.dataclass(frozen=True)
class OwnerSettings:
    """What the tools outside Pelican need from the settings."""

    owner: dict[str, str]
    site_origin: str
    sitename: str
    timezone: str
    settings_file: Path
    # Which file assigns each top-level name (publishconf.py for its overrides).
    defined_in: Mapping[str, Path]
    published: bool
    # The Markdown content folder (PATH), for tools that read the owner's copy.
    content_path: Path | None = None
    # The published languages (LANGUAGES, the default first) and their message catalogs.
    languages: tuple[str, ...] = ("lv",)
    i18n_catalogs: Path | None = None
    # The price list (PRICING_FILE; relative to the settings' folder, where the build runs).
    pricing_file: Path | None = None

    def where(self, name: str) -> Path:
        return self.defined_in.get(name, self.settings_file)

    def placeholders(self, keys: Iterable[str] | None = None) -> list[Placeholder]:
        """Placeholders among ``OWNER[key]`` for ``keys`` (default: every key) and SITE_ORIGIN.

        A key in ``keys`` missing from OWNER counts too, so that a tool needing the bank account
        names the setting to add.
        """
        found = []
        wanted = list(self.owner) if keys is None else list(keys)
        owner_file = self.where("OWNER")
        for key in wanted:
            setting = f'OWNER["{key}"]'
            if key not in self.owner:
                what = OWNER_FIELDS.get(key, key)
                found.append(Placeholder(setting, "", owner_file, f"nav norādīts ({what})"))
                continue
            why = placeholder_reason(self.owner[key])
            if why:
                found.append(Placeholder(setting, self.owner[key], owner_file, why))
        why = placeholder_reason(self.site_origin, public_origin=self.published)
        if why:
            found.append(
                Placeholder("SITE_ORIGIN", self.site_origin, self.where("SITE_ORIGIN"), why)
            )
        return found


def placeholder_reason(value: Any, *, public_origin: bool = False) -> str | None:
    """Why ``value`` is a placeholder (Latvian), or None when it looks like a real value."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return "tukša vērtība"
    if _BRACKETED.search(text):
        return "aizvietotājs kvadrātiekavās"
    for domain in _EMAIL_DOMAIN.findall(text):
        if _is_example_domain(domain):
            return f"parauga domēns {domain}"
    if "://" in text:
        host = (urlsplit(text).hostname or "").lower()
        if _is_example_domain(host):
            return f"parauga domēns {host}"
        if public_origin and host in _LOOPBACK_HOSTS:
            return "šī datora adrese, nevis publicētās vietnes adrese"
    return None


def _is_example_domain(domain: str) -> bool:
    labels = domain.lower().rstrip(".").split(".")
    # example.lv, www.example.com, anything.example (RFC 2606's top-level name).
    return (len(labels) >= 2 and labels[-2] == _EXAMPLE_LABEL) or labels[-1] == _EXAMPLE_LABEL


def load(
    settings_file: Path | str | None = None, *, published: bool | None = None
) -> OwnerSettings:
    """Read the owner's facts from a Pelican settings file.

    Default: the project's ``publishconf.py`` (what strangers see), else ``pelicanconf.py``.
    ``published`` (default: the file is named publishconf.py) makes a loopback SITE_ORIGIN a
    placeholder.
    """
    if settings_file is None:
        settings_file = PROJECT_ROOT / PUBLISHED_SETTINGS
        if not settings_file.exists():
            settings_file = PROJECT_ROOT / DEVELOPMENT_SETTINGS
    path = Path(settings_file).resolve()
    if published is None:
        published = path.name == PUBLISHED_SETTINGS
    values = _execute(path)
    owner = values.get("OWNER", {})
    if not isinstance(owner, Mapping):
        raise SettingsError(f"{path.name}: OWNER jābūt vārdnīcai (dict), atrasts {owner!r}")
    return OwnerSettings(
        owner={str(k): "" if v is None else str(v) for k, v in owner.items()},
        site_origin=str(values.get("SITE_ORIGIN") or "").rstrip("/"),
        sitename=str(values.get("SITENAME") or ""),
        timezone=str(values.get("TIMEZONE") or "Europe/Riga"),
        settings_file=path,
        defined_in=_definitions(path),
        published=published,
        content_path=Path(values["PATH"]) if values.get("PATH") else None,
        languages=tuple(values.get("LANGUAGES") or [values.get("DEFAULT_LANG") or "lv"]),
        i18n_catalogs=Path(values["I18N_CATALOGS"]) if values.get("I18N_CATALOGS") else None,
        pricing_file=path.parent / values["PRICING_FILE"] if values.get("PRICING_FILE") else None,
    )


def require_filled(
    settings: OwnerSettings, keys: Iterable[str] | None, *, purpose: str
) -> OwnerSettings:
    """``settings`` unchanged, or :class:`PlaceholderError` naming every setting to fill in."""
    found = settings.placeholders(keys)
    if found:
        raise PlaceholderError(found, purpose)
    return settings


def _execute(path: Path) -> dict[str, Any]:
    """Run a settings module as Pelican would, isolated from any other project's settings.

    ``publishconf.py`` does ``from pelicanconf import *`` after putting its folder on sys.path;
    a ``pelicanconf`` module cached from another folder (a test's scratch project) would be
    picked up instead, so the cache is cleared before and restored after.
    """
    if not path.is_file():
        raise SettingsError(f"iestatījumu fails nav atrasts: {path}")
    folder = str(path.parent)
    saved_path = list(sys.path)
    saved_module = sys.modules.pop("pelicanconf", None)
    sys.path.insert(0, folder)
    try:
        return runpy.run_path(str(path))
    except Exception as exc:
        raise SettingsError(settings_error(path, exc)) from exc
    finally:
        sys.path[:] = saved_path
        sys.modules.pop("pelicanconf", None)
        if saved_module is not None:
            sys.modules["pelicanconf"] = saved_module


def _definitions(path: Path) -> dict[str, Path]:
    """Top-level names assigned in ``path`` and in the settings it star-imports (pelicanconf)."""
    defined: dict[str, Path] = {}
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, SyntaxError):
        return defined
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and any(a.name == "*" for a in node.names):
            base = path.parent / f"{node.module}.py"
            if node.module and base.is_file():
                defined.update(_definitions(base))
    for node in tree.body:
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign | ast.AugAssign):
            targets = [node.target]
        for target in targets:
            if isinstance(target, ast.Name):
                defined[target.id] = path
    return defined
