"""Pelican glue for the landing page: reads content/landing and content/faq into the context.

Each landing section is one Markdown file; its ``### `` headings split the body into items
(pillars, steps, benefits). FAQ questions are one file each. Both are ordered by file name, so
the owner reorders by renaming. A section with ``Status: draft`` is left out: the trust sections
(about, results, testimonials) ship that way until the owner writes them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from html import unescape
from pathlib import Path

from pelican import signals
from pelican.contents import Page
from pelican.generators import Generator
from pelican.utils import slugify

from quote.contact_form import FIELDS as CONTACT_FIELDS

LAYOUTS = (
    "hero",
    "cards",
    "text",
    "steps",
    "prices",
    "configurator",
    "faq",
    "contact",
    "about",
    "results",
    "testimonials",
)
_ANCHOR = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ITEM_SPLIT = re.compile(r"<h3(?:\s[^>]*)?>(.*?)</h3>", re.S)
_TAGS = re.compile(r"<[^>]+>")
# Instructions for the owner inside a section file are HTML comments: never shipped.
_COMMENT = re.compile(r"\s*<!--.*?-->", re.S)
_FIRST_LIST = re.compile(r"<ul>\s*(.*?)\s*</ul>", re.S)
_LIST_ITEM = re.compile(r"<li>(.*?)</li>", re.S)
_LEAD = re.compile(r"^<strong>(.*?)</strong>\s*(?:[–—-]\s*)?(.*)$", re.S)
_SYMBOL_ID = re.compile(r'<symbol id="i-([a-z0-9-]+)"')
ICON_SET = "partials/icons.html"
# Sections of the owner's own words: shipped as drafts with [placeholders] to replace.
TRUST_LAYOUTS = ("about", "results", "testimonials")
_PLACEHOLDER = re.compile(r"\[[^\]<>\n]+\]")


class LandingContentError(Exception):
    """A landing or FAQ Markdown file is missing metadata or has an unknown layout."""


@dataclass(frozen=True)
class Item:
    title: str
    anchor: str
    html: str
    icon: str = ""


@dataclass(frozen=True)
class Photo:
    """A picture in content/ named by a section's ``Photo`` line; the theme resizes it."""

    path: str
    alt: str


@dataclass(frozen=True)
class Section:
    title: str
    layout: str
    anchor: str
    heading_hidden: bool
    intro: str
    items: tuple[Item, ...] = field(default_factory=tuple)
    nav: str = ""
    cta: str = ""
    cta_anchor: str = ""
    source: str = ""
    outro: str = ""
    photo: Photo | None = None


@dataclass(frozen=True)
class Question:
    question: str
    anchor: str
    answer: str
    source: str = ""


def _order_key(path: str) -> tuple[int, str]:
    """Files sort by their leading number, so 100-x comes after 90-y."""
    name = path.rsplit("/", 1)[-1]
    number = re.match(r"\d+", name)
    return (int(number.group()) if number else 10**9, name)


def split_items(html: str, slug_subs=()) -> tuple[str, tuple[Item, ...]]:
    """Split rendered Markdown at each <h3>: the part before is the intro."""
    parts = _ITEM_SPLIT.split(html)
    intro, rest = parts[0], parts[1:]
    items = []
    for title_html, body in zip(rest[0::2], rest[1::2], strict=True):
        title = _TAGS.sub("", title_html).strip()
        anchor = slugify(unescape(title), regex_subs=slug_subs)
        items.append(Item(title=title, anchor=anchor, html=body.strip()))
    return intro.strip(), tuple(items)


def split_list(html: str) -> tuple[str, tuple[Item, ...], str]:
    """Split a text section at its first bullet list: intro, the list items, what follows.

    An item written ``**Lead** – rest`` gets ``Lead`` as its title and ``rest`` as its text.
    """
    found = _FIRST_LIST.search(html)
    if not found:
        return html, (), ""
    items = []
    for body in _LIST_ITEM.findall(found.group(1)):
        lead = _LEAD.match(body.strip())
        title, text = (lead.group(1), lead.group(2)) if lead else ("", body.strip())
        items.append(Item(title=title, anchor="", html=text))
    return html[: found.start()].strip(), tuple(items), html[found.end() :].strip()


def theme_icons(theme: str) -> frozenset[str]:
    """The names of the icons the theme's symbol set draws."""
    path = Path(theme) / "templates" / ICON_SET
    if not path.is_file():
        return frozenset()
    return frozenset(_SYMBOL_ID.findall(path.read_text(encoding="utf-8")))


