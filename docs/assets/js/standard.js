/*
 * Standard pages: the ¶ link on every clause heading, and the 复制 button next to the GB/T 7714
 * citation.
 * The build leaves the ¶ links out of the HTML (a hundred per standard; every heading keeps its
 * id, so #5.2 works without JavaScript) and they are added here, before any 意见 link.
 * <button data-copy-target="ID" hidden> is shown only when JavaScript runs; it copies the text of
 * the element with that id and says so in the button itself (polite, no alert).
 */
(function () {
  "use strict";

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise((resolve, reject) => {
      const area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.append(area);
      area.select();
      const ok = document.execCommand("copy");
      area.remove();
      if (ok) resolve();
      else reject(new Error("copy refused"));
    });
  }

  function addPermalinks() {
    const headings = document.querySelectorAll(
      ".std-text h2[id], .std-text h3[id], .std-text h4[id], .std-text h5[id], .std-text h6[id]");
    for (const heading of headings) {
      if (heading.querySelector(":scope > a.headerlink")) continue;
      const link = document.createElement("a");
      link.className = "headerlink";
      link.href = "#" + heading.id;
      link.title = "本条链接";
      link.textContent = "¶";
      heading.insertBefore(link, heading.querySelector(":scope > .lc-clause-feedback"));
    }
  }

  function init() {
    addPermalinks();
    for (const button of document.querySelectorAll("button[data-copy-target]")) {
      if (button.dataset.copyReady) continue;
      const target = document.getElementById(button.dataset.copyTarget);
      if (!target) continue;
      button.dataset.copyReady = "1";
      button.hidden = false;
      const label = button.textContent;
      button.addEventListener("click", () => {
        copyText(target.textContent.trim()).then(
          () => { button.textContent = "已复制"; },
          () => { button.textContent = "复制失败，请手动选择"; },
        ).finally(() => {
          window.setTimeout(() => { button.textContent = label; }, 2000);
        });
      });
    }
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
