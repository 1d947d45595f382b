/**
 * The estimate engine: the JavaScript twin of quote/estimate.py (ES module, no DOM).
 *
 * Both engines are tested against the same hand-written vectors in tests/vectors/, so they
 * cannot drift. The data shapes (catalog, selection, estimate, query string) are described in
 * docs/contracts.md. Amounts are integer cents; prices include VAT. The monthly and the one-time
 * sums are each split into net and VAT once, by splitVat(), which the configurator imports too;
 * the first month and the period add those figures up, so that they multiply out on the page.
 *
 * Two deliberate choices:
 * - Object.prototype.hasOwnProperty rather than Object.hasOwn, which older Safari lacks.
 * - Euros are formatted by hand: browsers' Intl does not group four-digit amounts for "lv",
 *   and the site writes `1 234,50 €` (no-break spaces) everywhere, as quote/money.py does.
 */

const DEFAULT_MONTHS = 3;
const TOTALS = ['monthly', 'once', 'first_month', 'period'];

/** A selection the engine refuses: `code` names the rule, `key` the selection key at fault. */
export class EstimateError extends Error {
  constructor(code, key) {
    super(code + ': ' + key);
    Object.assign(this, { code, key });
  }
}

const fail = (code, key) => {
  throw new EstimateError(code, key);
};

const hasOwn = (object, key) => Object.prototype.hasOwnProperty.call(object, key);

const isWholeBetween = (value, lowest, highest) =>
  Number.isInteger(value) && value >= lowest && value <= highest;

const servicesById = (catalog) => new Map(catalog.services.map((service) => [service.id, service]));

/** The ids of every service that some tier of a package includes. */
const replacedBy = (packageService) =>
  packageService.tiers.flatMap((tier) => tier.includes.map((included) => included.service));

/** How high a tier is within its service (its index); 0 for a service without tiers. */
const tierRank = (service, tierId) =>
  service.tiers[0] ? service.tiers.findIndex((tier) => tier.id === tierId) : 0;

/**
 * Splits a VAT-inclusive amount into net and VAT with docs/contracts.md's one rounding rule:
 * net = gross / (1 + rate), rounded half up, in integers only.
 * @param {number} gross cents, VAT included
 * @param {number|null} vatBp the VAT rate in basis points (21 % = 2100); null when the seller is
 *   not a VAT payer: the price is the net price and there is no VAT figure (vat null)
 * @returns {{gross: number, net: number, vat: number|null}}
 */
export function splitVat(gross, vatBp) {
  if (vatBp === null) return { gross, net: gross, vat: null };
  const divisor = 2 * (10000 + vatBp);
  const numerator = 2 * 10000 * gross + divisor / 2;
  const net = (numerator - (numerator % divisor)) / divisor;
  return { gross, net, vat: gross - net };
}

/**
 * Checks a selection strictly and returns what it chooses: a Map, in catalog order, from service
 * id to [tier or null, quantity], and the number of months. Throws EstimateError.
 */
function checkSelection(catalog, selection) {
  const services = servicesById(catalog);
  const chosen = new Map();
  const months = hasOwn(selection, 'months') ? selection.months : DEFAULT_MONTHS;
  for (const key of Object.keys(selection)) {
    if (key != 'months' && !services.has(key)) fail('unknown_service', key);
  }
  for (const { id, tiers, quantity } of catalog.services) {
    if (!hasOwn(selection, id)) continue;
    const value = selection[id];
    if (tiers[0]) {
      chosen.set(id, [tiers.find((tier) => tier.id === value) || fail('unknown_tier', id), 1]);
    } else if (quantity) {
      if (!isWholeBetween(value, 0, 99)) fail('bad_quantity', id);
      if (value) chosen.set(id, [null, value]);
    } else if (typeof value != 'boolean') {
      fail('not_a_toggle', id);
    } else if (value) {
      chosen.set(id, [null, 1]);
    }
  }
  if (!isWholeBetween(months, 1, 12)) fail('bad_months', 'months');
  for (const packageService of catalog.services) {
    if (!packageService.package || !chosen.has(packageService.id)) continue;
    const replaced = replacedBy(packageService);
    for (const { id } of catalog.services) {
      if (chosen.has(id) && replaced.includes(id)) fail('package_conflict', id);
    }
  }
  return [chosen, months];
}

/**
 * The package tier that, with the chosen monthly services it does not include, costs least.
 * A tier qualifies when it covers at least one chosen monthly service at the same or a higher
 * tier and every other chosen monthly service is one the package never includes: those stay
 * beside it as add-ons (a package and its own parts cannot be combined). Suggested when package
 * plus add-ons cost less than the monthly selection; null otherwise or when a package is chosen.
 */
