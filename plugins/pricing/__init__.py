"""Pelican glue for pricing.yaml: validate it before anything is written, put it in the template
context with price filters, write the configurator's catalog JSON and the structured data.

Validation happens when the generator is created: Pelican creates generators before it cleans
or writes the output folder, so a bad price list leaves the output untouched.

Every published language (``LANGUAGES``) must have every text of the price list; each language's
pages render its own texts. The default language's values are the context's ``pricing``,
``pricing_catalog``, ``pricing_json_url`` and ``pricing_jsonld``; every language's are in
``pricing_languages[lang]``, which the i18n and landing plugins put in place for a page in that
language. A text a language lacks is the default language's (a warning, never a stop): the
filter ``in_lang`` writes it inside ``<span lang="…">`` on that language's pages, the price
filters so write a borrowed unit, and the catalog and structured data name its language.
Each language has its catalog JSON (the same prices and ``version``, its own texts):
``data/pricing.json`` for the default language, ``data/pricing.<lang>.json`` for the others. The
file adds to the catalog ``price_bands``, the counting's monthly price bands
(quote/counting/events.py), which the configurator reports an estimate in (js/count.js).
"""

from __future__ import annotations

import hashlib
import html
import json
import sys
from pathlib import Path

from jinja2 import pass_context
from pelican import signals
from pelican.generators import Generator

from quote.counting.events import PRICE_BANDS
from quote.i18n import catalog_languages, context_lang, load_languages
from quote.money import (
    NBSP,
    format_eur,
    format_price,
    format_range,
    money_format,
    unit_suffix,
)
from quote.pricing import backups, changes
from quote.pricing.catalog import to_catalog
from quote.pricing.details import detail_lines
from quote.pricing.fields import text_lang
from quote.pricing.model import DEFAULT_MONTHLY_UNIT, load_price_list
from quote.pricing.problems import PricingError

from . import vat_words
from .jsonld import service_jsonld

CATALOG_PATH = "data/pricing.json"


def catalog_path(lang: str, default: str) -> str:
    """Where a language's catalog JSON goes: ``data/pricing.json``, ``data/pricing.en.json``."""
    return CATALOG_PATH if lang == default else CATALOG_PATH.replace(".json", f".{lang}.json")


def _borrowed(text, page_lang: str) -> str | None:
    """The language of a text borrowed from the default language, when it is not the page's."""
    lang = text_lang(text)
    return lang if lang is not None and lang != page_lang else None


@pass_context
def in_lang(context, text, escape_html: bool = False):
    """``{{ service.name | in_lang }}``: a text of the price list as the page writes it, inside
    ``<span lang="lv">`` when the page's language lacks it and it is the default language's.
    ``escape_html``: escape the text (for a place that escapes it)."""
    if text is None:
        return text
    shown = html.escape(text) if escape_html else text
    lang = _borrowed(text, context_lang(context))
    return f'<span lang="{lang}">{shown}</span>' if lang else shown


def _unit_in_lang(priced: str, unit: str | None, page_lang: str) -> str:
    """A price ending in `` / unit``, the unit inside ``<span lang>`` when it is borrowed."""
    lang = _borrowed(unit, page_lang)
    suffix = unit_suffix(unit)
    if lang is None or not priced.endswith(suffix):
        return priced
    shown = suffix.removeprefix(f"{NBSP}/{NBSP}")
    return f'{priced.removesuffix(suffix)}{NBSP}/{NBSP}<span lang="{lang}">{shown}</span>'


@pass_context
def eur(context, cents: int) -> str:
    """``{{ cents | eur }}`` in the language being rendered: ``450 €``, ``€450``."""
    return format_eur(cents, context_lang(context))


@pass_context
def price(context, service) -> str:
    lang = context_lang(context)
    return _unit_in_lang(format_price(service, lang), service.unit, lang)


@pass_context
def price_range(context, low: int, high: int, unit: str | None = None) -> str:
    lang = context_lang(context)
    return _unit_in_lang(format_range(low, high, unit, lang), unit, lang)


@pass_context
def tier_price(context, tier, service) -> str:
    """A tier's price with its service's unit: ``450 € / mēn.``."""
    lang = context_lang(context)
    return _unit_in_lang(
        format_eur(tier.price, lang) + unit_suffix(service.unit), service.unit, lang
    )


