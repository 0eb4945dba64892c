/*
 * 标准检索 (search/?q=…&domain=…&level=…&status=…): the results page of the header box.
 *
 * The page (hooks/templates/search_page.html) carries a form and an empty list, not the
 * catalogue's table, so a query costs the page, the theme, search/meta.json and its own words'
 * postings. Results show as soon as the index answers: the metadata pass at once when it finds
 * something, then the full-text pass (window.StandardSearch.base). Clause snippets come after,
 * and only for results on screen (IntersectionObserver → StandardSearch.hitsFor, which reads
 * those standards' pages); a result whose words turn out not to stand together in any clause
 * (a false bigram match) is then taken out. The first drawn result sets the performance mark
 * "search:first-result" (bench/web_bench.py measures up to it).
 * #search-page carries data-state="loading", then "done" once the full pass has ranked the results.
 * URL state: q and the facets; a new query or facet pushes a history entry, back/forward restores.
 */
(function () {
  "use strict";

  const PAGE = 20; /* results drawn at once; 显示更多结果 adds as many again */
  const FACETS = ["domain", "level", "status"];
  const BATCH_MS = 60; /* results coming into view within this time share one snippet request */

  const pageEl = document.getElementById("search-page");
  const S = window.StandardSearch;
  if (!pageEl || !S) return;

  const form = document.getElementById("search-form");
  const input = document.getElementById("search-q");
  const list = document.getElementById("search-list");
  const countEl = document.getElementById("search-count");
  const moreEl = document.getElementById("search-more");
  const emptyEl = document.getElementById("search-results");
  const data = JSON.parse(document.getElementById("search-data").textContent);
  const intro = countEl.textContent;

  let state = readUrl();
  let generation = 0;
  let shown = []; /* the current results after facets, best first */
  let limit = PAGE;
  let marked = false;
  const items = new Map(); /* slug → <li> of the current query */
  const asked = new Set(); /* slugs whose snippets were requested for the current query */
  let pending = [];
  let timer = 0;

  function readUrl() {
    const p = new URLSearchParams(window.location.search);
    const out = { q: (p.get("q") || "").trim() };
    for (const k of FACETS) out[k] = (p.get(k) || "").trim();
    return out;
  }

  function writeUrl() {
    const p = new URLSearchParams();
    for (const k of ["q", ...FACETS]) if (state[k]) p.set(k, state[k]);
    const url = window.location.pathname + (p.toString() ? "?" + p : "");
    window.history.pushState(null, "", url);
  }

  function syncForm() {
    input.value = state.q;
    for (const k of FACETS) {
      const select = form.elements[k];
      if (!select) continue;
      select.value = state[k];
      if (select.value !== state[k]) select.value = ""; /* a value the build does not offer */
    }
    document.title = (state.q ? "“" + state.q + "”的检索结果 - " : "") + document.title.replace(/^“.*”的检索结果 - /, "");
  }

  function readForm() {
    const out = { q: input.value.trim() };
    for (const k of FACETS) out[k] = form.elements[k] ? form.elements[k].value : "";
    return out;
  }

  function facetMatch(res) {
    if (!FACETS.some((k) => state[k])) return true;
    if (res.kind === "article") return false; /* facets describe standards */
    if (state.domain && res.domain !== state.domain && !res.domain.startsWith(state.domain + ".")) return false;
    if (state.level && res.level !== state.level) return false;
    if (state.status && !state.status.split(",").includes(res.status)) return false;
    return true;
  }

  const el = S.el; /* the DOM builder search.js draws with */

  function metaLine(res) {
    if (res.kind === "article") return [res.category, res.date].filter(Boolean).join(" · ");
    const domain = data.domains[res.domain] || "";
    return [res.level, domain, res.year ? res.year + " 年发布" : ""].filter(Boolean).join(" · ");
  }

  function item(res) {
    const article = res.kind === "article";
    const badge = article
      ? el("span", { className: "srch-item__kind", text: "文章" })
      : el("span", { className: "std-status", "data-status-text": res.status, text: res.status });
    const li = el("li", { className: "srch-item", "data-search-result": "", "data-slug": res.slug }, [
      el("p", { className: "srch-item__head" }, [
        badge,
        el("a", { className: "srch-item__link", href: S.resultHref(res) }, [
          article ? null : el("span", { className: "srch-item__number", text: res.number }),
          el("span", { className: "srch-item__title", text: res.title }),
        ]),
      ]),
      el("p", { className: "srch-item__meta", text: metaLine(res) }),
      el("div", { className: "srch-item__why" }, [S.whyNode(res)]),
      el("div", { className: "srch-item__hits" }),
    ]);
    li.result = res;
    return li;
  }

  /* ---------------------------------------------------------------- snippets, on screen only */

  const observer = "IntersectionObserver" in window ? new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      observer.unobserve(entry.target);
      want(entry.target);
    }
  }, { rootMargin: "200px 0px" }) : null;

  function want(li) {
    const res = li.result;
    if (!res || !res.clauses || !res.clauses.length || asked.has(res.slug)) return;
    asked.add(res.slug);
    pending.push(res);
    window.clearTimeout(timer);
    timer = window.setTimeout(fetchHits, BATCH_MS);
  }

  async function fetchHits() {
    const batch = pending;
    const mine = generation;
    const q = state.q;
    pending = [];
    if (!batch.length) return;
    let kept;
    try { kept = await S.hitsFor(q, batch); } catch (err) { return; }
    if (mine !== generation) return;
    const stands = new Map(kept.map((r) => [r.slug, r]));
    let dropped = 0;
    for (const res of batch) {
      const li = items.get(res.slug);
      const done = stands.get(res.slug);
      if (!done) { /* its words never stand together in one clause: not a hit after all */
        if (li) li.remove();
        items.delete(res.slug);
        shown = shown.filter((r) => r.slug !== res.slug);
        dropped++;
        continue;
      }
      if (!li) continue;
      li.result = done;
      li.querySelector(".srch-item__link").href = S.resultHref(done);
      li.querySelector(".srch-item__why").replaceChildren(...[S.whyNode(done)].filter(Boolean));
      if (done.hits && done.hits.length) li.querySelector(".srch-item__hits").replaceChildren(S.hitsList(done.hits));
    }
    if (dropped) { drawCount(true); fill(); }
  }

  /* ---------------------------------------------------------------- drawing */

  function drawCount(done) {
    const n = shown.length;
    if (!n) { countEl.textContent = done ? "没有找到相符的结果。" : "正在检索…"; return; }
    const articles = shown.filter((r) => r.kind === "article").length;
    const standards = n - articles;
    const parts = [standards ? standards + " 项标准" : "", articles ? articles + " 篇文章" : ""].filter(Boolean);
    countEl.textContent = "“" + state.q + "”：找到 " + parts.join("、") + (done ? "" : "，正在检索全文…");
  }

  /* Draw the first `limit` of `shown`, reusing the <li> of a result already on the page. */
  function fill() {
    const wanted = shown.slice(0, limit);
    const nodes = wanted.map((res) => {
      let li = items.get(res.slug);
      if (!li) {
        li = item(res);
        items.set(res.slug, li);
      } else if (!li.result.hits || !li.result.hits.length) {
        li.result = { ...res, hits: li.result.hits };
      }
      return li;
    });
    list.replaceChildren(...nodes);
    const rest = shown.length - wanted.length;
    moreEl.hidden = rest <= 0;
    moreEl.textContent = "显示更多结果（还有 " + rest + " 项）";
    for (const li of nodes) {
      if (asked.has(li.dataset.slug)) continue;
      if (observer) observer.observe(li);
      else if (nodes.indexOf(li) < 10) want(li);
    }
    if (nodes.length && !marked) {
      marked = true;
      if (window.performance && performance.mark) performance.mark("search:first-result");
    }
  }

  function show(results, done) {
    shown = results.filter(facetMatch);
    drawCount(done);
    fill();
    if (done && !shown.length && state.q) S.renderEmpty(emptyEl, state.q);
    else emptyEl.replaceChildren();
  }

  function reset() {
    generation++;
    pageEl.dataset.state = "loading";
    items.clear();
    asked.clear();
    pending = [];
    shown = [];
    limit = PAGE;
    list.replaceChildren();
    emptyEl.replaceChildren();
    moreEl.hidden = true;
    if (observer) observer.disconnect();
  }

  async function run() {
    reset();
    const mine = generation;
    syncForm();
    if (!state.q) { countEl.textContent = intro; pageEl.dataset.state = "done"; return; }
    countEl.textContent = "正在检索…";
    let e;
    try { e = await S._engine(); } catch (err) {
      countEl.textContent = "检索索引加载失败，请稍后重试，或到标准目录中浏览。";
      pageEl.dataset.state = "failed";
      return;
    }
    if (mine !== generation) return;
    const quick = S._meta(e, state.q).results;
    if (quick.some(facetMatch)) show(quick, false); /* metadata first: no index file needed */
    let found;
    try { found = await S.base(state.q); } catch (err) { found = null; }
    if (mine !== generation) return;
    show(found ? found.results : quick, true);
    pageEl.dataset.state = "done"; /* ranked by the full pass (tests and the benchmark wait for it) */
  }

  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    state = readForm();
    writeUrl();
    run();
  });
  for (const k of FACETS) {
    if (form.elements[k]) form.elements[k].addEventListener("change", () => form.requestSubmit());
  }
  moreEl.addEventListener("click", () => {
    const first = shown[limit];
    limit += PAGE;
    fill();
    const li = first && items.get(first.slug);
    const link = li && li.querySelector("a");
    if (link) link.focus(); /* keyboard and screen-reader users continue at the first new result */
  });
  window.addEventListener("popstate", () => { state = readUrl(); run(); });

  if (state.q && window.matchMedia("(min-width: 45em)").matches) input.focus({ preventScroll: true });
  run();
})();
