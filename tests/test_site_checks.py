"""Whole-site properties of the built output: links, reproducibility, self-containment, offline."""

from __future__ import annotations

import gzip
import hashlib
import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import REPO, Project

from hooks.cli.linkcheck import check_site

pytestmark = pytest.mark.build

# Outside URLs that may appear in pages as plain links a reader follows (never loaded by a page).
EXTERNAL_TAGS = re.compile(
    r"<(script|link|img|iframe|source|video|audio|embed|object)\b[^>]*?\b(src|href|data)="
    r"[\"']?(https?:)?//", re.IGNORECASE)


def tree_hashes(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


# --------------------------------------------------------------------------- link checker

def write_site(root: Path, pages: dict[str, str]) -> Path:
    for rel, body in pages.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"<!doctype html><html><body>{body}</body></html>", encoding="utf-8")
    return root


def test_linkcheck_finds_missing_files_and_anchors(tmp_path):
    site = write_site(tmp_path / "site", {
        "index.html": '<a href="standards/x/">x</a> <a href="standards/x/#5.2">5.2</a>'
                      '<a href="standards/x/#9.9">missing clause</a> <a href="nope/">gone</a>'
                      '<a href="#top">self</a> <a href="https://example.org/">out</a>'
                      '<a href="/abs/">absolute</a> <img src="a.png">'
                      '<a href="javascript:void(0)">js</a> <p id="top"></p>',
        "standards/x/index.html": '<h3 id="5.2">5.2</h3><a href="../../index.html#top">up</a>'
                                  '<a href="../../#missing">bad</a> <a name="legacy"></a>'
                                  '<a href="#legacy">legacy</a> <a href="%E4%B8%AD.html">中</a>',
        "standards/x/中.html": "ok",
    })
    count, broken = check_site(site)
    assert count == 3
    found = {(b.page, b.url) for b in broken}
    assert found == {
        ("index.html", "standards/x/#9.9"),
        ("index.html", "nope/"),
        ("index.html", "/abs/"),
        ("index.html", "a.png"),
        ("index.html", "javascript:void(0)"),
        ("standards/x/index.html", "../../#missing"),
    }


def test_linkcheck_command_exit_status(tmp_path):
    import subprocess
    import sys

    good = write_site(tmp_path / "good", {"index.html": '<a href="#a" id="a">a</a>'})
    bad = write_site(tmp_path / "bad", {"index.html": '<a href="#5.2">5.2</a>'})
    run = [sys.executable, "-m", "hooks", "linkcheck"]
    ok = subprocess.run([*run, str(good)], capture_output=True, text=True, cwd=REPO, check=False)
    assert ok.returncode == 0, ok.stderr
    ko = subprocess.run([*run, str(bad)], capture_output=True, text=True, cwd=REPO, check=False)
    assert ko.returncode == 1
    assert 'index.html: #5.2' in ko.stdout


def test_shipped_site_has_no_broken_internal_links(shipped_site):
    count, broken = check_site(shipped_site.site)
    assert count > 30
    assert not broken, "\n".join(b.text() for b in broken)


def test_every_clause_cross_reference_resolves(shipped_site):
    """Every href="#5.2"-style link in a standard text points at a clause on that page."""
    seen = 0
    for page in (shipped_site.site / "standards").glob("*/index.html"):
        html = page.read_text(encoding="utf-8")
        for anchor in re.findall(r'href="#([0-9A-Z][0-9.]*)"', html):
            seen += 1
            assert f'id="{anchor}"' in html, (page.parent.name, anchor)
    assert seen > 10


# --------------------------------------------------------------------------- reproducible

def test_two_builds_with_same_epoch_are_byte_identical(shipped_site, tmp_path):
    # The same inputs (a copy of the first build's project), in another directory, later.
    source = shipped_site.site.parent
    copy = tmp_path / "again" / "elsewhere"
    shutil.copytree(source, copy, symlinks=True, ignore=shutil.ignore_patterns("site"))
    second = Project(copy).build()
    assert second.returncode == 0, second.output
    first_tree, second_tree = tree_hashes(shipped_site.site), tree_hashes(second.site)
    assert first_tree.keys() == second_tree.keys()
    differ = sorted(k for k in first_tree if first_tree[k] != second_tree[k])
    assert not differ


def test_sitemap_gzip_has_no_wall_clock_timestamp(shipped_site):
    from conftest import FIXED_EPOCH

    data = (shipped_site.site / "sitemap.xml.gz").read_bytes()
    mtime = int.from_bytes(data[4:8], "little")
    assert mtime <= FIXED_EPOCH  # derived from SOURCE_DATE_EPOCH, not the clock
    assert gzip.decompress(data) == (shipped_site.site / "sitemap.xml").read_bytes()


# --------------------------------------------------------------------------- self-contained

def test_no_page_loads_anything_from_another_host(shipped_site):
    offenders = {}
    for page in shipped_site.site.rglob("*.html"):
        hits = EXTERNAL_TAGS.findall(page.read_text(encoding="utf-8"))
        if hits:
            offenders[page.relative_to(shipped_site.site).as_posix()] = hits
    assert not offenders


def test_no_font_cdn_or_analytics_reference(shipped_site):
    banned = ("fonts.googleapis", "fonts.gstatic", "unpkg.com", "cdn.jsdelivr", "googletagmanager",
              "google-analytics", "hm.baidu.com", "cdnjs", "mathjax", "polyfill.io")
    for page in shipped_site.site.rglob("*.html"):
        text = page.read_text(encoding="utf-8").lower()
        assert not [b for b in banned if b in text], page


# --------------------------------------------------------------------------- offline build

def test_offline_config_keeps_the_main_hooks():
    main = yaml.safe_load(re.sub(r"!ENV \[\w+, (\"[^\"]*\")\]", r"\1",
                                 (REPO / "mkdocs.yml").read_text(encoding="utf-8")))
    offline = yaml.safe_load((REPO / "mkdocs-offline.yml").read_text(encoding="utf-8"))
    assert offline["INHERIT"] == "mkdocs.yml"
    assert offline["use_directory_urls"] is False
    assert offline["hooks"][: len(main["hooks"])] == main["hooks"]
    assert "hooks/offline.py" in offline["hooks"]


def test_offline_build_is_self_contained(offline_site):
    site = offline_site.site
    assert (site / "index.html").is_file()
    assert (site / "standards" / "sljg-002-2025.html").is_file()  # no directory URLs
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not EXTERNAL_TAGS.findall(text), page
        assert "unpkg.com" not in text and "iframe-worker" not in text, page
    count, broken = check_site(site)
    assert not broken, "\n".join(b.text() for b in broken)


def test_offline_hook_drops_remote_polyfills_and_scripts():
    """Material's offline plugin would add https://unpkg.com/iframe-worker/shim: never fetched."""
    from types import SimpleNamespace

    from hooks import offline

    config = SimpleNamespace(
        use_directory_urls=True,
        extra={"polyfills": ["https://unpkg.com/iframe-worker/shim", "assets/js/local.js"]},
        extra_javascript=["//cdn.example/x.js", "assets/js/search.js"])
    offline.on_config(config)
    assert config.use_directory_urls is False
    assert config.extra["polyfills"] == ["assets/js/local.js"]
    assert config.extra_javascript == ["assets/js/search.js"]
