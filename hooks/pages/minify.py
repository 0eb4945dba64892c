"""The site's own scripts and stylesheet, minified in the built site (issue 18: bytes per query).

docs/assets/js/*.js and the merged assets/css/bundle.css (hooks/pages/stylesheets.py) are
written for people: long comments explain every decision. Readers' browsers need none of it:
rjsmin and rcssmin (well-kept tokenising minifiers, no code changed) take about a third off
each file, gzipped. The repository keeps the commented sources; only the copies in the site
are minified. Material's files are minified already and are left alone.
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

OWN_SCRIPTS = "assets/js"
OWN_STYLES = ("assets/css/bundle.css",)


def minify_js(text: str) -> str:
    return rjsmin.jsmin(text) + "\n"


def minify_css(text: str) -> str:
    return rcssmin.cssmin(text) + "\n"


def write_outputs(state, site_dir: Path, config=None) -> None:
    """Minify the site's copies of our scripts and the stylesheet bundle in place."""
    scripts = site_dir / OWN_SCRIPTS
    for path in sorted(scripts.glob("*.js")) if scripts.is_dir() else ():
        path.write_text(minify_js(path.read_text(encoding="utf-8")), encoding="utf-8")
    for name in OWN_STYLES:
        path = site_dir / name
        if path.is_file():
            path.write_text(minify_css(path.read_text(encoding="utf-8")), encoding="utf-8")
