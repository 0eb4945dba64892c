"""The allow-list that makes a standard's rendered text safe and balanced (hooks/pages/sanitize.py)."""

from __future__ import annotations

import random
import re
import time

import markdown
import nh3
import pytest

from hooks.model.anchors import slugify
from hooks.model.clauses import MARKDOWN_EXTENSIONS
from hooks.pages.sanitize import ALLOWED_TAGS, safe_url, sanitize_html


@pytest.mark.parametrize(("html", "expected"), [
    ("<p>x<script>window.__pwned=1</script></p>",
     "<p>x&lt;script&gt;window.__pwned=1&lt;/script&gt;</p>"),
    ('<img src="x" onerror="window.__pwned=1">', '<img src="x" />'),  # void: as Markdown writes it
    ('<a href=" java\tscript:alert(1)">l</a>', "<a>l</a>"),
    ('<a href="JaVaScRiPt&colon;alert(1)">m</a>', "<a>m</a>"),
    ('<a href="data:text/html,<b>">d</a>', "<a>d</a>"),
    ('<a href="#5.2" class="headerlink" title="本条链接">¶</a>',
     '<a href="#5.2" class="headerlink" title="本条链接">¶</a>'),
    ('<a href="https://openstd.samr.gov.cn/">o</a>', '<a href="https://openstd.samr.gov.cn/">o</a>'),
    ("<iframe src=x></iframe>", "&lt;iframe src=x&gt;&lt;/iframe&gt;"),
    ("<style>body{display:none}</style>", "&lt;style&gt;body{display:none}&lt;/style&gt;"),
    ('<p id="__config" style="position:fixed" onclick="x">y</p>', "<p>y</p>"),
    ('<table><tbody><tr><td style="text-align: center;">c</td></tr></tbody></table>',
     '<table><tbody><tr><td style="text-align: center;">c</td></tr></tbody></table>'),
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


# ---------------------------------------------------------------------------------------------
# Balanced: nothing in a text closes or leaves the container the page puts it in (issue 14)

PAGE = '<div class="std-page"><div class="std-text">{}</div><footer class="md-footer">FOOTER</footer></div>'


def contained(text: str) -> bool:
    """Read inside a page as a browser reads it (html5ever), the text is exactly the
    container's content: the footer follows the container, nothing of the text follows it."""
    tree = nh3.clean(PAGE.format(text), tags=set(ALLOWED_TAGS) | {"footer"},
                     attributes={"*": {"class"}}, link_rel=None)
    depth, pos = 0, None
    for match in re.finditer(r"<(/?)([a-z0-9]+)[^>]*>", tree):
        if match.group(2) in {"br", "hr", "img", "col", "wbr"}:
            continue
        depth += -1 if match.group(1) else 1
        if depth == 1 and match.group(1):  # the container has just closed
            pos = match.end()
            break
    return pos is not None and tree[pos:] == '<footer class="md-footer">FOOTER</footer></div>'


@pytest.mark.parametrize(("html", "expected"), [
    ('</div></div><div class="std-banner std-banner--abolished" role="note" data-status="废止">'
     "<p><strong>本标准已废止</strong></p></div>",
     "<div><p><strong>本标准已废止</strong></p></div>"),
    ("<table><tr><td>甲", "<table><tbody><tr><td>甲</td></tr></tbody></table>"),
    ("<div><section><ul><li>x", "<div><section><ul><li>x</li></ul></section></div>"),
    ("</body></html></article>正文", "&lt;/body&gt;&lt;/html&gt;&lt;/article&gt;正文"),  # as text
    ("<b><i>粗斜</b>斜</i>", "<b><i>粗斜</i></b><i>斜</i>"),
    # A <div> fostered out of the table into the item: as serialised once, its <li> would close
    # the item and its </div> the container; parsed until it settles, it cannot.
    ("<ul><li><table><div><li>x</div></table></li></ul>",
     "<ul><li><div></div></li><li>x</li><table></table></ul>"),
    ("<pre>\n\n第二行</pre>", "<pre>\n\n第二行</pre>"),
    ('<span class="status-tag std-badge md-tag">废止</span>', "<span>废止</span>"),
    ('<div class="admonition std-banner note">x</div>', '<div class="admonition note">x</div>'),
    ('<details class="warning" open="open"><summary>s</summary></details>',
     '<details class="warning" open="open"><summary>s</summary></details>'),
    ('<span class="l l-Scalar l-Scalar-Plain std-Banner">1</span>',
     '<span class="l l-Scalar l-Scalar-Plain">1</span>'),
    ('<p id="std-toc">a</p><p id="lc-feedback">b</p><p id="md-x">c</p><p id="fn:1">d</p>',
     '<p>a</p><p>b</p><p>c</p><p id="fn:1">d</p>'),
    ('<p role="alert">a</p><p role="note">b</p><table role="presentation"></table>',
     '<p>a</p><p>b</p><table role="presentation"></table>'),
    ("a\ud800b\x00c", "a\ufffdbc"),
    ('<br><img src="x.png" alt="图">', '<br /><img src="x.png" alt="图" />'),
])
def test_balanced(html, expected):
    out = sanitize_html(html)
    assert out == expected
    assert contained(out)


def test_legitimate_markdown_output_is_unchanged():
    body = "\n".join([
        "## 5 要求", "", "文字[^1]，见 [5.1](#5.1)。", "", "### 5.1 车辆", "",
        '!!! note "注"', "    注的内容，含 **加粗**。", "", '??? example "示例"', "    示例。", "",
        "```yaml", 'key: "value"', "```", "", "| 项目 | 要求 |", "|:--|--:|", "| 甲 | `<x>` |", "",
        '<table><tr><td rowspan="2">甲</td><td colspan="2">乙</td></tr></table>', "",
        '![图 1 流程](https://www.example.org/a.png "图 1")', "", "术语", ":   定义", "",
        "[^1]: 脚注。"])
    md = markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS), extension_configs={
        "toc": {"permalink": "¶", "permalink_title": "本条链接", "slugify": slugify}})
    html = md.convert(body)
    # What the sanitiser always did to Markdown's output: character references as characters.
    expected = html.replace("&#160;", "\u00a0").replace("&#8617;", "\u21a9")
    assert "<tbody>" not in expected.split("<table><tr>")[1]  # the raw table, as written …
    expected = expected.replace('<table><tr><td rowspan="2">甲</td><td colspan="2">乙</td></tr></table>',
                                '<table><tbody><tr><td rowspan="2">甲</td><td colspan="2">乙</td>'
                                "</tr></tbody></table>")  # … has its implied <tbody> written out
    assert sanitize_html(html) == expected
    assert contained(expected)


