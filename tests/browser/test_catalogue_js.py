"""标准目录 in Chromium: facets, sort and URL state (reload, back button), and the table without
JavaScript. Runs on the shipped corpus."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = pytest.mark.browser

ROWS = "#catalogue-table tbody tr"


def _visible(page) -> list[str]:
    return page.locator(f"{ROWS}:not([hidden])").evaluate_all(
        "rows => rows.map(r => r.dataset.slug)")


def _query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def _ready(page) -> None:
    page.wait_for_function("() => window.Catalogue !== undefined")


def test_facets_live_in_the_url_and_survive_reload_and_back(page, site_server):
    page.goto(site_server.url("catalogue/?status=被代替"))
    _ready(page)
    assert page.locator("#catalogue-status").input_value() == "被代替"
    replaced = _visible(page)
    assert "gb-t-29118-2012" in replaced and "sljg-002-2020" in replaced
    assert all(page.locator(f'{ROWS}[data-slug="{s}"]').get_attribute("data-status") == "被代替"
               for s in replaced)
    assert "筛选出" in page.locator("#catalogue-count").inner_text()

    page.select_option("#catalogue-level", "国家标准")
    page.wait_for_function("() => location.search.includes('level=')")
    assert _query(page) == {"status": ["被代替"], "level": ["国家标准"]}
    assert _visible(page) == ["gb-t-29118-2012"]

    page.reload()
    _ready(page)
    assert page.locator("#catalogue-level").input_value() == "国家标准"
    assert _visible(page) == ["gb-t-29118-2012"]

    page.go_back()
    page.wait_for_function("() => !location.search.includes('level=')")
    page.wait_for_function("() => document.querySelector('#catalogue-level').value === ''")
    assert sorted(_visible(page)) == sorted(replaced)

    page.click("#catalogue-reset")
    page.wait_for_function("() => location.search === ''")
    assert len(_visible(page)) == page.locator(ROWS).count()


def test_sorting_by_date_and_domain_filter(page, site_server):
    page.goto(site_server.url("catalogue/"))
    _ready(page)
    page.click('th[data-sort-key="issued"] button')
    page.wait_for_function("() => location.search.includes('sort=-issued')")
    assert page.locator('th[data-sort-key="issued"]').get_attribute("aria-sort") == "descending"
    dates = page.locator(f"{ROWS}:not([hidden]) td:nth-child(6)").evaluate_all(
        "cells => cells.map(c => c.dataset.sort).filter(Boolean)")
    assert dates == sorted(dates, reverse=True)

    page.select_option("#catalogue-domain", "03")  # a top-level node includes its children
    page.wait_for_function("() => location.search.includes('domain=03')")
    tops = page.locator(f"{ROWS}:not([hidden])").evaluate_all("rows => rows.map(r => r.dataset.top)")
    assert tops and set(tops) == {"03"}


def test_without_javascript_the_whole_table_shows(browser, site_server):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_server.url("catalogue/?status=被代替"))
        rows = page.locator(ROWS)
        assert rows.count() >= 25
        assert page.locator(f"{ROWS}[hidden]").count() == 0
        assert page.locator("#catalogue-q").is_visible()
    finally:
        context.close()
