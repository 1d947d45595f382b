/**
 * The price configurator (issue 4): the #konfigurators form of partials/configurator.html.
 *
 * An ES module, imported by the landing page's loader after the first paint. Without JavaScript
 * the form stays hidden and #cfg-nojs says why (the price table above it is complete); this
 * module builds the controls, shows the form and removes that notice. Its styles are
 * theme/static/css/configurator.css, linked by loadStyles below.
 *
 * - It fetches the catalog JSON (the form's data-catalog: the pricing plugin's pricing_json_url)
 *   beside its engine, ./estimate.js (a dynamic import, mapped to the fingerprinted URL by the
 *   partial's import map), so both load at once.
 * - Its texts are the page's: partials/configurator_texts.json renders them in the page's language
 *   from the gettext catalogs into a JSON file (the form's data-texts), fetched beside the catalog,
 *   so that the page's first round trip does not carry them (no language is written here). A text's
 *   {name} placeholders are filled in by say(); a text with a count holds its forms by CLDR plural
 *   category, and Intl.PluralRules of the page's <html lang> picks one.
 * - It adds the services into .cfg-choices in catalog order, in two groups: the monthly services
 *   (a package among them) and the one-time ones. Each control is named by
 *   its service id: radios for the tiers with a "none" radio (value ""), a number 0–99 for a
 *   quantity, else a checkbox. Option prices are <span data-c="cents">, written on every update
 *   (without VAT when the `net` switch is on). Tiers look like a row of segmented buttons (still
 *   radios, so arrow keys move between them); each tier's summary is in its label for screen
 *   readers, and the chosen tier's is shown under the row (.cfg-tier-note).
 * - readSelection(): the selection in the engine's terms; a chosen package disables the controls
 *   of what it includes (its contents are listed with it in .cfg-sel).
 * - update() runs on every input (numbers are clamped on change) and again before printing, for
 *   the date. It prices the selection with estimate(); writes .cfg-sel (the print-only date, the
 *   chosen services) and the live region .cfg-out (the four <output>s with the other figure and
 *   the VAT, the package suggestion with its button, the ad budget, which is never added to any
 *   sum); puts the state in the address (replaceState; no query when nothing is chosen) and sends
 *   "quote-change" to the contact form (docs/contracts.md): {query: the same query string, or ""
 *   when nothing is chosen; lines: the estimate in words, with VAT}. It is sent again on
 *   "quote-request" and at DOMContentLoaded, in case contact.js runs later.
 * - Buttons (data-act): apply (the suggested package, focus on its radio), copy (the address,
 *   with the Clipboard API; when that fails, the status says to copy it from the address bar),
 *   request (focus on the contact section's heading), summary (the phone bar's: scroll to the
 *   result and focus its heading).
 * - On a narrow screen, while the choices are on screen and the result is not, a bar fixed to the
 *   bottom (.cfg-float) shows the monthly and first-month totals and leads to the result. It
 *   slides in with a transform (no layout shift), and a focused control never stays under it:
 *   the page keeps a scroll padding of the bar's height, and a control focused under the bar is
 *   scrolled above it.
 * - Counting (js/count.js, docs/contracts.md): a "count" event on the document, its detail
 *   {event, ...dimensions}: `configure` on each of the visitor's changes, `estimate` with the chosen
 *   services and tiers (`service`: "id:tier", the id alone without tiers) and the monthly price
 *   band with VAT (`band`: the lower bound in euros among the catalog's price_bands) whenever an
 *   estimate with something chosen is shown, `share` on "copy the link", `print` before printing.
 *   With counting off nothing listens.
 * - A catalog text the page's language lacks in pricing.yaml is the default language's, and its
 *   entry's `langs` names that language (docs/contracts.md): such a text is written inside
 *   <span lang>, in the controls and in the chosen services (the printed estimate too).
 * - The state is restored from the address with parseQuery (invalid values are dropped), plus
 *   `net=1` and `ad-budget`. When a share link restores a selection (and names no other place
 *   on the page), the page scrolls to the configurator's section and .cfg-status says so.
 */

const NBSP = '\xa0';
/** The totals, each also the key of its label among the texts (the period's names its months). */
const TOTALS = ['monthly', 'once', 'first_month', 'period'];
const MAX_AD_BUDGET = 999999;

/** Text made safe for innerHTML between tags (attribute values here never hold visitor text). */
const escapeHtml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** HTML in another language than the page's, when `lang` is given. */
const inLang = (html, lang) => (lang ? `<span lang=${lang}>${html}</span>` : html);

