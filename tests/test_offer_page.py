"""The offer's page, the way a client meets it: an inquiry posted through Debian's nginx (the
deploy/ site) to a real endpoint process, ``quote offer ID --send`` e-mailing the client through
an SMTP sink, the link in that e-mail opened in Chromium (with and without JavaScript, in both
languages, on a 375 px phone), the answer given there and the owner's e-mail in the same sink.

The fixture site (Latvian and English) is nginx's root; the offers' words are the fixture's
(tests/fixtures/site/content/offer/). Each test speaks from its own loopback addresses, so
nginx's per-address limit of one never touches another's. Every wait is bounded.
"""

from __future__ import annotations

import itertools
import math
import os
import re
import sqlite3
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from email import message_from_bytes
from email.policy import default as default_policy
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from quote.contact.store import Store
from quote.pricing.model import load_price_list
from tests.support import (
    FIXTURE_PRICING,
    ServerProcess,
    SmtpSink,
    free_port,
    http_request,
    parse,
    wait_until,
)
from tests.support.browser import OPTIONS, PERSON_USER_AGENT
from tests.support.nginx import NginxServer, endpoint_env, write_nginx_errors
from tests.support.offers import OWNER_FILLED, OWNER_ORIGIN, quote_on, write_settings

pytestmark = pytest.mark.browser

OWNER_MAIL = "anna@berzina.lv"
PHONE = 375
# Where the phone screenshot of the page goes (OFFER_SCREENSHOTS=folder keeps it to look at).
SCREENSHOTS = os.environ.get("OFFER_SCREENSHOTS")
_addresses = (f"127.0.0.{n}" for n in itertools.count(40))
_numbers = itertools.count(1)


def visitor() -> str:
    return next(_addresses)


class Live:
    """nginx in front of the endpoint, the SMTP sink, the owner's settings and database."""

    def __init__(self, nginx: NginxServer, sink: SmtpSink, db: Path, settings: Path, env: dict):
        self.nginx, self.sink, self.db, self.settings, self.env = nginx, sink, db, settings, env

    @property
    def origin(self) -> str:
        return self.nginx.url

    def get(self, path: str, source: str | None = None, headers: dict | None = None):
        return http_request(self.origin + path, method="GET", source=source, headers=headers)

    def post(
        self,
        path: str,
        form: dict,
        *,
        source: str,
        origin: str | None = None,
        headers: dict | None = None,
    ):
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": origin or self.origin,
            "Accept": "text/html",
            **(headers or {}),
        }
        body = urlencode(form).encode()
        return http_request(self.origin + path, body, headers, method="POST", source=source)

    def messages_to(self, address: str) -> list:
        return [
            message_from_bytes(data, policy=default_policy)
            for data, (_, recipients) in zip(self.sink.messages, self.sink.envelopes, strict=True)
            if address in recipients
        ]

    def offer_row(self, number: str) -> dict:
        with sqlite3.connect(self.db) as conn:
            conn.row_factory = sqlite3.Row
            return dict(conn.execute("SELECT * FROM offer WHERE number = ?", (number,)).fetchone())


@pytest.fixture(scope="module")
def live(bilingual_site, tmp_path_factory) -> Iterator[Live]:
    folder = tmp_path_factory.mktemp("offer-page")
    nginx_port = free_port()
    origin = f"http://127.0.0.1:{nginx_port}"
    errors = write_nginx_errors(folder)
    with SmtpSink() as sink:
        mail = {
            "QUOTE_SMTP_HOST": "127.0.0.1",
            "QUOTE_SMTP_PORT": str(sink.port),
            "QUOTE_SMTP_SECURITY": "none",
            "QUOTE_MAIL_FROM": "Vietne <vietne@berzina.lv>",
            "QUOTE_MAIL_TO": OWNER_MAIL,
        }
        env = {
            **endpoint_env(folder, origin, bilingual_site, FIXTURE_PRICING),
            "QUOTE_COUNT_FLUSH_SECONDS": "0.1",  # the visitor counts reach the store at once
            **mail,
        }
        with ServerProcess(env, cwd=folder) as endpoint:
            nginx = NginxServer(
                folder / "nginx",
                root=bilingual_site,
                api_errors=errors,
                port=nginx_port,
                upstream=Path(endpoint.url.removeprefix("unix:")),
            )
            # The links name the published site; here its pages are nginx's.
            settings = write_settings(folder / "settings", OWNER_FILLED | {"email": OWNER_MAIL})
            with nginx:
                yield Live(nginx, sink, folder / "inquiries.sqlite3", settings, mail)


