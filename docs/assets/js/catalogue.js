/*
 * 标准目录 (catalogue/): facets, sorting and URL state for the server-rendered table.
 *
 * CONTRACT (shared with the search feature, docs/assets/js/search.js)
 * ------------------------------------------------------------------
 * Markup (rendered at build time by hooks/templates/catalogue.html):
 *   <form id="catalogue-filters" role="search" method="get">
 *     <input type="search" name="q" id="catalogue-q">   (first control, labelled 检索)
 *     <select name="domain|level|status|year">, <input type="hidden" name="sort">, submit button
 *   <div id="search-results" aria-live="polite"></div>
 *   <p id="catalogue-count">
 *   <table id="catalogue-table"> … <tr data-slug data-domain="<node code>" data-top="<top code>"
 *       data-domains="<every code from the top node down to the node>" data-level data-status
 *       data-year="<issued year>">; every <td> carries data-sort (a rank or an ISO date).
 * Opened with ?q= or a facet in the URL, the template's inline script marks <html class="cat-pending">
 *   (rows out of layout, search/meta.json preloaded); the first apply() removes the class.
 * URL state: ?q=&domain=&level=&status=&year=&sort=  (sort: number|title|level|domain|status|
 *   issued|effective, "-" prefix for descending; none: by relevance with q, else "domain", the
 *   明细表 order the table is rendered in). status may list several values, comma-separated
 *   (?status=被代替,废止: any of them), as the status <select> offers. Facet changes push a
 *   history entry, typing in q replaces it; back/forward (popstate) restores the state. Without
 *   JavaScript the whole table shows and the form is a harmless GET.
 * Sort control: <select id="catalogue-order"> in #catalogue-sortbar (hidden until this script
 *   shows it; phones have no column heads): the same keys as the heads; its option "" (data-query-only,
 *   按相关程度) is offered only while there is a query.
 * Search hook, all optional (window.StandardSearch):
 *   await StandardSearch.query(q) → [{slug, score, hits: [...]}] best first, or null (= no
 *     opinion: the catalogue falls back to a plain substring match on the row text).
 *   Only rows whose slug is in the result show (intersected with the facets), in rank order
 *     unless the reader picked a sort column.
 *   StandardSearch.renderHits(row, result) decorates a shown row; renderHits(row, null) is called
 *     for a row decorated earlier that is no longer a hit, so it can remove its decoration.
 *   StandardSearch.renderEmpty(container, q) fills #search-results when q matched nothing
 *     (the catalogue clears that container on the next update).
 * Events and API: after init the catalogue dispatches `catalogue:ready` on document;
 *   window.Catalogue.refresh() re-applies the current state (call it when the search index has
 *   loaded); window.Catalogue.state() returns the current parameters.
 */
