"""hooks/pages/quick_markdown.py: text without a trigger skips the inline patterns, the toc stage
writes no HTML table nobody reads, and pages come out byte for byte as Python-Markdown writes
them without the shortcuts."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import markdown
from conftest import REPO
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.postprocessors import Postprocessor

from hooks.check.markdown_guard import check_body
from hooks.model.anchors import slugify
from hooks.model.clauses import MARKDOWN_EXTENSIONS
from hooks.pages import quick_markdown
from hooks.pages.quick_markdown import (
    QuickBlockParser,
    QuickInlineProcessor,
    QuickMarkdownExtension,
    QuickTocTreeprocessor,
    trigger_pattern,
)

CONFIGS = {"toc": {"slugify": slugify, "permalink": "¶", "permalink_title": "本条链接"}}


def render(text: str, quick: bool, extra: tuple = ()) -> tuple[str, list]:
    extensions = [*MARKDOWN_EXTENSIONS, *extra] + ([QuickMarkdownExtension()] if quick else [])
    md = markdown.Markdown(extensions=extensions, extension_configs=CONFIGS)
    return md.convert(text), md.toc_tokens


def site_markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=[*MARKDOWN_EXTENSIONS, QuickMarkdownExtension()],
                             extension_configs=CONFIGS)


def names(md: markdown.Markdown) -> tuple[str, ...]:
    return tuple(item.name for item in md.inlinePatterns._priority)


def test_the_site_configuration_takes_the_fast_path():
    md = site_markdown()
    processor = md.treeprocessors["inline"]
    assert isinstance(processor, QuickInlineProcessor)
    assert trigger_pattern(names(md)) is not None, "a pattern without known triggers"
    calls = []
    original = processor._InlineProcessor__handleInline

    def spy(data, index=0):
        calls.append(data)
        return original(data, index)

    processor._InlineProcessor__handleInline = spy
    assert md.convert("纯文本段落。\n\n含 **强调** 的段落。") == (
        "<p>纯文本段落。</p>\n<p>含 <strong>强调</strong> 的段落。</p>")
    assert "纯文本段落。" in calls  # asked, answered at once


def test_text_without_triggers_never_matches_a_pattern_of_the_site():
    md = site_markdown()
    md.convert("")  # run once: the processor reads the registry
    triggers = trigger_pattern(names(md))
    patterns = [md.inlinePatterns[name] for name in names(md)]
    assert len(patterns) >= 14

    @settings(max_examples=400, derandomize=True, deadline=None)
    @given(st.text(st.sampled_from(list("  \n\t!()]{}#~^=:-\"'/@.|+%$;,?0a9Z中文、。（）【】《》"
                                        "`\\[<&*_")), max_size=40))
    def check(text):
        if triggers.search(text):
            return
        for pattern in patterns:
            assert pattern.getCompiledRegExp().search(text) is None, (pattern, text)

    check()


def test_each_known_pattern_needs_one_of_its_triggers():
    md = site_markdown()
    for name in names(md):
        regex = md.inlinePatterns[name].getCompiledRegExp()
        own = trigger_pattern((name,))
        for sample in ("`code`", "\\*", "[a](b)", "![i](s)", "<http://a.b>", "<a@b.c>",
                       "<b>x</b>", "&amp;", "*e*", "_e_", "**s**", "a  \nb", "[^1]"):
            if regex.search(sample):
                assert own.search(sample), (name, sample)


def test_an_unknown_pattern_turns_the_shortcut_off():
    class Shout(InlineProcessor):
        def handleMatch(self, m, data):  # noqa: N802
            el = ET.Element("mark")
            el.text = m.group(0)
            return el, m.start(0), m.end(0)

    class ShoutExtension(Extension):
        def extendMarkdown(self, md):  # noqa: N802
            md.inlinePatterns.register(Shout(r"XYZ", md), "shout", 5)

    assert trigger_pattern(("link", "shout")) is None
    html, _ = render("甲XYZ乙", quick=True, extra=(ShoutExtension(),))
    assert html == "<p>甲<mark>XYZ</mark>乙</p>"


def test_another_inline_stage_is_left_alone():
    class Other(markdown.treeprocessors.InlineProcessor):
        pass

    class OtherExtension(Extension):
        def extendMarkdown(self, md):  # noqa: N802
            md.treeprocessors.register(Other(md), "inline", 20)

    md = markdown.Markdown(extensions=[OtherExtension(), QuickMarkdownExtension()])
    assert type(md.treeprocessors["inline"]) is Other


def test_the_site_configuration_takes_the_quick_toc():
    md = site_markdown()
    assert type(md.treeprocessors["toc"]) is QuickTocTreeprocessor
    md.convert("## 5 管理要求\n\n正文。")
    assert md.toc == "<div></div>"  # nothing reads it: MkDocs takes md.toc_tokens
    assert [t["name"] for t in md.toc_tokens] == ["5 管理要求"]


def test_the_site_configuration_takes_the_paragraph_shortcut():
    md = site_markdown()
    assert type(md.parser) is QuickBlockParser
    asked = []
    for name in ("hashheader", "table", "quote"):
        processor = md.parser.blockprocessors[name]
        processor.test = (lambda test: lambda parent, block: asked.append(block) or test(
            parent, block))(processor.test)
    assert md.convert("段落一。\n续行。\n\n## 5 标题\n\n> 引用") == (
        '<p>段落一。\n续行。</p>\n<h2 id="5">5 标题<a class="headerlink" href="#5" '
        'title="本条链接">¶</a></h2>\n<blockquote>\n<p>引用</p>\n</blockquote>')
    assert "段落一。\n续行。" not in asked and "## 5 标题" in asked


def test_an_unknown_block_processor_turns_the_paragraph_shortcut_off():
    class Shout(BlockProcessor):
        def test(self, parent, block):
            return block.startswith("喊")

        def run(self, parent, blocks):
            ET.SubElement(parent, "mark").text = blocks.pop(0)

    class ShoutExtension(Extension):
        def extendMarkdown(self, md):  # noqa: N802
            md.parser.blockprocessors.register(Shout(md.parser), "shout", 50)

    html, _ = render("喊一声\n\n说一句", quick=True, extra=(ShoutExtension(),))
    assert html == "<mark>喊一声</mark><p>说一句</p>"


def test_a_toc_marker_still_gets_the_table():
    text = "[TOC]\n\n## 1 范围\n\n正文。\n\n### 1.1 细则 &amp; 说明\n"
    html, tokens = render(text, quick=True)
    assert (html, tokens) == render(text, quick=False)
    assert '<div class="toc">' in html and 'href="#1.1"' in html


def test_an_unknown_postprocessor_turns_the_quick_headings_off():
    class Rename(Postprocessor):
        def run(self, text):
            return text.replace("甲", "乙")

    class RenameExtension(Extension):
        def extendMarkdown(self, md):  # noqa: N802
            md.postprocessors.register(Rename(md), "rename", 1)

    text = "## 甲方职责\n\n甲方。"
    quick = render(text, quick=True, extra=(RenameExtension(),))
    assert quick == render(text, quick=False, extra=(RenameExtension(),))
    assert quick[1][0]["name"] == "乙方职责"


MARKDOWN_BITS = st.sampled_from([
    "## 5 管理要求\n", "### 5.1 车辆 {#car}\n", "#### 5.1.1 `代码` 标题\n", "- 项目\n", "1. 项\n",
    "> 引用\n", "\n\n", "正文内容。", "plain words ", "*强调*", "**加粗**", "_下划_", "__x__",
    "`code`", "\\*", "[链接](https://example.org)", "[站内](../a/)", "![图](a.png)", "<b>粗</b>",
    "<http://example.org>", "<a@b.c>", "&amp;", "&copy;", "& ", "<", ">", "a  \nb", "注[^1]",
    "\n[^1]: 脚注。\n", "|a|b|\n|-|-|\n|1|2|\n", "!!! note \"注\"\n    内容\n", "```\n代码*\n```\n",
    "术语\n:   定义\n", "{: .x }", "~~删~~", "==标==", "^上^", "\t", " ", "\n",
    "## A &lt; B &amp; C\n", "## 5 `x` 标题[^1]\n", "## 甲 < 乙 > 丙\n", "[TOC]\n\n", "## 前言\n",
    "## 前言\n", "## 3.1 术语 {#term}\n", "## **强调**标题\n", "## 标题 ##\n", "标题\n----\n",
    "续行\n", "段落\n", "!!! note\n", "??? note\n", "???+ note\n", "    缩进\n", "  两格\n", "a | b\n",
    "=\n", "===\n", "---\n", "***\n", "* x\n", "+ y\n", ": 定义\n", "[^1]: 注\n", "[r]: http://x\n",
    "<div>\n", "</div>\n", "<div markdown>\n", "\n\n\n", "1) 项\n", "#标题\n", "> > 深\n", "- [ ] 项\n",
])


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.lists(MARKDOWN_BITS, max_size=30).map("".join))
def test_pages_render_the_same_with_and_without_the_shortcut(text):
    assert render(text, quick=True) == render(text, quick=False)


def corpus_bodies() -> list[Path]:
    paths = sorted((REPO / "standards").rglob("*.md"))
    paths += sorted((REPO / "docs").rglob("*.md"))
    paths += sorted((REPO / "tests" / "hostile").rglob("*.md"))
    return paths


def test_every_shipped_page_renders_the_same(tmp_path):
    bodies = [p for p in corpus_bodies() if p.stat().st_size < 200_000]
    assert len(bodies) > 50
    for path in bodies:
        text = path.read_text(encoding="utf-8", errors="replace")
        if check_body(str(path), text):
            continue  # what the guard sets aside is never rendered (hooks/check/markdown_guard.py)
        assert render(text, quick=True) == render(text, quick=False), path


def test_the_extension_has_a_stable_name():
    assert repr(QuickMarkdownExtension()) == repr(QuickMarkdownExtension())
    assert quick_markdown.__name__ in repr(QuickMarkdownExtension())