def sent_offer(live: Live, lang: str = "lv", **changes) -> dict:
    """An inquiry posted through nginx, then ``quote offer ID --send``: the client's e-mail, the
    page's link and path, the offer's number."""
    number = next(_numbers)
    email = f"klients{number}@piemers.lv"
    form = {
        "name": f"Līga Ozoliņa {number}",
        "email": email,
        "company": "SIA „Ozoliņi”",
        "channels": "Meta",
        "message": f"Labdien! Vēlamies piedāvājumu Nr. {number}.",
        "quote": "content=2&community=1&months=3",
        "website": "",
        "lang": lang,
        "ts": str(int(time.time() * 1000) - 30_000),
        **changes,
    }
    posted = live.post("/api/contact", form, source=visitor())
    assert posted.status == 303, posted.body
    with sqlite3.connect(live.db) as conn:
        [inquiry_id] = conn.execute("SELECT MAX(id) FROM inquiry").fetchone()
    sent = quote_on(live.db, "offer", str(inquiry_id), "--settings", str(live.settings), "--send",
                    env=live.env)  # fmt: skip
    [message] = live.messages_to(email)
    body = message.get_body(("plain",)).get_content()
    [link] = re.findall(r"https?://\S+/(?:piedavajums|en/offer)/\S+/", body)
    assert link in sent.stdout
    assert link.startswith(OWNER_ORIGIN + "/")
    [offer_number] = re.findall(r"(?:Nr|No)\. (\d{4}-\d{3})", message["Subject"])
    path = urlsplit(link).path
    return {
        "message": message,
        "link": live.origin + path,
        "path": path,
        "number": offer_number,
        "inquiry": inquiry_id,
        "email": email,
    }


def open_page(new_page, url: str, *, javascript: bool = True):
    page, console = new_page(width=PHONE, javascript=javascript)
    page.set_default_timeout(10_000)
    page.goto(url, wait_until="load", timeout=15_000)
    return page, console


def fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE


def axe_violations(page) -> tuple[int, str]:
    results = Axe().run(page, options=OPTIONS)
    return results.violations_count, results.generate_report()


def owner_mail(live: Live, number: str) -> list:
    return [m for m in live.messages_to(OWNER_MAIL) if f"Piedāvājums Nr. {number}:" in m["Subject"]]


# -- the whole path --------------------------------------------------------------------------------


