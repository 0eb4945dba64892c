"""Machine-readable exports (spec section 6): catalogue.json, catalogue.csv, catalogue.xlsx and
feed.xml. All of them come from hooks.pages.catalogue.Catalogue and are byte-for-byte reproducible for
the same corpus and SOURCE_DATE_EPOCH.
"""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from datetime import date, datetime, time
from pathlib import Path
from xml.etree import ElementTree as ET

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from hooks.export.xlsx import reproducible_xlsx
from hooks.model.dates import SHANGHAI
from hooks.model.sorting import iso, newest_first
from hooks.model.standard import Standard
from hooks.pages.catalogue import Catalogue
from hooks.pages.framework_pages import statistics

FORMAT_VERSION = 1
CSV_HEADER = ("序号", "标准体系表编号", "标准号", "标准名称", "标准层级", "所属领域", "发布日期",
              "实施日期", "被代替标准号或作废", "状态", "备注")
STATS_SHEET = "统计表"
FEED_TITLE = "机关事务标准公开平台：标准更新"
ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_UUID_NAMESPACE = uuid.UUID("6f1c1d0e-3c5a-5b7e-9a51-2b6f0c0d6a11")  # fixed: ids never change
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


# catalogue.json ------------------------------------------------------------------------------

def catalogue_json(cat: Catalogue) -> str:
    data = {
        "format_version": FORMAT_VERSION,
        "status_date": cat.today.isoformat(),
        "count": len(cat.entries),
        "columns": list(CSV_HEADER),
        "framework": [
            {"code": n.code, "name": n.name, "description": n.description,
             "parent": n.parent.code if n.parent else None, "depth": n.depth,
             "slug": n.slug, "url": f"domains/{n.slug}/", "count": cat.count(n),
             "own_count": len(cat.own.get(n, []))}
            for n in cat.nodes
        ],
        "standards": cat.records(),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# 明细表 rows (CSV, XLSX) -----------------------------------------------------------------------

def detail_row(cat: Catalogue, std: Standard) -> list[object]:
    entry = cat.entry[std.slug]
    return [entry.seq, entry.system_code, std.code, std.title, std.level, std.domain.label,
            iso(std.issued), iso(std.effective), cat.replaced_column(std),
            std.status, cat.remark(std)]


def safe_cell(value: object) -> object:
    """Text that a spreadsheet would read as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def catalogue_csv(cat: Catalogue) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for entry in cat.entries:
        writer.writerow([safe_cell(v) for v in detail_row(cat, entry.std)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def sheet_title(text: str, used: set[str]) -> str:
    title = SHEET_NAME_BAD.sub("_", text).strip("'")[:31] or "Sheet"
    base, n = title, 2
    while title in used:
        suffix = f"({n})"
        title = base[:31 - len(suffix)] + suffix
        n += 1
    used.add(title)
    return title


HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="9B1C1C")
DETAIL_WIDTHS = (6, 14, 20, 40, 12, 22, 12, 12, 22, 10, 30)


def _header(ws, row: list[str], widths: tuple[int, ...] | None = None) -> None:
    ws.append(row)
    for i, cell in enumerate(ws[ws.max_row], 1):
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        if widths:
            ws.column_dimensions[get_column_letter(i)].width = widths[i - 1]
    ws.freeze_panes = f"A{ws.max_row + 1}"


def _append(ws, values: list[object]) -> None:
    """Every value is written as a number or plain text (data_type "s"), never a formula."""
    row = ws.max_row + 1  # always below a header row
    for column, value in enumerate(values, 1):
        cell = ws.cell(row=row, column=column, value=value)
        if isinstance(value, str):
            cell.data_type = "s"


def workbook(cat: Catalogue) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    for top in cat.corpus.framework.roots:
        ws = wb.create_sheet(sheet_title(top.label, used))
        _header(ws, list(CSV_HEADER), DETAIL_WIDTHS)
        for std in [e.std for e in cat.entries if e.std.domain.top is top]:
            _append(ws, detail_row(cat, std))
    stats = statistics(cat)
    ws = wb.create_sheet(sheet_title(STATS_SHEET, used))
    heads = [t.label for t in stats["tops"]]
    for title, key, rows in (("表 1　按标准层级和一级领域统计", "标准层级", stats["levels"]),
                             ("表 2　按标准状态和一级领域统计", "标准状态", stats["statuses"])):
        if ws.max_row > 1:
            ws.append([])
        ws.append([title])
        ws.cell(row=ws.max_row, column=1).font = Font(bold=True)
        _header(ws, [key, *heads, "合计", "占比"])
        for row in [*rows, stats["totals"]]:
            _append(ws, [row["label"], *row["cells"], row["total"], row["share"]])
    ws.freeze_panes = None
    ws.column_dimensions["A"].width = 14
    for i in range(2, len(heads) + 4):
        ws.column_dimensions[get_column_letter(i)].width = 16
    return wb


def catalogue_xlsx(cat: Catalogue, stamp: datetime) -> bytes:
    """The workbook; `stamp` (the build time) becomes its created/modified time and zip dates."""
    return reproducible_xlsx(workbook(cat), stamp, "机关事务标准明细表")


# feed.xml ------------------------------------------------------------------------------------

def _atom_time(day: date) -> str:
    return datetime.combine(day, time(0, 0), SHANGHAI).isoformat()


def entry_updated(std: Standard, today: date) -> date:
    """The last thing that happened to the standard by today (its status may have changed)."""
    events = [std.issued, std.effective, std.abolished, std.reviewed,
              *[s.effective for s in std.replaced_by]]
    past = [d for d in events if d is not None and d <= today]
    return max(past) if past else std.issued


def feed_xml(cat: Catalogue, site_url: str = "") -> bytes:
    ET.register_namespace("", ATOM_NS)

    def el(parent, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        node = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
        if text is not None:
            node.text = text
        return node

    base = site_url.rstrip("/") + "/" if site_url else ""
    root = ET.Element(f"{{{ATOM_NS}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "zh-CN"})
    el(root, "id", f"urn:uuid:{uuid.uuid5(FEED_UUID_NAMESPACE, 'feed')}")
    el(root, "title", FEED_TITLE)
    el(root, "subtitle", "机关事务标准的发布、实施、代替和废止，按发布日期排列。")
    # Published standards only: a draft (制定中) has no dates and is not a standard yet.
    ordered = newest_first([s for s in cat.standards if s.issued and s.effective])
    updates = [entry_updated(s, cat.today) for s in ordered]
    el(root, "updated", _atom_time(max(updates)) if updates else _atom_time(cat.today))
    el(root, "link", rel="self", href=f"{base}feed.xml", type="application/atom+xml")
    el(root, "link", rel="alternate", href=base or "./", type="text/html")
    author = el(root, "author")
    el(author, "name", "机关事务标准公开平台")
    el(root, "generator", "机关事务标准公开平台")
    for std, updated in zip(ordered, updates, strict=True):
        entry = el(root, "entry")
        el(entry, "id", f"urn:uuid:{uuid.uuid5(FEED_UUID_NAMESPACE, std.code)}")
        el(entry, "title", f"{std.code} {std.title}（{std.status}）")
        el(entry, "link", rel="alternate", href=f"{base}{std.url}", type="text/html")
        el(entry, "published", _atom_time(std.issued))
        el(entry, "updated", _atom_time(updated))
        el(entry, "category", term=std.status, label=std.status,
           scheme="urn:jgsw:status")
        el(entry, "category", term=std.domain.code, label=std.domain.label,
           scheme="urn:jgsw:domain")
        lines = [f"状态：{std.status}", f"标准层级：{std.level}",
                 f"发布日期：{std.issued.isoformat()}", f"实施日期：{std.effective.isoformat()}"]
        if std.abolished:
            lines.append(f"废止日期：{std.abolished.isoformat()}")
        if std.replaced_by:
            lines.append("被代替：" + "、".join(s.code for s in std.replaced_by))
        if std.replaces:
            lines.append("代替：" + "、".join(std.replaces))
        if std.summary:
            lines.append(std.summary)
        el(entry, "summary", "\n".join(lines), type="text")
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


# Feature hook --------------------------------------------------------------------------------

def write_outputs(state, site_dir: Path, config=None) -> None:
    cat = state.catalogue
    site_url = state.settings.site_url
    site_dir.mkdir(parents=True, exist_ok=True)
    (site_dir / "catalogue.json").write_text(catalogue_json(cat), encoding="utf-8")
    (site_dir / "catalogue.csv").write_bytes(catalogue_csv(cat))
    (site_dir / "catalogue.xlsx").write_bytes(catalogue_xlsx(cat, state.now))
    (site_dir / "feed.xml").write_bytes(feed_xml(cat, site_url))
