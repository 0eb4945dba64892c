"""The cover (封面): 标准号, 名称, English name, 发布/实施 dates, ICS, CCS, 发布机构, 代替.

A cover is a few lines laid out on a page; drafts put them in paragraphs, frames, text boxes or a
table. Every line of the cover is read (each paragraph split at its line breaks) and matched by
what it says, the drafting template's style names helping where they are used
(标准文件_文件编号, 标准文件_文件名称, 封面标准英文名称, …):

- ICS ``ICS 03.080``; CCS ``CCS A 12`` (or, on older covers, a lone ``A 12`` after the ICS line);
- the number: the first line that is a standard number in any spelling (hooks.model.numbers);
  ``代替 …`` lines give the editions it replaces;
- the Chinese title: the lines after the number that are neither the kind of document
  (``…地方标准``), a draft stage (``（征求意见稿）``), a date nor the issuer; the English title:
  the Latin lines after it;
- ``2026-03-01 发布`` / ``2026-06-01 实施`` in any of the usual spellings;
- 发布机构: the line that ends in 发布 without a date, and the organisation lines just above it.

Lines that gave nothing are returned too: the importer reports them, so nothing is lost unseen.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from hooks.importer.text import narrow
from hooks.model.numbers import NumberError, parse_number

_ICS = re.compile(r"ICS\s*[:：]?\s*(\d{2}\.\d{3}(?:\.\d{2})?)(?!\d)")
_CCS = re.compile(r"CCS\s*[:：]?\s*([A-Z])\s*(\d{2})(?!\d)")
_CCS_ALONE = re.compile(r"^([A-Z])\s?(\d{2})$")
_DATE = re.compile(r"(\d{4})[-.年/—–－‐](\d{1,2})[-.月/—–－‐](\d{1,2})日?(发布|实施)")
_REPLACES = re.compile(r"^(?:部分)?(?:代替|替代)")
_KIND = re.compile(r"(?:国家|行业|地方|团体|企业|工程建设|单位)?标准(?:化指导性技术文件)?$")
_STAGE = re.compile(r"^[（(].*稿.*[）)]$|^[（(]?(?:征求意见稿|送审稿|报批稿|草案|讨论稿|工作组讨论稿)[）)]?$")
_ORG_END = ("局", "委员会", "委", "部", "厅", "院", "办公室", "政府", "中心", "协会", "学会",
            "公司", "联合会", "研究会", "商会", "集团", "总局", "处", "所", "会")
_SPLIT = re.compile(r"\t+|\u3000{2,}|\s{2,}")
_PART = re.compile(r"^第\s*\d+\s*部分")
_NUMBER_SHAPE = re.compile(r"^(?:DB|GB|T/|Q/)[A-Z0-9/ ]*\d+(?:\.\d+)*\s*[-—–－‐]\s*\d{4}$")


@dataclass
class Line:
    paragraph: int  # the paragraph number (body order) the line is in
    text: str
    styles: tuple[str, ...] = ()  # normalised style names (docx_reader.normal_name)

    @property
    def normal(self) -> str:
        return unicodedata.normalize("NFKC", self.text).strip()

    @property
    def compact(self) -> str:
        return "".join(self.normal.split())

    @property
    def shown(self) -> str:
        """The line for a field value: full-width letters and digits narrowed, spaces collapsed,
        Chinese punctuation kept (NFKC would turn （ and ： into ( and :)."""
        return re.sub(r"[ \t]+", " ", narrow(self.text)).strip()


@dataclass
class Cover:
    number: str | None = None  # as printed, for parse_number
    number_line: int | None = None
    title: str | None = None
    title_en: str | None = None
    issued: date | None = None
    effective: date | None = None
    ics: str | None = None
    ccs: str | None = None
    issuer: list[str] = field(default_factory=list)
    replaces: list[str] = field(default_factory=list)  # canonical numbers
    unused: list[Line] = field(default_factory=list)

    def found(self) -> list[str]:
        """The names of the fields found, for the summary."""
        names = (("标准号", self.number), ("名称", self.title), ("英文名称", self.title_en),
                 ("发布日期", self.issued), ("实施日期", self.effective), ("ICS", self.ics),
                 ("CCS", self.ccs), ("发布机构", self.issuer))
        return [name for name, value in names if value]


def _has_style(line: Line, *words: str) -> bool:
    return any(word in name for name in line.styles for word in words)


def _cjk(text: str) -> int:
    return sum(1 for c in text if "\u4e00" <= c <= "\u9fff")


def _latin(text: str) -> bool:
    letters = [c for c in text if not c.isspace() and c not in "-—–,.:;()'’"]
    ascii_letters = [c for c in letters if c.isascii() and c.isalpha()]
    return len(ascii_letters) >= 3 and len(ascii_letters) >= 0.8 * len(letters)


def _number_in(line: Line) -> str | None:
    """A standard number that is the whole line, or one of its separated parts."""
    text = line.normal
    for candidate in [text, *_SPLIT.split(text)]:
        candidate = candidate.strip()
        if not candidate or not any(c.isdigit() for c in candidate):
            continue
        try:
            return parse_number(candidate).canonical
        except NumberError:
            if _NUMBER_SHAPE.match(candidate):  # a number, but a wrong one (DB99/T …): the
                return candidate                 # import says why, rather than “no number”
            continue
    return None


def _date(match: re.Match) -> date | None:
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _org(line: Line) -> bool:
    compact = line.compact
    return 2 <= len(compact) <= 40 and _cjk(compact) >= 2 and compact.endswith(_ORG_END)


def read_cover(lines: list[Line]) -> Cover:
    """The fields of a cover from its lines, in reading order."""
    cover = Cover()
    used: set[int] = set()
    ics_seen = False
    for i, line in enumerate(lines):
        normal, compact = line.normal, line.compact
        if not compact:
            used.add(i)
            continue
        if match := _ICS.search(normal):
            cover.ics, ics_seen = match.group(1), True
            used.add(i)
        match = _CCS.search(normal)
        if match is None and ics_seen and cover.ccs is None:
            match = _CCS_ALONE.match(compact)  # an older cover: the class alone under the ICS
        if match:
            cover.ccs = match.group(1) + match.group(2)
            used.add(i)
        for match in _DATE.finditer(compact):
            when = _date(match)
            if when is not None:
                setattr(cover, "issued" if match.group(4) == "发布" else "effective", when)
                used.add(i)
        if _REPLACES.match(compact):
            for part in re.split(r"[、，,；;]|\s{2,}|\u3000", re.sub(_REPLACES, "", normal)):
                number = _number_in(Line(line.paragraph, part))
                if number:
                    cover.replaces.append(number)
            used.add(i)
    _number(cover, lines, used)
    _titles(cover, lines, used)
    _issuer(cover, lines, used)
    cover.unused = [line for i, line in enumerate(lines) if i not in used]
    return cover


def _number(cover: Cover, lines: list[Line], used: set[int]) -> None:
    ordered = sorted(range(len(lines)), key=lambda i: not _has_style(lines[i], "文件编号", "标准号"))
    for i in ordered:
        if i in used:
            continue
        number = _number_in(lines[i])
        if number:
            cover.number, cover.number_line = number, i
            used.add(i)
            return


def _title_line(line: Line) -> bool:
    compact = line.compact
    if _cjk(compact) < 2 or compact.endswith(("发布", "实施")) or _STAGE.match(compact):
        return False
    if _KIND.search(compact) and len(compact) <= 20 and not _has_style(line, "文件名称", "标准名称"):
        return False
    return not compact.startswith(("备案号", "ICS", "CCS")) and not _org_issuer_line(line)


def _org_issuer_line(line: Line) -> bool:
    return _has_style(line, "发布部门", "发布机构")


def _titles(cover: Cover, lines: list[Line], used: set[int]) -> None:
    styled = [i for i, line in enumerate(lines) if i not in used
              and _has_style(line, "文件名称", "标准名称") and not _has_style(line, "英文")]
    styled_en = [i for i, line in enumerate(lines) if i not in used and _has_style(line, "英文")]
    if styled:
        title_lines = styled
    else:
        start = (cover.number_line + 1) if cover.number_line is not None else 0
        title_lines = []
        for i in range(start, len(lines)):
            if i in used:
                if title_lines:
                    break
                continue
            if _title_line(lines[i]):
                title_lines.append(i)
            elif title_lines or _latin(lines[i].normal):
                break
    if title_lines:
        parts = [lines[i].shown for i in title_lines]
        title = parts[0]
        for part in parts[1:]:
            title += ("\u3000" if _PART.match(part) else "") + part
        cover.title = title
        used.update(title_lines)
    en_lines = styled_en
    if not en_lines:
        after = (title_lines[-1] + 1) if title_lines else 0
        for i in range(after, len(lines)):
            if i in used:
                if en_lines:
                    break
                continue
            if _latin(lines[i].normal):
                en_lines.append(i)
            elif en_lines or lines[i].compact:
                break
    if en_lines:
        cover.title_en = " ".join(" ".join(lines[i].normal.split()) for i in en_lines)
        used.update(en_lines)


def _issuer(cover: Cover, lines: list[Line], used: set[int]) -> None:
    for i, line in enumerate(lines):
        if i in used:
            continue
        compact = line.compact
        styled = _org_issuer_line(line)
        if not (compact.endswith("发布") or styled):
            continue
        name = re.sub(r"发\s*布\s*$", "", narrow(line.text)).strip()
        names = [n for n in re.split(r"[\t\u3000]+|\s{2,}", name) if n.strip()]
        above = i - 1
        while above >= 0 and above not in used and _org(lines[above]):
            names.insert(0, lines[above].shown)
            used.add(above)
            above -= 1
        if names:
            cover.issuer = [" ".join(n.split()) for n in names]
            used.add(i)
            return