def test_a_latvian_client_accepts_on_a_phone_and_the_owner_is_told(live, new_page, tmp_path):
    offer = sent_offer(live)
    # The client's e-mail holds the page's link and the PDF.
    [attachment] = list(offer["message"].iter_attachments())
    assert attachment.get_content().startswith(b"%PDF")
    assert offer["link"].startswith(live.origin + "/piedavajums/")

    page, console = open_page(new_page, offer["link"])
    assert page.locator("html").get_attribute("lang") == "lv"
    assert page.locator('meta[name="robots"]').get_attribute("content") == "noindex"
    assert page.locator("h1").inner_text() == f"Piedāvājums Nr. {offer['number']}"
    text = page.locator("main").inner_text()
    assert "Derīgs līdz" in text and "Pieņemt piedāvājumu" in text
    assert "Satura plāns un publicēšana" in text  # the services as in the PDF
    assert fits_the_phone(page), page.evaluate("document.documentElement.scrollWidth")
    count, report = axe_violations(page)
    assert count == 0, report
    page.screenshot(path=str(Path(SCREENSHOTS or tmp_path) / "offer-375.png"), full_page=True)

    # The terms come before the confirmation.
    terms = page.locator("#noteikumi").bounding_box()
    accept = page.locator("form.accept button").bounding_box()
    assert terms and accept and terms["y"] < accept["y"]
    # The PDF is the one sent.
    pdf_url = page.locator(".pdf a").get_attribute("href")
    pdf = live.get(pdf_url, source=visitor())
    assert pdf.status == 200 and pdf.headers["Content-Type"] == "application/pdf"
    assert pdf.body == attachment.get_content()

    page.fill("#accept-name", "Līga Ozoliņa")
    page.check("input[name=agree]")
    page.click("form.accept button")
    page.wait_for_url(re.compile(r"#atbilde$"), timeout=10_000)
    done = page.locator(".done").inner_text()
    assert "Jūs pieņēmāt šo piedāvājumu" in done and "Līga Ozoliņa" in done
    assert page.locator(".state").inner_text().startswith("Pieņemts ")
    assert not page.locator("form").count()  # locked: no answer can be given any more
    assert console.errors == []  # a policy violation would be one

    row = live.offer_row(offer["number"])
    assert row["answer"] == "accepted" and row["answer_name"] == "Līga Ozoliņa"
    assert row["answered_at"] and row["views"] >= 1 and row["first_viewed_at"]
    [mail] = wait_until(lambda: owner_mail(live, offer["number"]), timeout=15, what="owner mail")
    assert mail["Subject"] == f"Piedāvājums Nr. {offer['number']}: pieņemts"
    assert mail["Reply-To"] == offer["email"]
    body = mail.get_body(("plain",)).get_content()
    assert "Piekrita noteikumiem un parakstījās kā: Līga Ozoliņa" in body
    assert f"quote inquiries show {offer['inquiry']}" in body

    # A second answer is refused, shows the first, and tells the owner nothing.
    again = live.post(offer["path"], {"answer": "declined", "text": "Pārdomāju."}, source=visitor())
    assert again.status == 409
    html = again.body.decode()
    assert "jau ir atbilde" in html and "Jūs pieņēmāt šo piedāvājumu" in html
    assert live.offer_row(offer["number"])["answer"] == "accepted"
    time.sleep(0.5)
    assert len(owner_mail(live, offer["number"])) == 1


def test_an_english_client_asks_for_changes_without_javascript(live, new_page):
    offer = sent_offer(live, lang="en")
    assert "/en/offer/" in offer["link"]
    page, _ = open_page(new_page, offer["link"], javascript=False)
    assert page.locator("html").get_attribute("lang") == "en"
    text = page.locator("main").inner_text()
    assert "Accept the offer" in text and "Valid until" in text
    for latvian in ("Pieņemt", "Jūsu atbilde", "Derīgs līdz", "Noraidīt"):
        assert latvian not in text
    assert fits_the_phone(page)
    # (axe needs JavaScript to run: it checks the English page in the next test; the page has no
    # script of its own, so it is the same page.)

    page.click("details:has(textarea[name=text][required]) summary")
    page.fill("#changes-text", "Could we start in June instead?")
    page.click("details[open] form button")
    page.wait_for_url(re.compile(r"#atbilde$"), timeout=10_000)
    assert "You asked for changes" in page.locator(".done").inner_text()
    assert "Could we start in June instead?" in page.locator(".done").inner_text()

    row = live.offer_row(offer["number"])
    assert row["answer"] == "changes" and row["answer_text"] == "Could we start in June instead?"
    [mail] = wait_until(lambda: owner_mail(live, offer["number"]), timeout=15, what="owner mail")
    assert mail["Subject"] == f"Piedāvājums Nr. {offer['number']}: lūgtas izmaiņas"
    assert "Lūgtās izmaiņas:\nCould we start in June instead?" in mail.get_body(
        ("plain",)
    ).get_content().replace("\r\n", "\n")


