"""Preview images for shared links: one 1200 × 630 card per page and language.

A messenger or a feed shows a link with its ``og:image``; for a social-media manager that card
is the first impression. A card carries the page's title, the site's name and address, the site's
brand mark and the hero's drawing, on the site's colours. Text is drawn with the font file shipped
in ``theme/share/`` (DejaVu Sans Bold: every Latvian letter), which is only ever drawn into images,
never sent to visitors.

The same card gives the same bytes: Pillow writes no time stamp, the palette is reduced without
dithering. So a card is cached by a digest of everything it shows and of this drawing code
(:data:`DRAWING`): a rebuild that changed nothing reads the cached file instead of drawing it.
An owner's own picture (``Image:`` in a page's metadata) is cropped to the same size instead.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import PIL
from PIL import Image, ImageDraw, ImageFont, ImageOps

from quote.errors import ImageError

WIDTH, HEIGHT = 1200, 630
# Bump when the drawing changes, so that cached cards are drawn again.
DRAWING = "card-1"
MARGIN = 72
TEXT_WIDTH = 560
# The largest title size that fits in MAX_LINES lines is used; below the last, it is cut short.
TITLE_SIZES = (66, 58, 50, 44)
MAX_LINES = 4
SUBTITLE_SIZE = 30
SUBTITLE_LINES = 3
PALETTE_COLOURS = 64
JPEG_OPTIONS = {"quality": 84, "optimize": True, "progressive": True}
# The site's colours, read from the theme's stylesheet (its light scheme, the first definitions).
COLOUR_NAMES = ("ink", "muted", "soft", "card", "line", "accent", "accent-soft", "warm")
_CUSTOM_PROPERTY = re.compile(r"--([a-z-]+):\s*(#[0-9a-fA-F]{3,6})\s*;")


@dataclass(frozen=True)
class Card:
    """What one preview image shows."""

    title: str
    site_name: str
    address: str  # the site's host name, as a prospect would type it
    subtitle: str = ""  # a line or two under the title where there is room (the landing page's)


@dataclass(frozen=True)
class Style:
    """How every card looks: the theme's colours, the font, the mark and the hero's drawing.

    ``mark`` and ``art`` are PNG bytes (the favicon and the hero's SVG, rendered by
    :mod:`quote.site.icons`), drawn on the card as they are.
    """

    colours: dict[str, str]
    font: Path
    mark: Callable[[], bytes]
    art: Callable[[], bytes]
    sources: bytes  # what ``mark`` and ``art`` are rendered from, for the cache key


def theme_colours(css: str) -> dict[str, str]:
    """The stylesheet's named colours, first (light) definitions: ``{"accent": "#5a2fd8"}``."""
    found: dict[str, str] = {}
    for name, value in _CUSTOM_PROPERTY.findall(css):
        found.setdefault(name, value.lower())
    missing = [name for name in COLOUR_NAMES if name not in found]
    if missing:
        raise ValueError(f"the stylesheet defines no colour --{missing[0]}")
    return {name: found[name] for name in COLOUR_NAMES}


def card_key(card: Card, style: Style) -> str:
    """A digest of everything that changes the card's bytes."""
    digest = hashlib.sha256()
    for part in (DRAWING, PIL.__version__, card.title, card.site_name, card.address, card.subtitle):
        digest.update(part.encode("utf-8") + b"\0")
    digest.update(repr(sorted(style.colours.items())).encode("utf-8"))
    digest.update(_file_digest(style.font).encode("ascii"))
    digest.update(style.sources)
    return digest.hexdigest()


def _file_digest(path: Path) -> str:
    stat = path.stat()
    return _digest_of(str(path), stat.st_size, stat.st_mtime_ns)


_digests: dict[tuple, str] = {}


def _digest_of(path: str, size: int, mtime: int) -> str:
    # The font is hashed once per process (700 kB), not once per card.
    key = (path, size, mtime)
    if key not in _digests:
        _digests[key] = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return _digests[key]


