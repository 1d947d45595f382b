"""The owner's own words in an offer, once per language, as Markdown under ``content/offer/``.

One file per part, like the landing sections (``NN-name.md``, another language's beside it as
``NN-name.<lang>.md`` with ``Lang: <lang>``)::

    Title: Noteikumi
    Part: terms

then the part's text in Markdown. ``Part`` is one of :data:`PARTS`: ``intro`` (the greeting and
the introduction, above the prices), ``terms`` (payment, start, minimum period, notice, what is
not included; shown before the totals' confirmation on the offer page too) and ``closing`` (the
closing words and the signature). ``Title`` is the part's heading; ``Heading: hidden`` prints
none. ``Logo: offer/logo.svg`` (intro only, optional) is a picture under ``content/`` printed at
the top. HTML comments (the owner's notes) are never printed.

The text may name the offer's facts in braces: :data:`PLACEHOLDERS`. An unknown name is left as
written, so a brace in the owner's text never stops an offer.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from pathlib import Path

from quote.errors import OfferError

FOLDER = "offer"
PARTS = ("intro", "terms", "closing")
PLACEHOLDERS = (
    "client_name",
    "client_company",
    "owner_name",
    "owner_email",
    "owner_phone",
    "number",
    "valid_until",
)
_HEADER_LINE = re.compile(r"^([A-Za-z_]+):\s*(.*?)\s*$")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@dataclasses.dataclass(frozen=True)
class Part:
    name: str
    title: str
    show_title: bool
    markdown: str
    source: Path
    logo: Path | None = None


def _read(path: Path) -> tuple[dict[str, str], str]:
    text = path.read_text(encoding="utf-8-sig")
    head, _, body = text.partition("\n\n")
    fields: dict[str, str] = {}
    for line in head.splitlines():
        match = _HEADER_LINE.match(line)
        if not match:  # no header: the whole file is the body
            return {}, text
        fields[match.group(1).lower()] = match.group(2)
    return fields, body


def _lang_of(path: Path, default: str) -> str:
    parts = path.name.split(".")
    return parts[-2] if len(parts) >= 3 else default


def load_parts(content_path: Path | None, lang: str, default: str = "lv") -> dict[str, Part]:
    """The offer's parts in ``lang`` (the default language's where ``lang`` has none), by part
    name; an empty dict when the owner has written none."""
    if content_path is None:
        return {}
    folder = content_path / FOLDER
    if not folder.is_dir():
        return {}
    found: dict[str, dict[str, Part]] = {}
    for path in sorted(folder.glob("*.md")):
        fields, body = _read(path)
        file_lang = fields.get("lang") or _lang_of(path, default)
        name = fields.get("part", "")
        if name not in PARTS:
            raise OfferError(
                f"{path}: „Part:” jābūt vienam no {', '.join(PARTS)}; atrasts {name!r}."
            )
        logo = None
        if fields.get("logo"):
            logo = (content_path / fields["logo"]).resolve()
            if not logo.is_file() or logo.suffix.lower() not in (".svg", ".png"):
                raise OfferError(f"{path}: logotips {fields['logo']} nav atrasts (SVG vai PNG).")
        part = Part(
            name=name,
            title=fields.get("title", ""),
            show_title=fields.get("heading", "").lower() != "hidden",
            markdown=_COMMENT.sub("", body).strip(),
            source=path,
            logo=logo,
        )
        found.setdefault(file_lang, {})[name] = part
    return {**found.get(default, {}), **found.get(lang, {})}


def fill(text: str, facts: Mapping[str, str]) -> str:
    """``{client_name}`` and the other :data:`PLACEHOLDERS` filled in; anything else kept."""
    return _PLACEHOLDER.sub(lambda m: facts.get(m.group(1), m.group(0)), text)


def to_html(part: Part, facts: Mapping[str, str]) -> str:
    """The part's text as HTML (Markdown with its usual extras), facts filled in and escaped."""
    from html import escape

    import markdown

    escaped = {key: escape(value) for key, value in facts.items()}
    return markdown.markdown(fill(part.markdown, escaped), extensions=["extra", "sane_lists"])
