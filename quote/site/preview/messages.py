"""A failed build's messages, picked from Pelican's output, and the Latvian banner that shows them.

The plugins print one line per problem, ``file:line[:column]: what is wrong``; those lines are the
messages. When there are none (an error Pelican itself reported), the last lines of its output
are shown instead, so the banner is never empty.
"""

from __future__ import annotations

import re
from html import escape

_LOCATED = re.compile(r"^\S+\.(?:ya?ml|md|py|html|js|css):\d+(?::\d+)?: .+")
_FALLBACK_LINES = 12

BANNER_ID = "quote-preview-errors"
WARNINGS_ID = "quote-preview-warnings"
_WARNING_STYLE = (
    "position:relative;z-index:2147483647;margin:0;padding:1rem 1.25rem;background:#fffbe6;"
    "color:#4d3800;border-bottom:4px solid #c69500;font:15px/1.5 system-ui,sans-serif;"
)
_STYLE = (
    "position:relative;z-index:2147483647;margin:0;padding:1rem 1.25rem;background:#fff4f4;"
    "color:#5c0011;border-bottom:4px solid #b00020;font:15px/1.5 system-ui,sans-serif;"
)


def error_lines(output: str) -> list[str]:
    """The messages of a failed build's output (stdout and stderr together)."""
    lines = [line.rstrip() for line in output.splitlines()]
    located = [line for line in lines if _LOCATED.match(line)]
    if located:
        return located
    meaningful = [line.strip() for line in lines if line.strip()]
    return meaningful[-_FALLBACK_LINES:]


def warning_lines(output: str) -> list[str]:
    """A good build's warnings (``brīdinājums: …``), each once, in the order said."""
    lines = [line.strip() for line in output.splitlines() if "brīdinājums:" in line]
    return list(dict.fromkeys(lines))


def warnings_html(warnings: tuple[str, ...] | list[str]) -> str:
    """The banner of a good build's warnings: the page is current, something asks a look."""
    items = "".join(f"<li><code>{escape(line)}</code></li>" for line in warnings)
    return (
        f'<div id="{WARNINGS_ID}" role="status" style="{_WARNING_STYLE}">'
        "<strong>Vietne uzbūvēta, bet ir brīdinājumi.</strong> "
        "Tie neaptur publicēšanu; izlabojiet tos, kad varat."
        f'<ul style="margin:.5rem 0 0;padding-left:1.25rem">{items}</ul></div>'
    )


def banner_html(errors: tuple[str, ...] | list[str]) -> str:
    """A self-contained banner (inline style: the page's stylesheet may be the broken part)."""
    items = "".join(f"<li><code>{escape(line)}</code></li>" for line in errors)
    return (
        f'<div id="{BANNER_ID}" role="alert" style="{_STYLE}">'
        "<strong>Pēdējā būvēšana neizdevās — redzama iepriekšējā veiksmīgā versija.</strong> "
        "Izlabojiet šīs kļūdas un saglabājiet failu; lapa atjaunosies pati."
        f'<ul style="margin:.5rem 0 0;padding-left:1.25rem">{items}</ul></div>'
    )
