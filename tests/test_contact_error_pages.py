"""The endpoint's Latvian error page for a visitor without JavaScript: it lists each problem,
keeps what was typed in the same form, and is valid HTML per the Nu HTML Checker."""

from __future__ import annotations

import json

import pytest

from tests.support import parse, vnu_command
from tests.support.contact import encode, make_app, post, valid_form


@pytest.fixture
def app(tmp_path):
    return make_app(tmp_path)


@pytest.fixture
def client(app):
    return app.test_client()


def test_error_page_without_javascript_is_latvian_and_keeps_what_was_typed(client):
    message = "Sveiki! <script>alert('x')</script> Ģirts & Ķeizars 😀\nOtrā rinda"
    form = valid_form(
        email="nav-adrese", message=message, phone="zvani", channels=["Meta", "YouTube"]
    )
    response = post(client, encode(form), accept_json=False)
    assert response.status_code == 422
    assert response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    page = parse(html)  # well-formed: the Nu HTML Checker test below
    assert html.startswith("<!doctype html>")
    assert page.css_first("html").attributes["lang"] == "lv"
    assert len(page.css("h1")) == 1
    assert page.css("script") == []  # the visitor's <script> is text, not markup
    ids = [node.attributes["id"] for node in page.css("[id]")]
    assert len(ids) == len(set(ids))
    for link in page.css('a[href^="#"]'):
        assert link.attributes["href"][1:] in ids, link.attributes["href"]
    assert 'href="/theme/css/site.css"' in html
    # Each problem listed, in Latvian.
    assert "Lūdzu, ieraksti derīgu e-pasta adresi" in html
    assert "Tālruņa numurā drīkst būt tikai cipari" in html
    # The form posts again to the same action, filled in with what was sent.
    assert [form.attributes for form in page.css("form")] == [
        {
            "id": "kontaktforma",
            "class": "contact-form",
            "method": "post",
            "action": "/api/contact",
            "accept-charset": "utf-8",
        }
    ]

    def value(name: str) -> str | None:
        return page.css_first(f'input[name="{name}"]').attributes["value"]

    assert value("name") == "Jānis Bērziņš"
    assert value("email") == "nav-adrese"
    assert page.css_first('input[name="email"]').attributes["aria-invalid"] == "true"
    assert value("phone") == "zvani"
    assert value("company") == "SIA Piemērs"
    assert value("quote") == "content=2&community=1&months=3"
    checked = [node.attributes["value"] for node in page.css('input[name="channels"][checked]')]
    assert checked == ["Meta", "YouTube"]
    # An HTML parser drops the newline right after <textarea>: the message keeps its own.
    assert page.css_first('textarea[name="message"]').text() == message
    assert value("website") == ""


def test_error_page_for_other_errors_is_latvian_html(client):
    response = post(client, b"<x/>", content_type="application/xml", accept_json=False)
    assert response.status_code == 415
    html = response.get_data(as_text=True)
    assert parse(html).css_first("h1").text() == "Formu neizdevās nosūtīt"
    assert "Neatbalstīts datu formāts" in html
    assert 'href="/#kontakti"' in html


def test_error_pages_are_valid_html_per_the_nu_checker(client, tmp_path):
    """The Nu HTML Checker (vnu-jar from npm, run with the machine's Java) finds no error."""
    import subprocess

    checker = vnu_command()
    form = valid_form(email="x", message="<script>alert(1)</script>", channels=["Meta"])
    pages = {
        "422.html": post(client, encode(form), accept_json=False),
        "403.html": post(client, encode(form), accept_json=False, headers={"Origin": None}),
        "415.html": post(client, b"x", content_type="text/plain", accept_json=False),
        "404.html": client.get("/api/nothing"),
    }
    files = []
    for name, response in pages.items():
        path = tmp_path / name
        path.write_bytes(response.get_data())
        files.append(str(path))
    result = subprocess.run(
        [*checker, "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=120,
    )
    report = json.loads(result.stderr or result.stdout)
    errors = [m for m in report["messages"] if m.get("type") in ("error", "non-document-error")]
    assert errors == []
