"""The theme's SVG drawings as PNG: the icon for phones' home screens and the web manifest, and
the hero's drawing for the preview images.

Rendered with resvg (the ``resvg-py`` wheel: no system libraries), from the same SVG sources the
pages use, so the icons and the pages cannot drift apart. A drawing whose colours come from the
stylesheet (the hero's ``.art-*`` classes) gets them from :func:`art_stylesheet`.
"""

from __future__ import annotations

import re

import resvg_py

# The sizes a web manifest's icons need (Android's home screen and splash screen); 180 is
# Apple's touch icon.
APPLE_TOUCH_SIZE = 180
MANIFEST_SIZES = (192, 512)
_JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)
_XML_COMMENT = re.compile(r"<!--.*?-->", re.S)


def svg_source(text: str) -> str:
    """An SVG file or template as plain SVG: comments (Jinja's and XML's) removed."""
    return _XML_COMMENT.sub("", _JINJA_COMMENT.sub("", text)).strip()


def svg_png(
    svg: str,
    width: int,
    height: int | None = None,
    style_sheet: str = "",
    background: str | None = None,
) -> bytes:
    """``svg`` rendered at ``width`` × ``height`` pixels (square when no height is given), on
    ``background`` (transparent when none is given)."""
    return bytes(
        resvg_py.svg_to_bytes(
            svg_string=svg,
            width=width,
            height=height or width,
            style_sheet=style_sheet or None,
            background=background,
            skip_system_fonts=True,
        )
    )


def art_stylesheet(colours: dict[str, str]) -> str:
    """The colours of the hero's drawing (``.art-*`` in site.css) for the light scheme."""
    return (
        f".art-card,.art-paper{{fill:{colours['card']}}}"
        f".art-card{{stroke:{colours['line']};stroke-width:2}}"
        f".art-ink{{fill:{colours['ink']}}}"
        f".art-accent{{fill:{colours['accent']}}}"
        f".art-soft{{fill:{colours['accent-soft']}}}"
        f".art-warm{{fill:{colours['warm']}}}"
        ".art-grid,.art-trend{fill:none;stroke-linecap:round;stroke-linejoin:round}"
        f".art-grid{{stroke:{colours['line']};stroke-width:6}}"
        f".art-trend{{stroke:{colours['accent']};stroke-width:5}}"
    )
