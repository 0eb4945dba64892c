"""A standard's clause tree, split where the page splits it: one heading, one clause.

The standard page is the body rendered by MkDocs with Python-Markdown and the extensions of
mkdocs.yml, so only Python-Markdown can say what is a heading there: not a `## 9` line in a fenced
block (even one holding a `~~~` line), in an indented code block or in a raw HTML block; yes a
setext heading, a `#` line in a list or blockquote, a heading in a `<div markdown>` block or in a
footnote. This module therefore runs Python-Markdown's own steps on the body, configured as
mkdocs.yml configures them (`MARKDOWN_EXTENSIONS`; tests/test_clauses.py checks the two agree):

1. MkDocs' front-matter split (`mkdocs.utils.meta.get_data`: a YAML block or `Key: value` lines at
   the top of the body are page metadata, not text);
2. the preprocessors: whitespace normalisation, pymdownx.superfences (stashes fenced blocks) and
   md_in_html's raw HTML extractor (stashes raw HTML blocks), each mapping its output lines back to
   body lines;
3. the block parser, whose heading elements (at any depth) are the clauses;
4. for headings with markup, inline processing and attr_list; then each heading's anchor exactly as
   the `toc` extension computes it: an explicit `{#id}`, else `hooks.model.anchors.slugify` of its
   text, made unique with `_1`, `_2` … among all ids of the page.

Only what a clause needs runs: no syntax highlighting, no inline parsing of paragraphs, no HTML
output; blocks that only a paragraph (or a heading) can be skip the tests of the block processors
that cannot take them. Results are cached by text (`clause_tree`): `mkdocs serve` rebuilds after
every edit, and most texts have not changed.

Each heading's file line comes from the block parser's own loop, run here: it knows which line the
current top-level block starts at, so a top-level heading's line is exact; a heading nested in a
list, blockquote, HTML block or footnote is looked up among the lines of the block that held it.
The Markdown under a heading runs from the line after it (after its underline, for a setext
heading) up to the next heading's line.

Used by hooks.check.structure (GB/T 1.1 lint), hooks.search.index (full-text index) and
hooks.pages.diff (条文对照); `Standard.clauses` is the tree of a loaded standard. In the browser,
docs/assets/js/search.js `splitClauses` splits the rendered page; tests/data/clause_cases.json
holds the cases that all of them, and the page, must agree on.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import accumulate, pairwise
from typing import NamedTuple

import markdown
from markdown.blockprocessors import HashHeaderProcessor, SetextHeaderProcessor
from markdown.extensions.md_in_html import HTMLExtractorExtra
from markdown.extensions.toc import remove_fnrefs, render_inner_html, strip_tags, unique
from mkdocs.utils.meta import get_data

from hooks.model.anchors import clause_number, slugify

# The markdown_extensions of mkdocs.yml (toc's slugify is hooks.model.anchors.slugify, set by
# hooks/pipeline.py); tests/test_clauses.py fails when the two lists drift apart.
MARKDOWN_EXTENSIONS = ("toc", "tables", "admonition", "attr_list", "md_in_html", "def_list",
                       "footnotes", "pymdownx.details", "pymdownx.superfences")
TOC_SEPARATOR = "-"


# ---------------------------------------------------------------------------------------------
# The clause tree


class Clause(NamedTuple):
    """One heading and the Markdown under it, up to the next heading.

    The lead (the text before the first heading) is a Clause of level 0, anchor "" and text ""."""

    level: int  # 1–6 as on the page (`##` is 2); 0 for the lead
    text: str  # the heading as a reader sees it: "5.2 车辆调度" (markup and {#id} gone)
    number: str | None  # "5.2", "A", "A.1"; None for 前言 and other unnumbered headings
    anchor: str  # the heading's id on the page: "5.2", "A", "qian-yan", "qian-yan_1", "custom"
    line: int  # file line of the heading (of its text line, for a setext heading)
    start: int  # file line of the first line under the heading
    markdown: str  # the Markdown under the heading ("" when the next heading follows at once)

    @property
    def lines(self) -> list[tuple[int, str]]:
        """(file line, text) of every line under the heading."""
        return list(enumerate(self.markdown.split("\n"), self.start)) if self.markdown else []


@dataclass(frozen=True)
class ClauseTree:
    """A body as clauses: `lead` (perhaps empty), then one clause per heading, in page order."""

    lead: Clause
    clauses: tuple[Clause, ...]
    fenced: frozenset[int]  # file lines of fenced code blocks: fences and content
    fences: frozenset[int]  # file lines of the fences themselves (the ``` and ~~~ lines)

    def __iter__(self):
        return iter(self.clauses)

    def __len__(self) -> int:
        return len(self.clauses)


@lru_cache(maxsize=20000)  # as the search index's token cache
def clause_tree(body: str, body_line: int = 1) -> ClauseTree:
    """The clause tree of a standard's body; `body_line` is the file line of its first line."""
    rows = body.split("\n")
    doc, _meta = get_data(body)  # what MkDocs renders: the body less any front-matter
    first = body[: len(body) - len(doc)].count("\n") if body.endswith(doc) else 0
    if doc.strip():
        run = _Run(_markdown(), doc.split("\n"), first)
        headings, fenced, fences = run.headings(), run.fenced, run.fences
    else:  # Markdown renders nothing
        headings, fenced, fences = [], set(), set()
    ends = [0, *accumulate(map(len, rows))]  # ends[i] + i: where row i starts

    def markdown_(start: int, end: int) -> str:
        return body[ends[start] + start:ends[end] + end - 1] if end > start else ""

    heading_rows = [h[4] for h in headings]
    lead = Clause(0, "", None, "", first + body_line, first + body_line,
                  markdown_(first, min(heading_rows, default=len(rows))))
    if all(a < b for a, b in pairwise(heading_rows)):  # in file order, as usual
        ends_at = heading_rows[1:] + [len(rows)] if heading_rows else []
    else:  # a heading from a footnote: each runs up to the next heading line of the file
        starts = sorted(set(heading_rows)) + [len(rows)]
        ends_at = [starts[bisect_right(starts, row)] for row in heading_rows]
    clauses = []
    for (level, text, number, anchor, row, height), end in zip(headings, ends_at, strict=True):
        start = min(row + height, end)
        clauses.append(Clause(level, text, number, anchor, row + body_line, start + body_line,
                              markdown_(start, end)))
    return ClauseTree(lead, tuple(clauses), frozenset(r + body_line for r in fenced),
                      frozenset(r + body_line for r in fences))


