"""The contact form's fields and limits: the one definition.

Rendered by the theme (``theme/templates/partials/contact_form.html``, given ``contact_form`` by
the landing plugin) and by the endpoint's error page; enforced by
:mod:`quote.contact.validation`; its labels name the fields in the owner's email and in
``quote inquiries show``. Plain data, no Flask, so the Pelican plugin can import it.
"""

from __future__ import annotations

import dataclasses
from html import escape

from quote.i18n import N_

CHANNELS = ("TikTok", "Meta", "LinkedIn", "YouTube")


MAX_QUOTE = 2000  # characters of the configurator's query string in the hidden `quote` field


@dataclasses.dataclass(frozen=True)
class Field:
    """One visible field. ``kind`` is an ``<input type>``, ``textarea`` or ``checkboxes``."""

    name: str
    label: str
    kind: str = "text"
    required: bool = False
    min_length: int | None = None
    max_length: int | None = None
    autocomplete: str | None = None
    spellcheck: bool | None = None
    pattern: str | None = None
    title: str | None = None
    hint: str | None = None
    choices: tuple[str, ...] = ()

    @property
    def attributes(self) -> str:
        """The control's HTML attributes for these rules (``type`` only on an ``<input>``)."""
        return self.attributes_in()

    def attributes_in(self, title: str | None = None) -> str:
        """:attr:`attributes` with ``title`` (the page's translation) instead of :attr:`title`."""
        parts = []
        if self.kind not in ("textarea", "checkboxes"):
            parts.append(f'type="{self.kind}"')
        if self.required:
            parts.append("required")
        if self.min_length is not None:
            parts.append(f'minlength="{self.min_length}"')
        if self.max_length is not None:
            parts.append(f'maxlength="{self.max_length}"')
        if self.spellcheck is not None:
            parts.append(f'spellcheck="{str(self.spellcheck).lower()}"')
        for name, value in (
            ("autocomplete", self.autocomplete),
            ("pattern", self.pattern),
            ("title", title or self.title),
        ):
            if value is not None:
                parts.append(f'{name}="{escape(value)}"')
        return " ".join(parts)


# In form order.
FIELDS: tuple[Field, ...] = (
    Field("name", N_("Vārds"), required=True, max_length=100, autocomplete="name"),
    Field(
        "email",
        N_("E-pasts"),
        "email",
        required=True,
        max_length=254,
        autocomplete="email",
        spellcheck=False,
    ),
    Field(
        "phone",
        N_("Tālrunis"),
        "tel",
        max_length=40,
        autocomplete="tel",
        # The server's rule, loosened for the browser: any dash and space a phone may insert.
        pattern="(?=.*\\d)[\\d\\p{Zs}\\(\\)+\\-\u2010-\u2015\u2212]*",
        title=N_("Tikai cipari, atstarpes un zīmes + - ( )"),
    ),
    Field("company", N_("Uzņēmums vai mājaslapa"), max_length=200, autocomplete="organization"),
    Field("channels", N_("Kanāli"), "checkboxes", choices=CHANNELS),
    Field(
        "message",
        N_("Ziņa"),
        "textarea",
        required=True,
        min_length=10,
        max_length=5000,
        hint=N_(
            "Pastāsti par saviem mērķiem un pašreizējo situāciju: kuros kanālos jau esi, "
            "kas strādā un kas ne."
        ),
    ),
)
BY_NAME = {field.name: field for field in FIELDS}
# What the visitor fills in, in form order: also the inquiry's own columns in the store.
VISITOR_FIELDS = tuple(field.name for field in FIELDS)
# The form's hidden fields: ``quote`` the configurator's selection, ``website`` the honeypot,
# ``ts`` the page-load time in ms, ``send_key`` the random key of one send (one page load),
# repeated on every retry, ``lang`` the language of the page the form was on.
HIDDEN_FIELDS = ("quote", "website", "ts", "send_key", "lang")
# Everything a post may hold: the endpoint's allowlist.
POSTED_FIELDS = VISITOR_FIELDS + HIDDEN_FIELDS
# Field labels (the error page, the owner's email, `quote inquiries show`); `quote` is the estimate.
LABELS: dict[str, str] = {**{field.name: field.label for field in FIELDS}, "quote": "Aprēķins"}
MAX_LENGTH = {field.name: field.max_length for field in FIELDS if field.max_length is not None}
MIN_LENGTH = {field.name: field.min_length for field in FIELDS if field.min_length is not None}
