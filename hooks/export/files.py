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

from hooks.export import news_feed
from hooks.export.xlsx import append_row, reproducible_xlsx, write_cell
from hooks.model.article import Article
from hooks.model.characters import xml_text
from hooks.model.dates import SHANGHAI
from hooks.model.sorting import iso, newest_first
from hooks.model.standard import Standard
from hooks.pages.catalogue import Catalogue
from hooks.pages.framework_pages import statistics

FORMAT_VERSION = 1
CATALOGUE_SCHEMA = Path(__file__).parent.parent / "data" / "catalogue.schema.json"
CSV_HEADER = ("序号", "标准体系表编号", "标准号", "标准名称", "标准层级", "所属领域", "发布日期",
              "实施日期", "被代替标准号或作废", "状态", "备注")
STATS_SHEET = "统计表"
ALL_SHEET = "全部标准"  # every standard on one sheet, with an autofilter and the page address
URL_HEADER = "标准页面"
DATE_COLUMNS = (CSV_HEADER.index("发布日期"), CSV_HEADER.index("实施日期"))  # 0-based
DATE_FORMAT = "yyyy-mm-dd"
FEED_TITLE = "机关事务标准公开平台：标准更新"
FEED_ENTRIES = 100  # standards in feed.xml: the most recently updated (docs/guide/data.md)
ATOM_NS = "http://www.w3.org/2005/Atom"
XHTML_NS = "http://www.w3.org/1999/xhtml"
# Opened in a browser, the feed is laid out by this stylesheet (a file of the site, relative to
# feed.xml). CSS rather than XSLT: browsers are removing XSLT (Chromium already shows a
# deprecation banner over XSLT output), while CSS on XML keeps working. Links are clickable
# because the summaries are XHTML.
FEED_STYLESHEET = b'<?xml-stylesheet type="text/css" href="assets/css/feed.css"?>\n'
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
        "standards": [record | lifecycle_fields(e.std)
                      for record, e in zip(cat.records(), cat.entries, strict=True)],
    }
    return compact_json(data)


def compact_json(data: dict[str, object]) -> str:
    """`data` as JSON with one top-level field, and one framework node or standard, per line:
    readable and diff-friendly line by line, without the indentation that made a third of the
    file (docs/guide/performance.md, 站点大小)."""
    def dump(value: object) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    fields = []
    for key, value in data.items():
        if isinstance(value, list) and value:
            items = ",\n".join(dump(item) for item in value)
            fields.append(f"{dump(key)}:[\n{items}\n]")
        else:
            fields.append(f"{dump(key)}:{dump(value)}")
    return "{\n" + ",\n".join(fields) + "\n}\n"


def lifecycle_fields(std: Standard) -> dict[str, object]:
    """Drafting data (additive in format 1): what the half-year report needs, so that it can be
    made from a harvested catalogue (hooks/federate; schema/catalogue.schema.json)."""
    return {"stage": std.stage, "stages": {k: iso(v) for k, v in std.stages.items() if v},
            "planned": iso(std.planned) or None, "comment_until": iso(std.comment_until) or None}


# 明细表 rows (CSV, XLSX) -----------------------------------------------------------------------

def detail_row(cat: Catalogue, std: Standard) -> list[object]:
    entry = cat.entry[std.slug]
    return [entry.seq, entry.system_code, std.code, std.title, std.level, std.domain.label,
            iso(std.issued), iso(std.effective), cat.replaced_column(std),
            std.status, cat.remark(std)]


def page_url(cat: Catalogue, std: Standard, site_url: str | None = None) -> str:
    """The standard's page: absolute under `site_url` (default: the site's) when there is one,
    else from the site root (`standards/<slug>/`; `standards/<slug>.html` in the offline build)."""
    site = cat.settings.site_url if site_url is None else site_url
    path = std.url if cat.settings.directory_urls else f"standards/{std.slug}.html"
    return site.rstrip("/") + "/" + path if site else path


def sheet_row(cat: Catalogue, std: Standard) -> list[object]:
    """A 明细表 row for a spreadsheet: the dates as dates, not text."""
    row = detail_row(cat, std)
    for i, day in zip(DATE_COLUMNS, (std.issued, std.effective), strict=True):
        row[i] = day
    return row


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
URL_WIDTH = 36


def _header(ws, row: list[str], widths: tuple[int, ...] | None = None) -> None:
    append_row(ws, row)
    for i, cell in enumerate(ws[ws.max_row], 1):
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        if widths:
            ws.column_dimensions[get_column_letter(i)].width = widths[i - 1]
    ws.freeze_panes = f"A{ws.max_row + 1}"


def _append(ws, values: list[object]) -> None:
    """Every value is written as a number, a date or plain text (data_type "s"), never a
    formula."""
    row = ws.max_row + 1  # always below a header row
    for column, value in enumerate(values, 1):
        cell = write_cell(ws, row, column, value)  # hooks.export.xlsx: text stays text
        if isinstance(value, date):
            cell.number_format = DATE_FORMAT


def _detail_sheet(ws, header: list[str], widths: tuple[int, ...], rows: list[list[object]]) -> None:
    """A 明细表 sheet: header, rows, and an autofilter over all of them."""
    _header(ws, header, widths)
    for row in rows:
        _append(ws, row)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{ws.max_row}"