# ---------------------------------------------------------------------------------------------
# Python-Markdown, run for its headings (rows: 0-based body lines)


_HEADING_TAGS = frozenset(f"{h}{n}" for h in "hH" for n in range(1, 7))  # what `toc` numbers
_HASH_LINE = HashHeaderProcessor.RE
_HASH_TAGS = {n: f"h{n}" for n in range(1, 7)}
# A block in which no line can start anything but a paragraph: a heading, list, quote, rule,
# setext underline, table, definition, footnote, reference, admonition, details or HTML block.
_NOT_PLAIN = re.compile(r"(?m)^ *(?:[#=\-_*+>\[:!?\x02]|\d+\.)|\|")
_NOT_PLAIN_START = frozenset(" \n\x02#=-_*+>[:!?")  # the same, for the first character of a line
_ORDERED = re.compile(r"\d+\.")
# Block processors that come before the heading processor and take only a block that starts
# with a space, a newline or an HTML placeholder, has a "|", or a line starting with !!! or ???.
_FIRST_PROCESSORS = {"admonition", "markdown_block", "details", "empty", "indent", "defindent",
                     "code", "table"}
_FIRST_ONLY = re.compile(r"(?m)^(?:!!!|\?\?\?)")
# Heading text that inline processing or attr_list would change (else it is the text as is).
_MARKUP = re.compile(r"[`\\\[\]!<&*_{\x02\x03]")
# What may come before a heading on its line inside a container: indentation, quote and list marks.
_PREFIX = re.compile(r"(?:[ >]|[*+-] |\d+\. |: )*")

