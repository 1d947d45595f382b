// The contact form, enhanced; see partials/contact_form.html for what it does and why.
const form = document.getElementById("kontaktforma");

if (form && !form.dataset.js) {
  form.dataset.js = "1"; // the module may be referenced twice
  const $ = (selector) => form.querySelector(selector);
  const { ts, quote } = form.elements;
  const ok = $("#kf-ok");
  const err = $("#kf-err");
  const summary = $("#quote-summary");
  let busy = false;

  ts.value = Date.now();

  const setQuote = (query = "", lines = []) => {
    quote.value = query;
    $("#quote-summary-lines").replaceChildren(
      ...lines.map((line) => Object.assign(document.createElement("li"), { textContent: line })),
    );
    summary.hidden = !query;
  };

  document.addEventListener("quote-change", ({ detail }) => setQuote(detail?.query, detail?.lines));
  $("#quote-remove").addEventListener("click", () => {
    setQuote();
    $("#kf-message").focus();
  });

  const show = (box, text) => {
    if (text) box.textContent = text;
    box.hidden = false;
    box.focus();
  };

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (busy) return;
    busy = true;
    ok.hidden = err.hidden = true;
    for (const p of form.querySelectorAll(".field-error")) p.textContent = "";
    for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
    let response;
    try {
      response = await fetch(form.action, {
        method: "POST",
        body: new URLSearchParams(new FormData(form)),
        headers: { Accept: "application/json" },
      });
    } catch {
      form.submit(); // network failure: let the browser post it
      return;
    } finally {
      busy = false;
    }
    if (response.ok) {
      form.reset();
      show(ok);
      return;
    }
    const { errors = [] } = await response.json().catch(() => ({}));
    let first;
    let general;
    for (const { field, message } of errors) {
      const box = field && document.getElementById(`kf-${field}-err`);
      if (box) {
        box.textContent = message;
        const inputs = [...form.elements].filter((el) => el.name === field);
        for (const el of inputs) el.setAttribute("aria-invalid", "true");
        first ||= inputs[0];
      } else {
        general ||= message;
      }
    }
    if (first && !general) {
      err.textContent = err.dataset.invalid;
      err.hidden = false;
      first.focus();
    } else {
      show(err, general || err.dataset.fail);
    }
  });
}
