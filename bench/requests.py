"""Requests a page makes, seen by a real Chromium: before its first paint, render-blocking,
and to any host other than the site's own (which must be none)."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

from bench.common import CHROMIUM, CHROMIUM_ARGS

_TIMING = """() => {
  const paint = performance.getEntriesByType('paint');
  const fcp = paint.find(e => e.name === 'first-contentful-paint')
           || paint.find(e => e.name === 'first-paint');
  const resources = performance.getEntriesByType('resource').map(e => ({
    url: e.name, start: e.startTime, blocking: e.renderBlockingStatus || 'unknown'}));
  return {fcp: fcp ? fcp.startTime : null, resources};
}"""


def measure_url(browser, url: str) -> dict:
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
    context = browser.new_context(viewport={"width": 412, "height": 823}, locale="lv-LV")
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    try:
        page = context.new_page()
        page.goto(url, wait_until="load")
        # Scroll through the page so that anything loaded lazily is loaded too.
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)
        timing = page.evaluate(_TIMING)
    finally:
        context.close()
    fcp = timing["fcp"]
    before_paint = [r["url"] for r in timing["resources"] if fcp is not None and r["start"] < fcp]
    blocking = [r["url"] for r in timing["resources"] if r["blocking"] == "blocking"]
    third_party = [u for u in requests if not u.startswith((origin + "/", "data:", "blob:"))]
    return {
        "total": len(requests),
        "to_first_paint": 1 + len(before_paint),  # the document and what started before paint
        "before_paint": before_paint,
        "render_blocking": blocking,
        "third_party": third_party,
        "fcp_ms": fcp,
    }


def measure(urls: dict[str, str]) -> dict:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            return {name: measure_url(browser, url) for name, url in urls.items()}
        finally:
            browser.close()
