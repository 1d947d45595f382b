"""``quote check [PATH]``: validate the price list and show it as the site will.

Exit 0 and the price table on stdout when the file is valid; exit 1 and every problem on stderr
(one line each, ``pricing.yaml:LINE:COLUMN: path: explanation``) when it is not. A valid list's
warnings (quote.pricing_changes) follow on stderr, ``brīdinājums: …``; they do not change the exit.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from quote import pricing_changes, pricing_history
from quote.catalog import to_catalog
from quote.money import format_eur, format_price
from quote.price_details import detail_lines
from quote.pricing import PriceList, load_price_list
from quote.pricing_errors import PricingError

DEFAULT_PATH = "pricing.yaml"


def render(price_list: PriceList) -> list[str]:
    """The price list as lines of text, the way the price table shows it."""
    labels = price_list.table.labels
    lines = [price_list.table.title, ""]
    for service in price_list.services:
        lines.append(f"{service.name} — {format_price(service)}  [{service.id}]")
        for tier in service.tiers:
            flag = "  (orientējoša cena)" if tier.indicative else ""
            lines.append(f"    {tier.id}: {format_eur(tier.price)} – {tier.summary}{flag}")
        lines += [f"    {line.label} – {line.text}" for line in detail_lines(service, labels)]
    lines += ["", price_list.vat_note, price_list.closing_note]
    return lines


@click.command("check", short_help="pārbaudīt cenrādi un parādīt cenas tā, kā tās redzēs vietnē")
@click.argument("path", default=DEFAULT_PATH, metavar="PATH")
def command(path: str) -> int:
    """Pārbauda cenrāža failu (PATH, pēc noklusējuma pricing.yaml) un parāda cenas tā, kā tās
    redzēs vietnē."""
    try:
        price_list = load_price_list(path)
    except PricingError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"Kļūdu skaits: {len(exc.problems)}. Cenrādis netika pieņemts.", file=sys.stderr)
        hint = pricing_history.restore_hint(path)
        if hint and pricing_history.is_unreadable(path):
            print(f"\n{hint}", file=sys.stderr)
        return 1
    print("\n".join(render(price_list)))
    print(f"\n{path}: kļūdu nav (versija {price_list.version}).")
    # Warnings do not fail the check (nor the build): they ask the owner to look again.
    for line in pricing_changes.warnings_for(Path(path), to_catalog(price_list)):
        print(line, file=sys.stderr)
    return 0
