"""Search as a reader meets it (issue 15, items 8, 9, 12, 19), on the shipped corpus, at
1366 × 900 and on a 390 × 844 phone: compact numbers, no one-character suggestions, in-force
standards before plans and samples, why each result matched, a title hit opening the page top,
results in the phone's first screen with the query in the header box, and the landed clause
highlighted with the matched words.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest

pytestmark = pytest.mark.browser

ROWS = "#catalogue-table tbody tr"
SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(params=list(SIZES))
def view(request, new_page):
    size = SIZES[request.param]
    if request.param == "phone":
        page = new_page(viewport=size, device_scale_factor=3, is_mobile=True, has_touch=True)
    else:
        page = new_page(viewport=size)
    page.size_name = request.param  # type: ignore[attr-defined]
    return page


def catalogue(page, server, q: str) -> list[str]:
    """Open the catalogue with ?q= and return the slugs of the shown rows, once settled."""
    page.goto(server.url("catalogue/") + "?q=" + quote(q))
    page.wait_for_function("() => window.Catalogue && !document.documentElement.classList"
                           ".contains('cat-pending')")
    page.wait_for_timeout(300)  # the full pass (snippets) re-applies once
    return page.locator(ROWS).evaluate_all(
        "rows => rows.filter(r => !r.hidden && r.offsetParent !== null).map(r => r.dataset.slug)")


@pytest.mark.parametrize("q", ["gb41568", "GB41568", "GB 41568", "gbt41568-2022", "GB/T41568",
                               "GB/T 41568—2022"])
def test_compact_and_spaced_numbers_find_gbt_41568(view, site_server, q):
    shown = catalogue(view, site_server, q)
    assert shown and shown[0] == "gb-t-41568-2022", (q, shown)
    why = view.locator(f"{ROWS}[data-slug='gb-t-41568-2022'] .std-why")
    assert why.inner_text() == "命中：标准号"


def test_did_you_mean_offers_no_one_character_terms(view, site_server):
    assert catalogue(view, site_server, "物业服务 7") == []
    empty = view.locator("#search-results .std-empty")
    empty.wait_for()
    view.wait_for_function("() => document.querySelector('#search-results .std-empty ul a')")
    terms = empty.locator("ul a").all_inner_texts()
    offered = [t for t in terms if not t.startswith(("现行", "制定中"))]
    assert offered and all(len(t) > 1 for t in offered), terms
    assert "物业服务" in offered


def test_in_force_standard_ranks_above_plan_and_sample(view, site_server):
    shown = catalogue(view, site_server, "物业服务")
    assert shown.index("db4103-t-152-2023") < shown.index("sljg-jihua-2025-04"), shown
    shown = catalogue(view, site_server, "公务用车")
    assert shown[-1] != shown[0]
    assert shown.index("sljg-001-2023") > shown.index("db31-t-1350-2022"), shown


def test_each_result_says_why_it_matched(view, site_server):
    shown = catalogue(view, site_server, "节能")
    assert len(shown) >= 5
    for slug in shown[:5]:
        why = view.locator(f"{ROWS}[data-slug='{slug}'] .std-why").inner_text()
        assert why.startswith("命中：") and any(w in why for w in ("标题", "关键词", "摘要", "正文")), why
    shown = catalogue(view, site_server, "起止里程")
    why = view.locator(f"{ROWS}[data-slug='sljg-001-2023'] .std-why")
    why.wait_for()
    view.wait_for_function("() => /第 5\\.4\\.2 条/.test(document.querySelector("
                           "\"tr[data-slug='sljg-001-2023'] .std-why\").textContent)")
    assert why.inner_text() == "命中：正文 第 5.4.2 条"


def test_header_box_title_hit_opens_the_page_top(page, site_server):
    page.goto(site_server.url(""))
    page.locator("#std-search-input").fill("公务用车")
    page.wait_for_function("() => /^找到 [^，]+$/.test("
                           "document.querySelector('.std-search__status').textContent)")
    options = page.locator("#std-search-list [role=option][data-kind=standard]")
    assert options.count() >= 3
    for i in range(options.count()):
        option = options.nth(i)
        assert "#" not in option.get_attribute("data-href"), option.get_attribute("data-href")
        assert option.locator(".std-why").inner_text().startswith("命中：")
    options.first.click()
    page.wait_for_url(lambda url: "/standards/" in url and "#" not in url)


def test_phone_results_come_first_and_the_header_box_shows_the_query(view, site_server):
    shown = catalogue(view, site_server, "公务用车")
    assert view.locator("#std-search-input").input_value() == "公务用车"
    first = view.locator(f"{ROWS}[data-slug='{shown[0]}']").bounding_box()
    facets = view.locator(".cat-filters__facets")
    if view.size_name == "phone":
        assert first["y"] + 40 < SIZES["phone"]["height"] * 0.6, first
        assert not facets.is_visible() and not view.locator(".idx-lead").is_visible()
        toggle = view.locator(".std-filters-toggle")
        assert toggle.get_attribute("aria-expanded") == "false"
        toggle.click()
        assert facets.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    else:
        assert facets.is_visible() and view.locator(".idx-lead").is_visible()
        assert not view.locator(".std-filters-toggle").is_visible()
        assert first["y"] < SIZES["desktop"]["height"]


def test_phone_facets_stay_open_when_the_url_sets_one(phone, site_server):
    phone.goto(site_server.url("catalogue/") + "?q=" + quote("公务用车") + "&status=" + quote("现行"))
    phone.wait_for_function("() => window.Catalogue")
    assert phone.locator(".cat-filters__facets").is_visible()


def test_landing_on_a_clause_highlights_it_and_the_words(view, site_server):
    catalogue(view, site_server, "起止里程")
    link = view.locator(f"{ROWS}[data-slug='sljg-001-2023'] .std-hits a.std-hit__clause").first
    link.wait_for()
    link.click()
    view.wait_for_url("**/standards/sljg-001-2023/?hl=*")
    assert view.url.endswith("#5.4.2")
    heading = view.locator("h4[id='5.4.2']")
    view.wait_for_function("() => document.getElementById('5.4.2').classList.contains('std-landed')")
    marks = view.locator(".std-text mark.std-hl")
    assert marks.all_inner_texts() == ["起止里程"]
    box = heading.bounding_box()
    assert 0 <= box["y"] < SIZES[view.size_name]["height"]  # the anchor still works


def test_highlight_words_are_text_not_markup(page, site_server):
    evil = quote('<img src=x onerror="window.pwned=1"> 出车记录')
    page.goto(site_server.url("standards/sljg-001-2023/") + "?hl=" + evil + "#5.4.2")
    page.wait_for_function("() => document.getElementById('5.4.2').classList.contains('std-landed')")
    assert page.evaluate("() => window.pwned === undefined && !document.querySelector('.std-text img[src=x]')")
    assert "出车记录" in page.locator(".std-text mark.std-hl").all_inner_texts()
    assert page.locator(".std-text .std-landed__body mark.std-hl").count() >= 1