def workbook(cat: Catalogue) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    # 全部标准 first (the sheet the file opens on), then the 明细表 per top-level domain.
    ws = wb.create_sheet(sheet_title(ALL_SHEET, used))
    _detail_sheet(ws, [*CSV_HEADER, URL_HEADER], (*DETAIL_WIDTHS, URL_WIDTH),
                  [[*sheet_row(cat, e.std), page_url(cat, e.std)] for e in cat.entries])
    if cat.settings.site_url:  # an absolute address can be a link; a relative one would point
        for cell in ws[get_column_letter(len(CSV_HEADER) + 1)][1:]:  # next to the file
            cell.hyperlink = cell.value
    for top in cat.corpus.framework.roots:
        ws = wb.create_sheet(sheet_title(top.label, used))
        _detail_sheet(ws, list(CSV_HEADER), DETAIL_WIDTHS,
                      [sheet_row(cat, e.std) for e in cat.entries if e.std.domain.top is top])
    stats = statistics(cat)
    ws = wb.create_sheet(sheet_title(STATS_SHEET, used))
    heads = [t.label for t in stats["tops"]]
    for title, key, rows in (("表 1　按标准层级和一级领域统计", "标准层级", stats["levels"]),
                             ("表 2　按标准状态和一级领域统计", "标准状态", stats["statuses"])):
        if ws.max_row > 1:
            append_row(ws, [])
        append_row(ws, [title])
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


def feed_xml(cat: Catalogue, site_url: str = "", articles: list[Article] = ()) -> bytes:
    ET.register_namespace("", ATOM_NS)

    def el(parent, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        node = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", _xml_attrs(attrs))
        if text is not None:
            node.text = xml_text(text)
        return node

    base = site_url.rstrip("/") + "/" if site_url else ""
    root = ET.Element(f"{{{ATOM_NS}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "zh-CN"})
    # For a phone's browser only (readers ignore foreign elements, RFC 4287 6.4): lay the feed
    # out at the screen's width, not at 980 px.
    _xhtml(root, "meta", name="viewport", content="width=device-width,initial-scale=1")
    el(root, "id", f"urn:uuid:{uuid.uuid5(FEED_UUID_NAMESPACE, 'feed')}")
    el(root, "title", FEED_TITLE)
    published = [s for s in cat.standards if s.issued and s.effective]
    subtitle = _xhtml(el(root, "subtitle", type="xhtml"))
    _xhtml(subtitle, "p", "机关事务标准的发布、实施、代替和废止，按发布日期排列。")
    if len(published) > FEED_ENTRIES:
        _xhtml(subtitle, "p", f"列出最近有变化的 {FEED_ENTRIES} 项标准；全部 {len(published)} 项见 "
               "catalogue.json 或标准目录。")
    _xhtml(_xhtml(subtitle, "p"), "a", "访问网站", href=base or "./")
    # Published standards only: a draft (制定中) has no dates and is not a standard yet. The
    # FEED_ENTRIES most recently updated (issued, in force, replaced, abolished, reviewed), newest
    # first: what a feed reader polls for; the whole list is catalogue.json.
    latest = sorted(published, key=lambda s: (entry_updated(s, cat.today), s.issued),
                    reverse=True)[:FEED_ENTRIES]
    ordered = newest_first(latest)
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
        url = page_url(cat, std, site_url)
        el(entry, "link", rel="alternate", href=url, type="text/html")
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
        summary = _xhtml(el(entry, "summary", type="xhtml"))
        for line in lines:
            _xhtml(summary, "p", line)
        _xhtml(_xhtml(summary, "p"), "a", "查看标准页面", href=url)
    # 解读与动态 (docs/news/): their entries among these, by date (hooks/export/news_feed.py).
    news_feed.add_entries(root, articles, site_url, cat.settings.directory_urls)
    ET.indent(root, space="")  # one element a line, no indentation (a tenth of the file)
    declaration, _, rest = ET.tostring(root, encoding="utf-8", xml_declaration=True).partition(b"\n")
    return declaration + b"\n" + FEED_STYLESHEET + rest + b"\n"


def _xhtml(parent: ET.Element, tag: str = "div", text: str | None = None, **attrs: str) -> ET.Element:
    """An XHTML element in an Atom text construct of type="xhtml" (the outer one is a div)."""
    node = ET.SubElement(parent, f"{{{XHTML_NS}}}{tag}", _xml_attrs(attrs))
    node.text = None if text is None else xml_text(text)
    return node


def _xml_attrs(attrs: dict[str, str]) -> dict[str, str]:
    """Attribute values as XML 1.0 can hold them. With xml_text on every text, feed.xml is
    always well-formed, whatever the corpus holds (hooks.model.characters; `check` refuses
    such characters before a build, rule char-forbidden)."""
    return {name: xml_text(value) for name, value in attrs.items()}


# Feature hook --------------------------------------------------------------------------------

def write_outputs(state, site_dir: Path, config=None) -> None:
    cat = state.catalogue
    site_url = state.settings.site_url
    site_dir.mkdir(parents=True, exist_ok=True)
    (site_dir / "catalogue.json").write_text(catalogue_json(cat), encoding="utf-8")
    (site_dir / "catalogue.csv").write_bytes(catalogue_csv(cat))
    (site_dir / "catalogue.xlsx").write_bytes(catalogue_xlsx(cat, state.now))
    (site_dir / "feed.xml").write_bytes(feed_xml(cat, site_url, state.corpus.articles))
    # The published description of catalogue.json (spec section 9), beside standard.schema.json.
    (site_dir / "schema").mkdir(exist_ok=True)
    (site_dir / "schema" / "catalogue.schema.json").write_bytes(CATALOGUE_SCHEMA.read_bytes())
