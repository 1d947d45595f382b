"""Articles (content/raksti/): pages per language, an index per language, an Atom feed each.

Pelican reads the articles (``ARTICLE_PATHS``) and writes each one at ``ARTICLE_URL`` (the
default language: ``raksti/<slug>/``) or ``ARTICLE_LANG_URL`` (``en/articles/<slug>/``); a
translation has the same ``Slug`` and its ``Lang``. This plugin:

- keeps only the published languages (``LANGUAGES``); an article without a translation is shown
  in its own language only: in its index, its feed and the sitemap, with no language switch;
- gives each article its reading time (``reading_minutes``), its newer and older neighbours in
  its language (``newer``, ``older``) and, while it is written, its language's settings and
  menu (as plugins/i18n does for pages);
- puts per language ``lang_articles`` (newest first), ``articles_url`` and
  ``articles_feed_url`` into the context (``article_languages``; empty when the language has no
  article, so no page links an empty index or feed);
- writes each language's index (template ``articles``, ``ARTICLES_PER_PAGE`` a page:
  ``raksti/``, ``raksti/2/``) and its Atom feed (``raksti/atom.xml``) with absolute links.

Pelican's own direct templates are not used (``DIRECT_TEMPLATES = []``): the landing plugin
writes every language's landing page with that language's values, whatever was written last.
"""

from __future__ import annotations

import math
import re

from babel.dates import format_date
from jinja2 import pass_context
from markupsafe import Markup
from pelican import signals

from quote.i18n import context_lang, language_context, language_values

# A reader of a web article takes in about 200 words a minute (Brysbaert 2019: 238 for fiction).
WORDS_PER_MINUTE = 200
FEED_FILE = "atom.xml"
_TAGS = re.compile(r"<[^>]+>")
# The owner's notes in an article (HTML comments, as in the example) are never shipped.
_COMMENT = re.compile(r"\s*<!--.*?-->", re.S)


def _codes(settings) -> list[str]:
    return list(settings.get("LANGUAGES") or [settings["DEFAULT_LANG"]])


def reading_minutes(html: str) -> int:
    """Minutes to read ``html``'s text, rounded up, at least one."""
    words = len(_TAGS.sub(" ", html).split())
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def index_url(settings, lang: str) -> str:
    """The address of ``lang``'s article index: ``raksti/``, ``en/articles/``."""
    default = _codes(settings)[0]
    if lang == default:
        return settings["ARTICLES_INDEX_URL"]
    return settings["ARTICLES_INDEX_LANG_URL"].format(lang=lang)


def keep_published(generator) -> None:
    """Only the published languages' articles stay; each language's list goes into the context."""
    codes = _codes(generator.settings)
    for name in ("articles", "translations", "hidden_articles", "hidden_translations"):
        kept = [a for a in getattr(generator, name) if a.lang in codes]
        setattr(generator, name, kept)
        for article in kept:
            article.translations = [t for t in article.translations if t.lang in codes]
    # Drafts are never written (DRAFT_SAVE_AS is empty); forgotten here, so that Pelican does
    # not look for the category a draft does not have (the site has no categories).
    generator.drafts = []
    generator.drafts_translations = []
    generator.dates = [a for a in generator.dates if a.lang in codes]
    generator.context["articles"] = generator.articles
    generator.context["dates"] = generator.dates
    by_lang = {}
    for code in codes:
        listed = sorted(
            (a for a in generator.articles + generator.translations if a.lang == code),
            key=lambda a: (a.date, a.slug),
            reverse=True,
        )
        for number, article in enumerate(listed):
            article._content = _COMMENT.sub("", article._content)
            article.reading_minutes = reading_minutes(article.content)
            article.newer = listed[number - 1] if number > 0 else None
            article.older = listed[number + 1] if number + 1 < len(listed) else None
        url = index_url(generator.settings, code) if listed else ""
        by_lang[code] = {
            "lang_articles": listed,
            "articles_url": url,
            "articles_feed_url": f"{url}{FEED_FILE}" if listed else "",
        }
    generator.context["article_languages"] = by_lang
    generator.context.update(by_lang[codes[0]])


def _use_language(generator, lang: str) -> None:
    generator.context.update(language_context(generator.settings, lang))
    generator.context.update(language_values(generator.context, lang))


def article_language(generator, content) -> None:
    """Before an article is written: its language's settings, URL prefix, menu and lists."""
    _use_language(generator, content.lang)


def write_indexes_and_feeds(generator, writer) -> None:
    settings = generator.settings
    codes = _codes(settings)
    origin = settings["SITE_ORIGIN"].rstrip("/")
    by_lang = generator.context.get("article_languages") or {}
    versions = [(c, by_lang[c]["articles_url"]) for c in codes if by_lang[c]["articles_url"]]
    for code in codes:
        values = {**language_values(generator.context, code), **language_context(settings, code)}
        listed = values.get("lang_articles") or []
        if not listed:
            continue
        url = values["articles_url"]
        writer.write_file(
            f"{url}index.html",
            generator.get_template("articles"),
            generator.context,
            relative_urls=settings["RELATIVE_URLS"],
            paginated={"articles": listed},
            template_name="articles",
            url=url,
            page_versions=versions,
            **values,
        )
        # Feed readers need absolute links: the site's origin instead of its path.
        feed_context = {**generator.context, **values, "SITEURL": origin, "FEED_DOMAIN": origin}
        writer.write_feed(listed, feed_context, values["articles_feed_url"], feed_type="atom")
    _use_language(generator, codes[0])


def add_filters(generator) -> None:
    @pass_context
    def long_date(context, value) -> str:
        """``2026. gada 7. decembris``, ``7 December 2026``: in the page's language (Babel)."""
        return format_date(value, "long", locale=context_lang(context))

    def words(html) -> str:
        return Markup(html).striptags()

    generator.env.filters["long_date"] = long_date
    generator.env.filters["plain_text"] = words
    generator.env.globals["articles_index_url"] = lambda lang: index_url(generator.settings, lang)


def register():
    signals.generator_init.connect(add_filters)
    signals.article_generator_finalized.connect(keep_published)
    signals.article_generator_write_article.connect(article_language)
    signals.article_writer_finalized.connect(write_indexes_and_feeds)
