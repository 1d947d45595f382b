/**
 * Cookie-free, first-party counting (issue 26): one small form-encoded post per event to the
 * site's own endpoint, POST /api/count (quote/counting: the events and their dimensions are the
 * list in quote/counting/events.py, read strictly by quote/counting/reading.py).
 *
 * An ES module on every page while the Pelican setting COUNTING is on (<body data-module>, imported
 * by the page's loader, js/loader.js, after the first paint); with it off, no page links it.
 *
 * - `view` (the page's path, its language, the referring site's host, "" for none or our own),
 *   once the page is shown (a page opened in a background tab: when it is first shown).
 * - Other events come from the page's scripts as a "count" CustomEvent on the document, its detail
 *   {event, ...dimensions}: the configurator sends `configure` on the visitor's changes (counted
 *   once per page view), `estimate` with `service` (a list of "id:tier") and `band` on each
 *   estimate it shows (counted once the choice has settled for SETTLE_MS, and only when it differs
 *   from the last one counted: one per settled choice, not one per keystroke), `share` when a share
 *   link is made and `print` when the estimate is printed. The page's language is added to each.
 * - A pending estimate is sent at once when the page is hidden (the visitor leaves).
 *
 * Nothing is kept: no cookie, no localStorage or sessionStorage, no id of any kind; the endpoint
 * keeps daily totals only, and counts nothing for Sec-GPC or DNT, which the browser sends.
 */

const ENDPOINT = '/api/count';
const SETTLE_MS = 1500;
const lang = document.documentElement.lang;
let configured = false;
let pending = null;
let settle = 0;
let lastEstimate = '';

function send(event, dimensions = {}) {
  const body = new URLSearchParams({ event, lang });
  for (const [key, value] of Object.entries(dimensions)) {
    for (const item of [].concat(value)) body.append(key, item);
  }
  navigator.sendBeacon?.(ENDPOINT, body);
}

/** The referring site's host; "" for none or this site. */
function referrerHost() {
  try {
    const host = new URL(document.referrer).hostname;
    return host == location.hostname ? '' : host;
  } catch {
    return '';
  }
}

function sendEstimate() {
  clearTimeout(settle);
  if (!pending) return;
  const { service, band } = pending;
  pending = null;
  const key = service.join(' ') + ' ' + band;
  if (key == lastEstimate) return;
  lastEstimate = key;
  send('estimate', { service, band });
}

function counted({ detail }) {
  const { event, ...dimensions } = detail || {};
  if (event == 'estimate') {
    pending = dimensions;
    clearTimeout(settle);
    settle = setTimeout(sendEstimate, SETTLE_MS);
    return;
  }
  if (event == 'configure') {
    if (configured) return;
    configured = true;
  }
  send(event, dimensions);
}

function viewed() {
  if (document.visibilityState == 'hidden') return false;
  send('view', { page: document.body.dataset.page || location.pathname, referrer: referrerHost() });
  return true;
}

let viewSent = viewed();
document.addEventListener('count', counted);
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState == 'hidden') sendEstimate();
  else if (!viewSent) viewSent = viewed();
});
