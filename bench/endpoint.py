"""Sustained inquiries per second of `quote serve`'s POST /api/contact, with durable writes.

The bench starts its own `quote serve` on 127.0.0.1 with a scratch database and mail folder
and a rate limit high enough not to interfere, then runs 1, 8 and 32 concurrent clients for
10 seconds each. Each client is a thread with one keep-alive connection posting the form as a
browser with JavaScript does (form-encoded, ``Accept: application/json``, same-origin
``Origin``); success is 201, answered only after the inquiry is committed (WAL,
``synchronous=FULL``). Each post is a new send with its own ``send_key``, as from a new page
load (a repeated key or, without one, the same address and message would be answered as the
first send and stored once). Afterwards the rows in the store are counted against the 201s. Every
run is bounded in time and in count, and the server is stopped whatever happens.

The counting level (issue 26) runs the 8 inquiry clients again with count posts beside them:
COUNT_CLIENTS threads post ``POST /api/count`` page views (as js/count.js sends them, with a
person's browser's user agent, so each is counted) at COUNT_RATE posts a second in all, far more
than the site's visitors send. It runs right after the 8-client level without counting, so that
the two see the same machine; its inquiries/s beside that level's say whether counting slows
the inquiries; afterwards the counted views in the store's
``visit_count`` are compared with the 204s (the server writes what is left when it stops).
"""

from __future__ import annotations

import http.client
import importlib.util
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

from bench.common import BIN, ROOT, free_port, median, percentile, stop, wait_for_http

LEVELS = (1, 8, 32)
COUNTING_LEVEL = 8  # inquiry clients of the level with counting beside it
COUNT_CLIENTS = 4
# Count posts per second, all count clients together: 4.3 million a day, some thousand times
# what a freelancer's site sees (a few posts per page view).
COUNT_RATE = 50.0
SECONDS = 10.0
MAX_REQUESTS = 20_000  # per level: a hard bound whatever the machine's speed
TIMEOUT = 10.0


def available() -> str | None:
    """None when the endpoint exists, else why it cannot be measured."""
    try:
        if importlib.util.find_spec("quote.contact.app") is None:
            return "quote/contact/app.py is not there yet"
    except ImportError as exc:
        return f"quote.contact does not import: {exc}"
    return None


def form_body(number: int) -> bytes:
    return urlencode(
        [
            ("name", f"Bench Klients {number}"),
            ("email", f"bench{number}@example.lv"),
            ("company", "SIA Bench"),
            ("channels", "Meta"),
            ("channels", "LinkedIn"),
            (
                "message",
                "Labdien! Vēlos piedāvājumu sociālo tīklu pārvaldīšanai nākamajiem mēnešiem.",
            ),
            ("quote", "content=2&ads=1&community=1&reports=1&months=3"),
            ("ts", str(int(time.time() * 1000) - 60_000)),
            ("send_key", str(uuid.uuid4())),
        ]
    ).encode("utf-8")


# A desktop browser's user agent: the endpoint counts nothing for a robot's, which an HTTP
# library's default is.
PERSON_USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/140.0.0.0 Safari/537.36"
)
VIEW = urlencode({"event": "view", "page": "/", "lang": "lv", "referrer": ""}).encode()


class _Client(threading.Thread):
    def __init__(self, port: int, origin: str, deadline: float, budget: _Budget):
        super().__init__(daemon=True)
        self.port, self.origin, self.deadline, self.budget = port, origin, deadline, budget
        self.latencies: list[float] = []
        self.statuses: dict[int, int] = {}
        self.failures = 0

    def run(self) -> None:
        connection = None
        while time.monotonic() < self.deadline and (number := self.budget.take()) is not None:
            if connection is None:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
            body = form_body(number)
            headers = {
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/json",
                "Origin": self.origin,
                "Sec-Fetch-Site": "same-origin",
            }
            start = time.perf_counter()
            try:
                connection.request("POST", "/api/contact", body=body, headers=headers)
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                self.failures += 1
                connection.close()
                connection = None
                continue
            elapsed = time.perf_counter() - start
            self.statuses[response.status] = self.statuses.get(response.status, 0) + 1
            if response.status == 201:
                self.latencies.append(elapsed)
            if response.will_close:
                connection.close()
                connection = None
        if connection is not None:
            connection.close()


class _Budget:
    """At most ``limit`` requests in all, shared by the clients of one level."""

    def __init__(self, limit: int):
        self.limit, self.count, self.lock = limit, 0, threading.Lock()

    def take(self) -> int | None:
        with self.lock:
            if self.count >= self.limit:
                return None
            self.count += 1
            return self.count


class _CountClient(threading.Thread):
    """Posts page views to /api/count on one keep-alive connection, ``interval`` s apart."""

    def __init__(self, port: int, origin: str, deadline: float, interval: float):
        super().__init__(daemon=True)
        self.port, self.origin, self.deadline, self.interval = port, origin, deadline, interval
        self.statuses: dict[int, int] = {}
        self.failures = 0

    def run(self) -> None:
        connection = None
        headers = {
            "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8",
            "Origin": self.origin,
            "User-Agent": PERSON_USER_AGENT,
        }
        due = time.monotonic()
        while (now := time.monotonic()) < self.deadline:
            if now < due:
                time.sleep(due - now)
            due += self.interval
            if connection is None:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
            try:
                connection.request("POST", "/api/count", body=VIEW, headers=headers)
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                self.failures += 1
                connection.close()
                connection = None
                continue
            self.statuses[response.status] = self.statuses.get(response.status, 0) + 1
            if response.will_close:
                connection.close()
                connection = None
        if connection is not None:
            connection.close()


