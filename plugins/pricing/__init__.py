"""Pelican glue for pricing.yaml: validate it before anything is written, put it in the template
context with price filters, write the configurator's catalog JSON and the structured data.

Validation happens when the generator is created: Pelican creates generators before it cleans
or writes the output folder, so a bad price list leaves the output untouched.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from jinja2 import pass_context
from pelican import signals
from pelican.generators import Generator

from quote import pricing_changes, pricing_history
from quote.catalog import to_catalog
from quote.i18n import context_lang
from quote.money import format_eur, format_price, format_range, money_format, unit_suffix
from quote.price_details import detail_lines
from quote.pricing import load_price_list
from quote.pricing_errors import PricingError

from .jsonld import service_jsonld

CATALOG_PATH = "data/pricing.json"


@pass_context
def eur(context, cents: int) -> str:
    """``{{ cents | eur }}`` in the language being rendered: ``450 €``, ``€450``."""
    return format_eur(cents, context_lang(context))


@pass_context
def price(context, service) -> str:
    return format_price(service, context_lang(context))


@pass_context
def price_range(context, low: int, high: int, unit: str | None = None) -> str:
    return format_range(low, high, unit, context_lang(context))


@pass_context
def tier_price(context, tier, service) -> str:
    """A tier's price with its service's unit: ``450 € / mēn.``."""
    return format_eur(tier.price, context_lang(context)) + unit_suffix(service.unit)


def add_filters(generator) -> None:
    generator.env.filters.update(
        eur=eur,
        price=price,
        price_range=price_range,
        tier_price=tier_price,
        detail_lines=detail_lines,
    )
    # The page's euro format for the configurator script (data-money).
    generator.env.globals["money_format"] = money_format


class PricingGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        path = Path(self.settings["PRICING_FILE"])
        try:
            self.price_list = load_price_list(path)
        except PricingError as error:
            # Printed as is: Pelican's logger would wrap long lines and split file:line:column.
            summary = f"{path.name}: kļūdu skaits: {len(error.problems)}; vietne netika būvēta."
            hint = pricing_history.restore_hint(path)
            if hint and pricing_history.is_unreadable(path):
                summary += f"\n{hint}"
            sys.stderr.write(f"{error}\n\n{summary}\n")
            sys.stderr.flush()
            raise SystemExit(1) from None
        self.catalog = to_catalog(self.price_list)
        # The same warnings as `quote check`: shown, never stopping the build.
        for line in pricing_changes.warnings_for(path, self.catalog):
            sys.stderr.write(line + "\n")

    def generate_context(self):
        version = self.price_list.version
        self.context.update(
            pricing=self.price_list,
            pricing_catalog=self.catalog,
            pricing_vat_percent=self.price_list.vat_bp / 100,
            pricing_json_url=f"{self.settings['SITEURL']}/{CATALOG_PATH}?v={version}",
            pricing_jsonld=service_jsonld(self.price_list, self.settings),
        )

    def generate_output(self, writer):
        target = Path(self.output_path) / CATALOG_PATH
        target.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(self.catalog, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
        target.write_text(text, encoding="utf-8")


def get_generators(pelican):
    return PricingGenerator


def register():
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(add_filters)
