// The estimate engine, twin of quote/estimate.py (docs/contracts.md); no DOM, no dependency.
export class EstimateError extends Error {
  constructor(code, key) {
    super(`${code}: ${key}`);
    this.code = code;
    this.key = key;
  }
}

const fail = (code, key) => {
  throw new EstimateError(code, key);
};
// Not Object.hasOwn: older Safari on phones lacks it.
const has = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
const whole = (v, lo, hi) => (Number.isInteger(v) && v >= lo && v <= hi ? v : null);
const byId = (cat) => new Map(cat.services.map((s) => [s.id, s]));
const replaced = (p) => new Set(p.tiers.flatMap((t) => t.includes.map((i) => i.service)));
const rank = (s, id) => (s.tiers.length ? s.tiers.findIndex((t) => t.id === id) : 0);
const NB = '\u00a0';

function check(cat, sel) {
  const ids = byId(cat), chosen = new Map();
  for (const k of Object.keys(sel)) if (k !== 'months' && !ids.has(k)) fail('unknown_service', k);
  for (const s of cat.services) {
    if (!has(sel, s.id)) continue;
    const v = sel[s.id];
    if (s.tiers.length) {
      const t = s.tiers.find((t) => t.id === v);
      if (!t) fail('unknown_tier', s.id);
      chosen.set(s.id, [t, 1]);
    } else if (s.quantity) {
      const q = whole(v, 0, 99);
      if (q === null) fail('bad_quantity', s.id);
      if (q) chosen.set(s.id, [null, q]);
    } else {
      if (typeof v !== 'boolean') fail('not_a_toggle', s.id);
      if (v) chosen.set(s.id, [null, 1]);
    }
  }
  const months = whole(has(sel, 'months') ? sel.months : 3, 1, 12);
  if (months === null) fail('bad_months', 'months');
  for (const p of cat.services) {
    if (!p.package || !chosen.has(p.id)) continue;
    const r = replaced(p);
    for (const o of cat.services) if (r.has(o.id) && chosen.has(o.id)) fail('package_conflict', o.id);
  }
  return [chosen, months];
}

// Integer arithmetic only: net = round_half_up(gross / (1 + bp / 10000)).
function split(gross, bp) {
  const d = 10000 + bp, n = 2 * gross * 10000 + d, m = 2 * d, net = (n - (n % m)) / m;
  return { gross, net, vat: gross - net };
}

function suggest(cat, ids, chosen, monthly) {
  const keys = [...chosen.keys()];
  const sel = keys.filter((id) => ids.get(id).billing === 'monthly');
  if (!sel.length || keys.some((id) => ids.get(id).package)) return null;
  const at = (id, tier) => rank(ids.get(id), tier);
  const mine = (id) => at(id, chosen.get(id)[0]?.id);
  let best = null;
  for (const p of cat.services) {
    if (!p.package) continue;
    for (const t of p.tiers) {
      if (t.price >= monthly || (best && t.price >= best[1].price)) continue;
      const offer = new Map(t.includes.map((i) => [i.service, i.tier]));
      if (sel.every((id) => offer.has(id) && at(id, offer.get(id)) >= mine(id))) best = [p, t];
    }
  }
  if (!best) return null;
  const [p, t] = best;
  return {
    service: p.id,
    tier: t.id,
    price: t.price,
    saving: monthly - t.price,
    adds: t.includes
      .filter((i) => !chosen.has(i.service) || at(i.service, i.tier) > mine(i.service))
      .map((i) => ({ service: i.service, tier: i.tier })),
  };
}

export function estimate(cat, sel) {
  const [chosen, months] = check(cat, sel), ids = byId(cat), sum = { once: 0, monthly: 0 };
  const lines = [];
  for (const [id, [t, q]] of chosen) {
    const s = ids.get(id), amount = (t || s).price * q;
    sum[s.billing] += amount;
    lines.push({ service: id, tier: t ? t.id : null, quantity: q, billing: s.billing, amount });
  }
  const { monthly: m, once: o } = sum, bp = cat.vat_bp;
  return {
    months,
    lines,
    monthly: split(m, bp),
    once: split(o, bp),
    first_month: split(m + o, bp),
    period: split(o + m * months, bp),
    suggestion: suggest(cat, ids, chosen, m),
  };
}

// By hand, not Intl: browsers' Intl does not group four-digit amounts for lv.
export function formatCents(cents) {
  const a = Math.abs(cents), r = a % 100;
  const euros = String((a - r) / 100).replace(/\B(?=(\d{3})+$)/g, NB);
  return `${cents < 0 ? '-' : ''}${euros}${r ? ',' + String(r).padStart(2, '0') : ''}${NB}€`;
}

export function formatEstimate(r) {
  const f = {};
  for (const k of ['monthly', 'once', 'first_month', 'period']) {
    f[k] = formatCents(r[k].gross);
    f[k + '_net'] = formatCents(r[k].net);
    f[k + '_vat'] = formatCents(r[k].vat);
  }
  if (r.suggestion) f.saving = formatCents(r.suggestion.saving);
  return f;
}

export function parseQuery(cat, qs) {
  const ids = byId(cat), got = new Map(), sel = {};
  let months = 3;
  for (const [k, v] of new URLSearchParams(qs)) {
    const s = ids.get(k), n = /^[0-9]{1,2}$/.test(v) ? +v : -1;
    if (k === 'months') {
      if (n >= 1 && n <= 12) months = n;
    } else if (s) {
      const x = s.tiers.length
        ? s.tiers.some((t) => t.id === v) ? v : null
        : s.quantity ? (n < 0 ? null : n) : v === '1' ? true : v === '0' ? false : null;
      if (x !== null) got.set(k, x);
    }
  }
  for (const p of cat.services) if (p.package && got.get(p.id)) for (const r of replaced(p)) got.delete(r);
  for (const s of cat.services) if (got.get(s.id)) sel[s.id] = got.get(s.id);
  sel.months = months;
  return sel;
}

export function toQuery(cat, sel) {
  const [chosen, months] = check(cat, sel), e = encodeURIComponent;
  const parts = [...chosen].map(([id, [t, q]]) => `${e(id)}=${e(t ? t.id : q)}`);
  return [...parts, `months=${months}`].join('&');
}
