"""End-to-end: catalogue (filters, sort, URL state, back button), header search, framework page.

Selectors are the contract in docs/assets/js/catalogue.js and overrides/partials/search.html.
Every test runs at the host's root and under /std/.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = pytest.mark.browser

ROWS = "#catalogue-table tbody tr"


def visible_rows(page) -> list[dict]:
    return page.locator(ROWS).evaluate_all(
        """rows => rows.filter(r => !r.hidden && r.offsetParent !== null).map(r => ({
            slug: r.dataset.slug, status: r.dataset.status, level: r.dataset.level,
            issued: r.children[5].dataset.sort}))""")


def query_of(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def wait_search_done(page) -> None:
    """The header box shows metadata hits first, then re-renders with full-text hits."""
    page.wait_for_function("() => { const s = document.getElementById('std-search-status');"
                           " return s && s.textContent && !s.textContent.includes('正在检索'); }")


def open_catalogue(page, server, query: str = "") -> None:
    page.goto(server.url("catalogue/") + query)
    page.wait_for_function("() => window.Catalogue && typeof window.Catalogue.state === 'function'")


def test_catalogue_lists_every_standard_without_filters(page, any_server):
    open_catalogue(page, any_server)
    rows = visible_rows(page)
    assert len(rows) >= 25
    assert len({r["slug"] for r in rows}) == len(rows)
    # Every row links to an existing standard page under this prefix.
    href = page.locator(f"{ROWS} td.cat-number a").first.get_attribute("href")
    page.locator(f"{ROWS} td.cat-number a").first.click()
    page.wait_for_url("**/standards/**")
    assert href and page.locator("[data-status]").count() >= 1


def test_status_filter_updates_rows_and_url(page, any_server):
    open_catalogue(page, any_server)
    page.select_option("#catalogue-status", "被代替")
    page.wait_for_function("() => new URLSearchParams(location.search).get('status') === '被代替'")
    rows = visible_rows(page)
    assert rows and {r["status"] for r in rows} == {"被代替"}
    assert "被代替" in page.locator("#catalogue-count").inner_text() or \
        str(len(rows)) in page.locator("#catalogue-count").inner_text()


def test_url_state_is_restored_on_load(page, any_server):
    open_catalogue(page, any_server, "?level=地方标准&sort=-issued")
    assert page.locator("#catalogue-level").input_value() == "地方标准"
    rows = visible_rows(page)
    assert rows and {r["level"] for r in rows} == {"地方标准"}
    issued = [r["issued"] for r in rows]
    assert issued == sorted(issued, reverse=True)


def test_sort_by_column_header(page, any_server):
    open_catalogue(page, any_server)
    header = page.locator('th[data-sort-key="issued"]')
    header.locator("button").click()  # dates: newest first
    page.wait_for_function("() => new URLSearchParams(location.search).get('sort') === '-issued'")
    newest = [r["issued"] for r in visible_rows(page)]
    assert newest == sorted(newest, reverse=True)
    assert header.get_attribute("aria-sort") == "descending"
    header.locator("button").click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('sort') === 'issued'")
    oldest = [r["issued"] for r in visible_rows(page)]
    assert oldest == sorted(oldest)
    assert header.get_attribute("aria-sort") == "ascending"


def test_back_button_restores_previous_filters(page, any_server):
    open_catalogue(page, any_server)
    page.select_option("#catalogue-level", "国家标准")
    page.wait_for_function("() => location.search.includes('level=')")
    page.select_option("#catalogue-status", "现行")
    page.wait_for_function("() => location.search.includes('status=')")
    both = visible_rows(page)
    assert {(r["level"], r["status"]) for r in both} == {("国家标准", "现行")}
    page.go_back()
    page.wait_for_function("() => !location.search.includes('status=')")
    assert page.locator("#catalogue-status").input_value() == ""
    assert page.locator("#catalogue-level").input_value() == "国家标准"
    rows = visible_rows(page)
    assert {r["level"] for r in rows} == {"国家标准"} and len(rows) >= len(both)
    page.go_back()
    page.wait_for_function("() => !location.search.includes('level=')")
    assert len(visible_rows(page)) >= len(rows)


def test_catalogue_query_filters_rows(page, any_server):
    open_catalogue(page, any_server, "?q=公务用车")
    page.wait_for_function("n => { const rows = [...document.querySelectorAll(n)]"
                           ".filter(r => r.offsetParent !== null);"
                           " return rows.length > 0 && rows.length < 25; }", arg=ROWS)
    rows = visible_rows(page)
    assert rows and len(rows) < 25
    assert page.locator("#catalogue-q").input_value() == "公务用车"


def test_header_search_suggests_and_opens_a_standard(page, any_server):
    page.goto(any_server.url(""))
    box = page.locator("#std-search-input")
    box.fill("办公用房")
    options = page.locator("#std-search-list [role=option]")
    options.first.wait_for()
    wait_search_done(page)
    assert options.count() >= 1
    box.press("ArrowDown")
    assert page.locator("#std-search-list [aria-selected=true]").count() == 1
    box.press("Enter")
    page.wait_for_url("**/standards/**")
    assert page.locator("[data-status]").count() >= 1


def test_header_search_submit_goes_to_the_search_page(page, any_server):
    page.goto(any_server.url("about/"))
    page.locator("#std-search-input").fill("公务用车")
    page.locator("#std-search-input").press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert query_of(page)["q"] == ["公务用车"]
    page.locator("[data-search-result]").first.wait_for()
    assert page.locator("#catalogue-table").count() == 0  # the light page, not the table


def test_full_text_search_finds_a_clause(page, any_server):
    page.goto(any_server.url(""))
    page.locator("#std-search-input").fill("会场布置")  # only in the text of SLJG 002
    option = page.locator("#std-search-list [role=option]", has_text="SLJG 002—2025")
    option.first.wait_for()
    wait_search_done(page)
    option.first.click()
    page.wait_for_url("**/standards/sljg-002-2025/**")
    if page.evaluate("location.hash"):
        anchor = page.evaluate("decodeURIComponent(location.hash.slice(1))")
        page.wait_for_function(
            "id => { const r = document.getElementById(id).getBoundingClientRect();"
            " return r.top >= 0 && r.top < innerHeight; }", arg=anchor)


def test_framework_page_links_into_domains(page, any_server):
    page.goto(any_server.url("framework/"))
    assert page.locator(".fw-diagram .fw-box").count() >= 10
    assert page.locator("#detail-table tbody tr").count() >= 20
    page.locator(".fw-diagram a.fw-box", has_text="公务用车").first.click()
    page.wait_for_url("**/domains/**")
    assert "公务用车" in page.locator("h1").first.inner_text()


def test_copy_citation_button(new_page, site_server):
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    page.goto(site_server.url("standards/sljg-002-2025/"))
    button = page.locator("button[data-copy-target]")
    button.wait_for(state="visible")
    citation = page.locator("#" + button.get_attribute("data-copy-target")).inner_text().strip()
    assert "SLJG 002—2025" in citation
    button.click()
    page.wait_for_function("() => document.querySelector('button[data-copy-target]')"
                           ".textContent.includes('已复制')")
    assert page.evaluate("navigator.clipboard.readText()") == citation
