"""Accessibility (GB/T 37668, WCAG 2.1 AA): axe-core on every page template, keyboard use."""

from __future__ import annotations

import pytest

from .templates import TEMPLATES

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {"type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
    "resultTypes": ["violations"],
}
BLOCKING = {"serious", "critical"}


def axe_violations(page) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page, options=AXE_OPTIONS).response["violations"]


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        targets = [" ".join(map(str, n["target"])) for n in v["nodes"][:5]]
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])}×) {targets}")
    return "\n".join(lines)


@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_axe_has_no_serious_violations(page, site_server, template):
    page.goto(site_server.url(TEMPLATES[template]))
    violations = axe_violations(page)
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, describe(blocking)


# --------------------------------------------------------------------------- keyboard

FOCUS_STYLE = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const s = getComputedStyle(el);
    return {id: el.id, tag: el.tagName, outline: s.outlineStyle, width: parseFloat(s.outlineWidth),
            shadow: s.boxShadow};
}"""


def tab_to(page, selector: str, limit: int = 60) -> int:
    """Press Tab until `selector` has focus; returns how many presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)",
                         selector):
            return presses
    raise AssertionError(f"{selector} not reachable with Tab in {limit} presses")


def assert_focus_visible(page) -> None:
    style = page.evaluate(FOCUS_STYLE)
    assert style, "nothing focused"
    visible = (style["outline"] != "none" and style["width"] >= 2) or style["shadow"] != "none"
    assert visible, style


def test_skip_link_is_first_and_visible(page, site_server):
    page.goto(site_server.url("standards/sljg-002-2025/"))
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.className")
    assert "md-skip" in focused
    assert page.locator(".md-skip").is_visible()
    assert_focus_visible(page)


def test_header_search_by_keyboard_only(page, site_server):
    page.goto(site_server.url("about/"))
    tab_to(page, "#std-search-input", limit=10)
    assert_focus_visible(page)
    page.keyboard.type("会议服务")
    page.locator("#std-search-list [role=option]").first.wait_for()
    page.wait_for_function("() => !document.getElementById('std-search-status')"
                           ".textContent.includes('正在检索')")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/standards/**")


def test_catalogue_filters_by_keyboard_only(page, site_server):
    page.goto(site_server.url("catalogue/"))
    page.wait_for_function("() => window.Catalogue")
    tab_to(page, "#catalogue-q")
    assert_focus_visible(page)
    page.keyboard.type("会议")
    page.wait_for_function("() => new URLSearchParams(location.search).get('q') === '会议'")
    tab_to(page, "#catalogue-status", limit=10)
    assert_focus_visible(page)
    page.keyboard.press("ArrowDown")  # a closed <select> changes value with the arrow keys
    page.wait_for_function("() => new URLSearchParams(location.search).get('status')")
    tab_to(page, 'th[data-sort-key="issued"] button', limit=20)
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    page.wait_for_function("() => /sort=-?issued/.test(location.search)")
