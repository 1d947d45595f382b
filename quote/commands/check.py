"""``quote check [PATH]``: validate the price list and show it as the site will.

Exit 0 and the price table on stdout when the file is valid; exit 1 and every problem on stderr
(one line each, ``pricing.yaml:LINE:COLUMN: path: explanation``) when it is not. A valid list's
warnings (a text missing in a published language, a text in a language that is not published,
then quote.pricing.changes) follow on stderr, ``brīdinājums: …``; they do not change the exit.

Texts are read in each published language: ``LANGUAGES`` of the settings beside the
price list (``pelicanconf.py`` in its folder, or ``--settings FILE``); without settings, the
default language alone. ``--lang en`` shows the list with its English texts.

Then the content (the Markdown files) is checked the only way that is exact: the site is built
with those settings into a temporary folder, which is thrown away (nothing the owner sees
changes). Its mistakes, one line each (``content/…md:LINE: …``), fail the check with exit 1;
its warnings (a missing translation) are printed and do not. ``--prices-only`` skips this.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import click

from quote import owner
from quote.errors import QuoteError
from quote.i18n import catalog_languages, load_languages
from quote.money import DEFAULT_LANG, NOT_VAT_PAYER, format_eur, format_price
from quote.pricing import backups, changes
from quote.pricing.catalog import to_catalog
from quote.pricing.details import detail_lines
from quote.pricing.model import DEFAULT_MONTHLY_UNIT, PriceList, load_price_list
from quote.pricing.problems import PricingError

DEFAULT_PATH = "pricing.yaml"


def render(price_list: PriceList, lang: str | None = None) -> list[str]:
    """The price list as lines of text, the way the price table shows it (in ``lang``, default:
    the list's own language)."""
    lang = lang or price_list.lang
    labels = price_list.table.labels
    lines = [price_list.table.title, ""]
    for service in price_list.services:
        lines.append(f"{service.name} — {format_price(service, lang)}  [{service.id}]")
        for tier in service.tiers:
            flag = "  (orientējoša cena)" if tier.indicative else ""
            price = format_eur(tier.price, lang)
            lines.append(f"    {tier.id}: {price} – {tier.summary}{flag}")
        lines += [f"    {line.label} – {line.text}" for line in detail_lines(service, labels)]
    lines += ["", price_list.vat_note, price_list.closing_note]
    if not price_list.vat_payer:
        lines.append(f"{NOT_VAT_PAYER} (vat: none): cenas ir bez PVN sadalījuma.")
    return lines


def site_settings(path: str, settings: str | None) -> owner.OwnerSettings | None:
    """The settings that publish the price list at ``path``: ``settings``, else the
    ``pelicanconf.py`` beside it, else none (the default language alone)."""
    if settings is None:
        beside = Path(path).resolve().parent / owner.DEVELOPMENT_SETTINGS
        if not beside.is_file():
            return None
        settings = str(beside)
    return owner.load(settings, published=False)


def monthly_units(settings: owner.OwnerSettings | None) -> dict[str, str]:
    """``mēn.`` in each language, as the site shows it (the build refuses a missing catalog;
    here the default language's unit stands in)."""
    if settings is None or settings.i18n_catalogs is None or len(settings.languages) < 2:
        return {}
    try:
        catalogs = load_languages(settings.languages, settings.i18n_catalogs)
    except QuoteError:
        return {}
    return {lang: catalogs.gettext(lang).gettext(DEFAULT_MONTHLY_UNIT) for lang in catalogs.codes}


def prepared(settings: owner.OwnerSettings | None) -> list[str]:
    """Languages with a message catalog: their texts are expected before they are published."""
    folder = settings.i18n_catalogs if settings else None
    return catalog_languages(folder or owner.PROJECT_ROOT / "theme" / "translations")


@click.command("check", short_help="pārbaudīt cenrādi un parādīt cenas tā, kā tās redzēs vietnē")
@click.argument("path", default=DEFAULT_PATH, metavar="FAILS")
@click.option(
    "--settings",
    type=click.Path(dir_okay=False),
    default=None,
    help="iestatījumu fails ar publicētajām valodām LANGUAGES "
    "(pēc noklusējuma pelicanconf.py cenrāža mapē)",
)
@click.option("--lang", default=None, help="parādīt cenrādi šajā valodā (piemēram, en)")
@click.option("--prices-only", is_flag=True, help="pārbaudīt tikai cenrādi, bez satura failiem")
def command(path: str, settings: str | None, lang: str | None, prices_only: bool) -> int:
    """Pārbauda cenrāža failu (FAILS, pēc noklusējuma pricing.yaml) un parāda cenas tā, kā tās
    redzēs vietnē. Teksts, kura trūkst kādā publicētajā valodā (LANGUAGES), ir brīdinājums: tur
    redzams noklusējuma valodas teksts. Pēc tam pārbauda
    saturu (content/): vietne tiek uzbūvēta pagaidu mapē, un tās kļūdas tiek parādītas."""
    site = site_settings(path, settings)
    languages = site.languages if site else None
    published = languages or (DEFAULT_LANG,)
    if lang is not None and lang not in published:
        raise click.BadParameter(
            f"valoda '{lang}' netiek publicēta; publicētās valodas: {', '.join(published)}",
            param_hint="--lang",
        )
    try:
        price_list = load_price_list(path, languages, monthly_units(site), prepared(site))
    except PricingError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"Kļūdu skaits: {len(exc.problems)}. Cenrādis netika pieņemts.", file=sys.stderr)
        hint = backups.restore_hint(path)
        if hint and backups.is_unreadable(path):
            print(f"\n{hint}", file=sys.stderr)
        return 1
    print("\n".join(render(price_list.in_language(lang or price_list.lang))))
    print(f"\n{path}: kļūdu nav (versija {price_list.version}).")
    # Warnings do not fail the check (nor the build): they ask the owner to look again.
    said = [f"brīdinājums: {problem}" for problem in price_list.warnings]
    said += changes.warnings_for(Path(path), to_catalog(price_list))
    for line in said:
        print(line, file=sys.stderr)
    if prices_only or site is None or not has_content(site):
        return 0
    return check_content(site.settings_file, already_said=set(said))


def has_content(site: owner.OwnerSettings) -> bool:
    """Whether the settings name a content folder that is there (a site to build)."""
    folder = site.content_path or Path("content")
    return (site.settings_file.parent / folder).is_dir()


def check_content(settings: Path, already_said: set[str] = frozenset()) -> int:
    """Build the site of ``settings`` into a temporary folder: 0 when it builds, else 1, with
    its mistakes on stderr (its warnings too, either way, but not those of the price list that
    were said already: the build checks pricing.yaml again)."""
    from quote.site import builds
    from quote.site.preview.messages import error_lines

    project = settings.parent
    with tempfile.TemporaryDirectory(prefix="quote-check-") as folder:
        result = builds.pelican(project, Path(folder), settings.name)
    stdout, stderr = builds.without_traceback(project, result.stdout, result.stderr)
    output = (stdout + "\n" + stderr).replace(f"{project}/", "")
    warnings = [line for line in output.splitlines() if "brīdinājums:" in line]
    said = list(dict.fromkeys(w for w in warnings if w.strip() not in already_said))
    for line in said:
        print(line, file=sys.stderr)
    if result.returncode == 0:
        print("Saturs: kļūdu nav.")
        return 0
    for line in error_lines(output):
        if line not in said and line.strip() not in already_said:  # a warning is said once
            print(line, file=sys.stderr)
    print("Saturā ir kļūdas: vietne ar to netiktu būvēta.", file=sys.stderr)
    return 1
