"""Classify a draft's body into the elements of a standard's text (spec sections 2 and 6).

Input: the blocks after the cover (hooks.importer.docx_reader), in order. Output: headings
(前言/引言/参考文献/索引; chapters and clauses with their numbers; annexes with 规范性/资料性 and
title), paragraphs, 列项, 注, 示例, captions, normative references, tables; and findings: what
could not be converted, one per thing, with its paragraph number.

A heading is recognised, in this order, by
1. its text: 前言, 引言, 参考文献, 索引 (目次 starts the part that is dropped); 附录 A … ;
2. its style (hooks.importer.roles): Word's headings, the drafting template's 章标题/条标题,
   or an outline level; its number is the one its text starts with (typed, or the automatic
   number Word shows), else counted from the previous heading, as Word would number it;
3. its text alone, for drafts that type the numbers: a clause number in bold (or 黑体) at the
   start of the paragraph. With a short bold title it is a titled clause (``5.2 车辆调度``); with
   plain text after it, an untitled clause (无标题条) if the number follows the previous one.
A heading that is only a number (``3.1`` on its own line, as term entries are often typed) takes
the next short paragraph as its title, and a Latin line after that as the English term.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field

from hooks.check.references import parse_entry
from hooks.importer.docx_reader import Block, Para, Table
from hooks.importer.roles import Role, role_of
from hooks.importer.text import SENTENCE_END, cjk, collapse, compact, excerpt, narrow
from hooks.model.numbers import NumberError, parse_number

FRONT_TITLES = ("前言", "引言", "参考文献", "索引")
TOC_TITLES = ("目次", "目录")
REFERENCES_CHAPTER = "规范性引用文件"
MAX_TITLE = 60  # characters: longer text after a number is a clause's text, not its title
_RULE = re.compile(r"[_\-—─━=＝＿·.…*~]{3,}")  # the end line of a standard, rules
_BODY_NUM = re.compile(r"(\d{1,2}(?:\.\d{1,3}){0,5})(?![\d.])\.?(?=\s|$|[^\x00-\x7f])")
_ANNEX_NUM = re.compile(r"([A-Z](?:\.\d{1,3}){1,5})(?![\d.])\.?(?=\s|$|[^\x00-\x7f])")
_ANNEX = re.compile(r"附\s*录\s*([A-Z])(?![A-Za-z])")
_ANNEX_TYPE = re.compile(r"[（(]\s*(规范性|资料性)\s*(?:附\s*录)?\s*[）)]")
_CAPTION = re.compile(r"(表|图)\s*(?:([A-Z])\s*\.\s*)?(\d{1,3})(?![\d.])\s*([（(]\s*续\s*[）)])?")
_NOTE = re.compile(r"注\s*(\d{0,2})\s*[：:]\s*")
_EXAMPLE = re.compile(r"示例\s*(\d{0,2})\s*(?:[：:]\s*|$)")
_LETTER_ITEM = re.compile(r"([a-z])\s*[)）]\s*")
_NUMBER_ITEM = re.compile(r"(\d{1,2})\s*[)）]\s*")
_DASH_ITEM = re.compile(r"(——|—|－－|--|•|●|○|■|□|◆|◇|▪|►|➢|√|\uf0b7|\uf0a7|\uf06c)\s*")
_DOT_ITEM = re.compile(r"[·・]\s*")
_TOC_LINE = re.compile(r".*?(?:\t|\.{2,}|…+|\s{2,})\s*(?:\d+|[IVXivx]+)$")
_REFERENCE_START = re.compile(r"(?:[A-Z]{1,10}(?:/[A-Z]{1,6})*\s*/?\s*[A-Z]?\s*\d|ISO|IEC|《)")


@dataclass
class Finding:
    """One thing the importer could not convert (or changed), for the report."""

    paragraph: int | None  # None: the document as a whole
    excerpt: str
    message: str


@dataclass
class Heading:
    paragraph: int
    number: str = ""  # "5.2", "A.1"; the letter for an annex; "" for 前言 and the like
    title: str = ""
    kind: str = "clause"  # clause, annex, front
    annex_type: str = ""  # 规范性 or 资料性

    @property
    def level(self) -> int:
        """The Markdown heading level: ## for chapters, annexes and 前言; ### for 5.1 or A.1."""
        if self.kind != "clause":
            return 2
        return min(len(self.number.split(".")) + 1, 6)


