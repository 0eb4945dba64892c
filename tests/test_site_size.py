"""Bytes the site no longer repeats on every page (docs/guide/performance.md, 站点大小): the
意见反馈 link with its Chinese as characters, Material's __config without its search keys, a
standard's text without newlines between blocks, and catalogue.json and feed.xml without
indentation. Each keeps what readers and programs get."""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import parse_qsl, quote, unquote

import material

from hooks.export.files import compact_json
from hooks.pages.feedback import feedback_href, feedback_link, unescape_text
from hooks.pages.slim import join_blocks


class _Std:
    code, title, is_draft = "DB11/T 296—2022", "节约型机关评价规范 & <b>", False


def test_unescape_text_writes_visible_chinese_as_characters_and_keeps_every_other_escape():
    url = ("mailto:a@b?subject=%E3%80%90%E6%84%8F%20DB11%2FT%20296%E2%80%942022"
           "&body=%0D%0A%e5%bb%ba%C2%A0%E2%80%A8%E3%80%80x%F0%9F%98%80%FF%E6%25%26%23")
    assert unescape_text(url) == ("mailto:a@b?subject=【意%20DB11%2FT%20296—2022"
                                  "&body=%0D%0A建%C2%A0%E2%80%A8%E3%80%80x😀%FF%E6%25%26%23")
    # Spaces (also NBSP, U+2028, the ideographic space), CR/LF, the URL's own delimiters and
    # broken UTF-8 stay escaped exactly as written, lower-case hex included.
    assert unescape_text("https://e.org/?q=%e6%97%a0%20") == "https://e.org/?q=无%20"
    assert unescape_text("https://e.org/a%2Fb?x=%3D") == "https://e.org/a%2Fb?x=%3D"


def test_feedback_href_is_the_same_link_as_feedback_link():
    for address in ("mailto:yijian@example.org?cc=b%40example.org", "https://example.org/form?id=7&x=a%20b"):
        for clause in ("", "5.1 会议预订 & 安排"):
            full = feedback_link(address, _Std(), clause, page="https://example.gov.cn/标准/")
            short = feedback_href(address, _Std(), clause, page="https://example.gov.cn/标准/")
            assert len(short.encode()) < len(full.encode()) * 0.7
            assert unquote(short) == unquote(full)
            # Percent-encoding every non-ASCII character again gives back the link byte for byte,
            # which is what a browser does when it resolves the href.
            assert quote(short, safe="".join(chr(c) for c in range(0x21, 0x7F))) == full
            assert "\r" not in short and "\n" not in short and " " not in short


def _feedback_attr(page_html: str) -> str:
    found = re.search(r'<a [^>]*id="lc-feedback" href="([^"]*)"', page_html)
    assert found, "no 意见反馈 link"
    return html.unescape(found.group(1))


def test_standard_page_feedback_link_decodes_to_the_same_subject_and_body(shipped_site):
    page_html = shipped_site.page("standards/sljg-002-2025/")
    href = _feedback_attr(page_html)
    assert href.startswith("mailto:biaozhun-yijian@example.org?subject=【意见反馈】")
    params = dict(parse_qsl(href.split("?", 1)[1]))
    code = re.search(r'<span class="std-number">([^<]*)</span>', page_html).group(1)
    title = html.unescape(re.search(r'<h1 class="std-title">([^<]*)</h1>', page_html).group(1))
    assert params["subject"] == f"【意见反馈】标准 {code}《{title}》"
    assert params["body"].split("\r\n")[:3] == [f"标准：{code}《{title}》", "", "意见："]
    assert re.search(r"%E[0-9A-F]", href) is None  # no Chinese left as %XX triples


def _config(page_html: str) -> dict:
    found = re.search(r'<script id="__config" type="application/json">(.*?)</script>', page_html, re.S)
    assert found, "no __config"
    return json.loads(found.group(1))


def _bundle() -> str:
    assets = Path(material.__file__).parent / "templates" / "assets" / "javascripts"
    return next(assets.glob("bundle.*.min.js")).read_text(encoding="utf-8")


