"""Requests a page makes, seen by a real Chromium: those that start before its first paint, and
those to any host other than the site's own (which must be none).

"Before the first paint" is what Lighthouse's simulation (Lantern) charges to FCP and LCP: it
builds their graphs from the requests of its one fast load that finished before the first
contentful paint it observed there, and replays them on a slow phone. So any request but the
document that *starts* before the paint costs the simulated paint its download, whether or not
it blocks rendering (Chromium's ``renderBlockingStatus`` only says whether it does: a stylesheet
inserted with ``blocking="render"`` after the body exists is marked blocking, yet blocks
nothing). A request counts as before the paint when it starts before the
``first-contentful-paint`` entry's time or before the entry reached an observer installed ahead
of the page's scripts (the earliest a page can know it has been painted; in a trace the paint
can come earlier than the entry's time in headless Chromium).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

from bench.common import CHROMIUM, CHROMIUM_ARGS

# Installed before the page's own scripts: when the paint entry was delivered.
_PAINT_DELIVERED = """
new PerformanceObserver((entries) => {
  if (entries.getEntriesByName('first-contentful-paint').length) {
    window.__benchPaintDelivered = performance.now();
  }
}).observe({type: 'paint', buffered: true});
"""

_TIMING = """() => {
  const paint = performance.getEntriesByType('paint');
  const fcp = paint.find(e => e.name === 'first-contentful-paint')
           || paint.find(e => e.name === 'first-paint');
  const resources = performance.getEntriesByType('resource').map(e => ({
    url: e.name, start: e.startTime}));
  return {fcp: fcp ? fcp.startTime : null, delivered: window.__benchPaintDelivered ?? null,
          resources};
}"""


def measure_url(browser, url: str) -> dict:
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
    context = browser.new_context(viewport={"width": 412, "height": 823}, locale="lv-LV")
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    try:
        page = context.new_page()
        page.add_init_script(_PAINT_DELIVERED)
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        timing = page.evaluate(_TIMING)
        # Scroll through the page so that anything loaded lazily is loaded too.
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)
    finally:
        context.close()
    fcp = timing["fcp"]
    painted = max(t for t in (fcp, timing["delivered"]) if t is not None) if fcp else None
    before_paint = [
        {"url": r["url"], "start_ms": round(r["start"], 1)}
        for r in timing["resources"]
        if painted is not None and r["start"] < painted
    ]
    third_party = [u for u in requests if not u.startswith((origin + "/", "data:", "blob:"))]
    return {
        "total": len(requests),
        "before_paint": before_paint,
        "third_party": third_party,
        "fcp_ms": fcp,
        "fcp_delivered_ms": timing["delivered"],
    }


def measure(urls: dict[str, str]) -> dict:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            return {name: measure_url(browser, url) for name, url in urls.items()}
        finally:
            browser.close()
