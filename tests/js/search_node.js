/*
 * Runs docs/assets/js/search.js in node (no browser) for the Python tests:
 *   node tests/js/search_node.js SEARCH_JS SITE_DIR < requests.json  → results JSON on stdout
 * requests: {"tokenise": [query...], "bodyTokens": [text...], "shards": {token: n},
 *            "queries": [query...], "decode": [posting text...]}
 * "tokenise" uses the settings and dictionary of SITE_DIR/search/meta.json.
 */
"use strict";
const fs = require("fs");

const [searchJs, siteDir] = process.argv.slice(2);
const requests = JSON.parse(fs.readFileSync(0, "utf8"));

const S = require("./fake_browser.js").loadSearch(searchJs, siteDir);

(async () => {
  const e = await S._engine();
  const out = { tokenise: {}, bodyTokens: {}, shards: {}, queries: {}, decode: [] };
  for (const text of requests.decode || []) out.decode.push(S._decode(text, e.settings.posting_digits));
  for (const [t, n] of Object.entries(requests.shards || {})) out.shards[t] = e.tk.shardOf(t, n);
  for (const q of requests.tokenise || []) out.tokenise[q] = e.tk.queryTerms(q, e.dict);
  for (const t of requests.bodyTokens || []) out.bodyTokens[t] = e.tk.bodyTokens(t);
  for (const q of requests.queries || []) {
    const found = await S._run(q);
    out.queries[q] = found.results.map((r) => ({
      slug: r.slug, score: r.score, status: r.status,
      hits: r.hits.map((h) => ({ clause: h.clause, heading: h.heading, url: h.url, snippet_html: h.snippet_html })),
    }));
  }
  process.stdout.write(JSON.stringify(out));
})().catch((err) => { console.error(err); process.exit(1); });
