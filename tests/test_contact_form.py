"""One definition of the contact form: the site's form and the endpoint's error page offer the
same controls with the same limits, and those limits are what the endpoint enforces."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from tests.support.contact import encode, make_app, valid_form
from tests.support.contact import post as post_body

RULES = ("type", "required", "minlength", "maxlength", "pattern", "autocomplete")


def controls(html: str) -> dict[tuple[str, str | None], dict[str, str | None]]:
    """The form's visible controls by (name, checkbox value): their validation attributes."""
    form = LexborHTMLParser(html).css_first("#kontaktforma")
    found = {}
    for node in form.css("input, textarea"):
        attrs = node.attributes
        if attrs.get("type") == "hidden" or attrs.get("name") == "website":
            continue
        key = (attrs["name"], attrs.get("value") if attrs.get("type") == "checkbox" else None)
        found[key] = {rule: attrs.get(rule, "(absent)") for rule in RULES}
    return found


@pytest.fixture
def client(tmp_path):
    return make_app(tmp_path).test_client()


def post(client, **fields):
    """A send without JavaScript with `fields` changed: a redirect when it is accepted."""
    return post_body(client, encode(valid_form(**fields)), accept_json=False)


def test_the_error_page_repeats_the_sites_form(fixture_landing_html, client):
    page = post(client, email="nav-adrese")
    assert page.status_code == 422
    site = controls(fixture_landing_html)
    assert set(site) >= {("name", None), ("email", None), ("message", None), ("channels", "Meta")}
    assert controls(page.get_data(as_text=True)) == site


def test_the_pages_limits_are_the_endpoints(fixture_landing_html, client):
    limits = {name: rules for (name, _), rules in controls(fixture_landing_html).items()}
    for name in ("name", "company", "message"):
        longest = int(limits[name]["maxlength"])
        assert post(client, **{name: "ā" * longest}).status_code == 303, name
        refused = post(client, **{name: "ā" * (longest + 1)})
        assert refused.status_code == 422, name
        assert f"ne vairāk kā {longest} rakstzīmes" in refused.get_data(as_text=True), name
    shortest = int(limits["message"]["minlength"])
    assert post(client, message="ā" * shortest).status_code == 303
    assert post(client, message="ā" * (shortest - 1)).status_code == 422
    assert {name for name, rules in limits.items() if rules["required"] != "(absent)"} == {
        "name",
        "email",
        "message",
    }