def draw_card(card: Card, style: Style) -> bytes:
    """The card as PNG bytes (1200 × 630, a palette of 64 colours)."""
    c = style.colours
    image = Image.new("RGB", (WIDTH, HEIGHT), c["soft"])
    draw = ImageDraw.Draw(image)
    # The hero's drawing on the right, on a rounded panel of the accent's soft shade.
    draw.rounded_rectangle((660, 40, WIDTH - 40, HEIGHT - 40), radius=36, fill=c["accent-soft"])
    art = _png(style.art()).convert("RGBA")
    art = art.resize((460, round(art.height * 460 / art.width)), Image.Resampling.LANCZOS)
    image.paste(art, (660 + (500 - art.width) // 2, (HEIGHT - art.height) // 2), art)
    # The brand mark and the site's name above the title.
    mark = _png(style.mark()).convert("RGBA").resize((64, 64), Image.Resampling.LANCZOS)
    image.paste(mark, (MARGIN, MARGIN), mark)
    small = ImageFont.truetype(str(style.font), 28)
    name = _fit_line(card.site_name, small, TEXT_WIDTH - 84)
    draw.text((MARGIN + 84, MARGIN + 32), name, font=small, fill=c["ink"], anchor="lm")
    # The title, as large as fits.
    font, lines = _title_lines(card.title, style.font)
    top = MARGIN + 64 + 56
    line_height = round(font.size * 1.18)
    for number, line in enumerate(lines):
        draw.text((MARGIN, top + number * line_height), line, font=font, fill=c["ink"])
    foot = HEIGHT - MARGIN
    if card.subtitle:
        below = top + len(lines) * line_height + 20
        sub = ImageFont.truetype(str(style.font), SUBTITLE_SIZE)
        step = round(SUBTITLE_SIZE * 1.35)
        room = min(SUBTITLE_LINES, (foot - 44 - 24 - below) // step)
        for number, line in enumerate(_cut(wrap(card.subtitle, sub, TEXT_WIDTH), room, sub)):
            draw.text((MARGIN, below + number * step), line, font=sub, fill=c["muted"])
    # The accent rule and the site's address at the foot.
    draw.rounded_rectangle((MARGIN, foot - 44, MARGIN + 96, foot - 36), radius=4, fill=c["accent"])
    draw.text((MARGIN, foot), card.address, font=small, fill=c["muted"], anchor="ls")
    return _palette_png(image)


def _title_lines(title: str, font_path: Path) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    for size in TITLE_SIZES:
        font = ImageFont.truetype(str(font_path), size)
        lines = wrap(title, font, TEXT_WIDTH)
        if len(lines) <= MAX_LINES:
            return font, lines
    return font, _cut(wrap(title, font, TEXT_WIDTH), MAX_LINES, font)


def _cut(lines: list[str], count: int, font: ImageFont.FreeTypeFont) -> list[str]:
    """The first ``count`` lines, the last cut short with an ellipsis when lines are left out."""
    if len(lines) <= count:
        return lines
    kept = lines[:count]
    if kept:
        kept[-1] = _fit_line(kept[-1] + " …", font, TEXT_WIDTH)
    return kept


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Words in lines no wider than ``width`` pixels (a word wider than that has its own line)."""
    lines: list[str] = []
    for word in text.split():
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def _fit_line(text: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    """``text``, cut short with an ellipsis when it is wider than ``width``."""
    if font.getlength(text) <= width:
        return text
    words = text.rstrip(" …").split()
    while len(words) > 1 and font.getlength(" ".join(words) + " …") > width:
        words.pop()
    return " ".join(words) + " …"


def _png(data: bytes) -> Image.Image:
    with Image.open(io.BytesIO(data)) as opened:
        opened.load()
        return opened.copy()


def _palette_png(image: Image.Image) -> bytes:
    reduced = image.quantize(
        colors=PALETTE_COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
    )
    out = io.BytesIO()
    reduced.save(out, "PNG", optimize=True)
    return out.getvalue()


def owner_image(source: Path) -> bytes:
    """The owner's picture cropped around its centre to 1200 × 630, as JPEG bytes."""
    try:
        with Image.open(source) as opened:
            picture = ImageOps.exif_transpose(opened).convert("RGB")
    except FileNotFoundError as error:
        raise ImageError(f"{source}: attēls nav atrasts") from error
    except (OSError, SyntaxError) as error:
        raise ImageError(f"{source}: fails nav attēls, ko var nolasīt ({error})") from error
    fitted = ImageOps.fit(picture, (WIDTH, HEIGHT), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    fitted.save(out, "JPEG", **JPEG_OPTIONS)
    return out.getvalue()


def owner_image_key(source: Path) -> str:
    try:
        data = source.read_bytes()
    except FileNotFoundError as error:
        raise ImageError(f"{source}: attēls nav atrasts") from error
    return hashlib.sha256(DRAWING.encode() + PIL.__version__.encode() + data).hexdigest()


def cached(cache: Path | None, name: str, make: Callable[[], bytes]) -> bytes:
    """The bytes of ``cache/name``, made (and stored there) only when they are not there yet.

    Written through a temporary file and a rename, so that builds running side by side never
    read half a file.
    """
    if cache is None:
        return make()
    path = cache / name
    if path.is_file():
        return path.read_bytes()
    data = make()
    cache.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=cache, prefix=".", suffix=".tmp")
    with os.fdopen(handle, "wb") as file:
        file.write(data)
    os.replace(temporary, path)
    return data
