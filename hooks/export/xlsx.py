"""The one spreadsheet writer of every workbook (catalogue.xlsx, report.xlsx): cells and saving.

Every value goes into a cell through `put` (rows: `append_row`, single cells: `write_cell`):
text is always text (data_type "s", never a formula, whatever it starts with; text that a
spreadsheet would read as a formula — `=`, `+`, `-`, `@` first, as catalogue.csv defuses them —
also gets Excel's quote prefix, so that editing the cell keeps it text), and a character no
workbook can hold is replaced (hooks.model.characters.xml_text; `check` refuses such text first).

openpyxl stamps "now" into docProps/core.xml and every zip entry; two builds with the same
SOURCE_DATE_EPOCH must give byte-identical files, so both are rewritten from `stamp`.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, datetime

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

from hooks.model.characters import xml_text
from hooks.model.dates import SHANGHAI

CREATOR = "机关事务标准公开平台"
# Text a spreadsheet reads as a formula (or as DDE) when typed; the CSV export prefixes "'".
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def put(cell: Cell, value: object) -> Cell:
    """Write `value` into `cell`: the one way a value enters a workbook. Text stays text."""
    if isinstance(value, str):
        cell.value = xml_text(value)  # openpyxl would make "=…" a formula …
        cell.data_type = "s"  # … so it is set back to text
        if value.startswith(FORMULA_START):
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def write_cell(ws: Worksheet, row: int, column: int, value: object) -> Cell:
    """`value` into the cell at `row`, `column` (1-based), through `put`."""
    return put(ws.cell(row=row, column=column), value)


def append_row(ws: Worksheet, values: list[object]) -> None:
    """`values` as a new row below the last one written (as Worksheet.append), each through
    `put`. An empty list leaves an empty row."""
    ws.append([put(Cell(ws), value) for value in values])


def reproducible_xlsx(wb: Workbook, stamp: datetime, title: str) -> bytes:
    """The workbook's bytes; `stamp` (aware, or naive meaning Asia/Shanghai) dates everything."""
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=SHANGHAI)
    utc = stamp.astimezone(UTC).replace(tzinfo=None, microsecond=0)
    wb.properties.created = utc
    wb.properties.modified = utc
    wb.properties.creator = CREATOR
    wb.properties.lastModifiedBy = None
    wb.properties.title = xml_text(title)
    for ws in wb.worksheets:  # a sheet named after a framework node: the same guard as a cell
        if xml_text(ws.title) != ws.title:
            ws.title = xml_text(ws.title)
    buffer = io.BytesIO()
    wb.save(buffer)
    local = max(stamp.astimezone(SHANGHAI).replace(tzinfo=None), datetime(1980, 1, 1))
    return _fixed_zip(buffer.getvalue(), local, utc.strftime("%Y-%m-%dT%H:%M:%SZ"))


def _fixed_zip(data: bytes, local: datetime, utc_iso: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = body.decode("utf-8")
                for tag in ("created", "modified"):
                    text = re.sub(rf"(<dcterms:{tag}[^>]*>)[^<]*(</dcterms:{tag}>)",
                                  rf"\g<1>{utc_iso}\g<2>", text)
                body = text.encode("utf-8")
            entry = zipfile.ZipInfo(info.filename, date_time=local.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, body)
    return out.getvalue()
