"""Python-Markdown without the work that cannot change a standard's page.

A standard's text is mostly plain Chinese sentences under a hundred numbered headings. At 1,000
standards three stages of Python-Markdown took over half of all Markdown rendering time, for
nothing the page shows. `QuickMarkdownExtension` (registered last, hooks/pipeline.py) gives
them a shortcut each; everything else takes Python-Markdown's own path, and pages come out
byte for byte the same (tests/test_quick_markdown.py renders the shipped corpus, the hostile
cases and random Markdown both ways).

Inline patterns. Python-Markdown runs every inline pattern (code spans, escapes, links, images,
autolinks, raw HTML, entities, emphasis, footnote references, hard line breaks) over every
piece of text in the tree, each from a Python call of its own. Every pattern of the configured
extensions needs one of a few characters to match: `` ` `` or `\\` (code spans, escapes), `[`
(links, images, references, footnote references), `<` (raw HTML, autolinks), `&` (entities),
`*` or `_` (emphasis), or two spaces before a newline (a hard line break). Text with none of
them comes out of the inline stage exactly as it went in, so `QuickInlineProcessor` hands it
back at once. The triggers are known per pattern name (`TRIGGERS`); when an extension
registers a pattern not in that table, every text takes the usual path (adding an extension
can make the build slower, never different).

Blocks. For every block, Python-Markdown asks each block processor in turn (admonitions,
details, HTML, empty, indented, tables, headings, rules, lists, definitions, quotes, footnote and
link definitions) before the paragraph processor takes it. A block whose lines start with none of
the characters those processors look for (nor a space or tab) and hold no `|` is a paragraph to
all of them: `QuickBlockParser` hands it to the paragraph processor at once. With a processor
not in `PASSED_BLOCKS`, every block is asked as usual.

Table of contents. The toc extension renders each heading's inner HTML (a serialisation, an
unescape and every postprocessor, per heading) and then writes the whole table of contents as
HTML (`md.toc`) for a `[TOC]` marker. MkDocs reads `md.toc_tokens` only. `QuickTocTreeprocessor`
builds the HTML table only when the text has a `[TOC]` element to replace (else `md.toc` is an
empty `<div>`), and takes a heading that is one piece of plain text (no child element, no `&`,
`<`, `>` or placeholder character) as its own inner HTML, when the postprocessors are the known
ones that only replace placeholders.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from functools import lru_cache

import markdown.extensions.toc as toc_module
from markdown import Extension, Markdown
from markdown.blockparser import BlockParser
from markdown.extensions.toc import TocTreeprocessor
from markdown.treeprocessors import InlineProcessor
from markdown.util import AtomicString

# Pattern name (Markdown's registry) → characters one of which every match contains.
TRIGGERS: dict[str, str] = {
    "backtick": "`\\",
    "escape": "\\",
    "footnote": "[",
    "reference": "[",
    "link": "[",
    "image_link": "[",
    "image_reference": "[",
    "short_reference": "[",
    "short_image_ref": "[",
    "autolink": "<",
    "automail": "<",
    "html": "<",
    "entity": "&",
    "em_strong": "*_",
    "em_strong2": "_",
    "not_strong": "*_",
    "strong": "*_",
    "emphasis": "*_",
    "linebreak": "",  # "  \n": LINE_BREAK below
}
LINE_BREAK = "  \n"


@lru_cache(maxsize=16)
def trigger_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """A regular expression that finds a place where one of the named patterns could match,
    or None when a name is unknown (then every text must take the usual path)."""
    if any(name not in TRIGGERS for name in names):
        return None
    chars = "".join(sorted({c for name in names for c in TRIGGERS[name]}))
    alternatives = [f"[{re.escape(chars)}]"] if chars else []
    if "linebreak" in names:
        alternatives.append(re.escape(LINE_BREAK))
    return re.compile("|".join(alternatives) or "(?!)")


class QuickInlineProcessor(InlineProcessor):
    """Python-Markdown's inline stage, which returns text without any trigger untouched."""

    triggers: re.Pattern[str] | None = None

    def run(self, tree, ancestors=None):
        # The patterns as they are now, every extension loaded (whatever the order they came in).
        self.triggers = trigger_pattern(tuple(item.name for item in self.md.inlinePatterns._priority))
        return super().run(tree, ancestors)

    # InlineProcessor calls `self.__handleInline` (name-mangled) for every text and tail; this
    # is that method, answering first when no pattern can match.
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        if self.triggers is not None and (
                isinstance(data, AtomicString) or self.triggers.search(data) is None):
            return data
        return super()._InlineProcessor__handleInline(data, patternIndex)


