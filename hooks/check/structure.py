"""Text structure lint (GB/T 1.1—2020) for standards that have a text body.

Checks, all warnings (rules in data/rules.yml): chapter 1 is 范围 (structure-scope); chapters 2
and 3 are 规范性引用文件 and 术语和定义 (structure-chapters); clause numbers continuous and nested
(structure-numbering); at most five levels of 条 (structure-depth); annexes lettered in order
after the chapters (structure-annex-order) and marked 规范性/资料性 (structure-annex-type); tables
and figures numbered in order, per annex (structure-caption-numbering); and, via
hooks.check.references, dated normative references that are 被代替 or 废止 here (reference-obsolete).
Line numbers are file lines (Standard.body_line is the file line of the body's first line).
Headings and the text under them are the clauses of hooks.model.clauses: the page's own headings,
not `#` lines in code or raw HTML.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from hooks.check.problems import Problem
from hooks.check.references import CHAPTER_TITLE as REFERENCES_TITLE
from hooks.check.references import check_obsolete, normative_references
from hooks.check.registry import checks
from hooks.model.anchors import clause_number
from hooks.model.clauses import HasText
from hooks.model.standard import Standard

SCOPE_TITLE = "范围"
TERMS_TITLE = "术语和定义"
MAX_PARTS = 6  # chapter + five levels of 条 (GB/T 1.1—2020 7.3.2), e.g. 5.1.1.1.1.1
_ANNEX_MARK = re.compile(r"^\s*附\s*录\s*[A-Z]\s*[（(]\s*(规范性|资料性)\s*[）)]")
_CAPTION = re.compile(r"^\s*(?:\*\*)?\s*(表|图)\s*(?:([A-Z])\s*\.\s*)?(\d+)(?:\s+(.*))?$")


@dataclass
class Heading:
    line: int  # file line
    text: str
    parts: tuple  # clause number parts: (5, 2) or ("A", 1); () if unnumbered
    annex: str | None = None  # letter, for annex headings
    lines: list[tuple[int, str]] = field(default_factory=list)  # text under it, not in code

    @property
    def title(self) -> str:
        """The heading text after its number, without spaces."""
        text = unicodedata.normalize("NFKC", self.text)
        number = clause_number(self.text) or ""
        return re.sub(r"\s+", "", text.strip()[len(number):])


def _parts(number: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in number.split("."))


def _label(parts: tuple) -> str:
    return ".".join(str(p) for p in parts)


def headings(std: Standard | Text) -> list[Heading]:
    """The headings of a text in page order, with their clause numbers and the lines under them
    outside fenced code; the text before the first heading is not in it (see `lead_lines`)."""
    tree = std.clauses
    found = []
    for clause in tree.clauses:
        lines = clause.lines
        if tree.fenced:
            lines = [(n, t) for n, t in lines if n not in tree.fenced]
        number = clause.number  # a letter alone for an annex (hooks.model.anchors.ANNEX)
        if number and number.isalpha():
            found.append(Heading(clause.line, clause.text, (number,), number, lines))
        else:
            found.append(Heading(clause.line, clause.text, _parts(number) if number else (),
                                 lines=lines))
    return found


def lead_lines(std: Standard | Text) -> list[tuple[int, str]]:
    """The lines before the first heading, outside fenced code."""
    tree = std.clauses
    return [(n, t) for n, t in tree.lead.lines if n not in tree.fenced]


@dataclass
class Text(HasText):
    """The body of a file whose metadata has errors: linted too, so one run reports everything."""

    path: str
    body: str
    body_line: int


def check_text(path: str, body: str, body_line: int) -> list[Problem]:
    """Structure warnings of a body alone (no corpus: no obsolete-reference check)."""
    return check_standard(Text(path, body, body_line), None)


def check_standard(std: Standard | Text, by_code: dict[str, Standard] | None) -> list[Problem]:
    """Every structure warning for one standard (none for metadata-only entries)."""
    if not std.has_text:
        return []
    heads = headings(std)
    problems: list[Problem] = []
    problems += _chapters(std, heads)
    problems += _numbering(std, heads)
    problems += _captions(std, lead_lines(std), heads)
    if by_code is not None:
        refs = normative_references(_chapter_content(heads, REFERENCES_TITLE))
        problems += check_obsolete(std, refs, by_code)
    return problems


def check_corpus(standards: list[Standard]) -> list[Problem]:
    by_code = {s.code: s for s in standards}
    return [p for std in standards for p in check_standard(std, by_code)]


def _warn(std: Standard | Text, line: int, rule: str, message: str, hint: str) -> Problem:
    return Problem(std.path, line, rule, message, hint)


@checks("structure-scope", "structure-chapters")
def _chapters(std: Standard | Text, heads: list[Heading]) -> list[Problem]:
    chapters = [h for h in heads if h.annex is None and len(h.parts) == 1]
    first_line = heads[0].line if heads else std.body_line
    problems = []
    scope = next((h for h in chapters if h.parts == (1,)), None)
    if scope is None:
        problems.append(_warn(std, first_line, "structure-scope", "正文没有第 1 章“范围”",
                              "在前言之后加一章：## 1 范围"))
    elif scope.title != SCOPE_TITLE:
        problems.append(_warn(std, scope.line, "structure-scope",
                              f"第 1 章是“{scope.title}”，应为“范围”",
                              "第 1 章写 ## 1 范围，其余各章依次顺延"))
    if not chapters:
        return problems
    anchor = scope.line if scope else first_line
    for number, title in ((2, REFERENCES_TITLE), (3, TERMS_TITLE)):
        found = next((h for h in chapters if h.title == title), None)
        if found is None:
            problems.append(_warn(std, anchor, "structure-chapters",
                                  f"缺少“{title}”一章（应为第 {number} 章）",
                                  f"加一章 ## {number} {title}；没有内容时写“本文件没有"
                                  + ("规范性引用文件。”" if number == 2 else "需要界定的术语和定义。”")))
        elif found.parts != (number,):
            problems.append(_warn(std, found.line, "structure-chapters",
                                  f"“{title}”是第 {found.parts[0]} 章，应为第 {number} 章",
                                  "顺序为 1 范围、2 规范性引用文件、3 术语和定义"))
    return problems


@checks("structure-numbering", "structure-depth", "structure-annex-order",
        "structure-annex-type")
def _numbering(std: Standard | Text, heads: list[Heading]) -> list[Problem]:
    problems = []
    last: dict[tuple, int] = {}  # parent → last child number seen
    current: tuple = ()  # most recent numbered heading
    annex_count = 0
    annex: str | None = None
    for h in heads:
        if h.annex is not None:
            expected = chr(ord("A") + annex_count)
            annex_count += 1
            annex = h.annex
            if h.annex != expected:
                problems.append(_warn(std, h.line, "structure-annex-order",
                                      f"附录 {h.annex} 编号不对，此处应为附录 {expected}",
                                      f"改为 ## 附录 {expected}，附录依次编为 A、B、C"))
            if not _ANNEX_MARK.match(unicodedata.normalize("NFKC", h.text).replace("(", "（")
                                     .replace(")", "）")):
                problems.append(_warn(std, h.line, "structure-annex-type",
                                      f"附录 {h.annex} 没有注明规范性或资料性",
                                      f"写作 ## 附录 {h.annex}（资料性）标题，或（规范性）"))
            current = h.parts
            continue
        if not h.parts:
            continue
        parts = h.parts
        label = _label(parts)
        if isinstance(parts[0], str):  # annex clause such as A.1
            if parts[0] != annex:
                where = f"附录 {annex}" if annex else "正文"
                problems.append(_warn(std, h.line, "structure-numbering",
                                      f"条 {label} 写在{where}中",
                                      f"附录中的条以该附录的字母开头，如 {annex or 'A'}.1"))
                continue
        elif annex is not None and len(parts) == 1:
            problems.append(_warn(std, h.line, "structure-annex-order",
                                  f"第 {label} 章出现在附录之后",
                                  "把附录移到正文各章之后"))
            continue
        elif annex is not None:
            problems.append(_warn(std, h.line, "structure-numbering",
                                  f"条 {label} 写在附录 {annex} 中",
                                  f"附录中的条编为 {annex}.1、{annex}.2……"))
            continue
        if len(parts) > MAX_PARTS:
            problems.append(_warn(std, h.line, "structure-depth",
                                  f"条 {label} 超过五个层次",
                                  "条最多分到第五层次（如 5.1.1.1.1.1）；请拆分，或改用列项 a)、b)"))
            continue
        parent = parts[:-1]
        if parent and current[:len(parent)] != parent:
            problems.append(_warn(std, h.line, "structure-numbering",
                                  f"条 {label} 不在 {_label(parent)} 之下（上一个编号是 "
                                  f"{_label(current) or '无'}）",
                                  f"把 {label} 移到 {_label(parent)} 之后，或改正编号"))
            current = parts
            continue
        expected = last.get(parent, 0) + 1
        if parts[-1] != expected:
            should = _label((*parent, expected))
            kind = "章" if len(parts) == 1 else "条"
            if expected > 1:
                previous = f"上一{kind}是 {_label((*parent, expected - 1))}"
            else:
                previous = f"{_label(parent)} 下的第一条应为 {should}" if parent else "第一章应为 1"
            problems.append(_warn(std, h.line, "structure-numbering",
                                  f"{kind}号 {label} 不连续：{previous}",
                                  f"改为 {should}，其后的编号依次顺延"))
        last[parent] = parts[-1]
        # a new clause closes the numbering of its old sub-clauses
        for key in [k for k in last if len(k) > len(parent) and k[:len(parent)] == parent
                    and k[len(parent)] == parts[-1]]:
            del last[key]
        current = parts
    return problems


@checks("structure-caption-numbering")
def _captions(std: Standard | Text, lead: list[tuple[int, str]],
              heads: list[Heading]) -> list[Problem]:
    counters: dict[tuple[str, str | None], int] = {}
    annex: str | None = None  # tables and figures after an annex heading are numbered A.1 …
    problems = []
    for head, lines in [(None, lead), *((h, h.lines) for h in heads)]:
        if head is not None and head.annex is not None:
            annex = head.annex
        for line, text in lines:
            if "表" not in text and "图" not in text:  # NFKC makes neither from anything else
                continue
            normal = unicodedata.normalize("NFKC", text).rstrip()
            match = _CAPTION.match(normal)
            if not match or normal.endswith(("。", "；", "，", "：", ".", ";", ",", ":")):
                continue
            kind, letter, seq = match.group(1), match.group(2), int(match.group(3))
            expected = counters.get((kind, annex), 0) + 1
            wanted = f"{kind} {annex}.{expected}" if annex else f"{kind} {expected}"
            written = f"{kind} {letter}.{seq}" if letter else f"{kind} {seq}"
            if letter != annex or seq != expected:
                where = f"附录 {annex} 中" if annex else "正文中"
                problems.append(_warn(std, line, "structure-caption-numbering",
                                      f"{written} 编号不对：{where}此处应为{wanted}",
                                      f"改为“{wanted}”，并同步修改文中提到它的地方"))
            counters[(kind, annex)] = expected if letter != annex else max(seq, expected)
    return problems


def _chapter_content(heads: list[Heading], title: str) -> list[tuple[int, str]]:
    """The lines under the chapter heading with this title, up to the next heading."""
    chapter = next((h for h in heads if h.annex is None and len(h.parts) == 1
                    and h.title == title), None)
    return chapter.lines if chapter is not None else []
