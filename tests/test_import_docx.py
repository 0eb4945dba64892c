"""Word import (issue 17, spec section 8): `python -m hooks import FILE.docx [--number] [--force]`.

Every .docx here is made by the test with python-docx: a draft with Word heading styles, one
whose numbers are typed in bold, one in the national drafting template's styles with automatic
numbering, one with footnotes, a formula and a text box; and the refusals (.doc, .wps, renamed
text, truncated and broken zips, an existing target, a number already in use).
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from conftest import make_project
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from hooks.cli.main import main
from hooks.importer import cover, escape, numbering, tables
from hooks.importer.structure import CellText, TableText
from hooks.pages.sanitize import sanitize_html

PLACEHOLDER_RULE = "placeholder-unfilled"
MATH = "http://schemas.openxmlformats.org/officeDocument/2006/math"


# --- building drafts ------------------------------------------------------------------------

def para(document, *runs, style: str | None = None, center: bool = False):
    """A paragraph of runs; a run is text, or (text, bold)."""
    paragraph = document.add_paragraph(style=style)
    for run in runs:
        text, bold = (run, None) if isinstance(run, str) else run
        paragraph.add_run(text).bold = bold
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph


def png() -> bytes:
    """A 1×1 PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def add_numbering(document, levels: list[tuple[str, str]]) -> int:
    """A multilevel list [(numFmt, lvlText), …] in the document's numbering part; its numId."""
    root = document.part.numbering_part.element
    abstract_id = max(int(a.get(qn("w:abstractNumId"))) for a in root.findall(qn("w:abstractNum"))) + 1
    num_id = max(int(n.get(qn("w:numId"))) for n in root.findall(qn("w:num"))) + 1
    lvls = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                   f'<w:lvlText w:val="{text}"/><w:suff w:val="space"/></w:lvl>'
                   for i, (fmt, text) in enumerate(levels))
    root.find(qn("w:num")).addprevious(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>'))
    root.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                          f'<w:abstractNumId w:val="{abstract_id}"/></w:num>'))
    return num_id


def add_style(document, name: str, num_id: int | None = None, ilvl: int = 0) -> None:
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    if num_id is not None:
        num_pr = style.element.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = ilvl
        num_pr.get_or_add_numId().val = num_id


def heading_styles_draft(path: Path) -> Path:
    """Word heading styles (Heading 1–3), a full cover, 目次, lists, notes, a merged table,
    two annexes, 参考文献 and text that looks like Markdown."""
    d = docx.Document()
    para(d, "ICS 03.080")
    para(d, "CCS A 12")
    para(d, "DB3301", center=True)
    para(d, "杭州市地方标准", center=True)
    para(d, "DB3301/T 9970-2026", center=True)
    para(d, "机关公务用车调度服务规范", center=True)
    para(d, "Specification for official vehicle dispatching service", center=True)
    para(d, "（征求意见稿）", center=True)
    para(d, "2026 - 03 - 01 发布\t\t2026 - 06 - 01 实施")
    para(d, "杭州市市场监督管理局　　发 布", center=True)
    para(d, "目　　次", center=True)
    para(d, "前言\tI")
    para(d, "1 范围\t1")
    para(d, "前　　言", center=True)
    para(d, "本文件按照GB/T 1.1—2020《标准化工作导则　第1部分：标准化文件的结构和起草规则》的规定起草。")
    para(d, "本文件由杭州市机关事务管理局提出并归口。")
    para(d, "本文件起草单位：杭州市机关事务管理局、杭州市公务用车服务中心。")
    para(d, "本文件主要起草人：张三、李四。")
    para(d, "机关公务用车调度服务规范", center=True)
    para(d, "范围", style="Heading 1")
    para(d, "本文件规定了公务用车调度服务的要求。")
    para(d, "规范性引用文件", style="Heading 1")
    para(d, "下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。")
    para(d, "GB/T 41568—2022\t机关事务管理 术语")
    para(d, "术语和定义", style="Heading 1")
    para(d, "下列术语和定义适用于本文件。")
    para(d, "公务用车调度 official vehicle dispatching", style="Heading 2")
    para(d, "根据用车申请安排车辆和驾驶员的活动。")
    para(d, "基本要求", style="Heading 1")
    para(d, "车辆应证照齐全。")
    para(d, "管理要求", style="Heading 1")
    para(d, "用车申请", style="Heading 2")
    para(d, "1. 用车单位应提前 *一个* 工作日申请，<b>不得</b>补录 [链接](x)。")
    para(d, "车辆调度", style="Heading 2")
    para(d, "调度原则", style="Heading 3")
    para(d, "车辆调度应遵循以下原则：")
    para(d, "a) 统一调度、就近派车；")
    para(d, "b) 先急后缓，其中：")
    para(d, "1) 应急用车优先；")
    para(d, "2) 重大活动保障其次；")
    para(d, "c) 合并同向用车需求。")
    para(d, "——车型与人数相适应；")
    para(d, "注：跨市用车需附审批单。")
    para(d, "响应时限", style="Heading 3")
    para(d, "各类用车的响应时限见表1。")
    para(d, "表1 调度响应时限", center=True)
    table = d.add_table(rows=4, cols=3)
    for (r, c), text in {(0, 0): "用车类型", (0, 1): "确认时限", (0, 2): "出车时限",
                         (1, 0): "一般公务用车", (1, 1): "30 min", (1, 2): "按约定时间",
                         (2, 0): "应急用车", (2, 1): "立即", (2, 2): "15 min"}.items():
        table.cell(r, c).text = text
    table.cell(3, 0).merge(table.cell(3, 2)).text = "重大活动按保障方案执行"
    para(d, "注1：时限按工作日计。")
    para(d, "注2：节假日另行安排。")
    para(d, "示例：某单位上午 9 时申请，9 时 30 分前确认。")
    para(d, "附录A", center=True)
    para(d, "（规范性）", center=True)
    para(d, "出车记录样式", center=True)
    para(d, "使用说明", style="Heading 2")
    para(d, "出车记录由驾驶员填写。")
    para(d, "记录样式见表A.1。")
    para(d, "表A.1 出车记录", center=True)
    record = d.add_table(rows=2, cols=2)
    record.cell(0, 0).text, record.cell(0, 1).text = "项目", "内容"
    record.cell(1, 0).text, record.cell(1, 1).text = "用车单位", "（填写）"
    para(d, "附录 B（资料性）调度统计方法", style="Heading 1")
    para(d, "统计口径", style="Heading 2")
    para(d, "按月统计。")
    para(d, "参 考 文 献", center=True)
    para(d, "[1] GB/T 29118—2023　节约型机关评价导则")
    para(d, "____________________", center=True)
    d.save(path)
    return path


