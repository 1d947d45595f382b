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
 * - the configurator's "quote-change" event (docs/contracts.md) fills the hidden `quote` field
 *   and the #quote-summary list; "quote-request" asks the configurator for its estimate, so the
 *   order in which the two modules run does not matter; "Noņemt aprēķinu" removes it;
 * - the form is sent with fetch, asking for JSON. Success resets the form and shows #kf-ok in
 *   place; field errors go into #kf-<field>-err (already in each field's aria-describedby) with
 *   aria-invalid, and focus moves to the first invalid field; any other error shows the server's
 *   Latvian message (or the form's data-fail text) in #kf-err. If the network fails, the form is
 *   posted the ordinary way, so nothing typed is lost.
 */

const form = document.getElementById('kontaktforma');
if (form) enhanceContactForm(form);

/** Wires the contact form: the estimate it carries, sending with fetch, errors in place. */
function enhanceContactForm(form) {
  const fields = form.elements;
  const quoteSummary = form.querySelector('#quote-summary');
  const success = form.querySelector('#kf-ok');
  const failure = form.querySelector('#kf-err');
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
    }
    if (response.ok) {
      form.reset();
      return showMessage(success);
    }
    const answer = await response.json().catch(() => ({}));
    showErrors(answer.errors || []);
  };
}
