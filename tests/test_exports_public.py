"""Downloads for the public (issue 15, item 21): the xlsx 全部标准 sheet (autofilter, date cells,
page address), feed.xml readable in a browser (stylesheet, XHTML summaries with links), and
both with and without SITE_URL. Runs on the index fixture (tests/index_corpus.py)."""

from __future__ import annotations

import io
import json
from datetime import date, datetime
from xml.etree import ElementTree as ET

from index_corpus import CORPUS
from openpyxl import load_workbook

from hooks.corpus import load_corpus
from hooks.export.files import CSV_HEADER as HEADER
from hooks.export.files import catalogue_csv, catalogue_xlsx, feed_xml
from hooks.pages.catalogue import Catalogue
from hooks.pages.settings import SiteSettings

ATOM = "{http://www.w3.org/2005/Atom}"
CSV_HEADER = list(HEADER)
XHTML = "{http://www.w3.org/1999/xhtml}"
SITE = "https://www.example.gov.cn/std/"
STAMP = datetime(2026, 11, 27, 12, 0)


def _records(site) -> list[dict]:
    return json.loads((site.site / "catalogue.json").read_text(encoding="utf-8"))["standards"]


def _catalogue(project, **settings) -> Catalogue:
    corpus = load_corpus(project.root, today=date(2026, 11, 27))
    assert not corpus.errors
    return Catalogue(corpus, SiteSettings(**settings))


def test_xlsx_all_standards_sheet_has_filter_dates_and_page_addresses(index_site):
    _, site = index_site
    records = _records(site)
    wb = load_workbook(site.site / "catalogue.xlsx")
    ws = wb["全部标准"]
    assert wb.sheetnames[0] == "全部标准"  # the sheet the file opens on
    header = [c.value for c in ws[1]]
    assert header == [*CSV_HEADER, "标准页面"]
    assert ws.max_row == len(CORPUS) + 1
    assert ws.auto_filter.ref == f"A1:L{len(CORPUS) + 1}"
    issued, effective, url = (header.index(h) for h in ("发布日期", "实施日期", "标准页面"))
    for record, row in zip(records, ws.iter_rows(min_row=2), strict=True):
        assert row[2].value == record["number"]
        for cell, value in ((row[issued], record["issued"]), (row[effective], record["effective"])):
            assert cell.is_date and cell.number_format == "yyyy-mm-dd", cell.coordinate
            assert cell.value.date().isoformat() == value
        # No SITE_URL: the address from the site root, as catalogue.json's url; no hyperlink
        # (a relative one would point next to the downloaded file).
        assert row[url].value == record["url"] == f"standards/{record['slug']}/"
        assert row[url].hyperlink is None
    # The per-domain sheets keep the 明细表 columns exactly, now with a filter and date cells.
    for name in wb.sheetnames[1:-1]:
        sheet = wb[name]
        assert [c.value for c in sheet[1]] == CSV_HEADER
        assert sheet.auto_filter.ref == f"A1:K{sheet.max_row}"
        assert all(sheet.cell(row=r, column=issued + 1).is_date for r in range(2, sheet.max_row + 1))
    assert wb.sheetnames[-1] == "统计表"


def test_csv_keeps_the_spec_header_without_an_address_column(index_site):
    _, site = index_site
    text = (site.site / "catalogue.csv").read_bytes().decode("utf-8-sig")
    assert text.splitlines()[0].split(",") == CSV_HEADER  # spec section 6: exactly these


def test_with_site_url_the_addresses_are_absolute_links(index_site):
    project, _ = index_site
    cat = _catalogue(project, site_url=SITE)
    wb = load_workbook(io.BytesIO(catalogue_xlsx(cat, STAMP)))
    ws = wb["全部标准"]
    first = ws.cell(row=2, column=len(CSV_HEADER) + 1)
    slug = cat.entries[0].std.slug
    assert first.value == f"{SITE}standards/{slug}/"
    assert first.hyperlink is not None and first.hyperlink.target == first.value
    # The workbook stays reproducible with links in it.
    assert catalogue_xlsx(cat, STAMP) == catalogue_xlsx(_catalogue(project, site_url=SITE), STAMP)
    root = ET.fromstring(feed_xml(cat, SITE))
    entry = root.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}link").get("href").startswith(SITE + "standards/")
    # CSV: never an address column, with or without SITE_URL.
    assert catalogue_csv(cat).decode("utf-8-sig").splitlines()[0].split(",") == CSV_HEADER


def test_offline_build_addresses_are_html_files(index_site):
    project, _ = index_site
    cat = _catalogue(project, directory_urls=False)
    ws = load_workbook(io.BytesIO(catalogue_xlsx(cat, STAMP)))["全部标准"]
    assert ws.cell(row=2, column=len(CSV_HEADER) + 1).value == \
        f"standards/{cat.entries[0].std.slug}.html"


def test_feed_has_a_stylesheet_and_readable_linked_summaries(index_site):
    _, site = index_site
    raw = (site.site / "feed.xml").read_bytes()
    lines = raw.split(b"\n")
    assert lines[0].startswith(b"<?xml ")
    assert lines[1] == b'<?xml-stylesheet type="text/css" href="assets/css/feed.css"?>'
    assert (site.site / "assets" / "css" / "feed.css").is_file()  # the file the PI names
    root = ET.fromstring(raw)  # still well-formed Atom
    assert root.tag == f"{ATOM}feed"
    subtitle = root.find(f"{ATOM}subtitle")
    assert subtitle.get("type") == "xhtml" and subtitle.find(f"{XHTML}div") is not None
    for entry in root.findall(f"{ATOM}entry"):
        href = entry.find(f"{ATOM}link").get("href")
        assert href.startswith("standards/")  # relative to feed.xml, which is at the site root
        summary = entry.find(f"{ATOM}summary")
        assert summary.get("type") == "xhtml"
        div = summary.find(f"{XHTML}div")  # RFC 4287 3.1.1.3: one XHTML div
        assert div is not None and len(summary) == 1
        texts = [p.text for p in div.findall(f"{XHTML}p") if p.text]
        assert any(t.startswith("状态：") for t in texts)
        assert [a.get("href") for a in div.iter(f"{XHTML}a")] == [href]