def typed_numbers_draft(path: Path) -> Path:
    """No heading styles: clause numbers typed in bold; terms as a bold “3.1” line; untitled
    clauses; a picture with its caption; a cover in full-width characters and 年月日 dates."""
    d = docx.Document()
    para(d, "ＤＢ３３０１／Ｔ　９９７１－２０２６", center=True)
    para(d, ("党政机关办公用房", True), center=True)
    para(d, ("维修管理规范", True), center=True)
    para(d, "2026年3月1日发布")
    para(d, "2026年6月1日实施")
    para(d, ("前言", True), center=True)
    para(d, "本文件由示例市机关事务管理局提出。")
    para(d, ("1　范围", True))
    para(d, "本文件规定了办公用房维修的要求。")
    para(d, ("2　规范性引用文件", True))
    para(d, "本文件没有规范性引用文件。")
    para(d, ("3　术语和定义", True))
    para(d, "下列术语和定义适用于本文件。")
    para(d, ("3.1", True))
    para(d, ("办公用房维修", True))
    para(d, ("office building maintenance", True))
    para(d, "为保持办公用房正常使用而进行的修缮活动。")
    para(d, ("4　维修要求", True))
    para(d, ("4.1", True), ("　维修分类", True))
    para(d, ("4.1.1", True), "　日常维修由使用单位提出申请。")
    para(d, ("4.1.2", True), "　大中修项目应纳入年度计划，流程见图1。")
    para(d, "维修 2 h 内响应。")
    d.add_paragraph().add_run().add_picture(io.BytesIO(png()))
    para(d, "图1　维修流程", center=True)
    para(d, ("4.2　维修时限", True))
    para(d, "维修响应时限见表1。")
    para(d, ("表1　维修响应时限", True), center=True)
    table = d.add_table(rows=3, cols=2)
    for (r, c), text in {(0, 0): "类别", (0, 1): "时限", (1, 0): "紧急", (1, 1): "2 h",
                         (2, 0): "一般", (2, 1): "3 个工作日"}.items():
        table.cell(r, c).text = text
    para(d, "示例1：")
    para(d, "屋面漏水属于紧急维修。")
    para(d, ("附录A", True), center=True)
    para(d, ("（资料性）", True), center=True)
    para(d, ("维修申请表", True), center=True)
    para(d, ("A.1　填写说明", True))
    para(d, "申请表由使用单位填写。")
    para(d, ("A.2", True), "　申请表应加盖公章。")
    d.save(path)
    return path