/** A catalog entry's text `key` as HTML, with its language when the entry's `langs` names one. */
const textHtml = (entry, key) => inLang(escapeHtml(entry[key]), entry.langs?.[key]);

/** A whole number from a control's value, within [lowest, highest]; 0 (then clamped) if none. */
const clampWhole = (value, lowest, highest) => Math.min(highest, Math.max(lowest, parseInt(value) || 0));

/** " / mēn." after a price, for a service with a unit; the unit's own spaces ("sesija (2 st.)")
 * do not break either. */
const unitSuffix = (service) => (service.unit ? `${NBSP}/${NBSP}${service.unit.replaceAll(' ', NBSP)}` : '');

/** Tells the page's counting (js/count.js) what happened; nothing listens while counting is off. */
const count = (event, dimensions = {}) =>
  document.dispatchEvent(new CustomEvent('count', { detail: { event, ...dimensions } }));

/** unitSuffix as HTML, the unit with its language (textHtml). */
const unitHtml = (service) =>
  service.unit ? `${NBSP}/${NBSP}` + inLang(escapeHtml(service.unit.replaceAll(' ', NBSP)), service.langs?.unit) : '';

const form = document.getElementById('konfigurators');
if (form) {
  const passing = followingALinkPast(form);
  await Promise.race([comingNear([form.closest('section'), document.querySelector('.packages')]), passing.clicked]);
  await startConfigurator(form);
  passing.finish();
}

/**
 * A link to a place on this page further down than the calculator, followed before it was built
 * (the menu's "Kontakti" from the top of the page), is held back until the calculator is built:
 * the form it grows into would otherwise push the place down during the scroll, which then stops
 * short of it (measured: 950 px at 1280 px). `clicked` resolves when such a link is followed;
 * `finish()` then follows it, and from then on links are left alone.
 */
function followingALinkPast(form) {
  let held = null;
  let signal;
  const clicked = new Promise((resolve) => (signal = resolve));
  const hold = (event) => {
    // A link opened in a new tab or window is the browser's business.
    if (event.defaultPrevented || event.button || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const link = event.target.closest('a[href*="#"]');
    if (!link || link.origin != location.origin || link.pathname != location.pathname) return;
    const place = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!place || !(form.compareDocumentPosition(place) & Node.DOCUMENT_POSITION_FOLLOWING)) return;
    event.preventDefault();
    held = link.hash;
    signal();
  };
  document.addEventListener('click', hold);
  const finish = () => {
    document.removeEventListener('click', hold);
    if (!held) return;
    if (location.hash == held) document.getElementById(decodeURIComponent(held.slice(1))).scrollIntoView();
    else location.hash = held;
  };
  return { clicked, finish };
}

/**
 * Resolves once the visitor comes within a screen of the calculator or of the package cards
 * (whose links choose a tier in it), or at once when the address holds a selection or names a
 * place: a phone whose visitor reads only the top of the page spends nothing on building the
 * form, and its first seconds stay free for input (issue 12: total blocking time).
 */
function comingNear(elements) {
  if (location.search || location.hash) return Promise.resolve();
  return new Promise((resolve) => {
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        observer.disconnect();
        resolve();
      },
      { rootMargin: '100% 0px' },
    );
    for (const element of elements) if (element) observer.observe(element);
  });
}