(function () {
  "use strict";

  const FACETS = ["domain", "level", "status", "year"];
  const PARAMS = ["q", ...FACETS, "sort"];
  const SORT_KEYS = ["number", "title", "level", "domain", "status", "issued", "effective"];
  const NUMERIC_SORT = new Set(["number", "title", "level", "domain", "status"]);
  const DEFAULT_SORT = "domain"; /* 明细表 order: framework node, then number */

  let table, tbody, form, countEl, emptyEl, resultsEl, rows, total, columns, orderEl;
  let state = {};
  let generation = 0;
  let decorated = new Set();
  let emptyRendered = false;
  let typingTimer = 0;

  function readUrl() {
    const params = new URLSearchParams(window.location.search);
    const next = {};
    for (const key of PARAMS) next[key] = (params.get(key) || "").trim();
    if (next.sort && !SORT_KEYS.includes(next.sort.replace(/^-/, ""))) next.sort = "";
    return next;
  }

  function writeUrl(push) {
    const params = new URLSearchParams();
    for (const key of PARAMS) if (state[key]) params.set(key, state[key]);
    const query = params.toString();
    const url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    if (url === window.location.pathname + window.location.search + window.location.hash) return;
    try {
      if (push) window.history.pushState(state, "", url);
      else window.history.replaceState(state, "", url);
    } catch (err) {
      /* file:// pages in some browsers refuse history changes: the table still filters. */
    }
  }

  function syncForm() {
    form.elements.q.value = state.q;
    for (const key of FACETS) {
      const select = form.elements[key];
      select.value = state[key];
      if (select.value !== state[key]) state[key] = ""; /* unknown value in the URL */
    }
    form.elements.sort.value = state.sort;
  }

  function readForm() {
    const next = { sort: state.sort };
    next.q = form.elements.q.value.trim();
    for (const key of FACETS) next[key] = form.elements[key].value;
    return next;
  }

  function facetMatch(row) {
    const d = row.dataset;
    if (state.domain && !d.domains.split(" ").includes(state.domain)) return false;
    if (state.level && d.level !== state.level) return false;
    if (state.status && !state.status.split(",").includes(d.status)) return false;
    if (state.year && d.year !== state.year) return false;
    return true;
  }

  function sortValue(row, key) {
    const cell = row.cells[columns[key]];
    const raw = cell ? cell.dataset.sort || "" : "";
    return NUMERIC_SORT.has(key) ? Number(raw) : raw;
  }

  function compareBy(key, descending) {
    return function (a, b) {
      const x = sortValue(a, key);
      const y = sortValue(b, key);
      let order = x < y ? -1 : x > y ? 1 : 0;
      if (order === 0) order = sortValue(a, "number") - sortValue(b, "number");
      return descending ? -order : order;
    };
  }

  async function searchResults(q) {
    const search = window.StandardSearch;
    if (!q) return null;
    if (search && typeof search.query === "function") {
      try {
        const res = await search.query(q);
        if (Array.isArray(res)) return res;
      } catch (err) {
        console.error("StandardSearch.query failed", err);
      }
    }
    /* Fallback: plain, case-insensitive substring match on what the row shows. */
    const needle = q.toLowerCase();
    return rows
      .filter((row) => row.textContent.toLowerCase().includes(needle))
      .map((row) => ({ slug: row.dataset.slug, score: 0, hits: [] }));
  }

  async function apply() {
    const mine = ++generation;
    const results = await searchResults(state.q);
    if (mine !== generation) return; /* a newer update has started */
    const bySlug = new Map();
    if (results) results.forEach((res, i) => bySlug.set(res.slug, { res, rank: i }));

    const shown = rows.filter((row) => facetMatch(row) && (!results || bySlug.has(row.dataset.slug)));
    const hidden = rows.filter((row) => !shown.includes(row));
    const sortKey = state.sort.replace(/^-/, "");
    if (sortKey) shown.sort(compareBy(sortKey, state.sort.startsWith("-")));
    else if (results) shown.sort((a, b) => bySlug.get(a.dataset.slug).rank - bySlug.get(b.dataset.slug).rank);
    else shown.sort(compareBy(DEFAULT_SORT, false));

    for (const row of shown) row.hidden = false;
    for (const row of hidden) row.hidden = true;
    tbody.append(...shown, ...hidden);

    decorate(results ? bySlug : null, shown);
    updateHeaders(sortKey, state.sort.startsWith("-"));
    updateCount(shown.length);
  }

  function decorate(bySlug, shown) {
    const search = window.StandardSearch;
    const render = search && typeof search.renderHits === "function" ? search.renderHits : null;
    const still = new Set();
    if (bySlug && render) {
      for (const row of shown) {
        try {
          render.call(search, row, bySlug.get(row.dataset.slug).res);
          still.add(row);
        } catch (err) {
          console.error("StandardSearch.renderHits failed", err);
        }
      }
    }
    for (const row of decorated) {
      if (!still.has(row) && render) {
        try { render.call(search, row, null); } catch (err) { /* decoration is optional */ }
      }
    }
    decorated = still;
  }

  function updateHeaders(sortKey, descending) {
    const active = sortKey || (state.q ? "" : DEFAULT_SORT);
    for (const th of table.tHead.rows[0].cells) {
      if (th.dataset.sortKey === active) th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      else th.removeAttribute("aria-sort");
    }
    syncOrder();
  }

  /* The 排序 <select> shows the order in effect; an order only a column head gives (say
     标准号, descending) gets an option of its own while it lasts. */
  function syncOrder() {
    if (!orderEl) return;
    const value = state.sort || (state.q ? "" : DEFAULT_SORT);
    for (const option of orderEl.options) {
      if ("queryOnly" in option.dataset) option.disabled = !state.q;
    }
    let custom = orderEl.querySelector("option[data-custom]");
    const known = Array.from(orderEl.options).some((o) => !("custom" in o.dataset) && o.value === value);
    if (!known) {
      const key = value.replace(/^-/, "");
      const th = table.tHead.querySelector(`th[data-sort-key="${key}"]`);
      if (!custom) {
        custom = document.createElement("option");
        custom.dataset.custom = "";
        orderEl.append(custom);
      }
      custom.value = value;
      custom.textContent = `按${th ? th.textContent.trim() : key}（${value.startsWith("-") ? "倒序" : "顺序"}）`;
    } else if (custom) {
      custom.remove();
    }
    orderEl.value = value;
  }

  function onOrderChange() {
    let sort = orderEl.value;
    if (sort === DEFAULT_SORT && !state.q) sort = ""; /* the default needs no parameter */
    update({ ...state, sort }, true);
  }

  function updateCount(n) {
    const filtered = state.q || FACETS.some((key) => state[key]);
    countEl.textContent = filtered ? `筛选出 ${n} 项标准（共 ${total} 项）` : `共 ${total} 项标准`;
    if (emptyRendered) {
      resultsEl.replaceChildren();
      emptyRendered = false;
    }
    const search = window.StandardSearch;
    if (n === 0 && state.q && search && typeof search.renderEmpty === "function") {
      emptyEl.hidden = true;
      try {
        search.renderEmpty(resultsEl, state.q);
        emptyRendered = true;
      } catch (err) {
        emptyEl.hidden = false;
      }
    } else {
      emptyEl.hidden = n !== 0;
    }
  }

  function update(next, push) {
    state = next;
    syncForm();
    writeUrl(push);
    return apply();
  }

  function onSortClick(event) {
    const th = event.target.closest("th[data-sort-key]");
    if (!th) return;
    const key = th.dataset.sortKey;
    const current = state.sort || (state.q ? "" : DEFAULT_SORT);
    let sort = key;
    if (current === key) sort = "-" + key;
    else if (current === "-" + key) sort = key;
    else if (key === "issued" || key === "effective") sort = "-" + key; /* newest first */
    if (sort === DEFAULT_SORT && !state.q) sort = "";
    update({ ...state, sort }, true);
  }

  function init() {
    table = document.getElementById("catalogue-table");
    form = document.getElementById("catalogue-filters");
    if (!table || !form || table.dataset.catalogueReady) return;
    table.dataset.catalogueReady = "1";
    tbody = table.tBodies[0];
    countEl = document.getElementById("catalogue-count");
    emptyEl = document.getElementById("catalogue-empty");
    resultsEl = document.getElementById("search-results");
    rows = Array.from(tbody.rows);
    total = rows.length;
    columns = {};
    Array.from(table.tHead.rows[0].cells).forEach((th, i) => { columns[th.dataset.sortKey] = i; });

    form.addEventListener("submit", (event) => {
      event.preventDefault();
      window.clearTimeout(typingTimer);
      update(readForm(), true);
    });
    form.addEventListener("reset", (event) => {
      event.preventDefault();
      update({ q: "", domain: "", level: "", status: "", year: "", sort: "" }, true);
    });
    form.addEventListener("change", (event) => {
      if (event.target.name === "q") return;
      update(readForm(), true);
    });
    form.elements.q.addEventListener("input", () => {
      window.clearTimeout(typingTimer);
      typingTimer = window.setTimeout(() => update(readForm(), false), 150);
    });
    table.tHead.addEventListener("click", onSortClick);
    orderEl = document.getElementById("catalogue-order");
    if (orderEl) {
      orderEl.addEventListener("change", onOrderChange);
      const bar = document.getElementById("catalogue-sortbar");
      if (bar) bar.hidden = false;
    }
    window.addEventListener("popstate", () => {
      state = readUrl();
      syncForm();
      apply();
    });

    window.Catalogue = {
      refresh: () => apply(),
      state: () => ({ ...state }),
    };
    state = readUrl();
    syncForm();
    /* The page's inline script hid the unfiltered rows (html.cat-pending) while a query loads. */
    apply().finally(() => document.documentElement.classList.remove("cat-pending"));
    document.documentElement.classList.add("catalogue-js");
    document.dispatchEvent(new CustomEvent("catalogue:ready"));
  }

  /* This script comes after the page content, so the table is usually parsed already: start at
     once instead of waiting for DOMContentLoaded and Material's bundle (init runs only once). */
  if (document.getElementById("catalogue-table")) init();
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init); /* Material's instant navigation */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
