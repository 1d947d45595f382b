"""The printed estimate, in Chromium: one A4 page that says who sent it (name, e-mail, phone,
web address from the owner's settings), when, what was chosen and every figure with and without
VAT. Built from a scratch copy of the fixture site whose owner facts are the ones below."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from babel.dates import format_date
from pypdf import PdfReader

from tests.support import copy_fixture_project, served_build

pytestmark = pytest.mark.browser

OWNER = {
    "name": "Anna Paraugs",
    "email": "anna@paraugs.lv",
    "phone": "+371 20000000",
}
ORIGIN = "https://www.paraugs.lv"
SELECTION = "content=2&ads=1&community=1&reports=1&months=3"
# The fixture price list: 450 + 250 + 120 + 60 € a month, VAT 21 %, three months.
FIGURES = [
    "880 €",  # every month, with VAT
    "727,27 €",  # without VAT
    "152,73 €",  # the VAT
    "2 640 €",  # three months
    "2 181,81 €",  # 3 x 727,27: the months multiply out
    "458,19 €",  # 3 x 152,73
]


@pytest.fixture(scope="module")
def owner_site(tmp_path_factory):
    project = copy_fixture_project(tmp_path_factory.mktemp("print"))
    settings = project / "pelicanconf.py"
    settings.write_text(
        settings.read_text(encoding="utf-8") + f"\nOWNER = {{**OWNER, **{OWNER!r}}}\n",
        encoding="utf-8",
    )
    # The published address is in publishconf.py; the preview (pelicanconf.py) runs on
    # 127.0.0.1, yet an estimate printed from it names the site the client will visit (issue 24).
    published = project / "publishconf.py"
    published.write_text(
        published.read_text(encoding="utf-8") + f"\nSITE_ORIGIN = {ORIGIN!r}\n", encoding="utf-8"
    )
    with served_build(project, tmp_path_factory.mktemp("print-output")) as url:
        yield url


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " "))


def test_the_printed_estimate_is_one_a4_page_with_its_sender(owner_site, new_page):
    page, log = new_page(width=1280)
    page.goto(f"{owner_site}/?{SELECTION}#kalkulators")
    page.wait_for_selector("#konfigurators:not([hidden])")
    page.emulate_media(media="print")
    sender = page.locator(".cfg-sender")
    assert sender.is_visible()
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    assert len(pdf.pages) == 1
    width, height = (float(v) for v in pdf.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842), "not A4"
    text = _words(pdf.pages[0].extract_text())
    for expected in [*OWNER.values(), "www.paraugs.lv", *FIGURES, "Aprēķins ir orientējošs."]:
        assert _words(expected) in text, expected
    today = format_date(datetime.date.today(), "long", locale="lv")
    assert _words(today) in text
    assert "Satura plāns un publicēšana" in text
    # Nothing but the estimate: not the price list, not the form.
    assert "Nosūtīt pieprasījumu" not in text and "Pakalpojums" not in text
    assert log.errors == []


def test_on_screen_the_sender_is_not_shown(owner_site, new_page):
    page, _ = new_page(width=375)
    page.goto(f"{owner_site}/?{SELECTION}#kalkulators")
    page.wait_for_selector("#konfigurators:not([hidden])")
    assert page.locator(".cfg-sender").is_hidden()
