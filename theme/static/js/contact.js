/**
 * Progressive enhancement of the contact form, #kontaktforma (partials/contact_form.html).
 *
 * An ES module, imported by the landing page's loader after the first paint. Without it the
 * form posts normally and the endpoint redirects to /paldies/ (or shows its Latvian error page);
 * the field names and limits are the endpoint's contract (quote/contact/validation.py), and the
 * error codes and messages its JSON answers carry (quote/contact/messages.py).
 *
 * With it:
 * - `ts` gets the page-load time (the endpoint's time trap for bots);
 * - `send_key` (a hidden input, created here when the partial has none) gets a random key, made
 *   once per page load and kept for every retry, the ordinary post after a network error
 *   included, so the endpoint stores one inquiry however often it is sent (issue 9); a
 *   successful send starts a new inquiry with a new key;
 * - the configurator's "quote-change" event (docs/contracts.md) fills the hidden `quote` field
 *   and the #quote-summary list; "quote-request" asks the configurator for its estimate, so the
 *   order in which the two modules run does not matter; "Noņemt aprēķinu" removes it;
 * - the form is sent with fetch, asking for JSON; while it is on its way, the submit button shows
 *   its data-sending text. Success resets the form and shows #kf-ok in place; field errors go
 *   into #kf-<field>-err (already in each field's aria-describedby) with aria-invalid, and focus
 *   moves to the first invalid field; any other error shows the server's message (or the form's
 *   data-fail text) in #kf-err. If the network fails, the form is posted the ordinary way, so
 *   nothing typed is lost.
 * Every text it shows comes from the page (the partial, in the page's language) or the endpoint.
 */

const form = document.getElementById('kontaktforma');
if (form) enhanceContactForm(form);

/** A fresh key for one inquiry: a UUID, 36 characters of hex digits and hyphens. */
function newSendKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  // randomUUID exists only in secure contexts (HTTPS, localhost): the same version-4 UUID by hand.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join('-');
}

/** The form's hidden `send_key` input, added when the markup has none. */
function sendKeyInput(form) {
  if (form.elements.send_key) return form.elements.send_key;
  const input = Object.assign(document.createElement('input'), { type: 'hidden', name: 'send_key' });
  form.append(input);
  return input;
}

/** Wires the contact form: the estimate it carries, sending with fetch, errors in place. */
function enhanceContactForm(form) {
  const fields = form.elements;
  const quoteSummary = form.querySelector('#quote-summary');
  const success = form.querySelector('#kf-ok');
  const failure = form.querySelector('#kf-err');
  const submit = form.querySelector('[type=submit]');
  const submitLabel = submit.textContent;
  const sendKey = sendKeyInput(form);
  let sending = false;

  /** Shows a message box (with `text`, if given) and moves focus to it. */
  const showMessage = (box, text) => {
    if (text) box.textContent = text;
    box.hidden = false;
    box.focus();
  };

  /** Attaches an estimate to the form, or detaches it when `query` is empty. */
  const attachQuote = (query = '', lines = []) => {
    fields.quote.value = query;
    const items = lines.map((line) => Object.assign(document.createElement('li'), { textContent: line }));
    quoteSummary.querySelector('ul').replaceChildren(...items);
    quoteSummary.hidden = !query;
  };

  /** Clears the field errors of the previous attempt. */
  const clearErrors = () => {
    for (const message of form.querySelectorAll('.field-error')) message.textContent = '';
    for (const field of form.querySelectorAll('[aria-invalid]')) field.removeAttribute('aria-invalid');
  };

  /** Shows the endpoint's errors: by their fields when they have one, else as a general message. */
  const showErrors = (errors) => {
    let firstInvalid;
    let general;
    for (const { field, message } of errors) {
      const box = field && document.getElementById(`kf-${field}-err`);
      const inputs = form.querySelectorAll(`[name="${field}"]`);
      if (!box) {
        general ||= message;
        continue;
      }
      box.textContent = message;
      for (const input of inputs) input.setAttribute('aria-invalid', true);
      firstInvalid ||= inputs[0];
    }
    showMessage(failure, general || failure.dataset[firstInvalid ? 'invalid' : 'fail']);
    if (!general) firstInvalid?.focus();
  };

  fields.ts.value = Math.round(performance.timeOrigin);
  sendKey.value = newSendKey();
  document.addEventListener('quote-change', ({ detail }) => attachQuote(detail?.query, detail?.lines));
  document.dispatchEvent(new Event('quote-request'));
  quoteSummary.querySelector('button').onclick = () => {
    attachQuote();
    fields.message.focus();
  };

  form.onsubmit = async (event) => {
    event.preventDefault();
    if (sending) return;
    sending = success.hidden = failure.hidden = true;
    submit.textContent = submit.dataset.sending;
    clearErrors();
    let response;
    try {
      response = await fetch(form.action, {
        method: 'POST',
        body: new URLSearchParams(new FormData(form)),
        headers: { Accept: 'application/json' },
      });
    } catch {
      return form.submit(); // the network failed: post the ordinary way, nothing is lost
    } finally {
      sending = false;
      submit.textContent = submitLabel;
    }
    if (response.ok) {
      form.reset();
      sendKey.value = newSendKey(); // what is typed next is another inquiry
      return showMessage(success);
    }
    const answer = await response.json().catch(() => ({}));
    showErrors(answer.errors || []);
  };
}
