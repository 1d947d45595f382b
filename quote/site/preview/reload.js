// Development only: `quote serve` adds this script to the pages it sends; no build contains it.
// The server streams the number of the newest build; the page reloads when it is not its own.
(() => {
  const script = document.currentScript;
  const shown = script.dataset.generation;
  const events = new EventSource(script.dataset.events);
  events.addEventListener("message", (event) => {
    if (event.data !== shown) {
      events.close();
      location.reload();
    }
  });
})();