def run_level(
    port: int, origin: str, clients: int, seconds: float = SECONDS, counting: bool = False
) -> dict:
    budget = _Budget(MAX_REQUESTS)
    start = time.monotonic()
    threads = [_Client(port, origin, start + seconds, budget) for _ in range(clients)]
    interval = COUNT_CLIENTS / COUNT_RATE
    counters = [
        _CountClient(port, origin, start + seconds, interval)
        for _ in range(COUNT_CLIENTS if counting else 0)
    ]
    for thread in [*threads, *counters]:
        thread.start()
    for thread in [*threads, *counters]:
        thread.join(seconds + TIMEOUT + 5)
    wall = time.monotonic() - start
    latencies = sorted(x for t in threads for x in t.latencies)
    statuses: dict[int, int] = {}
    for thread in threads:
        for status, count in thread.statuses.items():
            statuses[status] = statuses.get(status, 0) + count
    ok = statuses.get(201, 0)
    return {
        "clients": clients,
        "seconds": round(wall, 2),
        "ok": ok,
        "per_s": ok / wall if wall else None,
        "p50_ms": median(latencies) * 1000 if latencies else None,
        "p99_ms": percentile(latencies, 0.99) * 1000 if latencies else None,
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "failures": sum(t.failures for t in threads),
        **(_counting(counters, wall) if counting else {}),
    }


def _counting(counters: list[_CountClient], wall: float) -> dict:
    statuses: dict[int, int] = {}
    for thread in counters:
        for status, count in thread.statuses.items():
            statuses[status] = statuses.get(status, 0) + count
    counted = statuses.get(204, 0)
    return {
        "count_clients": len(counters),
        "counts_ok": counted,
        "counts_per_s": counted / wall if wall else None,
        "count_statuses": {str(k): v for k, v in sorted(statuses.items())},
        "count_failures": sum(t.failures for t in counters),
    }


def stored_inquiries(db: Path) -> int | None:
    try:
        with sqlite3.connect(db) as conn:
            row = conn.execute("SELECT COUNT(*) - COUNT(spam) FROM inquiry").fetchone()
            return row[0]
    except sqlite3.Error:
        return None


def counted_views(db: Path) -> int | None:
    """The page views the store counted (every day's total), None when it cannot be read."""
    try:
        with sqlite3.connect(db) as conn:
            row = conn.execute(
                "SELECT COALESCE(SUM(count), 0) FROM visit_count"
                " WHERE event = 'view' AND dimension = ''"
            ).fetchone()
            return row[0]
    except sqlite3.Error:
        return None


def measure(
    site: Path,
    levels=LEVELS,
    seconds: float = SECONDS,
    log=print,
    counting_level: int | None = COUNTING_LEVEL,
) -> dict:
    reason = available()
    if reason:
        return {"available": False, "reason": reason}
    with tempfile.TemporaryDirectory(prefix="bench-endpoint-") as tmp:
        var = Path(tmp)
        port = free_port()
        origin = f"http://127.0.0.1:{port}"
        env = {
            **os.environ,
            "QUOTE_DB": str(var / "inquiries.sqlite3"),
            "QUOTE_MAIL_DIR": str(var / "mail"),
            "QUOTE_PRICING": str(ROOT / "pricing.yaml"),
            "QUOTE_RATE_LIMIT": "1000000 per minute",
            "QUOTE_COUNT_RATE_LIMIT": "1000000 per minute",
            "QUOTE_MIN_FILL_SECONDS": "0",
        }
        with open(var / "server.log", "wb") as server_log:
            process = subprocess.Popen(
                [
                    *(str(BIN / "quote"), "serve", "--host", "127.0.0.1", "--port", str(port)),
                    *("--output", str(site), "--no-build"),
                ],
                cwd=ROOT,
                env=env,
                stdout=server_log,
                stderr=subprocess.STDOUT,
            )
            try:
                try:
                    wait_for_http(origin + "/", timeout=30, process=process)
                except (OSError, RuntimeError) as exc:
                    text = (var / "server.log").read_text(errors="replace")[-1500:]
                    return {
                        "available": False,
                        "reason": f"quote serve did not start: {exc}",
                        "log": text,
                    }
                results = []
                with_counts = None
                for clients in levels:
                    log(f"  endpoint: {clients} client(s) for {seconds:g} s")
                    results.append(run_level(port, origin, clients, seconds))
                    if clients == counting_level:
                        log(
                            f"  endpoint: {clients} client(s) and {COUNT_RATE:g} count "
                            f"posts/s for {seconds:g} s"
                        )
                        with_counts = run_level(port, origin, clients, seconds, counting=True)
                        results.append(with_counts)
            finally:
                stop(process)  # SIGTERM: the server writes the counts still in memory
        stored = stored_inquiries(var / "inquiries.sqlite3")
        if stored is None:
            stored = _count_any_sqlite(var)
        views = counted_views(var / "inquiries.sqlite3") if with_counts else None
    accepted = sum(r["ok"] for r in results)
    found = {
        "available": True,
        "levels": results,
        "accepted": accepted,
        "stored": stored,
        "durable": stored == accepted,
    }
    if with_counts is not None:
        baseline = results[results.index(with_counts) - 1]
        found["counting"] = {
            "clients": counting_level,
            "count_rate": COUNT_RATE,
            "per_s": with_counts["per_s"],
            "per_s_without": baseline["per_s"],
            "counts_ok": with_counts["counts_ok"],
            "counted": views,
            "counts_durable": views == with_counts["counts_ok"],
        }
    return found


def _count_any_sqlite(var: Path) -> int | None:
    for path in var.glob("*.sqlite3"):
        count = stored_inquiries(path)
        if count is not None:
            return count
    return None


if __name__ == "__main__":  # a quick look: python -m bench.endpoint OUTPUT_DIR
    import json

    print(json.dumps(measure(Path(sys.argv[1]), seconds=3), indent=2))
