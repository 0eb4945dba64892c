/*
 * Runs docs/assets/js/search.js in node for tests/test_search_numbers.py:
 *   node tests/js/search_ux_node.js SEARCH_JS SITE_DIR < requests.json → JSON on stdout
 * requests: {"queries": [q...], "suggest": [q...], "snippets": [[text, [needle...], width]],
 *            "looseCodes": [code...]}
 * queries → [{slug, reasons, why, href}] from the metadata pass (StandardSearch._meta).
 */
"use strict";
const fs = require("fs");

const [searchJs, siteDir] = process.argv.slice(2);
const requests = JSON.parse(fs.readFileSync(0, "utf8"));

const S = require("./fake_browser.js").loadSearch(searchJs, siteDir);

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
