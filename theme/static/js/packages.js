/**
 * The package cards' "Izvēlēties" links (partials/packages.html).
 *
 * Each link is a plain share link to the configurator with one package tier chosen, so without
 * JavaScript it opens the configurator's section and, once the configurator runs, restores the
 * choice from the address. With the configurator already on the page, a click chooses the tier
 * in place instead of loading the page again: it checks the tier's radio button, lets the
 * configurator recompute (an ordinary "input" event), brings the chosen tier into view and puts
 * the focus on it.
 */

const configurator = document.getElementById("konfigurators");

/** The package and tier a card's link chooses: its query holds exactly one `package=tier`. */
function linkChoice(link) {
  const entries = Array.from(new URL(link.href).searchParams);
  return entries.length === 1 ? entries[0] : null;
}

function chooseTier(event) {
  const link = event.target.closest(".package-action a");
  const choice = link && linkChoice(link);
  if (!choice || !configurator || configurator.hidden) {
    return;
  }
  const [service, tier] = choice;
  const radio = Array.from(configurator.querySelectorAll("input[type=radio]")).find(
    (input) => input.name === service && input.value === tier,
  );
  if (!radio || radio.disabled) {
    return;
  }
  event.preventDefault();
  radio.checked = true;
  radio.dispatchEvent(new Event("input", { bubbles: true }));
  radio.dispatchEvent(new Event("change", { bubbles: true }));
  (radio.closest("label") || radio).scrollIntoView({ block: "center" });
  radio.focus({ preventScroll: true });
}

document.addEventListener("click", chooseTier);