function suggestPackage(catalog, chosen, lines) {
  const services = servicesById(catalog);
  const amounts = new Map(lines.filter((line) => line.billing == 'monthly').map((line) => [line.service, line.amount]));
  if (!amounts.size || [...chosen.keys()].some((id) => services.get(id).package)) return null;
  const monthly = [...amounts.values()].reduce((sum, amount) => sum + amount, 0);
  const rankOf = (id, tierId) => tierRank(services.get(id), tierId);
  const chosenRank = (id) => rankOf(id, chosen.get(id)[0]?.id);
  let best = null;
  for (const packageService of catalog.services) {
    if (!packageService.package) continue;
    const replaced = new Set(replacedBy(packageService));
    for (const tier of packageService.tiers) {
      const offer = new Map(tier.includes.map((included) => [included.service, included.tier]));
      const covers = (id) => offer.has(id) && rankOf(id, offer.get(id)) >= chosenRank(id);
      const ids = [...amounts.keys()];
      if (!ids.some(covers) || ids.some((id) => replaced.has(id) && !covers(id))) continue;
      const addons = ids.filter((id) => !replaced.has(id));
      const total = addons.reduce((sum, id) => sum + amounts.get(id), tier.price);
      if (total < monthly && !(best && best.total <= total)) best = { packageService, tier, addons, total };
    }
  }
  if (!best) return null;
  const { packageService, tier, addons, total } = best;
  return {
    service: packageService.id,
    tier: tier.id,
    price: tier.price,
    indicative: Boolean(tier.indicative),
    addons: addons.map((id) => ({ service: id, tier: chosen.get(id)[0]?.id ?? null, amount: amounts.get(id) })),
    total,
    saving: monthly - total,
    adds: tier.includes
      .filter(({ service, tier }) => !chosen.has(service) || rankOf(service, tier) > chosenRank(service))
      .map(({ service, tier }) => ({ service, tier })),
  };
}

/**
 * Prices a selection: one line per chosen service, the four totals split into net and VAT, and
 * the package suggestion (docs/contracts.md, "Selection and estimate"). Throws EstimateError.
 */
export function estimate(catalog, selection) {
  const [chosen, months] = checkSelection(catalog, selection);
  const services = servicesById(catalog);
  const sums = { once: 0, monthly: 0 };
  const lines = [];
  for (const [id, [tier, quantity]] of chosen) {
    const { billing, price } = services.get(id);
    const amount = (tier ? tier.price : price) * quantity;
    sums[billing] += amount;
    lines.push({ service: id, tier: tier && tier.id, quantity, billing, amount });
  }
  const monthly = splitVat(sums.monthly, catalog.vat_bp);
  const once = splitVat(sums.once, catalog.vat_bp);
  return {
    months,
    lines,
    monthly,
    once,
    first_month: total(once, monthly, 1),
    period: total(once, monthly, months),
    suggestion: suggestPackage(catalog, chosen, lines),
  };
}

/**
 * The one-time figures plus `months` times the monthly ones, gross, net and VAT alike: a reader
 * multiplying the monthly figures the page shows gets the page's total.
 */
function total(once, monthly, months) {
  return {
    gross: once.gross + monthly.gross * months,
    net: once.net + monthly.net * months,
    vat: once.vat === null ? null : once.vat + monthly.vat * months,
  };
}

/**
 * Cents as euros in the page's language, exactly as quote.money.format_eur writes them.
 * `money` is the language's format, which the page carries (quote.money.money_format, from
 * Babel): `{group, decimal, prefix, suffix}`, e.g. `250 €`, `289,26 €`, `1 234,50 €` in Latvian
 * and `€250`, `€289.26`, `€1,234.50` in English. No language is written here.
 */
export function formatCents(cents, money) {
  const absolute = Math.abs(cents);
  const rest = absolute % 100;
  const euros = String((absolute - rest) / 100).replace(/\B(?=(\d{3})+$)/g, money.group);
  const decimals = rest ? money.decimal + String(rest).padStart(2, '0') : '';
  return (cents < 0 ? '-' : '') + money.prefix + euros + decimals + money.suffix;
}

/**
 * An estimate's figures as strings: `monthly`, `monthly_net`, `monthly_vat`, … and `saving`;
 * without VAT (a seller who is not a VAT payer) no `_net` and `_vat`.
 */
export function formatEstimate(result, money) {
  const formatted = {};
  for (const total of TOTALS) {
    formatted[total] = formatCents(result[total].gross, money);
    if (result[total].vat === null) continue;
    formatted[total + '_net'] = formatCents(result[total].net, money);
    formatted[total + '_vat'] = formatCents(result[total].vat, money);
  }
  if (result.suggestion) formatted.saving = formatCents(result.suggestion.saving, money);
  return formatted;
}

/**
 * A share link's query string as a valid selection. Lenient: unknown keys and invalid values are
 * dropped, and so is whatever a chosen package replaces. Keys in catalog order, `months` last.
 */
export function parseQuery(catalog, queryString) {
  const services = servicesById(catalog);
  const chosen = new Map();
  let months = DEFAULT_MONTHS;
  for (const [key, text] of new URLSearchParams(queryString)) {
    const service = services.get(key);
    const number = /^[0-9]{1,2}$/.test(text) ? +text : -1;
    let value;
    if (key == 'months' || !service) value = number;
    else if (service.tiers[0]) value = text;
    else if (service.quantity) value = number;
    else value = { 1: true, 0: false }[text];
    try {
      checkSelection(catalog, { [key]: value });
      if (key == 'months') months = value;
      else chosen.set(key, value);
    } catch {
      // An invalid pair is dropped; the rest of the link still counts.
    }
  }
  for (const packageService of catalog.services) {
    if (!packageService.package || !chosen.get(packageService.id)) continue;
    for (const replaced of replacedBy(packageService)) chosen.delete(replaced);
  }
  const selection = {};
  for (const { id } of catalog.services) {
    if (chosen.get(id)) selection[id] = chosen.get(id);
  }
  selection.months = months;
  return selection;
}

/** The canonical share-link query string of a valid selection. Throws EstimateError. */
export function toQuery(catalog, selection) {
  const [chosen, months] = checkSelection(catalog, selection);
  const pairs = [...chosen].map(
    ([id, [tier, quantity]]) => encodeURIComponent(id) + '=' + encodeURIComponent(tier ? tier.id : quantity),
  );
  return [...pairs, 'months=' + months].join('&');
}