_number = lru_cache(maxsize=65536)(clause_number)  # headings repeat across standards


@lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    """A Markdown instance configured like the site's, whose heading processors report here."""
    md = markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS),
                           extension_configs={"toc": {"slugify": slugify}})
    # A code block's text is all that could matter here (a heading made of one): no highlighting.
    fenced = md.preprocessors["fenced_code_block"]
    fenced.extension.superfences[0]["formatter"] = _plain_code
    fenced.reassemble = _capture_stack(fenced)
    blocks = md.parser.blockprocessors
    for name, cls in (("hashheader", _HashHeader), ("setextheader", _SetextHeader)):
        priority = next(item.priority for item in blocks._priority if item.name == name)
        blocks.register(cls(md.parser), name, priority)
    return md


def _plain_code(src: str = "", **_options) -> str:
    return f"<pre><code>{html.escape(src)}</code></pre>"


class _Run:
    """One body through Python-Markdown's preprocessors and block parser."""

    current: _Run | None = None  # the run the heading processors report to

    def __init__(self, md: markdown.Markdown, rows: list[str], first: int) -> None:
        self.md = md
        self.rows = rows  # the Markdown MkDocs renders, by line
        self.first = first  # body line of rows[0]
        self.fenced: set[int] = set()
        self.fences: set[int] = set()
        md.reset()
        # lines: after the preprocessors; origin[i]: the index in rows that lines[i] comes from
        self.lines, self.origin = self._preprocess(rows)
        # (heading, source line ends with, height, line in self.lines if known, block number)
        self.found: list[tuple[etree.Element, str, int, int | None, int | None]] = []
        self.windows: list[int] = []  # the first line of each top-level block
        self.parsed = False
        self.root = self._block_parse(self.lines)

    # ------------------------------------------------------------------ preprocessors

    def _preprocess(self, lines: list[str]) -> tuple[list[str], list[int]]:
        origin = list(range(len(lines)))
        for item in self.md.preprocessors._priority:
            pre = self.md.preprocessors[item.name]
            text = "\n".join(lines)
            if item.name == "fenced_code_block":
                if "```" not in text and "~~~" not in text:
                    continue  # nothing it could stash
                pre.stashed = []
                lines = pre.run(lines)
                origin = self._fenced(pre.stashed, origin)
            elif item.name == "html_block":
                if "<" not in text:
                    continue  # no tag, no comment: its output would be its input
                lines, origin = _html_blocks(self.md, lines, origin)
            else:  # normalize_whitespace: the same lines, and two blank ones after
                lines = pre.run(lines)
                origin = (origin + [origin[-1] if origin else 0] * len(lines))[: len(lines)]
        return lines, origin

    def _fenced(self, stack: list[tuple[str, int, int]], origin: list[int]) -> list[int]:
        """Record the body lines of each fenced block superfences replaced with one line."""
        for _placeholder, start, end in stack:
            rows = [origin[i] + self.first for i in range(start, end)]
            self.fenced.update(rows)
            self.fences.update((rows[0], rows[-1]))
        for _placeholder, start, end in reversed(stack):
            origin = origin[:start] + [origin[start]] + origin[end:]
        return origin

    # ------------------------------------------------------------------ block parser

    def _block_parse(self, lines: list[str]) -> etree.Element:
        """BlockParser.parseDocument, its top-level loop here to know where each block starts."""
        md = self.md
        root = md.parser.root = etree.Element(md.doc_tag)
        text = "\n".join(lines)
        blocks = self.top = _Blocks(text.split("\n\n"))
        total = self.total = text.count("\n")
        processors, later = _processors(md.parser)
        windows, found, sub_element = self.windows, self.found, etree.SubElement
        _Run.current = self
        try:
            while blocks:
                start = total - blocks.newlines - 2 * (len(blocks) - 1)  # blocks.remaining()
                windows.append(start)
                block = blocks[0]
                head = block[:1]
                if "\n" not in block and "|" not in block and head and head not in _NOT_PLAIN_START \
                        and not (head.isdigit() and _ORDERED.match(block)):
                    # One line of a paragraph (as below, quicker): most blocks of a standard.
                    list.pop(blocks, 0)
                    sub_element(root, "p").text = block.lstrip()
                    continue
                if not head or head in " \n\x02":
                    candidates = processors
                elif not _NOT_PLAIN.search(block):
                    # A paragraph: what ParagraphProcessor.run does at the top level.
                    sub_element(root, "p").text = blocks.pop(0).lstrip()
                    continue
                elif head == "#" and "\n" not in block and "|" not in block:
                    # One `#` line, which the heading processor is the first to take.
                    list.pop(blocks, 0)
                    m = _HASH_LINE.match(block)
                    h = sub_element(root, _HASH_TAGS[len(m.group("level"))])
                    h.text = m.group("header").strip()
                    found.append((h, block, 1, start, len(windows) - 1))
                    continue
                elif "|" in block or _FIRST_ONLY.search(block):
                    candidates = processors
                else:
                    candidates = later  # the tests of the processors before these fail
                for processor in candidates:
                    if processor.test(root, blocks[0]) and processor.run(root, blocks) is not False:
                        break
            windows.append(len(lines))
            self.parsed = True  # blocks done: a heading found now is in a footnote
            if "footnote" in md.treeprocessors and md.treeprocessors["footnote"].footnotes.footnotes:
                md.treeprocessors["footnote"].run(root)  # footnotes: a list at the page's end
        finally:
            _Run.current = None
        return root

    def found_heading(self, h: etree.Element, raw: str, height: int, line: int | None) -> None:
        """From the heading processors: heading `h`, built from a source line ending in `raw`;
        `line`: its line in self.lines when known (in a top-level block)."""
        self.found.append((h, raw, height, line,
                           None if self.parsed else len(self.windows) - 1))

    def line_of(self, blocks: list[str], offset: int) -> int | None:
        """The line `offset` lines into blocks[0], if `blocks` are the top-level blocks."""
        return self.total - blocks.remaining() + offset if blocks is self.top else None

    # ------------------------------------------------------------------ headings

    def headings(self) -> list[tuple[int, str, str | None, str, int, int]]:
        """(level, text, number, anchor, body line, lines it takes) of each heading, in page
        order; a setext heading takes 2 lines (its underline)."""
        elements, used = [], set()
        for el in self.root.iter():
            if el.tag in _HEADING_TAGS:
                elements.append(el)
            elif el.get("id") is not None:
                used.add(el.get("id"))
        if not elements:
            return []
        names = self._names(elements)
        used.update(el.get("id") for el in elements if el.get("id") is not None)
        info = {id(h): rest for h, *rest in self.found}
        lines, origin, first = self.lines, self.origin, self.first
        counters: dict[str, int] = {}
        previous, taken = first - 1, set()
        out = []
        for el, (name, text) in zip(elements, names, strict=True):
            raw, height, line, window = info.get(id(el), ("", 1, None, None))
            if line is not None and line < len(lines) and lines[line].endswith(raw):
                row = origin[line] + first  # a heading in a top-level block: its own line
            else:
                row = self._row(raw, window, previous, taken)
            taken.add(row)
            if window is not None and row > previous:
                previous = row
            anchor = el.get("id")
            if anchor is None:
                anchor = unique(slugify(name, TOC_SEPARATOR), used, counters)
            out.append((int(el.tag[-1]), text, _number(text), anchor, row, height))
        return out

    def _names(self, elements: list[etree.Element]) -> list[tuple[str, str]]:
        """Each heading's name as `toc` slugifies it (its text, markup gone, entities decoded),
        and its text as a reader sees it (spaces squashed). Headings with markup go through
        inline processing and attr_list ({#id} sets the id)."""
        md = self.md
        marked = [el for el in elements if len(el) or (el.text and _MARKUP.search(el.text))]
        if marked:
            holder = etree.Element("div")
            holder.extend(marked)
            md.treeprocessors["inline"].run(holder)
            md.treeprocessors["attr_list"].run(holder)
        slow = {id(el) for el in marked}
        out = []
        for el in elements:
            if id(el) in slow:
                name = html.unescape(strip_tags(render_inner_html(remove_fnrefs(el), md)))
                out.append((name, " ".join(name.split())))
            else:  # what the line above gives for text without markup
                name = " ".join((el.text or "").split())
                out.append((name, name))
        return out

    def _row(self, raw: str, window: int | None, previous: int, taken: set[int]) -> int:
        """The body line of a heading nested in a top-level block, built from a source line
        ending in `raw`: the first line after `previous` ending in `raw` among the lines of the
        block that held it (a list, a blockquote, an HTML block); else anywhere after `previous`,
        outside fenced code, then inside (an indented code block makes superfences give back a
        fenced block it took). A heading in a footnote (shown at the end of the page) may come
        from any line."""
        last = len(self.origin) - 1
        if last < 0 or not raw:
            return max(previous, self.first)
        lo = hi = 0
        if window is None:
            previous = self.first - 1
        else:
            start, end = self.windows[window], self.windows[window + 1]
            lo = self.origin[min(start, last)]
            hi = max(self.origin[min(end - 1, last)], lo) + 1
        everywhere = range(max(previous + 1 - self.first, 0), len(self.rows))
        for rows, in_code in ((range(lo, hi), False), (everywhere, False), (everywhere, True)):
            for index in rows:
                row = index + self.first
                if row <= previous or row in taken or (row in self.fenced and not in_code):
                    continue
                text = self.rows[index].expandtabs(self.md.tab_length)
                if text.endswith(raw) and _PREFIX.fullmatch(text[: len(text) - len(raw)]):
                    return row
        return max(previous, lo + self.first)


