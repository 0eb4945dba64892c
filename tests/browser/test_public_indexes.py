"""The public's index pages at 390 px (a phone) and 1366 px (issue 15, items 2, 3, 14, 15, 17, 21):
the catalogue's 排序 control and default order, the home page's status figures, the framework's
明细表, the 404 page under a subpath without SITE_URL, and the downloads. Shipped corpus."""

from __future__ import annotations

import io
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from openpyxl import load_workbook

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
WIDTHS = {"phone": PHONE, "desktop": DESKTOP}
ROWS = "#catalogue-table tbody tr"


@pytest.fixture(params=list(WIDTHS))
def sized(request, new_page):
    """A page at 390 px (touch, like `phone`) or at 1366 px."""
    if request.param == "phone":
        return new_page(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    return new_page(viewport=DESKTOP)


def _width(page) -> int:
    return page.viewport_size["width"]


def _open_catalogue(page, server, query: str = "") -> None:
    page.goto(server.url("catalogue/") + query)
    page.wait_for_function("() => window.Catalogue && typeof window.Catalogue.state === 'function'")


def _shown(page, column: int | None = None) -> list:
    """Slugs of the rows shown, in order; or the data-sort values of one of their cells."""
    return page.locator(ROWS).evaluate_all(
        """(rows, col) => rows.filter(r => !r.hidden).map(r =>
             col === null ? r.dataset.slug : r.cells[col].dataset.sort)""", column)


def _query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


# --------------------------------------------------------------------------- catalogue (2, 15)

def test_default_order_is_the_details_table_and_is_stated(sized, any_server):
    _open_catalogue(sized, any_server)
    order = sized.locator("#catalogue-order")
    assert order.is_visible() and order.input_value() == "domain"
    assert order.locator("option:checked").inner_text() == "按标准体系"
    assert "默认按标准体系排列" in sized.locator(".idx-lead").inner_text()
    ranks = [int(r) for r in _shown(sized, 3)]  # 领域 column: the 明细表 序号
    assert ranks == sorted(ranks) and len(ranks) >= 25
    # The intro offers the column heads only where they show.
    heads = sized.locator("#catalogue-table thead").bounding_box()["width"] > 100  # not clipped
    assert heads == (_width(sized) > 720)
    assert sized.locator(".cat-lead-wide").is_visible() == heads


def test_sort_control_reorders_rows_and_keeps_the_url(sized, any_server):
    _open_catalogue(sized, any_server)
    default = _shown(sized)
    sized.select_option("#catalogue-order", "-issued")
    sized.wait_for_function("() => new URLSearchParams(location.search).get('sort') === '-issued'")
    dates = [d for d in _shown(sized, 5) if d]
    assert dates == sorted(dates, reverse=True)
    assert _shown(sized) != default

    sized.select_option("#catalogue-order", "number")
    sized.wait_for_function("() => new URLSearchParams(location.search).get('sort') === 'number'")
    ranks = [int(r) for r in _shown(sized, 0)]
    assert ranks == sorted(ranks)

    sized.reload()  # the order lives in the URL
    sized.wait_for_function("() => window.Catalogue")
    assert sized.locator("#catalogue-order").input_value() == "number"
    assert [int(r) for r in _shown(sized, 0)] == ranks

    sized.select_option("#catalogue-order", "domain")  # the default needs no parameter
    sized.wait_for_function("() => !location.search.includes('sort=')")
    assert _shown(sized) == default


def test_sort_control_follows_the_column_heads(page, site_server):
    page.set_viewport_size(DESKTOP)
    _open_catalogue(page, site_server)
    assert page.locator('th[data-sort-key="domain"]').get_attribute("aria-sort") == "ascending"
    page.click('th[data-sort-key="number"] button')
    page.wait_for_function("() => location.search.includes('sort=number')")
    assert page.locator("#catalogue-order").input_value() == "number"
    page.click('th[data-sort-key="number"] button')
    page.wait_for_function("() => location.search.includes('sort=-number')")
    assert page.locator("#catalogue-order option:checked").inner_text() == "按标准号（倒序）"
    ranks = [int(r) for r in _shown(page, 0)]
    assert ranks == sorted(ranks, reverse=True)


def test_relevance_order_is_offered_only_with_a_query(page, site_server):
    _open_catalogue(page, site_server, "?q=公务用车")
    page.wait_for_function("() => document.querySelector('#catalogue-order').value === ''")
    relevance = page.locator('#catalogue-order option[value=""]')
    assert relevance.inner_text() == "按相关程度" and relevance.is_enabled()
    page.fill("#catalogue-q", "")
    page.wait_for_function("() => !location.search.includes('q=')")
    assert page.locator("#catalogue-order").input_value() == "domain"
    assert relevance.is_disabled()


def test_status_filter_takes_several_values(sized, any_server):
    """The home page's 被代替或废止 figure links to both statuses (item 15)."""
    sized.goto(any_server.url(""))
    card = sized.locator(".home-stat", has_text="被代替或废止")
    n = int(card.locator(".home-stat__n").inner_text())
    card.locator("a").click()
    sized.wait_for_function("() => window.Catalogue && location.pathname.endsWith('/catalogue/')")
    assert _query(sized)["status"] == ["被代替,废止"]
    assert sized.locator("#catalogue-status").input_value() == "被代替,废止"
    statuses = sized.locator(ROWS).evaluate_all(
        "rows => rows.filter(r => !r.hidden).map(r => r.dataset.status)")
    assert len(statuses) == n and set(statuses) <= {"被代替", "废止"} and "被代替" in statuses


# --------------------------------------------------------------------------- home (17)

def test_home_has_one_search_box_on_a_phone_and_compact_figures(sized, any_server):
    sized.goto(any_server.url(""))
    header_box = sized.locator("#std-search-input")
    home_box = sized.locator("#home-q")
    assert header_box.is_visible()
    if _width(sized) < 720:
        assert not home_box.is_visible()
        stats = sized.locator(".home-stats__list").bounding_box()
        assert stats["height"] < 200, stats  # three short rows, not a screenful
    else:
        assert home_box.is_visible()
        # The placeholder fits its box (no cut-off text).
        assert home_box.evaluate("""el => { const c = document.createElement('canvas').getContext('2d');
            const s = getComputedStyle(el); c.font = s.fontSize + ' ' + s.fontFamily;
            return c.measureText(el.placeholder).width < el.clientWidth; }""")
        tops = sized.locator(".home-stat").evaluate_all(
            "els => els.map(e => Math.round(e.getBoundingClientRect().top))")
        assert len(set(tops)) == 1  # the figures on one row


# --------------------------------------------------------------------------- framework (3, 17)

def test_details_table_lists_the_standards_of_every_node(sized, any_server):
    sized.goto(any_server.url("framework/"))
    for code in ("03", "04", "05"):
        head = sized.locator(f'#detail-table tbody[data-node="{code}"] .fw-group__head')
        text = head.inner_text()
        assert "暂无标准" not in text, code
        n = int(re.search(r"含下级 (\d+) 项", text).group(1))
        rows = sized.locator(f'#detail-table tbody[data-node^="{code}."] tr[data-slug]')
        assert rows.count() == n >= 8, code
        assert rows.first.is_visible()
    empty = sized.locator('#detail-table tbody[data-node="02"] .fw-group__head')
    assert "暂无标准" in empty.inner_text()
    # Nothing wider than the screen: cards on a phone, the whole table on a desktop.
    assert sized.evaluate("document.documentElement.scrollWidth") <= _width(sized)
    wrap = sized.locator(".fw-details-wrap")
    assert wrap.evaluate("el => el.scrollWidth <= el.clientWidth + 1")
    row = sized.locator("#detail-table tr[data-slug]").first
    card = row.evaluate("r => getComputedStyle(r).display")
    assert card == ("flex" if _width(sized) < 720 else "table-row")


def test_details_table_says_it_scrolls_where_it_does(new_page, site_server):
    page = new_page(viewport={"width": 900, "height": 900})
    page.goto(site_server.url("framework/"))
    wrap = page.locator(".fw-details-wrap")
    assert wrap.evaluate("el => el.scrollWidth > el.clientWidth")
    assert page.locator(".fw-scroll-hint").is_visible()
    page.wait_for_function("() => document.querySelector('.fw-details-wrap').tabIndex === 0")


# --------------------------------------------------------------------------- 404 (14)

@pytest.mark.parametrize("missing", ["standards/no-such-standard/deeper/", "no-such-page",
                                     "a/b/c/"])
def test_not_found_page_is_styled_under_a_subpath_without_site_url(sized, subpath_server, missing):
    url = subpath_server.url(missing)
    sized.watch.allow_http_errors.add(url)
    requested: list[str] = []
    sized.on("request", lambda r: requested.append(r.url))
    response = sized.goto(url)
    assert response is not None and response.status == 404
    assert "页面不存在" in sized.locator("h1").first.inner_text()
    assert sized.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in (
        "sticky", "fixed")
    base = subpath_server.base
    assert all(r.startswith(base) for r in requested), requested
    home = sized.locator("a", has_text="返回首页")
    assert home.evaluate("a => a.href") == base
    assert sized.locator("a", has_text="到标准目录").evaluate("a => a.href") == base + "catalogue/"
    home.click()
    sized.wait_for_url(base)


# --------------------------------------------------------------------------- downloads (21)

def test_downloads_from_the_catalogue_page(sized, any_server):
    _open_catalogue(sized, any_server)
    href = sized.locator("a", has_text="Excel 表格").get_attribute("href")
    body = sized.request.get(any_server.url("catalogue/") + href).body()
    wb = load_workbook(io.BytesIO(body))
    ws = wb["全部标准"]
    assert wb.sheetnames[0] == "全部标准" and wb.sheetnames[-1] == "统计表"
    assert ws.auto_filter.ref and ws.cell(row=2, column=7).is_date
    assert ws.cell(row=1, column=12).value == "标准页面"
    assert ws.cell(row=2, column=12).value.startswith("standards/")


def test_feed_reads_as_a_page_with_working_links(sized, any_server):
    sized.goto(any_server.url("feed.xml"))
    assert sized.evaluate("document.documentElement.localName") == "feed"
    assert sized.evaluate("getComputedStyle(document.documentElement).display") == "block"
    assert sized.evaluate("window.innerWidth") == _width(sized)  # laid out for the screen
    link = sized.locator("a", has_text="查看标准页面").first
    link.click()
    sized.wait_for_url(re.compile(r".*/standards/[^/]+/$"))
    assert sized.locator("[data-status]").count() > 0
