"""A formal offer from an inquiry: "Piedāvājums Nr. YYYY-NNN" as HTML and PDF.

The pipeline (``quote offer ID``):

1. check the owner's facts (quote/owner.py): no offer while one is still a placeholder;
2. read the inquiry and the price list it was priced with (its snapshot in the store, so the
   figures are the ones the prospect saw; the current ``pricing.yaml`` only when no snapshot
   was kept, or when asked for);
3. take the services: the inquiry's selection, or those the owner names (``--service
   content=2``, the share-link grammar), checked strictly;
4. price them with the site's estimate engine (quote/estimate.py) and apply the discount, each
   part's VAT split once from its gross (quote/money.py);
5. take the next offer number and record the offer with the inquiry (quote/offers/followup.py);
6. render ``theme/offer/offer.html`` in the inquiry's language (Jinja2 with the site's message
   catalogs; the owner's own words from ``content/offer/``, quote/offers/texts.py; every service
   with its description from the price list) and print it to PDF with WeasyPrint; both files
   owner-only in ``var/offers/<inquiry id>/``, and both kept in the store for the offer's page.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from quote.contact.store import Store
from quote.contact.wording import plural
from quote.errors import EstimateError, NotFoundError, OfferError
from quote.estimate import estimate, parse_query, to_query
from quote.i18n import SOURCE_LANG, SourceTranslations, translations_of
from quote.money import BP_PER_UNIT, format_eur, split_vat, unit_suffix
from quote.offers import followup, texts
from quote.owner import OWNER_FIELDS, OwnerSettings, require_filled
from quote.pricing.snapshots import PriceSnapshot
from quote.private import make_folder, write_private

PROJECT_ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_DIR = PROJECT_ROOT / "theme" / "offer"
TRANSLATIONS_DIR = PROJECT_ROOT / "theme" / "translations"
TEMPLATE = "offer.html"
DEFAULT_VALID_DAYS = 14
MAX_DISCOUNT_BP = 10_000
# The owner's facts an offer prints; each must be filled in before the first offer.
OFFER_OWNER_KEYS = tuple(OWNER_FIELDS)


def owner_keys(vat_payer: bool) -> tuple[str, ...]:
    """The owner's facts an offer needs: a seller who is not a VAT payer has no VAT number."""
    return OFFER_OWNER_KEYS if vat_payer else tuple(k for k in OFFER_OWNER_KEYS if k != "vat_no")


CONFIGURATOR_ANCHOR = "kalkulators"


@dataclasses.dataclass(frozen=True)
class OfferLine:
    service: str  # the service's id
    name: str
    detail: str  # the tier's summary, or "" for a service without tiers
    description: tuple[str, ...]  # the service's description from the price list
    tier: str | None
    quantity: int
    unit: str  # "mēn.", "sesija (2 h)", or "" for a one-time service without a unit
    unit_price: int  # cents, VAT included
    amount: int  # cents, VAT included
    billing: str  # "monthly" or "once"
    indicative: bool


@dataclasses.dataclass(frozen=True)
class Part:
    """One part of the offer's totals, in cents: gross (VAT included), net and VAT; for a seller
    who is not a VAT payer (``vat_bp`` None) the price is the net price and ``vat`` is None."""

    gross: int
    net: int
    vat: int | None

    @classmethod
    def of(cls, gross: int, vat_bp: int | None) -> Part:
        if vat_bp is None:
            return cls(gross, gross, None)
        net, vat = split_vat(gross, vat_bp)
        return cls(gross, net, vat)

    @classmethod
    def total(cls, once: Part, monthly: Part, months: int) -> Part:
        """``once`` plus ``months`` times ``monthly``, net and VAT alike (as the estimate)."""
        return cls(
            once.gross + monthly.gross * months,
            once.net + monthly.net * months,
            None if once.vat is None else once.vat + (monthly.vat or 0) * months,
        )


@dataclasses.dataclass(frozen=True)
class Pricing:
    """The priced selection: lines and totals after the discount."""

    lines: tuple[OfferLine, ...]
    months: int
    vat_bp: int | None  # None: the seller is not a VAT payer
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


