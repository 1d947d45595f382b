// theme/static/js/estimate.js against the golden vectors shared with the Python engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const read = (path) => readFileSync(new URL(path, import.meta.url), 'utf8');
// Imported from source as a data: URL: the repo's package.json has no "type": "module",
// and the file ships to browsers as it is.
const source = read('../../theme/static/js/estimate.js');
const engine = await import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`);
const { estimate, formatEstimate, formatCents, parseQuery, toQuery, EstimateError } = engine;

const CATALOG = JSON.parse(read('../vectors/catalog.json'));
const { vectors, formats } = JSON.parse(read('../vectors/estimate/estimates.json'));
const queries = JSON.parse(read('../vectors/estimate/queries.json'));
const PARTS = ['monthly', 'once', 'first_month', 'period'];
const FORMATTED = PARTS.flatMap((p) => [p, `${p}_net`, `${p}_vat`]);

const errorOf = (fn) => {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof EstimateError, `not an EstimateError: ${err}`);
    assert.ok(err instanceof Error);
    return { code: err.code, key: err.key };
  }
  assert.fail('no EstimateError thrown');
};

test('exports exactly the contract', () => {
  assert.deepEqual(Object.keys(engine).sort(),
    ['EstimateError', 'estimate', 'formatCents', 'formatEstimate', 'parseQuery', 'toQuery']);
  assert.ok(vectors.length >= 35);
});

for (const v of vectors) {
  test(`estimate: ${v.name}`, () => {
    const catalog = { ...CATALOG, ...v.catalog };
    if (v.error) {
      assert.deepEqual(errorOf(() => estimate(catalog, v.selection)), v.error);
      return;
    }
    const want = v.expected;
    const got = estimate(catalog, v.selection);
    assert.deepEqual(Object.keys(got).sort(), [...PARTS, 'lines', 'months', 'suggestion'].sort());
    for (const key of ['months', 'lines']) if (key in want) assert.deepEqual(got[key], want[key], key);
    for (const part of PARTS) assert.deepEqual(got[part], want[part], part);
    assert.deepEqual(got.suggestion, want.suggestion);
    const formatted = formatEstimate(got);
    assert.deepEqual(Object.keys(formatted).sort(),
      [...FORMATTED, ...(want.suggestion ? ['saving'] : [])].sort());
    for (const [key, text] of Object.entries(want.formatted ?? {})) assert.equal(formatted[key], text, key);
  });
}

for (const v of queries.parse) {
  test(`parseQuery: ${v.name}`, () => {
    const sel = parseQuery(CATALOG, v.query);
    assert.deepEqual(sel, v.selection);
    assert.equal(Object.keys(sel).at(-1), 'months');
    estimate(CATALOG, sel);
    assert.equal(toQuery(CATALOG, sel), v.canonical);
    assert.deepEqual(parseQuery(CATALOG, v.canonical), sel);
  });
}

for (const v of queries.to_query) {
  test(`toQuery: ${v.name}`, () => {
    if (v.error) {
      assert.deepEqual(errorOf(() => toQuery(CATALOG, v.selection)), v.error);
      return;
    }
    assert.equal(toQuery(CATALOG, v.selection), v.query);
    assert.equal(toQuery(CATALOG, parseQuery(CATALOG, v.query)), v.query);
  });
}

test('share links of every valid vector price like the selection itself', () => {
  for (const v of vectors.filter((v) => v.expected && !v.catalog)) {
    const back = parseQuery(CATALOG, toQuery(CATALOG, v.selection));
    assert.deepEqual(estimate(CATALOG, back), estimate(CATALOG, v.selection), v.name);
  }
});

test('formatCents writes what quote.money.format_eur writes (by hand, not Intl)', () => {
  for (const [cents, text] of formats) assert.equal(formatCents(cents), text, String(cents));
});