@lru_cache(maxsize=1)
def _processors(parser) -> tuple[list, list]:
    """The block processors in order, and those from the heading processor on (all of them if
    an unknown processor comes first)."""
    names = [item.name for item in parser.blockprocessors._priority]
    processors = list(parser.blockprocessors)
    cut = names.index("hashheader")
    return processors, processors[cut:] if set(names[:cut]) == _FIRST_PROCESSORS else processors


class _Blocks(list):
    """The top-level blocks, counting their newlines as block processors pop and insert."""

    def __init__(self, items: list[str]) -> None:
        super().__init__(items)
        self.newlines = sum(b.count("\n") for b in items)

    def remaining(self) -> int:
        """Newlines in the text still to parse, "\\n\\n".join(self)."""
        return self.newlines + 2 * (len(self) - 1) if self else 0

    def pop(self, index: int = -1) -> str:
        block = super().pop(index)
        self.newlines -= block.count("\n")
        return block

    def insert(self, index: int, block: str) -> None:
        super().insert(index, block)
        self.newlines += block.count("\n")

    def append(self, block: str) -> None:
        super().append(block)
        self.newlines += block.count("\n")

    def __setitem__(self, index, block) -> None:
        if not isinstance(index, int):
            raise TypeError("blocks: only single items are replaced")
        self.newlines += block.count("\n") - self[index].count("\n")
        super().__setitem__(index, block)

    def __delitem__(self, index) -> None:
        if not isinstance(index, int):
            raise TypeError("blocks: only single items are deleted")
        self.newlines -= self[index].count("\n")
        super().__delitem__(index)


