// The configurator (partials/configurator.html): adds the catalog's services to the form, prices
// the selection with ./estimate.js, mirrors it in the URL and hands it to the contact form.
const D = document, f = D.getElementById('konfigurators'), NB = '\xa0';
const KEYS = { monthly: 'Ik mēnesi', once: 'Vienreizēji', first_month: 'Pirmajā mēnesī', period: 0 };

if (f) {
  // The engine and the catalog load side by side (a static import would come first).
  const [E, cat] = await Promise.all([import('./estimate.js'), fetch(f.dataset.catalog).then((r) => r.json())]);
  const F = E.formatCents, svc = cat.services, el = f.elements, by = {};
  const $ = (q) => f.querySelector(q), $$ = (q) => f.querySelectorAll(q);
  const text = (q, t) => $$(q).forEach((e) => (e.textContent = t));
  const li = (t) => Object.assign(D.createElement('li'), { textContent: t });
  const esc = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, parseInt(v) || 0));
  const tier = (t) => (/^\d+$/.test(t) ? t + '. līmenis' : `„${t}”`);
  const label = (id, t) => by[id].name + (t ? ' — ' + tier(t) : '');
  const unit = (s) => (s.unit ? `${NB}/${NB}${s.unit}` : '');
  const vat = String(cat.vat_bp / 100).replace('.', ',') + NB + '%';
  // Net of a VAT-inclusive amount: the contract's rounding rule (docs/contracts.md, Money).
  const net = (g, d = 2e4 + 2 * cat.vat_bp, n = 2e4 * g + d / 2) => (n - (n % d)) / d;
  for (const s of svc) by[s.id] = s;

  // The services: a fieldset of radios per tiered service (with "none"), a number per quantity,
  // a checkbox per on/off service; the prices (data-c, in cents) are written by update().
  const opt = (type, s, v, t) => `<label class=cfg-c><input type=${type} name=${s.id} value="${v}"><span>${t}</span></label>`;
  const price = (s, c = s.price) => `<span data-c=${c}></span>` + unit(s);
  const field = (s, n = esc(s.name), id = 'c-' + s.id) =>
    s.tiers.length
      ? `<fieldset><legend>${n}</legend>${s.package ? '<p class=small>Pakete aizstāj atsevišķi izvēlētus ikmēneša pakalpojumus.</p>' : ''}` +
        opt('radio', s, '', s.package ? 'Bez paketes' : 'Bez šī pakalpojuma') +
        s.tiers.map((t) => opt('radio', s, t.id, `<b>${tier(t.id)}</b> · ${price(s, t.price)}<small>${esc(t.summary)}</small>`)).join('') +
        '</fieldset>'
      : s.quantity
        ? `<p class=cfg-q><label for=${id}>${n}</label><input id=${id} type=number name=${s.id} min=0 max=99 inputmode=numeric ` +
          `aria-describedby=${id}h><small id=${id}h>${price(s)} · skaits no 0 līdz 99</small></p>`
        : opt('checkbox', s, 1, `<b>${n}</b> · ${price(s)}`);
  const group = (legend, billing, intro = '') =>
    `<fieldset><legend>${legend}</legend>${intro}${svc.filter((s) => s.billing == billing).map((s) => field(s)).join('')}</fieldset>`;
  $('.cfg-choices').insertAdjacentHTML('afterbegin', group('Ikmēneša pakalpojumi', 'monthly',
    '<div class="notice cfg-pkg" hidden><p>Izvēlētajā paketē iekļauts:</p><ul></ul><p class=small>Lai pakalpojumus ' +
    'izvēlētos atsevišķi, paketes izvēlē atzīmē „Bez paketes”.</p></div>') + group('Vienreizējie pakalpojumi', 'once'));

  // The selection in the engine's terms; a chosen package disables what it replaces.
  const read = () => {
    let inc = [];
    for (const p of svc) if (p.package) for (const t of p.tiers) {
      const v = el[p.id].value;
      for (const i of t.includes) for (const c of $$(`[name="${i.service}"]`)) c.disabled = !!v;
      if (t.id == v) inc = t.includes.map((i) => li(label(i.service, i.tier)));
    }
    $('.cfg-pkg').hidden = !inc.length;
    $('.cfg-pkg ul').replaceChildren(...inc);
    const sel = { months: clamp(el.months.value, 1, 12) };
    for (const s of svc) {
      const e = el[s.id];
      const v = s.quantity ? clamp(e.value, 0, 99) : s.tiers.length ? !e[0].disabled && e.value : !e.disabled && e.checked;
      if (v) sel[s.id] = v;
    }
    return sel;
  };

  let quote, result;
  const send = () => D.dispatchEvent(new CustomEvent('quote-change', { detail: quote }));
  const update = () => {
    const sel = read(), r = (result = E.estimate(cat, sel)), fm = E.formatEstimate(r), sg = r.suggestion;
    const isNet = el.net.checked, m = (c) => F(isNet ? net(c) : c), [a, b] = isNet ? ['_net', ''] : ['', '_net'];
    const mo = sel.months, budget = clamp(el['ad-budget'].value, 0, 999999), bud = F(budget * 100) + ' mēnesī';
    const ch = [...$$('[name=channels]:checked')].map((c) => c.value);
    const q = E.toQuery(cat, sel) + (isNet ? '&net=1' : '') + (budget ? '&ad-budget=' + budget : '') + ch.map((c) => '&channels=' + c).join('');
    const lines = (mf) => r.lines.map(({ service: id, tier, quantity: n, billing, amount }, _, __, s = by[id], u = unit(s)) =>
      label(id, tier) + (s.quantity ? ` — ${n} × ${mf(s.price)}${u}` : '') + ': ' + mf(amount) + (billing == 'monthly' ? u : ' (vienreiz)'));
    const shown = lines(m).concat(ch.length ? 'Platformas: ' + ch.join(', ') : []);
    f.classList.toggle('net', isNet);
    text('[data-t]', isNet ? 'Cenas norādītas bez PVN.' : `Cenas norādītas ar PVN ${vat}.`);
    text('[data-w]', isNet ? 'ar PVN' : 'bez PVN');
    for (const k in KEYS) {
      el[k.replace('_', '-')].value = fm[k + a];
      text(`[data-k=${k}]`, `${KEYS[k] || `Par ${mo} ${mo == 1 ? 'mēnesi' : 'mēnešiem'}`} (${isNet ? 'bez' : 'ar'} PVN)`);
      text(`[data-o=${k}]`, fm[k + b]);
      text(`[data-v=${k}]`, fm[k + '_vat']);
    }
    $$('[data-c]').forEach((e) => (e.textContent = m(+e.dataset.c)));
    $('.cfg-sug').hidden = !sg;
    if (sg) text('.cfg-sug span', `„${label(sg.service, sg.tier)}” sedz tavu izvēli par ${m(sg.price)} mēnesī — ietaupījums ${
      F(isNet ? r.monthly.net - net(sg.price) : sg.saving)} mēnesī.${sg.adds.length ? ' Papildus iegūsti: ' +
      sg.adds.map((x) => label(x.service, x.tier)).join('; ') + '.' : ''}`);
    $('.cfg-budget').hidden = !budget;
    text('.cfg-budget', `Reklāmu budžets: ${bud} — to maksā tieši platformām; tas nav iekļauts summās un PVN.`);
    $('.cfg-res ul').replaceChildren(...(shown[0] ? shown : ['Vēl nekas nav izvēlēts.']).map(li));
    history.replaceState(history.state, '', (q == 'months=3' ? location.pathname : '?' + q) + location.hash);
    text('[data-link]', location.href);
    text('.cfg-copied', '');
    // What the contact form gets: the same query and the estimate in words, with VAT.
    const sum = r.lines[0] ? lines(F).concat(Object.keys(KEYS).map((k) =>
      `${KEYS[k] || `Par ${mo} mēn.`}: ${fm[k]} ar PVN (${fm[k + '_net']} bez PVN)`), budget ? 'Reklāmu budžets (maksā platformām, nav iekļauts): ' + bud : []) : [];
    quote = { query: sum[0] ? q : '', lines: sum };
    send();
  };

  const actions = {
    apply(c = $(`[name="${result.suggestion.service}"][value="${result.suggestion.tier}"]`)) {
      c.checked = true;
      update();
      c.focus();
    },
    async copy() {
      let ok = 1;
      try {
        await navigator.clipboard.writeText(location.href);
      } catch {
        const t = Object.assign(D.createElement('textarea'), { value: location.href });
        f.append(t);
        t.select();
        ok = D.execCommand('copy');
        t.remove();
        $('[data-act=copy]').focus();
      }
      text('.cfg-copied', ok ? 'Saite nokopēta' : 'Neizdevās nokopēt — nokopē adresi no pārlūka adreses joslas.');
    },
    request() {
      send();
      const cf = D.getElementById('kontaktforma'), h = cf?.closest('section').querySelector('h2');
      if (!h) return;
      for (const c of cf.querySelectorAll('[name=channels]')) if ($(`[name=channels][value="${c.value}"]:checked`)) c.checked = true;
      h.tabIndex = -1;
      h.focus();
    },
  };

  // Restore the state from the URL; parseQuery drops what it does not know.
  const params = new URLSearchParams(location.search), s0 = E.parseQuery(cat, location.search);
  for (const s of svc) {
    const e = el[s.id], v = s0[s.id];
    if (s.quantity) e.value = v || 0;
    else if (s.tiers.length) v ? (e.value = v) : (e[0].checked = true);
    else e.checked = !!v;
  }
  el.months.value = s0.months;
  el.net.checked = params.get('net') == '1';
  el['ad-budget'].value = clamp(params.get('ad-budget'), 0, 999999) || '';
  for (const c of el.channels) c.checked = params.getAll('channels').includes(c.value);

  // The printed estimate's date, refreshed when printing.
  const date = () => text('[data-date]', new Date().toLocaleDateString('lv', { dateStyle: 'long' }));
  addEventListener('beforeprint', date);
  f.addEventListener('input', update);
  f.addEventListener('change', ({ target: t }) => {
    if (t.type != 'number') return; // the input event has already counted it
    t.value = clamp(t.value, +t.min, +t.max) || (t.name == 'ad-budget' ? '' : 0);
    update();
  });
  f.addEventListener('click', (e) => actions[e.target.closest('[data-act]')?.dataset.act]?.());
  date();
  update();
  D.getElementById('cfg-nojs').remove();
  f.hidden = false;
  // contact.js may run after this module: tell it again once every module has run.
  D.addEventListener('DOMContentLoaded', send);
}
