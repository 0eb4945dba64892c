/*
 * The little browser that docs/assets/js/search.js needs in node: window, document and a fetch()
 * that reads SITE_DIR. Used by search_node.js and search_ux_node.js.
 *   const S = require("./fake_browser.js").loadSearch(SEARCH_JS, SITE_DIR);
 */
"use strict";
const fs = require("fs");
const path = require("path");

function loadSearch(searchJs, siteDir) {
  global.window = { location: { protocol: "http:", href: "http://x/", search: "" } };
  global.document = {
    currentScript: { src: "http://x/assets/js/search.js" },
    readyState: "complete",
    querySelector: () => null,
    querySelectorAll: () => [],
    getElementById: () => null,
  };
  global.fetch = async (url) => {
    const file = path.join(siteDir, decodeURI(url.replace("http://x/", "")));
    if (!fs.existsSync(file)) return { ok: false, status: 404 };
    const text = fs.readFileSync(file, "utf8");
    return { ok: true, status: 200, json: async () => JSON.parse(text) };
  };
  require(path.resolve(searchJs));
  return window.StandardSearch;
}

module.exports = { loadSearch };
