"""The site's icons beyond the favicon, and its web manifest: Pelican glue.

The favicon is ``theme/static/favicon.svg``, inlined into every page as a ``data:`` URI
(plugins/theme_assets), so no page asks for it before its first paint. Phones do not take an
SVG for their home screens and link previews, so the same SVG is rendered to PNG
(:mod:`quote.site.icons`): ``apple-touch-icon.png`` (180 × 180, at the site's root, where iOS
also looks for it unasked) and ``icons/icon-192.png`` and ``icons/icon-512.png`` for the web
manifest, one per language (``manifest.webmanifest`` at each language's root: its name is the
language's ``SITENAME``). Browsers fetch the manifest and the touch icon only when they need
them, never before the page paints.
"""

from __future__ import annotations

import json
from pathlib import Path

from pelican import signals

from quote.i18n import language_context
from quote.site import icons
from quote.site.share_images import theme_colours

APPLE_TOUCH_ICON = "apple-touch-icon.png"
MANIFEST = "manifest.webmanifest"


def manifest(settings, lang: str, colours: dict[str, str]) -> dict:
    """The web manifest of ``lang``'s pages."""
    values = language_context(settings, lang)
    return {
        "name": values["SITENAME"],
        "short_name": values["SITENAME"],
        "lang": lang,
        "start_url": f"{values['lang_root']}/",
        "display": "browser",
        "background_color": colours["card"],
        "theme_color": colours["accent"],
        "icons": [
            {"src": f"/icons/icon-{size}.png", "sizes": f"{size}x{size}", "type": "image/png"}
            for size in icons.MANIFEST_SIZES
        ],
    }


def write_icons(pelican) -> None:
    settings = pelican.settings
    theme = Path(settings["THEME"])
    svg = icons.svg_source((theme / "static" / "favicon.svg").read_text("utf-8"))
    colours = theme_colours((theme / "static" / "css" / "site.css").read_text("utf-8"))
    output = Path(pelican.output_path)
    (output / "icons").mkdir(parents=True, exist_ok=True)
    # iOS rounds the corners itself and shows transparent ones black: the touch icon is square.
    touch = icons.svg_png(svg, icons.APPLE_TOUCH_SIZE, background=colours["accent"])
    (output / APPLE_TOUCH_ICON).write_bytes(touch)
    for size in icons.MANIFEST_SIZES:
        (output / "icons" / f"icon-{size}.png").write_bytes(icons.svg_png(svg, size))
    for lang in settings.get("LANGUAGES") or [settings["DEFAULT_LANG"]]:
        values = language_context(settings, lang)
        path = output / values["lang_root"].lstrip("/") / MANIFEST
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(manifest(settings, lang, colours), ensure_ascii=False, indent=1)
        path.write_text(text + "\n", encoding="utf-8")


def register():
    signals.finalized.connect(write_icons)
