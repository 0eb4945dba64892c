"""404.html that keeps its styling and links under any subpath, without `site_url`.

A web server returns 404.html for every unknown address, at any depth, so the page cannot use
relative URLs, and MkDocs gives it root-based ones from the path of `site_url` (`/assets/…`,
`/catalogue/`). Without SITE_URL those are right only at the root of a host; under a subpath
(README: 子路径) the page lost its stylesheets and its links led off the site.

Built without `site_url`, the page is rewritten here so that it finds the site's root in the
browser. A small inline script (the README's CSP allows inline scripts) looks for the first path
segment that is a top-level name of this site (`standards`, `catalogue`, `404.html`, …; taken
from the built site): what comes before it is the root, e.g. `/std/` for
`/std/standards/no-such/`. With no such segment it tries the path's ancestors. Then:

- stylesheets, icons and scripts are written by that script with the root in front
  (`document.write`, so they load and run as the parser's own would: stylesheets block the first
  paint, scripts run in order before DOMContentLoaded). Left as relative URLs in the markup,
  Chromium's preload scanner would fetch them against the page's own address first;
- should the main stylesheet fail to load (a wrong guess), the next candidate root is tried;
- links and forms keep their root-based URLs in the markup (right at the root of a host, and
  without JavaScript) and get the root put in front in the browser;
- without JavaScript, `<noscript>` holds the original stylesheet links (right at a host's root).

With `site_url` set, MkDocs' root-based URLs are right wherever the site is, and the page is left
alone.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from hooks.pages.slim import strip_indentation

NOT_FOUND = "404.html"
MARKER = "data-not-found-root"  # on the finder script: the page has been rewritten

_HEAD_START = re.compile(r"<meta charset=\"utf-8\">", re.I)
# Resource tags with a root-based URL (not `//host`): the browser fetches these itself.
_RESOURCE = re.compile(
    r"<link\b[^>]*\bhref=\"/(?!/)[^\"]*\"[^>]*>|<script\b[^>]*\bsrc=\"/(?!/)[^\"]*\"[^>]*></script>"
    r"|<img\b[^>]*\bsrc=\"/(?!/)[^\"]*\"[^>]*>", re.I)
_CONFIG = re.compile(r"(<script id=\"__config\" type=\"application/json\">.*?</script>)", re.S)
_SCOPE = 'new URL("/",location)'

# The inline script, first in <head>. `T` is the list of top-level names, filled in below.
FINDER = """<script %(marker)s>/* 404.html: find the site's root from the address (hooks/pages/not_found.py). */
(function () {
  var T = %(tops)s, parts = location.pathname.split("/"), seen = {}, c = [], i, d;
  function add(n) { var r = parts.slice(0, n).join("/") + "/"; if (!seen[r]) { seen[r] = 1; c.push(r); } }
  for (i = 1; i < parts.length; i++) {
    try { if (T.indexOf(decodeURIComponent(parts[i])) >= 0) add(i); } catch (e) { /* bad escape */ }
  }
  d = parts.length - (parts[parts.length - 1] ? 1 : 2); /* the missing name's own index */
  if (d > 1) add(2);
  add(1);
  for (i = 3; i <= d; i++) add(i);
  var nf = window.__notFound = { roots: c, at: 0, root: c[0], sheets: [] };
  nf.url = function (u) { return nf.root + u.slice(1); };
  nf.write = function (tag) {
    document.write(tag.replace(/(href|src)="\\/(?!\\/)/i, function (m, a) { return a + '="' + nf.root; }));
    var el = document.currentScript && document.currentScript.nextElementSibling;
    if (el && el.rel === "stylesheet") { nf.sheets.push([el, tag]); el.addEventListener("error", nf.retry); }
  };
  nf.fix = function () {
    var els = document.querySelectorAll("a[href^='/'], form[action^='/'], a[data-nf], form[data-nf]");
    Array.prototype.forEach.call(els, function (el) {
      var attr = el.tagName === "FORM" ? "action" : "href", orig = el.getAttribute("data-nf") || el.getAttribute(attr);
      if (orig.charAt(1) === "/") return;
      el.setAttribute("data-nf", orig);
      el.setAttribute(attr, nf.url(orig));
    });
    var cfg = document.getElementById("__config");
    if (cfg) cfg.textContent = cfg.textContent.replace(/("(?:base|search)": ")\\//g, "$1" + nf.root);
  };
  nf.retry = function () {
    if (nf.at + 1 >= c.length) return;
    nf.root = c[++nf.at];
    nf.sheets.forEach(function (s) {
      var box = document.createElement("div");
      box.innerHTML = s[1].replace(/href="\\//i, 'href="' + nf.root);
      var el = box.firstChild;
      el.addEventListener("error", nf.retry);
      s[0].replaceWith(el);
      s[0] = el;
    });
    nf.fix();
  };
})();
</script>"""


def _js_string(text: str) -> str:
    """A JavaScript string literal that is safe inside an inline <script>."""
    return json.dumps(text, ensure_ascii=False).replace("</", "<\\/")


def relocatable(html: str, tops: list[str]) -> str:
    """The 404 page rewritten to find the site's root in the browser (see the module doc)."""
    if MARKER in html or not _HEAD_START.search(html):
        return html
    finder = FINDER % {"marker": MARKER, "tops": json.dumps(sorted(tops), ensure_ascii=False)}
    head_end = html.lower().find("</head>")

    def resource(match: re.Match) -> str:
        tag = match.group(0)
        call = f"<script>__notFound.write({_js_string(tag)})</script>"
        in_head = match.start() < head_end
        if in_head and tag.lower().startswith("<link"):
            return f"{call}<noscript>{tag}</noscript>"
        return call

    html = _RESOURCE.sub(resource, html)
    html = html.replace(_SCOPE, "new URL(__notFound.root,location)", 1)
    if _CONFIG.search(html):
        html = _CONFIG.sub(lambda m: m.group(1) + "\n<script>__notFound.fix()</script>", html, count=1)
    else:
        html = html.replace("</body>", "<script>__notFound.fix()</script>\n</body>", 1)
    html = _HEAD_START.sub(lambda m: m.group(0) + "\n" + finder, html, count=1)
    return strip_indentation(html)


# Feature hook (hooks.pipeline.WRITE_OUTPUTS) -----------------------------------------------------

def write_outputs(state, site_dir: Path, config=None) -> None:
    if state.settings.site_url:
        return
    page = site_dir / NOT_FOUND
    if not page.is_file():
        return
    tops = [p.name for p in site_dir.iterdir()]
    page.write_text(relocatable(page.read_text(encoding="utf-8"), tops), encoding="utf-8")