def template_styles_draft(path: Path) -> Path:
    """The national drafting template's style names (标准文件_…), numbered by Word: the text
    holds no chapter, clause, annex, list or caption number. A table merged down and across."""
    d = docx.Document()
    body = add_numbering(d, [("decimal", "%1"), ("decimal", "%1.%2"), ("decimal", "%1.%2.%3")])
    annex = add_numbering(d, [("upperLetter", "附录%1"), ("decimal", "%1.%2")])
    items = add_numbering(d, [("lowerLetter", "%1)"), ("decimal", "%2)")])
    dash = add_numbering(d, [("bullet", "——")])
    note = add_numbering(d, [("none", "注：")])
    caption = add_numbering(d, [("decimal", "表%1")])
    for name, num_id, ilvl in (
            ("标准文件_章标题", body, 0), ("标准文件_一级条标题", body, 1),
            ("标准文件_二级条标题", body, 2), ("标准文件_二级无标题", body, 2),
            ("标准文件_附录标识", annex, 0), ("标准文件_附录一级条标题", annex, 1),
            ("标准文件_字母编号列项（一级）", items, 0), ("标准文件_数字编号列项（二级）", items, 1),
            ("标准文件_破折号列项", dash, 0), ("标准文件_注：", note, 0),
            ("标准文件_正文表标题", caption, 0)):
        add_style(d, name, num_id, ilvl)
    for name in ("标准文件_段", "标准文件_文件编号", "标准文件_文件名称", "封面标准英文名称",
                 "其他发布部门", "标准文件_目录标题", "标准文件_前言、引言标题", "标准文件_正文标准名称",
                 "附录性质", "标准文件_附录章标题", "标准文件_参考文献标题", "toc 1"):
        add_style(d, name)

    def p(text: str, style: str = "标准文件_段"):
        return para(d, text, style=style)

    p("ICS 03.080")
    p("CCS A 12")
    p("T/CAS 1290—2026", "标准文件_文件编号")
    p("机关会议服务规范", "标准文件_文件名称")
    p("Specification for meeting service of government offices", "封面标准英文名称")
    p("2026-01-10发布\t2026-02-01实施")
    p("中国标准化协会　发 布", "其他发布部门")
    p("目次", "标准文件_目录标题")
    p("前言\t1", "toc 1")
    p("前言", "标准文件_前言、引言标题")
    p("本文件由中国标准化协会提出。")
    p("机关会议服务规范", "标准文件_正文标准名称")
    p("范围", "标准文件_章标题")
    p("本文件规定了会议服务的要求。")
    p("规范性引用文件", "标准文件_章标题")
    p("本文件没有规范性引用文件。")
    p("术语和定义", "标准文件_章标题")
    p("本文件没有需要界定的术语和定义。")
    p("服务要求", "标准文件_章标题")
    p("会前准备", "标准文件_一级条标题")
    p("会前应做好以下准备：")
    p("会场布置；", "标准文件_字母编号列项（一级）")
    p("座签摆放；", "标准文件_数字编号列项（二级）")
    p("资料分发。", "标准文件_字母编号列项（一级）")
    p("会场检查", "标准文件_二级条标题")
    p("检查音响。", "标准文件_破折号列项")
    p("检查应在会前 1 h 完成。", "标准文件_注：")
    p("会中服务", "标准文件_一级条标题")
    p("服务人员应按表1提供服务。", "标准文件_二级无标题")
    p("会议服务人员配置", "标准文件_正文表标题")
    table = d.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "会议类型"
    table.cell(0, 1).merge(table.cell(0, 2)).text = "人员"
    for (r, c), text in {(1, 1): "服务员", (1, 2): "技术员", (2, 0): "大型", (2, 1): "6",
                         (2, 2): "2"}.items():
        table.cell(r, c).text = text
    mark = p("", "标准文件_附录标识")
    mark.add_run().add_break()
    mark.add_run("（规范性）")
    mark.add_run().add_break()
    mark.add_run("会议服务记录")
    p("记录要求", "标准文件_附录一级条标题")
    p("记录应保存三年。")
    p("", "标准文件_附录标识")
    p("（资料性）", "附录性质")
    p("会议服务评价", "标准文件_附录章标题")
    p("评价方法", "标准文件_附录一级条标题")
    p("采用满意度调查。")
    p("参考文献", "标准文件_参考文献标题")
    p("[1] GB/T 15624—2011　服务标准化工作指南")
    d.save(path)
    return path


# --- running the command --------------------------------------------------------------------

def run_import(root: Path, *args: str, capsys) -> tuple[int, str, str]:
    code = main(["--root", str(root), "import", *args])
    out, err = capsys.readouterr()
    return code, out, err


