"""Read a .docx into blocks in body order: paragraphs and tables, as the editor sees them.

python-docx gives the Document, each paragraph's style (name, base styles, font, alignment),
tables, sections with their headers, the numbering part and the parts related to the document
(images, footnotes). Where its API stops, this module reads python-docx's own parsed XML
elements (`Paragraph._p`, `Table._tbl`, a part's `element` or `blob`), and only there:

- body order through content controls (w:sdt), which `Document.iter_inner_content` skips;
- runs inside hyperlinks, tracked insertions (w:ins), smart tags, simple fields and inline
  content controls; deleted (w:del) and hidden (w:vanish) text is left out, as Word shows it;
- bold resolved through character and paragraph styles, and a 黑体 east-Asian font (drafts set
  titles in 黑体 rather than bold);
- automatic numbers and bullets (w:numPr, in the paragraph or its style): hooks.importer.numbering;
- outline levels (w:outlineLvl), for heading styles of any name;
- merged cells (w:gridSpan, w:vMerge) and skipped grid columns (w:gridBefore), header rows
  (w:tblHeader);
- images (a:blip r:embed, v:imagedata r:id → the related image part's name), charts, text
  boxes (w:txbxContent), formulas (m:oMath), embedded objects (w:object), symbols (w:sym);
- footnotes and endnotes: python-docx has no API for them, so their part (related to the
  document part) is parsed from its bytes.

Text is cleaned of the characters no output can carry (hooks.model.characters.FORBIDDEN). Three
things are marked in it with control characters (which, being forbidden, never occur in the
text itself): a footnote reference as FOOTNOTE_OPEN n FOOTNOTE_CLOSE, superscript (m², 注 a) and
subscript (CO₂) runs between SUP or SUB pairs; hooks.importer.escape writes them as Markdown and
HTML, `plain` removes them.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import nsmap, qn
from docx.oxml.parser import parse_xml
from docx.text.paragraph import Paragraph

from hooks.importer.numbering import Label, Numbering
from hooks.model.characters import FORBIDDEN

FOOTNOTE_OPEN, FOOTNOTE_CLOSE = "\x01", "\x02"
SUP = ("\x03", "\x04")
SUB = ("\x05", "\x06")
_MARKS = re.compile(f"{FOOTNOTE_OPEN}\\d+{FOOTNOTE_CLOSE}|[{SUP[0]}{SUP[1]}{SUB[0]}{SUB[1]}]")
M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W = nsmap["w"]
# Containers whose runs are part of the paragraph's text.
_INLINE_CONTAINERS = {qn("w:hyperlink"), qn("w:ins"), qn("w:smartTag"), qn("w:fldSimple"),
                      qn("w:customXml"), qn("w:moveTo"), qn("w:dir"), qn("w:bdo")}
_DROPPED_CONTAINERS = {qn("w:del"), qn("w:moveFrom")}
_MATH = {f"{{{M}}}oMath", f"{{{M}}}oMathPara"}
# Symbol-font characters (w:sym, code points F0xx) that drafts use, as Unicode.
SYMBOLS = {0xB1: "±", 0xB4: "×", 0xB0: "°", 0xA3: "≤", 0xB3: "≥", 0xB8: "÷", 0x6D: "μ",
           0xB7: "•", 0xD7: "·", 0xA5: "∞", 0x57: "Ω", 0x44: "Δ", 0x70: "π", 0x61: "α",
           0x62: "β", 0x67: "γ", 0xAE: "→", 0xAC: "←", 0xB9: "≠", 0xBB: "≈", 0x2D: "−",
           0xD6: "√", 0xE5: "∑", 0x6C: "λ", 0x73: "σ", 0x72: "ρ", 0x71: "θ"}


def normal_name(name: str) -> str:
    """A style name for matching: lower case, no spaces, without the template's 标准文件_ prefix."""
    compact = "".join(name.split()).lower()
    return compact.removeprefix("标准文件_").removeprefix("标准文件")


def plain(text: str) -> str:
    """Text without the footnote, superscript and subscript marks."""
    return _MARKS.sub("", text)


def clean(text: str) -> str:
    """Text without the characters no output can carry; no-break spaces as spaces."""
    return FORBIDDEN.sub("", text.replace("\u00a0", " "))


