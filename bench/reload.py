"""Save to screen: a price saved in pricing.yaml until the page open in `quote serve` shows it.

A scratch copy of the project is served by a real `quote serve` (building, watching); Chromium
has its landing page open. Each run waits a moment, raises the first plain ``price: N`` of
pricing.yaml by one euro (the build step's edit) and times, from the write, until the page has
reloaded itself and its text carries the new price as the site writes it. Median of N runs.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.buildtime import _PRICE, change_a_price
from bench.common import BIN, CHROMIUM, CHROMIUM_ARGS, copy_project, free_port, median
from bench.harness import wait_for_http
from quote.money import format_eur

# A saved edit settles this long before the next one, as an owner's edits do.
PAUSE = 1.5
SHOWS = """([marker, price]) => window[marker] === undefined
  && document.readyState !== 'loading' && document.body.textContent.includes(price)"""


def first_price(pricing: Path) -> int:
    match = _PRICE.search(pricing.read_text(encoding="utf-8"))
    if match is None:
        raise RuntimeError("no `price: N` line found in pricing.yaml")
    return int(match.group(2))


def measure(runs: int = 5, log=print) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-reload-") as tmp:
        folder = Path(tmp)
        project = copy_project(folder / "project")
        port = free_port()
        env = {
            **os.environ,
            "QUOTE_DB": str(folder / "var" / "inquiries.sqlite3"),
            "QUOTE_MAIL_DIR": str(folder / "var" / "mail"),
        }
        command = [str(BIN / "quote"), "serve", "--port", str(port), "--project", str(project)]
        with open(folder / "serve.log", "wb") as out:
            server = subprocess.Popen(command, cwd=project, env=env, stdout=out, stderr=out)
        try:
            url = f"http://127.0.0.1:{port}/"
            wait_for_http(url, timeout=120, process=server)
            samples = _saves(project, url, runs, log)
        finally:
            server.terminate()
            server.wait(15)
    return {"runs": runs, "median_s": median(samples), "samples": samples}


def _saves(project: Path, url: str, runs: int, log) -> list[float]:
    pricing = project / "pricing.yaml"
    samples = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 412, "height": 823}, locale="lv-LV")
            page.goto(url, wait_until="load")
            before = format_eur(first_price(pricing) * 100)
            if before not in page.text_content("body"):
                raise RuntimeError(f"the landing page does not show {before!r}")
            for run in range(runs):
                time.sleep(PAUSE)
                marker = f"__benchBeforeSave{run}"
                page.evaluate(f"window.{marker} = true")
                started = time.monotonic()
                change_a_price(pricing)
                shown = format_eur(first_price(pricing) * 100)
                page.wait_for_function(SHOWS, arg=[marker, shown], polling=10, timeout=30_000)
                samples.append(time.monotonic() - started)
                log(f"  save {run + 1}/{runs}: {samples[-1]:.2f} s")
        finally:
            browser.close()
    return samples
