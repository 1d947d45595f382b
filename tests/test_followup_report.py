"""`quote followup` (issue 23, "The owner follows up"): what needs the owner today, each line with
the command that acts on it, in Latvian, exit 0.

One store set up at fixed times (tests/support/followup.py), "today" passed as --today; every
expected line is written by hand. Riga is UTC+3 in May: an offer sent at 22:00 UTC on 6 May was
sent on 7 May for the owner.
"""

from __future__ import annotations

import pytest

from quote.cli import main
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


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("QUOTE_DB", str(tmp_path / "inquiries.sqlite3"))
    monkeypatch.setenv("QUOTE_MAIL_DIR", str(tmp_path / "mail"))
    monkeypatch.setenv("QUOTE_PRICING", str(FIXTURE_PRICING))
    return new_store(tmp_path / "inquiries.sqlite3")


def offer(store, name: str, *, sent: str | None, valid_until: str, **fields) -> tuple[int, str]:
    inquiry = add_inquiry(store, name, when=at("2026-04-20"), **fields)
    number = make_offer(store, inquiry, when=at("2026-04-21"), valid_until=valid_until)
    if sent:
        send_offer(store, number, when=at(*sent.split()))
    return inquiry, number


@pytest.fixture
def agenda_store(store):
    """One inquiry for each section, and some that need nothing (ids in creation order)."""
    ids = {}
    ids["new"] = add_inquiry(store, "Anna Jauna", when=at("2026-05-09"), company="SIA Ābele")
    ids["new_plain"] = add_inquiry(store, "Aija Bez", when=at("2026-05-03"), quote_query=None)
    ids["answered"] = add_inquiry(store, "Agris Atbildēts", when=at("2026-05-08"))
    mark(store, ids["answered"], "answered", when=at("2026-05-08", "12:00"))
    # Sent on 7 May in Riga: 3 days by the 10th.
    ids["not_viewed"], _ = offer(
        store, "Baiba Klusē", sent="2026-05-06 22:00", valid_until="2026-05-30"
    )
    ids["waiting"], _ = offer(
        store, "Dita Gaida", sent="2026-05-08 09:00", valid_until="2026-05-30"
    )
    ids["viewed"], n = offer(
        store, "Cēsis Skatās", sent="2026-05-01 09:00", valid_until="2026-05-30"
    )
    view_offer(store, n, when=at("2026-05-02", "08:00"))
    view_offer(store, n, when=at("2026-05-04"))
    # Ends on the 13th: 3 days left, so "expiring", though it was opened too.
    ids["expiring"], n = offer(store, "Edgars Steidzas", sent="2026-04-22 09:00",
                               valid_until="2026-05-13")  # fmt: skip
    view_offer(store, n, when=at("2026-04-23"))
    ids["accepted"], n = offer(store, "Gundega Piekrīt", sent="2026-05-01 09:00",
                               valid_until="2026-05-30")  # fmt: skip
    answer_offer(store, n, "accepted", when=at("2026-05-09"), name="Gundega Lapa")
    ids["won"], n = offer(
        store, "Gints Noslēgts", sent="2026-05-01 09:00", valid_until="2026-05-30"
    )
    answer_offer(store, n, "accepted", when=at("2026-05-05"), name="Gints")
    mark(store, ids["won"], "won", when=at("2026-05-06"))
    ids["changes"], n = offer(store, "Harijs Maina", sent="2026-05-01 09:00",
                              valid_until="2026-05-30")  # fmt: skip
    answer_offer(store, n, "changes", when=at("2026-05-07"), text="Bez reklāmas,\nlūdzu.")
    ids["draft"] = add_inquiry(store, "Ilze Melnraksts", when=at("2026-05-04"))
    make_offer(
        store,
        ids["draft"],
        when=at("2026-05-05"),
        valid_until="2026-05-19",
        client={"company": "SIA „Ilzes”", "reg_no": "40003000001"},
    )
    ids["expired"], _ = offer(
        store, "Jānis Nokavē", sent="2026-04-21 09:00", valid_until="2026-05-05"
    )
    ids["declined"], n = offer(store, "Kristīne Atsaka", sent="2026-05-01 09:00",
                               valid_until="2026-05-30")  # fmt: skip
    answer_offer(store, n, "declined", when=at("2026-05-03"))
    spam = add_inquiry(store, "Robots", when=at("2026-05-09"), spam="honeypot")
    return ids | {"spam": spam}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def sections(out: str) -> dict[str, list[str]]:
    """The report's sections: title (without its count) -> its lines."""
    found: dict[str, list[str]] = {}
    current = None
    for line in out.splitlines():
        if line and not line.startswith(" ") and line.endswith("):"):
            current = line.rsplit(" (", 1)[0]
            found[current] = []
        elif line.startswith(" ") and current:
            found[current].append(line)
        elif not line:
            current = None
    return found


