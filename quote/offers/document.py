"""A formal offer from an inquiry: "Piedāvājums Nr. YYYY-NNN" as HTML and PDF.

The pipeline (``quote offer ID``):

1. check the owner's facts (quote/owner.py): no offer while one is still a placeholder;
2. read the inquiry and the price list it was priced with (its snapshot in the store, so the
   figures are the ones the prospect saw; the current ``pricing.yaml`` only when no snapshot
   was kept, or when asked for);
3. price the selection with the site's estimate engine (quote/estimate.py) and apply the
   discount, each part's VAT split once from its gross (quote/money.py);
4. take the next offer number and record the offer with the inquiry (quote/offers/followup.py);
5. render ``theme/offer/offer.html`` (Jinja2, the owner may restyle it) and print it to PDF with
   WeasyPrint; both files owner-only in ``var/offers/<inquiry id>/``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from quote.contact.store import Store
from quote.contact.wording import plural, tier_label
from quote.errors import EstimateError, NotFoundError, OfferError
from quote.estimate import estimate, parse_query, to_query
from quote.money import BP_PER_UNIT, NBSP, format_eur, split_vat, unit_suffix
from quote.offers import followup
from quote.owner import OWNER_FIELDS, OwnerSettings, require_filled
from quote.pricing.snapshots import PriceSnapshot, price_list_label
from quote.private import make_folder, write_private

PROJECT_ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_DIR = PROJECT_ROOT / "theme" / "offer"
TEMPLATE = "offer.html"
DEFAULT_VALID_DAYS = 14
MAX_DISCOUNT_BP = 10_000
# The owner's facts an offer prints; each must be filled in before the first offer.
OFFER_OWNER_KEYS = tuple(OWNER_FIELDS)
CONFIGURATOR_ANCHOR = "kalkulators"


@dataclasses.dataclass(frozen=True)
class OfferLine:
    name: str
    detail: str  # the tier's summary, or "" for a service without tiers
    tier: str | None
    quantity: int
    unit: str  # "mēn.", "sesija (2 h)", or "" for a one-time service without a unit
    unit_price: int  # cents, VAT included
    amount: int  # cents, VAT included
    billing: str  # "monthly" or "once"
    indicative: bool


@dataclasses.dataclass(frozen=True)
class Part:
    """One part of the offer's totals, in cents: gross (VAT included), net and VAT."""

    gross: int
    net: int
    vat: int

    @classmethod
    def of(cls, gross: int, vat_bp: int) -> Part:
        net, vat = split_vat(gross, vat_bp)
        return cls(gross, net, vat)


@dataclasses.dataclass(frozen=True)
class Pricing:
    """The priced selection: lines and totals after the discount."""

    lines: tuple[OfferLine, ...]
    months: int
    vat_bp: int
    discount_bp: int
    # before the discount, VAT included
    monthly_before: int
    once_before: int
    # the discount taken off each part, VAT included
    monthly_discount: int
    once_discount: int
    monthly: Part
    once: Part
    first_month: Part
    period: Part
    query: str

    def totals(self) -> dict[str, Any]:
        """What is recorded with the offer (cents)."""
        return {
            "months": self.months,
            "discount_bp": self.discount_bp,
            **{
                name: dataclasses.asdict(getattr(self, name))
                for name in ("monthly", "once", "first_month", "period")
            },
        }


def percent_to_bp(text: str) -> int:
    """``"10"`` -> 1000, ``"7,5"`` -> 750; OfferError outside 0-100 or finer than 0.01 %."""
    match = re.fullmatch(r"\s*(\d{1,3})(?:[.,](\d{1,2}))?\s*%?\s*", text or "")
    if not match:
        raise OfferError(f"Atlaide jānorāda procentos, piemēram 10 vai 7,5; saņemts {text!r}.")
    bp = int(match.group(1)) * 100 + int((match.group(2) or "0").ljust(2, "0"))
    if bp > MAX_DISCOUNT_BP:
        raise OfferError(f"Atlaide nevar būt lielāka par 100 %; saņemts {text!r}.")
    return bp