def rules(check_output: str) -> list[str]:
    return re.findall(r":\d+: ([a-z-]+) ", check_output)


def fill(text: str) -> str:
    """What an editor does after importing: the domain, the licence, the rest of 【待填：…】."""
    text = re.sub(r'^domain: 【待填[^\n]*$', 'domain: "03.02"', text, flags=re.M)
    text = re.sub(r"^license: 【待填[^\n]*$", "license: 本单位制定，经本单位同意公开全文", text, flags=re.M)
    return re.sub(r"^【待填[^\n]*\n\n", "", text, flags=re.M)


DRAFTS = {"heading-styles": (heading_styles_draft, "db3301-t-9970-2026"),
          "typed-numbers": (typed_numbers_draft, "db3301-t-9971-2026"),
          "template-styles": (template_styles_draft, "t-cas-1290-2026")}


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """The shipped corpus plus the three drafts imported: (project, {name: (stdout, text)})."""
    project = make_project(tmp_path_factory.mktemp("import"), shipped=True)
    drafts = tmp_path_factory.mktemp("drafts")
    results = {}
    for name, (build, slug) in DRAFTS.items():
        source = build(drafts / f"{name}.docx")
        proc = project.run("-m", "hooks", "--root", str(project.root), "import", str(source))
        assert proc.returncode == 0, proc.stdout + proc.stderr
        text = (project.root / "standards" / f"{slug}.md").read_text(encoding="utf-8")
        results[name] = (proc.stdout, text)
    return project, results


# --- what the drafts become -----------------------------------------------------------------

def test_heading_styles_become_numbered_clauses_with_cover_fields(imported):
    out, text = imported[1]["heading-styles"]
    head, body = text.split("\n---\n", 1)
    for line in ("number: DB3301/T 9970—2026", "title: 机关公务用车调度服务规范",
                 "title_en: Specification for official vehicle dispatching service",
                 "issued: 2026-03-01", "effective: 2026-06-01", "issuer: 杭州市市场监督管理局",
                 "proposer: 杭州市机关事务管理局", "responsible: 杭州市机关事务管理局",
                 "drafters: [杭州市机关事务管理局, 杭州市公务用车服务中心]", "authors: [张三, 李四]",
                 'ics: "03.080"', "ccs: A12"):
        assert f"\n{line}\n" in head, line
    assert re.search(r"^domain: 【待填", head, re.M) and re.search(r"^license: 【待填", head, re.M)
    for heading in ("## 前言", "## 1 范围", "## 2 规范性引用文件", "## 3 术语和定义",
                    "### 3.1 公务用车调度 official vehicle dispatching", "## 5 管理要求",
                    "### 5.1 用车申请", "### 5.2 车辆调度", "#### 5.2.1 调度原则",
                    "#### 5.2.2 响应时限", "## 附录 A（规范性）出车记录样式", "### A.1 使用说明",
                    "## 附录 B（资料性）调度统计方法", "### B.1 统计口径", "## 参考文献"):
        assert f"\n{heading}\n" in body, heading
    assert "目次" not in body and "前言\tI" not in body
    assert body.count("机关公务用车调度服务规范") == 0  # the title above chapter 1 is metadata
    for block in ("a) 统一调度、就近派车；", "1) 应急用车优先；", "c) 合并同向用车需求。",
                  "——车型与人数相适应；", "注：跨市用车需附审批单。", "注 1：时限按工作日计。",
                  "注 2：节假日另行安排。", "示例：某单位上午 9 时申请，9 时 30 分前确认。",
                  "表 1　调度响应时限", "表 A.1　出车记录", "- GB/T 41568—2022　机关事务管理 术语",
                  "[1] GB/T 29118—2023　节约型机关评价导则"):
        assert f"\n{block}\n" in body, block
    assert '<td colspan="3">重大活动按保障方案执行</td>' in body  # merged cells: an HTML table
    assert "| 用车单位 | （填写） |" in body  # no merged cells: a Markdown table
    assert "\n1\\. 用车单位应提前 \\*一个\\* 工作日申请，&lt;b>不得&lt;/b>补录 [链接\\](x)。\n" in body
    assert "________" not in body
    assert "已导入 standards/db3301-t-9970-2026.md" in out
    assert "第 3 段（“DB3301”）：封面上的这行文字未导入" in out
    assert "（“（征求意见稿）”）：封面上的这行文字未导入" in out
    assert re.search(r"第 11—13 段）已删除", out)


