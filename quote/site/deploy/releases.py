"""What a deploy sends, named by its content: the site's release and the endpoint's code.

A release's name is a digest of every file in it, so the deploy can tell without sending
anything whether the server already has it: the same site or the same code is never uploaded,
switched or restarted again. The endpoint's code is what it runs from (the ``quote`` package and
the message catalogs; nginx's error answers are written from them on the server) and the list of
packages its virtualenv holds, which is named by a digest of its own: the virtualenv is built
again only when that list changes.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import shutil
import tomllib
from pathlib import Path

from quote.errors import DeployError

CODE_ROOT = Path(__file__).resolve().parents[3]
# What the endpoint and the owner's commands on the server need, taken from the project's
# dependency list with its version limits; the site's build tools (Pelican, Pillow, …) and the
# PDF printer stay on the owner's computer.
SERVER_PACKAGES = (
    "Flask",
    "Werkzeug",
    "waitress",
    "whitenoise",
    "click",
    "babel",
    "PyYAML",
    "pydantic",
    "pydantic-settings",
    "python-dotenv",
    "email-validator",
    "Flask-Limiter",
    "crawler-user-agents",
)
CODE_FILES = ("quote", "theme/translations")
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc")
STEP = "Iestatījumu pārbaude"


def digest_folder(folder: Path, extra: dict[str, bytes] | None = None) -> str:
    """12 hex characters of SHA-256 over every file's path and content (and ``extra``)."""
    hasher = hashlib.sha256()
    files = sorted(p for p in folder.rglob("*") if p.is_file() or p.is_symlink())
    for path in files:
        hasher.update(path.relative_to(folder).as_posix().encode() + b"\0")
        hasher.update(path.read_bytes() if not path.is_symlink() else str(path.readlink()).encode())
        hasher.update(b"\0")
    for name, content in sorted((extra or {}).items()):
        hasher.update(name.encode() + b"\0" + content + b"\0")
    return hasher.hexdigest()[:12]


@dataclasses.dataclass(frozen=True)
class SiteRelease:
    """The published build (``output/``) and the price list the endpoint prices it with."""

    output: Path
    pricing: Path
    name: str

    @classmethod
    def of(cls, project: Path) -> SiteRelease:
        link = project / "output"
        output = link.resolve()
        if not (output / "index.html").exists():
            raise DeployError(
                "Vietnes sagatavošana",
                f"nav publicētas vietnes mapē {link}: vispirms palaidiet „make publish”.",
            )
        pricing = project / "pricing.yaml"
        name = digest_folder(output, {"pricing.yaml": pricing.read_bytes()})
        return cls(output=output, pricing=pricing, name=name)

    def price_version(self) -> str:
        import json

        catalog = json.loads((self.output / "data" / "pricing.json").read_text(encoding="utf-8"))
        return str(catalog.get("version", ""))


def requirements(pyproject: Path = CODE_ROOT / "pyproject.toml") -> list[str]:
    """The project's dependency lines for :data:`SERVER_PACKAGES`, version limits included."""
    listed = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"]
    by_name = {_name(line): line for line in listed}
    missing = [name for name in SERVER_PACKAGES if _name(name) not in by_name]
    if missing:
        raise DeployError(STEP, f"pyproject.toml nav atkarību: {', '.join(missing)}.")
    return [by_name[_name(name)] for name in SERVER_PACKAGES]


def _name(line: str) -> str:
    return re.split(r"[\s\[<>=!~;]", line, maxsplit=1)[0].lower().replace("_", "-")


@dataclasses.dataclass(frozen=True)
class CodeRelease:
    """The endpoint's code, gathered in ``folder``, and its virtualenv's package list."""

    folder: Path
    name: str
    requirements: str
    venv_name: str

    @classmethod
    def gather(cls, into: Path, root: Path = CODE_ROOT) -> CodeRelease:
        folder = into / "code"
        for relative in CODE_FILES:
            source = root / relative
            shutil.copytree(source, folder / relative, ignore=IGNORED)
        reqs = "\n".join(requirements(root / "pyproject.toml")) + "\n"
        (folder / "requirements.txt").write_text(reqs, encoding="utf-8")
        venv_name = hashlib.sha256(reqs.encode()).hexdigest()[:12]
        return cls(
            folder=folder, name=digest_folder(folder), requirements=reqs, venv_name=venv_name
        )
