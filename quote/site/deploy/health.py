"""The deploy's last step: what is live, asked over HTTP through nginx as a visitor would.

The first page must be the one just published (byte for byte), the price list's catalog names
its version, and ``/api/health`` must answer through nginx's ``/api/`` proxy, saying how the
running endpoint sends the owner's notifications. A reload of nginx
takes effect a moment later, so each check is retried for a few seconds.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from pathlib import Path

from quote.errors import DeployError

STEP = "Pārbaude pēc izvietošanas"
WAIT = 15.0


def fetch(url: str, timeout: float = 5.0) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "identity"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def _until(check, what: str, wait: float):
    deadline = time.monotonic() + wait
    problem = ""
    while True:
        try:
            result = check()
            if result is not None:
                return result
            problem = "atbilde nav tā, kas gaidīta"
        except OSError as exc:
            problem = str(getattr(exc, "reason", exc))
        if time.monotonic() > deadline:
            raise DeployError(STEP, f"{what}: {problem}.")
        time.sleep(0.3)


def check(base: str, output: Path, *, wait: float = WAIT) -> dict[str, str]:
    """The live site at ``base`` (``http://host``) against the published ``output``."""
    page = (output / "index.html").read_bytes()

    def first_page():
        status, body = fetch(f"{base}/")
        return "ok" if status == 200 and body == page else None

    def catalog():
        status, body = fetch(f"{base}/data/pricing.json")
        return str(json.loads(body).get("version", "")) if status == 200 else None

    def endpoint():
        status, body = fetch(f"{base}/api/health")
        return json.loads(body) if status == 200 else None

    answer = _until(endpoint, f"{base}/api/health caur nginx neatbild", wait)
    return {
        "page": _until(first_page, f"{base}/ nerāda tikko publicēto vietni", wait),
        "price_version": _until(catalog, f"{base}/data/pricing.json nav pieejams", wait),
        "endpoint": str(answer.get("status", "")),
        # "smtp", or "file" while notifications are only written to files on the server
        "mail": {"smtp": "SMTP", "file": "tikai faili"}.get(answer.get("mail"), "nav zināms"),
    }
