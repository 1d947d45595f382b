"""``quote offer ID --send``: the offer e-mailed to the client through the outbox.

The message is written whole here, in the inquiry's language (``theme/offer/offer_email.txt``
through the site's catalogs): a few lines, the PDF attached, the owner in ``Reply-To`` and the link
to the offer's page. It is queued in the store's outbox in the same transaction that gives the
offer its page's token and marks it sent, so the sale is never "sent" without a message on its
way; the outbox delivers it like a notification (retried until an SMTP server takes it) and the
owner's command tries at once.

The page's token is random (256 bits, URL-safe); the store keeps only its SHA-256, so the link
exists only in the client's e-mail (and the copy the file transport writes).
"""

from __future__ import annotations

import dataclasses
import hashlib
import secrets
from collections.abc import Mapping
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid, parseaddr
from pathlib import Path
from typing import Any

from quote.contact.mailer import reply_to_address
from quote.contact.store import Store, utc_now_iso
from quote.errors import OfferError
from quote.i18n import SOURCE_LANG
from quote.offers import followup

TOKEN_BYTES = 32
EMAIL_TEMPLATE = "offer_email.txt"
# Where a language's offer pages live; the default language's at the site's root.
PAGE_PATHS = {SOURCE_LANG: "/piedavajums/{token}/"}
OTHER_PAGE_PATH = "/{lang}/offer/{token}/"


@dataclasses.dataclass(frozen=True)
class SentOffer:
    number: str
    link: str
    outbox_id: int
    recipient: str


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def page_path(lang: str, token: str) -> str:
    return PAGE_PATHS.get(lang, OTHER_PAGE_PATH).format(lang=lang, token=token)


def compose(
    *,
    context: Mapping[str, Any],
    link: str,
    pdf: bytes,
    pdf_name: str,
    mail_from: str,
    template_dir: Path,
    translations_dir: Path | None = None,
) -> EmailMessage:
    """The client's message: their language's words, the PDF, the owner to reply to."""
    from quote.offers.document import render_html

    client, owner = context["client"], context["owner"]
    to = reply_to_address(client["email"])
    if to is None:
        raise OfferError(
            f"Klienta e-pasta adresi {client['email']!r} nevar izmantot e-pasta galvenē: "
            "nosūtiet piedāvājumu pats."
        )
    body = render_html(
        {**context, "link": link}, template_dir, EMAIL_TEMPLATE, translations_dir
    ).strip()
    subject = render_html(context, template_dir, "offer_subject.txt", translations_dir).strip()
    message = EmailMessage(policy=SMTP)
    message["Subject"] = subject
    message["From"] = mail_from
    message["To"] = to
    owner_address = reply_to_address(owner.get("email", ""))
    if owner_address:
        message["Reply-To"] = owner_address
    message["Date"] = format_datetime(_now())
    domain = parseaddr(mail_from)[1].rpartition("@")[2] or "localhost"
    message["Message-ID"] = make_msgid("offer", domain=domain)
    message["Content-Language"] = context.get("lang", SOURCE_LANG)
    message.set_content(body + "\n", charset="utf-8", cte="quoted-printable")
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename=pdf_name)
    return message


def _now():
    from datetime import UTC, datetime

    return datetime.now(UTC)


def queue_offer(
    store: Store,
    number: str,
    *,
    site_origin: str,
    mail_from: str,
    template_dir: Path,
    translations_dir: Path | None = None,
) -> SentOffer:
    """Give the offer its page, queue the client's e-mail and mark it sent, in one transaction."""
    offer = followup.offer_document(store, number)
    if offer is None:
        raise OfferError(f"Piedāvājums Nr. {number} nav atrasts.")
    context, pdf = offer
    token = new_token()
    link = site_origin.rstrip("/") + page_path(context.get("lang", SOURCE_LANG), token)
    stem = "piedavajums" if context.get("lang", SOURCE_LANG) == SOURCE_LANG else "offer"
    message = compose(
        context=context,
        link=link,
        pdf=pdf,
        pdf_name=f"{stem}-{number}.pdf",
        mail_from=mail_from,
        template_dir=template_dir,
        translations_dir=translations_dir,
    )
    recipient = parseaddr(message["To"])[1]
    with store.transaction() as conn:
        row = conn.execute(
            "SELECT inquiry_id, sent_at FROM offer WHERE number = ?", (number,)
        ).fetchone()
        if row["sent_at"]:
            raise OfferError(f"Piedāvājums Nr. {number} jau ir nosūtīts.")
        now = utc_now_iso()
        conn.execute(
            "UPDATE offer SET token_sha256 = ?, sent_at = ? WHERE number = ?",
            (token_digest(token), now, number),
        )
        conn.execute(
            "INSERT INTO status_change (inquiry_id, changed_at, status, note) VALUES (?, ?, ?, ?)",
            (row["inquiry_id"], now, "offer-sent", f"Nr. {number}"),
        )
        outbox_id = store.queue_message(conn, row["inquiry_id"], message.as_bytes(), [recipient])
    return SentOffer(number, link, outbox_id, recipient)
