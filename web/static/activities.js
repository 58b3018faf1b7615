/* Planassistenten: the activity register page. The filters work without this file (a GET form);
 * with it, choosing a value in a list applies the filter at once. */
"use strict";

(function () {
  function init() {
    const form = document.querySelector("[data-register-filters]");
    if (!form) return;
    form.querySelectorAll("select[data-filter]").forEach((select) => {
      select.addEventListener("change", () => form.requestSubmit());
    });
    // Filters left at "Alla" stay out of the address, so it reads like the selection.
    form.addEventListener("submit", () => {
      form.querySelectorAll("select, input").forEach((field) => {
        if (field.name && !field.value) field.disabled = true;
      });
    });
    // Coming back to the page from history must find the fields usable again.
    window.addEventListener("pageshow", () => {
      form.querySelectorAll("select, input").forEach((field) => {
        field.disabled = false;
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