@dataclass
class Text:
    paragraph: int
    text: str
    kind: str = "paragraph"  # paragraph, item, note, example, caption, reference, placeholder


@dataclass
class CellText:
    lines: list[str]
    colspan: int = 1
    rowspan: int = 1


@dataclass
class TableText:
    paragraph: int
    rows: list[list[CellText]]
    header_rows: int


Element = Heading | Text | TableText


@dataclass
class Annex:
    heading: Heading
    counters: list[int] = field(default_factory=list)  # the clause numbers after the letter
    wants_type: bool = False
    wants_title: bool = False
    shift: int = 0  # 1 when 附录章标题 is the first clause level (the 2009 template)


@dataclass
class Body:
    elements: list[Element]
    findings: list[Finding]
    body_title: str | None  # the title printed above chapter 1, when the draft has one
    preface: list[str]  # the paragraphs of 前言, for 提出/归口/起草单位/起草人


def split_cover(blocks: list[Block]) -> int:
    """How many blocks the cover takes: those before 目次, 前言 or 引言; in a draft without
    them, those before the title above chapter 1 or chapter 1 itself (a Word heading, or a bold
    “1 范围”). 0 when none is found: then there is no cover to read."""
    paragraphs = [(i, b) for i, b in enumerate(blocks) if isinstance(b, Para)]
    for i, block in paragraphs:
        role = role_of(block)
        if compact(narrow(block.text)) in TOC_TITLES + ("前言", "引言") or (
                role and role.kind in ("toc", "front")):
            return i
    for i, block in paragraphs:
        role = role_of(block)
        if role and (role.kind == "body-title" or (role.kind == "heading" and role.level == 1)):
            return i
        if _typed_chapter_one(block):
            return i
    return 0


def _typed_chapter_one(block: Para) -> bool:
    text = narrow(block.text).strip()
    return compact(text) == "1范围" or (
        re.match(r"1(?![\d.])\s*[^\x00-\x7f]", text) is not None and len(text) <= MAX_TITLE
        and block.strong_between(0, len(block.runs_text)))


def _parts(number: str) -> list[int]:
    return [int(p) for p in number.split(".") if p.isdigit()]


def _next(counters: list[int], level: int) -> list[int]:
    """The number Word gives the next heading of `level` (1 = chapter) after `counters`."""
    parts = counters[:level]
    while len(parts) < level - 1:
        parts.append(1)
    if len(parts) == level:
        parts[-1] += 1
    else:
        parts.append(1)
    return parts


def _follows(counters: list[int], parts: list[int], exact: bool) -> bool:
    """Whether `parts` can come next after `counters` (exactly the next, or a small gap)."""
    depth = len(parts)
    if depth - 1 > len(counters) or parts[:-1] != counters[:depth - 1]:
        return False
    previous = counters[depth - 1] if len(counters) >= depth else 0
    return parts[-1] == previous + 1 if exact else previous < parts[-1] <= previous + 3


def _tidy_title(text: str) -> str:
    """A heading title: one line; “范　围” (spaced characters) closed up."""
    title = collapse(text.replace("\n", ""))
    closed = compact(title)
    return closed if len(closed) <= 6 and cjk(closed) == len(closed) else title


def _latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isascii() for c in letters)


def _placeholder(text: str) -> str:
    return "【待填：" + text.replace("【", "“").replace("】", "”") + "】"


