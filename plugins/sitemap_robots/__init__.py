"""Writes sitemap.xml and robots.txt with absolute URLs from the SITE_ORIGIN setting.

The sitemap lists the landing page, the pages, the articles, the case studies and each
language's list of articles and of case studies.

With more than one language, every URL lists the same page in each language (and ``x-default``,
the default language's) as ``xhtml:link`` alternates, as search engines read them.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

from quote.i18n import url_prefix

# The thank-you page only makes sense after a post: keep it out of search engines.
NOINDEX_SLUGS = frozenset({"paldies"})


def _links(origin: str, versions: list[tuple[str, str]]) -> str:
    if len(versions) < 2:
        return ""
    pairs = [*versions, ("x-default", versions[0][1])]
    return "".join(
        f'<xhtml:link rel="alternate" hreflang="{lang}" href="{escape(origin + "/" + path)}"/>'
        for lang, path in pairs
    )


def sitemap_xml(origin: str, pages: list[list[tuple[str, str]]]) -> str:
    """``pages``: each page as ``(lang, path)`` per language, the default language first."""
    entries = "".join(
        f"<url><loc>{escape(origin + '/' + path)}</loc>{_links(origin, versions)}</url>"
        for versions in pages
        for _lang, path in versions
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:xhtml="http://www.w3.org/1999/xhtml">{entries}</urlset>\n'
    )


def robots_txt(origin: str, hidden: list[str] = ("paldies/",)) -> str:
    """``hidden``: site paths of the pages kept out of search engines (thank-you pages)."""
    rules = "".join(f"Disallow: /{path}\n" for path in hidden)
    return f"User-agent: *\nDisallow: /api/\n{rules}\nSitemap: {origin}/sitemap.xml\n"


def _listed(generators, kind, name: str) -> list:
    """The originals a generator lists (their translations are their alternates); none when the
    generator is not there."""
    generator = next((g for g in generators if isinstance(g, kind)), None)
    return list(getattr(generator, name, [])) if generator else []


def write_files(generators):
    pages = next(g for g in generators if isinstance(g, PagesGenerator))
    origin = pages.settings["SITE_ORIGIN"].rstrip("/")
    codes = list(pages.settings.get("LANGUAGES") or [pages.settings["DEFAULT_LANG"]])
    landing = [(code, url_prefix(code, codes[0]).lstrip("/") + "/") for code in codes]
    landing[0] = (codes[0], "")

    def versions(page) -> list[tuple[str, str]]:
        found = {p.lang: p.url for p in [page, *page.translations]}
        return [(code, found[code]) for code in codes if code in found]

    paths = [landing] + [versions(p) for p in pages.pages if p.slug not in NOINDEX_SLUGS]
    paths += [versions(a) for a in _listed(generators, ArticlesGenerator, "articles")]
    # Case studies (plugins/case_studies): one entry per original, its translations alternates.
    paths += [versions(s) for g in generators for s in getattr(g, "case_study_originals", [])]
    # Each language's list of articles and of case studies: one page in several languages.
    for values, key in (
        ("article_languages", "articles_url"),
        ("case_study_languages", "case_studies_url"),
    ):
        by_lang = pages.context.get(values) or {}
        lists = [(code, by_lang[code][key]) for code in codes if by_lang.get(code, {}).get(key)]
        if lists:
            paths.append(lists)
    output = Path(pages.output_path)
    output.mkdir(parents=True, exist_ok=True)
    (output / "sitemap.xml").write_text(sitemap_xml(origin, paths), encoding="utf-8")
    hidden = [v for p in pages.pages if p.slug in NOINDEX_SLUGS for _l, v in versions(p)]
    (output / "robots.txt").write_text(robots_txt(origin, hidden), encoding="utf-8")


def register():
    signals.all_generators_finalized.connect(write_files)
