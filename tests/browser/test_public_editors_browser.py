"""Public and editors apart, in Chromium at 1366 × 900 and on a 390 × 844 phone (issue 15, items
4, 10, 11): the public menu has no editors' pages, 编辑专区 is set apart and reachable from the
menu and from every page's footer, and 关于本站 reads well on a phone."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
PUBLIC = ["首页", "标准目录", "标准体系", "征求意见", "制修订进度", "解读与动态", "关于"]
EDITORS_ONLY = ("编写指南", "复审提醒")
STANDARD = "standards/gb-t-30260-2013/"


@pytest.fixture
def desktop(new_page):
    return new_page(viewport=DESKTOP)


@pytest.fixture
def phone(new_page):
    return new_page(viewport=PHONE, device_scale_factor=3, is_mobile=True, has_touch=True)


def tab_texts(page) -> list[str]:
    return [t.strip() for t in page.locator(".md-tabs__link").all_inner_texts()]


def test_desktop_tabs_are_public_and_the_editors_tab_is_set_apart(desktop, site_server):
    desktop.goto(site_server.url(""))
    tabs = tab_texts(desktop)
    assert tabs == [*PUBLIC, "编辑专区"]
    assert not set(EDITORS_ONLY) & set(tabs)
    items = desktop.locator(".md-tabs__item")
    public_right = items.nth(len(PUBLIC) - 1).bounding_box()
    editors = items.nth(len(PUBLIC)).bounding_box()
    assert editors["x"] - (public_right["x"] + public_right["width"]) > 200  # at the far end
    border = items.nth(len(PUBLIC)).evaluate("el => getComputedStyle(el).borderInlineStartWidth")
    assert border == "1px"
    desktop.locator(".md-tabs__link", has_text="编辑专区").click()
    desktop.wait_for_url("**/editors/")
    assert desktop.locator("h1").first.inner_text().startswith("编辑专区")
    # The area's own sidebar leads to 复审提醒 and 编写指南.
    sidebar = desktop.locator(".md-sidebar--primary")
    sidebar.locator('a.md-nav__link[href$="reviews/"]', has_text="复审提醒").click()
    desktop.wait_for_url("**/reviews/")
    assert "本站负责复审的标准" in desktop.locator("article").inner_text()


def test_desktop_footer_reaches_the_editors_area_and_shows_the_icp_record(desktop, any_server):
    desktop.goto(any_server.url(STANDARD))
    facts = desktop.locator(".site-footer__facts")
    facts.scroll_into_view_if_needed()
    assert facts.is_visible()
    icp = facts.locator("a", has_text="ICP")
    assert icp.get_attribute("href") == "https://beian.miit.gov.cn/"
    assert "示ICP备00000000号（示例）" in icp.inner_text()
    facts.locator("a", has_text="编辑专区").click()
    desktop.wait_for_url("**/editors/")
    assert desktop.url.startswith(any_server.base)


def test_phone_drawer_lists_public_sections_then_the_editors_area(phone, site_server):
    phone.goto(site_server.url(""))
    assert not phone.locator(".md-tabs").is_visible()
    phone.locator("label.md-header__button[for=__drawer]").click()
    top = phone.locator(".md-nav--primary > .md-nav__list > .md-nav__item")
    top.first.wait_for(state="visible")
    labels = [t.split("\n")[0].strip() for t in top.all_inner_texts()]
    assert labels == [*PUBLIC, "编辑专区"]
    last = top.nth(len(PUBLIC))
    assert last.evaluate("el => getComputedStyle(el).borderTopWidth") == "1px"
    assert last.is_visible()
    # Only the editors' entry leads to 编写指南 and 复审提醒.
    for item in range(len(PUBLIC)):
        text = top.nth(item).inner_text()
        assert not any(word in text for word in EDITORS_ONLY), text


def test_phone_footer_reaches_the_editors_area(phone, site_server):
    phone.goto(site_server.url(STANDARD))
    link = phone.locator(".site-footer__facts a", has_text="编辑专区")
    link.scroll_into_view_if_needed()
    assert link.is_visible()
    box = link.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    link.click()
    phone.wait_for_url("**/editors/")
    assert phone.locator("h1").first.inner_text().startswith("编辑专区")


def test_phone_about_page_shows_who_runs_the_site(phone, site_server):
    phone.goto(site_server.url("about/"))
    facts = phone.locator(".about-facts")
    assert facts.is_visible()
    text = facts.inner_text()
    assert "示例市机关事务管理局（示例）" in text and "biaozhun@example.org" in text
    width = phone.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width
    assert phone.locator(".about-icp a").get_attribute("href") == "https://beian.miit.gov.cn/"
