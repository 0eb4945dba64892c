"""What every page loads: the site's scripts before Material's bundle (overrides/main.html,
mkdocs.yml), and the site's stylesheets as one file (hooks/pages/stylesheets.py).

The catalogue answers a ?q= search sooner when search.js and catalogue.js do not wait for the
bundle, and when fewer requests stand before them; scripts that act on what the bundle builds
are `defer` and so still run after it.
"""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import REPO

from hooks.pages.minify import minify_css

pytestmark = pytest.mark.build

SCRIPT = re.compile(r'<script src="([^"]+)"([^>]*)>')


STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"')


def mkdocs_yml() -> dict:
    return yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def configured() -> list[tuple[str, bool]]:
    return [(s, False) if isinstance(s, str) else (s["path"], s.get("defer") == "true")
            for s in mkdocs_yml()["extra_javascript"]]


# Scripts a page does without (overrides/main.html `only` and `skip`): catalogue.js only on the
# catalogue; the search page has no tables (access.js) and no deadlines (lifecycle.js).
ONLY_ON = {"assets/js/catalogue.js": {"catalogue/"}}
SKIPPED_ON = {"search/": {"assets/js/lifecycle.js", "assets/js/access.js"}}


def loaded_on(url: str) -> list[tuple[str, bool]]:
    return [(p, d) for p, d in configured()
            if url in ONLY_ON.get(p, {url}) and p not in SKIPPED_ON.get(url, set())]


@pytest.mark.parametrize("url", ["", "catalogue/", "standards/sljg-001-2023/", "guide/search/",
                                 "search/"])
def test_site_scripts_come_before_the_bundle_each_once(shipped_site, url):
    tags = [t for t in SCRIPT.findall(shipped_site.page(url)) if "assets/" in t[0]]
    names = [src[src.index("assets/") + len("assets/"):] for src, _ in tags]
    bundles = [i for i, n in enumerate(names) if re.fullmatch(r"javascripts/bundle\.\w+\.min\.js", n)]
    assert len(bundles) == 1, names
    ours = loaded_on(url)
    if url == "search/":  # its own script, in the page (deferred: it needs search.js)
        del tags[names.index("js/search-page.js")]
        names.remove("js/search-page.js")
        bundles = [i for i, n in enumerate(names) if n.startswith("javascripts/bundle.")]
    assert [n for n in names if not n.startswith("javascripts/")] == [p.removeprefix("assets/")
                                                                     for p, _ in ours]
    for path, defer in ours:
        i = names.index(path.removeprefix("assets/"))
        assert i < bundles[0], path
        assert ("defer" in tags[i][1]) == defer, path


def test_scripts_that_need_the_bundle_are_deferred():
    deferred = {p for p, d in configured() if d}
    assert "assets/js/access.js" in deferred  # it acts on Material's table wrappers
    assert {"assets/js/search.js", "assets/js/catalogue.js"}.isdisjoint(deferred)


@pytest.mark.parametrize("url", ["", "catalogue/", "standards/sljg-001-2023/"])
def test_site_stylesheets_are_one_file_in_the_listed_order(shipped_site, url):
    hrefs = STYLESHEET.findall(shipped_site.page(url))
    ours = [h for h in hrefs if "/stylesheets/" not in h and not h.startswith("stylesheets/")]
    assert [h[h.index("assets/"):] for h in ours] == ["assets/css/bundle.css"], hrefs
    bundle = (shipped_site.site / "assets" / "css" / "bundle.css").read_text(encoding="utf-8")
    listed = mkdocs_yml()["extra_css"]
    # Every sheet, in the listed order, minified in the site (hooks/pages/minify.py).
    merged = "".join((REPO / "docs" / path).read_text(encoding="utf-8").strip() + "\n"
                     for path in listed)
    assert bundle == minify_css(merged)
    at = [bundle.index(minify_css((REPO / "docs" / p).read_text(encoding="utf-8"))[:60])
          for p in listed]
    assert at == sorted(at)
    for path in listed:
        assert (shipped_site.site / path).is_file()  # the separate files are still published
