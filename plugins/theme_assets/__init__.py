"""Jinja helpers for the theme's own files: inline the stylesheet, fingerprint static URLs.

The stylesheet is inlined so that the first paint needs no request besides the document.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import quote

from markupsafe import Markup, escape
from pelican import signals


def _static(settings, name: str) -> Path:
    return Path(settings["THEME"]) / "static" / name


def fill_owner(html: str, owner: dict) -> str:
    """Replace {owner_name}-style placeholders in page copy with the OWNER setting."""
    for key, value in owner.items():
        html = html.replace("{owner_" + key + "}", escape(value))
    return Markup(html)


_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_SPACE = re.compile(r"\s+")
_CSS_PUNCTUATION = re.compile(r"\s*([{};,>])\s*")


def compact_css(css: str) -> str:
    """Drop comments and layout whitespace from our own stylesheets before inlining them.

    Only safe for CSS without strings that hold these characters, which is true of the theme's.
    """
    css = _CSS_SPACE.sub(" ", _CSS_COMMENT.sub("", css))
    css = _CSS_PUNCTUATION.sub(r"\1", css)
    return css.replace(";}", "}").strip()


def add_helpers(pelican_or_generator):
    settings = pelican_or_generator.settings
    env = pelican_or_generator.env

    def inline_asset(name: str) -> str:
        text = _static(settings, name).read_text(encoding="utf-8")
        return compact_css(text) if name.endswith(".css") else text.strip()

    def data_uri(name: str, mime: str) -> str:
        # Inlined so that no page makes a request for its icon before the first paint.
        return f"data:{mime},{quote(_static(settings, name).read_text(encoding='utf-8').strip())}"

    def asset_url(name: str) -> str:
        digest = hashlib.sha256(_static(settings, name).read_bytes()).hexdigest()[:10]
        return f"{settings['SITEURL']}/theme/{name}?v={digest}"

    # Compact JSON for tojson (structured data); Jinja still escapes < > & ' inside it.
    env.policies["json.dumps_kwargs"] = {
        "sort_keys": True,
        "ensure_ascii": False,
        "separators": (",", ":"),
    }
    env.globals["inline_asset"] = inline_asset
    env.filters["fill_owner"] = fill_owner
    env.globals["asset_url"] = asset_url
    env.globals["data_uri"] = data_uri


def register():
    signals.generator_init.connect(add_helpers)
