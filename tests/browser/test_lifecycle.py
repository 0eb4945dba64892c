"""Drafts in Chromium: the consultation banner follows the reader's clock after the deadline
(even when the site was built earlier), and the lifecycle pages fit a phone."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

pytestmark = pytest.mark.browser

DRAFT = "standards/sljg-jihua-2026-02/"  # comment_until 2027-01-31 in the shipped corpus
SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_open_consultation_counts_down_from_the_build(page, site_server):
    page.clock.set_fixed_time(datetime(2026, 11, 29, 9, 0, tzinfo=SHANGHAI))
    page.goto(site_server.url(DRAFT))
    banner = page.locator(".lc-banner")
    assert "征求意见稿，不具效力" in banner.inner_text()
    assert banner.locator(".lc-days").inner_text() == "还剩 63 天"
    assert banner.locator(".lc-comment").is_visible()
    assert banner.locator(".lc-comment").get_attribute("href").startswith("mailto:")
    assert not banner.locator(".lc-when-closed").is_visible()


def test_clause_feedback_link_is_prefilled_with_its_clause(page, site_server):
    page.goto(site_server.url(DRAFT))
    link = page.locator('h3[id="4.1"] a.lc-clause-feedback')
    href = link.get_attribute("href")
    assert href.startswith("mailto:") and "subject=" in href
    subject = href.split("subject=")[1].split("&")[0]
    from urllib.parse import unquote
    assert "条款 4.1" in unquote(subject)
    assert "__CLAUSE__" not in href and "__ANCHOR__" not in href


def test_page_feedback_link_follows_the_clause_in_the_url(page, site_server):
    from urllib.parse import unquote
    page.goto(site_server.url("standards/sljg-002-2025/") + "#5.2")
    href = unquote(page.locator("#lc-feedback").get_attribute("href"))
    assert "SLJG 002—2025" in href and "条款 5.2 " in href
    assert page.locator("a.lc-clause-feedback").count() == 0  # only drafts carry per-clause links
    page.goto(site_server.url("standards/sljg-002-2025/") + "#std-meta-heading")
    href = unquote(page.locator("#lc-feedback").get_attribute("href"))
    assert "条款" not in href.split("body=")[0]


@pytest.mark.parametrize("address", [
    "mailto:a@example.org?cc=b@example.org",
    "https://example.org/form?id=7&x=a%20b",
])
@pytest.mark.parametrize("page_url", ["https://example.gov.cn/std/standards/sljg-002-2025/", ""])
def test_clause_links_in_the_browser_match_feedback_py(page, site_server, address, page_url):
    """lifecycle.js derives a clause's link from the page's link; hooks/pages/feedback.py is the spec."""
    from hooks.pages.feedback import feedback_link

    class Std:
        code, title, is_draft = "SLJG 002—2025", "机关会议服务规范（示例）& <b>", False

    page.goto(site_server.url("standards/sljg-002-2025/"))
    clause, anchor = "5.1 会议预订 & 安排", "5.1"
    derived = page.evaluate("([href, c, a]) => StandardFeedback.clauseHref(href, c, a)",
                            [feedback_link(address, Std(), page=page_url), clause, anchor])
    expected = feedback_link(address, Std(), clause=clause,
                             page=page_url and f"{page_url}#{anchor}")
    assert derived == expected


def test_consultation_shows_closed_after_the_deadline_without_a_rebuild(page, site_server):
    page.clock.set_fixed_time(datetime(2027, 2, 1, 0, 30, tzinfo=SHANGHAI))
    page.goto(site_server.url(DRAFT))
    banner = page.locator(".lc-banner")
    assert banner.locator(".lc-when-closed").is_visible()
    assert "征求意见已于 2027-01-31 截止" in banner.inner_text()
    assert not banner.locator(".lc-comment").is_visible()
    assert "征求意见稿，不具效力" in banner.inner_text()
    page.goto(site_server.url("drafts/"))
    card = page.locator(".lc-card--open").first
    assert "已于 2027-01-31 截止" in card.inner_text()
    assert not card.locator(".md-button--primary").is_visible()


def test_last_day_is_still_open(page, site_server):
    page.clock.set_fixed_time(datetime(2027, 1, 31, 23, 50, tzinfo=SHANGHAI))
    page.goto(site_server.url(DRAFT))
    assert page.locator(".lc-banner .lc-days").inner_text() == "今天截止"


@pytest.mark.parametrize("url", ["drafts/", "progress/", DRAFT, "standards/sljg-002-2025/changes/"])
def test_lifecycle_pages_fit_a_phone(phone, site_server, url):
    phone.goto(site_server.url(url))
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{url} is {overflow}px too wide"
