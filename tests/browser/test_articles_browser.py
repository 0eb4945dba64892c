"""解读与动态 in a browser (issue 16), at 390 px (a phone) and 1366 px, on the shipped corpus and
its articles (docs/news/): the list, its filters with and without JavaScript (state in the URL),
the two-way links between an article and its standards, and the header search finding articles
labelled as such, below an equally good standard."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}
ITEMS = ".news-list .news-item"


def _open(new_page, width: str, *, js: bool = True):
    options = {"viewport": WIDTHS[width], "java_script_enabled": js}
    if width == "phone":
        options |= {"device_scale_factor": 2, "is_mobile": True, "has_touch": True}
    return new_page(**options)


@pytest.fixture(params=list(WIDTHS))
def width(request) -> str:
    return request.param


def _categories(page) -> list[str]:
    return page.eval_on_selector_all(ITEMS, "els => els.map(e => e.dataset.category)")


def _years(page) -> list[str]:
    return page.eval_on_selector_all(ITEMS, "els => els.map(e => e.dataset.year)")


def _fits(page) -> None:
    """Nothing is wider than the screen (no sideways scrolling on a phone)."""
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{overflow}px wider than the viewport"


def _chip(page, which: str, value: str):
    return page.locator(f'.news-filter__list[data-filter="{which}"] a[data-value="{value}"]')


@pytest.mark.parametrize("js", [False, True], ids=["no-js", "js"])
def test_list_filters_are_links_whose_url_holds_the_state(new_page, any_server, width, js):
    page = _open(new_page, width, js=js)
    page.goto(any_server.url("news/"))
    dates = page.eval_on_selector_all(f"{ITEMS} time", "els => els.map(e => e.getAttribute('datetime'))")
    assert len(dates) >= 4 and dates == sorted(dates, reverse=True)  # newest first
    assert set(_categories(page)) == {"标准解读", "工作动态", "试点示范", "政策文件"}
    _fits(page)

    _chip(page, "category", "标准解读").click()
    page.wait_for_url(re.compile(r"/news/category/jiedu/$"))
    assert set(_categories(page)) == {"标准解读"}
    assert _chip(page, "category", "标准解读").get_attribute("aria-current") == "page"

    _chip(page, "year", "2023").click()  # the category is kept
    page.wait_for_url(re.compile(r"/news/year/2023/jiedu/$"))
    assert set(_categories(page)) == {"标准解读"} and set(_years(page)) == {"2023"}
    _fits(page)

    _chip(page, "category", "").click()  # 全部 categories, still 2023
    page.wait_for_url(re.compile(r"/news/year/2023/$"))
    assert set(_years(page)) == {"2023"}
    page.go_back()  # a filter state is a page: the browser's history has it
    page.wait_for_url(re.compile(r"/news/year/2023/jiedu/$"))


@pytest.mark.parametrize(("query", "path"), [("?category=试点示范", "news/category/shidian/"),
                                             ("?category=政策文件&year=2018", "news/year/2018/zhengce/"),
                                             ("?year=2025", "news/year/2025/")])
def test_query_parameters_lead_to_the_page_of_that_state(new_page, any_server, width, query, path):
    page = _open(new_page, width)
    page.goto(any_server.url("news/") + query)
    page.wait_for_url(any_server.url(path))
    assert page.locator(ITEMS).count() >= 1


def test_article_and_standard_link_each_other(new_page, any_server, width):
    page = _open(new_page, width)
    page.goto(any_server.url("news/category/jiedu/"))
    page.locator(".news-item__title a").first.click()
    page.wait_for_url(re.compile(r"/news/2023/gongwu-yongche-diaodu-jiedu/$"))
    title = page.locator("h1.news-title").inner_text()
    assert page.locator(".news-kicker .news-cat").inner_text() == "标准解读"
    assert page.locator(".news-kicker .std-sample").is_visible()  # ours: 示例
    badge = page.locator(".news-stds .std-badge").first
    assert badge.get_attribute("data-status") == badge.inner_text() == "现行"
    _fits(page)

    page.locator(".news-stds a", has_text="SLJG 001—2023").click()
    page.wait_for_url(re.compile(r"/standards/sljg-001-2023/$"))
    back = page.locator(".std-articles a.std-articles__title", has_text=title)
    back.scroll_into_view_if_needed()
    assert back.is_visible()
    assert page.locator(".std-articles .news-cat").first.is_visible()
    _fits(page)
    back.click()
    page.wait_for_url(re.compile(r"/news/2023/gongwu-yongche-diaodu-jiedu/$"))


def test_policy_document_states_its_source_and_copyright(new_page, site_server, width):
    page = _open(new_page, width)
    page.goto(site_server.url("news/2018/biaozhunhua-tongzhi/"))
    text = page.locator("article.news-article").inner_text()
    assert "国管局、国家标准委" in text and "2018 年 3 月 16 日" in text
    assert "著作权法》第五条" in text
    assert page.locator(".news-kicker .std-sample").count() == 0  # not ours: no 示例 mark
    _fits(page)


def test_header_search_finds_articles_labelled_below_an_equal_standard(new_page, any_server, width):
    page = _open(new_page, width)
    page.goto(any_server.url(""))
    box = page.locator("#std-search-input")
    box.fill("公务用车调度")
    page.wait_for_function("() => /篇文章/.test(document.querySelector('.std-search__status').textContent)"
                           " && !/正在/.test(document.querySelector('.std-search__status').textContent)")
    options = page.locator("#std-search-list [role=option]")
    kinds = options.evaluate_all("els => els.map(e => e.dataset.kind)")
    assert kinds[0] == "standard" and "article" in kinds
    assert kinds.index("article") > kinds.index("standard")
    first_article = options.nth(kinds.index("article"))
    assert first_article.locator(".std-search__kind").inner_text() == "文章"

    box.fill("著作权法")  # a word only an article holds
    page.wait_for_function("() => /找到 1 篇文章/.test(document.querySelector('.std-search__status').textContent)")
    option = options.first
    assert option.get_attribute("data-kind") == "article"
    option.click()
    page.wait_for_url(re.compile(r"/news/2018/biaozhunhua-tongzhi/(#.*)?$"))


def test_home_page_shows_the_latest_articles(new_page, site_server, width):
    page = _open(new_page, width)
    page.goto(site_server.url(""))
    panel = page.locator(".home-news")
    panel.scroll_into_view_if_needed()
    assert panel.locator(".news-item").count() >= 4
    panel.locator(".home-more a").click()
    page.wait_for_url(site_server.url("news/"))
