/* Planassistenten: the source view. Marks the chunk named in the address (#chunk-…) and moves to it;
 * CSS :target does the same without script, the class covers focus and later hash changes. */
"use strict";

(function () {
  const TARGET_CLASS = "is-target";

  function chunkFromHash() {
    const hash = window.location.hash.slice(1);
    if (!hash.startsWith("chunk-")) return null;
    try {
      return document.getElementById(decodeURIComponent(hash));
    } catch (error) {
      return null;
    }
  }

  function markTarget() {
    document.querySelectorAll("." + TARGET_CLASS).forEach((node) => node.classList.remove(TARGET_CLASS));
    const chunk = chunkFromHash();
    if (!chunk) return;
    chunk.classList.add(TARGET_CLASS);
    const smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    chunk.scrollIntoView({ behavior: smooth ? "smooth" : "auto", block: "center" });
    // Focus lets keyboard and screen-reader users start reading at the cited passage.
    chunk.focus({ preventScroll: true });
  }

  function init() {
    markTarget();
    window.addEventListener("hashchange", markTarget);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
