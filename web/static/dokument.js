/* Planassistenten: the documents page. Shows the background reindex's progress (polling
 * /api/index-status), reloads the list when it is done, and asks before a deletion (on the
 * feedback list too, which loads this file for that alone). */
"use strict";

(function () {
  const POLL_MS = 1000;

  function askBeforeSubmit() {
    document.querySelectorAll("form[data-confirm]").forEach((form) => {
      form.addEventListener("submit", (event) => {
        if (!window.confirm(form.dataset.confirm)) event.preventDefault();
      });
    });
  }

  function show(section, status) {
    const message = section.querySelector("[data-index-message]");
    const bar = section.querySelector("[data-index-progress]");
    section.hidden = status.state === "idle";
    section.dataset.state = status.state;
    if (message && message.textContent !== status.message) message.textContent = status.message;
    if (bar) {
      bar.hidden = !status.running;
      bar.max = Math.max(status.total, 1);
      bar.value = Math.min(status.done, bar.max);
    }
  }

  function follow(section) {
    let sawRunning = section.dataset.state === "running";
    if (!sawRunning) return;
    const url = section.dataset.statusUrl;
    const timer = window.setInterval(async () => {
      let status;
      try {
        const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
        if (!response.ok) return;
        status = await response.json();
      } catch (error) {
        return; // the server may be busy switching; try again on the next tick
      }
      show(section, status);
      if (status.running) {
        sawRunning = true;
      } else if (sawRunning) {
        window.clearInterval(timer);
        // The new index is in use: reload to list what it holds now.
        window.location.reload();
      }
    }, POLL_MS);
  }

  function init() {
    askBeforeSubmit();
    const section = document.querySelector("[data-index-status]");
    if (section) follow(section);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
