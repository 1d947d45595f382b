"""The endpoint's error answers as static files, for the errors nginx answers itself on /api/.

nginx refuses a body over its ``client_max_body_size`` (413) and a burst over its ``limit_req``
(429) before the endpoint sees the request; deploy/nginx/quote-site.conf answers those with
these files, so a visitor meets the endpoint's Latvian message and error code either way: JSON
for ``Accept: application/json`` (the page's script), the endpoint's HTML error page otherwise.

The files are written from the same messages and template as the endpoint's own answers and
shipped in deploy/nginx/api-errors/; a test checks they are current. After changing a message
or the error page, write them again::

    .venv/bin/python -m quote.contact.nginx_errors deploy/nginx/api-errors
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from quote.contact_form import FIELDS

from .config import WebSettings
from .messages import LABELS, message_for, title_for

# The statuses nginx answers itself on /api/, with the endpoint's code for each.
NGINX_ERRORS = {413: "too_large", 429: "rate_limited"}


def error_items(code: str) -> list[dict]:
    return [{"field": None, "code": code, "message": message_for(None, code)}]


def json_answer(status: int) -> str:
    return json.dumps({"errors": error_items(NGINX_ERRORS[status])}, ensure_ascii=False) + "\n"


def html_answer(status: int) -> str:
    """The endpoint's error page (templates/contact_error.html) as it renders for ``status``."""
    env = Environment(
        loader=PackageLoader("quote.contact", "templates"), autoescape=select_autoescape(["html"])
    )
    return env.get_template("contact_error.html").render(
        status=status,
        title=title_for(status),
        errors=error_items(NGINX_ERRORS[status]),
        labels=LABELS,
        fields=FIELDS,
        form=None,
        action="/api/contact",
        form_url=WebSettings.model_fields["form_url"].default,
    )


def answers() -> dict[str, str]:
    """File name -> content, e.g. ``413.json`` and ``413.html``."""
    files = {}
    for status in NGINX_ERRORS:
        files[f"{status}.json"] = json_answer(status)
        files[f"{status}.html"] = html_answer(status)
    return files


def write(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in answers().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m quote.contact.nginx_errors FOLDER")
    for path in write(Path(sys.argv[1])):
        print(path)
