"""Scripts and checks for pages in Chromium that several browser test modules share."""

from __future__ import annotations

import time

# axe-core's rules for WCAG 2.2 A and AA, violations only.
WCAG_22_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_22_A_AA}, "resultTypes": ["violations"]}

# A desktop Chrome's user agent: headless Chromium names itself HeadlessChrome, a robot that
# /api/count never counts, so a test of the counts browses as a person's browser.
PERSON_USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/140.0.0.0 Safari/537.36"
)

# The contact form's time trap: a form filled in 10 s ago, as a person would.
OLD_TS = "f => { f.elements.ts.value = String(Date.now() - 10000); }"

# The layout shift a page has had so far, summed by a PerformanceObserver (without the shifts
# right after input, which do not count).
CLS_OBSERVER = """
  window.layoutShift = 0;
  new PerformanceObserver((list) => {
    for (const shift of list.getEntries()) {
      if (!shift.hadRecentInput) window.layoutShift += shift.value;
    }
  }).observe({ type: 'layout-shift', buffered: true });
"""


def after_frames(page, count: int = 3) -> None:
    """Return once the page has rendered `count` more frames. What the page does in reaction to
    scrolling, focus or a new layout (IntersectionObserver callbacks, requestAnimationFrame work,
    layout-shift entries) is delivered within the frame after the change: waiting for frames
    instead of milliseconds bounds a "nothing happened" check by what the page promises."""
    page.evaluate(
        """count => new Promise((resolve) => {
          const next = (left) => left ? requestAnimationFrame(() => next(left - 1)) : resolve();
          next(count);
        })""",
        count,
    )


# The page's count post (js/count.js's `view`) in its Resource Timing: its loader has run.
VIEW_POSTED = (
    "() => performance.getEntriesByType('resource')"
    ".some((entry) => new URL(entry.name).pathname == '/api/count')"
)


def loaded_after_paint(page, timeout: float = 10_000) -> None:
    """Return once the page's loader has run (after its first paint: the counting script has
    posted the view) and what it started has loaded (network idle again), so that going to the
    next page cuts nothing short, even on a busy machine."""
    page.wait_for_function(VIEW_POSTED, timeout=timeout)
    page.wait_for_load_state("networkidle")


def bar_is_up(page) -> bool:
    """The phone bar is shown and has finished sliding in (reduced motion: at once); there is
    none before the calculator is built."""
    return page.evaluate(
        """() => { const bar = document.querySelector('.cfg-float');
          if (!bar) return false;
          const style = getComputedStyle(bar);
          return style.display != 'none' && style.visibility == 'visible'
            && Math.abs(bar.getBoundingClientRect().bottom - innerHeight) < 1; }"""
    )


# What the page's first frame found: which stylesheets were linked and which of them applied. An
# init script runs before the page's own, and its requestAnimationFrame callback at the first
# rendering opportunity, which a render-blocking stylesheet holds back.
FIRST_FRAME = """
requestAnimationFrame(() => {
    window.firstFrame = [...document.querySelectorAll("link[rel=stylesheet]")].map(
        (link) => [new URL(link.href).pathname, link.sheet !== null]
    );
});
"""
LATER = ["/theme/css/sections.css", "/theme/css/contact.css"]


def slow_stylesheets(page) -> None:
    """Stylesheets answered 300 ms late, as on a slow network: a frame painted without waiting
    for them would find them not yet applied."""

    def late(route):
        time.sleep(0.3)
        route.continue_()

    page.route("**/theme/css/*.css*", late)


def later_styles_applied(page) -> bool:
    """The FAQ list's width comes from sections.css, the form fields' border from contact.css."""
    return page.evaluate(
        """() => getComputedStyle(document.querySelector(".faq-links")).maxWidth !== "none"
            && getComputedStyle(document.querySelector("fieldset")).borderRadius !== "0px" """
    )