def selection_query(snapshot: PriceSnapshot, specs: tuple[str, ...] | list[str]) -> str:
    """The owner's ``--service`` choices (``content=2``, ``community``, ``influencer=3``,
    ``months=6``: the share-link grammar) as a share-link query; OfferError naming a wrong one.

    Strict, unlike share links: an unknown service, tier or count is refused, never dropped."""
    catalog = snapshot.catalog
    services = {service["id"]: service for service in catalog["services"]}
    selection: dict[str, Any] = {}
    for spec in specs:
        key, has_value, value = spec.strip().partition("=")
        key, value = key.strip(), value.strip()
        if key == "months":
            if not value.isdigit() or not 1 <= int(value) <= 12:
                raise OfferError(f"--service {spec}: mēnešu skaitam jābūt no 1 līdz 12.")
            selection["months"] = int(value)
            continue
        service = services.get(key)
        if service is None:
            known = ", ".join(services)
            raise OfferError(f"--service {spec}: nav tāda pakalpojuma {key!r}; ir: {known}.")
        if key in selection:
            raise OfferError(f"--service {spec}: pakalpojums {key} norādīts divreiz.")
        if service["tiers"]:
            tiers = [tier["id"] for tier in service["tiers"]]
            if value not in tiers:
                raise OfferError(
                    f"--service {spec}: norādiet līmeni, piemēram {key}={tiers[0]}; "
                    f"ir: {', '.join(tiers)}."
                )
            selection[key] = value
        elif service["quantity"]:
            count = value if has_value else "1"
            if not count.isdigit() or not 1 <= int(count) <= 99:
                raise OfferError(f"--service {spec}: skaitam jābūt no 1 līdz 99.")
            selection[key] = int(count)
        else:
            if has_value and value not in ("1", "jā", "ja", "yes", "true"):
                raise OfferError(f"--service {spec}: šim pakalpojumam nav līmeņu; raksti {key}.")
            selection[key] = True
    selection.setdefault("months", 3)
    try:
        return to_query(catalog, selection) if estimate(catalog, selection) else ""
    except EstimateError as exc:
        if exc.code == "package_conflict":
            raise OfferError(
                f"--service: paketē jau ir iekļauts {exc.key}; izvēlieties paketi vai atsevišķus "
                "pakalpojumus."
            ) from exc
        raise OfferError(f"--service: izvēle nav derīga ({exc}).") from exc


def service_texts(
    snapshot: PriceSnapshot, current: PriceSnapshot | None, lang: str
) -> dict[str, Any]:
    """Each service's name, unit, tier summaries and description in ``lang``: from the price list
    the offer is priced with, else today's ``pricing.yaml``, else the catalog's own (the default
    language's, without descriptions)."""
    for source in (snapshot, current):
        if source is not None and lang in source.texts:
            return source.texts[lang]
    if snapshot.texts:
        return next(iter(snapshot.texts.values()))
    return {
        "vat_note": snapshot.vat_note,
        "services": {
            service["id"]: {
                "name": service["name"],
                "unit": service["unit"],
                "description": [],
                "tiers": {tier["id"]: tier["summary"] for tier in service["tiers"]},
            }
            for service in snapshot.catalog["services"]
        },
    }


