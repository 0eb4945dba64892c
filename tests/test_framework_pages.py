"""framework/ (结构图, 明细表, 统计表), domains/<node>/, reviews/ and the home page, on the index
fixture: every page agrees with catalogue.json."""

from __future__ import annotations

import json
import re
from collections import Counter

from index_corpus import DOMAIN_OF, DUE_SOON, OVERDUE


def _records(site) -> list[dict]:
    return json.loads((site.site / "catalogue.json").read_text(encoding="utf-8"))["standards"]


def _subtree(code: str) -> set[str]:
    return {slug for slug, node in DOMAIN_OF.items() if node == code or node.startswith(code + ".")}


def test_domain_pages_list_exactly_their_standards(index_site):
    _, site = index_site
    for code, slug in (("01", "01"), ("01.01", "01-01"), ("03", "03"), ("03.01", "03-01"),
                       ("03.02", "03-02")):
        html = site.page(f"domains/{slug}/")
        listed = re.findall(r'<li class="idx-std" data-slug="([^"]+)"', html)
        assert sorted(listed) == sorted(_subtree(code)), code
        assert f'data-total="{len(_subtree(code))}"' in html
    top = site.page("domains/03/")
    # In force first, then upcoming, then replaced/abolished.
    groups = re.findall(r'<ul class="idx-std-list" data-group="([^"]+)"', top)
    assert groups == ["in-force", "upcoming", "replaced"]
    child = site.page("domains/03-02/")
    crumbs = child[child.index('class="idx-breadcrumbs"'):child.index("</nav>", child.index(
        'class="idx-breadcrumbs"'))]
    assert 'href="../../framework/"' in crumbs and 'href="../03/"' in crumbs
    assert 'aria-current="page">03.02 公务用车' in crumbs
    assert "href=\"../../catalogue/?domain=03.02\"" in child


def test_framework_page_agrees_with_the_json(index_site):
    _, site = index_site
    html = site.page("framework/")
    records = _records(site)
    # Diagram: one box per node with the subtree count.
    for code, n in (("01", 3), ("01.01", 3), ("03", 9), ("03.01", 4), ("03.02", 4)):
        assert f'aria-label="{code} ' in html
        assert re.search(rf'<span class="fw-box__code">{re.escape(code)}</span>\s*'
                         rf'<span class="fw-box__name">[^<]+</span>\s*'
                         rf'<span class="fw-box__count" aria-hidden="true">{n}</span>', html), code
    # 明细表: rows in 序号 order with the JSON's 标准体系表编号.
    details = html[html.index('id="detail-table"'):]
    rows = re.findall(r'<tr data-slug="([^"]+)">\s*<td[^>]*>(\d+)</td>\s*<td[^>]*>([^<]+)</td>', details)
    assert [(r["slug"], str(r["seq"]), r["system_code"]) for r in records] == rows
    assert "作废（2020-01-01）" in details and "被 DB11/T 100—2022 代替" in details
    # 统计表: totals by status and level.
    stats = html[html.index('id="stats-status"'):]
    by_status = Counter(r["status"] for r in records)
    for status, n in by_status.items():
        row = re.search(rf'<tr data-key="{status}">(.*?)</tr>', stats, re.S).group(1)
        assert f"<strong>{n}</strong>" in row, status
    level_table = html[html.index('id="stats-level"'):html.index('id="stats-status"')]
    national = re.search(r'<tr data-key="国家标准">(.*?)</tr>', level_table, re.S).group(1)
    assert re.findall(r'<td class="idx-num">(\d+)</td>', national) == ["3", "1"]
    total = re.search(r'<tr data-key="合计">(.*?)</tr>', level_table, re.S).group(1)
    assert f"<strong>{len(records)}</strong>" in total


def test_reviews_page_lists_due_and_overdue(index_site):
    _, site = index_site
    html = site.page("reviews/")
    overdue = html[html.index('id="rv-overdue"'):html.index('id="rv-soon"')]
    soon = html[html.index('id="rv-soon"'):]
    assert set(re.findall(r'<tr data-slug="([^"]+)"', overdue)) == OVERDUE
    assert set(re.findall(r'<tr data-slug="([^"]+)"', soon)) == DUE_SOON
    assert 'data-review-due="2027-11-27"' in soon  # last day of the twelve-month window


def test_home_page_counts_newest_and_upcoming(index_site):
    _, site = index_site
    html = site.page("")
    assert '<span class="home-stat__n">12</span><span class="home-stat__label">收录标准' in html
    assert '<span class="home-stat__n">8</span><span class="home-stat__label">现行' in html
    assert '<span class="home-stat__n">1</span><span class="home-stat__label">即将实施' in html
    assert '<span class="home-stat__n">3</span><span class="home-stat__label">被代替或废止' in html
    latest = html[html.index('id="home-latest"'):html.index('id="home-upcoming"')]
    assert re.findall(r'data-slug="([^"]+)"', latest)[0] == "t-cas-5-2026"
    upcoming = html[html.index('id="home-upcoming"'):html.index('id="home-domains"')]
    assert re.findall(r'data-slug="([^"]+)"', upcoming) == ["t-cas-5-2026"]
    assert 'action="catalogue/"' in html and 'href="domains/03/"' in html
    assert "示例数据" in html
