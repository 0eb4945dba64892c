/*
 * Keyboard access to scrollable boxes (WCAG 2.1.1): a wide table that scrolls sideways inside its
 * box (Material's .md-typeset__scrollwrap) becomes focusable, so it can be scrolled with the arrow
 * keys, and is named after its caption or the heading before it.
 */
(function () {
  "use strict";

  function label(box) {
    const caption = box.querySelector("caption");
    if (caption && caption.textContent.trim()) return caption.textContent.trim();
    let node = box.previousElementSibling;
    while (node && !/^H[1-6]$/.test(node.tagName)) node = node.previousElementSibling;
    return node ? node.textContent.replace(/¶$/, "").trim() + "（表格，可左右滚动）" : "表格，可左右滚动";
  }

  function update() {
    for (const box of document.querySelectorAll(".md-typeset__scrollwrap, [data-scroll-box]")) {
      const scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", label(box));
        box.dataset.scrollFocus = "1";
      } else if (!scrolls && box.dataset.scrollFocus) {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
        delete box.dataset.scrollFocus;
      }
    }
  }

  let pending = 0;
  function schedule() {
    if (pending) return;
    pending = window.requestAnimationFrame(() => { pending = 0; update(); });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(update);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", update);
  } else {
    update();
  }
  window.addEventListener("resize", schedule);
  window.addEventListener("load", update);
})();
