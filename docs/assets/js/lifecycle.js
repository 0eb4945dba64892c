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

  // The page's 意见反馈 link (hooks/pages/feedback.py) turned into the link for one clause, exactly as
  // feedback.py writes a clause link: mailto: subject + " 条款 X", body with "条款：X" after its
  // first line and "#anchor" on its 页面 line; a form address gets clause= and page=…#anchor.
  // The build writes only the page link, so a page does not carry a second pre-filled address.
  function clauseHref(href, clause, anchor) {
    var hash = href.indexOf("#");
    var fragment = hash < 0 ? "" : href.slice(hash);
    var bare = hash < 0 ? href : href.slice(0, hash);
    var q = bare.indexOf("?");
    var pairs = q < 0 ? [] : bare.slice(q + 1).split("&").map(function (part) {
      var eq = part.indexOf("=");
      return eq < 0 ? [decodeURIComponent(part), ""]
        : [decodeURIComponent(part.slice(0, eq)), decodeURIComponent(part.slice(eq + 1))];
    });
    var mail = /^mailto:/i.test(bare);
    var at = -1;
    pairs = pairs.map(function (kv, i) {
      if (mail && kv[0] === "subject") return [kv[0], kv[1] + " 条款 " + clause];
      if (mail && kv[0] === "body") {
        var lines = kv[1].split("\r\n");
        lines.splice(1, 0, "条款：" + clause);
        return [kv[0], lines.map(function (line) {
          return /^页面：/.test(line) ? line + "#" + anchor : line;
        }).join("\r\n")];
      }
      if (!mail && kv[0] === "page") { at = i; return [kv[0], kv[1] + "#" + anchor]; }
      return kv;
    });
    if (!mail) pairs.splice(at < 0 ? pairs.length : at, 0, ["clause", clause]);
    return (q < 0 ? bare : bare.slice(0, q)) + "?" + pairs.map(function (kv) {
      return encodeURIComponent(kv[0]) + "=" + encodeURIComponent(kv[1]);
    }).join("&") + fragment;
  }

  function pageHref(base) {
    if (!base.hasAttribute("data-page-href")) {
      base.setAttribute("data-page-href", base.getAttribute("href") || "");
    }
    return base.getAttribute("data-page-href");
  }

  // Per-clause 意见 links on a draft: short links to #lc-feedback in the HTML (that is where they
  // lead without JS); each gets its clause's pre-filled address here.
  function fillClauseLinks(root) {
    var base = root.getElementById ? root.getElementById("lc-feedback") : null;
    if (!base || !pageHref(base)) return;
    var links = root.querySelectorAll("a.lc-clause-feedback[data-clause]");
    for (var i = 0; i < links.length; i++) {
      links[i].setAttribute("href", clauseHref(pageHref(base),
        links[i].getAttribute("data-clause") || "", links[i].getAttribute("data-anchor") || ""));
    }
  }

  // On a published standard the page-level 意见反馈 link names the clause the reader is on:
  // the one in the URL fragment (a clause permalink, or the ¶ link just clicked).
  function followHash() {
    var base = document.getElementById("lc-feedback");
    if (!base || !pageHref(base)) return;
    var id = "";
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { id = ""; }
    var heading = id ? document.getElementById(id) : null;
    var inText = heading && heading.closest && heading.closest(".std-text");
    if (!inText || !/^H[2-6]$/.test(heading.tagName)) {
      base.setAttribute("href", pageHref(base));
      return;
    }
    var label = (heading.textContent || "").replace(/[¶✉]/g, "").replace(/意见（.*$/, "").trim();
    base.setAttribute("href", clauseHref(pageHref(base), label, id));
  }

  window.StandardFeedback = { clauseHref: clauseHref };

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
