"""The Content Security Policy of a build: its pages' inline code allowed by hash, nothing else.

The pages inline what their first paint needs (the critical styles, a loader script, an import
map): allowing inline code in general ('unsafe-inline') would let any injected markup run. Each
inline script and style is allowed by its SHA-256 instead, computed from the pages as built, so
the policy is exact and changes by itself when the theme does. Scripts and styles from files are
allowed from the site itself only; nothing from another origin is allowed at all, and no other
site may frame a page.

nginx sends it as a header with every answer: `make deploy` puts the published build's policy
into the nginx site (quote/site/deploy/files.py), where deploy/nginx/quote-site.conf has
:data:`WITHOUT_HASHES`. A header costs the pages no bytes (a ``<meta>`` policy would cost the
landing page ~450 compressed bytes of hashes, and cannot forbid framing). JSON-LD
(``type="application/ld+json"``) is data, not code: no policy applies to it.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from html import unescape
from pathlib import Path

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.S | re.I)
_STYLE_ATTRIBUTE = re.compile(r"""\sstyle=(?:"([^"]*)"|'([^']*)')""", re.I)
_SRC = re.compile(r"\ssrc\s*=", re.I)
_DATA_TYPE = re.compile(r"""\stype\s*=\s*["']?application/(?:ld\+)?json""", re.I)

# What holds whatever the pages are: everything from the site itself, images also as data: URIs
# (the favicon); no plugins, no <base> elsewhere, forms post to the site only, no framing.
FIXED = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
# deploy/nginx/quote-site.conf's policy as shipped, before a deploy adds a build's hashes.
WITHOUT_HASHES = "frame-ancestors 'none'; base-uri 'self'; object-src 'none'; form-action 'self'"


def sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_code(html: str) -> tuple[list[str], list[str], list[str]]:
    """A page's inline scripts (import maps and modules included, data blocks not), its
    ``<style>`` elements and its ``style`` attributes, in page order."""
    scripts = [
        body
        for attributes, body in _SCRIPT.findall(html)
        if not _SRC.search(attributes) and not _DATA_TYPE.search(attributes)
    ]
    code_free = _SCRIPT.sub("", html)  # a script's text may look like markup
    styles = _STYLE.findall(code_free)
    attributes = [unescape(a or b) for a, b in _STYLE_ATTRIBUTE.findall(_STYLE.sub("", code_free))]
    return scripts, styles, attributes


def policy(pages: Iterable[str]) -> str:
    """The policy that lets every one of ``pages`` (their HTML) run its own inline code."""
    scripts: dict[str, None] = {}
    styles: dict[str, None] = {}
    attributes: dict[str, None] = {}
    for html in pages:
        found = inline_code(html)
        for into, texts in zip((scripts, styles, attributes), found, strict=True):
            into.update(dict.fromkeys(sha256(text) for text in texts))
    directives = dict(FIXED)
    directives["script-src"] = ["'self'", *sorted(scripts)]
    style_sources = ["'self'", *sorted(styles)]
    if attributes:  # CSP 3: a style attribute is allowed by its hash only with 'unsafe-hashes'
        style_sources += ["'unsafe-hashes'", *sorted(attributes)]
    directives["style-src"] = style_sources
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def site_policy(folder: Path) -> str:
    """The policy of a built site: every HTML page under ``folder`` together."""
    return policy(page.read_text(encoding="utf-8") for page in sorted(folder.rglob("*.html")))
