"""Phones (390 px) and print (A4, checked through Chromium's PDF output and pdftotext)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from .templates import TEMPLATES

pytestmark = pytest.mark.browser

NO_HORIZONTAL_SCROLL = "() => document.documentElement.scrollWidth <= window.innerWidth"
A4_POINTS = (595, 842)  # 210 × 297 mm


def overflowing(page) -> list[str]:
    """Elements sticking out of the viewport (not inside a box that scrolls on its own)."""
    return page.evaluate("""() => {
        const out = [];
        const width = window.innerWidth;
        for (const el of document.body.querySelectorAll('*')) {
            const r = el.getBoundingClientRect();
            if (r.width === 0 || r.right <= width + 1) continue;
            let p = el.parentElement, clipped = false;
            while (p && p !== document.body) {
                const s = getComputedStyle(p);
                if (/(auto|scroll|hidden|clip)/.test(s.overflowX)) { clipped = true; break; }
                p = p.parentElement;
            }
            if (!clipped) out.push(el.tagName.toLowerCase() + (el.className ? '.' +
                String(el.className).split(' ')[0] : '') + ' ' + Math.round(r.right));
        }
        return out.slice(0, 10);
    }""")


@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_phone_has_no_horizontal_page_scroll(phone, site_server, template):
    if template == "not-found":
        phone.watch.allow_http_errors.add(site_server.url("404.html"))
    phone.goto(site_server.url(TEMPLATES[template]))
    assert phone.evaluate(NO_HORIZONTAL_SCROLL), overflowing(phone)


def test_phone_metadata_panel_is_readable(phone, site_server):
    phone.goto(site_server.url(TEMPLATES["standard-text"]))
    panel = phone.locator(".std-meta")
    panel.locator("summary").click()  # 标准信息 is folded on a page with text
    assert panel.locator("dd").first.is_visible()
    box = panel.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390
    size = panel.locator("dd").first.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
    assert size >= 12
    # Values do not collapse into slivers: each has at least 150 px up to the panel's edge.
    dd = panel.locator("dd").first.bounding_box()
    assert dd and box["x"] + box["width"] - dd["x"] >= 150


def test_phone_tables_scroll_inside_their_box(phone, site_server):
    phone.goto(site_server.url(TEMPLATES["framework"]))
    assert phone.evaluate(NO_HORIZONTAL_SCROLL), overflowing(phone)
    phone.goto(site_server.url(TEMPLATES["catalogue"]))
    assert phone.evaluate(NO_HORIZONTAL_SCROLL), overflowing(phone)
    first = phone.locator("#catalogue-table tbody tr").first.bounding_box()
    assert first and first["x"] >= 0 and first["x"] + first["width"] <= 391


# --------------------------------------------------------------------------- print

def pdf_text(pdf: bytes, tmp_path) -> str:
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext missing: .ci/run installs poppler-utils")
    path = tmp_path / "page.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                         check=True)
    return out.stdout


def pdf_page_size(pdf: bytes, tmp_path) -> tuple[int, int]:
    path = tmp_path / "size.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    line = next(x for x in info.splitlines() if x.startswith("Page size:"))
    w, h = line.split(":", 1)[1].split("pts")[0].split("x")
    return round(float(w)), round(float(h))


def print_pdf(page) -> bytes:
    page.emulate_media(media="print")
    return page.pdf(prefer_css_page_size=True, print_background=True)


def test_print_hides_site_chrome_and_keeps_the_standard(page, site_server, tmp_path):
    page.goto(site_server.url(TEMPLATES["standard-text"]))
    pdf = print_pdf(page)
    assert pdf_page_size(pdf, tmp_path) == A4_POINTS
    text = pdf_text(pdf, tmp_path)
    assert "SLJG 002—2025" in text
    assert "标准信息" in text                      # the metadata panel
    assert "会场布置" in text                      # the text itself
    first_line = next(line for line in text.splitlines() if line.strip())
    assert "SLJG 002—2025" in first_line           # nothing printed above the standard
    for chrome in ("检索标准", "跳转至", "回到页面顶部"):
        assert chrome not in text, chrome        # header, search, skip link, back-to-top
    hidden = page.evaluate("""() => ['.md-header', '.md-tabs', '.md-sidebar--primary', '.md-footer']
        .map(s => document.querySelector(s)).filter(Boolean)
        .map(el => getComputedStyle(el).display)""")
    assert set(hidden) == {"none"}


def test_print_keeps_status_banner(page, site_server, tmp_path):
    page.goto(site_server.url(TEMPLATES["standard-replaced"]))
    text = pdf_text(print_pdf(page), tmp_path)
    assert "已被代替" in text
    assert "SLJG 002—2025" in text  # the banner names the replacement


def test_print_shows_outside_link_urls(page, site_server, tmp_path):
    page.goto(site_server.url(TEMPLATES["standard-metadata-only"]))
    link = page.locator(".std-fulltext a[href^='http']").first
    url = link.get_attribute("href")
    text = pdf_text(print_pdf(page), tmp_path)
    compact = "".join(text.split())
    assert url and url in compact


def pdf_pages(pdf: bytes, tmp_path) -> list[str]:
    """The text of each printed page."""
    path = tmp_path / "pages.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    count = int(next(x for x in info.splitlines() if x.startswith("Pages:")).split()[1])
    return [subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(path), "-"],
                           capture_output=True, text=True, check=True).stdout
            for n in range(1, count + 1)]


@pytest.mark.parametrize("template", ["standard-text", "standard-metadata-only"])
def test_every_printed_page_names_the_page_address_and_the_status_date(page, site_server,
                                                                        tmp_path, template):
    url = site_server.url(TEMPLATES[template])
    page.goto(url)
    pages = pdf_pages(print_pdf(page), tmp_path)
    assert len(pages) >= (3 if template == "standard-text" else 1)
    for n, text in enumerate(pages, 1):
        compact = "".join(text.split())
        assert url in compact, n                      # the address the reader opened
        assert "状态截至2026-11-27" in compact, n      # the build date (SOURCE_DATE_EPOCH)
        assert f"第{n}/{len(pages)}页" in compact, n


def test_printout_starts_the_text_on_page_one_with_compact_metadata(page, site_server, tmp_path):
    page.goto(site_server.url("standards/sljg-001-2023/"))
    first = pdf_pages(print_pdf(page), tmp_path)[0]
    assert "状态 现行 截至 2026-11-27" in " ".join(first.split())   # the summary card
    assert "归口单位" in first and "起草单位" in first               # 标准信息, open in print
    assert "前言" in first and "本文件按照GB/T 1.1" in first         # the text starts on page 1
    # Compact: two metadata entries share a line.
    assert any("标准号" in line and "标准名称" in line for line in first.splitlines())
    for absent in ("目次", "意见反馈", "当前位置", "标准目录 ›"):
        assert absent not in first, absent


def test_print_keeps_boxes_whole(page, site_server):
    page.goto(site_server.url("standards/sljg-001-2023/"))
    page.emulate_media(media="print")
    breaks = page.evaluate("""() => ['.std-card', '.std-meta', '.std-extra > section']
        .map(s => document.querySelector(s)).filter(Boolean)
        .map(el => getComputedStyle(el).breakInside)""")
    assert breaks and set(breaks) == {"avoid"}

