"""How an owner's notification ended, and the Latvian words the owner reads for it.

A transport answers each send with a :class:`Delivery`: ``smtp`` when an SMTP server accepted
the message (``reply`` is its answer, such as ``250 2.0.0 Ok: queued as 4F1A2``), ``file`` when
it was only written as an ``.eml`` file because no SMTP server is set (``reply`` is the file).
The outbox records it (``delivered_by``, ``server_reply`` in quote/contact/store.py).

:func:`notification` reads an inquiry's state back from its newest outbox row and
:func:`describe` / :data:`LABELS` word it for ``quote inquiries`` and the export. Only
``delivered`` says the message reached a mail server: a file is never called sent.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any

from .wording import local_time

# The states of an inquiry's notification, with the short Latvian label of each (lists, CSV).
LABELS = {
    "delivered": "nosūtīts",
    "file": "tikai failā",
    "waiting": "gaida",
    "unknown": "nav zināms",
    "none": "nav rindā",
    "spam": "netiek sūtīts",
}


@dataclasses.dataclass(frozen=True)
class Delivery:
    """How one send went out: ``by`` ``smtp`` or ``file``; ``reply`` the server's answer or the
    file written; ``refused``: owner addresses the server refused while it took another."""

    by: str
    reply: str
    refused: Mapping[str, tuple[int, bytes]] = dataclasses.field(default_factory=dict)

    @property
    def record(self) -> str:
        """What the store keeps: the answer, and any address the server refused."""
        refused = "; ".join(
            f"adresi {address} serveris noraidīja: {server_answer(code, answer)}"
            for address, (code, answer) in self.refused.items()
        )
        return f"{self.reply} ({refused})" if refused else self.reply


def server_answer(code: int, answer: bytes | str) -> str:
    """An SMTP reply as one line: ``250 2.0.0 Ok: queued as 4F1A2``."""
    text = answer.decode("utf-8", "replace") if isinstance(answer, bytes) else answer
    return " ".join(f"{code} {text}".split())


@dataclasses.dataclass(frozen=True)
class Notification:
    """An inquiry's notification as the owner sees it; ``state`` is a key of :data:`LABELS`."""

    state: str
    at: str | None = None  # when it went out (a stored UTC stamp)
    reply: str | None = None  # the server's answer, or the file written
    attempts: int = 0
    error: str | None = None  # the last failed attempt, while it waits

    @property
    def label(self) -> str:
        return LABELS[self.state]

    @property
    def detail(self) -> str:
        """The server's answer, the file or the last error: what backs the label."""
        return self.reply or self.error or ""

    def as_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def notification(inquiry: Mapping[str, Any], outbox: Mapping[str, Any] | None) -> Notification:
    """The state of ``inquiry``'s notification from its newest outbox row (None: it has none)."""
    if inquiry["spam"]:
        return Notification("spam")
    if outbox is None:
        return Notification("none")
    attempts = int(outbox["attempts"])
    if not outbox["sent_at"]:
        return Notification("waiting", attempts=attempts, error=outbox["last_error"])
    state = {"smtp": "delivered", "file": "file"}.get(outbox.get("delivered_by") or "", "unknown")
    return Notification(state, at=outbox["sent_at"], reply=outbox.get("server_reply"))


def describe(item: Notification, when: Callable[[str], str] = local_time) -> str:
    """One Latvian line for ``quote inquiries show``."""
    if item.state == "delivered":
        answer = f" (atbilde: „{item.reply}”)" if item.reply else ""
        return f"E-pasts: nosūtīts {when(item.at)}, SMTP serveris to pieņēma{answer}."
    if item.state == "file":
        return (
            f"E-pasts: NAV nosūtīts. SMTP serveris nav iestatīts, tāpēc paziņojums {when(item.at)}"
            f" tikai ierakstīts failā {item.reply}."
        )
    if item.state == "unknown":
        return (
            f"E-pasts: atzīmēts kā nosūtīts {when(item.at)}, bet nav zināms, vai to pieņēma SMTP"
            " serveris vai tas tikai ierakstīts failā (to pierakstīja vecāka programmas versija)."
        )
    if item.state == "waiting":
        state = f"E-pasts: gaida nosūtīšanu (mēģinājumi: {item.attempts})"
        if item.error:
            state += f"; pēdējā kļūda: {' '.join(item.error.split())}"
        return state + "."
    if item.state == "spam":
        return "E-pasts: netiek sūtīts (surogātpasts)."
    return "E-pasts: nav rindā."
