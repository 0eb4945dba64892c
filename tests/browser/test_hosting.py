"""Hosting: every page loads with no outside request, at the root, under /std/ and from file://."""

from __future__ import annotations

import pytest

from .templates import TEMPLATES

pytestmark = pytest.mark.browser


def site_pages(site) -> list[str]:
    pages = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel == "404.html":
            continue
        pages.append(rel.removesuffix("index.html"))
    return pages


def test_every_page_loads_without_outside_requests_or_errors(page, site_server, shipped_site):
    """All pages of the shipped site: the fixture fails on any outside request, console error,
    failed request or HTTP error; here we also check each page really rendered."""
    pages = site_pages(shipped_site.site)
    assert len(pages) > 50
    for rel in pages:
        response = page.goto(site_server.url(rel), wait_until="load")
        assert response is not None and response.ok, rel
        assert page.locator("h1").count() >= 1, rel
    page.watch.assert_clean()


@pytest.mark.parametrize("template", sorted(set(TEMPLATES) - {"not-found"}))
def test_templates_work_under_a_subpath(page, subpath_server, template):
    page.goto(subpath_server.url(TEMPLATES[template]))
    # Every stylesheet and script came from under /std/ (relative URLs), and the theme applied.
    urls = page.evaluate("() => performance.getEntriesByType('resource').map(e => e.name)")
    assert urls and all(u.startswith(subpath_server.base) for u in urls), urls
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in (
        "sticky", "fixed")
    hrefs = page.locator("a[href]").evaluate_all("els => els.map(a => a.href)")
    origin = subpath_server.base.removesuffix(subpath_server.prefix)
    internal = [h for h in hrefs if h.startswith(origin + "/")]
    assert internal and all(h.startswith(subpath_server.base) for h in internal)


# --------------------------------------------------------------------------- file://

def file_url(site, rel: str) -> str:
    return (site / rel).resolve().as_uri()


def test_offline_package_opens_from_disk(page, offline_site):
    page.goto(file_url(offline_site.site, "index.html"))
    assert page.locator("h1").count() >= 1
    page.locator(".md-tabs a.md-tabs__link", has_text="标准目录").click()
    page.wait_for_url("**/catalogue.html*")
    assert page.locator("#catalogue-table tbody tr").count() >= 25
    page.locator("#catalogue-table tbody tr td.cat-number a").first.click()
    page.wait_for_url("**/standards/*.html")
    assert page.locator("[data-status]").count() >= 1


def test_offline_header_search_works_from_disk(page, offline_site):
    page.goto(file_url(offline_site.site, "standards/sljg-001-2023.html"))
    page.locator("#std-search-input").fill("会场布置")
    option = page.locator("#std-search-list [role=option]", has_text="SLJG 002—2025")
    option.first.wait_for()
    option.first.click()
    page.wait_for_url("**/standards/sljg-002-2025.html*")


def test_offline_catalogue_query_from_disk(page, offline_site):
    page.goto(file_url(offline_site.site, "catalogue.html") + "?q=公务用车")
    page.wait_for_function("() => { const rows = [...document.querySelectorAll("
                           "'#catalogue-table tbody tr')].filter(r => r.offsetParent !== null);"
                           " return rows.length > 0 && rows.length < 25; }")
    page.select_option("#catalogue-status", "现行")
    page.wait_for_function("() => location.search.includes('status=')")


def test_offline_clause_permalink_from_disk(page, offline_site):
    page.goto(file_url(offline_site.site, "standards/sljg-002-2025.html") + "#5.2")
    page.wait_for_function(
        "() => { const r = document.getElementById('5.2').getBoundingClientRect();"
        " return r.top >= 0 && r.top < innerHeight / 2; }")
