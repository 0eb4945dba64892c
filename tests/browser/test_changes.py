"""The changes page (条文对照) in Chromium: one redline, the 只看新版 / 只看旧版 switch (mouse and
keyboard), accessibility in each view, print."""

from __future__ import annotations

import pytest

from .templates import TEMPLATES
from .test_a11y import BLOCKING, axe_violations, describe
from .test_phone_print import pdf_text, print_pdf

pytestmark = pytest.mark.browser

CHANGES = TEMPLATES["standard-changes"]  # SLJG 002—2025 against SLJG 002—2020
CHANGED = ".df > h2 ~ p:has(del)"  # a paragraph with words deleted and inserted
REMOVED = ".df > del"  # the text of the removed clause 5.3.3 费用结算
ADDED = ".df > ins"  # e.g. the new clause 6.4 视频会议服务


def visible_text(locator) -> str:
    return locator.evaluate("el => el.innerText")


def test_redline_shows_both_editions_marked(page, site_server):
    page.goto(site_server.url(CHANGES))
    para = page.locator(CHANGED, has_text="会议预订平台").first
    assert para.locator("del", has_text="以电话或书面方式").is_visible()
    assert para.locator("ins", has_text="通过会议预订平台").is_visible()
    assert page.locator(REMOVED, has_text="费用结算").first.is_visible()
    assert page.locator(ADDED, has_text="视频会议服务应符合以下要求").first.is_visible()
    # each clause heading links to the clause in the new edition and in the old one
    heading = page.locator(".df > h2", has_text="5.1 会议预订")
    assert heading.locator("a").nth(0).get_attribute("href") == "../#5.1"
    assert heading.locator("a").nth(1).get_attribute("href") == "../../sljg-002-2020/#5.1.1"
    assert heading.locator("a").nth(1).inner_text() == "原 5.1.1"
    # screen readers are told which words were deleted and inserted
    said = para.locator("del").first.evaluate("el => getComputedStyle(el, '::before').content")
    assert "删除" in said


def test_switch_to_one_edition(page, site_server):
    page.goto(site_server.url(CHANGES))
    para = page.locator(CHANGED, has_text="会议预订平台").first
    page.get_by_label("只看新版").check()
    text = visible_text(para)
    assert "通过会议预订平台" in text and "以电话或书面方式" not in text
    assert not page.locator(REMOVED).first.is_visible()
    assert page.locator(ADDED).first.is_visible()
    ins = para.locator("ins").first
    assert ins.evaluate("el => getComputedStyle(el).textDecorationLine") == "none"
    assert ins.evaluate("el => getComputedStyle(el, '::before').content") == "none"
    page.get_by_label("只看旧版").check()
    text = visible_text(para)
    assert "以电话或书面方式" in text and "通过会议预订平台" not in text
    assert page.locator(REMOVED).first.is_visible()
    assert not page.locator(ADDED).first.is_visible()
    page.get_by_label("标出增删").check()
    text = visible_text(para)
    assert "以电话或书面方式" in text and "通过会议预订平台" in text


def test_switch_with_the_keyboard(page, site_server):
    page.goto(site_server.url(CHANGES))
    page.locator('.df-view input[value="mark"]').focus()
    page.keyboard.press("ArrowRight")
    assert page.locator('.df-view input[value="new"]').is_checked()
    assert not page.locator(REMOVED).first.is_visible()


@pytest.mark.parametrize("view", ["new", "old"])
def test_axe_in_each_view(page, site_server, view):
    page.goto(site_server.url(CHANGES))
    page.locator(f'.df-view input[value="{view}"]').check()
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING]
    assert not blocking, describe(blocking)


def test_print_keeps_the_redline_without_the_switch(page, site_server, tmp_path):
    page.goto(site_server.url(CHANGES))
    text = pdf_text(print_pdf(page), tmp_path)
    compact = "".join(text.split())
    assert "条文对照" in compact and "5.1会议预订" in compact
    assert "以电话或书面方式" in compact and "通过会议预订平台" in compact
    assert "只看新版" not in compact