/** Builds the configurator inside `form`, restores the state from the address and shows it. */
async function startConfigurator(form) {
  const [engine, catalog, texts] = await Promise.all([
    import('./estimate.js'),
    fetch(form.dataset.catalog, { priority: 'low' }).then((response) => response.json()),
    fetch(form.dataset.texts).then((response) => response.json()),
    loadStyles(form.dataset.styles),
  ]);
  const lang = document.documentElement.lang;
  const plurals = new Intl.PluralRules(lang);
  /** The wording of the text `key`; a count `n` picks a plural form. */
  const wordingOf = (key, n) => {
    const text = texts[key];
    return typeof text == 'string' ? text : (text[plurals.select(n)] ?? text.other);
  };
  /** The text `key` with its {placeholders} from `values`; a count `values.n` picks a plural form. */
  const say = (key, values = {}) => wordingOf(key, values.n).replace(/\{(\w+)\}/g, (_, name) => values[name]);
  /** say() as HTML: the wording escaped, its {placeholders} from `values`, which are HTML. */
  const sayHtml = (key, values = {}) =>
    escapeHtml(wordingOf(key, values.n)).replace(/\{(\w+)\}/g, (_, name) => values[name]);
  /** A tier's name: "2. līmenis" for a numbered tier, „Name” otherwise (in the page's words). */
  const tierName = (tierId) => (/^\d+$/.test(tierId) ? say('tier', { n: tierId }) : say('quoted', { text: tierId }));
  const { splitVat } = engine;
  // The page's language's euro format (data-money, from quote.money.money_format).
  const money = JSON.parse(form.dataset.money);
  const formatCents = (cents) => engine.formatCents(cents, money);
  const services = catalog.services;
  const serviceById = Object.fromEntries(services.map((service) => [service.id, service]));
  const controls = form.elements;
  const find = (selector) => form.querySelector(selector);
  const findAll = (selector) => form.querySelectorAll(selector);
  const netOf = (gross) => splitVat(gross, catalog.vat_bp).net;
  // A seller who is not a VAT payer (catalog vat_bp null): no net switch, no VAT figures, and
  // none of the texts that name VAT.
  const vatPayer = catalog.vat_bp !== null;
  const serviceLabel = (id, tierId) => serviceById[id].name + (tierId ? ' – ' + tierName(tierId) : '');
  const serviceLabelHtml = (id, tierId) =>
    textHtml(serviceById[id], 'name') + (tierId ? ' – ' + escapeHtml(tierName(tierId)) : '');
  /** A tier whose price the owner has not confirmed yet (indicative: true in pricing.yaml). */
  const isIndicative = (id, tierId) =>
    !!tierId && !!serviceById[id].tiers.find((tier) => tier.id == tierId)?.indicative;
  const INDICATIVE = say('indicative');
  /** The counting's band of a monthly price with VAT: the highest of the catalog's lower bounds
   * (whole euros) at or under it. */
  const priceBand = (gross) => String(Math.max(...catalog.price_bands.filter((bound) => bound * 100 <= gross)));
  /** What "quote-change" carries: {query, lines}. */
  let quote;
  /** The latest estimate, for the "apply the suggested package" button. */
  let result;

  // -- the controls ---------------------------------------------------------------------------

  const optionHtml = (type, service, value, labelHtml) =>
    `<label class=check><input type=${type} name=${service.id} value="${value}"><span>${labelHtml}</span></label>`;

  /** One tier as a segment of a segmented control: a radio covering its whole label. */
  const segmentHtml = (service, value, labelHtml) =>
    `<label class="check cfg-seg"><input type=radio name=${service.id} value="${value}">` +
    `<span>${labelHtml}</span></label>`;

  const priceHtml = (service, cents = service.price) => `<span data-c=${cents}></span>` + unitHtml(service);

  function serviceFieldHtml(service) {
    const name = textHtml(service, 'name');
    if (service.tiers[0]) {
      const none = segmentHtml(service, '', escapeHtml(say(service.package ? 'no_package' : 'no_service')));
      const tiers = service.tiers.map((tier) =>
        segmentHtml(
          service,
          tier.id,
          `<b>${escapeHtml(tierName(tier.id))}</b> <span data-c=${tier.price}></span>` +
            `<span class=visually-hidden>${unitHtml(service)}</span>` +
            `<small class=visually-hidden>${textHtml(tier, 'summary')}` +
            `${tier.indicative ? ' · ' + INDICATIVE : ''}</small>`,
        ),
      );
      return (
        `<fieldset class=cfg-tiers><legend>${name}</legend><div class=cfg-segments>` +
        none +
        tiers.join('') +
        '</div><p class=cfg-tier-note aria-hidden=true></p></fieldset>'
      );
    }
    if (service.quantity) {
      return `<label>${name}<small>${priceHtml(service)}</small>` +
        `<input type=number name=${service.id} min=0 max=99 inputmode=numeric></label>`;
    }
    return optionHtml('checkbox', service, 1, `<b>${name}</b> · ${priceHtml(service)}`);
  }

  const groupHtml = (legend, billing) =>
    `<fieldset><legend>${escapeHtml(legend)}</legend>` +
    services.filter((service) => service.billing == billing).map(serviceFieldHtml).join('') +
    '</fieldset>';

  /** The selection the controls hold; a chosen package disables the controls of what it includes. */
  function readSelection() {
    const selection = { months: clampWhole(controls.months.value, 1, 12) };
    for (const packageService of services) {
      if (!packageService.package) continue;
      const packageChosen = !!controls[packageService.id].value;
      for (const tier of packageService.tiers) {
        for (const included of tier.includes) {
          for (const control of findAll(`[name="${included.service}"]`)) control.disabled = packageChosen;
        }
      }
    }
    for (const service of services) {
      const control = controls[service.id];
      let value;
      if (service.quantity) value = clampWhole(control.value, 0, 99);
      else if (service.tiers[0]) value = !control[0].disabled && control.value;
      else value = !control.disabled && control.checked;
      if (value) selection[service.id] = value;
    }
    return selection;
  }

  // -- the result -----------------------------------------------------------------------------

  const sendQuote = () => document.dispatchEvent(new CustomEvent('quote-change', { detail: quote }));

  /** The estimate's lines in words, each amount written by `formatAmount`; as HTML with `html`
   * (each catalog text with its language). */
  const describeLines = (estimate, formatAmount, html = false) =>
    estimate.lines.map(({ service: id, tier, quantity, billing, amount }) => {
      const service = serviceById[id];
      const [plain, label, words] = html ? [escapeHtml, serviceLabelHtml, sayHtml] : [(t) => t, serviceLabel, say];
      const unit = html ? unitHtml(service) : unitSuffix(service);
      let text = label(id, tier);
      if (service.quantity) text += plain(` – ${quantity} × ${formatAmount(service.price)}`) + unit;
      const price = plain(formatAmount(amount));
      text += ': ' + (billing == 'monthly' ? price + unit : words('one_time', { amount: price }));
      if (isIndicative(id, tier)) text += plain(` (${INDICATIVE})`);
      if (service.package) {
        const included = service.tiers.find((packageTier) => packageTier.id == tier).includes;
        const items = included.map((item) => label(item.service, item.tier)).join(', ');
        text += '; ' + words('includes', { items });
      }
      return text;
    });

  function update() {
    const selection = readSelection();
    const estimate = (result = engine.estimate(catalog, selection));
    const formatted = engine.formatEstimate(estimate, money);
    const suggestion = estimate.suggestion;
    const months = selection.months;
    const showNet = vatPayer && controls.net.checked;
    const shownPrice = (gross) => formatCents(showNet ? netOf(gross) : gross);
    // The main figure and the other one beside it: with VAT or without.
    const [mainSuffix, otherSuffix, mainVat, otherVat] = !vatPayer
      ? ['', '', '', '']
      : showNet
        ? ['_net', '', say('without_vat'), say('with_vat')]
        : ['', '_net', say('with_vat'), say('without_vat')];
    const adBudget = clampWhole(controls['ad-budget'].value, 0, MAX_AD_BUDGET);
    const adBudgetText = adBudget && say('ad_budget', { amount: formatCents(adBudget * 100) });
    const query =
      engine.toQuery(catalog, selection) + (showNet ? '&net=1' : '') + (adBudget ? '&ad-budget=' + adBudget : '');
    const totalLabel = (total) => say(total, { n: months });
    const summaryLines = estimate.lines[0]
      ? describeLines(estimate, formatCents).concat(
          TOTALS.map((total) =>
            say('summary_total', {
              label: totalLabel(total),
              gross: formatted[total],
              net: formatted[total + '_net'],
            }),
          ),
          adBudgetText || [],
        )
      : [];

    history.replaceState(null, '', (query == 'months=3' ? location.pathname : '?' + query) + location.hash);
    form.classList.toggle('net', showNet);
    find('.cfg-bar span').textContent = say(showNet ? 'prices_net' : 'prices_gross');
    for (const price of findAll('[data-c]')) price.textContent = shownPrice(+price.dataset.c);
    for (const tiers of findAll('.cfg-tiers')) {
      const chosenTier = tiers.querySelector(':checked:not([value=""]):enabled');
      // The chosen tier's summary as its label has it (with its language).
      const summary = chosenTier?.closest('label').querySelector('small').innerHTML;
      tiers.querySelector('.cfg-tier-note').innerHTML = summary || '';
    }
    find('.cfg-float-monthly').textContent = formatted['monthly' + mainSuffix];
    find('.cfg-float-first').textContent = formatted['first_month' + mainSuffix];
    if (vatPayer) find('.cfg-float-vat').textContent = mainVat;

    const date = new Date().toLocaleDateString(lang, { dateStyle: 'long' });
    const chosen = estimate.lines[0]
      ? describeLines(estimate, shownPrice, true)
      : [escapeHtml(say('nothing_chosen'))];
    find('.cfg-sel').innerHTML =
      `<p class=cfg-print>${escapeHtml(say('date'))} <span data-date>${date}</span></p>` +
      `<h4>${escapeHtml(say('chosen'))}</h4><ul>${chosen.map((line) => `<li>${line}</li>`).join('')}</ul>`;

    const totalsHtml = TOTALS.map(
      (total) =>
        `<p class=cfg-row><span>${escapeHtml(totalLabel(total) + (vatPayer ? ` (${mainVat})` : ''))}</span> ` +
        `<output name=${total.replace('_', '-')}>${formatted[total + mainSuffix]}</output>` +
        (vatPayer
          ? `<small>${escapeHtml(otherVat)} <span data-o=${total}>${formatted[total + otherSuffix]}</span>` +
            ` · ${escapeHtml(say('vat'))} <span data-v=${total}>${formatted[total + '_vat']}</span></small>`
          : '') +
        '</p>',
    ).join('');
    let suggestionHtml = '';
    if (suggestion) {
      const saving = showNet ? estimate.monthly.net - netOf(suggestion.total) : suggestion.saving;
      // As HTML: each catalog text with its language.
      const adds = suggestion.adds.map((item) => serviceLabelHtml(item.service, item.tier)).join('; ');
      const addons = suggestion.addons
        .map((item) => `${serviceLabelHtml(item.service, item.tier)} (${escapeHtml(shownPrice(item.amount))})`)
        .join(', ');
      const name = sayHtml('quoted', { text: serviceLabelHtml(suggestion.service, suggestion.tier) });
      const price = escapeHtml(shownPrice(suggestion.price));
      const offer = addons ? sayHtml('offer_with', { name, price, addons }) : name;
      const text =
        sayHtml(suggestion.indicative ? 'suggestion_indicative' : 'suggestion', {
          offer,
          total: escapeHtml(shownPrice(suggestion.total)),
          saving: escapeHtml(formatCents(saving)),
        }) + (adds ? ' ' + sayHtml('adds', { items: adds }) : '');
      suggestionHtml =
        `<p class="notice cfg-sug">${text} ` +
        `<button type=button data-act=apply>${escapeHtml(say('apply'))}</button></p>`;
    }
    const adBudgetHtml = adBudgetText ? `<p class=cfg-budget>${escapeHtml(adBudgetText)}.</p>` : '';
    find('.cfg-out').innerHTML = totalsHtml + suggestionHtml + adBudgetHtml;
    find('.cfg-copied').textContent = '';
    find('.cfg-status').textContent = ''; // after a change the estimate is no longer the link's

    quote = { query: summaryLines[0] ? query : '', lines: summaryLines };
    sendQuote();
    if (estimate.lines[0]) {
      const service = estimate.lines.map((line) => (line.tier ? `${line.service}:${line.tier}` : line.service));
      count('estimate', { service, band: priceBand(estimate.monthly.gross) });
    }
  }

  // -- the buttons ----------------------------------------------------------------------------

  const actions = {
    apply() {
      count('configure');
      const { service, tier } = result.suggestion;
      const radio = find(`[name="${service}"][value="${tier}"]`);
      radio.checked = true;
      update();
      radio.focus();
    },
    async copy() {
      count('share');
      let status = say('copied');
      try {
        await navigator.clipboard.writeText(location.href);
      } catch {
        status = say('copy_failed');
      }
      find('.cfg-copied').textContent = status;
    },
    summary() {
      const heading = find('.cfg-res h3');
      heading.tabIndex = -1;
      heading.scrollIntoView({ block: 'start' });
      heading.focus({ preventScroll: true });
    },
    request() {
      sendQuote();
      const heading = document.getElementById('kontaktforma')?.closest('section').querySelector('h2');
      if (heading) {
        heading.tabIndex = -1;
        heading.focus();
      }
    },
  };

  // -- start ----------------------------------------------------------------------------------

  find('.cfg-choices').insertAdjacentHTML(
    'afterbegin',
    groupHtml(say('monthly_services'), 'monthly') + groupHtml(say('once_services'), 'once'),
  );
  form.insertAdjacentHTML(
    'beforeend',
    '<p class=cfg-float><button type=button data-act=summary>' +
      `<span>${escapeHtml(say('monthly'))} <b class=cfg-float-monthly></b></span>` +
      `<span>${escapeHtml(say('first_month'))} <b class=cfg-float-first></b></span>` +
      `<span class=cfg-float-more>${vatPayer ? '<span class=cfg-float-vat></span> · ' : ''}` +
      `${escapeHtml(say('see_estimate'))}</span>` +
      '</button></p>',
  );

  const params = new URLSearchParams(location.search);
  const restored = engine.parseQuery(catalog, location.search);
  for (const service of services) {
    const control = controls[service.id];
    const value = restored[service.id];
    if (service.quantity) control.value = value || 0;
    else if (service.tiers[0] && value) control.value = value;
    else if (service.tiers[0]) control[0].checked = true; // "none"
    else control.checked = !!value;
  }
  controls.months.value = restored.months;
  if (vatPayer) controls.net.checked = params.get('net') == '1';
  controls['ad-budget'].value = clampWhole(params.get('ad-budget'), 0, MAX_AD_BUDGET) || '';

  form.oninput = () => {
    count('configure');
    update();
  };
  form.onchange = ({ target }) => {
    if (target.type != 'number') return;
    target.value = clampWhole(target.value, +target.min, +target.max) || (target.name == 'ad-budget' ? '' : 0);
    update();
  };
  form.onclick = (event) => actions[event.target.closest('[data-act]')?.dataset.act]?.();
  window.onbeforeprint = () => {
    update();
    count('print');
  };
  document.addEventListener('quote-request', sendQuote);
  update();
  const fromShareLink = Object.keys(restored).length > 1; // a service chosen, not only months
  if (fromShareLink) find('.cfg-status').textContent = say('restored');
  showInPlace(form);
  document.addEventListener('DOMContentLoaded', sendQuote);
  followWithTheBar(form);
  if (fromShareLink) scrollToTheConfigurator(form);
}