def with_icons(items: tuple[Item, ...], icons: list[str]) -> tuple[Item, ...]:
    """Give the items their icons in order; items beyond the list keep none."""
    return (
        tuple(replace(item, icon=icon) for item, icon in zip(items, icons, strict=False))
        + items[len(icons) :]
    )


class LandingGenerator(Generator):
    """Reads the section and question files; writes nothing itself (index.html shows them)."""

    def _read(self, folder: str) -> list[Page]:
        files = sorted(self.get_files([folder], extensions=("md",)), key=_order_key)
        pages = [
            self.readers.read_file(
                base_path=self.path, path=f, content_class=Page, context=self.context
            )
            for f in files
        ]
        return [p for p in pages if getattr(p, "status", "published") != "draft"]

    def _icons(self, page: Page) -> list[str]:
        names = [n.strip() for n in getattr(page, "icons", "").split(",") if n.strip()]
        known = theme_icons(self.settings["THEME"])
        unknown = [n for n in names if n not in known]
        if unknown:
            raise LandingContentError(
                f"{page.source_path}: Icons names {', '.join(unknown)}, which the theme does not "
                f"draw; choose from {', '.join(sorted(known))}"
            )
        return names

    def _photo(self, page: Page) -> Photo | None:
        path = getattr(page, "photo", "")
        if not path:
            return None
        if not (Path(self.path) / path).is_file():
            raise LandingContentError(
                f"{page.source_path}: Photo {path!r} is not a file in {self.path}"
            )
        alt = getattr(page, "photo_alt", "")
        if not alt:
            raise LandingContentError(
                f"{page.source_path}: Photo needs Photo_alt, a short description of the picture"
            )
        return Photo(path=path, alt=alt)

    def _section(self, page: Page) -> Section:
        source = page.source_path
        layout = getattr(page, "layout", "")
        if layout not in LAYOUTS:
            raise LandingContentError(
                f"{source}: Layout must be one of {', '.join(LAYOUTS)}, found {layout!r}"
            )
        anchor = getattr(page, "anchor", "")
        if not _ANCHOR.match(anchor):
            raise LandingContentError(
                f"{source}: Anchor must be ASCII words joined by hyphens, found {anchor!r}"
            )
        html = _COMMENT.sub("", page.content)
        if layout in TRUST_LAYOUTS and (placeholder := _PLACEHOLDER.search(html)):
            raise LandingContentError(
                f"{source}: replace the placeholder {placeholder.group()} with your own words "
                "before publishing (or put back Status: draft)"
            )
        intro, items = split_items(html, self.settings["SLUG_REGEX_SUBSTITUTIONS"])
        outro = ""
        icons = self._icons(page)
        if layout == "text" and icons and not items:
            intro, items, outro = split_list(intro)
        return Section(
            title=page.title,
            layout=layout,
            anchor=anchor,
            heading_hidden=getattr(page, "heading", "") == "hidden",
            intro=intro,
            items=with_icons(items, icons),
            outro=outro,
            photo=self._photo(page),
            nav=getattr(page, "nav", ""),
            cta=getattr(page, "cta", ""),
            cta_anchor=getattr(page, "cta_anchor", ""),
            source=source,
        )

    def _question(self, page: Page) -> Question:
        slug = getattr(page, "slug", "")
        if not _ANCHOR.match(slug or ""):
            raise LandingContentError(
                f"{page.source_path}: Slug must be an ASCII anchor, found {slug!r}"
            )
        return Question(
            question=page.title, anchor=slug, answer=page.content, source=page.source_path
        )

    def generate_context(self):
        sections = [self._section(p) for p in self._read(self.settings["LANDING_DIR"])]
        questions = [self._question(p) for p in self._read(self.settings["FAQ_DIR"])]
        seen: dict[str, str] = {}
        for anchor, source in [(s.anchor, s.source) for s in sections] + [
            (q.anchor, q.source) for q in questions
        ]:
            if anchor in seen:
                raise LandingContentError(
                    f"{source}: anchor {anchor!r} is also used by {seen[anchor]}"
                )
            seen[anchor] = source
        heroes = [s for s in sections if s.layout == "hero"]
        if len(heroes) != 1:
            raise LandingContentError(
                f"exactly one landing section needs Layout: hero, found {len(heroes)}"
            )
        self.context["landing_sections"] = sections
        self.context["landing_hero"] = heroes[0]
        self.context["faq_questions"] = questions
        self.context["contact_fields"] = CONTACT_FIELDS


def get_generators(pelican):
    return LandingGenerator


def register():
    signals.get_generators.connect(get_generators)