def test_config_keeps_what_materials_bundle_reads_on_this_site(shipped_site):
    bundle = _bundle()
    # Every translation key the bundle asks for, and where: search and the version selector are
    # components this site never renders (no Material search form, no `extra.version`).
    used = set(re.findall(r'\bMe\("([a-z.]+)"', bundle))
    assert used, "Material's translation function is no longer Me(): re-read the bundle"
    unused_here = {k for k in used if k.startswith("search.") or k == "select.version"}
    for url in ("", "standards/sljg-002-2025/", "guide/", "catalogue/"):
        page_html = shipped_site.page(url)
        config = _config(page_html)
        assert config["base"] and config["features"] == _config(page_html)["features"]
        assert "content.code.copy" in config["features"]
        assert set(config["translations"]) == used - unused_here
        assert config["translations"]["clipboard.copy"] == "复制"
        assert "search" not in config and "version" not in config
        assert 'data-md-component="search"' not in page_html
        assert not re.search(r'<form[^>]* name="search"', page_html)
    assert _config(shipped_site.page("standards/sljg-002-2025/"))["base"] == "../.."


def test_catalogue_json_has_one_standard_a_line(shipped_site):
    text = (shipped_site.site / "catalogue.json").read_text(encoding="utf-8")
    data = json.loads(text)
    lines = text.splitlines()
    start = lines.index('"standards":[')
    rows = lines[start + 1:start + 1 + data["count"]]
    assert [json.loads(r.rstrip(",")) for r in rows] == data["standards"]
    assert lines[start + 1 + data["count"]] == "]"
    assert not any(line.startswith(" ") for line in lines)
    assert json.loads(compact_json({"a": [], "b": [1, {"c": "中"}], "d": None})) == \
        {"a": [], "b": [1, {"c": "中"}], "d": None}


def test_feed_has_one_element_a_line_without_indentation(shipped_site):
    raw = (shipped_site.site / "feed.xml").read_bytes()
    ET.fromstring(raw)
    assert b"\n " not in raw and raw.count(b"\n<entry>") >= 3


def test_join_blocks_drops_only_newlines_between_blocks():
    html = ('<h2 id="1">1 范围</h2>\n<p>甲 <span>乙</span>\n<em>丙</em></p>\n<table>\n<thead>\n<tr>\n'
            '<th>x</th>\n</tr>\n</thead>\n</table>\n<pre><code>a</p>\n<p>b\n</code></pre>\n'
            '<ul>\n<li>x</li>\n</ul>\n尾')
    assert join_blocks(html) == ('<h2 id="1">1 范围</h2><p>甲 <span>乙</span>\n<em>丙</em></p><table>'
                                 '<thead><tr><th>x</th></tr></thead></table>\n<pre><code>a</p>\n<p>b\n'
                                 '</code></pre>\n<ul><li>x</li></ul>\n尾')
    assert join_blocks(join_blocks(html)) == join_blocks(html)


def test_standard_text_has_no_newlines_between_blocks(shipped_site):
    page_html = shipped_site.page("standards/sljg-002-2025/")
    text = page_html[page_html.index('<div class="std-text">'):page_html.index("</div>\n<section")]
    assert "</p>\n<" not in text and "</h3>\n<" not in text and "<h3" in text
    assert 'id="5.1"' in text


def test_every_published_image_is_shown_on_some_page():
    """Every file under docs/ is copied into the site: an image no page shows only makes the
    site bigger (review screenshots go to screenshots/, see tests/public_screenshots.py)."""
    from conftest import REPO

    texts = "".join(p.read_text(encoding="utf-8") for p in (REPO / "docs").rglob("*.md"))
    texts += "".join(p.read_text(encoding="utf-8") for p in (REPO / "hooks" / "templates").rglob("*.html"))
    texts += "".join(p.read_text(encoding="utf-8") for p in (REPO / "overrides").rglob("*.html"))
    unused = [p.name for p in (REPO / "docs" / "assets" / "img").rglob("*")
              if p.is_file() and p.name not in texts]
    assert unused == [], unused
