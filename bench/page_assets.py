"""What a page loads, read with CSS selectors: used by the bench's byte counts and by the
budget tests, so both count the same files."""

from __future__ import annotations

import dataclasses

from selectolax.lexbor import LexborHTMLParser

CLASSIC_SCRIPT_TYPES = ("", "text/javascript")
INLINE_SCRIPT_TYPES = ("", "module", "text/javascript")


@dataclasses.dataclass
class PageAssets:
    """References in page order. ``scripts`` start before the first paint (``<script src>``,
    ``modulepreload``); ``after_paint_scripts`` are the section scripts (``data-module``) the page's
    loader imports after it; ``blocking_*`` are those that hold up rendering in a browser with
    JavaScript. ``styles`` holds every stylesheet, ``noscript_styles`` those in a ``<noscript>``:
    without JavaScript they hold up rendering, with it the page links them itself."""

    styles: list[str] = dataclasses.field(default_factory=list)
    blocking_styles: list[str] = dataclasses.field(default_factory=list)
    noscript_styles: list[str] = dataclasses.field(default_factory=list)
    scripts: list[str] = dataclasses.field(default_factory=list)
    after_paint_scripts: list[str] = dataclasses.field(default_factory=list)
    blocking_scripts: list[str] = dataclasses.field(default_factory=list)
    inline_script_bytes: int = 0


def page_assets(html: str) -> PageAssets:
    found = PageAssets()
    for node in LexborHTMLParser(html).css("link[href], script, [data-module]"):
        a = {name: value or "" for name, value in node.attributes.items()}
        rel = a.get("rel", "").lower().split()
        if node.tag == "link" and "stylesheet" in rel:
            found.styles.append(a["href"])
            media = a.get("media", "all").strip().lower()
            if _inside(node, "noscript"):
                found.noscript_styles.append(a["href"])
            elif "disabled" not in a and media in ("", "all", "screen") and "alternate" not in rel:
                found.blocking_styles.append(a["href"])
        elif node.tag == "link" and "modulepreload" in rel:
            found.scripts.append(a["href"])
        elif a.get("data-module"):
            found.after_paint_scripts.append(a["data-module"])
        elif node.tag == "script" and a.get("src"):
            found.scripts.append(a["src"])
            classic = a.get("type", "").lower() in CLASSIC_SCRIPT_TYPES
            in_head = node.parent is not None and node.parent.tag == "head"
            if in_head and classic and "async" not in a and "defer" not in a:
                found.blocking_scripts.append(a["src"])
        elif node.tag == "script" and a.get("type", "").lower() in INLINE_SCRIPT_TYPES:
            found.inline_script_bytes += len((node.text() or "").encode("utf-8"))
    return found


def _inside(node, tag: str) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag == tag:
            return True
        parent = parent.parent
    return False