def price_selection(
    snapshot: PriceSnapshot,
    query: str,
    discount_bp: int,
    words: Mapping[str, Any] | None = None,
) -> Pricing:
    """Price a share-link query with the estimate engine and apply the discount; the lines'
    texts from ``words`` (:func:`service_texts`), else the catalog's."""
    catalog = snapshot.catalog
    selection = parse_query(catalog, query)
    if len(selection) <= 1:
        raise OfferError(
            "Piedāvājumā nav neviena pakalpojuma: norādiet tos ar --service, piemēram "
            "--service content=2 --service ads=1."
        )
    try:
        result = estimate(catalog, selection)
    except EstimateError as exc:  # parse_query returns valid selections; kept for safety
        raise OfferError(f"Aprēķins nav derīgs: {exc}.") from exc
    named = (words or service_texts(snapshot, None, SOURCE_LANG))["services"]
    services = {service["id"]: service for service in catalog["services"]}
    lines = []
    for line in result["lines"]:
        service = services[line["service"]]
        tier = next((t for t in service["tiers"] if t["id"] == line["tier"]), None)
        unit_price = (tier or service)["price"]
        text = named.get(service["id"], {})
        unit = text.get("unit", service["unit"]) or ""
        lines.append(
            OfferLine(
                service=service["id"],
                name=text.get("name", service["name"]),
                detail=text.get("tiers", {}).get(tier["id"], tier["summary"]) if tier else "",
                description=tuple(text.get("description", ())),
                tier=line["tier"],
                quantity=line["quantity"],
                unit=unit or ("mēn." if service["billing"] == "monthly" else ""),
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
    monthly_part, once_part = Part.of(monthly, bp), Part.of(once, bp)
    pricing = Pricing(
        lines=tuple(lines),
        months=months,
        vat_bp=bp,
        discount_bp=discount_bp,
        monthly_before=monthly_before,
        once_before=once_before,
        monthly_discount=monthly_discount,
        once_discount=once_discount,
        monthly=monthly_part,
        once=once_part,
        first_month=Part.total(once_part, monthly_part, 1),
        period=Part.total(once_part, monthly_part, months),
        query=to_query(catalog, selection),
    )
    if discount_bp == 0:
        # Without a discount the offer is the site's estimate to the cent.
        for name in ("monthly", "once", "first_month", "period"):
            assert dataclasses.asdict(getattr(pricing, name)) == result[name], name
    return pricing


# -- the document --------------------------------------------------------------------------------


def format_date(day: date, lang: str = SOURCE_LANG) -> str:
    """``07.12.2026`` in Latvian, as a Latvian document writes it; ``7 December 2026`` otherwise."""
    if lang == SOURCE_LANG:
        return f"{day:%d.%m.%Y}"
    from babel.dates import format_date as babel_date

    return babel_date(day, "d MMMM y", locale=lang)


def percent(bp: int, lang: str = SOURCE_LANG) -> str:
    """``2100`` -> ``21``, ``750`` -> ``7,5`` (Latvian decimal comma; ``7.5`` in English)."""
    whole, rest = divmod(bp, 100)
    if not rest:
        return str(whole)
    mark = "," if lang == SOURCE_LANG else "."
    return f"{whole}{mark}{rest:02d}".rstrip("0")


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


@dataclasses.dataclass(frozen=True)
class Client:
    """Who the offer is for: the inquiry's contact, and the details the owner adds
    (``--company``, ``--reg-no``, ``--address``), kept with the offer."""

    name: str
    email: str
    phone: str = ""
    company: str = ""
    reg_no: str = ""
    address: str = ""

    @classmethod
    def of(cls, inquiry: Mapping[str, Any], **given: str | None) -> Client:
        details = {key: (value or "").strip() for key, value in given.items() if value}
        for key, value in details.items():
            if any(ch in value for ch in "\r\n\t") or not value.isprintable():
                raise OfferError(f"--{key.replace('_', '-')}: vienā rindā, bez vadības zīmēm.")
            if len(value) > 300:
                raise OfferError(f"--{key.replace('_', '-')}: ne garāks par 300 zīmēm.")
        return cls(
            name=inquiry["name"],
            email=inquiry["email"],
            phone=inquiry.get("phone") or "",
            company=details.get("company") or inquiry.get("company") or "",
            reg_no=details.get("reg_no", ""),
            address=details.get("address", ""),
        )


def document_context(
    *,
    number: str,
    issued: date,
    valid_until: date,
    owner: OwnerSettings,
    client: Client,
    pricing: Pricing,
    snapshot: PriceSnapshot,
    note: str | None,
    link: str,
    lang: str = SOURCE_LANG,
    vat_note: str | None = None,
    parts: Mapping[str, texts.Part] | None = None,
) -> dict[str, Any]:
    """Everything the template shows, amounts already formatted as the site formats them, in
    ``lang``; nothing internal (no inquiry number, no price-list version)."""

    def eur(cents: int) -> str:
        return format_eur(cents, lang)

    monthly_units = [line.unit for line in pricing.lines if line.billing == "monthly"]
    per_month = unit_suffix(monthly_units[0] if monthly_units else "mēn.")
    groups = []
    for billing, before, discount, part in (
        ("monthly", pricing.monthly_before, pricing.monthly_discount, pricing.monthly),
        ("once", pricing.once_before, pricing.once_discount, pricing.once),
    ):
        lines = [line for line in pricing.lines if line.billing == billing]
        if not lines:
            continue
        suffix = per_month if billing == "monthly" else ""
        groups.append(
            {
                "billing": billing,
                "lines": [
                    {
                        "name": line.name,
                        "detail": line.detail,
                        "description": list(line.description),
                        "tier": line.tier or "",
                        "tier_numbered": bool(line.tier and line.tier.isdigit()),
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
    for kind, part, show in (
        ("once", pricing.once, pricing.once.gross > 0),
        ("monthly", pricing.monthly, pricing.monthly.gross > 0),
        (
            "first_month",
            pricing.first_month,
            pricing.monthly.gross > 0 and pricing.once.gross > 0,
        ),
        ("period", pricing.period, pricing.monthly.gross > 0),
        ("total", pricing.once, pricing.monthly.gross == 0),
    ):
        if show:
            vat = None if part.vat is None else eur(part.vat)
            totals.append(
                {"kind": kind, "net": eur(part.net), "vat": vat, "gross": eur(part.gross)}
            )
    facts = owner.owner
    valid_text = format_date(valid_until, lang)
    fillers = {
        "client_name": client.name,
        "client_company": client.company or client.name,
        "owner_name": facts.get("name", ""),
        "owner_email": facts.get("email", ""),
        "owner_phone": facts.get("phone", ""),
        "number": number,
        "valid_until": valid_text,
    }
    words = {
        name: {
            "title": part.title,
            "show_title": part.show_title,
            "html": texts.to_html(part, fillers),
        }
        for name, part in (parts or {}).items()
    }
    logo = (parts or {}).get("intro").logo if (parts or {}).get("intro") else None
    dated = snapshot.dated_at
    return {
        "lang": lang,
        "number": number,
        "issued": format_date(issued, lang),
        "valid_until": valid_text,
        "valid_until_iso": valid_until.isoformat(),
        "owner": {key: facts.get(key, "") for key in OFFER_OWNER_KEYS},
        "site_origin": owner.site_origin,
        "site_host": re.sub(r"^https?://", "", owner.site_origin or ""),
        "sitename": owner.sitename,
        "client": dataclasses.asdict(client),
        "groups": groups,
        "totals": totals,
        # A seller who is not a VAT payer: no VAT columns, no VAT number, and the statement.
        "vat_payer": pricing.vat_bp is not None,
        "vat_percent": None if pricing.vat_bp is None else percent(pricing.vat_bp, lang),
        "discount_percent": percent(pricing.discount_bp, lang) if pricing.discount_bp else None,
        "months": pricing.months,
        "indicative": any(line.indicative for line in pricing.lines),
        "note": note or "",
        "vat_note": snapshot.vat_note if vat_note is None else vat_note,
        "link": link,
        # The price list's date, as a client reads it; its version is for the owner only.
        "prices_dated": format_date(date.fromisoformat(dated[:10]), lang) if dated else "",
        "texts": words,
        "logo": logo_data_uri(logo) if logo else "",
    }


def logo_data_uri(path: Path) -> str:
    """The owner's logo inlined, so the HTML, the PDF and the offer page need no other file."""
    import base64

    kind = "image/svg+xml" if path.suffix.lower() == ".svg" else "image/png"
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def translations_for(lang: str, directory: Path | None = None):
    """The site's message catalog for ``lang`` (the offer's labels); for the source language its
    own strings, with plurals by its CLDR rule (Latvian 21 takes the singular)."""
    if lang == SOURCE_LANG:
        return SourceTranslations(lang)
    return translations_of(directory or TRANSLATIONS_DIR, lang)


def render_html(
    context: Mapping[str, Any],
    template_dir: Path = TEMPLATE_DIR,
    template: str = TEMPLATE,
    translations_dir: Path | None = None,
) -> str:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=FileSystemLoader(str(template_dir)),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(  # type: ignore[attr-defined]
        translations_for(context.get("lang", SOURCE_LANG), translations_dir), newstyle=True
    )
    css = (template_dir / "offer.css").read_text(encoding="utf-8")
    return env.get_template(template).render(css=css, **context)


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
    lang: str = SOURCE_LANG
    without_texts: bool = False  # the owner has written no offer texts (content/offer/)


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


def offer_language(inquiry: Mapping[str, Any], owner: OwnerSettings) -> str:
    """The inquiry's language when the site publishes it, else the site's default."""
    lang = inquiry.get("lang") or SOURCE_LANG
    return lang if lang in owner.languages else (owner.languages or (SOURCE_LANG,))[0]


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
    services: tuple[str, ...] | list[str] = (),
    client_details: Mapping[str, str | None] | None = None,
    today: date | None = None,
    template_dir: Path = TEMPLATE_DIR,
    new_version: bool = False,
) -> WrittenOffer:
    # A seller who is not a VAT payer now (pricing.yaml `vat: none`) needs no VAT number.
    payer = current is None or current.catalog["vat_bp"] is not None
    require_filled(owner, owner_keys(payer), purpose="Piedāvājumu nevar izveidot")
    inquiry = store.get_inquiry(inquiry_id)
    if inquiry is None:
        raise NotFoundError(f"Pieprasījums Nr. {inquiry_id} nav atrasts.")
    if inquiry["spam"]:
        raise OfferError(f"Pieprasījums Nr. {inquiry_id} ir surogātpasts.")
    if not services and not inquiry.get("quote_query"):
        raise OfferError(
            f"Pieprasījumam Nr. {inquiry_id} nav kalkulatora izvēles: norādiet pakalpojumus ar "
            "--service, piemēram --service content=2 --service ads=1."
        )
    if valid_days < 1:
        raise OfferError("Derīguma termiņam jābūt vismaz 1 dienai.")
    client = Client.of(inquiry, **(client_details or {}))
    lang = offer_language(inquiry, owner)
    parts = texts.load_parts(owner.content_path, lang, (owner.languages or (SOURCE_LANG,))[0])
    snapshot, same = choose_price_list(store, inquiry, current, use_current=use_current_prices)
    query = selection_query(snapshot, services) if services else inquiry["quote_query"]
    words = service_texts(snapshot, current, lang)
    pricing = price_selection(snapshot, query, discount_bp, words)
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
        lang=lang,
        client={key: getattr(client, key) for key in ("company", "reg_no", "address")},
        new_version=new_version,
    )
    prefix = "" if lang == (owner.languages or (SOURCE_LANG,))[0] else f"/{lang}"
    link = configurator_link(
        owner.site_origin + prefix, pricing.query, configurator_anchor(owner.content_path)
    )
    context = document_context(
        number=recorded.number,
        issued=today,
        valid_until=valid_until,
        owner=owner,
        client=client,
        pricing=pricing,
        snapshot=snapshot,
        note=note,
        link=link,
        lang=lang,
        vat_note=words.get("vat_note"),
        parts=parts,
    )
    html = render_html(context, template_dir, translations_dir=owner.i18n_catalogs)
    pdf = render_pdf(html, template_dir)
    folder = offers_dir / str(inquiry_id)
    stem = f"piedavajums-{recorded.number}" if lang == SOURCE_LANG else f"offer-{recorded.number}"
    html_path, pdf_path = folder / f"{stem}.html", folder / f"{stem}.pdf"
    # Owner-only (folder 0700, files 0600): an offer holds the client's personal data.
    make_folder(offers_dir)
    make_folder(folder)
    write_private(html_path, html.encode("utf-8"))
    write_private(pdf_path, pdf)
    followup.set_offer_files(store, recorded.number, [str(html_path), str(pdf_path)])
    followup.set_offer_document(store, recorded.number, context, pdf)
    return WrittenOffer(
        recorded.number, html_path, pdf_path, pricing, valid_until, same, lang, not parts
    )
