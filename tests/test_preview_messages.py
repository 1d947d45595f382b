"""The banner's messages, picked from a failed build's output (quote.site.preview.messages)."""

from __future__ import annotations

from quote.site.preview.app import inject
from quote.site.preview.messages import banner_html, error_lines
from quote.site.preview.state import Snapshot

CONTENT_FAILURE = """\
content/landing/20-principi.md:2: Layout: nezināms izkārtojums 'card'; varbūt domāts 'cards'?
content/faq/10-rezultati.md:1: trūkst lauka Title (jautājums)

content: kļūdu skaits: 2; vietne netika būvēta.
"""


def test_located_lines_are_the_messages():
    assert error_lines(CONTENT_FAILURE) == [
        "content/landing/20-principi.md:2: Layout: nezināms izkārtojums 'card'; varbūt domāts "
        "'cards'?",
        "content/faq/10-rezultati.md:1: trūkst lauka Title (jautājums)",
    ]


def test_without_located_lines_the_last_lines_are_shown():
    output = "\n".join(f"rinda {n}" for n in range(1, 20)) + "\n\nCRITICAL: TemplateSyntaxError\n"
    lines = error_lines(output)
    assert lines[-1] == "CRITICAL: TemplateSyntaxError"
    assert len(lines) == 12


def test_the_banner_escapes_what_it_shows_and_goes_right_after_body():
    banner = banner_html(["pricing.yaml:3:1: <script>alert(1)</script>"])
    assert "<script>" not in banner and "&lt;script&gt;" in banner
    page = b'<!doctype html><html><body class="x"><main>Saturs</main></body></html>'
    shown = inject(page, Snapshot(folder=None, generation=7, errors=("a.md:1: kļūda",))).decode()
    assert shown.startswith('<!doctype html><html><body class="x"><div id="quote-preview-errors"')
    assert shown.endswith(
        '<script src="/__preview/reload.js" data-events="/__preview/events" '
        'data-generation="7"></script></body></html>'
    )
    clean = inject(page, Snapshot(folder=None, generation=8, errors=())).decode()
    assert "quote-preview-errors" not in clean and 'data-generation="8"' in clean


def test_a_good_builds_warnings_show_in_their_own_banner_and_errors_win():
    from quote.site.preview.messages import warning_lines

    output = (
        "Done: Processed 6 pages\n"
        "brīdinājums: nav tulkojuma valodā 'en': izveidojiet failu content/faq/80-x.en.md\n"
        "  brīdinājums: nav tulkojuma valodā 'en': izveidojiet failu content/faq/80-x.en.md\n"
    )
    warnings = warning_lines(output)
    assert warnings == [
        "brīdinājums: nav tulkojuma valodā 'en': izveidojiet failu content/faq/80-x.en.md"
    ]
    page = b"<!doctype html><html><body><main>Saturs</main></body></html>"
    shown = inject(page, Snapshot(None, 3, (), tuple(warnings))).decode()
    assert '<div id="quote-preview-warnings" role="status"' in shown
    assert "Vietne uzbūvēta, bet ir brīdinājumi." in shown and "80-x.en.md" in shown
    both = inject(page, Snapshot(None, 4, ("a.md:1: kļūda",), tuple(warnings))).decode()
    assert "quote-preview-errors" in both and "quote-preview-warnings" not in both