def discount_of(gross: int, bp: int) -> int:
    """The discount on a VAT-included amount, rounded half up to a cent."""
    return (2 * gross * bp + BP_PER_UNIT) // (2 * BP_PER_UNIT)


def price_selection(snapshot: PriceSnapshot, query: str, discount_bp: int) -> Pricing:
    """Price a share-link query with the estimate engine and apply the discount."""
    catalog = snapshot.catalog
    selection = parse_query(catalog, query)
    if len(selection) <= 1:
        raise OfferError("Pieprasījumā nav neviena pakalpojuma, ko iekļaut piedāvājumā.")
    try:
        result = estimate(catalog, selection)
    except EstimateError as exc:  # parse_query returns valid selections; kept for safety
        raise OfferError(f"Aprēķins nav derīgs: {exc}.") from exc
    services = {service["id"]: service for service in catalog["services"]}
    lines = []
    for line in result["lines"]:
        service = services[line["service"]]
        tier = next((t for t in service["tiers"] if t["id"] == line["tier"]), None)
        unit_price = (tier or service)["price"]
        lines.append(
            OfferLine(
                name=service["name"],
                detail=tier["summary"] if tier else "",
                tier=line["tier"],
                quantity=line["quantity"],
                unit=service["unit"] or ("mēn." if service["billing"] == "monthly" else ""),
                unit_price=unit_price,
                amount=line["amount"],
                billing=line["billing"],
                indicative=bool(tier) and (service["id"], tier["id"]) in snapshot.indicative,
            )
        )
    bp = catalog["vat_bp"]
    monthly_before, once_before = result["monthly"]["gross"], result["once"]["gross"]
    monthly_discount = discount_of(monthly_before, discount_bp)
    once_discount = discount_of(once_before, discount_bp)
    monthly = monthly_before - monthly_discount
    once = once_before - once_discount
    months = result["months"]
    pricing = Pricing(
        lines=tuple(lines),
        months=months,
        vat_bp=bp,
        discount_bp=discount_bp,
        monthly_before=monthly_before,
        once_before=once_before,
        monthly_discount=monthly_discount,
        once_discount=once_discount,
        monthly=Part.of(monthly, bp),
        once=Part.of(once, bp),
        first_month=Part.of(monthly + once, bp),
        period=Part.of(once + monthly * months, bp),
        query=to_query(catalog, selection),
    )
    if discount_bp == 0:
        # Without a discount the offer is the site's estimate to the cent.
        for name in ("monthly", "once", "first_month", "period"):
            assert dataclasses.asdict(getattr(pricing, name)) == result[name], name
    return pricing


# -- the document --------------------------------------------------------------------------------


def format_date(day: date) -> str:
    return f"{day:%d.%m.%Y}"


def percent(bp: int) -> str:
    """``2100`` -> ``21``, ``750`` -> ``7,5`` (Latvian decimal comma)."""
    whole, rest = divmod(bp, 100)
    return f"{whole},{rest:02d}".rstrip("0").rstrip(",") if rest else str(whole)


def months_phrase(months: int) -> str:
    """``par 1 mēnesi``, ``par 3 mēnešiem``, ``par 11 mēnešiem``, ``par 21 mēnesi``."""
    return f"par {plural(months, 'mēnesi', 'mēnešiem')}"


def configurator_link(origin: str, query: str, anchor: str = CONFIGURATOR_ANCHOR) -> str:
    return f"{origin.rstrip('/')}/?{query}#{anchor}"


