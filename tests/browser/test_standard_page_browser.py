"""The standard page in Chromium at 390 × 844 (a phone) and 1366 × 900 (a laptop): the first
screen, the phones' 目次, links to cited standards, the full-text platform link and its 复制
button, 意见反馈, and what works without JavaScript. Print: test_phone_print.py."""

from __future__ import annotations

import pytest

from .conftest import PHONE

pytestmark = pytest.mark.browser

SAMPLE = "standards/sljg-001-2023/"  # full text (示例)
METADATA_ONLY = "standards/gb-t-41568-2022/"  # a national standard, no text on the site
LAPTOP = {"width": 1366, "height": 900}


@pytest.fixture
def laptop(new_page):
    return new_page(viewport=LAPTOP)


def in_first_screen(page, selector: str) -> bool:
    return page.locator(selector).first.evaluate(
        "el => { const r = el.getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight && r.width > 0; }")


@pytest.mark.parametrize("viewport", ["phone", "laptop"])
def test_first_screen_has_the_summary_card_then_the_text(request, site_server, viewport):
    page = request.getfixturevalue(viewport)
    page.goto(site_server.url(SAMPLE))
    assert in_first_screen(page, ".std-card [data-status]")
    assert page.locator("[data-status]").first.get_attribute("data-status") == "现行"
    assert in_first_screen(page, ".std-card")
    assert in_first_screen(page, ".std-text h2")  # the first heading of the text (前言)
    # The full metadata waits behind 标准信息.
    assert not page.locator(".std-meta dd").first.is_visible()
    page.locator(".std-meta summary").click()
    assert page.locator(".std-meta dd", has_text="示例市机关事务管理局标准化工作办公室").is_visible()


@pytest.mark.parametrize("viewport", ["phone", "laptop"])
def test_metadata_only_page_answers_where_to_read_in_the_first_screen(request, site_server,
                                                                        viewport):
    page = request.getfixturevalue(viewport)
    page.goto(site_server.url(METADATA_ONLY))
    assert in_first_screen(page, ".std-fulltext a[href^='https://openstd.samr.gov.cn/']")
    assert in_first_screen(page, "#std-platform-number")
    assert page.locator(".std-meta dd").first.is_visible()  # the metadata is the content: open


def test_phone_toc_jumps_to_a_chapter(phone, site_server):
    phone.goto(site_server.url(SAMPLE))
    toc = phone.locator("details.std-toc")
    assert toc.is_visible() and in_first_screen(phone, "details.std-toc summary")
    chapter = toc.locator("a", has_text="5 调度服务要求")
    assert not chapter.is_visible()
    toc.locator("summary").click()
    assert toc.locator("a").count() == 9
    chapter.click()
    phone.wait_for_url("**#5")
    phone.wait_for_function(
        "() => { const r = document.getElementById('5').getBoundingClientRect();"
        " return r.top >= 0 && r.top < window.innerHeight / 2; }")
    annex = toc.locator("a", has_text="附录 A")
    assert annex.get_attribute("href") == "#A"


def test_laptop_shows_the_sidebar_toc_and_no_empty_left_column(laptop, site_server):
    laptop.goto(site_server.url(SAMPLE))
    assert not laptop.locator("details.std-toc").is_visible()
    assert laptop.locator(".md-sidebar--secondary a[href='#5']").is_visible()
    assert not laptop.locator(".md-sidebar--primary").is_visible()
    content = laptop.locator("article.md-content__inner").bounding_box()
    tabs = laptop.locator(".md-tabs__list").bounding_box()
    assert content and tabs and content["x"] - tabs["x"] < 40  # text starts under the tabs
    assert laptop.locator(".md-tabs__item--active").inner_text().strip() == "标准目录"
    crumbs = laptop.locator("nav.std-crumbs")
    assert crumbs.locator("a").all_inner_texts() == ["标准目录", "03 资产管理", "03.02 公务用车"]


def test_metadata_values_do_not_break_inside_words(laptop, site_server):
    laptop.goto(site_server.url("standards/sljg-002-2025/"))
    laptop.locator(".std-meta summary").click()
    # 03.02 … 会议服务: a link of a domain stays on one line when it fits.
    for link in laptop.locator(".std-meta dd a").all():
        box = link.evaluate("el => el.getClientRects().length")
        assert box == 1, link.inner_text()


def test_a_cited_standard_is_a_link_to_its_page(page, any_server):
    page.goto(any_server.url(SAMPLE))
    ref = page.locator(".std-text a.std-ref", has_text="GB/T 41568—2022").first
    assert "机关事务管理 术语" in ref.get_attribute("title")
    ref.click()
    page.wait_for_url("**/standards/gb-t-41568-2022/")
    assert page.locator("h1").inner_text() == "机关事务管理 术语"


def test_platform_link_and_copy_button_carry_the_hyphen_spelling(new_page, site_server):
    page = new_page(viewport=PHONE)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"],
                                   origin=site_server.base.rstrip("/"))
    page.goto(site_server.url(METADATA_ONLY))
    link = page.locator(".std-fulltext a").first
    href = link.get_attribute("href")
    assert href.startswith("https://openstd.samr.gov.cn/bzgk/std/std_list?")
    assert href.endswith("p.p2=GB%2FT%2041568-2022")
    assert page.locator("#std-platform-number").inner_text() == "GB/T 41568-2022"
    button = page.locator("button[data-copy-target='std-platform-number']")
    assert button.is_visible()
    button.click()
    assert page.evaluate("navigator.clipboard.readText()") == "GB/T 41568-2022"
    assert button.inner_text() == "已复制"


def test_without_javascript_the_number_is_text_and_the_disclosures_work(new_page, site_server):
    page = new_page(viewport=PHONE, java_script_enabled=False)
    page.goto(site_server.url(METADATA_ONLY))
    assert page.locator("#std-platform-number").is_visible()
    assert not page.locator("button[data-copy-target='std-platform-number']").is_visible()
    page.goto(site_server.url(SAMPLE))
    page.locator("details.std-toc summary").click()
    page.locator("details.std-toc a", has_text="6 安全与节能").click()
    page.wait_for_url("**#6")
    page.locator(".std-meta summary").click()
    assert page.locator(".std-meta dd").first.is_visible()


def test_feedback_is_a_button_that_says_it_sends_mail_and_shows_the_address(laptop, site_server):
    laptop.goto(site_server.url(SAMPLE))
    button = laptop.locator("a#lc-feedback")
    assert button.count() == 1 and "发邮件提意见" in button.inner_text()
    assert button.get_attribute("href").startswith("mailto:biaozhun-yijian@example.org?")
    assert button.evaluate("el => getComputedStyle(el).borderStyle") != "none"  # a button
    assert "›" not in button.inner_text()
    address = laptop.locator(".std-feedback__email")
    assert address.inner_text() == "biaozhun-yijian@example.org" and address.is_visible()
