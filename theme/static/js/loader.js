/*
 * The page's loader, inlined by theme/templates/base.html as a module script at the end of the
 * landing page, and of every page while counting is on: once the page has been painted, it links
 * the styles of the landing page's sections below the first screen (laterStyles(), from its
 * <head>; other pages have none) and imports the scripts of [data-module] (the landing page's
 * sections, and js/count.js from <body data-module> on every page while counting is on);
 * once those styles apply, it lays out the sections that the first paint skipped (.first-paint).
 *
 * "Painted" is the first-contentful-paint entry given to a PerformanceObserver: Chromium delivers it
 * once that frame is on screen. Two requestAnimationFrame callbacks come too early: they run before
 * the first frame is presented, so the requests they start finish before the paint that Lighthouse
 * records, and its simulation (Lantern) then counts them as needed for the first paint and charges
 * them to FCP and LCP on a slow phone (issue 12).
 *
 * Loaded after the next frame instead, as before:
 * - a page that opens further down (opensFurtherDown, set in <head>, which has then linked the
 *   styles at once): what it shows first may be a section that needs its script (a share link's
 *   configurator), and its first paint waits for those styles anyway;
 * - a browser without paint timing;
 * - a page whose paint entry has not come within a few seconds (a page opened in a background tab
 *   is painted, and reports its paint, only when shown), so nothing stays unloaded for good.
 * An ES module, so that a browser too old for import() runs none of it (the page works without it).
 */
const FALLBACK_AFTER_MS = 3000;

let loaded = false;

function loadLater() {
  if (loaded) return;
  loaded = true;
  window.laterStyles?.();
  for (const section of document.querySelectorAll('[data-module]')) import(section.dataset.module);
  whenStyled().then(layOutSkippedSections);
}

/** Resolves once every stylesheet of the page has loaded (or failed to). */
function whenStyled() {
  const pending = [...document.querySelectorAll('link[rel="stylesheet"]')].filter((link) => !link.sheet);
  return Promise.all(
    pending.map(
      (link) =>
        new Promise((done) => {
          link.addEventListener('load', done);
          link.addEventListener('error', done);
        }),
    ),
  );
}

/*
 * Lays out the sections that the first paint skipped (site.css, .first-paint), then ends
 * .first-paint: from then on addresses further down and the menu's links scroll to where their
 * section really is. One section per task, once the later styles apply (else each would be laid
 * out again): the whole page laid out at once was one task long enough to hold up input on a slow
 * phone (Lighthouse's total blocking time 160 ms instead of 40).
 */
function layOutSkippedSections() {
  const skipped = [...document.querySelectorAll('.first-paint .section')].filter(
    (section) => getComputedStyle(section).contentVisibility === 'auto',
  );
  const layOutNext = () => {
    const section = skipped.shift();
    if (section) {
      section.style.contentVisibility = 'visible';
      section.getBoundingClientRect(); // lays it out now, in this task
      setTimeout(layOutNext);
      return;
    }
    document.documentElement.classList.remove('first-paint');
    for (const laidOut of document.querySelectorAll('.section')) laidOut.style.removeProperty('content-visibility');
  };
  layOutNext();
}

function afterNextFrame(callback) {
  requestAnimationFrame(() => requestAnimationFrame(callback));
}

function afterFirstContentfulPaint(callback) {
  // buffered: the entry is delivered even when the paint came before this script ran.
  const observer = new PerformanceObserver((entries) => {
    if (entries.getEntries().some((entry) => entry.name === 'first-contentful-paint')) {
      observer.disconnect();
      clearTimeout(fallback);
      callback();
    }
  });
  const fallback = setTimeout(() => {
    observer.disconnect();
    afterNextFrame(callback);
  }, FALLBACK_AFTER_MS);
  observer.observe({ type: 'paint', buffered: true });
}

const paintTiming =
  'PerformanceObserver' in window && (PerformanceObserver.supportedEntryTypes || []).includes('paint');

if (window.opensFurtherDown || !paintTiming) afterNextFrame(loadLater);
else afterFirstContentfulPaint(loadLater);
