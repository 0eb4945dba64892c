"""Search in Chromium: the catalogue with ?q=, the header box, facets, URL state, file://.

Runs on the fixture corpus of tests/search_fixture.py (every query kind has an expected
standard), served over loopback at the root and under /std/. Requests to any other host fail the
test (tests/browser/conftest.py).
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from search_fixture import EXPECTED, OLD_VEHICLE_BODY, VEHICLE_BODY, build_fixture

from hooks.search.index import clauses

from .conftest import serving

pytestmark = pytest.mark.browser

# A clause hit: the page, the matched words for standard.js to mark (?hl=), the clause anchor.
CLAUSE_URL = re.compile(r"/standards/sljg-001-2024/\?hl=[^#]+#5\.2$")


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    return build_fixture(tmp_path_factory.mktemp("search-site")).site


@pytest.fixture(scope="module")
def server(fixture_site):
    with serving(fixture_site) as srv:
        yield srv


@pytest.fixture(scope="module")
def sub_server(fixture_site):
    with serving(fixture_site, "/std/") as srv:
        yield srv


def results(page) -> list[str]:
    """Slugs of the catalogue rows shown, in order, once the search has answered."""
    page.wait_for_function(
        "() => /筛选出/.test(document.getElementById('catalogue-count').textContent)")
    return page.eval_on_selector_all("#catalogue-table tbody tr:not([hidden])",
                                     "rows => rows.map(r => r.dataset.slug)")


def open_catalogue(page, srv, q: str, extra: str = ""):
    page.goto(srv.url("catalogue/") + "?q=" + quote(q) + extra)
    return results(page)


@pytest.mark.parametrize("query", list(EXPECTED))
def test_catalogue_finds_every_query_kind(page, server, query):
    slug, where = EXPECTED[query]
    shown = open_catalogue(page, server, query)
    assert slug in shown[:3], shown
    if where == "first":
        assert shown[0] == slug, shown


def test_full_text_hit_shows_clause_heading_and_highlight(page, server):
    open_catalogue(page, server, "机要通信")
    hit = page.locator("tr[data-slug='sljg-001-2024'] .std-hits li").first
    hit.wait_for()
    link = hit.locator("a.std-hit__clause")
    assert "车辆调度" in link.inner_text() and "5.2" in link.inner_text()
    assert CLAUSE_URL.search(link.get_attribute("href"))
    assert hit.locator("mark").first.inner_text() == "机要通信"
    link.click()
    page.wait_for_url(CLAUSE_URL)


def test_body_snippet_is_read_from_the_standard_page(page, server):
    """The online build has no search/text/: the clause number, heading and snippet of a body
    hit come from the standard's own page (fetched once, split at its headings)."""
    requested: list[str] = []
    page.on("request", lambda req: requested.append(req.url))
    open_catalogue(page, server, "记录里程")
    hit = page.locator("tr[data-slug='sljg-001-2024'] .std-hits li").first
    hit.wait_for()
    link = hit.locator("a.std-hit__clause")
    assert link.locator(".std-hit__no").inner_text() == "5.2"
    assert link.text_content() == "5.2" + "车辆调度"  # number, then heading without its ¶
    snippet = hit.locator(".std-hit__snippet")
    assert snippet.locator("mark").all_inner_texts() == ["记录里程"]
    assert "并在派车单上记录里程" in snippet.inner_text()
    pages = [u for u in requested if u.endswith("/standards/sljg-001-2024/")]
    assert len(pages) == 1, requested
    assert not [u for u in requested if "/search/text/" in u], requested
    link.click()
    page.wait_for_url(CLAUSE_URL)


def test_page_splits_into_the_clauses_the_index_numbered(page, server):
    """search.js splits a standard page as hooks/search/index.py clauses() splits its Markdown."""
    page.goto(server.url("catalogue/"))
    for slug, body in [("sljg-001-2024", VEHICLE_BODY), ("sljg-001-2020", OLD_VEHICLE_BODY)]:
        got = page.evaluate("""async (slug) => {
            const html = await (await fetch("../standards/" + slug + "/")).text();
            const doc = new DOMParser().parseFromString(html, "text/html");
            return StandardSearch._split(doc.querySelector(".std-page > .std-text"));
        }""", slug)
        want = clauses(body)
        assert [(a, h) for a, h, _ in got] == [(a, h) for a, h, _ in want]
        if slug == "sljg-001-2020":
            assert got == [list(c) for c in want]


def test_status_is_shown_and_in_force_ranks_first(page, server):
    shown = open_catalogue(page, server, "公务用车")
    assert shown[0] == "sljg-001-2024"
    assert shown.index("sljg-001-2020") > 0 and shown.index("db31-t-50-2015") > 0
    row = page.locator("tr[data-slug='sljg-001-2020']")
    assert "被代替" in row.inner_text()


