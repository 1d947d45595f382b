"""Case studies (content/projekti/): a page each, a list per language, the landing page's link.

"Projekti" rather than "gadījumu izpēte" (a case study in a textbook) or "klientu stāsti": it is
the word Latvian freelancers use for their work, short, and without diacritics in the address.

A case study is one Markdown file; its metadata says what the result was, its body what was done:

    Title: Kafejnīcas rezervācijas no Instagram
    Slug: kafejnica-instagram
    Client: Kafejnīca „Rīts”
    Sector: Ēdināšana
    Goal: Vairāk galdiņu rezervāciju darba dienu vakaros
    Period: 2026. gada janvāris–marts
    Results: +38 % – rezervāciju; 1 200 – jaunu sekotāju
    Testimonial: Beidzot zinām, kuri ieraksti atved viesus.   (optional)
    Testimonial_by: Anna Bērziņa, īpašniece                    (optional)
    Image: images/x.jpg  Image_alt: …                          (optional)

Results are ``figure – what it counts`` pairs separated by ``;``. A translation sits beside
the file as ``….en.md`` with the same ``Slug`` and ``Lang: en``; one without a translation is
shown in its own language only. ``Status: draft`` keeps a file off the site: the example ships
that way, nothing invented is published. A missing field stops the build, naming the file.

Written at ``projekti/<slug>/`` (``<lang>/case-studies/<slug>/``), listed at ``projekti/``
(``<lang>/case-studies/``). Per language the context holds ``lang_case_studies`` and
``case_studies_url`` (``case_study_languages``), empty when there are none, so the landing
page's results section links the list only when it has something to show.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass

from pelican import signals
from pelican.contents import Page
from pelican.generators import Generator
from pelican.utils import process_translations

from quote.i18n import language_context, language_values

REQUIRED = ("title", "slug", "client", "sector", "goal", "period", "results")
# The example's [placeholders]: a published case study with one left stops the build.
_PLACEHOLDER = re.compile(r"\[[^\]<>\n]+\]")
# The owner's notes (HTML comments) are never shipped.
_COMMENT = re.compile(r"\s*<!--.*?-->", re.S)
DEFAULTS = {
    "CASE_STUDIES_DIR": "projekti",
    "CASESTUDY_URL": "projekti/{slug}/",
    "CASESTUDY_SAVE_AS": "projekti/{slug}/index.html",
    "CASESTUDY_LANG_URL": "{lang}/case-studies/{slug}/",
    "CASESTUDY_LANG_SAVE_AS": "{lang}/case-studies/{slug}/index.html",
    "CASE_STUDIES_INDEX_URL": "projekti/",
    "CASE_STUDIES_INDEX_LANG_URL": "{lang}/case-studies/",
}


@dataclass(frozen=True)
class Result:
    figure: str
    label: str


class CaseStudy(Page):
    """A case study: a page whose addresses come from the CASESTUDY_* settings."""

    @property
    def figures(self) -> list[Result]:
        found = []
        for part in self.metadata.get("results", "").split(";"):
            figure, _, label = part.strip().partition(" – ")
            if figure:
                found.append(Result(figure.strip(), label.strip()))
        return found


def parse_problems(study: CaseStudy) -> list[str]:
    """The owner's mistakes in one file, in Latvian."""
    problems = [
        f"{study.source_path}: trūkst rindas {key.capitalize()}: …"
        for key in REQUIRED
        if not study.metadata.get(key)
    ]
    texts = [str(value) for value in study.metadata.values()] + [study._content]
    for text in texts:
        if found := _PLACEHOLDER.search(text):
            problems.append(
                f"{study.source_path}: aizvietotājs {found.group()} jāaizstāj ar patiesiem "
                "faktiem pirms publicēšanas (vai jāatliek Status: draft)"
            )
            break
    for result in study.figures if study.metadata.get("results") else []:
        if not result.label:
            problems.append(
                f"{study.source_path}: Results: '{result.figure}': gaidīts "
                "„skaitlis – ko tas skaita”, rezultāti atdalīti ar semikolu"
            )
    return problems


class CaseStudiesGenerator(Generator):
    def _codes(self) -> list[str]:
        return list(self.settings.get("LANGUAGES") or [self.settings["DEFAULT_LANG"]])

    def _index_url(self, lang: str) -> str:
        if lang == self._codes()[0]:
            return self.settings["CASE_STUDIES_INDEX_URL"]
        return self.settings["CASE_STUDIES_INDEX_LANG_URL"].format(lang=lang)

    def generate_context(self):
        for key, value in DEFAULTS.items():
            self.settings.setdefault(key, value)
        codes = self._codes()
        folder = self.settings["CASE_STUDIES_DIR"]
        studies, problems = [], []
        for name in sorted(self.get_files([folder], extensions=("md",))):
            study = self.readers.read_file(
                base_path=self.path, path=name, content_class=CaseStudy, context=self.context
            )
            if study.status == "draft" or study.lang not in codes:
                continue
            study._content = _COMMENT.sub("", study._content)
            problems += parse_problems(study)
            studies.append(study)
        if problems:
            sys.stderr.write("\n".join(problems) + "\n\ncontent: vietne netika būvēta.\n")
            raise SystemExit(1)
        originals, translations = process_translations(studies, translation_id="slug")
        for study in originals + translations:
            study.translations = [t for t in study.translations if t.lang in codes]
        # In file order, as the landing page's sections: the owner orders them by renaming.
        everything = sorted(originals + translations, key=lambda s: s.source_path)
        self.studies = everything
        self.case_study_originals = originals
        by_lang = {}
        for code in codes:
            listed = [s for s in everything if s.lang == code]
            by_lang[code] = {
                "lang_case_studies": listed,
                "case_studies_url": self._index_url(code) if listed else "",
            }
        self.context["case_study_languages"] = by_lang
        self.context.update(by_lang[codes[0]])

    def generate_output(self, writer):
        by_lang = self.context["case_study_languages"]
        versions = [(c, v["case_studies_url"]) for c, v in by_lang.items() if v["case_studies_url"]]
        for code in self._codes():
            values = {
                **language_values(self.context, code),
                **language_context(self.settings, code),
            }
            for study in values["lang_case_studies"]:
                writer.write_file(
                    study.save_as,
                    self.get_template("case_study"),
                    self.context,
                    relative_urls=self.settings["RELATIVE_URLS"],
                    url=study.url,
                    page=study,
                    case_study=study,
                    **values,
                )
            if values["lang_case_studies"]:
                url = values["case_studies_url"]
                writer.write_file(
                    os.path.join(url, "index.html"),
                    self.get_template("case_studies"),
                    self.context,
                    relative_urls=self.settings["RELATIVE_URLS"],
                    url=url,
                    canonical_path=url,
                    page_versions=versions,
                    **values,
                )


def get_generators(pelican):
    return CaseStudiesGenerator


def register():
    signals.get_generators.connect(get_generators)