def test_an_english_client_accepts_with_javascript(live, new_page):
    offer = sent_offer(live, lang="en")
    page, console = open_page(new_page, offer["link"])
    assert fits_the_phone(page)
    count, report = axe_violations(page)
    assert count == 0, report
    page.fill("#accept-name", "Jane Smith")
    page.check("input[name=agree]")
    page.click("form.accept button")
    page.wait_for_url(re.compile(r"#atbilde$"), timeout=10_000)
    assert "You accepted this offer" in page.locator(".done").inner_text()
    assert console.errors == []
    assert live.offer_row(offer["number"])["answer"] == "accepted"


# -- answers refused -------------------------------------------------------------------------------


def test_an_accept_without_the_tick_is_refused_in_latvian_and_keeps_the_name(live):
    offer = sent_offer(live)
    source = visitor()
    answer = live.post(offer["path"], {"answer": "accepted", "name": "Jānis"}, source=source)
    assert answer.status == 422
    tree = parse(answer.body.decode())
    assert "Atzīmējiet, ka piekrītat piedāvājuma noteikumiem." in tree.css_first(".problems").text()
    assert tree.css_first("#accept-name").attributes["value"] == "Jānis"
    empty = live.post(offer["path"], {"answer": "changes", "text": "  "}, source=source)
    assert empty.status == 422 and "Uzrakstiet, ko vēlaties mainīt." in empty.body.decode()
    assert live.offer_row(offer["number"])["answer"] is None
    # A decline needs no reason.
    declined = live.post(offer["path"], {"answer": "declined"}, source=source)
    assert declined.status == 303 and declined.headers["Location"].endswith("#atbilde")
    assert live.offer_row(offer["number"])["answer"] == "declined"


def test_a_cross_site_answer_is_refused(live):
    offer = sent_offer(live)
    form = {"answer": "accepted", "name": "Jānis", "agree": "yes"}
    answer = live.post(offer["path"], form, source=visitor(), origin="https://evil.example")
    assert answer.status == 403
    assert live.offer_row(offer["number"])["answer"] is None


def test_an_expired_offer_cannot_be_accepted_and_links_to_the_contact_form(live, new_page):
    offer = sent_offer(live)
    with sqlite3.connect(live.db) as conn:
        conn.execute(
            "UPDATE offer SET valid_until = date('now', '-2 days') WHERE number = ?",
            (offer["number"],),
        )
    page, _ = open_page(new_page, offer["link"])
    text = page.locator(".answers").inner_text()
    assert "derīguma termiņš beidzās" in text and "to vairs nevar pieņemt" in text
    assert page.locator("form").count() == 0
    assert page.locator(".answers a.button").get_attribute("href") == "/#kontakti"
    form = {"answer": "accepted", "name": "Jānis", "agree": "yes"}
    late = live.post(offer["path"], form, source=visitor())
    assert late.status == 410 and "termiņš ir beidzies" in late.body.decode()
    assert live.offer_row(offer["number"])["answer"] is None


def test_a_replaced_version_takes_no_answer_and_names_the_newer_one(live):
    offer = sent_offer(live)
    newer = quote_on(live.db, "offer", str(offer["inquiry"]), "--settings", str(live.settings))
    [number] = re.findall(r"Nr\. (\d{4}-\d{3})", newer.stdout.splitlines()[0])
    assert number != offer["number"]
    source = visitor()
    shown = live.get(offer["path"], source=source)
    assert shown.status == 200
    tree = parse(shown.body.decode())
    assert tree.css("form") == []
    assert f"aizstāj jaunāka versija, Nr. {number}" in tree.css_first(".done").text()
    form = {"answer": "accepted", "name": "Jānis", "agree": "yes"}
    late = live.post(offer["path"], form, source=source)
    assert late.status == 409 and "aizstāj jaunāka versija" in late.body.decode()
    assert live.offer_row(offer["number"])["answer"] is None


# -- the address ---------------------------------------------------------------------------------