def test_each_section_with_the_command_that_acts_on_it(agenda_store, capsys):
    ids = agenda_store
    code, out, err = run(capsys, "followup", "--today", "2026-05-10")
    assert code == 0 and err == ""
    assert out.startswith("Kas jādara 10.05.2026:\n")
    got = sections(out)
    assert list(got) == [
        "Jauni pieprasījumi bez atbildes",
        "Nosūtīti, bet klients nav atvēris 3 dienas vai ilgāk",
        "Klients apskatījis, bet nav atbildējis",
        "Derīguma termiņš beidzas 3 dienu laikā",
        "Pieņemti: vienojieties par sākumu",
        "Klients lūdz izmaiņas",
        "Sagatavoti, bet nav nosūtīti",
        "Termiņš beidzies bez atbildes",
        "Noraidīti",
    ]
    assert got["Jauni pieprasījumi bez atbildes"] == [
        f"  Nr. {ids['new']}  Anna Jauna (SIA Ābele), anna@piemers.lv — saņemts 09.05.2026 (vakar)",
        f"    sagatavot un nosūtīt piedāvājumu: quote offer {ids['new']} --send",
        f"    ja atbildējāt citādi: quote inquiries mark {ids['new']} answered",
        f"  Nr. {ids['new_plain']}  Aija Bez, aija@piemers.lv — saņemts 03.05.2026 "
        "(pirms 7 dienām)",
        f"    sagatavot un nosūtīt piedāvājumu: quote offer {ids['new_plain']} --service "
        "ID=LĪMENIS … --send",
        f"    ja atbildējāt citādi: quote inquiries mark {ids['new_plain']} answered",
    ]
    i = ids["not_viewed"]
    assert got["Nosūtīti, bet klients nav atvēris 3 dienas vai ilgāk"] == [
        f"  Nr. {i}  Baiba Klusē, baiba@piemers.lv — piedāvājums Nr. 2026-001 nosūtīts "
        "07.05.2026 (pirms 3 dienām), nav atvērts",
        f"    kontakti, lai atgādinātu: quote inquiries show {i}",
        f"    nosūtīt vēlreiz (jauna versija, jauna saite): quote offer {i} --service content=1 "
        "--service months=3 --send",
    ]
    i = ids["viewed"]
    assert got["Klients apskatījis, bet nav atbildējis"] == [
        f"  Nr. {i}  Cēsis Skatās, cēsis@piemers.lv — piedāvājums Nr. 2026-003 nosūtīts "
        "01.05.2026, apskatīts 2 reizes, pirmoreiz 02.05.2026",
        f"    sazinieties ar klientu: quote inquiries show {i}",
        f"    pēc sarunas: quote inquiries mark {i} won (vai lost)",
    ]
    i = ids["expiring"]
    assert got["Derīguma termiņš beidzas 3 dienu laikā"] == [
        f"  Nr. {i}  Edgars Steidzas, edgars@piemers.lv — piedāvājums Nr. 2026-004 derīgs līdz "
        "13.05.2026 (beidzas pēc 3 dienām), apskatīts 1 reizi, pirmoreiz 23.04.2026",
        # Made on 21 April, valid to 13 May: the same 22 days again.
        f"    jauna versija ar jaunu termiņu: quote offer {i} --service content=1 --service "
        "months=3 --valid-days 22 --send",
        f"    ja klients atteicās: quote inquiries mark {i} lost",
    ]
    i = ids["accepted"]
    assert got["Pieņemti: vienojieties par sākumu"] == [
        f"  Nr. {i}  Gundega Piekrīt, gundega@piemers.lv — piedāvājums Nr. 2026-005 pieņemts "
        "09.05.2026 (Gundega Lapa)",
        f"    kad līgums noslēgts: quote inquiries mark {i} won",
    ]
    i = ids["changes"]
    assert got["Klients lūdz izmaiņas"] == [
        f"  Nr. {i}  Harijs Maina, harijs@piemers.lv — piedāvājums Nr. 2026-007 izmaiņas lūgtas "
        "07.05.2026: „Bez reklāmas, lūdzu.”",
        f"    jauna versija (mainiet pakalpojumus vai atlaidi): quote offer {i} --service "
        "content=1 --service months=3 --send",
        f"    ja izmaiņas nav iespējamas: quote inquiries mark {i} lost",
    ]
    i = ids["draft"]
    assert got["Sagatavoti, bet nav nosūtīti"] == [
        f"  Nr. {i}  Ilze Melnraksts, ilze@piemers.lv — piedāvājums Nr. 2026-008 sagatavots "
        "05.05.2026, nav nosūtīts",
        # The client's details given for the draft are repeated, quoted for the shell.
        f"    nosūtīt klientam: quote offer {i} --service content=1 --service months=3 "
        "--company 'SIA „Ilzes”' --reg-no 40003000001 --send",
    ]
    i = ids["expired"]
    assert got["Termiņš beidzies bez atbildes"] == [
        f"  Nr. {i}  Jānis Nokavē, jānis@piemers.lv — piedāvājums Nr. 2026-009 bija derīgs līdz "
        "05.05.2026, nav atvērts",
        f"    jauna versija ar jaunu termiņu: quote offer {i} --service content=1 --service "
        "months=3 --valid-days 14 --send",
        f"    ja klients atteicās: quote inquiries mark {i} lost",
    ]
    i = ids["declined"]
    assert got["Noraidīti"] == [
        f"  Nr. {i}  Kristīne Atsaka, kristīne@piemers.lv — piedāvājums Nr. 2026-010 noraidīts "
        "03.05.2026",
        f"    atzīmēt kā zaudētu: quote inquiries mark {i} lost",
    ]
    # Answered, won, spam and the offer sent two days ago are not listed; the last is counted.
    for name in ("Agris", "Gints", "Robots", "Dita"):
        assert name not in out
    assert out.endswith(
        "\nGaida klientu (nosūtīti mazāk nekā pirms 3 dienām, vēl nav atvērti): 1.\n"
    )