class _HashHeader(HashHeaderProcessor):
    """Python-Markdown's `#` heading processor, reporting each heading and its line."""

    def run(self, parent, blocks):
        run, m = _Run.current, self.RE.search(blocks[0])
        line = None
        if run is not None and m is not None:
            line = run.line_of(blocks, blocks[0].count("\n", 0, m.start())
                               + m.group(0).startswith("\n"))
        super().run(parent, blocks)
        if run is not None and m is not None:
            run.found_heading(parent[-1], m.group(0).strip("\n"), 1, line)


class _SetextHeader(SetextHeaderProcessor):
    """Python-Markdown's underlined heading processor, reporting each heading and its line."""

    def run(self, parent, blocks):
        run, raw = _Run.current, blocks[0].split("\n", 1)[0]
        line = run.line_of(blocks, 0) if run is not None else None
        super().run(parent, blocks)
        if run is not None:
            run.found_heading(parent[-1], raw, 2, line)


def _capture_stack(pre):
    """superfences' `reassemble`, keeping which lines each fenced block replaced."""
    cls = type(pre)

    def reassemble(lines):
        pre.stashed = list(pre.stack)
        return cls.reassemble(pre, lines)

    return reassemble


def _html_blocks(md: markdown.Markdown, lines: list[str],
                 origin: list[int]) -> tuple[list[str], list[int]]:
    """md_in_html's HtmlBlockPreprocessor.run, mapping each output line to its source line."""
    text = "\n".join(lines)
    parser = _TrackingExtractor(md)
    parser.feed(text)
    parser.close()
    starts = [0, *accumulate(len(line) + 1 for line in lines)]

    def origin_at(pos: int) -> int:
        return origin[min(bisect_right(starts, pos) - 1, len(origin) - 1)]

    out_origin = [origin_at(0)]
    for item, pos in zip(parser.cleandoc, parser.cleandoc.positions, strict=True):
        if not isinstance(item, str):
            continue
        verbatim = text.startswith(item, pos)  # else added by the extractor: blank lines
        q = item.find("\n")
        while q >= 0:
            out_origin.append(origin_at(pos + q + 1) if verbatim else origin_at(pos))
            q = item.find("\n", q + 1)
    out = "".join(parser.cleandoc).split("\n")
    return out, (out_origin + [out_origin[-1]] * len(out))[: len(out)]


