"""Writes sitemap.xml and robots.txt with absolute URLs from the SITE_ORIGIN setting."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from pelican import signals
from pelican.generators import PagesGenerator

# The thank-you page only makes sense after a post: keep it out of search engines.
NOINDEX_SLUGS = frozenset({"paldies"})


def sitemap_xml(origin: str, paths: list[str]) -> str:
    entries = "".join(f"<url><loc>{escape(origin + '/' + path)}</loc></url>" for path in paths)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>\n'
    )


def robots_txt(origin: str) -> str:
    return f"User-agent: *\nDisallow: /api/\nDisallow: /paldies/\n\nSitemap: {origin}/sitemap.xml\n"


def write_files(generators):
    pages = next(g for g in generators if isinstance(g, PagesGenerator))
    origin = pages.settings["SITE_ORIGIN"].rstrip("/")
    paths = [""] + [p.url for p in pages.pages if p.slug not in NOINDEX_SLUGS]
    output = Path(pages.output_path)
    output.mkdir(parents=True, exist_ok=True)
    (output / "sitemap.xml").write_text(sitemap_xml(origin, paths), encoding="utf-8")
    (output / "robots.txt").write_text(robots_txt(origin), encoding="utf-8")


def register():
    signals.all_generators_finalized.connect(write_files)
