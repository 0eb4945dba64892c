// Consultation deadlines re-checked against the reader's clock (the page was built on some
// earlier day): after the deadline, show "已截止" instead of the open state. Dates are read from
// data-comment-until attributes written by the build; no metadata is turned into code.
(function () {
  "use strict";

  var DAY = 86400000;

  // Today's date in Asia/Shanghai as a day number (days since 1970-01-01).
  function todayNumber() {
    return Math.floor((Date.now() + 8 * 3600000) / DAY);
  }

  function dayNumber(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return m ? Math.floor(Date.UTC(+m[1], +m[2] - 1, +m[3]) / DAY) : null;
  }

  function update(root) {
    var today = todayNumber();
    var nodes = root.querySelectorAll("[data-comment-until]");
    for (var i = 0; i < nodes.length; i++) {
      var node = nodes[i];
      var until = dayNumber(node.getAttribute("data-comment-until"));
      if (until === null) continue;
      var left = until - today;
      if (left < 0) {
        node.classList.add("lc-is-closed");
        toggle(node, ".lc-when-open", true);
        toggle(node, ".lc-when-closed", false);
        continue;
      }
      var built = parseInt(node.getAttribute("data-days-left"), 10);
      // Only ever count down from what the build said (a slow clock must not add days).
      if (!isNaN(built) && left > built) left = built;
      var days = node.querySelectorAll(".lc-days");
      for (var j = 0; j < days.length; j++) {
        days[j].textContent = left === 0 ? "今天截止" : "还剩 " + left + " 天";
      }
    }
  }

  function toggle(node, selector, hide) {
    var parts = node.querySelectorAll(selector);
    for (var k = 0; k < parts.length; k++) parts[k].hidden = hide;
  }

  // Per-clause 意见 links: the build writes one pre-filled template per page (on #lc-feedback)
  // and short links per clause; fill in each clause here. Without JS they lead to #lc-feedback.
  function fillClauseLinks(root) {
    var base = root.getElementById ? root.getElementById("lc-feedback") : null;
    var template = base && base.getAttribute("data-clause-template");
    if (!template) return;
    var links = root.querySelectorAll("a.lc-clause-feedback[data-clause]");
    for (var i = 0; i < links.length; i++) {
      var clause = encodeURIComponent(links[i].getAttribute("data-clause") || "");
      var anchor = encodeURIComponent(links[i].getAttribute("data-anchor") || "");
      links[i].setAttribute("href", template.split("__CLAUSE__").join(clause)
        .split("__ANCHOR__").join(anchor));
    }
  }

  // On a published standard the page-level 意见反馈 link names the clause the reader is on:
  // the one in the URL fragment (a clause permalink, or the ¶ link just clicked).
  function followHash() {
    var base = document.getElementById("lc-feedback");
    var template = base && base.getAttribute("data-clause-template");
    if (!template) return;
    if (!base.hasAttribute("data-page-href")) {
      base.setAttribute("data-page-href", base.getAttribute("href"));
    }
    var id = "";
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { id = ""; }
    var heading = id ? document.getElementById(id) : null;
    var inText = heading && heading.closest && heading.closest(".std-text");
    if (!inText || !/^H[2-6]$/.test(heading.tagName)) {
      base.setAttribute("href", base.getAttribute("data-page-href"));
      return;
    }
    var label = (heading.textContent || "").replace(/[¶✉]/g, "").replace(/意见（.*$/, "").trim();
    base.setAttribute("href", template.split("__CLAUSE__").join(encodeURIComponent(label))
      .split("__ANCHOR__").join(encodeURIComponent(id)));
  }

  function run() { update(document); fillClauseLinks(document); followHash(); }
  window.addEventListener("hashchange", followHash);
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(run);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();
