// No human language in the theme's scripts (issue 14): every text a visitor meets comes from the
// page (partials/*.html through the gettext catalogs), so each language's page carries its own.
// Every string literal and template literal of theme/static/js/*.js is parsed with acorn and
// read as markup or as a plain string:
// - markup (a literal holding tags): any letter between tags is text;
// - a plain string: a letter outside ASCII, two or more plain words ("Bez paketes", "Link
//   copied."), or one word that is capitalised ("Datums:", "Sending") or has company (" (once)",
//   "${n} months") is text, unless the string also holds code (".cfg-bar span"); a bare
//   lowercase word cannot be told from an identifier ("monthly", "input") and passes;
// - a language code of the site ("lv", "en") is a language too (toLocaleDateString('lv')).
// ALLOWED lists the few code strings that look like words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
// acorn is a devDependency (package.json): `npm ci`, or `make test`, which runs it when needed.
const { parse } = await import('acorn').catch((error) => {
  throw new Error(`acorn is missing: run npm ci (${error.message})`);
});

const ROOT = new URL('../../', import.meta.url);
const SCRIPTS = new URL('theme/static/js/', ROOT);
/** Code strings that read like words: HTTP names. */
const ALLOWED = new Set(['Accept', 'POST']);
/** The site's languages: the default (pelicanconf.py) and every catalog's. */
const LANGUAGES = new Set([
  readFileSync(new URL('pelicanconf.py', ROOT), 'utf8').match(/^DEFAULT_LANG = "(\w+)"/m)[1],
  ...readdirSync(new URL('theme/translations/', ROOT), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name),
]);
/** Where a template literal's ${…} was: neither text nor code. */
const HOLE = '\u0000';
/** A word as text writes it: letters (a hyphen or apostrophe inside), brackets, punctuation. */
const WORD = /^[(„"“'‘]?\p{L}+(?:[-'’]\p{L}+)*[)”"’,.;:!?…]*$/u;
const CAPITALISED = /^\p{Lu}\p{Ll}+[.:!?…]?$/u;

/** Every string in `source`: literals, and template literals with their ${…} as HOLE. */
function stringsOf(source) {
  const found = [];
  const visit = (node) => {
    if (!node || typeof node.type != 'string') return;
    if (node.type == 'Literal' && typeof node.value == 'string') found.push(node.value);
    if (node.type == 'TemplateLiteral') found.push(node.quasis.map((quasi) => quasi.value.cooked).join(HOLE));
    for (const value of Object.values(node)) {
      for (const child of Array.isArray(value) ? value : [value]) {
        if (child && typeof child == 'object') visit(child);
      }
    }
  };
  visit(parse(source, { ecmaVersion: 'latest', sourceType: 'module' }));
  return found;
}

/** The human text in one string, or '' when it is code (markup, selectors, keys, URLs). */
function humanText(string) {
  if (ALLOWED.has(string)) return '';
  if (LANGUAGES.has(string.toLowerCase())) return string;
  if (/<\/?[a-z]/i.test(string)) {
    // Markup: what is left between the tags (a tag cut off by a ${…} or the literal's end
    // runs to the end) is text once it has a letter.
    const text = string.replace(/<[^>]*(>|$)/g, HOLE).split(HOLE).join(' ');
    return /\p{L}/u.test(text) ? text.trim() : '';
  }
  if (/[^\x00-\x7f]/.test(string) && /\p{L}/u.test(string.replace(/[\x00-\x7f]/g, ''))) return string;
  const words = string.split(HOLE).join(' ').split(/\s+/).filter(Boolean);
  const plainWords = words.filter((word) => WORD.test(word));
  if (plainWords.length >= 2) return string;
  const code = plainWords.length < words.length; // a selector, a path, a key with a ${…}
  if (plainWords.length == 1 && !code && (string != plainWords[0] || CAPITALISED.test(string))) return string;
  return '';
}

const humanTexts = (source) => stringsOf(source).map(humanText).filter(Boolean);

test('the theme scripts hold no human-language text', () => {
  const files = readdirSync(SCRIPTS).filter((name) => name.endsWith('.js'));
  assert.ok(files.includes('configurator.js') && files.includes('contact.js'), files.join());
  for (const name of files) {
    assert.deepEqual(humanTexts(readFileSync(new URL(name, SCRIPTS), 'utf8')), [], name);
  }
});

test('the check finds text in strings, templates and markup, and passes code', () => {
  const texts = humanTexts(`
    const a = 'Bez paketes', b = "Izvēlēts", c = 'Datums:', d = 'Link copied.';
    const e = \`<h4>Chosen</h4><p class=x data-y="\${z}">\${q} per month</p>\`;
    const f = \`\${n} months\`, g = new Date().toLocaleDateString('lv'), h = 'Sending', i = ' (once)';
    // Latvian in a comment is no text: 'Ik mēnesi'
    const code = ['monthly', '.cfg-bar span', '[name="x"]', 'quote-change', 'application/json',
      \`<label class=check><input type=\${t} name=\${id}><span>\${html}</span></label>\`,
      '<p class=cfg-float><button type=button data-act=summary>', ' · ', ': ', 'Accept', 'POST',
      \`kf-\${field}-err\`, 'cfg-float-shown', '.package-action a', ''];
  `);
  assert.deepEqual(texts, [
    'Bez paketes',
    'Izvēlēts',
    'Datums:',
    'Link copied.',
    'Chosen    per month',
    `${HOLE} months`,
    'lv',
    'Sending',
    ' (once)',
  ]);
});