def configurator_anchor(content_path: Path | None) -> str:
    """The ``Anchor`` of the landing section with ``Layout: configurator``."""
    if content_path is None:
        return CONFIGURATOR_ANCHOR
    for path in sorted((content_path / "landing").glob("*.md")):
        head = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
        fields = dict(re.findall(r"(?m)^(\w+):\s*(.+?)\s*$", head))
        if fields.get("Layout") == "configurator" and fields.get("Anchor"):
            return fields["Anchor"]
    return CONFIGURATOR_ANCHOR


def document_context(
    *,
    number: str,
    issued: date,
    valid_until: date,
    owner: OwnerSettings,
    inquiry: Mapping[str, Any],
    pricing: Pricing,
    snapshot: PriceSnapshot,
    note: str | None,
    link: str,
) -> dict[str, Any]:
    """Everything the template shows, amounts already formatted as the site formats them."""
    eur = format_eur
    per_month = f"{NBSP}/{NBSP}mēn."
    groups = []
    for billing, title, before, discount, part in (
        (
            "monthly",
            "Ikmēneša pakalpojumi",
            pricing.monthly_before,
            pricing.monthly_discount,
            pricing.monthly,
        ),
        (
            "once",
            "Vienreizējie pakalpojumi",
            pricing.once_before,
            pricing.once_discount,
            pricing.once,
        ),
    ):
        lines = [line for line in pricing.lines if line.billing == billing]
        if not lines:
            continue
        suffix = per_month if billing == "monthly" else ""
        groups.append(
            {
                "title": title,
                "lines": [
                    {
                        "name": line.name,
                        "detail": line.detail,
                        "tier": tier_label(line.tier) if line.tier else "",
                        "quantity": str(line.quantity),
                        "unit_price": eur(line.unit_price) + unit_suffix(line.unit),
                        "amount": eur(line.amount) + suffix,
                        "indicative": line.indicative,
                    }
                    for line in lines
                ],
                "subtotal": eur(before) + suffix,
                "discount": f"−{eur(discount)}{suffix}" if pricing.discount_bp else None,
                "total": eur(part.gross) + suffix,
            }
        )
    totals = []
    for label, part, show in (
        ("Vienreizējie maksājumi", pricing.once, pricing.once.gross > 0),
        ("Ikmēneša maksājums", pricing.monthly, pricing.monthly.gross > 0),
        (
            "Pirmā mēneša maksājums",
            pricing.first_month,
            pricing.monthly.gross > 0 and pricing.once.gross > 0,
        ),
        (f"Kopā {months_phrase(pricing.months)}", pricing.period, pricing.monthly.gross > 0),
        ("Kopā", pricing.once, pricing.monthly.gross == 0),
    ):
        if show:
            totals.append(
                {
                    "label": label,
                    "net": eur(part.net),
                    "vat": eur(part.vat),
                    "gross": eur(part.gross),
                }
            )
    facts = owner.owner
    return {
        "number": number,
        "title": f"Piedāvājums Nr. {number}",
        "issued": format_date(issued),
        "valid_until": format_date(valid_until),
        "owner": {key: facts.get(key, "") for key in OFFER_OWNER_KEYS},
        "site_origin": owner.site_origin,
        "sitename": owner.sitename,
        "client": {
            "name": inquiry["name"],
            "company": inquiry.get("company") or "",
            "email": inquiry["email"],
            "phone": inquiry.get("phone") or "",
        },
        "inquiry_id": inquiry["id"],
        "groups": groups,
        "totals": totals,
        "vat_percent": percent(pricing.vat_bp),
        "discount_percent": percent(pricing.discount_bp) if pricing.discount_bp else None,
        "months": pricing.months,
        "period_phrase": months_phrase(pricing.months),
        "indicative": any(line.indicative for line in pricing.lines),
        "note": note or "",
        "vat_note": snapshot.vat_note,
        "link": link,
        "price_list": price_list_label(snapshot.version, snapshot.dated_at),
    }


