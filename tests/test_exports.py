"""catalogue.csv, catalogue.xlsx and feed.xml agree with catalogue.json, and every output is
byte-for-byte reproducible for the same SOURCE_DATE_EPOCH."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import datetime
from xml.etree import ElementTree as ET

from index_corpus import CORPUS
from openpyxl import load_workbook

CSV_HEADER = ["序号", "标准体系表编号", "标准号", "标准名称", "标准层级", "所属领域", "发布日期",
              "实施日期", "被代替标准号或作废", "状态", "备注"]
ATOM = "{http://www.w3.org/2005/Atom}"


def _json_rows(site, quote_formulas: bool = True) -> list[list[str]]:
    """The 明细表 rows from catalogue.json; CSV cells that look like formulas get a quote."""
    data = json.loads((site.site / "catalogue.json").read_text(encoding="utf-8"))
    rows = []
    for r in data["standards"]:
        domain = f'{r["domain"]["code"]} {r["domain"]["name"]}'
        title = r["title"]
        if quote_formulas and title.startswith(("=", "+", "-", "@")):
            title = "'" + title
        rows.append([str(r["seq"]), r["system_code"], r["number"], title, r["level"], domain,
                     r["issued"] or "", r["effective"] or "", r["replaced_column"], r["status"],
                     r["remark"]])
    return rows


def test_csv_has_bom_exact_header_and_the_json_rows(index_site):
    _, site = index_site
    raw = (site.site / "catalogue.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == CSV_HEADER
    assert rows[1:] == _json_rows(site)
    assert any(r[3] == "'=SUM(1,2) 公务用车" for r in rows)  # no formula in a spreadsheet


def test_xlsx_reads_back_into_the_json_rows(index_site):
    _, site = index_site
    wb = load_workbook(site.site / "catalogue.xlsx")
    # 全部标准 first (tests/test_exports_public.py), then the 明细表 per top-level domain.
    assert wb.sheetnames == ["全部标准", "01 通用基础", "03 资产管理", "统计表"]
    rows = []
    for name in wb.sheetnames[1:-1]:
        sheet = list(wb[name].iter_rows(values_only=True))
        assert list(sheet[0]) == CSV_HEADER
        rows += [["" if v is None else v.date().isoformat() if isinstance(v, datetime) else str(v)
                  for v in row] for row in sheet[1:]]
    assert rows == _json_rows(site, quote_formulas=False)
    for name in wb.sheetnames[:-1]:  # text cells are text, never formulas; dates are dates
        for row in wb[name].iter_rows(min_row=2):
            assert all(c.data_type in ("s", "n", "d") for c in row if c.value is not None)
    stats = [[c for c in row if c is not None] for row in wb["统计表"].iter_rows(values_only=True)]
    assert ["合计", 3, 9, 12, "100.0%"] in stats
    assert ["被代替", 0, 2, 2, "16.7%"] in stats
    core = zipfile.ZipFile(site.site / "catalogue.xlsx").read("docProps/core.xml").decode()
    assert "2026-11-27T04:00:00Z" in core  # the build time (SOURCE_DATE_EPOCH), in UTC


def test_atom_feed_parses_newest_first(index_site):
    _, site = index_site
    root = ET.fromstring((site.site / "feed.xml").read_bytes())
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{tag}") is not None, tag
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == len(CORPUS)
    published = [e.find(f"{ATOM}published").text for e in entries]
    assert published == sorted(published, reverse=True)
    first = entries[0]
    assert first.find(f"{ATOM}title").text.startswith("T/CAS 5—2026")
    assert first.find(f"{ATOM}link").get("href") == "standards/t-cas-5-2026/"
    statuses = {c.get("term") for e in entries for c in e.findall(f"{ATOM}category")}
    assert {"现行", "即将实施", "被代替", "废止"} <= statuses
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("urn:uuid:") for i in ids)


def test_outputs_are_reproducible(index_site):
    project, first = index_site
    second = project.build(site=project.root / "site-again")
    assert second.returncode == 0, second.output
    names = ["catalogue.json", "catalogue.csv", "catalogue.xlsx", "feed.xml",
             "catalogue/index.html", "framework/index.html", "reviews/index.html",
             "domains/03/index.html", "index.html", "standards/db11-t-100-2016/index.html"]
    for name in names:
        assert (first.site / name).read_bytes() == (second.site / name).read_bytes(), name
    entries = zipfile.ZipFile(first.site / "catalogue.xlsx").infolist()
    assert {e.date_time for e in entries} == {(2026, 11, 27, 12, 0, 0)}


def test_feed_keeps_the_most_recently_updated_standards(index_site, monkeypatch):
    """Above FEED_ENTRIES standards, feed.xml lists the ones that changed last (a replaced or
    abolished old standard included), newest published first, and says how many there are."""
    from hooks.corpus import load_corpus
    from hooks.export import files
    from hooks.pages.catalogue import Catalogue

    project, _ = index_site
    cat = Catalogue(load_corpus(project.root))
    published = [s for s in cat.standards if s.issued and s.effective]
    monkeypatch.setattr(files, "FEED_ENTRIES", 3)
    root = ET.fromstring(files.feed_xml(cat))
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 3
    by_update = sorted(published, key=lambda s: (files.entry_updated(s, cat.today), s.issued),
                       reverse=True)
    kept = {e.find(f"{ATOM}link").get("href") for e in entries}
    assert kept == {f"standards/{s.slug}/" for s in by_update[:3]}
    stamps = [e.find(f"{ATOM}published").text for e in entries]
    assert stamps == sorted(stamps, reverse=True)
    subtitle = "".join(root.find(f"{ATOM}subtitle").itertext())
    assert f"全部 {len(published)} 项" in subtitle
    monkeypatch.setattr(files, "FEED_ENTRIES", 100)
    assert len(ET.fromstring(files.feed_xml(cat)).findall(f"{ATOM}entry")) == len(published)
