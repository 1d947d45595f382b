"""An indentation mistake in pricing.yaml is reported at the line to change, in Latvian (issue
24: a one-space mistake was reported at the next line, with advice to quote a text containing
': ' and PyYAML's English "[mapping values are not allowed here]"). Edits of BASE, expected
lines by hand (columns are 1-based: eight spaces, then the key at column 9)."""

from __future__ import annotations

import pytest

from quote.pricing.model import load_price_list
from quote.pricing.problems import PricingError
from tests.support.pricing_text import text

SPACES_ONLY = "(atkāpes veido tikai atstarpes)"


def problems(tmp_path, monkeypatch, content: str) -> list[str]:
    (tmp_path / "pricing.yaml").write_text(content, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(PricingError) as caught:
        load_price_list("pricing.yaml")
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        # One space too many after a plain value: PyYAML reads it as that value's next line.
        (
            (27, "        summary: 1 kanāls", "         summary: 1 kanāls"),
            "pricing.yaml:27:10: YAML sintakses kļūda: nepareiza atkāpe: rinda sākas 10. kolonnā, "
            f"bet lauki šajā līmenī sākas 9. kolonnā {SPACES_ONLY}, atrasts: 'summary: 1 kanāls'",
        ),
        # One space too many on a list's first item: PyYAML stops at the line after it.
        (
            (50, "          - service: content", "           - service: content"),
            "pricing.yaml:50:12: YAML sintakses kļūda: nepareiza atkāpe: rinda sākas 12. kolonnā, "
            f"bet lauki šajā līmenī sākas 11. kolonnā {SPACES_ONLY}, atrasts: '- service: content'",
        ),
        # One space too few: between the list's "- " and its keys, the keys' column is meant.
        (
            (20, "    price: 250", "   price: 250"),
            "pricing.yaml:20:4: YAML sintakses kļūda: nepareiza atkāpe: rinda sākas 4. kolonnā, "
            f"bet lauki šajā līmenī sākas 5. kolonnā {SPACES_ONLY}, atrasts: 'price: 250'",
        ),
        # A key one space too deep under a key that opens a block: its sibling shows the level.
        (
            (51, '            tier: "2"', '             tier: "2"'),
            "pricing.yaml:51:14: YAML sintakses kļūda: nepareiza atkāpe: rinda sākas 14. kolonnā, "
            f"bet lauki šajā līmenī sākas 13. kolonnā {SPACES_ONLY}, atrasts: " + "'tier: \"2\"'",
        ),
    ],
)
def test_an_indentation_mistake_is_reported_at_its_own_line(tmp_path, monkeypatch, edit, expected):
    assert problems(tmp_path, monkeypatch, text(edit)) == [expected.replace('\\\\"', '"')]


def test_a_text_with_a_colon_still_gets_the_quoting_advice_in_latvian_only(tmp_path, monkeypatch):
    [problem] = problems(
        tmp_path,
        monkeypatch,
        text((18, "    name: Virziens un pozicionējums", "    name: Virziens: pozicionējums")),
    )
    assert problem == (
        "pricing.yaml:18:19: YAML sintakses kļūda: kols ':' šeit nav atļauts (tekstu, kurā ir "
        "': ', ielieciet pēdiņās), atrasts: 'name: Virziens: pozicionējums'"
    )