def test_typed_bold_numbers_become_headings_and_untitled_clauses(imported):
    out, text = imported[1]["typed-numbers"]
    head, body = text.split("\n---\n", 1)
    assert "\nnumber: DB3301/T 9971—2026\n" in head
    assert "\ntitle: 党政机关办公用房维修管理规范\n" in head
    assert "\nissued: 2026-03-01\n" in head and "\neffective: 2026-06-01\n" in head
    for block in ("## 1 范围", "## 3 术语和定义", "### 3.1 办公用房维修 office building maintenance",
                  "## 4 维修要求", "### 4.1 维修分类", "#### 4.1.1", "日常维修由使用单位提出申请。",
                  "#### 4.1.2", "维修 2 h 内响应。", "图 1　维修流程", "### 4.2 维修时限",
                  "表 1　维修响应时限", "| 紧急 | 2 h |", "示例 1：",
                  "## 附录 A（资料性）维修申请表", "### A.1 填写说明", "### A.2", "申请表应加盖公章。"):
        assert f"\n{block}\n" in body, block
    # the picture: one warning, and a placeholder where it was
    assert out.count("图片 word/media/image1.png 未导入：本站尚不发布标准中的图片") == 1
    assert re.search(r"\n【待填：此处的图片（word/media/image1\.png）未导入[^\n]*】\n\n图 1　维修流程", body)


def test_drafting_template_styles_and_automatic_numbers(imported):
    out, text = imported[1]["template-styles"]
    head, body = text.split("\n---\n", 1)
    for line in ("number: T/CAS 1290—2026", "title: 机关会议服务规范", "issued: 2026-01-10",
                 "effective: 2026-02-01", "issuer: 中国标准化协会", "proposer: 中国标准化协会"):
        assert f"\n{line}\n" in head, line
    for block in ("## 1 范围", "## 4 服务要求", "### 4.1 会前准备", "a) 会场布置；", "1) 座签摆放；",
                  "b) 资料分发。", "#### 4.1.1 会场检查", "——检查音响。", "注：检查应在会前 1 h 完成。",
                  "### 4.2 会中服务", "#### 4.2.1", "服务人员应按表1提供服务。", "表 1　会议服务人员配置",
                  "## 附录 A（规范性）会议服务记录", "### A.1 记录要求",
                  "## 附录 B（资料性）会议服务评价", "### B.1 评价方法", "## 参考文献"):
        assert f"\n{block}\n" in body, block
    # merged down and across in the header: both header rows in <thead>
    assert ('<thead>\n<tr><th rowspan="2">会议类型</th><th colspan="2">人员</th></tr>\n'
            "<tr><th>服务员</th><th>技术员</th></tr>\n</thead>") in body
    assert "目次" not in body


def test_imported_files_pass_check_apart_from_placeholders(imported):
    project, results = imported
    for name, (_, slug) in DRAFTS.items():
        proc = project.check(f"standards/{slug}.md")
        assert proc.returncode == 1, name
        assert set(rules(proc.stdout)) == {PLACEHOLDER_RULE}, (name, proc.stdout)
        assert "0 个警告" in proc.stderr, (name, proc.stderr)  # the GB/T 1.1 lint is content too


def test_filled_imports_pass_strict_check_and_build_with_clause_anchors(imported):
    project, _ = imported
    for _, slug in DRAFTS.values():
        path = project.root / "standards" / f"{slug}.md"
        path.write_text(fill(path.read_text(encoding="utf-8")), encoding="utf-8")
        proc = project.check("--strict", f"standards/{slug}.md")
        assert proc.returncode == 0, proc.stdout + proc.stderr
    build = project.build()
    assert build.returncode == 0, build.output
    page = build.page("standards/db3301-t-9970-2026/")
    for anchor in ("5", "5.2", "5.2.1", "A", "A.1", "B.1"):
        assert f'id="{anchor}"' in page, anchor
    assert '<td colspan="3">重大活动按保障方案执行</td>' in page
    assert "<p>表 1　调度响应时限</p>" in page and "<p>a) 统一调度、就近派车；</p>" in page
    assert "<p>注 1：时限按工作日计。</p>" in page
    assert "用车单位应提前 *一个* 工作日申请，&lt;b&gt;不得&lt;/b&gt;补录 [链接](x)。" in page
    template = build.page("standards/t-cas-1290-2026/")
    assert 'id="4.2.1"' in template and 'id="B.1"' in template
    assert '<th rowspan="2">会议类型</th>' in template
    assert 'id="A.2"' in build.page("standards/db3301-t-9971-2026/")


# --- what cannot be converted is reported ---------------------------------------------------