def add_filters(generator) -> None:
    generator.env.filters.update(
        eur=eur,
        price=price,
        price_range=price_range,
        tier_price=tier_price,
        detail_lines=detail_lines,
        in_lang=in_lang,
    )
    # The page's euro format for the configurator script (data-money).
    generator.env.globals["money_format"] = money_format


class PricingGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        path = Path(self.settings["PRICING_FILE"])
        self.languages = list(self.settings.get("LANGUAGES") or [self.settings["DEFAULT_LANG"]])
        try:
            self.price_list = load_price_list(
                path,
                self.languages,
                self._monthly_units(),
                catalog_languages(Path(self.settings["I18N_CATALOGS"])),
            )
        except PricingError as error:
            # Printed as is: Pelican's logger would wrap long lines and split file:line:column.
            summary = f"{path.name}: kļūdu skaits: {len(error.problems)}; vietne netika būvēta."
            hint = backups.restore_hint(path)
            if hint and backups.is_unreadable(path):
                summary += f"\n{hint}"
            sys.stderr.write(f"{error}\n\n{summary}\n")
            sys.stderr.flush()
            raise SystemExit(1) from None
        self.catalogs = {
            lang: to_catalog(self.price_list.in_language(lang)) for lang in self.languages
        }
        self.catalog = self.catalogs[self.languages[0]]
        # The same warnings as `quote check`: shown, never stopping the build.
        for problem in self.price_list.warnings:
            sys.stderr.write(f"brīdinājums: {problem}\n")
        for line in changes.warnings_for(path, self.catalog):
            sys.stderr.write(line + "\n")

    def _monthly_units(self) -> dict[str, str]:
        """A monthly service's unit when it names none: ``mēn.`` as each language's catalog
        translates it (the i18n plugin has already refused a missing or incomplete catalog)."""
        if len(self.languages) < 2:
            return {}
        catalogs = load_languages(self.languages, Path(self.settings["I18N_CATALOGS"]))
        return {
            lang: catalogs.gettext(lang).gettext(DEFAULT_MONTHLY_UNIT) for lang in self.languages
        }

    def _json(self, lang: str) -> str:
        shipped = {**self.catalogs[lang], "price_bands": list(PRICE_BANDS)}
        return json.dumps(shipped, ensure_ascii=False, separators=(",", ":"), sort_keys=False)

    def _json_url(self, lang: str) -> str:
        """The catalog's address; its query changes whenever its content does (a cached copy is
        never read): the price list's version, or for another language a digest of its JSON."""
        default = self.languages[0]
        if lang == default:
            stamp = self.price_list.version
        else:
            stamp = hashlib.sha256(self._json(lang).encode("utf-8")).hexdigest()[:12]
        return f"{self.settings['SITEURL']}/{catalog_path(lang, default)}?v={stamp}"

    def generate_context(self):
        default = self.price_list
        by_lang = {
            lang: {
                "pricing": default.in_language(lang),
                "pricing_catalog": self.catalogs[lang],
                "pricing_json_url": self._json_url(lang),
                "pricing_jsonld": service_jsonld(default.in_language(lang), self.settings),
            }
            for lang in self.languages
        }
        self.context.update(by_lang[self.languages[0]])
        # The printed estimate names the site the client will visit, also when it is printed
        # from the preview, whose own address is 127.0.0.1 (issue 24).
        published = changes.published_origin(Path(self.settings["PRICING_FILE"]).parent)
        self.context.update(
            # None for a seller who is not a VAT payer (pricing.yaml `vat: none`).
            pricing_vat_percent=None if default.vat_bp is None else default.vat_bp / 100,
            pricing_languages=by_lang,
            pricing_print_origin=published or self.settings["SITE_ORIGIN"],
        )

    def generate_output(self, writer):
        for lang in self.languages:
            target = Path(self.output_path) / catalog_path(lang, self.languages[0])
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(self._json(lang), encoding="utf-8")


def get_generators(pelican):
    return PricingGenerator


def warn_of_vat_words(generators) -> None:
    """For a seller who is not a VAT payer: the owner's texts that still speak of VAT."""
    for generator in generators:
        if isinstance(generator, PricingGenerator) and generator.price_list.vat_bp is None:
            project = Path(generator.settings["PRICING_FILE"]).parent
            vat_words.warn(Path(generator.settings["PATH"]), project)


def register():
    signals.get_generators.connect(get_generators)
    signals.all_generators_finalized.connect(warn_of_vat_words)
    signals.generator_init.connect(add_filters)
