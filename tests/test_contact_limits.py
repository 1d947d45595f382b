"""The rate limits: accepted sends per visitor, refused posts with a cap of their own, the
visitor's address behind a trusted proxy, and what is logged about it."""

from __future__ import annotations

from tests.support.contact import (
    FORM_TYPE,
    JSON_ACCEPT,
    ORIGIN,
    encode,
    make_app,
    numbered,
    post,
    store_of,
    valid_form,
)


def test_sixth_post_in_a_minute_gets_429(tmp_path):
    app = make_app(tmp_path, rate_limit="5 per minute;30 per day")
    client = app.test_client()
    answers = [post(client, encode(numbered(n))).status_code for n in range(6)]
    assert answers == [201] * 5 + [429]
    response = post(client, encode(valid_form()))
    assert response.status_code == 429
    assert response.get_json()["errors"][0]["code"] == "rate_limited"
    assert "Retry-After" in response.headers
    html = post(client, encode(valid_form()), accept_json=False)
    assert html.status_code == 429 and "mēģini vēlreiz" in html.get_data(as_text=True)
    # Another client is not affected; X-Forwarded-For is not trusted by default.
    other = client.post(
        "/api/contact",
        data=encode(valid_form()),
        content_type=FORM_TYPE,
        headers={"Origin": ORIGIN, **JSON_ACCEPT},
        environ_base={"REMOTE_ADDR": "192.0.2.7"},
    )
    assert other.status_code == 201
    spoofed = post(client, encode(valid_form()), headers={"X-Forwarded-For": "198.51.100.1"})
    assert spoofed.status_code == 429
    assert store_of(app).count_inquiries()["inquiries"] == 6


def test_forwarded_for_is_used_behind_a_trusted_proxy(tmp_path):
    app = make_app(tmp_path, rate_limit="1 per minute", trust_proxy=1)
    client = app.test_client()

    def from_client(address):
        return post(client, encode(valid_form()), headers={"X-Forwarded-For": address}).status_code

    assert from_client("198.51.100.1") == 201
    assert from_client("198.51.100.1") == 429
    assert from_client("198.51.100.2") == 201


def test_refused_posts_do_not_use_the_visitors_quota(tmp_path):
    app = make_app(tmp_path, rate_limit="5 per minute", refused_rate_limit="8 per minute")
    client = app.test_client()
    refused = [
        post(client, encode(valid_form()), headers={"Origin": "https://cits.example"}),
        post(client, encode(valid_form(email="nav-adrese"))),
        post(client, encode(valid_form(message="īsa"))),
        post(client, b"name=%FF", content_type=FORM_TYPE),
        post(client, b"{}", content_type="text/plain"),
    ]
    assert [r.status_code for r in refused] == [403, 422, 422, 400, 415]
    accepted = [post(client, encode(numbered(n))).status_code for n in range(4)]
    repeat = post(client, encode(numbered(3)))  # a repeat answers as before, counts nothing
    accepted.append(post(client, encode(numbered(4))).status_code)
    assert accepted == [201] * 5 and repeat.status_code == 201
    assert post(client, encode(numbered(5))).status_code == 429


def test_a_flood_of_refused_posts_ends_in_429(tmp_path):
    app = make_app(tmp_path, rate_limit="5 per minute", refused_rate_limit="8 per minute")
    client = app.test_client()
    answers = [post(client, encode(valid_form(email="nav"))).status_code for _ in range(10)]
    assert answers == [422] * 8 + [429] * 2
    assert post(client, encode(valid_form())).status_code == 429  # until the minute is over
    assert store_of(app).count_inquiries()["inquiries"] == 0


def test_visitor_address_is_stored_but_never_logged(tmp_path, caplog):
    """Red team, issue 25 item 12: the endpoint logged "inquiry N from IP"."""
    app = make_app(tmp_path, trust_proxy=1, rate_limit="2 per minute")
    client = app.test_client()
    caplog.set_level("DEBUG")
    headers = {"X-Forwarded-For": "203.0.113.9"}
    response = post(client, encode(valid_form()), headers=headers)
    repeat = post(client, encode(valid_form()), headers=headers)  # the same send again
    post(client, encode(numbered(2)), headers=headers)
    limited = post(client, encode(numbered(3)), headers=headers)  # over the limit
    row = store_of(app).get_inquiry(response.get_json()["id"])
    assert row["client_address"] == "203.0.113.9"
    assert (repeat.status_code, limited.status_code) == (201, 429)
    assert f"inquiry {row['id']} stored" in caplog.text
    assert "203.0.113" not in caplog.text


def test_trusted_proxy_without_forwarded_for_is_logged_once(tmp_path, caplog):
    app = make_app(tmp_path, trust_proxy=1)
    client = app.test_client()
    for number in range(2):
        assert post(client, encode(numbered(number))).status_code == 201
    warnings = [r for r in caplog.records if "without X-Forwarded-For" in r.getMessage()]
    assert len(warnings) == 1
