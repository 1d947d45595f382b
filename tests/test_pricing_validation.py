"""Validation of pricing.yaml: every mistake is reported with file:line:column, path and value.

Each test edits one line of BASE (line numbers in the comment column below), writes it to
``pricing.yaml`` in a scratch folder and loads it from there, so problems read
``pricing.yaml:LINE:COLUMN: …`` exactly as the owner sees them.
"""

from __future__ import annotations

import pytest

from quote.pricing.model import load_price_list, parse_price_list
from quote.pricing.problems import PricingError, Problem
from tests.support.pricing_text import text


def problems_of(tmp_path, monkeypatch, content: str) -> list[Problem]:
    (tmp_path / "pricing.yaml").write_text(content, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(PricingError) as caught:
        load_price_list("pricing.yaml")
    error = caught.value
    assert str(error) == "\n".join(str(problem) for problem in error.problems)
    return error.problems


def only(problems: list[Problem], path: str) -> Problem:
    matching = [problem for problem in problems if problem.path == path]
    assert len(matching) == 1, problems
    return matching[0]


@pytest.fixture
def check(tmp_path, monkeypatch):
    return lambda content: problems_of(tmp_path, monkeypatch, content)


# -- the base itself --------------------------------------------------------------------------


def test_base_is_valid(tmp_path):
    (tmp_path / "pricing.yaml").write_text(text(), encoding="utf-8")
    price_list = load_price_list(tmp_path / "pricing.yaml")
    assert [s.id for s in price_list.services] == [
        "positioning",
        "content",
        "community",
        "consultation",
        "full-package",
    ]
    assert price_list.service("content").tier("2").price == 45000


def test_problem_line_is_exact(check):
    [problem] = check(text((26, "        price: 350", "        price: 350 €")))
    assert str(problem) == (
        "pricing.yaml:26:16: services[content].tiers[1].price: gaidīta cena eiro "
        "(skaitlis > 0, ne vairāk kā 2 cipari aiz decimālpunkta, piemēram, 350 vai 289.50; "
        "bez €), atrasts: '350 €'"
    )


# -- YAML itself ------------------------------------------------------------------------------


def test_yaml_syntax_error(check):
    [problem] = check(
        text((18, "    name: Virziens un pozicionējums", "    name: Virziens: pozicionējums"))
    )
    assert str(problem).startswith("pricing.yaml:18:19: YAML sintakses kļūda")
    assert problem.found == "'name: Virziens: pozicionējums'"


def test_unclosed_quote(check):
    [problem] = check(text((22, "    name: Satura plāns", '    name: "Satura plāns')))
    # A quoted value may span lines: the parser only stumbles at the next quote, on line 25.
    assert (problem.line, problem.column) == (25, 14)
    assert "YAML sintakses kļūda" in problem.expected
    assert "nav aizvērtas pēdiņas 22. rindā" in problem.expected


def test_tab_indentation(check):
    problems = check(
        text((20, "    price: 250", "\tprice: 250"), (34, "    price: 120", "  \tprice: 120"))
    )
    assert [(p.line, p.column) for p in problems] == [(20, 1), (34, 3)]
    assert str(problems[0]).startswith("pricing.yaml:20:1: atkāpei izmantota tabulācija")


def test_empty_file(check):
    [problem] = check("")
    assert str(problem) == (
        "pricing.yaml:1:1: gaidīts cenrādis: currency, vat_rate (vai vat: none), vat_note, "
        "closing_note, table, services, atrasts: tukšs fails"
    )


def test_file_with_only_comments_is_empty(check):
    [problem] = check("# tikai komentārs\n\n")
    assert problem.found == "tukšs fails"


def test_missing_file_names_the_path(tmp_path):
    missing = tmp_path / "nav" / "pricing.yaml"
    with pytest.raises(PricingError) as caught:
        load_price_list(missing)
    [problem] = caught.value.problems
    assert problem.line is None
    assert str(problem) == f"{missing}: cenrāža fails nav atrasts: {missing}"


def test_not_a_mapping(check):
    [problem] = check("- currency: EUR\n")
    assert (problem.line, problem.column, problem.found) == (1, 1, "saraksts")


def test_duplicate_key(check):
    problems = check(text((20, "    price: 250", "    price: 250\n    price: 260")))
    problem = only(problems, "services[positioning].price")
    assert (problem.line, problem.column, problem.found) == (21, 5, "'price'")
    assert "20. rindā" in problem.expected


# -- fields -----------------------------------------------------------------------------------


def test_missing_required_field(check):
    [problem] = check(text((18, "    name: Virziens un pozicionējums", None)))
    assert str(problem) == (
        "pricing.yaml:17:5: services[positioning].name: trūkst obligātā lauka 'name'"
    )
    assert problem.found is None


def test_missing_top_level_field(check):
    [problem] = check(text((2, "vat_rate: 0.21", None)))
    assert (problem.line, problem.column, problem.path) == (1, 1, "vat_rate")


def test_unknown_field_with_suggestion(check):
    problems = check(text((34, "    price: 120", "    pirce: 120")))
    problem = only(problems, "services[community].pirce")
    assert (problem.line, problem.column, problem.found) == (34, 5, "'pirce'")
    assert "nezināms lauks" in problem.expected
    assert "varbūt domāts 'price'" in problem.expected
    # without a price the service also lacks one
    missing = only(problems, "services[community].price")
    assert (missing.line, missing.column) == (31, 5)


def test_empty_name(check):
    [problem] = check(text((18, "    name: Virziens un pozicionējums", '    name: ""')))
    assert str(problem) == (
        "pricing.yaml:18:11: services[positioning].name: gaidīts teksts, kas nav tukšs, atrasts: ''"
    )


def test_name_left_blank(check):
    [problem] = check(text((18, "    name: Virziens un pozicionējums", "    name:")))
    assert (problem.path, problem.found) == ("services[positioning].name", "tukša vērtība")


def test_unknown_billing(check):
    [problem] = check(text((19, "    billing: once", "    billing: weekly")))
    assert (problem.line, problem.column, problem.path) == (19, 14, "services[positioning].billing")
    assert problem.found == "'weekly'"


def test_bad_service_id(check):
    problems = check(text((17, "  - id: positioning", "  - id: Pozicionējums")))
    problem = only(problems, "services[1].id")
    assert (problem.line, problem.column, problem.found) == (17, 9, "'Pozicionējums'")


# -- prices -----------------------------------------------------------------------------------


def test_price_as_text(check):
    [problem] = check(text((26, "        price: 350", "        price: 350 €")))
    assert (problem.line, problem.column) == (26, 16)
    assert problem.path == "services[content].tiers[1].price"
    assert problem.found == "'350 €'"


def test_price_with_decimal_comma(check):
    [problem] = check(text((20, "    price: 250", "    price: 250,50")))
    assert (problem.line, problem.column, problem.found) == (20, 12, "'250,50'")


def test_zero_price(check):
    [problem] = check(text((20, "    price: 250", "    price: 0")))
    assert str(problem).startswith("pricing.yaml:20:12: services[positioning].price: gaidīta cena")
    assert problem.found == "0"


def test_negative_price(check):
    [problem] = check(text((34, "    price: 120", "    price: -120")))
    assert (problem.line, problem.column, problem.path) == (34, 12, "services[community].price")
    assert problem.found == "-120"


def test_sub_cent_price(check):
    [problem] = check(text((40, "    price: 80", "    price: 80.005")))
    assert (problem.line, problem.column, problem.path) == (40, 12, "services[consultation].price")
    assert problem.found == "80.005"


def test_prices_with_cents_are_accepted(tmp_path):
    content = text(
        (20, "    price: 250", "    price: 250.1"), (34, "    price: 120", "    price: 119.99")
    )
    price_list = parse_price_list(content)
    assert price_list.service("positioning").price == 25010
    assert price_list.service("community").price == 11999


def test_tier_prices_not_rising(check):
    [problem] = check(text((29, "        price: 450", "        price: 350")))
    assert (problem.line, problem.column) == (29, 16)
    assert problem.path == "services[content].tiers[2].price"
    assert problem.found == "350"
    assert "350\u00a0€" in problem.expected


def test_price_and_tiers_together(check):
    [problem] = check(text((24, "    tiers:", "    price: 400\n    tiers:")))
    assert (problem.line, problem.column, problem.path) == (25, 5, "services[content].tiers")


def test_neither_price_nor_tiers(check):
    [problem] = check(text((34, "    price: 120", None)))
    assert (problem.line, problem.column, problem.path) == (31, 5, "services[community].price")


def test_quantity_service_must_be_once(check):
    [problem] = check(text((37, "    billing: once", "    billing: monthly")))
    assert (problem.line, problem.column) == (37, 14)
    assert problem.path == "services[consultation].billing"
    assert problem.found == "'monthly'"
    assert "quantity: true" in problem.expected


def test_quantity_service_needs_a_unit(check):
    [problem] = check(text((39, "    unit: st.", None)))
    assert (problem.line, problem.column, problem.path) == (35, 5, "services[consultation].unit")


# -- ids --------------------------------------------------------------------------------------


def test_duplicate_service_id(check):
    [problem] = check(text((35, "  - id: consultation", "  - id: positioning")))
    assert (problem.line, problem.column) == (35, 9)
    assert problem.path == "services[positioning].id"
    assert problem.found == "'positioning'"
    assert "17. rindā" in problem.expected


def test_duplicate_tier_id(check):
    problems = check(text((28, '      - id: "2"', '      - id: "1"')))
    problem = only(problems, "services[content].tiers[1].id")
    assert (problem.line, problem.column) == (28, 13)
    assert problem.path == "services[content].tiers[1].id"
    assert problem.found == "'1'"
    assert "25. rindā" in problem.expected


# -- packages ---------------------------------------------------------------------------------


def test_package_includes_unknown_service(check):
    [problem] = check(text((52, "          - service: community", "          - service: comunity")))
    assert (problem.line, problem.column) == (52, 22)
    assert problem.path == "services[full-package].tiers[1].includes[2].service"
    assert problem.found == "'comunity'"
    assert "community" in problem.expected  # lists the ids that exist


def test_package_includes_unknown_tier(check):
    [problem] = check(text((51, '            tier: "2"', '            tier: "5"')))
    assert (problem.line, problem.column) == (51, 19)
    assert problem.path == "services[full-package].tiers[1].includes[1].tier"
    assert problem.found == "'5'"


def test_package_include_without_tier_of_tiered_service(check):
    [problem] = check(text((51, '            tier: "2"', None)))
    assert (problem.line, problem.column) == (50, 13)
    assert problem.path == "services[full-package].tiers[1].includes[1].tier"


def test_package_include_of_untiered_service_with_tier(check):
    [problem] = check(
        text(
            (
                52,
                "          - service: community",
                '          - service: community\n            tier: "1"',
            )
        )
    )
    assert (problem.line, problem.column) == (53, 19)
    assert problem.path == "services[full-package].tiers[1].includes[2].tier"


def test_package_cannot_include_a_once_service(check):
    [problem] = check(
        text((52, "          - service: community", "          - service: positioning"))
    )
    assert (problem.line, problem.path) == (
        52,
        "services[full-package].tiers[1].includes[2].service",
    )


def test_package_checks_run_despite_other_problems(check):
    problems = check(
        text(
            (20, "    price: 250", "    price: 0"),
            (52, "          - service: community", "          - service: comunity"),
        )
    )
    assert [(p.line, p.path) for p in problems] == [
        (20, "services[positioning].price"),
        (52, "services[full-package].tiers[1].includes[2].service"),
    ]


def test_includes_only_in_a_package(check):
    [problem] = check(
        text((30, "        summary: 2 kanāli", "        summary: 2 kanāli\n        includes: []"))
    )
    assert (problem.line, problem.path) == (31, "services[content].tiers[2].includes")


# -- VAT --------------------------------------------------------------------------------------


@pytest.mark.parametrize("rate", ["21", "0", "1", "-0.21", "1.21", "'21%'"])
def test_vat_rate_outside_zero_one(check, rate):
    [problem] = check(text((2, "vat_rate: 0.21", f"vat_rate: {rate}")))
    assert (problem.line, problem.column, problem.path) == (2, 11, "vat_rate")
    assert problem.found == (rate if not rate.startswith("'") else "'21%'")


def test_not_a_vat_payer_writes_vat_none():
    price_list = parse_price_list(text((2, "vat_rate: 0.21", "vat: none")))
    assert price_list.vat_bp is None and not price_list.vat_payer and price_list.vat_rate is None
    payer = parse_price_list(text())
    assert payer.vat_payer and payer.vat_bp == 2100
    # The VAT payer's list keeps its version: the new setting is not in its canonical JSON.
    assert '"vat"' not in payer.canonical_json() and '"vat":"none"' in price_list.canonical_json()
    assert price_list.version != payer.version


def test_vat_rate_and_vat_none_together(check):
    [problem] = check(text((2, "vat_rate: 0.21", "vat_rate: 0.21\nvat: none")))
    assert str(problem) == (
        "pricing.yaml:2:1: vat_rate: norādiet vai nu vat_rate (PVN maksātājam), vai vat: none "
        "(ja neesat PVN maksātājs), ne abus, atrasts: vat_rate un vat"
    )


def test_neither_vat_rate_nor_vat_none(check):
    [problem] = check(text((2, "vat_rate: 0.21", None)))
    assert str(problem) == (
        "pricing.yaml:1:1: vat_rate: trūkst PVN likmes: PVN maksātājs raksta vat_rate: 0.21, "
        "bet tas, kas nav PVN maksātājs, – vat: none"
    )


@pytest.mark.parametrize("value", ["0", "nav", "true", "''"])
def test_vat_is_none_or_absent(check, value):
    [problem] = check(text((2, "vat_rate: 0.21", f"vat: {value}")))
    assert (problem.line, problem.column, problem.path) == (2, 6, "vat")
    assert problem.expected == (
        "gaidīts none (ja neesat PVN maksātājs); PVN maksātājs šīs rindas vietā raksta "
        "vat_rate: 0.21"
    )


def test_vat_rate_inside_zero_one(tmp_path):
    price_list = parse_price_list(text((2, "vat_rate: 0.21", "vat_rate: 0.05")))
    assert price_list.vat_bp == 500


def test_currency_must_be_eur(check):
    [problem] = check(text((1, "currency: EUR", "currency: USD")))
    assert (problem.line, problem.column, problem.path, problem.found) == (
        1,
        11,
        "currency",
        "'USD'",
    )


# -- every problem at once --------------------------------------------------------------------


def test_every_problem_is_reported_in_file_order(check):
    problems = check(
        text(
            (2, "vat_rate: 0.21", "vat_rate: 21"),
            (18, "    name: Virziens un pozicionējums", '    name: ""'),
            (26, "        price: 350", "        price: 350 €"),
            (34, "    price: 120", "    pirce: 120"),
            (51, '            tier: "2"', '            tier: "9"'),
        )
    )
    assert [(p.line, p.path) for p in problems] == [
        (2, "vat_rate"),
        (18, "services[positioning].name"),
        (26, "services[content].tiers[1].price"),
        (31, "services[community].price"),
        (34, "services[community].pirce"),
        (51, "services[full-package].tiers[1].includes[1].tier"),
    ]


# -- the package cards' fields: tier name and for_whom, the service's recommended tier ----------


def test_card_fields_are_optional_and_kept(tmp_path):
    content = text(
        (44, "    package: true", '    package: true\n    recommended: "1"'),
        (
            46,
            '      - id: "1"',
            '      - id: "1"\n        name: Pamata\n        for_whom: mazam uzņēmumam',
        ),
    )
    (tmp_path / "pricing.yaml").write_text(content, encoding="utf-8")
    package = load_price_list(tmp_path / "pricing.yaml").service("full-package")
    assert package.recommended == "1"
    assert (package.tiers[0].name, package.tiers[0].for_whom) == ("Pamata", "mazam uzņēmumam")
    content_service = load_price_list(tmp_path / "pricing.yaml").service("content")
    assert content_service.recommended is None and content_service.tiers[0].name is None


def test_recommended_names_one_of_the_tiers(check):
    [problem] = check(text((44, "    package: true", '    package: true\n    recommended: "2"')))
    assert str(problem) == (
        "pricing.yaml:45:18: services[full-package].recommended: "
        "gaidīts šī pakalpojuma līmeņa id (1), atrasts: '2'"
    )


def test_recommended_needs_tiers(check):
    [problem] = check(text((34, "    price: 120", '    price: 120\n    recommended: "1"')))
    assert problem.path == "services[community].recommended"
    assert problem.line == 35
    assert "var norādīt tikai līmeņiem" in problem.expected


def test_a_blank_tier_name_is_refused(check):
    [problem] = check(
        text((27, "        summary: 1 kanāls", '        summary: 1 kanāls\n        name: " "'))
    )
    assert problem.path == "services[content].tiers[1].name"
    assert problem.line == 28
    assert problem.expected == "gaidīts teksts, kas nav tukšs"