def render_html(context: Mapping[str, Any], template_dir: Path = TEMPLATE_DIR) -> str:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=FileSystemLoader(str(template_dir)),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    css = (template_dir / "offer.css").read_text(encoding="utf-8")
    return env.get_template(TEMPLATE).render(css=css, **context)


def render_pdf(html: str, base_url: Path = TEMPLATE_DIR) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=str(base_url)).write_pdf()


# -- the command's pipeline ----------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class WrittenOffer:
    number: str
    html_path: Path
    pdf_path: Path
    pricing: Pricing
    valid_until: date
    used_snapshot: bool  # False: priced with the current pricing.yaml


def choose_price_list(
    store: Store, inquiry: Mapping[str, Any], current: PriceSnapshot | None, *, use_current: bool
) -> tuple[PriceSnapshot, bool]:
    """The snapshot the inquiry was priced with, else the current price list."""
    if not use_current:
        kept, _ = followup.price_list(store, inquiry.get("price_version"))
        if kept is not None:
            return kept, True
    if current is None:
        raise OfferError("Cenrādi nevar nolasīt; pārbaudiet to ar `quote check`.")
    return current, current.version == inquiry.get("price_version")


def write_offer(
    store: Store,
    inquiry_id: int,
    *,
    owner: OwnerSettings,
    current: PriceSnapshot | None,
    offers_dir: Path,
    valid_days: int = DEFAULT_VALID_DAYS,
    discount_bp: int = 0,
    note: str | None = None,
    use_current_prices: bool = False,
    today: date | None = None,
    template_dir: Path = TEMPLATE_DIR,
) -> WrittenOffer:
    require_filled(owner, OFFER_OWNER_KEYS, purpose="Piedāvājumu nevar izveidot")
    inquiry = store.get_inquiry(inquiry_id)
    if inquiry is None:
        raise NotFoundError(f"Pieprasījums Nr. {inquiry_id} nav atrasts.")
    if inquiry["spam"]:
        raise OfferError(f"Pieprasījums Nr. {inquiry_id} ir surogātpasts.")
    if not inquiry.get("quote_query"):
        raise OfferError(
            f"Pieprasījumam Nr. {inquiry_id} nav aprēķina: piedāvājumu var izveidot tikai "
            "pieprasījumam ar kalkulatora izvēli."
        )
    if valid_days < 1:
        raise OfferError("Derīguma termiņam jābūt vismaz 1 dienai.")
    snapshot, same = choose_price_list(store, inquiry, current, use_current=use_current_prices)
    pricing = price_selection(snapshot, inquiry["quote_query"], discount_bp)
    today = today or date.today()
    valid_until = today + timedelta(days=valid_days)
    recorded = followup.record_offer(
        store,
        inquiry_id=inquiry_id,
        year=today.year,
        valid_until=valid_until,
        discount_bp=discount_bp,
        note=note,
        price_version=snapshot.version,
        quote_query=pricing.query,
        totals=pricing.totals(),
    )
    link = configurator_link(
        owner.site_origin, pricing.query, configurator_anchor(owner.content_path)
    )
    context = document_context(
        number=recorded.number,
        issued=today,
        valid_until=valid_until,
        owner=owner,
        inquiry=inquiry,
        pricing=pricing,
        snapshot=snapshot,
        note=note,
        link=link,
    )
    html = render_html(context, template_dir)
    pdf = render_pdf(html, template_dir)
    folder = offers_dir / str(inquiry_id)
    stem = f"piedavajums-{recorded.number}"
    html_path, pdf_path = folder / f"{stem}.html", folder / f"{stem}.pdf"
    # Owner-only (folder 0700, files 0600): an offer holds the client's personal data.
    make_folder(folder)
    write_private(html_path, html.encode("utf-8"))
    write_private(pdf_path, pdf)
    followup.set_offer_files(store, recorded.number, [str(html_path), str(pdf_path)])
    return WrittenOffer(recorded.number, html_path, pdf_path, pricing, valid_until, same)