@dataclass(frozen=True)
class StyleInfo:
    """A paragraph style as the importer needs it, its base styles resolved."""

    name: str
    names: tuple[str, ...]  # normal_name of the style and of each base style
    ids: tuple[str, ...]
    num: tuple[str | None, int | None]  # w:numId and w:ilvl from the nearest style that has one
    outline: int | None
    bold: bool
    centered: bool


@dataclass
class Para:
    """One paragraph: its visible text (automatic label included) and what it is made of."""

    index: int  # 1-based, in body order (paragraphs in tables are not counted)
    text: str  # label, separator and the runs' text
    runs_text: str  # the runs' text alone
    strong: list[bool]  # per character of runs_text: bold or 黑体
    style: StyleInfo
    label: Label | None = None
    outline: int | None = None
    centered: bool = False
    images: list[str] = field(default_factory=list)  # image part names, in order
    lost: list[str] = field(default_factory=list)  # what cannot be converted, described
    textboxes: list[str] = field(default_factory=list)  # the text of text boxes

    def strong_between(self, start: int, end: int) -> bool:
        """Whether every visible character of runs_text[start:end] is bold (or 黑体)."""
        chars = [s for c, s in zip(self.runs_text[start:end], self.strong[start:end], strict=True)
                 if not c.isspace()]
        return bool(chars) and all(chars)


@dataclass
class Cell:
    paragraphs: list[Para]
    colspan: int = 1
    rowspan: int = 1


@dataclass
class Table:
    index: int  # the paragraph number before it (0: at the start)
    rows: list[list[Cell]]
    header_rows: int
    lost: list[str] = field(default_factory=list)


Block = Para | Table


@dataclass
class Draft:
    blocks: list[Block]
    footnotes: dict[int, str]  # our footnote number → its text
    headers: list[str]  # the text of the page headers (the standard number is printed there)
    facts: list[str]  # document-wide facts for the report (tracked changes, comments, …)