def test_facets_combine_with_the_query_and_state_is_in_the_url(page, server):
    shown = open_catalogue(page, server, "公务用车", "&status=现行")
    assert shown == ["sljg-001-2024"]
    assert page.locator("#catalogue-count").inner_text().startswith("筛选出 1 项")
    page.select_option("#catalogue-status", "")
    page.wait_for_function("() => !location.search.includes('status=')")
    assert len(results(page)) == 3
    assert "q=" in page.url
    page.go_back()
    page.wait_for_function("() => location.search.includes('status=')")
    page.wait_for_function(
        "() => document.querySelectorAll('#catalogue-table tbody tr:not([hidden])').length === 1")


def test_zero_results_suggest_a_near_number_and_pinyin(page, server):
    assert open_catalogue(page, server, "41569") == []
    box = page.locator("#search-results")
    box.locator("text=相近的标准号").wait_for()
    assert "GB/T 41568—2022" in box.inner_text()
    assert open_catalogue(page, server, "gongwuyonce") == []  # misspelt pinyin
    box.locator("text=拼音相近").wait_for()
    assert "公务用车" in box.inner_text()


def test_header_box_type_ahead_keyboard_and_all_results(page, server):
    page.goto(server.url("about/"))
    assert page.evaluate("() => !performance.getEntriesByType('resource')"
                         ".some(e => e.name.includes('/search/'))"), "index loaded before focus"
    box = page.locator("#std-search-input")
    box.focus()
    box.fill("gwyc")
    listbox = page.locator("#std-search-list")
    listbox.locator("[role=option]").first.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    assert listbox.locator("[role=option]").first.get_attribute("data-slug") == "sljg-001-2024"
    box.press("ArrowDown")
    first_id = listbox.locator("[role=option]").first.get_attribute("id")
    assert box.get_attribute("aria-activedescendant") == first_id
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    box.fill("用房")
    listbox.locator("[role=option][data-slug='db12-t-994-2020']").wait_for()
    all_link = page.locator(".std-search__all")
    assert all_link.get_attribute("href").endswith("search/?q=" + quote("用房"))
    box.press("Enter")  # no option selected: all results on the search page
    page.wait_for_url(re.compile(r".*/search/\?q="))
    page.locator("[data-search-result]").first.wait_for()
    assert page.locator("[data-search-result]").first.get_attribute("data-slug") == "db12-t-994-2020"


def test_header_box_enter_on_option_opens_the_clause(page, server):
    page.goto(server.url(""))
    box = page.locator("#std-search-input")
    box.fill("机要通信")
    option = page.locator("#std-search-list [role=option][data-slug='sljg-001-2024']")
    option.wait_for()
    page.wait_for_function("() => document.querySelector('.std-search__option .std-search__hit')")
    box.press("ArrowDown")
    box.press("Enter")
    page.wait_for_url(CLAUSE_URL)


def test_header_and_catalogue_agree(page, server):
    page.goto(server.url(""))
    page.locator("#std-search-input").fill("公务用车")
    page.wait_for_function("() => /找到 \\d+ 项标准$/.test("
                           "document.querySelector('.std-search__status').textContent)")
    header = page.eval_on_selector_all("#std-search-list [role=option]",
                                       "els => els.map(e => e.dataset.slug)")
    assert header == open_catalogue(page, server, "公务用车")


def test_search_works_under_a_subpath(page, sub_server):
    assert open_catalogue(page, sub_server, "gongwu yongche")[0] == "sljg-001-2024"
    page.locator("#std-search-input").fill("41568")
    # The header box starts with the catalogue's query and its options: wait for the new ones.
    option = page.locator("#std-search-list [role=option]", has_text="41568").first
    option.wait_for()
    option.click()
    page.wait_for_url("**/std/standards/gb-t-41568-2022/")


def test_offline_build_searches_numbers_titles_pinyin_and_text_from_file(new_page,
                                                                          tmp_path_factory):
    site = build_fixture(tmp_path_factory.mktemp("search-offline"), offline=True).site
    page = new_page()
    base = site.as_uri() + "/"
    for q, slug in [("41568", "gb-t-41568-2022"), ("用房", "db12-t-994-2020"),
                    ("gwyc", "sljg-001-2024"), ("机要通信", "sljg-001-2024")]:
        page.goto(base + "catalogue.html?q=" + quote(q))
        assert results(page)[0] == slug, q
    page.locator("tr[data-slug='sljg-001-2024'] .std-hits a").first.wait_for()
    href = page.locator("tr[data-slug='sljg-001-2024'] .std-hits a").first.get_attribute("href")
    assert re.search(r"standards/sljg-001-2024\.html\?hl=[^#]+#5\.2$", href)
