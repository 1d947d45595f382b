// theme/static/js/estimate.js against the golden vectors shared with the Python engine.
// ESTIMATE_JS names another file to test instead: tests/test_minified_js.py runs these tests on
// the minified copy that the build ships.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const read = (path) => readFileSync(new URL(path, import.meta.url), 'utf8');
// Imported as a data: URL: the repo's package.json has no "type": "module".
const source = process.env.ESTIMATE_JS
  ? readFileSync(process.env.ESTIMATE_JS, 'utf8')
  : read('../../theme/static/js/estimate.js');
const engine = await import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`);
const { estimate, formatEstimate, formatCents, parseQuery, toQuery, splitVat, EstimateError } = engine;

const CATALOG = JSON.parse(read('../vectors/catalog.json'));
const { vectors, formats } = JSON.parse(read('../vectors/estimate/estimates.json'));
const queries = JSON.parse(read('../vectors/estimate/queries.json'));
// Hand-written euro formats and amounts per language, shared with tests/test_money.py.
const MONEY = JSON.parse(read('../vectors/money.json'));
const LATVIAN = MONEY.formats.lv;
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
    ['EstimateError', 'estimate', 'formatCents', 'formatEstimate', 'parseQuery', 'splitVat', 'toQuery']);
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
    const formatted = formatEstimate(got, LATVIAN);
    // A seller who is not a VAT payer (vat_bp null): the prices alone, no net or VAT strings.
    const shown = catalog.vat_bp === null ? PARTS : FORMATTED;
    assert.deepEqual(Object.keys(formatted).sort(),
      [...shown, ...(want.suggestion ? ['saving'] : [])].sort());
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
  for (const [cents, text] of formats) assert.equal(formatCents(cents, LATVIAN), text, String(cents));
});

test('formatCents writes every language as quote.money does, from the format the page carries', () => {
  for (const [lang, amounts] of Object.entries(MONEY.amounts)) {
    for (const [cents, text] of amounts) {
      assert.equal(formatCents(cents, MONEY.formats[lang]), text, `${lang} ${cents}`);
    }
  }
  assert.deepEqual(Object.keys(MONEY.amounts).sort(), ['en', 'lv']);
});

test('splitVat rounds half up in integers (docs/contracts.md)', () => {
  // 21 %: 350 € -> 289,26 € net (289.256..); 100 cents -> 83 (82.64..); 121 cents -> 100 exactly.
  assert.deepEqual(splitVat(35000, 2100), { gross: 35000, net: 28926, vat: 6074 });
  assert.deepEqual(splitVat(100, 2100), { gross: 100, net: 83, vat: 17 });
  assert.deepEqual(splitVat(121, 2100), { gross: 121, net: 100, vat: 21 });
  assert.deepEqual(splitVat(0, 2100), { gross: 0, net: 0, vat: 0 });
  // 5 % (500 bp): 21 cents / 1.05 = 20 exactly; 1 cent / 1.05 = 0.952 -> 1; 1050 -> 1000.
  assert.deepEqual(splitVat(21, 500), { gross: 21, net: 20, vat: 1 });
  assert.deepEqual(splitVat(1, 500), { gross: 1, net: 1, vat: 0 });
  // A true half: 2 cents at 300 % (30000 bp) is 0.5 net cents -> rounded up to 1.
  assert.deepEqual(splitVat(2, 30000), { gross: 2, net: 1, vat: 1 });
  assert.deepEqual(splitVat(6, 30000), { gross: 6, net: 2, vat: 4 }); // 1.5 -> 2
  // Not a VAT payer (vat_bp null): the price is the net price, there is no VAT figure.
  assert.deepEqual(splitVat(35000, null), { gross: 35000, net: 35000, vat: null });
});

// The package suggestion with add-ons, on its own catalog (tests/vectors/estimate/suggestions.json).
const suggestions = JSON.parse(read('../vectors/estimate/suggestions.json'));
for (const v of suggestions.vectors) {
  test(`suggestion: ${v.name}`, () => {
    const got = estimate(suggestions.catalog, v.selection);
    for (const part of PARTS) assert.deepEqual(got[part], v.expected[part], part);
    assert.deepEqual(got.suggestion, v.expected.suggestion);
    const formatted = formatEstimate(got, LATVIAN);
    for (const [key, text] of Object.entries(v.expected.formatted ?? {})) assert.equal(formatted[key], text, key);
  });
}