class Reader:
    """Reads one python-docx Document; `read()` gives the Draft."""

    def __init__(self, document) -> None:
        self.document = document
        self.part = document.part
        try:
            numbering_root = self.part.numbering_part.element
        except (NotImplementedError, KeyError):
            numbering_root = None
        self.numbering = Numbering(numbering_root)
        self.styles: dict[str, StyleInfo] = {}
        self.char_bold: dict[str, bool] = {}
        self.footnote_texts = self._footnote_texts()
        self.footnotes: dict[int, str] = {}
        self.index = 0
        self.hidden = 0

    # --- document --------------------------------------------------------------------------

    def read(self) -> Draft:
        blocks: list[Block] = []
        facts: list[str] = []
        for element in self._body_elements(self.document.element.body, facts):
            if element.tag == qn("w:p"):
                self.index += 1
                blocks.append(self.paragraph(element, self.index))
            else:
                blocks.append(self.table(element))
        body = self.document.element.body
        if body.find(".//" + qn("w:ins")) is not None or body.find(".//" + qn("w:del")) is not None:
            facts.append("文档含修订标记：按“接受全部修订”后的文字导入，请核对")
        comments = len(body.findall(".//" + qn("w:commentReference")))
        if comments:
            facts.append(f"文档有 {comments} 条批注，批注不导入")
        if self.hidden:
            facts.append(f"文档有 {self.hidden} 处隐藏文字，隐藏文字不导入")
        return Draft(blocks, self.footnotes, self._headers(), facts)

    def _body_elements(self, parent, facts: list[str]) -> Iterator:
        for child in parent:
            if child.tag in (qn("w:p"), qn("w:tbl")):
                yield child
            elif child.tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    yield from self._body_elements(content, facts)
            elif child.tag == qn("w:customXml"):
                yield from self._body_elements(child, facts)
            elif child.tag == qn("w:altChunk"):
                facts.append("文档嵌入了另一个文件（altChunk），其内容未导入：请在 Word 中把它复制为正文")

    def _headers(self) -> list[str]:
        texts = []
        for section in self.document.sections:
            for header in (section.header, section.first_page_header, section.even_page_header):
                with contextlib.suppress(Exception):  # a missing or broken header part: no text
                    if header.is_linked_to_previous:
                        continue
                    texts += [clean(p.text) for p in header.paragraphs if p.text.strip()]
        return texts

    def _footnote_texts(self) -> dict[str, str]:
        texts: dict[str, str] = {}
        for reltype, tag in ((RT.FOOTNOTES, "footnote"), (RT.ENDNOTES, "endnote")):
            try:
                root = parse_xml(self.part.part_related_by(reltype).blob)
            except Exception:  # noqa: BLE001 — no such part, or one that cannot be read: no notes
                continue
            for note in root.findall(qn(f"w:{tag}")):
                if note.get(qn("w:type")) in ("separator", "continuationSeparator",
                                              "continuationNotice"):
                    continue
                paragraphs = ["".join(t.text or "" for t in p.iter(qn("w:t")))
                              for p in note.iter(qn("w:p"))]
                texts[f"{tag}:{note.get(qn('w:id'))}"] = clean(" ".join(
                    p.strip() for p in paragraphs if p.strip()))
        return texts

    # --- styles ----------------------------------------------------------------------------

    def style_info(self, paragraph: Paragraph) -> StyleInfo:
        style_id = paragraph._p.style or ""
        if style_id in self.styles:
            return self.styles[style_id]
        style = paragraph.style
        names, ids = [], []
        num: tuple[str | None, int | None] = (None, None)
        outline = bold = centered = None
        seen = 0
        while style is not None and seen < 20:  # a base-style loop must not hang the import
            seen += 1
            names.append(normal_name(style.name or ""))
            ids.append(style.style_id)
            ppr = style.element.pPr
            if num == (None, None) and ppr is not None and ppr.numPr is not None:
                num_pr = ppr.numPr
                num = (num_pr.numId.val if num_pr.numId is not None else None,
                       num_pr.ilvl.val if num_pr.ilvl is not None else None)
                num = (None if num[0] is None else str(num[0]), num[1])
            if outline is None and ppr is not None:
                level = ppr.find(qn("w:outlineLvl"))
                if level is not None:
                    outline = _int(level.get(qn("w:val")))
            if bold is None:
                bold = style.font.bold
                if bold is None and _hei(style.element.rPr):
                    bold = True
            if centered is None:
                centered = style.paragraph_format.alignment
            style = style.base_style
        info = StyleInfo(name=paragraph.style.name if paragraph.style is not None else "",
                         names=tuple(names), ids=tuple(ids), num=num, outline=outline,
                         bold=bool(bold), centered=centered == WD_ALIGN_PARAGRAPH.CENTER)
        self.styles[style_id] = info
        return info

    def _char_style_bold(self, style_id: str) -> bool | None:
        if style_id not in self.char_bold:
            bold = None
            with contextlib.suppress(Exception):  # an unknown style id: no bold from it
                style = self.part.get_style(style_id, WD_STYLE_TYPE.CHARACTER)
                while style is not None and bold is None:
                    bold = style.font.bold
                    if bold is None and _hei(style.element.rPr):
                        bold = True
                    style = style.base_style
            self.char_bold[style_id] = bold
        return self.char_bold[style_id]

    # --- paragraphs ------------------------------------------------------------------------

    def paragraph(self, p, index: int) -> Para:
        paragraph = Paragraph(p, self.document)
        style = self.style_info(paragraph)
        para = Para(index=index, text="", runs_text="", strong=[], style=style,
                    outline=style.outline, centered=style.centered)
        ppr = p.pPr
        if ppr is not None:
            level = ppr.find(qn("w:outlineLvl"))
            if level is not None:
                para.outline = _int(level.get(qn("w:val")))
            alignment = paragraph.paragraph_format.alignment
            if alignment is not None:
                para.centered = alignment == WD_ALIGN_PARAGRAPH.CENTER
        para.label = self._label(ppr, style)
        texts: list[str] = []
        for kind, element in _walk(p):
            if kind == "math":
                formula = "".join(t.text or "" for t in element.iter(f"{{{M}}}t"))
                para.lost.append(f"公式（{formula.strip() or '无文字'}）")
                continue
            text = self._run(element, style.bold, para)
            texts.append(text)
            bold = self._run_strong(element, style.bold)
            para.strong += [bold] * len(text)
        para.runs_text = "".join(texts)
        label = para.label
        prefix = label.text + label.separator if label and label.text else ""
        para.text = clean(prefix) + para.runs_text
        return para

    def _label(self, ppr, style: StyleInfo) -> Label | None:
        num_id, ilvl = style.num
        own = ppr.numPr if ppr is not None else None
        if own is not None:
            if own.numId is not None:
                num_id = str(own.numId.val)
            if own.ilvl is not None:
                ilvl = own.ilvl.val
        if num_id is None or num_id == "0":
            return None
        if ilvl is None:
            ilvl = self.numbering.level_for_style(num_id, list(style.ids))
        return self.numbering.next_label(num_id, int(ilvl))

    def _run_strong(self, r, paragraph_bold: bool) -> bool:
        rpr = r.find(qn("w:rPr"))
        if rpr is None:
            return paragraph_bold
        b = rpr.find(qn("w:b"))
        if b is not None:
            return b.get(qn("w:val")) not in ("0", "false", "off")
        if _hei(rpr):
            return True
        rstyle = rpr.find(qn("w:rStyle"))
        if rstyle is not None:
            bold = self._char_style_bold(rstyle.get(qn("w:val")) or "")
            if bold is not None:
                return bold
        return paragraph_bold

    def _run(self, r, paragraph_bold: bool, para: Para) -> str:
        """The visible text of one run; its images, boxes and notes recorded on `para`."""
        rpr = r.find(qn("w:rPr"))
        if rpr is not None:
            vanish = rpr.find(qn("w:vanish"))
            if vanish is not None and vanish.get(qn("w:val")) not in ("0", "false", "off"):
                self.hidden += 1
                return ""
        out = []
        for child in r:
            tag = child.tag
            if tag == qn("w:t"):
                out.append(clean(child.text or ""))
            elif tag == qn("w:tab"):
                out.append("\t")
            elif tag in (qn("w:br"), qn("w:cr")):
                if child.get(qn("w:type")) not in ("page", "column"):
                    out.append("\n")
            elif tag == qn("w:noBreakHyphen"):
                out.append("-")
            elif tag == qn("w:sym"):
                out.append(self._symbol(child, para))
            elif tag in (qn("w:footnoteReference"), qn("w:endnoteReference")):
                kind = "footnote" if tag == qn("w:footnoteReference") else "endnote"
                text = self.footnote_texts.get(f"{kind}:{child.get(qn('w:id'))}", "")
                number = len(self.footnotes) + 1
                self.footnotes[number] = text
                out.append(f"{FOOTNOTE_OPEN}{number}{FOOTNOTE_CLOSE}")
            elif tag in (qn("w:drawing"), qn("w:pict"), qn("w:object"), f"{{{MC}}}AlternateContent"):
                self._graphic(child, para)
        text = "".join(out)
        position = rpr.find(qn("w:vertAlign")) if rpr is not None else None
        shift = position.get(qn("w:val")) if position is not None else None
        if text.strip() and shift in ("superscript", "subscript"):
            opening, closing = SUP if shift == "superscript" else SUB
            return opening + text + closing
        return text

    def _symbol(self, sym, para: Para) -> str:
        code = _int(sym.get(qn("w:char")), base=16) or 0
        char = SYMBOLS.get(code & 0xFF) if code >= 0xF000 or code < 0x100 else chr(code)
        if char is None:
            para.lost.append(f"符号（{sym.get(qn('w:font')) or ''} 字体 {code:04X}）")
            return ""
        return char

    def _graphic(self, element, para: Para) -> None:
        if element.tag == f"{{{MC}}}AlternateContent":  # one picture in two encodings: the first
            choice = element.find(f"{{{MC}}}Choice")
            element = choice if choice is not None else element.find(f"{{{MC}}}Fallback")
            if element is None:
                return
        boxes = element.findall(".//" + qn("w:txbxContent"))
        for box in boxes:
            text = " ".join("".join(t.text or "" for t in p.iter(qn("w:t")))
                            for p in box.iter(qn("w:p")))
            para.textboxes.append(clean(" ".join(text.split())))
        ids = [blip.get(qn("r:embed")) or blip.get(qn("r:link"))
               for blip in element.iter(qn("a:blip"))]
        ids += [data.get(qn("r:id")) for data in element.iter("{urn:schemas-microsoft-com:vml}imagedata")]
        names = []
        for rid in ids:
            part = self.part.related_parts.get(rid) if rid else None
            names.append(str(part.partname).lstrip("/") if part is not None else "链接的外部图片")
        if element.tag == qn("w:object"):  # OLE: an Equation Editor formula, a Visio drawing, …
            shown = f"，预览图 {names[0]}" if names and "/" in names[0] else ""
            para.lost.append(f"嵌入对象（如公式编辑器的公式{shown}）")
            return
        para.images += names
        if not names and not boxes:
            if element.find(".//{http://schemas.openxmlformats.org/drawingml/2006/chart}chart") is not None:
                para.lost.append("图表")
            elif any("diagram" in (el.tag or "") for el in element.iter() if isinstance(el.tag, str)):
                para.lost.append("SmartArt 图形")
            else:
                para.lost.append("图形（形状或画布）")

    # --- tables ----------------------------------------------------------------------------

    def table(self, tbl) -> Table:
        table = Table(index=self.index, rows=[], header_rows=0)
        origin: dict[int, Cell] = {}  # grid column → the cell a vertical merge continues
        for tr in tbl.tr_lst:
            row: list[Cell] = []
            column = tr.grid_before
            if column:
                row.append(Cell([], colspan=column))
            for tc in tr.tc_lst:
                span = max(tc.grid_span, 1)
                if tc.vMerge == "continue" and column in origin:
                    origin[column].rowspan += 1
                    column += span
                    continue
                cell = Cell([self.paragraph(p, self.index) for p in tc.iter(qn("w:p"))
                             if _cell_paragraph(p, tc)], colspan=span)
                nested = tc.findall(qn("w:tbl"))
                if nested:
                    table.lost.append(f"表格中嵌套的表格（{len(nested)} 个）已展开为单元格中的文字")
                row.append(cell)
                for col in range(column, column + span):
                    origin.pop(col, None)
                if tc.vMerge == "restart":
                    origin[column] = cell
                column += span
            if tr.grid_after:
                row.append(Cell([], colspan=tr.grid_after))
            table.rows.append(row)
            if table.header_rows == len(table.rows) - 1 and _repeats_header(tr):
                table.header_rows += 1
        table.header_rows = table.header_rows or 1
        return table


