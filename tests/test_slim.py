"""Page size: indentation out of the HTML, no unused theme assets, compact nav on standard pages."""

from __future__ import annotations

import re

from hooks.pages.slim import strip_indentation


def test_strip_indentation_keeps_pre_textarea_and_script_text():
    html = ("<div>\n    <p>甲\n      乙</p>\n\n\n  <pre><code>a\n    b\n</code></pre>\n"
            "  <textarea>x\n   y</textarea>\n  <script>var s = `1\n   2`;</script>\n</div>")
    out = strip_indentation(html)
    assert out == ("<div>\n<p>甲\n乙</p>\n<pre><code>a\n    b\n</code></pre>\n"
                   "<textarea>x\n   y</textarea>\n<script>var s = `1\n   2`;</script>\n</div>")
    assert strip_indentation(out) == out
    assert strip_indentation("<p>a  b</p>") == "<p>a  b</p>"  # no newline: untouched


def _nav_links(html: str) -> list[str]:
    start = html.index('md-nav--primary')
    nav = html[start:html.index("</nav>\n</div>", start)]
    return re.findall(r'<a href="([^"]+)" class="md-nav__link', nav)


def test_built_pages_are_slim(shipped_site):
    site = shipped_site.site
    std = shipped_site.page("standards/sljg-002-2025/")
    guide = shipped_site.page("guide/")
    # No indentation left outside <pre>.
    assert not re.search(r"\n[ \t]+<(?!/?(?:code|span))", std)
    # Standard pages: the drawer links to each part of the site (编辑专区 as one link to its first
    # page), not to every guide page.
    links = _nav_links(std)
    assert "../../editors/" in links and "../../catalogue/" in links
    assert not [u for u in links if u.startswith("../../guide/")]
    # Pages in the navigation keep the full tree.
    assert "../search/" in _nav_links(guide) or "search/" in _nav_links(guide)
    # The sidebar 目次 lists chapters and annexes only; every clause keeps its anchor.
    toc = std[std.index("md-nav--secondary"):]
    toc = toc[:toc.index("</nav>")]
    assert 'href="#5"' in toc and 'href="#5.1"' not in toc
    assert 'id="5.1"' in std
    # Standard text: no server-written ¶ links (standard.js adds them); guide pages keep theirs.
    assert 'class="headerlink"' not in std and 'class="headerlink"' in guide
    # Theme assets the site never loads are not published.
    assert not (site / "assets" / "javascripts" / "lunr").exists()
    assert not (site / "assets" / "javascripts" / "workers").exists()
    assert not list(site.glob("assets/**/*.map"))
    assert list(site.glob("assets/javascripts/bundle.*.min.js"))
