"""End-to-end: the editing aids on a standard page and the rule reference they link to."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_edit_notes_open_and_link_to_the_rule(page, any_server):
    page.goto(any_server.url("standards/sljg-002-2020/"))
    notes = page.locator("details.std-notes")
    assert notes.count() == 1
    item = notes.locator("li[data-rule='reference-obsolete']")
    assert not item.is_visible()  # discreet: collapsed until an editor opens it
    notes.locator("summary").click()
    assert item.is_visible()
    assert "GB/T 29118—2023" in item.inner_text()
    item.locator("a").click()
    page.wait_for_url("**/guide/rules/#reference-obsolete")
    heading = page.locator("[id='reference-obsolete']")
    assert heading.is_visible()
    assert "规范性引用文件已被代替或废止" in heading.inner_text()


def test_guide_screenshots_have_alt_text_and_load(page, any_server):
    page.goto(any_server.url("guide/new-standard/"))
    images = page.locator("article img")
    assert images.count() >= 3
    for i in range(images.count()):
        img = images.nth(i)
        assert len(img.get_attribute("alt") or "") > 10
        assert img.evaluate("el => el.complete && el.naturalWidth > 0")