class _Recorded(list):
    """The extractor's `cleandoc`, with the source position each piece was added at."""

    def __init__(self, parser: _TrackingExtractor) -> None:
        super().__init__()
        self.parser = parser
        self.positions: list[int] = []

    def append(self, item) -> None:
        super().append(item)
        self.positions.append(self.parser.position())


class _TrackingExtractor(HTMLExtractorExtra):
    """md_in_html's extractor, noting where each raw HTML block starts."""

    def reset(self) -> None:
        super().reset()
        self.cleandoc = _Recorded(self)
        self.block_start: int | None = None

    def position(self) -> int:
        """Where the piece being added comes from: a stashed block's start, else the parser's
        position (the start of the tag or text being handled)."""
        here = self.line_offset + self.offset
        if self.block_start is not None and not (self.inraw or self.mdstack):
            here, self.block_start = self.block_start, None
        return here

    def handle_starttag(self, tag, attrs):
        opening = not (self.inraw or self.mdstack)
        here = self.line_offset + self.offset
        super().handle_starttag(tag, attrs)
        if opening and (self.inraw or self.mdstack):
            self.block_start = here


class HasText:
    """`has_text` and the clause tree of anything with a Markdown `body` starting at file line
    `body_line`: a Standard, or the body of a file whose metadata has errors (check.structure)."""

    body: str
    body_line: int

    @property
    def has_text(self) -> bool:
        return bool(self.body.strip())

    @cached_property
    def clauses(self) -> ClauseTree:
        """The text split at its headings as the page splits it."""
        return clause_tree(self.body, self.body_line)