/**
 * Links the form's stylesheets (data-styles: contact.css, whose fields and messages it reuses, and
 * configurator.css) and resolves once each has loaded or failed, so that the form is never shown
 * unstyled. They are not inlined in the page: the form is hidden until this script runs, so its
 * styles would only delay the first paint (issue 12). A sheet the page has linked already comes
 * from the browser's cache, and linked twice it changes nothing.
 */
function loadStyles(hrefs) {
  const loaded = (href) =>
    new Promise((resolve) => {
      const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href });
      link.onload = link.onerror = resolve;
      document.head.append(link);
    });
  return Promise.all(hrefs.split(' ').map(loaded));
}

/**
 * Shows the form instead of the no-script notice. When the address names a place further down
 * (#faq, #contact…), the browser has already scrolled there: the page is scrolled by as much as
 * the form pushes that place down, so the visitor stays where the link led.
 */
function showInPlace(form) {
  const target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  const below = target && form.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_FOLLOWING;
  const topBefore = below && target.getBoundingClientRect().top;
  document.getElementById('cfg-nojs').remove();
  form.hidden = false;
  if (below) window.scrollBy({ top: target.getBoundingClientRect().top - topBefore, behavior: 'instant' });
}

/**
 * Shows the phone bar (.cfg-float) while the choices are on screen and the result is not; the
 * CSS shows it on narrow screens only. A control focused under the bar is scrolled above it.
 */