def test_footnotes_become_markdown_footnotes_formulas_and_text_boxes_are_reported(tmp_path, capsys):
    d = docx.Document()
    para(d, "DB3301/T 9972—2026", center=True)
    para(d, "公务接待规范", center=True)
    para(d, "前言")
    para(d, "本文件由示例局提出。")
    para(d, "范围", style="Heading 1")
    body = para(d, "本文件适用于公务接待")
    body.add_run("。")._r.append(parse_xml(f'<w:footnoteReference {nsdecls("w")} w:id="1"/>'))
    notes = (f'<w:footnotes {nsdecls("w")}><w:footnote w:type="separator" w:id="-1"><w:p/>'
             '</w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>含外事接待。</w:t></w:r></w:p>'
             "</w:footnote></w:footnotes>")
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, notes.encode(), d.part.package)
    d.part.relate_to(part, RT.FOOTNOTES)
    formula = para(d, "计算公式：")
    formula._p.append(parse_xml(f'<m:oMath xmlns:m="{MATH}"><m:r><m:t>E=mc2</m:t></m:r></m:oMath>'))
    box = para(d, "")
    box._p.append(parse_xml(
        f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox>'
        "<w:txbxContent><w:p><w:r><w:t>框中的说明文字</w:t></w:r></w:p></w:txbxContent>"
        "</v:textbox></v:shape></w:pict></w:r>"))
    source = tmp_path / "notes.docx"
    d.save(source)
    project = make_project(tmp_path / "project")
    code, out, err = run_import(project.root, str(source), capsys=capsys)
    assert code == 0, err
    text = (project.root / "standards" / "db3301-t-9972-2026.md").read_text(encoding="utf-8")
    assert "\n本文件适用于公务接待。[^1]\n" in text and "\n[^1]: 含外事接待。\n" in text
    assert "第 7 段（“计算公式：”）：公式（E=mc2）未导入" in out
    assert "第 8 段：文本框中的文字未导入：“框中的说明文字”" in out
    assert "\n【待填：此处的公式（E=mc2）未导入：请改写为文字，或删除本段】\n" in text
    assert "【待填：此处文本框中的文字未导入（“框中的说明文字”）" in text


def test_toc_content_control_cover_table_and_numbering_linked_to_heading_styles(tmp_path, capsys):
    """Word's automatic 目录 (a content control), a cover laid out in a table, the issuer and
    发布 on separate lines, and heading styles numbered through w:pStyle links."""
    d = docx.Document()
    cover_table = d.add_table(rows=3, cols=2)
    cover_table.cell(0, 0).text = "ICS 03.080\nCCS A 12"
    cover_table.cell(0, 1).text = "DB51"
    cover_table.cell(1, 0).merge(cover_table.cell(1, 1)).text = "DB51/T 3001—2026"
    cover_table.cell(2, 0).merge(cover_table.cell(2, 1)).text = "机关事务标准化工作评价规范"
    for text in ("2026-05-01发布", "2026-08-01实施", "四川省市场监督管理局", "发布"):
        para(d, text)
    num_id = add_numbering(d, [("decimal", "%1"), ("decimal", "%1.%2"), ("decimal", "%1.%2.%3")])
    root = d.part.numbering_part.element
    num = root.find(f'{qn("w:num")}[@{qn("w:numId")}="{num_id}"]')
    abstract = root.find(f'{qn("w:abstractNum")}[@{qn("w:abstractNumId")}='
                         f'"{num.find(qn("w:abstractNumId")).get(qn("w:val"))}"]')
    for i, lvl in enumerate(abstract.findall(qn("w:lvl"))):
        lvl.insert(0, parse_xml(f'<w:pStyle {nsdecls("w")} w:val="Heading{i + 1}"/>'))
    for level in (1, 2, 3):
        d.styles[f"Heading {level}"].element.get_or_add_pPr().get_or_add_numPr() \
            .get_or_add_numId().val = num_id
    d.element.body.insert(len(d.element.body) - 1, parse_xml(
        f'<w:sdt {nsdecls("w")}><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
        "</w:docPartObj></w:sdtPr><w:sdtContent>"
        '<w:p><w:pPr><w:pStyle w:val="TOCHeading"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/>'
        "</w:numPr></w:pPr><w:r><w:t>目录</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>前言</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>II</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>1 范围</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>1</w:t></w:r></w:p>"
        "</w:sdtContent></w:sdt>"))
    para(d, "前言", center=True)
    para(d, "本文件由四川省机关事务管理局提出。")
    for text, style in (("范围", "Heading 1"), ("本文件规定了评价要求。", None),
                        ("评价要求", "Heading 1"), ("评价内容", "Heading 2"),
                        ("评价内容包括组织、制度和实施。", None), ("评分", "Heading 3"),
                        ("满分 100 分，见 1.2 m", None)):
        para(d, text, style=style)
    d.paragraphs[-1].add_run("2").font.superscript = True
    source = tmp_path / "toc.docx"
    d.save(source)
    project = make_project(tmp_path / "project")
    code, out, err = run_import(project.root, str(source), capsys=capsys)
    assert code == 0, err
    text = (project.root / "standards" / "db51-t-3001-2026.md").read_text(encoding="utf-8")
    for line in ("number: DB51/T 3001—2026", "title: 机关事务标准化工作评价规范", "issued: 2026-05-01",
                 "effective: 2026-08-01", "issuer: 四川省市场监督管理局", 'ics: "03.080"', "ccs: A12",
                 "## 前言", "## 1 范围", "## 2 评价要求", "### 2.1 评价内容", "#### 2.1.1 评分",
                 "满分 100 分，见 1.2 m<sup>2</sup>"):
        assert f"\n{line}\n" in text, line
    assert "目录" not in text.split("\n---\n", 1)[1]
    assert "目次（第 5—7 段）已删除" in out


