/*
 * 解读与动态 (news/ lists, hooks/pages/news.py): the filters are links to one static page per
 * filter state, so they work without this script. It adds one thing: a list page opened with
 * ?category=…&year=… (the query style of the catalogue, e.g. from a bookmark or another site)
 * goes to the page of that state. The states and their addresses come from the page itself
 * (data-news-states on the filter bar: "category|year" → URL relative to this page).
 */
(function () {
  "use strict";

  function init() {
    const bar = document.querySelector("[data-news-states]");
    const params = new URLSearchParams(window.location.search);
    if (!bar || !(params.has("category") || params.has("year"))) return;
    let states;
    try { states = JSON.parse(bar.getAttribute("data-news-states")); } catch (err) { return; }
    const category = (params.get("category") || "").trim();
    const year = (params.get("year") || "").trim();
    const target = states[category + "|" + year];
    if (target === undefined) return; /* no such state: stay on this list */
    const url = new URL(target, window.location.href);
    url.hash = window.location.hash;
    if (url.href !== window.location.href) window.location.replace(url.href);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
