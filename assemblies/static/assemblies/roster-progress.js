// Follows a roster check or import while the task worker runs, then reloads the page with the result.
(function () {
  const box = document.querySelector("[data-roster-progress]");
  if (!box) return;
  const bar = box.querySelector("progress");
  const status = box.querySelector("[data-roster-status]");
  const count = box.querySelector("[data-roster-count]");
  async function poll() {
    try {
      const response = await fetch(box.dataset.rosterProgress, { headers: { Accept: "application/json" } });
      const data = await response.json();
      bar.value = data.percent;
      bar.textContent = data.percent + " %";
      status.textContent = data.status_display;
      count.textContent = data.progress_text;
      if (!data.running) {
        window.location.reload();
        return;
      }
    } catch (error) {
      // A passing network error: try again on the next tick.
    }
    window.setTimeout(poll, 1000);
  }
  window.setTimeout(poll, 1000);
})();
