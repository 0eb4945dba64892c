"""The search page (search/?q=, issue 18) in Chromium: same answers as the catalogue, the first
result before any snippet, snippets only for results on screen, facets and URL state, no-JS,
file://, phones.

Runs on the fixture corpus of tests/search_fixture.py, served over loopback.
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from search_fixture import EXPECTED, build_fixture

from .conftest import PHONE, serving

pytestmark = pytest.mark.browser

RESULTS = "#search-list [data-search-result]"


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    return build_fixture(tmp_path_factory.mktemp("search-page-site")).site


@pytest.fixture(scope="module")
def server(fixture_site):
    with serving(fixture_site) as srv:
        yield srv


def search(page, srv, q: str, extra: str = "") -> list[str]:
    """Slugs of the results shown, in order, once the full pass has ranked them."""
    page.goto(srv.url("search/") + "?q=" + quote(q) + extra)
    page.wait_for_function("() => document.getElementById('search-page').dataset.state === 'done'")
    return page.eval_on_selector_all(RESULTS, "els => els.map(e => e.dataset.slug)")


def catalogue(page, srv, q: str) -> list[str]:
    page.goto(srv.url("catalogue/") + "?q=" + quote(q))
    page.wait_for_function(
        "() => /筛选出/.test(document.getElementById('catalogue-count').textContent)")
    return page.eval_on_selector_all("#catalogue-table tbody tr:not([hidden])",
                                     "rows => rows.map(r => r.dataset.slug)")


@pytest.mark.parametrize("query", list(EXPECTED))
def test_search_page_finds_every_query_kind(page, server, query):
    slug, where = EXPECTED[query]
    shown = search(page, server, query)
    assert slug in shown[:3], shown
    if where == "first":
        assert shown[0] == slug, shown


@pytest.mark.parametrize("query", ["公务用车", "用房", "机要通信", "gwyc", "41568"])
def test_search_page_ranks_standards_as_the_catalogue_does(page, server, query):
    standards = [s for s in search(page, server, query) if not s.startswith("news/")]
    assert standards == catalogue(page, server, query)


def test_first_result_is_drawn_before_any_page_is_fetched(page, server):
    """No standard page (the snippets' source) is requested before the first result shows; then
    the snippet of the hit on screen fills in from its page."""
    search(page, server, "机要通信")
    hit = page.locator(RESULTS + "[data-slug='sljg-001-2024'] .std-hits li").first
    hit.wait_for()
    mark = page.evaluate("performance.getEntriesByName('search:first-result')[0].startTime")
    pages = page.evaluate("""() => performance.getEntriesByType('resource')
        .filter(e => /\\/standards\\/[^/]+\\/$/.test(e.name)).map(e => e.startTime)""")
    assert pages and min(pages) > mark, (mark, pages)
    assert hit.locator("mark").first.inner_text() == "机要通信"
    assert re.search(r"/standards/sljg-001-2024/\?hl=[^#]+#5\.2$",
                     hit.locator("a.std-hit__clause").get_attribute("href"))
    assert page.locator("#catalogue-table").count() == 0


def test_snippets_are_read_only_for_results_on_screen(new_page, server):
    """A short window: results below it get no snippet request until they scroll into view."""
    page = new_page(viewport={"width": 1000, "height": 420})
    shown = search(page, server, "公务用车")
    assert len(shown) >= 3
    page.wait_for_timeout(400)

    def fetched() -> set[str]:
        names = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
        return {m.group(1) for n in names if (m := re.search(r"/standards/([^/]+)/$", n))}

    visible = page.evaluate(f"""() => [...document.querySelectorAll("{RESULTS}")]
        .filter(e => e.getBoundingClientRect().top < innerHeight + 200).map(e => e.dataset.slug)""")
    assert fetched() <= set(visible), (fetched(), visible)
    page.locator(RESULTS).last.scroll_into_view_if_needed()
    page.wait_for_timeout(400)
    assert fetched() <= set(shown)


def test_facets_filter_and_the_state_is_in_the_url(page, server):
    everything = search(page, server, "公务用车")
    assert "sljg-001-2020" in everything
    shown = search(page, server, "公务用车", "&status=现行")
    assert shown == ["sljg-001-2024"]
    assert page.locator("#search-status").input_value() == "现行"
    page.select_option("#search-status", "")
    page.wait_for_function("() => !location.search.includes('status=')")
    page.wait_for_function("() => document.getElementById('search-page').dataset.state === 'done'")
    assert page.eval_on_selector_all(RESULTS, "els => els.map(e => e.dataset.slug)") == everything
    page.go_back()
    page.wait_for_function("() => location.search.includes('status=')")
    page.wait_for_function("() => document.getElementById('search-page').dataset.state === 'done'")
    assert page.eval_on_selector_all(RESULTS, "els => els.map(e => e.dataset.slug)") == shown


def test_a_new_query_from_the_form(page, server):
    search(page, server, "公务用车")
    page.fill("#search-q", "用房")
    page.press("#search-q", "Enter")
    page.wait_for_url(re.compile(r".*/search/\?q=%E7%94%A8%E6%88%BF$"))
    page.wait_for_function("() => document.getElementById('search-page').dataset.state === 'done'")
    assert page.locator(RESULTS).first.get_attribute("data-slug") == "db12-t-994-2020"
    assert "用房" in page.locator("#search-count").inner_text()


def test_nothing_found_offers_suggestions_and_metadata_is_text(page, server):
    assert search(page, server, "<img src=x onerror=alert(1)>zzqx") == []
    assert "没有找到" in page.locator("#search-count").inner_text()
    page.locator(".std-empty").wait_for()
    assert page.locator("#search-page img").count() == 0


def test_without_javascript_the_page_points_to_the_catalogue(browser, server):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(server.url("search/") + "?q=" + quote("公务用车"))
        link = page.locator("noscript a, .srch-noscript a").first
        assert link.get_attribute("href").endswith("catalogue/")
        assert "JavaScript" in page.locator(".srch-noscript").inner_text()
    finally:
        context.close()


def test_phone_shows_the_first_result_in_the_first_screen(phone, server):
    search(phone, server, "公务用车")
    assert phone.viewport_size == PHONE
    top = phone.locator(RESULTS).first.bounding_box()["y"]
    assert top < PHONE["height"], top
    assert phone.locator("#search-facets").is_hidden()  # folded behind 筛选条件
    phone.locator(".std-filters-toggle").click()
    assert phone.locator("#search-status").is_visible()


def test_offline_build_search_page_from_file(new_page, tmp_path_factory):
    site = build_fixture(tmp_path_factory.mktemp("search-page-offline"), offline=True).site
    page = new_page()
    page.goto((site / "search.html").as_uri() + "?q=" + quote("机要通信"))
    page.wait_for_function("() => document.getElementById('search-page').dataset.state === 'done'")
    assert page.locator(RESULTS).first.get_attribute("data-slug") == "sljg-001-2024"
    page.locator(RESULTS + " .std-hits li").first.wait_for()


def test_home_page_box_opens_the_search_page(page, server):
    page.goto(server.url(""))
    page.fill("#home-q", "用房")
    page.press("#home-q", "Enter")
    page.wait_for_url(re.compile(r".*/search/\?q=%E7%94%A8%E6%88%BF$"))
    page.wait_for_function("() => document.getElementById('search-page').dataset.state === 'done'")
    assert page.locator(RESULTS).first.get_attribute("data-slug") == "db12-t-994-2020"


def test_without_javascript_the_boxes_still_open_the_whole_catalogue(browser, server):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(server.url(""))
        assert page.locator("form.home-search").get_attribute("action").endswith("catalogue/")
        assert page.locator("form[data-std-search]").get_attribute("action").endswith("catalogue/")
    finally:
        context.close()


def test_offline_header_box_opens_search_html(new_page, tmp_path_factory):
    site = build_fixture(tmp_path_factory.mktemp("search-page-offline-header"), offline=True).site
    page = new_page()
    page.goto((site / "about.html").as_uri() if (site / "about.html").exists()
              else (site / "index.html").as_uri())
    page.fill("#std-search-input", "用房")
    page.press("#std-search-input", "Enter")
    page.wait_for_url(re.compile(r".*/search\.html\?q="))
    page.wait_for_function("() => document.getElementById('search-page').dataset.state === 'done'")
    assert page.locator(RESULTS).first.get_attribute("data-slug") == "db12-t-994-2020"