def _cell_paragraph(p, tc) -> bool:
    """A paragraph of this cell, or of a table nested in it: not one in a text box."""
    parent = p.getparent()
    while parent is not None and parent is not tc:
        if parent.tag == qn("w:txbxContent"):
            return False
        parent = parent.getparent()
    return True


def _repeats_header(tr) -> bool:
    trpr = tr.trPr
    if trpr is None:
        return False
    header = trpr.find(qn("w:tblHeader"))
    return header is not None and header.get(qn("w:val")) not in ("0", "false", "off")


def _walk(parent) -> Iterator[tuple[str, object]]:
    """("run", w:r) and ("math", m:oMath) in reading order, through inline containers."""
    for child in parent:
        tag = child.tag
        if tag == qn("w:r"):
            yield "run", child
        elif tag in _MATH:
            yield "math", child
        elif tag in _DROPPED_CONTAINERS:
            continue
        elif tag in _INLINE_CONTAINERS:
            yield from _walk(child)
        elif tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _walk(content)


def _hei(rpr) -> bool:
    """Whether run properties set a 黑体 (Hei) east-Asian font."""
    if rpr is None:
        return False
    fonts = rpr.find(qn("w:rFonts"))
    name = (fonts.get(qn("w:eastAsia")) or "") if fonts is not None else ""
    return "黑" in name or "hei" in name.lower()


def _int(value: str | None, base: int = 10) -> int | None:
    try:
        return int(value, base) if value is not None else None
    except ValueError:
        return None


def read(document) -> Draft:
    """The Draft of a python-docx Document."""
    return Reader(document).read()
