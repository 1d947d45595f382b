"""The outbox worker: sends the owner's notifications written by the endpoint.

Each inquiry's outbox row is committed together with the inquiry. The worker claims one due row
at a time (a claim expires, so a killed process can't hold a message forever), builds the email
from the stored inquiry, sends it, and marks the row sent right after the send succeeded, with how
it went out (an SMTP server's answer, or only a file: quote/contact/delivery.py). A failed
send is retried after ``retry_base * 2**(attempts-1)`` seconds, at most ``retry_max``, for as long
as it takes; ``quote outbox flush`` sends everything pending at once.

Delivery is exactly once as far as SMTP allows: a message is sent again only if the process dies
between the server's "250 OK" and the mark (a window of one SQLite commit), and the repeated
message keeps its ``Message-ID``.

The worker runs in a daemon thread of the server (:func:`start_outbox_worker`); the endpoint wakes
it after each committed inquiry, and it also looks every ``outbox_poll`` seconds.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections.abc import Callable
from email import message_from_bytes
from email.policy import SMTP
from pathlib import Path
from typing import Any

from .config import MailSettings
from .delivery import Delivery
from .failures import describe_failure
from .mailer import Transport, build_message, eml_name, make_transport, needs_smtputf8
from .quoting import CatalogSource
from .store import OutboxItem, Store

log = logging.getLogger(__name__)


@dataclasses.dataclass
class FlushResult:
    """``sent``: accepted by an SMTP server; ``filed``: only written to a file (no SMTP server
    set); ``failed``: waiting for a retry; ``dropped``: its inquiry was deleted meanwhile."""

    sent: int = 0
    filed: int = 0
    failed: int = 0
    dropped: int = 0
    errors: list[str] = dataclasses.field(default_factory=list)


class OutboxWorker:
    def __init__(
        self,
        mail: MailSettings,
        store: Store,
        pricing: Path,
        *,
        transport: Transport | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.mail = mail
        self.store = store
        self.transport = transport if transport is not None else make_transport(mail)
        self.clock = clock
        self.catalog = CatalogSource(pricing)
        # Long enough for one send (connect, TLS, login, DATA) to finish before a claim expires.
        self.lock_seconds = max(60.0, mail.smtp_timeout * 6)
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # -- one pass ---------------------------------------------------------------------------

    def backoff(self, attempts: int) -> float:
        return min(
            self.mail.outbox_retry_base * 2 ** max(attempts - 1, 0), self.mail.outbox_retry_max
        )

    def process_due(self, *, force: bool = False, limit: int | None = None) -> FlushResult:
        """Send every due message once (every unsent one if ``force``); return the counts."""
        result = FlushResult()
        after = 0
        while limit is None or result.sent + result.filed + result.failed < limit:
            now = self.clock()
            item = self.store.claim_outbox(
                now=now, lock_seconds=self.lock_seconds, after_id=after, force=force
            )
            if item is None:
                break
            after = item.id
            inquiry = self.store.get_inquiry(item.inquiry_id)
            if inquiry is None:  # deleted meanwhile; the cascade removes the row too
                result.dropped += 1
                continue
            try:
                if item.message is not None:
                    delivery = self._send_prepared(item)
                else:
                    delivery = self._send_notification(item.id, inquiry)
            except Exception as exc:
                delay = self.backoff(item.attempts)
                error = describe_failure(exc, self.mail)
                self.store.mark_failed(item.id, next_attempt_at=self.clock() + delay, error=error)
                log.warning(
                    "notification for inquiry %s failed (attempt %s, next in %.1f s): %s",
                    item.inquiry_id,
                    item.attempts,
                    delay,
                    error,
                )
                result.failed += 1
                result.errors.append(f"Nr. {item.inquiry_id}: {error}")
                continue
            self.store.mark_sent(
                item.id, now=self.clock(), delivered_by=delivery.by, server_reply=delivery.record
            )
            if delivery.by == "file":
                log.warning(
                    "notification for inquiry %s only written to %s: no SMTP server is set",
                    item.inquiry_id,
                    delivery.reply,
                )
                result.filed += 1
            else:
                log.info("notification for inquiry %s sent: %s", item.inquiry_id, delivery.record)
                result.sent += 1
        return result

    def _send_notification(self, outbox_id: int, inquiry: dict[str, Any]) -> Delivery:
        message = build_message(
            self.mail, inquiry, outbox_id=outbox_id, service_names=self._services
        )
        fallback = None
        if needs_smtputf8(message):
            fallback = build_message(
                self.mail, inquiry, outbox_id=outbox_id, service_names=self._services, utf8=False
            )
        return self.transport.send(
            message, name=eml_name(inquiry["id"], outbox_id), fallback=fallback
        )

    def _send_prepared(self, item: OutboxItem) -> Delivery:
        """A message written whole when it was queued (an offer to a client, an answer to the
        owner), sent to the recipients stored with it."""
        message = message_from_bytes(item.message or b"", policy=SMTP)
        return self.transport.send(
            message,  # type: ignore[arg-type]
            name=eml_name(item.inquiry_id, item.id),
            recipients=list(item.recipients) or None,
        )

    def _services(self) -> dict[str, dict[str, Any]]:
        return {service["id"]: service for service in self.catalog.get()["services"]}

    # -- the thread -------------------------------------------------------------------------

    def wake(self) -> None:
        self._wake.set()

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="quote-outbox", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                self.process_due()
                wait = self._seconds_to_next()
            except Exception:
                log.exception("outbox worker pass failed")
                wait = min(self.mail.outbox_poll, 5.0)
            self._wake.wait(wait)

    def _seconds_to_next(self) -> float:
        due = self.store.next_due_at()
        poll = self.mail.outbox_poll
        if due is None:
            return poll
        return min(max(due - self.clock(), 0.01), poll)
