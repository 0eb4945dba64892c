"""Bounded Markdown: measure a body before Python-Markdown ever parses it.

Python-Markdown recurses once per level of nesting (a list in a list, a quote in a quote, an
indented admonition, a `<div markdown>` in another, a definition under a definition, emphasis in
emphasis), so a few hundred levels end `check` and the build in a RecursionError. Its inline
patterns scan ahead from every `[`, `(` or `<` that is never closed, so 100 KB of `[` takes
minutes. Real standards nest a handful of levels and close what they open; these limits are far
above that (the shipped corpus and the 300-standard bench corpus stay well below them) and far
below where parsing gets slow.

One linear pass over the body, outside fenced code blocks (their text is never parsed). Each
kind of excess is reported once per file, at its first line, with the measure and the limit:

- `body-too-deep` (error): block nesting (list markers, `>` and indentation in steps of four
  columns) over MAX_DEPTH; definitions (`:   …` lines) in one paragraph over MAX_DEFINITIONS
  (each nests inside the one before); raw HTML block elements nested over MAX_HTML_DEPTH;
  emphasis pairs (`*`, `_`) nested over MAX_INLINE_DEPTH in one paragraph;
- `body-pathological` (error): in one paragraph more than MAX_BRACKETS `[` open at once (nested
  or never closed), more than MAX_UNCLOSED `(` never closed, or more than MAX_UNCLOSED_TAGS
  tag-like `<` with no `>`; a run of more than MAX_RUN identical bracket or emphasis characters
  (thematic breaks such as `***` excepted); more than MAX_SAME_HEADING headings with the same
  text (each gets a longer `_n` anchor, found by counting up).

Every regular expression here is linear in the line it reads (no nested or lazy quantifier
followed by a test that can fail late), so the guard itself cannot be made slow.

`check_source` runs from hooks/corpus.py right after a file is read, so `check` reports it and a
build stops before anything is rendered. A body it rejects is set aside (the SourceFile's body
becomes empty): neither the text lint (hooks.check.structure, which runs Python-Markdown's block
parser) nor anything later parses it. The per-page time budget of the build (hooks/page_budget.py)
catches whatever slow input these measures do not describe.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from hooks.check.problems import Problem
from hooks.check.registry import checks
from hooks.load.frontmatter import SourceFile

MAX_DEPTH = 20  # block nesting: a list in a list … (real standards: 3 or 4)
MAX_DEFINITIONS = 20  # `:   ` definition lines in one paragraph
MAX_HTML_DEPTH = 40  # raw HTML block elements open at once
MAX_INLINE_DEPTH = 20  # emphasis nested in one paragraph
MAX_BRACKETS = 50  # `[` open at once in one paragraph (nested, or never closed)
MAX_UNCLOSED = 50  # `(` left open in one paragraph
MAX_UNCLOSED_TAGS = 50  # `<tag` with no `>` in one paragraph
MAX_RUN = 100  # identical bracket or emphasis characters in a row
MAX_SAME_HEADING = 300  # headings with the same text

_FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})")
# Block structure at the start of a line: quote markers, list markers, indentation.
_PREFIX_TOKEN = re.compile(r"[ \t]+|>|(?:[-*+]|\d{1,9}[.)])(?=[ \t])")
_THEMATIC_BREAK = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_DEFINITION = re.compile(r"^ {0,3}:[ \t]")
_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*)$")  # closing #s stripped after (linear)
_ATTR_LIST = re.compile(r"\{[^{}]*\}\s*$")
# A row none of the measures can see (most rows of a standard: a sentence of Chinese text): it
# starts with no indentation, quote, list or heading marker, definition colon, bracket or
# emphasis character, and holds no bracket, emphasis, code, tag or escape character.
_PLAIN_ROW = re.compile(r"[^\s>\-*+_0-9:#\[\]()`<~\\][^\[\]()*_`<~\\]*\Z")
# A heading of such text (no attribute list either): only the count of its text to keep.
_PLAIN_HEADING = re.compile(r"#{1,6}[ \t]+([^\[\]()*_`<~\\{}]*)\Z")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)(?=[\s/>])[^<>]*?(/?)>")  # not <https://…>
_OPEN_TAG = re.compile(r"<[A-Za-z/!?][^<>]*(?=<|$)")
_RUN = re.compile(rf"([\[\]()*_`<~])\1{{{MAX_RUN},}}")  # more than MAX_RUN in a row
_EMPHASIS_RUN = re.compile(r"\*+|_+")
_BRACKET = re.compile(r"\\.|[\[\]()]")  # a bracket, or an escaped character (skipped)
# Raw HTML block elements (Python-Markdown's block-level list) that nest: md_in_html parses the
# Markdown in each, one level of recursion per element. Inline elements (`<b>`, `<span>`, …)
# are text to Python-Markdown; elements closed by their next sibling (`<li>`, `<p>`, `<td>`, …)
# never nest by themselves.
_NESTING_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "details", "dialog", "div", "dl", "fieldset",
    "figcaption", "figure", "footer", "form", "header", "hgroup", "main", "menu", "nav", "ol",
    "pre", "section", "summary", "table", "ul", "canvas", "math", "noscript", "video", "center",
    "h1", "h2", "h3", "h4", "h5", "h6"})


@dataclass
class _Found:
    """The first line and the worst measure of each kind of excess."""

    first: dict[str, tuple[int, int]] = field(default_factory=dict)  # kind → (line, measure)

    def note(self, kind: str, line: int, measure: int) -> None:
        known = self.first.get(kind)
        self.first[kind] = (known[0] if known else line, max(measure, known[1] if known else 0))


def _fenced_rows(rows: list[str]) -> set[int]:
    """Rows inside fenced code blocks that are closed (an unclosed fence is not a block)."""
    fenced: set[int] = set()
    open_at, marker = None, ""
    for i, row in enumerate(rows):
        match = _FENCE.match(row)
        if open_at is None:
            if match:
                open_at, marker = i, match.group(1)
        elif match and match.group(1)[0] == marker[0] and len(match.group(1)) >= len(marker) \
                and not row[match.end():].strip():
            fenced.update(range(open_at, i + 1))
            open_at = None
    return fenced


def _outside_code(row: str) -> str:
    """The row less its inline code spans (`…`): Python-Markdown takes them out before any other
    inline pattern, so a `[` or `<div>` written in one is text. A backtick without its pair
    starts no span."""
    parts = row.split("`")
    if len(parts) % 2 == 0:  # an odd number of backticks: the last one opens nothing
        parts[-2:] = [parts[-2] + "`" + parts[-1], ""]
    return " ".join(parts[::2])


def _block_depth(row: str) -> int:
    """Nesting of a line: each `>`, each list marker, and every four columns of indentation."""
    depth, columns, pos = 0, 0, 0
    while pos < len(row):
        match = _PREFIX_TOKEN.match(row, pos)
        if match is None:
            break
        token = match.group()
        if token[0] in " \t":
            for char in token:
                columns = columns + 4 - columns % 4 if char == "\t" else columns + 1
        else:
            depth += 1
            if row.startswith(" ", match.end()):  # the one space that belongs to the marker
                pos = match.end() + 1
                continue
        pos = match.end()
    return depth + columns // 4


class _Paragraph:
    """Inline measures of one paragraph (lines up to a blank line)."""

    def __init__(self) -> None:
        self.brackets: list[int] = []  # lines of the `[` still open
        self.peak, self.peak_line = 0, 0  # most `[` open at once, and the line of the first
        self.parens: list[int] = []  # lines of the `(` still open
        self.emphasis: list[tuple[int, bool, bool]] = []  # `*`/`_` runs: line, may open, may close
        self.definitions = 0
        self.open_tags = 0

    def scan(self, row: str, line: int, found: _Found) -> None:
        for match in _BRACKET.finditer(row):
            char = match.group()
            if char == "[":
                self.brackets.append(line)
                if len(self.brackets) > self.peak:
                    self.peak = len(self.brackets)
                    self.peak_line = self.brackets[0]
            elif char == "]":
                if self.brackets:
                    self.brackets.pop()
            elif char == "(":
                self.parens.append(line)
            elif char == ")" and self.parens:
                self.parens.pop()
        for match in _EMPHASIS_RUN.finditer(row):
            before = row[match.start() - 1] if match.start() else " "
            after = row[match.end()] if match.end() < len(row) else " "
            # Python-Markdown: a run not followed by a space may open, not preceded by one close.
            self.emphasis.append((line, not after.isspace(), not before.isspace()))
        self.open_tags += len(_OPEN_TAG.findall(row))
        if self.open_tags > MAX_UNCLOSED_TAGS:
            found.note("tags", line, self.open_tags)
        if _DEFINITION.match(row):
            self.definitions += 1
            if self.definitions > MAX_DEFINITIONS:
                found.note("definitions", line, self.definitions)

    def end(self, found: _Found) -> None:
        if self.peak > MAX_BRACKETS:
            found.note("brackets", self.peak_line, self.peak)
        if len(self.parens) > MAX_UNCLOSED:
            found.note("parens", self.parens[0], len(self.parens))
        self._emphasis(found)

    def _emphasis(self, found: _Found) -> None:
        """Nesting of the emphasis pairs that close (an opener never closed nests nothing)."""
        waiting: list[int] = []
        pairs: dict[int, int] = {}  # opener run → closer run
        for i, (_line, opens, closes) in enumerate(self.emphasis):
            if closes and waiting:
                pairs[waiting.pop()] = i
            elif opens:
                waiting.append(i)
        closers = set(pairs.values())
        depth = 0
        for i, (line, _opens, _closes) in enumerate(self.emphasis):
            if i in pairs:
                depth += 1
                if depth > MAX_INLINE_DEPTH:
                    found.note("emphasis", line, depth)
            elif i in closers:
                depth -= 1


class _Html:
    """Raw HTML block elements open at once, as the tags are written."""

    def __init__(self) -> None:
        self.stack: list[str] = []
        self.open: Counter[str] = Counter()  # the stack by name: an end tag's lookup is O(1)
        self.peak, self.peak_line = 0, 0  # most open at once; line where it passed the limit

    def scan(self, row: str, line: int) -> None:
        for end, name, closed in _TAG.findall(row):
            name = name.lower()
            if name not in _NESTING_BLOCKS or closed:
                continue
            if end:
                while self.open[name]:  # pop up to its element (each popped once: linear)
                    self.open[self.stack[-1]] -= 1
                    if self.stack.pop() == name:
                        break
                continue
            self.stack.append(name)
            self.open[name] += 1
            if len(self.stack) > self.peak:
                self.peak = len(self.stack)
                if self.peak == MAX_HTML_DEPTH + 1:
                    self.peak_line = line  # where it first goes past the limit

    def end(self, found: _Found) -> None:
        if self.peak > MAX_HTML_DEPTH:
            found.note("html", self.peak_line, self.peak)


def _count_heading(headings: dict[str, int], text: str, line: int, found: _Found) -> None:
    headings[text] = headings.get(text, 0) + 1
    if headings[text] > MAX_SAME_HEADING:
        found.note("headings", line, headings[text])


def measure(body: str, body_line: int = 1) -> dict[str, tuple[int, int]]:
    """Each kind of excess in `body` → (file line of its first occurrence, worst measure)."""
    rows = body.split("\n")
    fenced = _fenced_rows(rows)
    found = _Found()
    paragraph = _Paragraph()
    html = _Html()
    headings: dict[str, int] = {}
    for i, row in enumerate(rows):
        if i in fenced:
            continue
        line = body_line + i
        if _PLAIN_ROW.match(row):
            continue  # in a paragraph, nothing to measure (tests/test_bounded_markdown.py)
        plain_heading = _PLAIN_HEADING.match(row)
        if plain_heading:
            _count_heading(headings, plain_heading.group(1).rstrip(" \t#").strip(), line, found)
            continue
        if not row.strip():
            paragraph.end(found)
            paragraph = _Paragraph()
            continue
        thematic = _THEMATIC_BREAK.match(row)
        depth = 0 if thematic else _block_depth(row)
        if depth > MAX_DEPTH:
            found.note("blocks", line, depth)
        if not thematic:
            run = _RUN.search(row)
            if run:
                found.note("run", line, len(run.group()))
        heading = _HEADING.match(row)
        if heading:
            text = _ATTR_LIST.sub("", heading.group(1).rstrip(" \t#")).strip()
            _count_heading(headings, text, line, found)
        text = _outside_code(row)
        paragraph.scan(text, line, found)
        html.scan(text, line)
    paragraph.end(found)
    html.end(found)
    return found.first


# Kinds of excess that are nesting (body-too-deep); the others are body-pathological.
_NESTING = frozenset({"blocks", "definitions", "html", "emphasis"})
# kind → message (with the measure n), hint, limit; in the order they are reported
_REPORTS = {
    "blocks": ("正文嵌套了 {n} 层（列表、引用或缩进），超过上限 {limit} 层",
               "减少列表和引用的嵌套层数；缩进的代码请改用 ``` 围栏代码块", MAX_DEPTH),
    "definitions": ("一个段落中连续写了 {n} 条定义（“:   ”开头的行），"
                    "每条都嵌套在上一条之中，超过上限 {limit} 条",
                    "在每个“术语 + 定义”之后空一行", MAX_DEFINITIONS),
    "html": ("正文中的 HTML 元素嵌套了 {n} 层，超过上限 {limit} 层",
             "检查是否漏写了结束标签（如 </div>），或减少嵌套", MAX_HTML_DEPTH),
    "emphasis": ("一个段落中的强调（* 或 _）嵌套了 {n} 层，超过上限 {limit} 层",
                 "检查成对的 * 和 _；作为普通字符的 * 或 _ 写成 \\* 或 \\_", MAX_INLINE_DEPTH),
    "brackets": ("一个段落中同时有 {n} 个方括号 [ 没有闭合，超过上限 {limit} 个",
                 "补上对应的 ]；作为普通字符的 [ 写成 \\[", MAX_BRACKETS),
    "parens": ("一个段落中有 {n} 个圆括号 ( 没有闭合，超过上限 {limit} 个",
               "补上对应的 )；作为普通字符的 ( 写成 \\(", MAX_UNCLOSED),
    "tags": ("一个段落中有 {n} 处以 < 开始却没有 > 结束的标记，超过上限 {limit} 处",
             "补全 HTML 标签，或把作为普通字符的 < 写成 &lt;", MAX_UNCLOSED_TAGS),
    "run": ("连续写了 {n} 个相同的括号或强调字符，超过上限 {limit} 个",
            "删除多余的字符；需要原样显示时放进 ``` 围栏代码块", MAX_RUN),
    "headings": ("有 {n} 个文字相同的标题，超过上限 {limit} 个",
                 "给标题加上条款编号或区分的文字", MAX_SAME_HEADING),
}


@checks("body-too-deep", "body-pathological")
def check_body(path: str, body: str, body_line: int = 1) -> list[Problem]:
    """The problems of one body: each kind of excess once, at its first line (two kinds of one
    rule on the same line, such as 100 KB of `[`, give one message)."""
    problems: dict[tuple[str, int], Problem] = {}
    found = measure(body, body_line)
    for kind, (message, hint, limit) in _REPORTS.items():
        if kind in found:
            line, n = found[kind]
            rule = "body-too-deep" if kind in _NESTING else "body-pathological"
            problems.setdefault((rule, line), Problem(path, line, rule,
                                                      message.format(n=n, limit=limit), hint))
    return sorted(problems.values())


def check_source(source: SourceFile) -> list[Problem]:
    """check_body of a file as read. A body with problems is set aside (the SourceFile's body
    becomes empty), so nothing after this parses it; its errors still fail `check` and the build."""
    problems = check_body(source.path, source.body, source.body_line)
    if problems:
        source.body = ""
    return problems
