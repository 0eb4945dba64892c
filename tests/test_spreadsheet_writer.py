"""One spreadsheet writer (issue 14): every workbook writes text as text, never as a formula.

report.xlsx used to write a title starting with `=` as a live formula; catalogue.xlsx did not.
Both now write every cell through hooks.export.xlsx.put.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from conftest import FRAMEWORK, standard

from hooks.corpus import load_corpus
from hooks.export import report
from hooks.export.files import catalogue_xlsx
from hooks.export.xlsx import append_row, put, write_cell
from hooks.pages.catalogue import Catalogue

FORMULA = '=HYPERLINK("http://127.0.0.1:1/x","点我")'
HOSTILE_TEXTS = [FORMULA, "+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)", "=1+1", "=" * 5]


@pytest.fixture
def corpus(tmp_path: Path):
    (tmp_path / "standards").mkdir()
    (tmp_path / "standards" / "framework.yml").write_text(FRAMEWORK, encoding="utf-8")
    for i, title in enumerate(HOSTILE_TEXTS, 1):
        quoted = "'" + title.replace("'", "''") + "'"  # YAML single quotes
        (tmp_path / "standards" / f"gb-t-{i}-2026.md").write_text(
            standard(number=f"GB/T {i}—2026", title=quoted, issued="2026-03-01",
                     effective="2026-09-01"), encoding="utf-8")
    found = load_corpus(tmp_path, today=date(2026, 11, 27))
    assert found.errors == []
    assert sorted(s.title for s in found.standards) == sorted(HOSTILE_TEXTS)
    return found


def text_cells(data: bytes) -> dict[str, openpyxl.cell.cell.Cell]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {c.value: c for ws in book for row in ws.iter_rows() for c in row
            if isinstance(c.value, str)}


def test_titles_are_text_in_the_catalogue_workbook(corpus):
    cells = text_cells(catalogue_xlsx(Catalogue(corpus), datetime(2026, 11, 27)))
    for title in HOSTILE_TEXTS:
        assert title in cells, title
        assert cells[title].data_type == "s"
        assert cells[title].quotePrefix  # editing the cell in Excel keeps it text
    assert not [c for c in cells.values() if c.data_type == "f"]


def test_titles_are_text_in_the_report_workbook(corpus):
    built = report.build_report(corpus, report.parse_period("2026H1"))
    assert built.figure("issued").count == len(corpus.standards)
    cells = text_cells(report.report_xlsx(built))
    assert FORMULA in cells, sorted(cells)[:20]
    for title in HOSTILE_TEXTS:
        assert cells[title].data_type == "s"
    assert not [c for c in cells.values() if c.data_type == "f"]


def test_put_writes_text_as_text_and_everything_else_as_itself():
    wb = openpyxl.Workbook()
    ws = wb.active
    append_row(ws, ["=1+1", 3, 2.5, date(2026, 1, 2), None, "普通文字", "a\x00b\ud800"])
    append_row(ws, [])
    append_row(ws, ["=A1"])
    write_cell(ws, 4, 2, "@x")
    row = [c for c in ws[1]]
    assert [c.data_type for c in row[:3]] == ["s", "n", "n"]
    assert row[0].value == "=1+1" and row[0].quotePrefix
    assert not row[5].quotePrefix and row[5].value == "普通文字"
    assert row[6].value == "a\ufffdb\ufffd"
    assert ws["A3"].value == "=A1" and ws["A3"].data_type == "s"  # the empty row 2 is kept
    assert ws["B4"].data_type == "s" and ws["B4"].quotePrefix
    assert put(ws["C4"], 7).value == 7
    data = io.BytesIO()
    wb.save(data)
    again = openpyxl.load_workbook(data)
    assert again.active["A1"].data_type == "s" and again.active["A1"].value == "=1+1"
