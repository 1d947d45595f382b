"""An inquiry's status for the owner (issue 23, "The owner follows up"): few stored, the rest
derived from the newest offer version and the day, never from the wall clock; `quote inquiries
list/show/export` show them in Latvian; an accepted offer is locked.

Every inquiry and offer is set up at fixed times (tests/support/followup.py); "today" is
2026-05-10 throughout, passed explicitly.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from quote.cli import main
from quote.errors import AcceptedOfferError
from quote.offers import status
from tests.support import FIXTURE_PRICING
from tests.support.followup import (
    add_inquiry,
    answer_offer,
    at,
    make_offer,
    mark,
    new_store,
    send_offer,
    view_offer,
)
from tests.support.offers import OWNER_FILLED, write_settings

TODAY = date(2026, 5, 10)


@pytest.fixture
def store(tmp_path, monkeypatch):
    for name in ("QUOTE_SMTP_HOST", "QUOTE_SITE_ORIGIN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("QUOTE_DB", str(tmp_path / "inquiries.sqlite3"))
    monkeypatch.setenv("QUOTE_MAIL_DIR", str(tmp_path / "mail"))
    monkeypatch.setenv("QUOTE_PRICING", str(FIXTURE_PRICING))
    return new_store(tmp_path / "inquiries.sqlite3")


def sent(store, name: str, *, valid_until: str = "2026-05-20") -> tuple[int, str]:
    """An inquiry of 1 May with an offer made on 2 May and sent at once."""
    inquiry = add_inquiry(store, name, when=at("2026-05-01"))
    number = make_offer(store, inquiry, when=at("2026-05-02"), valid_until=valid_until)
    send_offer(store, number, when=at("2026-05-02", "10:05"))
    return inquiry, number


def shown(store, inquiry: int, today: date = TODAY) -> str:
    return status.inquiry_status(store, inquiry, today).status


def test_without_an_offer_the_owner_marks_decide(store):
    fresh = add_inquiry(store, "Jānis Bērziņš", when=at("2026-05-09"))
    answered = add_inquiry(store, "Ilze Kalniņa", when=at("2026-05-08"))
    mark(store, answered, "answered", when=at("2026-05-08", "12:00"))
    lost = add_inquiry(store, "Pēteris Liepa", when=at("2026-05-01"))
    mark(store, lost, "lost", when=at("2026-05-03"))
    assert [shown(store, i) for i in (fresh, answered, lost)] == ["new", "answered", "lost"]


def test_each_state_of_the_newest_offer(store):
    draft_inquiry = add_inquiry(store, "Anna Draft", when=at("2026-05-01"))
    make_offer(store, draft_inquiry, when=at("2026-05-02"), valid_until="2026-05-16")
    not_opened, _ = sent(store, "Baiba Sent")
    opened, number = sent(store, "Cilda Viewed")
    view_offer(store, number, when=at("2026-05-03"))
    view_offer(store, number, when=at("2026-05-04"))
    answers = {}
    for answer in ("accepted", "changes", "declined"):
        answers[answer], number = sent(store, f"Dace {answer}")
        assert answer_offer(store, number, answer, when=at("2026-05-05"), name="Dace")
    assert shown(store, draft_inquiry) == "offer-draft"
    assert shown(store, not_opened) == "offer-sent"
    assert shown(store, opened) == "offer-viewed"
    assert shown(store, answers["accepted"]) == "offer-accepted"
    assert shown(store, answers["changes"]) == "offer-changes"
    assert shown(store, answers["declined"]) == "offer-declined"


def test_expired_is_derived_from_the_day_and_an_answer_never_expires(store):
    ends_today, _ = sent(store, "Edgars Today", valid_until="2026-05-10")
    ended, number = sent(store, "Edgars Yesterday", valid_until="2026-05-09")
    view_offer(store, number, when=at("2026-05-03"))
    answered, number = sent(store, "Elza Answered", valid_until="2026-05-09")
    answer_offer(store, number, "accepted", when=at("2026-05-08"), name="Elza")
    assert shown(store, ends_today) == "offer-sent"  # valid to the end of its day
    assert shown(store, ends_today, date(2026, 5, 11)) == "offer-expired"
    assert shown(store, ended) == "offer-expired"  # opened, but past its day
    assert shown(store, ended, date(2026, 5, 9)) == "offer-viewed"
    assert shown(store, answered) == "offer-accepted"
    # Nothing of it is stored: the store's statuses are the owner's marks only.
    with store.reading() as conn:
        stored = {row[0] for row in conn.execute("SELECT DISTINCT status FROM status_change")}
    assert stored == {"offer-sent"}


def test_the_newer_of_the_owner_mark_and_the_offer_decides(store):
    won, number = sent(store, "Gatis Won")
    answer_offer(store, number, "accepted", when=at("2026-05-04"), name="Gatis")
    mark(store, won, "won", when=at("2026-05-05"), note="Līgums parakstīts")

    lost_then_offer = add_inquiry(store, "Guna Again", when=at("2026-04-01"))
    mark(store, lost_then_offer, "lost", when=at("2026-04-05"))
    make_offer(store, lost_then_offer, when=at("2026-05-06"), valid_until="2026-05-20")

    answered_then_accepted, number = sent(store, "Harijs Later")
    mark(store, answered_then_accepted, "answered", when=at("2026-05-03"))
    assert shown(store, answered_then_accepted) == "answered"  # the owner wrote to the client
    answer_offer(store, number, "accepted", when=at("2026-05-04"), name="Harijs")

    assert shown(store, won) == "won"
    assert shown(store, lost_then_offer) == "offer-draft"
    assert shown(store, answered_then_accepted) == "offer-accepted"


def test_the_newest_version_decides_and_replaces_the_older(store):
    inquiry, first = sent(store, "Inese Versions")
    view_offer(store, first, when=at("2026-05-03"))
    assert status.newer_version(store, first) is None
    second = make_offer(store, inquiry, when=at("2026-05-06"), valid_until="2026-05-20")
    assert shown(store, inquiry) == "offer-draft"
    assert status.newer_version(store, first) == second
    assert status.newer_version(store, second) is None
    assert [s.version for s in status.offer_states(store, inquiry)] == [1, 2]
    # The replaced version's page takes no answer: nothing changes.
    assert not answer_offer(store, first, "accepted", when=at("2026-05-07"), name="Inese")
    assert shown(store, inquiry) == "offer-draft"


def test_an_accepted_offer_is_locked_until_a_new_version_is_asked_for(store):
    inquiry, number = sent(store, "Jana Locked")
    answer_offer(store, number, "accepted", when=at("2026-05-04"), name="Jana Kalna")
    with pytest.raises(AcceptedOfferError) as refused:
        make_offer(store, inquiry, when=at("2026-05-06"), valid_until="2026-05-20")
    assert str(refused.value) == (
        f"Klients (Jana Kalna) ir pieņēmis piedāvājumu Nr. {number}: pieņemts piedāvājums netiek "
        "mainīts. Ja tiešām vajag jaunu versiju (tā aizstās pieņemto), palaidiet: "
        f"quote offer {inquiry} --new-version …"
    )
    assert len(status.offer_states(store, inquiry)) == 1  # no number taken
    again = make_offer(
        store, inquiry, when=at("2026-05-06"), valid_until="2026-05-20", new_version=True
    )
    assert status.newer_version(store, number) == again
    assert shown(store, inquiry) == "offer-draft"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_show_and_export_say_the_status_in_latvian(store, capsys):
    new = add_inquiry(store, "Kārlis Jauns", when=at("2026-05-09"))
    viewed, first = sent(store, "Laura Skatās")
    view_offer(store, first, when=at("2026-05-03", "08:00"))
    view_offer(store, first, when=at("2026-05-04"))
    second = make_offer(store, viewed, when=at("2026-05-06"), valid_until="2026-05-20")
    send_offer(store, second, when=at("2026-05-06", "10:05"))
    answer_offer(store, second, "changes", when=at("2026-05-07"), text="Bez reklāmas, lūdzu.")
    expired, _ = sent(store, "Māris Nokavē", valid_until="2026-05-09")

    code, out, _ = run(capsys, "inquiries", "list", "--today", "2026-05-10")
    assert code == 0
    lines = {line.split()[1]: line for line in out.splitlines() if line.startswith("  Nr. ")}
    assert "  jauns  " in lines[str(new)]
    assert "  klients lūdz izmaiņas  " in lines[str(viewed)]
    assert "  piedāvājumam beidzies termiņš  " in lines[str(expired)]
    # The columns after the status stay aligned whatever its label.
    assert len({line.index("Kārlis") if "Kārlis" in line else line.index(name)
                for line, name in ((lines[str(viewed)], "Laura"),
                                   (lines[str(expired)], "Māris"),
                                   (lines[str(new)], "Kārlis"))}) == 1  # fmt: skip

    _, out, _ = run(
        capsys, "inquiries", "list", "--status", "offer-expired", "--today", "2026-05-10"
    )
    assert "„piedāvājumam beidzies termiņš” (kopā 1)" in out and "Māris Nokavē" in out
    _, out, _ = run(
        capsys, "inquiries", "list", "--status", "offer-expired", "--today", "2026-05-09"
    )
    assert "(kopā 0)" in out

    _, out, _ = run(capsys, "inquiries", "show", str(viewed), "--today", "2026-05-10")
    assert "Statuss: klients lūdz izmaiņas" in out
    # The owner's news of the answer is queued, but it is not the inquiry's notification.
    assert "E-pasts: nav rindā." in out
    # Riga is UTC+3 in May.
    assert (
        "nosūtīts 2026-05-02 13:05; apskatīts 2 reizes, pirmoreiz 2026-05-03 11:00; "
        f"aizstāts ar Nr. {second}: vairs nav atbildams"
    ) in out
    assert (
        "nosūtīts 2026-05-06 13:05; klients lūdz izmaiņas 2026-05-07 13:00; "
        "klienta vārdi: Bez reklāmas, lūdzu."
    ) in out
    _, out, _ = run(capsys, "inquiries", "show", str(expired), "--today", "2026-05-10")
    assert "vēl nav apskatīts; termiņš beidzies, klients to vairs nevar pieņemt" in out

    _, out, _ = run(capsys, "inquiries", "export", "--format", "json", "--today", "2026-05-10")
    by_id = {record["id"]: record["status"] for record in json.loads(out)}
    assert by_id == {new: "new", viewed: "offer-changes", expired: "offer-expired"}
    _, out, _ = run(capsys, "inquiries", "export", "--today", "2026-05-10")
    assert ";klients lūdz izmaiņas;" in out


def test_quote_offer_refuses_to_replace_an_accepted_offer(store, capsys, tmp_path):
    inquiry, number = sent(store, "Nauris Pieņem")
    answer_offer(store, number, "accepted", when=at("2026-05-04"), name="Nauris")
    settings = str(write_settings(tmp_path / "site", OWNER_FILLED))
    code, out, err = run(capsys, "offer", str(inquiry), "--settings", settings)
    assert code == 1 and out == ""
    assert f"ir pieņēmis piedāvājumu Nr. {number}" in err
    assert f"quote offer {inquiry} --new-version" in err

    code, out, err = run(capsys, "offer", str(inquiry), "--settings", settings, "--new-version")
    assert code == 0, err
    newer = status.newer_version(store, number)
    assert f"Piedāvājums Nr. {newer} (pieprasījums Nr. {inquiry}):" in out
    assert (
        f"Pieņemtais piedāvājums Nr. {number} paliek saglabāts ar klienta atbildi, bet spēkā "
        f"tagad ir Nr. {newer}: klientam tas jāpieņem no jauna."
    ) in out

    other, first = sent(store, "Olga Gaida")
    code, out, err = run(capsys, "offer", str(other), "--settings", settings)
    assert code == 0, err
    assert (
        f"Iepriekšējais piedāvājums Nr. {first} vairs nav atbildams: tā lapā klients redz, "
        f"ka to aizstāj jaunāka versija (Nr. {status.newer_version(store, first)})."
    ) in out
