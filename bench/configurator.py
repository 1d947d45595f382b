"""The configurator's response to a change, in Chromium with the CPU throttled 4x.

One sample: change one control of ``#konfigurators`` the way a visitor would (next tier,
toggle, count + 1) and fire ``input`` and ``change``; the time runs until the page's DOM has
changed in response and its style and layout are computed again (forced by reading layout).
Paint and compositing are not included: they depend on the display's frame clock, not on us.
"""

from __future__ import annotations

from playwright.sync_api import sync_playwright

from bench.common import CHROMIUM, CHROMIUM_ARGS, median, percentile

RATE = 4
_MEASURE = """async ({count, warmup}) => {
  const form = document.getElementById('konfigurators');
  if (!form) return {error: 'no #konfigurators form on the page'};
  const output = form.querySelector('output[name="monthly"]')
              || document.querySelector('output[name="monthly"]');
  const skip = new Set(['hidden', 'submit', 'button', 'reset', 'fieldset', 'output']);
  const names = [];
  for (const el of form.elements) {
    if (el.name && !el.disabled && !skip.has(el.type) && el.tagName !== 'OUTPUT'
        && !names.includes(el.name)) names.push(el.name);
  }
  if (!names.length) return {error: 'the form has no named controls'};
  const turn = {};
  const change = (name) => {
    const group = [...form.elements].filter(el => el.name === name && !el.disabled);
    const el = group[0];
    if (!el) return null;
    if (el.type === 'radio') {
      // Off and on again: from the first choice (none) to the next tier in turn, and back.
      const at = group.findIndex(r => r.checked);
      turn[name] = at > 0 ? turn[name] : ((turn[name] || 0) % (group.length - 1)) + 1;
      const next = group[at > 0 ? 0 : turn[name]];
      next.checked = true;
      return next;
    }
    if (el.type === 'checkbox') { el.checked = !el.checked; return el; }
    if (el.tagName === 'SELECT') {
      el.selectedIndex = (el.selectedIndex + 1) % el.options.length; return el;
    }
    if (el.type === 'number' || el.type === 'range') {
      const min = el.min === '' ? 0 : Number(el.min);
      const max = el.max === '' ? min + 3 : Math.min(Number(el.max), min + 3);
      const now = Number(el.value || min);
      el.value = String(now >= max ? min : now + 1);
      return el;
    }
    return null;
  };
  const samples = [];
  const byControl = {};
  let unchanged = 0;
  for (let i = 0; i < count + warmup; i++) {
    const name = names[i % names.length];
    const seen = new Promise(resolve => {
      const observer = new MutationObserver(() => { observer.disconnect(); resolve(true); });
      observer.observe(document.body, {subtree: true, childList: true, characterData: true,
                                       attributes: true});
      setTimeout(() => { observer.disconnect(); resolve(false); }, 2000);
    });
    const start = performance.now();
    const el = change(name);
    if (!el) { unchanged++; continue; }
    el.dispatchEvent(new Event('input', {bubbles: true}));
    el.dispatchEvent(new Event('change', {bubbles: true}));
    const changed = await seen;
    void document.body.offsetHeight;  // style and layout of the new state
    const elapsed = performance.now() - start;
    if (!changed) { unchanged++; continue; }
    if (i >= warmup) { samples.push(elapsed); (byControl[name] ||= []).push(elapsed); }
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  const monthly = output ? output.textContent.trim() : null;
  return {samples, byControl, unchanged, controls: names, monthly};
}"""


def measure(url: str, count: int = 60, warmup: int = 5) -> dict:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 412, "height": 823}, locale="lv-LV")
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto(url + "#kalkulators", wait_until="load")
            page.wait_for_load_state("networkidle")
            if page.locator("#konfigurators").count() == 0:
                return {"available": False, "reason": "no #konfigurators form on the landing page"}
            cdp = context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": RATE})
            result = page.evaluate(_MEASURE, {"count": count, "warmup": warmup})
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
        finally:
            browser.close()
    if result.get("error"):
        return {"available": False, "reason": result["error"]}
    samples = result["samples"]
    if not samples:
        return {"available": False, "reason": "no change updated the page", **result}
    return {
        "available": True,
        "rate": RATE,
        "n": len(samples),
        "median_ms": median(samples),
        "p95_ms": percentile(samples, 0.95),
        "max_ms": max(samples),
        "unchanged": result["unchanged"],
        "controls": result["controls"],
        "by_control_ms": {k: median(v) for k, v in result["byControl"].items()},
        "page_errors": errors,
    }
