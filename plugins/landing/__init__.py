"""Pelican glue for the landing page: reads content/landing and content/faq into the context.

Each landing section is one Markdown file; its ``### `` headings split the body into items
(pillars, steps, benefits). FAQ questions are one file each. Both are ordered by file name, so
the owner reorders by renaming.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape

from pelican import signals
from pelican.contents import Page
from pelican.generators import Generator
from pelican.utils import slugify

from quote.contact_form import FIELDS as CONTACT_FIELDS

LAYOUTS = ("hero", "cards", "text", "steps", "prices", "configurator", "faq", "contact")
_ANCHOR = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ITEM_SPLIT = re.compile(r"<h3(?:\s[^>]*)?>(.*?)</h3>", re.S)
_TAGS = re.compile(r"<[^>]+>")


class LandingContentError(Exception):
    """A landing or FAQ Markdown file is missing metadata or has an unknown layout."""


@dataclass(frozen=True)
class Item:
    title: str
    anchor: str
    html: str


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


class LandingGenerator(Generator):
    """Reads the section and question files; writes nothing itself (index.html shows them)."""

    def _read(self, folder: str) -> list[Page]:
        files = sorted(self.get_files([folder], extensions=("md",)), key=_order_key)
        return [
            self.readers.read_file(
                base_path=self.path, path=f, content_class=Page, context=self.context
            )
            for f in files
        ]

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
        intro, items = split_items(page.content, self.settings["SLUG_REGEX_SUBSTITUTIONS"])
        return Section(
            title=page.title,
            layout=layout,
            anchor=anchor,
            heading_hidden=getattr(page, "heading", "") == "hidden",
            intro=intro,
            items=items,
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