# Postprocessors that only replace placeholders (each holds U+0002): no-ops on other text.
PLACEHOLDER_POSTPROCESSORS = frozenset({"amp_substitute", "raw_html", "footnote"})
_NOT_PLAIN = re.compile("[&<>\x02\x03]")
_render_inner_html = toc_module.render_inner_html


def _plain_heading_html(el, md: Markdown) -> str:
    """toc's render_inner_html, answering at once for a heading of plain text alone."""
    text = el.text
    if len(el) == 0 and text and _NOT_PLAIN.search(text) is None:
        return text.strip()  # what the serialisation, unescape and postprocessors leave
    return _render_inner_html(el, md)


class QuickTocTreeprocessor(TocTreeprocessor):
    """The toc stage without the HTML table of contents nothing shows (see the module)."""

    marker_found = True

    def run(self, doc) -> None:
        # Any element whose text is the marker alone (replace_marker takes a cell, a list item,
        # …; a heading or code too, to be safe): then the table is built as usual.
        self.marker_found = bool(self.marker) and any(
            el.text and el.text.strip() == self.marker and len(el) == 0 for el in doc.iter())
        names = {item.name for item in self.md.postprocessors._priority}
        if not names <= PLACEHOLDER_POSTPROCESSORS:
            return super().run(doc)
        # TocTreeprocessor.run calls the module's render_inner_html: this run, the quick one.
        toc_module.render_inner_html = _plain_heading_html
        try:
            super().run(doc)
        finally:
            toc_module.render_inner_html = _render_inner_html

    def build_toc_div(self, toc_list: list):
        if self.marker_found:
            return super().build_toc_div(toc_list)
        return etree.Element("div")  # md.toc, which MkDocs never reads

    def replace_marker(self, root, elem) -> None:
        if self.marker_found:
            super().replace_marker(root, elem)


# Block processors (Markdown's registry names) whose test, or run, declines a plain block (see
# _PLAIN_BLOCK): admonition `!!!`, details `???`, HTML placeholders, empty and indented blocks,
# tables `|`, headings `#` and `=`/`-` underlines, rules, lists, definitions `:`, quotes `>`,
# footnote and link definitions `[`.
PASSED_BLOCKS = frozenset({
    "admonition", "markdown_block", "details", "empty", "indent", "defindent", "code", "table",
    "hashheader", "setextheader", "hr", "olist", "ulist", "deflist", "quote", "footnote",
    "reference"})
# A block of lines none of which starts with a space, a tab or a character one of those
# processors looks for at a line's start, with no `|` or placeholder anywhere: a paragraph.
_PLAIN_LINE = r"[^\s#=\-*+_0-9:>\[!?|\x02][^\n|\x02]*"
_PLAIN_BLOCK = re.compile(f"{_PLAIN_LINE}(?:\n{_PLAIN_LINE})*\\Z")


@lru_cache(maxsize=16)
def _paragraph_shortcut(names: tuple[str, ...]) -> bool:
    return names[-1:] == ("paragraph",) and set(names[:-1]) <= PASSED_BLOCKS


class QuickBlockParser(BlockParser):
    """Python-Markdown's block parser, which hands a plain paragraph to the paragraph processor
    at once instead of asking every processor before it (each would decline it)."""

    def parseBlocks(self, parent, blocks: list[str]) -> None:  # noqa: N802 (Python-Markdown's)
        if not _paragraph_shortcut(tuple(p.name for p in self.blockprocessors._priority)):
            return super().parseBlocks(parent, blocks)
        paragraph = self.blockprocessors["paragraph"]
        plain = _PLAIN_BLOCK.match
        while blocks:
            if plain(blocks[0]):
                paragraph.run(parent, blocks)
                continue
            for processor in self.blockprocessors:  # BlockParser.parseBlocks, for one block
                if processor.test(parent, blocks[0]) and processor.run(parent, blocks) is not False:
                    break


class QuickMarkdownExtension(Extension):
    """Python-Markdown's block parser, inline and toc stages replaced by the quick ones."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        if type(md.parser) is BlockParser:
            md.parser.__class__ = QuickBlockParser  # its processors and state kept
        if "inline" in md.treeprocessors and type(md.treeprocessors["inline"]) is InlineProcessor:
            priority = next(p.priority for p in md.treeprocessors._priority if p.name == "inline")
            md.treeprocessors.register(QuickInlineProcessor(md), "inline", priority)
        if "toc" in md.treeprocessors and type(md.treeprocessors["toc"]) is TocTreeprocessor:
            md.treeprocessors["toc"].__class__ = QuickTocTreeprocessor  # its settings kept

    def __repr__(self) -> str:  # stable across rebuilds: part of hooks/render_cache.py's key
        return f"{__name__}.QuickMarkdownExtension"