TAG_SOUP = ["li", "dd", "dt", "table", "tr", "td", "th", "tbody", "caption", "div", "p", "b", "a",
            "i", "ul", "ol", "dl", "h2", "h3", "section", "details", "summary", "pre", "span",
            "code", "figure", "blockquote", "colgroup", "col", "br", "hr", "script", "svg",
            "body", "html", "article", "main"]


def test_any_tag_soup_stays_in_its_container():
    """A property over 3000 random fragments of opening and closing tags (fixed seed)."""
    rng = random.Random(14)
    for _ in range(3000):
        parts = []
        for _ in range(rng.randint(1, 40)):
            roll, tag = rng.random(), rng.choice(TAG_SOUP)
            parts.append(f"<{tag}>" if roll < 0.5 else f"</{tag}>" if roll < 0.8
                         else rng.choice(["x", "\n", " ", "&", "<"]))
        html = "".join(parts)
        out = sanitize_html(html)
        assert contained(out), (html, out)
        assert sanitize_html(out) == out, html


@pytest.mark.parametrize("html", [
    "<div>" * 20000,
    "<ul><li>" * 20000,
    "<div><span>x" * 20000,
    "<table><tr><td>" * 20000,
    "<li><dd>" * 20000,
    "<div><table><tr><td></div>" * 5000,
    # 3000 open <b> reopened in 3000 paragraphs: a browser builds 9 million elements.
    "<p>" + "".join(f"<b title={i}>" for i in range(3000)) + "</p>" + "<p>x</p>" * 3000,
])
def test_hostile_nesting_is_bounded(html):
    started = time.monotonic()
    out = sanitize_html(html)
    assert time.monotonic() - started < 20  # unbounded: minutes, or 170 MB
    assert len(out) < 5 * len(html) + 65536
    assert contained(out)
