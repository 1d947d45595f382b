"""Pelican glue for the landing page: reads content/landing and content/faq into the context.

Each landing section is one Markdown file; its ``### `` headings split the body into items
(pillars, steps, benefits). FAQ questions are one file each. Both are ordered by file name, so
the owner reorders by renaming. A section with ``Status: draft`` is left out: the trust sections
(about, results, testimonials) ship that way until the owner writes them.

The answers are shown on the FAQ page, the page with ``Template: faq`` (content/pages/buj.md and
its translations); the landing page's ``faq`` section lists the questions as links to it
(``faq_page_url``), so the answers do not weigh on the landing page's first round trip (issue 12).
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field, replace
from html import unescape
from pathlib import Path

from pelican import signals
from pelican.contents import Page
from pelican.generators import Generator
from pelican.utils import slugify

from quote.contact.form import FIELDS as CONTACT_FIELDS
from quote.i18n import language_context, language_values

from .icons import sprite, theme_icons
from .problems import (
    QUESTION_KEYS,
    SECTION_KEYS,
    ContentProblem,
    SourceFile,
    choice,
    html_problems,
    required,
    suggestion,
    unknown_keys,
)
from .problems import anchor as check_anchor

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
_ITEM_SPLIT = re.compile(r"<h3(?:\s[^>]*)?>(.*?)</h3>", re.S)
_TAGS = re.compile(r"<[^>]+>")
# Instructions for the owner inside a section file are HTML comments: never shipped.
_COMMENT = re.compile(r"\s*<!--.*?-->", re.S)
_FIRST_LIST = re.compile(r"<ul>\s*(.*?)\s*</ul>", re.S)
_LIST_ITEM = re.compile(r"<li>(.*?)</li>", re.S)
_LEAD = re.compile(r"^<strong>(.*?)</strong>\s*(?:[–—-]\s*)?(.*)$", re.S)
# The icon of an item without one in its section's Icons line: a result is a trend upwards.
DEFAULT_ICONS = {"results": "trend"}
# Sections of the owner's own words: shipped as drafts with [placeholders] to replace.
TRUST_LAYOUTS = ("about", "results", "testimonials")
# The page that shows the FAQ's answers says so with ``Template: faq`` (theme/templates/faq.html).
FAQ_TEMPLATE = "faq"
_PLACEHOLDER = re.compile(r"\[[^\]<>\n]+\]")


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
    lang: str = ""


@dataclass(frozen=True)
class Question:
    question: str
    anchor: str
    answer: str
    source: str = ""
    lang: str = ""


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


def with_icons(items: tuple[Item, ...], icons: list[str], default: str = "") -> tuple[Item, ...]:
    """Give the items their icons in order; items beyond the list get ``default`` (or none)."""
    named = tuple(replace(item, icon=icon) for item, icon in zip(items, icons, strict=False))
    return named + tuple(replace(item, icon=default) for item in items[len(icons) :])


class LandingGenerator(Generator):
    """Reads the section and question files; writes nothing itself (index.html shows them).

    Every mistake in every file is collected (Pelican's own reading errors too) and reported at
    once in Latvian, one line per problem with file and line; then the build stops.
    """

    def _read(self, folder: str) -> list[tuple[Page, SourceFile]]:
        files = sorted(self.get_files([folder], extensions=("md",)), key=_order_key)
        pages = []
        for name in files:
            source = SourceFile(os.path.join(self.path, name))
            try:
                page = self.readers.read_file(
                    base_path=self.path, path=name, content_class=Page, context=self.context
                )
            except Exception as error:  # Pelican's or Markdown's: reported as the file's problem
                self.problems.append(source.problem(f"failu neizdevās nolasīt (Pelican: {error})"))
                continue
            if getattr(page, "status", "published") != "draft":
                pages.append((page, source))
        return pages

    def _icons(self, page: Page, source: SourceFile) -> list[str]:
        names = [n.strip() for n in getattr(page, "icons", "").split(",") if n.strip()]
        known = tuple(sorted(theme_icons(self.settings["THEME"])))
        for name in names:
            if name not in known:
                self.problems.append(
                    source.problem(
                        f"Icons: tēmā nav ikonas '{name}'; gaidīta viena no: {', '.join(known)}"
                        + suggestion(name, known),
                        "Icons",
                    )
                )
        return names

    def _photo(self, page: Page, source: SourceFile) -> Photo | None:
        path = getattr(page, "photo", "")
        if not path:
            return None
        if not (Path(self.path) / path).is_file():
            self.problems.append(
                source.problem(
                    f"Photo: fails '{path}' nav atrasts mapē content/; gaidīts attēla ceļš no "
                    "content/ (piemēram, images/portrets.jpg)",
                    "Photo",
                )
            )
        alt = getattr(page, "photo_alt", "")
        self.problems += required(source, "Photo_alt", alt, "īss attēla apraksts")
        return Photo(path=path, alt=alt)

    def _section(self, page: Page, source: SourceFile) -> Section | None:
        title = getattr(page, "title", "")
        layout = getattr(page, "layout", "")
        anchor = getattr(page, "anchor", "")
        heading = getattr(page, "heading", "")
        if anchor:
            self.anchors.append(("Anchor", anchor, source, page.lang))
        html = _COMMENT.sub("", page.content)
        problems = [
            *unknown_keys(source, SECTION_KEYS),
            *required(source, "Title", title, "sadaļas virsraksts"),
            *choice(source, "Layout", layout, LAYOUTS, "izkārtojums"),
            *check_anchor(source, "Anchor", anchor, "sadaļas adrese lapā, #…"),
            *html_problems(source, html),
        ]
        if heading and heading != "hidden":
            problems.append(
                source.problem(
                    f"Heading: gaidīts 'hidden' vai nekas, atrasts '{heading}'", "Heading"
                )
            )
        if layout in TRUST_LAYOUTS and (placeholder := _PLACEHOLDER.search(html)):
            problems.append(
                ContentProblem(
                    source.path,
                    source.line_of(placeholder.group()),
                    f"aizvietotājs {placeholder.group()} jāaizstāj ar saviem vārdiem pirms "
                    "publicēšanas (vai jāatliek Status: draft)",
                )
            )
        self.problems += problems
        icons = self._icons(page, source)
        photo = self._photo(page, source)
        if problems:
            return None
        intro, items = split_items(html, self.settings["SLUG_REGEX_SUBSTITUTIONS"])
        outro = ""
        if layout == "text" and icons and not items:
            intro, items, outro = split_list(intro)
        return Section(
            title=title,
            layout=layout,
            anchor=anchor,
            heading_hidden=heading == "hidden",
            intro=intro,
            items=with_icons(items, icons, DEFAULT_ICONS.get(layout, "")),
            outro=outro,
            photo=photo,
            nav=getattr(page, "nav", ""),
            cta=getattr(page, "cta", ""),
            cta_anchor=getattr(page, "cta_anchor", ""),
            source=page.source_path,
            lang=page.lang,
        )

    def _question(self, page: Page, source: SourceFile) -> Question | None:
        title = getattr(page, "title", "")
        # Pelican makes a slug from the title when none is written; the anchor must be chosen.
        slug = page.metadata.get("slug", "")
        if slug:
            self.anchors.append(("Slug", slug, source, page.lang))
        problems = [
            *unknown_keys(source, QUESTION_KEYS),
            *required(source, "Title", title, "jautājums"),
            *check_anchor(source, "Slug", slug, "jautājuma adrese lapā, #…"),
            *html_problems(source, page.content),
        ]
        self.problems += problems
        if problems:
            return None
        return Question(
            question=title,
            anchor=slug,
            answer=page.content,
            source=page.source_path,
            lang=page.lang,
        )

    def _unique_anchors(self) -> None:
        """Unique within a language; a translation keeps its original's anchor."""
        seen: dict[tuple[str, str], SourceFile] = {}
        for key, anchor, source, lang in self.anchors:
            first = seen.setdefault((lang, anchor), source)
            if first is not source:
                line = first.meta_lines.get("anchor") or first.meta_lines.get("slug", 1)
                self.problems.append(
                    source.problem(
                        f"{key}: adrese '{anchor}' jau ir failā {first.path}:{line}; "
                        "gaidīta adrese, kas lapā ir tikai vienreiz",
                        key,
                    )
                )

    def _one_hero(self, sections: list[tuple[Section, SourceFile]]) -> None:
        heroes = [source for section, source in sections if section.layout == "hero"]
        if not heroes and sections:
            self.problems.append(
                sections[0][1].problem(
                    "nevienai sadaļai nav Layout: hero; gaidīta tieši viena (lapas virsraksts)"
                )
            )
        for source in heroes[1:]:
            self.problems.append(
                source.problem(
                    f"Layout: hero jau ir failā {heroes[0].path}; gaidīta tieši viena", "layout"
                )
            )

    def _unread_pages(self) -> None:
        """Pages Pelican skipped with only a log line (unreadable, or without a Title)."""
        failed = [path for path, page in self.context["generated_content"].items() if page is None]
        for name in failed:
            if not name.endswith(".md"):
                continue
            source = SourceFile(os.path.join(self.path, name))
            try:
                page = self.readers.read_file(
                    base_path=self.path, path=name, content_class=Page, context=self.context
                )
            except Exception as error:
                self.problems.append(source.problem(f"failu neizdevās nolasīt (Pelican: {error})"))
                continue
            if not getattr(page, "title", ""):
                self.problems += required(source, "Title", "", "lapas virsraksts")

    def _languages(self) -> list[str]:
        return list(self.settings.get("LANGUAGES") or [self.settings["DEFAULT_LANG"]])

    def _whole_translations(self, items: list[tuple], lang: str) -> None:
        """A published language has every section and question of the default language, and
        none of its own: a translation published alone (its original a draft, renamed or
        deleted) would show on one language's page only, and the switch would lead nowhere."""
        default = self._languages()[0]
        anchors = {
            code: {item.anchor for item, _ in items if item.lang == code}
            for code in (default, lang)
        }
        for item, source in items:
            key = "Slug" if isinstance(item, Question) else "Anchor"
            if (
                isinstance(item, Question)
                and item.lang == default
                and item.anchor not in anchors[lang]
            ):
                # A question not yet translated only warns: an urgent fix must not wait for a
                # translation; that language's pages just do not show the question.
                self.warnings.append(source.problem(untranslated(source, lang, key, item), key))
                continue
            if item.lang == default and item.anchor not in anchors[lang]:
                message = (
                    f"nav tulkojuma valodā '{lang}': vajadzīgs fails ar Lang: {lang} un "
                    f"{key}: {item.anchor} (vai jāizņem '{lang}' no LANGUAGES)"
                )
            elif item.lang == lang and item.anchor not in anchors[default]:
                message = (
                    f"tulkojums valodā '{lang}' bez publicēta oriģināla valodā '{default}' "
                    f"(fails ar {key}: {item.anchor} bez Status: draft); publicē oriģinālu "
                    "vai liec šim failam Status: draft"
                )
            else:
                continue
            self.problems.append(source.problem(message, key))

    def _faq_page_urls(self, sections: list[tuple[Section, SourceFile]]) -> dict[str, str]:
        """The FAQ page's address in each language: the page with ``Template: faq``. With a
        ``faq`` section on the landing page and no such page, its questions would lead nowhere."""
        pages = list(self.context.get("pages") or ())
        for page in pages:
            if page.template == FAQ_TEMPLATE:
                return {p.lang: p.url for p in [page, *page.translations]}
        faq_sections = [(s, source) for s, source in sections if s.layout == "faq"]
        if faq_sections and self._misspelt_template(pages, faq_sections[0][1]):
            return {}
        for section, source in faq_sections:
            if section.layout == "faq":
                self.problems.append(
                    source.problem(
                        f"Layout: faq: atbildes ir savā lapā, bet nav lapas ar Template: "
                        f"{FAQ_TEMPLATE}; vajadzīgs fails content/pages/buj.md ar Title, Slug: buj "
                        f"un Template: {FAQ_TEMPLATE}",
                        "Layout",
                    )
                )
                break
        return {}

    def _misspelt_template(self, pages, section: SourceFile) -> bool:
        """A page whose ``Template: faq`` is misspelt is the file to change: the mistake is
        reported there, not in the landing section that needs the page (issue 24)."""
        found = False
        for page in pages:
            source = SourceFile(page.source_path)
            for key in source.meta_lines:
                value = str(page.metadata.get(key, "")).strip()
                if key != "template" and value == FAQ_TEMPLATE and suggestion(key, ("Template",)):
                    self.problems.append(
                        source.problem(
                            f"{key.capitalize()}: nezināms lauks; varbūt domāts 'Template'? "
                            f"Bez Template: {FAQ_TEMPLATE} šī nav BUJ lapa, un sadaļas "
                            f"{section.path} jautājumi nevar uz to norādīt",
                            key,
                        )
                    )
                    found = True
        return found

    def generate_context(self):
        self.problems: list[ContentProblem] = []
        self.warnings: list[ContentProblem] = []
        # Every anchor written, valid or not, with its file's language.
        self.anchors: list[tuple[str, str, SourceFile, str]] = []
        languages = self._languages()
        sections = [
            (section, source)
            for page, source in self._read(self.settings["LANDING_DIR"])
            if page.lang in languages and (section := self._section(page, source))
        ]
        questions = [
            (question, source)
            for page, source in self._read(self.settings["FAQ_DIR"])
            if page.lang in languages and (question := self._question(page, source))
        ]
        self._unique_anchors()
        for lang in languages:
            self._one_hero([(s, source) for s, source in sections if s.lang == lang])
        for lang in languages[1:]:
            self._whole_translations(sections, lang)
            self._whole_translations(questions, lang)
        self._unread_pages()
        faq_urls = self._faq_page_urls(sections)
        if self.problems:  # the mistakes first: a warning may only follow from one
            report(self.problems, self.warnings)
        if self.warnings:
            warn(self.warnings)
        by_lang = {
            lang: {
                "landing_sections": [s for s, _ in sections if s.lang == lang],
                "landing_hero": next(
                    (s for s, _ in sections if s.lang == lang and s.layout == "hero"), None
                ),
                "faq_questions": [q for q, _ in questions if q.lang == lang],
                "faq_page_url": faq_urls.get(lang, ""),
            }
            for lang in languages
        }
        self.context.update(by_lang[languages[0]])
        self.context["landing_languages"] = by_lang
        self.context["contact_fields"] = CONTACT_FIELDS

    def generate_output(self, writer):
        """The landing page and the "not found" page of every language, the default
        language's at the site's root, each with its language's values (written here rather
        than as Pelican's direct templates, which would see whatever language was written last).
        """
        for lang in self._languages():
            values = {
                **language_values(self.context, lang),
                **language_context(self.settings, lang),
            }
            root = values["lang_root"].lstrip("/")
            folder = f"{root}/" if root else ""
            for template, name, path in (
                ("index", f"{folder}index.html", folder),
                ("404", f"{folder}404.html", None),
            ):
                writer.write_file(
                    name,
                    self.get_template(template),
                    self.context,
                    relative_urls=self.settings["RELATIVE_URLS"],
                    url=path,
                    # The "not found" page names its language's landing page, as the default
                    # language's does (base.html's canonical without a path).
                    canonical_path=folder,
                    **values,
                )


def untranslated(source: SourceFile, lang: str, key: str, item) -> str:
    """The warning for a text lacking ``lang``: the file to create, with its Lang and key."""
    stem, _, suffix = source.path.rpartition(".")
    wanted = f"{stem}.{lang}.{suffix}"
    if Path(wanted).is_file():  # there, but not read as this one's translation
        return (
            f"brīdinājums: valodā '{lang}' šī jautājuma nav: fails {wanted} ir, bet nav lasīts kā "
            f"tā tulkojums (tajā ir kļūda, cits {key} nekā {item.anchor} vai Status: draft); "
            f"līdz tam valodas '{lang}' lapās šī jautājuma nav"
        )
    return (
        f"brīdinājums: nav tulkojuma valodā '{lang}': izveidojiet failu {wanted} ar Lang: {lang} "
        f"un {key}: {item.anchor}; līdz tam valodas '{lang}' lapās šī jautājuma nav"
    )


def _saved_at(path: str) -> int:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return 0


def warn(warnings: list[ContentProblem]) -> None:
    """Print every warning, one line each; the build goes on."""
    sys.stderr.write("\n".join(_warning_lines(warnings)) + "\n")
    sys.stderr.flush()


def _warning_lines(warnings: list[ContentProblem]) -> list[str]:
    return [str(p) for p in sorted(set(warnings), key=lambda p: (p.file, p.line, p.message))]


def report(problems: list[ContentProblem], warnings: list[ContentProblem] = ()) -> None:
    """Print every problem, one line each, then the warnings, and stop the build without a
    traceback. The file saved last comes first (the one the owner just changed, before what
    follows from it in files they never touched), then the others in file order."""
    newest = max((_saved_at(p.file) for p in problems), default=0)
    ordered = sorted(
        set(problems), key=lambda p: (_saved_at(p.file) < newest, p.file, p.line, p.message)
    )
    summary = f"content: kļūdu skaits: {len(ordered)}; vietne netika būvēta."
    # Printed as is: Pelican's logger would wrap long lines and split file:line.
    lines = [*map(str, ordered), *_warning_lines(list(warnings))]
    sys.stderr.write("\n".join(lines) + f"\n\n{summary}\n")
    sys.stderr.flush()
    raise SystemExit(1)


def get_generators(pelican):
    return LandingGenerator


def add_icon_sprite(generator) -> None:
    """``icon_sprite(sections)`` for the templates: the symbols the sections' items use."""
    theme = generator.settings["THEME"]

    def icon_sprite(sections) -> str:
        return sprite(theme, (item.icon for section in sections for item in section.items))

    generator.env.globals["icon_sprite"] = icon_sprite


def register():
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(add_icon_sprite)
