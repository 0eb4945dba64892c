"""The allow-list that makes a standard's rendered text safe (hooks/pages/sanitize.py)."""

from __future__ import annotations

import pytest

from hooks.pages.sanitize import safe_url, sanitize_html


@pytest.mark.parametrize(("html", "expected"), [
    ("<p>x<script>window.__pwned=1</script></p>",
     "<p>x&lt;script&gt;window.__pwned=1&lt;/script&gt;</p>"),
    ('<img src="x" onerror="window.__pwned=1">', '<img src="x">'),
    ('<a href=" java\tscript:alert(1)">l</a>', "<a>l</a>"),
    ('<a href="JaVaScRiPt&colon;alert(1)">m</a>', "<a>m</a>"),
    ('<a href="data:text/html,<b>">d</a>', "<a>d</a>"),
    ('<a href="#5.2" class="headerlink" title="本条链接">¶</a>',
     '<a href="#5.2" class="headerlink" title="本条链接">¶</a>'),
    ('<a href="https://openstd.samr.gov.cn/">o</a>', '<a href="https://openstd.samr.gov.cn/">o</a>'),
    ("<iframe src=x></iframe>", "&lt;iframe src=x&gt;&lt;/iframe&gt;"),
    ("<style>body{display:none}</style>", "&lt;style&gt;body{display:none}&lt;/style&gt;"),
    ('<p id="__config" style="position:fixed" onclick="x">y</p>', "<p>y</p>"),
    ('<td style="text-align: center;">c</td>', '<td style="text-align: center;">c</td>'),
    ('<pre class="mermaid">graph</pre>', "<pre>graph</pre>"),
    ('<div class="admonition note">n</div>', '<div class="admonition note">n</div>'),
    ("<!-- comment --><p>&lt;b&gt; &amp; \"</p>", "<p>&lt;b&gt; &amp; \"</p>"),
    ('<h3 id="5.2">5.2 "引号"</h3>', '<h3 id="5.2">5.2 "引号"</h3>'),
])
def test_sanitize(html, expected):
    assert sanitize_html(html) == expected


def test_sanitize_is_idempotent_on_markdown_output():
    html = ('<h2 id="5">5 管理<a class="headerlink" href="#5" title="本条链接">¶</a></h2>\n'
            "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n"
            "<td><code>&lt;x&gt;</code></td>\n</tr>\n</tbody>\n</table>\n"
            '<div class="footnote">\n<hr />\n<ol>\n<li id="fn:1">\n<p>注</p>\n</li>\n</ol>\n</div>')
    assert sanitize_html(html) == html
    assert sanitize_html(sanitize_html(html)) == html


@pytest.mark.parametrize(("url", "ok"), [
    ("../x/", True), ("#A.1", True), ("https://a.b/", True), ("mailto:a@b.cn", True),
    ("javascript:alert(1)", False), ("\x01javascript:x", False), ("vbscript:x", False),
    ("data:image/png;base64,AA", False),
])
def test_safe_url(url, ok):
    assert safe_url(url) is ok