# --- refusals ---------------------------------------------------------------------------------

def _one_line(err: str) -> str:
    assert "Traceback" not in err
    lines = err.strip().split("\n")
    assert len(lines) == 1, err
    return lines[0]


@pytest.mark.parametrize(("name", "content", "says"), [
    ("draft.doc", bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504), "Word 97-2003（.doc）或 WPS"),
    ("draft.wps", bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504), "另存为”Word 文档（*.docx）"),
    ("renamed.docx", "这是一份纯文本的草案。\n".encode(), "这不是 .docx 文件"),
    ("draft.rtf.docx", b"{\\rtf1\\ansi draft}", "RTF"),
    ("empty.docx", b"", "空的"),
])
def test_files_that_are_not_docx_are_refused_in_one_line(tmp_path, capsys, name, content, says):
    project = make_project(tmp_path / "project")
    source = tmp_path / name
    source.write_bytes(content)
    code, out, err = run_import(project.root, str(source), capsys=capsys)
    assert code == 2
    line = _one_line(err)
    assert says in line and name in line
    if content[:4] == bytes.fromhex("D0CF11E0"):
        assert "另存为" in line and ".docx" in line
    assert list((project.root / "standards").glob("*.md")) == []


def test_broken_docx_files_are_refused_in_one_line(tmp_path, capsys):
    project = make_project(tmp_path / "project")
    whole = heading_styles_draft(tmp_path / "whole.docx").read_bytes()
    truncated = tmp_path / "truncated.docx"
    truncated.write_bytes(whole[: len(whole) // 2])
    other_zip = tmp_path / "photos.docx"
    with zipfile.ZipFile(other_zip, "w") as package:
        package.writestr("a.txt", "不是 Word")
    bad_xml = tmp_path / "bad-xml.docx"
    with zipfile.ZipFile(tmp_path / "whole.docx") as src, zipfile.ZipFile(bad_xml, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            dst.writestr(item, b"<w:document><oops" if item.filename == "word/document.xml" else data)
    for source, says in ((truncated, "文件已损坏"), (other_zip, "不是 Word 文档"),
                         (bad_xml, "文件已损坏"), (tmp_path / "missing.docx", "找不到文件")):
        code, out, err = run_import(project.root, str(source), capsys=capsys)
        assert code == 2, (source, err)
        assert says in _one_line(err), err
    assert list((project.root / "standards").glob("*.md")) == []


def test_existing_file_is_never_overwritten_without_force(tmp_path, capsys):
    project = make_project(tmp_path / "project")
    source = typed_numbers_draft(tmp_path / "draft.docx")
    target = project.write("standards/db3301-t-9971-2026.md", "编辑已经改过的内容\n")
    code, out, err = run_import(project.root, str(source), capsys=capsys)
    assert code == 1
    assert "已经存在，未做任何改动" in _one_line(err) and "--force" in err
    assert target.read_text(encoding="utf-8") == "编辑已经改过的内容\n"
    code, out, err = run_import(project.root, str(source), "--force", capsys=capsys)
    assert code == 0, err
    assert "已覆盖 standards/db3301-t-9971-2026.md" in out
    assert "### 4.1 维修分类" in target.read_text(encoding="utf-8")


def test_number_in_use_missing_or_given(tmp_path, capsys):
    project = make_project(tmp_path / "project", {"other.md": (
        "---\nnumber: DB3301/T 9971—2026\ntitle: 另一个文件\ndomain: \"03.02\"\n"
        "issued: 2026-03-01\neffective: 2026-06-01\n---\n")})
    source = typed_numbers_draft(tmp_path / "draft.docx")
    code, out, err = run_import(project.root, str(source), capsys=capsys)
    assert code == 1 and "已被 standards/other.md 使用" in _one_line(err)
    # a draft without a number on its cover: --number names it
    d = docx.Document()
    para(d, "范围", style="Heading 1")
    para(d, "本文件规定了要求。")
    bare = tmp_path / "bare.docx"
    d.save(bare)
    code, out, err = run_import(project.root, str(bare), capsys=capsys)
    assert code == 2 and "--number" in _one_line(err)
    code, out, err = run_import(project.root, str(bare), "--number", "ＳＬＪＧ　０１２－２０２６",
                                capsys=capsys)
    assert code == 0, err
    text = (project.root / "standards" / "sljg-012-2026.md").read_text(encoding="utf-8")
    assert "\nnumber: SLJG 012—2026\n" in text and "\nlevel: 单位内部标准\n" in text
    assert re.search(r"^title: 【待填", text, re.M)  # no cover: the template's placeholders
    code, out, err = run_import(project.root, str(source), "--number", "DB3301/T 9973—2026",
                                capsys=capsys)
    assert code == 0, err
    assert "封面上的标准号是 DB3301/T 9971—2026，按 --number 导入为 DB3301/T 9973—2026" in out
    code, out, err = run_import(project.root, str(bare), "--number", "不是标准号", capsys=capsys)
    assert code == 2 and "--number" in _one_line(err)


# --- the parts --------------------------------------------------------------------------------

def test_numbering_formats_as_word_shows_them():
    assert [numbering.format_number(n, "lowerLetter") for n in (1, 26, 27)] == ["a", "z", "aa"]
    assert numbering.format_number(4, "upperRoman") == "IV"
    assert numbering.format_number(12, "chineseCounting") == "十二"
    assert numbering.format_number(3, "decimalEnclosedCircle") == "③"
    root = parse_xml(
        f'<w:numbering {nsdecls("w")}><w:abstractNum w:abstractNumId="0">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="附录%1"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>'
        '</w:abstractNum><w:num w:numId="7"><w:abstractNumId w:val="0"/></w:num></w:numbering>')
    counter = numbering.Numbering(root)
    labels = [counter.next_label("7", level).text for level in (0, 1, 1, 0, 1)]
    assert labels == ["附录A", "A.1", "A.2", "附录B", "B.1"]
    assert counter.next_label("99", 0) is None


def test_cover_fields_in_other_spellings():
    lines = [cover.Line(i, text) for i, text in enumerate([
        "ICS  03.080.01", "A 12", "中华人民共和国国家标准", "GB/T41568-2022", "代替 GB/T 1—2010",
        "机关事务管理", "第1部分：术语", "Government affairs management—", "Part 1: Vocabulary",
        "2022-04-15发布", "2022-04-15 实施", "国家市场监督管理总局", "国家标准化管理委员会　发布"])]
    found = cover.read_cover(lines)
    assert found.number == "GB/T 41568—2022" and found.replaces == ["GB/T 1—2010"]
    assert found.ics == "03.080.01" and found.ccs == "A12"
    assert found.title == "机关事务管理\u3000第1部分：术语"
    assert found.title_en == "Government affairs management— Part 1: Vocabulary"
    assert str(found.issued) == str(found.effective) == "2022-04-15"
    assert found.issuer == ["国家市场监督管理总局", "国家标准化管理委员会"]
    assert [line.text for line in found.unused] == ["中华人民共和国国家标准"]


def test_escaping_keeps_the_text_and_tables_the_sanitizer_keeps():
    assert escape.inline("# 不是标题") == "\\# 不是标题"
    assert escape.inline("- 不是列表") == "\\- 不是列表"
    assert escape.inline("a_b*c*`d` &amp; <i>") == "a\\_b\\*c\\*\\`d\\` &amp;amp; &lt;i>"
    assert escape.inline("[来源：GB/T 41568—2022，2.4]") == "[来源：GB/T 41568—2022，2.4]"
    assert escape.inline("x|y", table=True) == "x\\|y"
    merged = TableText(1, [[CellText(["甲"], colspan=2)], [CellText(["乙"]), CellText(["<丙>"])]], 1)
    assert not tables.markdown_ready(merged)
    html = tables.render(merged)
    assert sanitize_html(html) == html
    assert '<th colspan="2">甲</th>' in html and "<td>&lt;丙&gt;</td>" in html
    plain = TableText(1, [[CellText(["a"]), CellText(["b"])], [CellText(["1", "2"]), CellText([])]], 1)
    assert tables.render(plain) == "| a | b |\n|---|---|\n| 1<br>2 |  |"
