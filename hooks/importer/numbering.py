"""Automatic numbers and bullets: the label Word shows before a numbered paragraph.

Drafts from the national drafting template number chapters, clauses, annexes, 列项 and 注 with
Word's multilevel lists: the paragraph text holds no number, the numbering definitions
(word/numbering.xml) do. python-docx opens that part (`document.part.numbering_part`) but has no
API for its content, so this module reads its parsed elements: w:num → w:abstractNum → w:lvl
(w:numFmt, w:lvlText, w:start, w:suff, w:isLgl, w:pStyle) and w:lvlOverride/w:startOverride.

Counting follows Word: one counter per level of an abstract list, shared by the w:num instances
that use it; a paragraph at level L counts L up and restarts the deeper levels; a w:num with a
start override restarts its levels the first time it is used.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docx.oxml.ns import qn

CHINESE_DIGITS = "零一二三四五六七八九"
IDEOGRAPHS = "甲乙丙丁戊己庚辛壬癸"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


@dataclass(frozen=True)
class Level:
    fmt: str  # w:numFmt: decimal, lowerLetter, bullet, …
    text: str  # w:lvlText: "%1.%2", "%1)", "——"
    start: int
    suffix: str  # what follows the label: "tab", "space" or "nothing"
    legal: bool  # w:isLgl: every level shown as a decimal number
    style: str | None  # w:pStyle: the paragraph style this level belongs to


@dataclass(frozen=True)
class Label:
    text: str  # the number or bullet as Word shows it: "5.2", "a)", "附录A", "——"
    bullet: bool
    level: int  # w:ilvl
    separator: str  # " " after the label, or "" (w:suff nothing)


def _val(element, tag: str) -> str | None:
    child = element.find(qn(tag))
    return None if child is None else child.get(qn("w:val"))


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _level(lvl) -> Level:
    return Level(fmt=_val(lvl, "w:numFmt") or "decimal", text=_val(lvl, "w:lvlText") or "",
                 start=_int(_val(lvl, "w:start"), 1), suffix=_val(lvl, "w:suff") or "tab",
                 legal=lvl.find(qn("w:isLgl")) is not None and _val(lvl, "w:isLgl") != "0",
                 style=_val(lvl, "w:pStyle"))


def _letters(n: int, alphabet: str) -> str:
    """1 → a, 26 → z, 27 → aa (Word repeats the letter)."""
    n = max(n, 1)
    return alphabet[(n - 1) % 26] * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                           (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                           (4, "IV"), (1, "I")):
        while n >= value:
            out += numeral
            n -= value
    return out


def _chinese(n: int) -> str:
    if n < 10:
        return CHINESE_DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return (CHINESE_DIGITS[tens] if tens > 1 else "") + "十" + (CHINESE_DIGITS[ones] if ones else "")
    return str(n)


def format_number(n: int, fmt: str) -> str:
    """A counter in a w:numFmt; unknown formats as decimal numbers."""
    if fmt in ("upperLetter",):
        return _letters(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    if fmt in ("lowerLetter",):
        return _letters(n, "abcdefghijklmnopqrstuvwxyz")
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified",
               "ideographDigital", "japaneseCounting", "taiwaneseCounting"):
        return _chinese(n)
    if fmt in ("ideographTraditional",) and 1 <= n <= len(IDEOGRAPHS):
        return IDEOGRAPHS[n - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= len(CIRCLED):
        return CIRCLED[n - 1]
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt == "none":
        return ""
    return str(n)


@dataclass
class _Instance:
    abstract: str
    overrides: dict[int, int] = field(default_factory=dict)  # ilvl → start
    used: bool = False


class Numbering:
    """The numbering definitions of one document, and Word's counters while reading it."""

    def __init__(self, root) -> None:
        self.levels: dict[str, dict[int, Level]] = {}
        self.instances: dict[str, _Instance] = {}
        self.counters: dict[str, dict[int, int]] = {}
        if root is None:
            return
        for abstract in root.findall(qn("w:abstractNum")):
            key = abstract.get(qn("w:abstractNumId"))
            self.levels[key] = {_int(lvl.get(qn("w:ilvl")), 0): _level(lvl)
                                for lvl in abstract.findall(qn("w:lvl"))}
        for num in root.findall(qn("w:num")):
            overrides = {}
            for override in num.findall(qn("w:lvlOverride")):
                start = override.find(qn("w:startOverride"))
                if start is not None:
                    overrides[_int(override.get(qn("w:ilvl")), 0)] = _int(start.get(qn("w:val")), 1)
            self.instances[num.get(qn("w:numId"))] = _Instance(_val(num, "w:abstractNumId") or "",
                                                               overrides)

    def level_for_style(self, num_id: str, style_ids: list[str]) -> int:
        """The level a numbered style is linked to (w:pStyle of a w:lvl), else 0."""
        instance = self.instances.get(num_id)
        levels = self.levels.get(instance.abstract, {}) if instance else {}
        for ilvl, level in sorted(levels.items()):
            if level.style in style_ids:
                return ilvl
        return 0

    def next_label(self, num_id: str, ilvl: int) -> Label | None:
        """Count one paragraph at (num_id, ilvl) and give its label; None if not numbered."""
        instance = self.instances.get(num_id)
        if instance is None or num_id == "0":
            return None
        levels = self.levels.get(instance.abstract, {})
        level = levels.get(ilvl)
        if level is None:
            return None
        counters = self.counters.setdefault(instance.abstract, {})
        if not instance.used:
            instance.used = True
            for lvl, start in instance.overrides.items():
                counters[lvl] = start - 1
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt == "bullet" or (level.text and "%" not in level.text):
            return Label(level.text, bullet=level.fmt == "bullet", level=ilvl,
                         separator="" if level.suffix == "nothing" else " ")
        text = level.text
        for k in range(8, -1, -1):  # %10 does not exist: nine levels
            token = f"%{k + 1}"
            if token in text:
                shown = levels.get(k, level)
                count = counters.get(k, shown.start)
                fmt = "decimal" if level.legal and k < ilvl else shown.fmt
                text = text.replace(token, format_number(count, fmt))
        return Label(text, bullet=False, level=ilvl,
                     separator="" if level.suffix == "nothing" else " ")