class Structurer:
    """One pass over the body's blocks; `run()` gives the Body."""

    def __init__(self, blocks: list[Block], title: str | None) -> None:
        self.blocks = blocks
        self.title_key = compact(title) if title else None
        self.out: list[Element] = []
        self.findings: list[Finding] = []
        self.clause: list[int] = []
        self.annex: Annex | None = None
        self.annexes = 0
        self.section = ""  # 前言, 引言, 参考文献, 索引; "" in the chapters and annexes
        self.chapter = ""  # the title of the current chapter
        self.started = False  # chapter 1 (or an annex) seen
        self.pending: Heading | None = None  # a numbered heading still without its title
        self.pending_en: Heading | None = None  # a term heading that may get an English line
        self.captions: dict[tuple[str, str], int] = {}
        self.items = {"letter": 0, "number": 0}
        self.toc: list[int] = []
        self.in_toc = False
        self.body_title: str | None = None
        self.preface: list[str] = []

    def run(self) -> Body:
        for i, block in enumerate(self.blocks):
            if isinstance(block, Table):
                self._close_pending()
                table = self._table(block)
                if any(cell.lines for row in table.rows for cell in row):
                    self.out.append(table)
            else:
                self._paragraph(block, i)
        if self.toc:
            first, last = self.toc[0], self.toc[-1]
            where = f"第 {first}—{last} 段" if last != first else f"第 {first} 段"
            self.findings.append(Finding(first, "目次", f"目次（{where}）已删除：网站按章条标题自动生成目次"))
        for element in self.out:
            if isinstance(element, Heading) and element.kind == "annex":
                if not element.annex_type:
                    self.findings.append(Finding(element.paragraph, f"附录 {element.number}",
                                                 "附录没有注明“规范性”或“资料性”：标题中留有占位内容"))
                if not element.title:
                    self.findings.append(Finding(element.paragraph, f"附录 {element.number}",
                                                 "附录没有标题：标题中留有占位内容"))
        return Body(self.out, self.findings, self.body_title, self.preface)

    # --- helpers ---------------------------------------------------------------------------

    def _emit(self, element: Element) -> None:
        self.out.append(element)

    def _text(self, para: Para, text: str, kind: str = "paragraph") -> None:
        for line in text.split("\n"):
            line = re.sub(r"\t+", "\u3000", line).strip()
            if line:
                self._emit(Text(para.index, line, kind))
                if self.section == "前言":
                    self.preface.append(line)

    def _close_pending(self) -> None:
        self.pending = self.pending_en = None
        if self.annex is not None:
            self.annex.wants_type = self.annex.wants_title = False

    def _reset_items(self) -> None:
        self.items = {"letter": 0, "number": 0}

    def _losses(self, para: Para) -> list[str]:
        """Findings for what the paragraph holds that cannot be converted; placeholder texts."""
        held = []
        for name in para.images:
            self.findings.append(Finding(para.index, excerpt(para.text),
                                         f"图片 {name} 未导入：本站尚不发布标准中的图片"))
            held.append(_placeholder(f"此处的图片（{name}）未导入：本站尚不发布图片，"
                                     "请改用文字或表格表述，或删除本段"))
        for what in para.lost:
            self.findings.append(Finding(para.index, excerpt(para.text), f"{what}未导入"))
            held.append(_placeholder(f"此处的{what}未导入：请改写为文字，或删除本段"))
        for box in para.textboxes:
            if not box.strip():
                continue
            self.findings.append(Finding(para.index, excerpt(para.text),
                                         f"文本框中的文字未导入：“{excerpt(box, 40)}”"))
            held.append(_placeholder(f"此处文本框中的文字未导入（“{excerpt(box, 40)}”）："
                                     "请改写为正文，或删除本段"))
        return held

    def _title_like(self, raw: str) -> bool:
        text = collapse(raw)
        return (0 < len(text) <= MAX_TITLE and not text.endswith(SENTENCE_END + ("。",))
                and not self._marker(narrow(text)))

    def _marker(self, text: str) -> bool:
        """Whether the text starts like a caption, note, example, list item or clause number."""
        return any(p.match(text) for p in (_CAPTION, _NOTE, _EXAMPLE, _LETTER_ITEM, _NUMBER_ITEM,
                                           _DASH_ITEM, _BODY_NUM, _ANNEX_NUM))

    # --- paragraphs ------------------------------------------------------------------------

    def _paragraph(self, para: Para, i: int) -> None:
        raw = para.text
        if raw.strip():
            self._classify(para, i, raw)
        for held in self._losses(para):
            self._emit(Text(para.index, held, "placeholder"))

    def _classify(self, para: Para, i: int, raw: str) -> None:  # one decision list, in order
        text = narrow(raw)
        lead = len(text) - len(text.lstrip())
        raw, text = raw.strip(), text.strip()
        key = compact(text)
        own = compact(narrow(para.runs_text))
        if own in FRONT_TITLES + TOC_TITLES:  # 前言 with an automatic number: the title counts
            key = own
        role = role_of(para)
        if self.in_toc or (role and role.kind == "toc-entry"):
            if (role and role.kind == "toc-entry") or _TOC_LINE.fullmatch(text):
                self.toc.append(para.index)
                return
            self.in_toc = False
        if _RULE.fullmatch(key):
            return
        if key in TOC_TITLES or (role and role.kind == "toc"):
            self._close_pending()
            self.in_toc = True
            self.toc.append(para.index)
            return
        if key in FRONT_TITLES:
            self._close_pending()
            self.annex = None
            self.section = key
            self._emit(Heading(para.index, title=key, kind="front"))
            return
        if (role and role.kind == "body-title") or (not self.started and self.title_key
                                                    and key == self.title_key):
            self.body_title = _tidy_title(raw)
            self.findings.append(Finding(para.index, excerpt(raw),
                                         "正文首页的标准名称未写入正文（它就是元数据中的 title）"))
            return
        if self._absorb(para, raw, text, key):
            return
        if self._annex_mark(para, raw, text, key, role):
            return
        self._close_pending()
        if role and role.kind in ("heading", "untitled", "annex-heading", "annex-untitled",
                                  "annex-chapter") and not (
                self.section and role.level > 1 and self._number(text) is None):  # 前言 sub-heads
            self._styled_heading(para, raw, text, role)
            return
        if self._typed_heading(para, raw, text, lead):
            return
        if self._caption(para, i, raw, text, role):
            return
        if self._note(para, raw, text, role):
            return
        if self._item(para, raw, text, role):
            return
        self._reset_items()
        if self.chapter == REFERENCES_CHAPTER and not self.section and self._reference(para, raw):
            return
        self._text(para, raw)

    def _absorb(self, para: Para, raw: str, text: str, key: str) -> bool:
        """The annex type and title after an annex mark; the title (and English term) of a
        heading that was only a number."""
        annex = self.annex
        if annex is not None and (annex.wants_type or annex.wants_title):
            match = _ANNEX_TYPE.fullmatch(key)
            if match and annex.wants_type:
                annex.heading.annex_type, annex.wants_type = match.group(1), False
                return True
            if annex.wants_title and self._title_like(raw):
                annex.heading.title = _tidy_title(raw)
                annex.wants_type = annex.wants_title = False
                return True
            annex.wants_type = annex.wants_title = False
        if self.pending is not None:
            heading, self.pending = self.pending, None
            if self._title_like(raw):
                heading.title = _tidy_title(raw)
                terms = "术语" in self.chapter and cjk(heading.title) == len(compact(heading.title))
                self.pending_en = heading if terms else None
                return True
        if self.pending_en is not None:
            heading, self.pending_en = self.pending_en, None
            if _latin(text) and len(text) <= 120 and not text.endswith("."):
                heading.title += " " + collapse(raw)
                return True
        return False

    def _annex_mark(self, para: Para, raw: str, text: str, key: str, role: Role | None) -> bool:
        match = _ANNEX.match(text)
        if match is None and para.label is not None and _ANNEX.match(narrow(para.runs_text).strip()):
            # an annex counted by the chapters' automatic numbers (“8 附录A …”): the text counts
            raw = para.runs_text.strip()
            text = narrow(raw)
            match = _ANNEX.match(text)
        styled = role is not None and role.kind == "annex"
        if not styled and match is None:
            return False
        rest = text[match.end():].strip() if match else text
        if match and not styled:
            rest_key = compact(rest)
            heading_like = (role is not None and role.kind in ("heading", "annex-chapter")) \
                or para.centered or para.strong_between(0, len(para.runs_text))
            sentence = rest_key.endswith(SENTENCE_END + ("。",))  # “附录A（资料性）给出了……。”
            if sentence or (rest_key and not rest_key.startswith(("（", "("))
                            and not (heading_like and len(rest_key) <= MAX_TITLE)):
                return False
        self._close_pending()
        self.annexes += 1
        letter = match.group(1) if match else chr(ord("A") + self.annexes - 1)
        heading = Heading(para.index, number=letter, kind="annex")
        kind = _ANNEX_TYPE.match(rest)
        if kind:
            heading.annex_type = kind.group(1)
            rest = rest[kind.end():]
        heading.title = _tidy_title(raw[len(raw) - len(rest):]) if rest.strip() else ""
        self.annex = Annex(heading, wants_type=not heading.annex_type,
                           wants_title=not heading.title)
        self.section, self.chapter, self.started = "", "", True
        self._emit(heading)
        return True

    def _number(self, text: str) -> tuple[str, int] | None:
        """The clause number a text starts with, in the current context, and where it ends."""
        if self.annex is not None:
            match = _ANNEX_NUM.match(text)
            if match and match.group(1)[0] == self.annex.heading.number:
                return match.group(1), match.end()
            return None
        match = _BODY_NUM.match(text)
        return (match.group(1), match.end()) if match else None

    def _set_counters(self, number: str) -> None:
        if self.annex is not None:
            self.annex.counters = _parts(number)
        else:
            self.clause = _parts(number)

    def _styled_heading(self, para: Para, raw: str, text: str, role: Role) -> None:
        level = role.level
        untitled = role.kind in ("untitled", "annex-untitled")
        if role.kind == "annex-chapter" and self.annex is not None:
            self.annex.shift = 1
        elif role.kind in ("annex-heading", "annex-untitled") and self.annex is not None:
            level += self.annex.shift
        if self.annex is not None:
            level = max(level, 2)  # in an annex the first level of clauses is A.1
        found = self._number(text)
        if found is not None:
            number, end = found
            rest = raw[end:]
        else:
            rest = raw
            if self.annex is not None:
                number = self.annex.heading.number + "." + ".".join(
                    str(n) for n in _next(self.annex.counters, level - 1))
            else:
                number = ".".join(str(n) for n in _next(self.clause, level))
        self._heading(para, number, rest.strip(), untitled)

    def _heading(self, para: Para, number: str, rest: str, untitled: bool) -> None:
        self._set_counters(number)
        self._reset_items()
        title = "" if untitled else _tidy_title(rest)
        heading = Heading(para.index, number=number, title=title)
        self._emit(heading)
        if self.annex is None and "." not in number:
            self.chapter, self.section, self.started = compact(title), "", True
        if untitled:
            self._text(para, rest)
        elif not title:
            self.pending = heading
        elif "术语" in self.chapter and cjk(title) == len(compact(title)):
            self.pending_en = heading

    def _typed_heading(self, para: Para, raw: str, text: str, lead: int) -> bool:
        found = self._number(text)
        if found is None:
            return False
        number, end = found
        rest_raw = raw[end:].strip()
        if rest_raw and rest_raw[0].isascii():
            return False
        parts = _parts(number)
        counters = self.annex.counters if self.annex is not None else self.clause
        label = len(para.text) - len(para.runs_text)
        start = lead - label  # where the stripped text starts in runs_text
        numbered = start < 0 or para.strong_between(start, start + len(number))
        if not numbered:
            return False
        rest_start = start + (len(text) - len(text[end:].lstrip()))
        # an automatic clause number (start < 0: the number is the label) marks a heading by
        # itself; a typed one needs a bold title
        titled = not rest_raw or (
            len(collapse(rest_raw)) <= MAX_TITLE and not rest_raw.endswith(SENTENCE_END + ("。",))
            and (start < 0 or para.strong_between(max(rest_start, 0), len(para.runs_text))))
        if titled and _follows(counters, parts, exact=False):
            self._heading(para, number, rest_raw, untitled=False)
            return True
        chapter = self.annex is None and len(parts) == 1  # a chapter always has a title
        if not titled and not chapter and _follows(counters, parts, exact=True):
            self._heading(para, number, rest_raw, untitled=True)
            return True
        return False

    def _caption(self, para: Para, i: int, raw: str, text: str, role: Role | None) -> bool:
        match = _CAPTION.match(text)
        styled = role is not None and role.kind == "caption"
        if match is None and not styled:
            return False
        if match is None:  # a caption style without a number: count it
            if not role.detail:
                return False
            kind, letter, number, rest = role.detail, None, None, raw
        else:
            kind, letter, number = match.group(1), match.group(2), int(match.group(3))
            rest = raw[match.end():]
            if match.group(4):  # 表 1（续）: a table continued, kept as written
                self._text(para, raw)
                return True
            if not styled and not self._caption_like(para, i, kind, rest):
                return False
        annex = self.annex.heading.number if self.annex is not None else ""
        if number is None:
            number = self.captions.get((kind, annex), 0) + 1
            letter = annex or None
        self.captions[(kind, annex)] = max(number, self.captions.get((kind, annex), 0))
        label = f"{kind} {letter}.{number}" if letter else f"{kind} {number}"
        title = _tidy_title(rest.strip())
        self._emit(Text(para.index, f"{label}\u3000{title}" if title else label, "caption"))
        return True

    def _caption_like(self, para: Para, i: int, kind: str, rest: str) -> bool:
        """A 表/图 line that names a table or figure, not a sentence starting with 表 1."""
        text = collapse(rest)
        if text.endswith(SENTENCE_END + ("。",)) or len(text) > MAX_TITLE:
            return False
        after = self.blocks[i + 1] if i + 1 < len(self.blocks) else None
        before = self.blocks[i - 1] if i > 0 else None
        if kind == "表" and isinstance(after, Table):
            return True
        near_image = any(isinstance(b, Para) and b.images for b in (before, after)) or para.images
        return near_image or para.centered

    def _note(self, para: Para, raw: str, text: str, role: Role | None) -> bool:
        match = _NOTE.match(text)
        if match:
            label = f"注 {match.group(1)}：" if match.group(1) else "注："
            self._text(para, label + raw[match.end():].strip(), "note")
            return True
        match = _EXAMPLE.match(text)
        if match:
            label = f"示例 {match.group(1)}：" if match.group(1) else "示例："
            self._text(para, label + raw[match.end():].strip(), "example")
            return True
        if role is not None and role.kind in ("note", "example"):
            label = "注：" if role.kind == "note" else "示例："
            self._text(para, label + raw, role.kind)
            return True
        return False

    def _item(self, para: Para, raw: str, text: str, role: Role | None) -> bool:
        label = para.label
        body = para.runs_text.strip()
        if label is not None and label.bullet:
            typed = _DASH_ITEM.match(body) or _DOT_ITEM.match(body)  # a dash typed after a bullet
            body = body[typed.end():] if typed else body
            self._text(para, ("——" if label.level == 0 else "·") + body, "item")
            return True
        for pattern, kind in ((_LETTER_ITEM, "letter"), (_NUMBER_ITEM, "number")):
            match = pattern.match(text)
            if match and raw[match.end():].strip():
                self.items[kind] = 0
                self._text(para, f"{match.group(1)}) {raw[match.end():].strip()}", "item")
                return True
        match = _DASH_ITEM.match(text)
        if match and raw[match.end():].strip():
            self._text(para, "——" + raw[match.end():].strip(), "item")
            return True
        match = _DOT_ITEM.match(text)
        if match and raw[match.end():].strip():
            self._text(para, "·" + raw[match.end():].strip(), "item")
            return True
        if role is not None and role.kind == "item":
            if role.detail in self.items:
                self.items[role.detail] += 1
                n = self.items[role.detail]
                marker = chr(ord("a") + (n - 1) % 26) if role.detail == "letter" else str(n)
                self._text(para, f"{marker}) {raw}", "item")
            else:
                self._text(para, ("·" if role.detail == "dot" else "——") + raw, "item")
            return True
        return False

    def _reference(self, para: Para, raw: str) -> bool:
        """An entry of 规范性引用文件: ``- GB/T 29118—2023　节约型机关评价导则``."""
        text = narrow(raw).strip()
        if not _REFERENCE_START.match(text) or text.endswith("。"):
            return False
        parsed = parse_entry(text)
        if parsed is not None:
            number, title = parsed
            entry = f"{number.canonical}\u3000{title}" if title else number.canonical
        else:  # undated (GB/T 29118) or not a standard: the number as written
            pieces = re.split(r"\t+|\u3000+|\s{2,}", text, maxsplit=1)
            head, tail = pieces[0], pieces[1].strip() if len(pieces) > 1 else ""
            with contextlib.suppress(NumberError):
                head = parse_number(head).canonical
            entry = f"{head}\u3000{tail}" if tail else head
        self._emit(Text(para.index, entry, "reference"))
        return True

    # --- tables ----------------------------------------------------------------------------

    def _table(self, table: Table) -> TableText:
        for what in table.lost:
            self.findings.append(Finding(table.index, "表格", what))
        rows = []
        for row in table.rows:
            cells = []
            for cell in row:
                lines = []
                for para in cell.paragraphs:
                    lines += [line.strip() for line in para.text.split("\n") if line.strip()]
                    for held in self._losses(para):
                        lines.append(held)
                cells.append(CellText(lines, cell.colspan, cell.rowspan))
            rows.append(cells)
        header, i = table.header_rows, 0
        while i < min(header, len(rows)):  # a header cell merged down takes its rows along
            header = max([header, *(i + cell.rowspan for cell in rows[i])])
            i += 1
        return TableText(table.index, rows, min(header, len(rows)))


def structure(blocks: list[Block], title: str | None) -> Body:
    """The elements of the body (the blocks after the cover)."""
    return Structurer(blocks, title).run()
