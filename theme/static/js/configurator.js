// The configurator UI (partials/configurator.html): reads the controls, runs ./estimate.js, writes
// the outputs, mirrors the state in the URL and hands it to the contact form. No framework.

const D = document, form = D.getElementById('konfigurators'), NB = '\u00a0';
const MONTHS = 'janvāris februāris marts aprīlis maijs jūnijs jūlijs augusts septembris oktobris novembris decembris'.split(' ');
const KEYS = ['monthly', 'once', 'first_month', 'period'];

if (form) {
  // The engine and the catalog load side by side (a static import would come first).
  const [{ estimate, formatEstimate, formatCents: F, parseQuery, toQuery }, cat] = await Promise.all([
    import('./estimate.js'),
    fetch(form.dataset.catalog).then((r) => r.json()),
  ]);
  const el = form.elements, svc = cat.services, by = {};
  for (const s of svc) by[s.id] = s;
  const $ = (q) => form.querySelector(q), $$ = (q) => form.querySelectorAll(q);
  const text = (q, t) => ($(q).textContent = t);
  const li = (t) => Object.assign(D.createElement('li'), { textContent: t });
  const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, parseInt(v, 10) || 0));
  const ctl = (id, t) => $(t ? `[name="${id}"][value="${t}"]` : `[name="${id}"]`);
  const label = (id, t) => by[id].name + (t ? ` — ${/^\d+$/.test(t) ? t + '. līmenis' : `„${t}”`}` : '');
  // Net of a VAT-inclusive amount, the contract's one rounding rule (docs/contracts.md, Money).
  const net = (g) => {
    const d = 1e4 + cat.vat_bp, n = 2 * g * 1e4 + d;
    return (n - (n % (2 * d))) / (2 * d);
  };
  let quote = { query: '', lines: [] }, result;

  const read = () => {
    let inc = [];
    for (const p of svc) {
      if (!p.package) continue;
      const v = el[p.id].value;
      for (const t of p.tiers) {
        for (const i of t.includes) for (const c of $$(`[name="${i.service}"]`)) c.disabled = !!v;
        if (t.id == v) inc = t.includes.map((i) => li(label(i.service, i.tier)));
      }
    }
    $('.cfg-pkg').hidden = !inc.length;
    $('.cfg-pkg ul').replaceChildren(...inc);
    const sel = {};
    for (const s of svc) {
      const e = el[s.id];
      if (s.tiers.length) {
        if (e.value && !ctl(s.id).disabled) sel[s.id] = e.value;
      } else if (s.quantity) {
        const q = clamp(e.value, 0, 99);
        if (q) sel[s.id] = q;
      } else if (e.checked && !e.disabled) sel[s.id] = true;
    }
    sel.months = clamp(el.months.value, 1, 12);
    return sel;
  };

  const lines = (r, m) =>
    r.lines.map(({ service: id, tier, quantity: q, billing, amount }) => {
      const s = by[id], u = s.unit ? `${NB}/${NB}${s.unit}` : '';
      return `${label(id, tier)}${s.quantity ? ` — ${q} × ${m(s.price)}${u}` : ''}: ${m(amount)}${
        billing == 'monthly' ? u : ' (vienreiz)'
      }`;
    });

  const update = () => {
    const sel = read(), r = (result = estimate(cat, sel)), f = formatEstimate(r), isNet = el.net.checked;
    const m = (c) => F(isNet ? net(c) : c), mo = sel.months;
    const budget = clamp(el['ad-budget'].value, 0, 999999);
    const channels = [...$$('[name=channels]:checked')].map((c) => c.value);
    form.classList.toggle('net', isNet);
    for (const k of KEYS) {
      const v = (el[k.replace('_', '-')].value = f[isNet ? k + '_net' : k]);
      for (const x of $$(`[data-mini=${k}]`)) x.textContent = v;
      text(`[data-o=${k}]`, f[isNet ? k : k + '_net']);
      text(`[data-v=${k}]`, f[k + '_vat']);
    }
    text('[data-months]', `Par ${mo} ${mo == 1 ? 'mēnesi' : 'mēnešiem'}`);
    for (const a of $$('[data-c]')) a.textContent = m(+a.dataset.c);

    const sg = r.suggestion;
    $('.cfg-sug').hidden = !sg;
    if (sg) {
      text('[data-sug]', `„${label(sg.service, sg.tier)}” sedz tavu izvēli par ${m(sg.price)} mēnesī — ietaupījums ${
        isNet ? F(r.monthly.net - net(sg.price)) : f.saving} mēnesī.`);
      text('[data-adds]', sg.adds.length ? `Papildus iegūsti: ${sg.adds.map((a) => label(a.service, a.tier)).join('; ')}.` : '');
    }
    $('.cfg-budget').hidden = !budget;
    text('[data-budget]', F(budget * 100));

    const shown = lines(r, m);
    if (channels.length) shown.push(`Platformas: ${channels.join(', ')}`);
    const ul = $('.cfg-lines');
    ul.replaceChildren(...(shown.length ? shown : [ul.dataset.empty]).map(li));

    const extra = new URLSearchParams();
    if (isNet) extra.set('net', 1);
    if (budget) extra.set('ad-budget', budget);
    for (const c of channels) extra.append('channels', c);
    const q = [toQuery(cat, sel), extra].join('&').replace(/&$/, '');
    const plain = !r.lines.length && mo == 3 && !extra.size;
    history.replaceState(history.state, '', (plain ? location.pathname : '?' + q) + location.hash);
    text('[data-link]', location.href);
    text('.cfg-copied', '');

    const sum = [];
    if (r.lines.length) {
      sum.push(...lines(r, F));
      for (const [k, name] of [['monthly', 'Ik mēnesi'], ['once', 'Vienreizēji'], ['first_month', 'Pirmajā mēnesī'], ['period', `Par ${mo} mēn.`]])
        sum.push(`${name}: ${f[k]} ar PVN (${f[k + '_net']} bez PVN)`);
      if (budget) sum.push(`Reklāmu budžets (maksā platformām, nav iekļauts): ${F(budget * 100)} mēnesī`);
    }
    quote = { query: r.lines.length ? q : '', lines: sum };
    send();
  };

  const send = () => {
    const field = D.querySelector('#kontaktforma input[name=quote]');
    if (field) field.value = quote.query;
    D.dispatchEvent(new CustomEvent('quote-change', { detail: quote }));
  };

  const actions = {
    apply() {
      const sg = result.suggestion;
      ctl(sg.service, sg.tier).checked = true;
      update();
      ctl(sg.service, sg.tier).focus();
    },
    async copy() {
      let ok = 1;
      try {
        await navigator.clipboard.writeText(location.href);
      } catch {
        const t = Object.assign(D.createElement('textarea'), { value: location.href });
        form.append(t);
        t.select();
        ok = D.execCommand('copy');
        t.remove();
        $('[data-act=copy]').focus();
      }
      text('.cfg-copied', ok ? 'Saite nokopēta' : 'Neizdevās nokopēt — nokopē adresi no pārlūka adreses joslas.');
    },
    print: () => print(),
    request() {
      send();
      const cf = D.getElementById('kontaktforma');
      for (const c of cf?.querySelectorAll('[name=channels]') || []) if ($(`[name=channels][value="${c.value}"]:checked`)) c.checked = true;
      const sec = D.getElementById('kontakti') || cf?.closest('section');
      if (!sec) return;
      const h = sec.querySelector('h2') || sec;
      h.tabIndex = -1;
      sec.scrollIntoView();
      h.focus({ preventScroll: true });
    },
  };

  // Restore the state from the URL; parseQuery drops what it does not know.
  const params = new URLSearchParams(location.search), s0 = parseQuery(cat, location.search);
  for (const s of svc) {
    const e = el[s.id], v = s0[s.id];
    if (s.tiers.length) e.value = v || '';
    else if (s.quantity) e.value = v || 0;
    else e.checked = !!v;
  }
  el.months.value = s0.months;
  el.net.checked = params.get('net') == '1';
  el['ad-budget'].value = clamp(params.get('ad-budget'), 0, 999999) || '';
  for (const c of $$('[name=channels]')) c.checked = params.getAll('channels').includes(c.value);

  const date = (d = new Date()) => text('[data-date]', `${d.getFullYear()}. gada ${d.getDate()}. ${MONTHS[d.getMonth()]}`);
  date();
  addEventListener('beforeprint', () => date());

  form.addEventListener('input', update);
  form.addEventListener('change', ({ target: t }) => {
    if (t.type != 'number') return; // the input event has already counted it
    t.value = clamp(t.value, +t.min, +t.max) || (t.name == 'ad-budget' ? '' : t.min);
    update();
  });
  form.addEventListener('submit', (e) => e.preventDefault());
  form.addEventListener('click', (e) => actions[e.target.closest('[data-act]')?.dataset.act]?.());
  update();
  D.getElementById('cfg-nojs')?.remove();
  form.hidden = false;
  // contact.js loads after this module: tell it again once every module has run.
  D.addEventListener('DOMContentLoaded', send);
}
