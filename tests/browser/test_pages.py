"""End-to-end: the shipped site in Chromium, at the host's root and under /std/."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

TEXT_PAGE = "standards/sljg-002-2025/"
REPLACED_PAGE = "standards/sljg-002-2020/"
METADATA_PAGE = "standards/db4203-t-131-2018/"


def test_home_page_loads_with_navigation(page, any_server):
    page.goto(any_server.url(""))
    assert page.title().startswith("首页")
    assert "机关事务标准公开平台" in page.locator("h1").first.inner_text()
    # Every navigation tab leads somewhere that exists under this prefix.
    links = page.locator(".md-tabs a.md-tabs__link")
    assert links.count() >= 3
    for href in links.evaluate_all("els => els.map(a => a.href)"):
        assert href.startswith(any_server.base), href
    page.locator(".md-tabs a.md-tabs__link", has_text="关于").click()
    page.wait_for_url("**/about/")
    assert page.locator("h1").first.is_visible()


def test_standard_page_status_badge_and_metadata(page, any_server):
    page.goto(any_server.url(TEXT_PAGE))
    badge = page.locator("[data-status]").first
    assert badge.get_attribute("data-status") == "现行"
    assert page.locator(".std-meta dt", has_text="标准号").count() == 1
    assert "SLJG 002—2025" in page.locator(".std-number").inner_text()


def test_replaced_standard_banner_links_the_newer_edition(page, any_server):
    page.goto(any_server.url(REPLACED_PAGE))
    assert page.locator("[data-status]").first.get_attribute("data-status") == "被代替"
    banner = page.locator(".std-banner--replaced")
    assert banner.is_visible()
    banner.locator("a").first.click()
    page.wait_for_url("**/standards/sljg-002-2025/")
    assert page.locator("[data-status]").first.get_attribute("data-status") == "现行"


def test_clause_permalink_scrolls_to_the_clause(page, any_server):
    page.goto(any_server.url(TEXT_PAGE) + "#5.2")
    heading = page.locator('[id="5.2"]')
    assert heading.count() == 1
    heading.wait_for()
    page.wait_for_function(
        "() => { const r = document.getElementById('5.2').getBoundingClientRect();"
        " return r.top >= 0 && r.top < window.innerHeight / 2; }")
    # The heading's own permalink points at the same anchor.
    permalink = heading.locator("a.headerlink")
    assert permalink.get_attribute("href") == "#5.2"


def test_clause_permalink_click_updates_url(page, any_server):
    page.goto(any_server.url(TEXT_PAGE))
    page.locator('[id="A.1"] a.headerlink').click()
    page.wait_for_url("**#A.1")
    assert page.evaluate("location.hash") == "#A.1"


def test_metadata_only_page_links_to_official_platform(page, any_server):
    page.goto(any_server.url(METADATA_PAGE))
    note = page.locator(".std-fulltext")
    assert "未登载全文" in note.inner_text()
    link = note.locator("a").first
    assert link.get_attribute("href").startswith("https://")


def test_not_found_page_is_styled_at_any_depth(page, site_server):
    """404.html (served for unknown URLs, as the README's nginx config does) loads its assets."""
    missing = site_server.url("standards/no-such-standard/deeper/")
    page.watch.allow_http_errors.add(missing)
    response = page.goto(missing)
    assert response is not None and response.status == 404
    assert "页面不存在" in page.locator("h1").first.inner_text()
    page.locator("a", has_text="返回首页").click()
    page.wait_for_url(site_server.url(""))
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in (
        "sticky", "fixed")
