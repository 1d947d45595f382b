"""The theme's icons: one symbol set, theme/icons.svg, whose symbols a page carries inline.

Each page holds, once, in a hidden ``<svg>``, the ``<symbol>``s its sections use, and every
icon is ``<use href="#i-NAME">`` (partials/icon.html). In the page rather than in a file of
their own: a sprite file is a request the browser makes while it parses the page, before its
first paint, and Lighthouse's simulation charges such a request to the page's FCP and LCP
(issue 12); the few symbols a page uses cost less than that round trip.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from pathlib import Path

import minify
from markupsafe import Markup

ICON_SET = "icons.svg"
_SYMBOL = re.compile(r'<symbol id="i-([a-z0-9-]+)".*?</symbol>', re.S)


def icon_set_path(theme: str) -> Path:
    return Path(theme) / ICON_SET


@functools.lru_cache(maxsize=4)
def _symbols(path: Path, mtime_ns: int) -> dict[str, str]:
    """Each symbol's markup by name, minified (the file is written for people)."""
    text = minify.string("image/svg+xml", path.read_text(encoding="utf-8"))
    return {found.group(1): found.group(0) for found in _SYMBOL.finditer(text)}


def symbols(theme: str) -> dict[str, str]:
    path = icon_set_path(theme)
    if not path.is_file():
        return {}
    return _symbols(path, path.stat().st_mtime_ns)


def theme_icons(theme: str) -> frozenset[str]:
    """The names of the icons the theme's symbol set draws."""
    return frozenset(symbols(theme))


def sprite(theme: str, names: Iterable[str]) -> Markup:
    """A hidden ``<svg>`` with the symbols of ``names`` (each once, in order of first use), or
    nothing when there are none. Out of the layout and of the accessibility tree."""
    drawn = symbols(theme)
    used = [drawn[name] for name in dict.fromkeys(names) if name in drawn]
    if not used:
        return Markup("")
    return Markup(
        '<svg width="0" height="0" style="position:absolute" aria-hidden="true">'
        + "".join(used)
        + "</svg>"
    )