function followWithTheBar(form) {
  const bar = form.querySelector('.cfg-float');
  const inView = new Map();
  const keepAboveBar = (control) => {
    const barStyle = getComputedStyle(bar);
    if (!form.contains(control) || bar.contains(control)) return;
    if (barStyle.display == 'none' || barStyle.visibility != 'visible') return;
    // Where the bar rests once shown (it may still be sliding in).
    const overlap = control.getBoundingClientRect().bottom - (innerHeight - bar.offsetHeight);
    if (overlap > 0) window.scrollBy({ top: overlap + 8, behavior: 'instant' });
  };
  const choices = form.querySelector('.cfg-choices');
  const result = form.querySelector('.cfg-res');
  // "In view": crossing the middle of the screen, not merely peeking in at an edge.
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) inView.set(entry.target, entry.isIntersecting);
      form.classList.toggle('cfg-float-shown', !!inView.get(choices) && !inView.get(result));
      keepAboveBar(document.activeElement);
    },
    { rootMargin: '-20% 0px -20% 0px' },
  );
  observer.observe(choices);
  observer.observe(result);
  form.addEventListener('focusin', (event) => requestAnimationFrame(() => keepAboveBar(event.target)));
}

/**
 * After a share link: the configurator's section, unless the address names another place. A
 * package card's link names its no-script note (#cfg-nojs), gone by now: the section, too.
 */
function scrollToTheConfigurator(form) {
  const section = form.closest('section') || form;
  const target = decodeURIComponent(location.hash.slice(1));
  if (!target || target == section.id || !document.getElementById(target)) section.scrollIntoView({ block: 'start' });
}
