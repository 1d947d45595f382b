// theme/static/js/count.js in a stand-in page: what it posts with navigator.sendBeacon, and when.
// The browser's side with the real endpoint is tests/test_counting_browser.py. COUNT_JS names
// another file to test instead (the minified copy a build ships).
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const source = process.env.COUNT_JS
  ? readFileSync(process.env.COUNT_JS, 'utf8')
  : readFileSync(new URL('../../theme/static/js/count.js', import.meta.url), 'utf8');
let loads = 0;

/** A page with count.js just run in it: its posts as [url, body] and the page's controls. */
async function page({ lang = 'lv', path = '/', referrer = '', visibility = 'visible', dataset = {} } = {}) {
  const sent = [];
  const document = Object.assign(new EventTarget(), {
    documentElement: { lang },
    body: { dataset },
    referrer,
    visibilityState: visibility,
  });
  Object.assign(globalThis, {
    document,
    location: { hostname: 'www.example.lv', pathname: path },
  });
  Object.defineProperty(globalThis, 'navigator', {
    configurable: true,
    value: {
      sendBeacon(url, body) {
        assert.ok(body instanceof URLSearchParams, 'a form-encoded body');
        sent.push([url, body.toString()]);
        return true;
      },
    },
  });
  // A fresh module each time (a query makes it another module).
  loads += 1;
  await import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}#${loads}`);
  return {
    sent,
    count: (detail) => document.dispatchEvent(new CustomEvent('count', { detail })),
    show(state) {
      document.visibilityState = state;
      document.dispatchEvent(new Event('visibilitychange'));
    },
  };
}

test('a page view: its path, language and the referrer as a host only', async () => {
  const { sent } = await page({ lang: 'en', path: '/en/faq/', referrer: 'https://m.facebook.com/story?id=1' });
  assert.deepEqual(sent, [['/api/count', 'event=view&lang=en&page=%2Fen%2Ffaq%2F&referrer=m.facebook.com']]);
});

test('our own site or no referrer is an empty referrer', async () => {
  const own = await page({ referrer: 'https://www.example.lv/buj/' });
  const none = await page();
  for (const { sent } of [own, none]) assert.deepEqual(sent, [['/api/count', 'event=view&lang=lv&page=%2F&referrer=']]);
});

test('the "not found" page is counted as itself, not as the address asked for', async () => {
  const { sent } = await page({ path: '/nav-tadas/', dataset: { page: '/404.html' } });
  assert.deepEqual(sent, [['/api/count', 'event=view&lang=lv&page=%2F404.html&referrer=']]);
});

test('a page opened in the background is counted when first shown, once', async () => {
  const { sent, show } = await page({ visibility: 'hidden' });
  assert.deepEqual(sent, []);
  show('visible');
  show('hidden');
  show('visible');
  assert.deepEqual(sent, [['/api/count', 'event=view&lang=lv&page=%2F&referrer=']]);
});

test('configure once per page view; share and print each time', async () => {
  const { sent, count } = await page();
  sent.length = 0;
  for (const event of ['configure', 'configure', 'share', 'print', 'configure', 'share']) count({ event });
  assert.deepEqual(
    sent.map(([, body]) => body),
    ['event=configure&lang=lv', 'event=share&lang=lv', 'event=print&lang=lv', 'event=share&lang=lv'],
  );
});

test('an estimate is sent once the choice has settled, and not again while it stays the same', async () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const { sent, count } = await page();
    sent.length = 0;
    // Typing 1, 12 into a quantity: three estimates within a moment.
    count({ event: 'estimate', service: ['content:1'], band: '250' });
    mock.timers.tick(500);
    count({ event: 'estimate', service: ['content:1', 'community'], band: '250' });
    mock.timers.tick(500);
    count({ event: 'estimate', service: ['content:2', 'community'], band: '500' });
    mock.timers.tick(1499);
    assert.deepEqual(sent, []);
    mock.timers.tick(1);
    assert.deepEqual(sent, [['/api/count', 'event=estimate&lang=lv&service=content%3A2&service=community&band=500']]);
    // The same estimate again (printing updates it): not counted twice.
    count({ event: 'estimate', service: ['content:2', 'community'], band: '500' });
    mock.timers.tick(2000);
    assert.equal(sent.length, 1);
    count({ event: 'estimate', service: ['ads:1'], band: '100' });
    mock.timers.tick(2000);
    assert.equal(sent.at(-1)[1], 'event=estimate&lang=lv&service=ads%3A1&band=100');
  } finally {
    mock.timers.reset();
  }
});

test('an estimate still settling is sent when the page is hidden', async () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const { sent, count, show } = await page();
    sent.length = 0;
    count({ event: 'estimate', service: ['community'], band: '100' });
    show('hidden');
    assert.deepEqual(sent, [['/api/count', 'event=estimate&lang=lv&service=community&band=100']]);
    mock.timers.tick(5000);
    assert.equal(sent.length, 1);
  } finally {
    mock.timers.reset();
  }
});

test('no storage, no cookie, no id: the code of the script names none of them', () => {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  assert.ok(code.includes('sendBeacon'));
  for (const word of ['cookie', 'localStorage', 'sessionStorage', 'indexedDB', 'userAgent', 'random', 'Date']) {
    assert.ok(!code.includes(word), word);
  }
});