def test_the_number_of_days_moves_the_reminders(agenda_store, capsys):
    _, out, _ = run(capsys, "followup", "--dienas", "1", "--today", "2026-05-10")
    got = sections(out)
    # Dita's offer (sent 8 May) is now overdue; Edgars' ends in 3 days: not within 1.
    assert [
        line.split(",")[0]
        for line in got["Nosūtīti, bet klients nav atvēris 1 dienu vai ilgāk"]
        if line.startswith("  Nr.")
    ] == [
        f"  Nr. {agenda_store['not_viewed']}  Baiba Klusē",
        f"  Nr. {agenda_store['waiting']}  Dita Gaida",
    ]
    assert "Derīguma termiņš beidzas 1 dienas laikā" not in got
    assert "Edgars Steidzas" in "\n".join(got["Klients apskatījis, bet nav atbildējis"])
    assert "Gaida klientu" not in out


def test_a_mark_after_the_answer_takes_it_off_the_list(agenda_store, store, capsys):
    mark(store, agenda_store["accepted"], "won", when=at("2026-05-10", "07:00"))
    mark(store, agenda_store["declined"], "lost", when=at("2026-05-10", "07:00"))
    _, out, _ = run(capsys, "followup", "--today", "2026-05-10")
    assert "Pieņemti" not in out and "Noraidīti" not in out
    assert "Gundega" not in out and "Kristīne" not in out


def test_nothing_to_do_is_said_plainly(store, capsys):
    done = add_inquiry(store, "Līga Gatava", when=at("2026-05-01"))
    mark(store, done, "won", when=at("2026-05-02"))
    code, out, err = run(capsys, "followup", "--today", "2026-05-10")
    assert (code, err) == (0, "")
    assert out == "Kas jādara 10.05.2026:\n\nŠodien nekas nav jādara.\n"


def test_a_wrong_day_or_count_is_refused_in_latvian(store, capsys):
    code, _, err = run(capsys, "followup", "--today", "10.05.2026")
    assert code == 2 and "jābūt datumam GGGG-MM-DD, piemēram 2026-05-04: '10.05.2026'" in err
    code, _, err = run(capsys, "followup", "--days", "0")
    assert code == 2 and "jābūt vismaz 1" in err
