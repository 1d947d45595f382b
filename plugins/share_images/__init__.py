"""Preview images for shared links (Open Graph, Twitter cards): Pelican glue.

Templates call ``share_image(title, landing_page)``; it returns the page's preview image
(``url``, absolute, ``width``, ``height``, ``type`` and ``alt``) and writes the file into
``images/share/`` of the output. The image is:

- the owner's picture when the page's metadata names one (``Image: images/x.jpg`` under
  content/, with ``Image_alt``), cropped to 1200 × 630;
- else a card drawn by :mod:`quote.site.share_images` with the page's title (an article's or
  page's title, the landing page's heading, or ``title``) and the language's site name.

Files are named by a digest of what they show, so a changed title is a new URL (messengers cache
previews by URL), and kept in ``SHARE_IMAGES_CACHE`` between builds: a rebuild draws nothing
that it drew before.
"""

from __future__ import annotations

import functools
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import pass_context
from markupsafe import Markup
from pelican import signals

from quote.site import icons
from quote.site import share_images as cards

FOLDER = "images/share"


def _style(settings) -> cards.Style:
    theme = Path(settings["THEME"])
    colours = cards.theme_colours((theme / "static" / "css" / "site.css").read_text("utf-8"))
    art = icons.svg_source((theme / "templates" / "partials" / "hero_art.html").read_text("utf-8"))
    mark = icons.svg_source((theme / "static" / "favicon.svg").read_text("utf-8"))
    # Rendered only when a card is drawn at all (not on a rebuild that finds every card
    # cached), and then once per build.
    return cards.Style(
        colours=colours,
        font=theme / "share" / "DejaVuSans-Bold.ttf",
        mark=functools.cache(lambda: icons.svg_png(mark, 128)),
        art=functools.cache(lambda: icons.svg_png(art, 840, 720, icons.art_stylesheet(colours))),
        sources=(art + "\0" + mark).encode("utf-8"),
    )


def install(generator) -> None:
    settings = generator.settings
    style = _style(settings)
    cache = Path(settings["SHARE_IMAGES_CACHE"]) if settings.get("SHARE_IMAGES_CACHE") else None
    output = Path(settings["OUTPUT_PATH"])
    origin = settings["SITE_ORIGIN"].rstrip("/")
    base = urlsplit(settings.get("SITEURL") or "").path.rstrip("/")
    address = urlsplit(origin).hostname or origin

    def publish(name: str, make) -> str:
        data = cards.cached(cache, name, make)
        target = output / FOLDER / name
        if not target.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        return f"{origin}{base}/{FOLDER}/{name}"

    @pass_context
    def share_image(context, title: str | None = None, landing_page: bool = False) -> dict:
        content = context.get("article") or context.get("page")
        site_name = context.get("SITENAME") or settings["SITENAME"]
        if content is not None:
            title = content.title
            picture = content.metadata.get("image")
            if picture:
                source = Path(settings["PATH"]) / picture
                key = cards.owner_image_key(source)[:12]
                url = publish(f"{key}.jpg", lambda: cards.owner_image(source))
                alt = content.metadata.get("image_alt") or title
                return _image(url, "image/jpeg", alt)
        subtitle = ""
        if content is None and landing_page and context.get("landing_hero"):
            title = context["landing_hero"].title
            subtitle = Markup(context["landing_hero"].intro).striptags()
        title = Markup(title or site_name).striptags()
        card = cards.Card(title=title, site_name=site_name, address=address, subtitle=subtitle)
        key = cards.card_key(card, style)[:12]
        url = publish(f"{key}.png", lambda: cards.draw_card(card, style))
        alt = title if title == site_name else f"{title} – {site_name}"
        return _image(url, "image/png", alt)

    generator.env.globals["share_image"] = share_image


def _image(url: str, media_type: str, alt: str) -> dict:
    return {
        "url": url,
        "type": media_type,
        "width": cards.WIDTH,
        "height": cards.HEIGHT,
        "alt": alt,
    }


def register():
    signals.generator_init.connect(install)
