/*
 * Runs docs/assets/js/search.js in node for tests/test_search_numbers.py:
 *   node tests/js/search_ux_node.js SEARCH_JS SITE_DIR < requests.json → JSON on stdout
 * requests: {"queries": [q...], "suggest": [q...], "snippets": [[text, [needle...], width]],
 *            "looseCodes": [code...]}
 * queries → [{slug, reasons, why, href}] from the metadata pass (StandardSearch._meta).
 */
"use strict";
const fs = require("fs");
const path = require("path");

const [searchJs, siteDir] = process.argv.slice(2);
const requests = JSON.parse(fs.readFileSync(0, "utf8"));

global.window = { location: { protocol: "http:", href: "http://x/", search: "" } };
global.document = {
  currentScript: { src: "http://x/assets/js/search.js" },
  readyState: "complete",
  querySelector: () => null,
  getElementById: () => null,
};
global.fetch = async (url) => {
  const file = path.join(siteDir, decodeURI(url.replace("http://x/", "")));
  if (!fs.existsSync(file)) return { ok: false, status: 404 };
  const text = fs.readFileSync(file, "utf8");
  return { ok: true, status: 200, json: async () => JSON.parse(text) };
};
require(path.resolve(searchJs));
const S = window.StandardSearch;

(async () => {
  const e = await S._engine();
  const out = { queries: {}, suggest: {}, snippets: [], looseCodes: {} };
  for (const q of requests.queries || []) {
    out.queries[q] = S._meta(e, q).results.map((r) => ({
      slug: r.slug, reasons: r.reasons, why: S._why(r), href: S._href(r) }));
  }
  for (const q of requests.suggest || []) {
    const s = S._suggest(e, q);
    out.suggest[q] = { fewer: s.fewer, numbers: s.numbers.map((r) => r.slug) };
  }
  for (const [text, needles, width] of requests.snippets || []) {
    out.snippets.push(S._snippet(text, e.tk.normalise(text).length === text.length
      ? text.toLowerCase() : text, needles, width, 10));
  }
  for (const c of requests.looseCodes || []) out.looseCodes[c] = e.tk.looseCode(c);
  process.stdout.write(JSON.stringify(out));
})().catch((err) => { console.error(err); process.exit(1); });