def test_a_wrong_token_is_the_sites_plain_404(live):
    offer = sent_offer(live)
    source = visitor()
    unknown = live.get("/no-such-page/", source=source)
    assert unknown.status == 404
    token = offer["path"].split("/")[2]
    wrong = [
        "/piedavajums/" + "A" * 43 + "/",
        "/piedavajums/" + token[:-1] + ("B" if token[-1] != "B" else "C") + "/",
        "/piedavajums/short/",
        "/piedavajums/" + token + "x" * 200 + "/",
        "/en/offer/" + token + "/",  # a Latvian offer's token under the English address
        "/piedavajums/" + token + "/offer-" + offer["number"] + ".pdf",
    ]
    for path in wrong:
        answer = live.get(path, source=source)
        assert answer.status == 404, path
        assert answer.body == unknown.body, path  # no hint that anything is there
    assert live.offer_row(offer["number"])["views"] == 0


def test_a_wrong_token_spends_the_limit_no_faster_than_a_right_one(live):
    """Both spend one request each of the offer pages' limit (deploy/nginx/quote-site.conf:
    zone quote_api, 30 a minute, burst 20): 21 answers at once, and one more for every 2 s the
    run took (the bucket drains while a slow machine answers)."""
    offer = sent_offer(live)
    wrong_path = "/piedavajums/" + "Z" * 43 + "/"

    def answered_before_429(path: str, source: str) -> tuple[int, float]:
        started = time.monotonic()
        statuses = [live.get(path, source=source).status for _ in range(40)]
        assert 429 in statuses, statuses
        return statuses.index(429), time.monotonic() - started

    for path in (wrong_path, offer["path"]):
        answered, seconds = answered_before_429(path, visitor())
        assert 21 <= answered <= 21 + math.ceil(seconds / 2), (path, answered, seconds)


def test_the_page_is_private_noindex_and_under_the_sites_policy(live):
    offer = sent_offer(live)
    answer = live.get(offer["path"], source=visitor())
    assert answer.status == 200
    assert answer.headers["Cache-Control"] == "private, no-store"
    assert answer.headers["X-Robots-Tag"] == "noindex"
    policies = answer.headers.get_all("Content-Security-Policy")
    assert len(policies) == 2  # the endpoint's own and the site's (nginx)
    html = answer.body.decode()
    assert "<script" not in html and "<style" not in html and " style=" not in html
    tree = parse(html)
    [sheet] = tree.css('link[rel="stylesheet"]')
    css = live.get(sheet.attributes["href"], source=visitor())
    assert css.status == 200 and css.headers["Content-Type"].startswith("text/css")
    assert "immutable" in css.headers["Cache-Control"]


# -- counted by the endpoint (issue 26) ------------------------------------------------------------


def test_an_offer_viewed_and_accepted_is_counted_in_its_language_unless_asked_not(live):
    """The page counts a client's view and acceptance (offer_viewed, offer_accepted) in the
    offer's language; a view with Sec-GPC or DNT is not counted, nor a robot's: every other
    request of this module (no user agent, headless Chromium) counts nothing."""
    offer = sent_offer(live, lang="en")
    person = {"User-Agent": PERSON_USER_AGENT}
    assert live.get(offer["path"], source=visitor(), headers=person).status == 200
    for private in ({"Sec-GPC": "1"}, {"DNT": "1"}):
        assert live.get(offer["path"], source=visitor(), headers=person | private).status == 200
    accepted = {"answer": "accepted", "name": "Liga Ozolina", "agree": "yes"}
    answered = live.post(offer["path"], accepted, source=visitor(), headers=person | {"DNT": "0"})
    assert answered.status == 303, answered.body
    day = datetime.now(UTC).strftime("%Y-%m-%d")
    version = load_price_list(FIXTURE_PRICING).version
    # By hand: one view and one acceptance, each a total and its language.
    expected = [
        (day, "offer_accepted", "", "", version, 1),
        (day, "offer_accepted", "lang", "en", version, 1),
        (day, "offer_viewed", "", "", version, 1),
        (day, "offer_viewed", "lang", "en", version, 1),
    ]

    def offer_counts():
        rows = [row for row in Store(live.db).visit_counts() if row[1].startswith("offer_")]
        return rows if len(rows) >= len(expected) else None

    assert wait_until(offer_counts, timeout=10, what="the offer's counts") == expected
    time.sleep(0.3)  # nothing more comes
    assert offer_counts() == expected
