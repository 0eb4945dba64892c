"""The national site in Chromium: search across members, the member facet at 390 px, URL state,
hostile metadata shown as text, and the site under a subpath with no outside requests.

Two member sites are built for real from synthetic corpora (bench.synth) and federated with a
broken third member; the national site is served over loopback under /national/.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import FIXED_EPOCH
from federate_fixture import build_synthetic_site, write_config

from browser.conftest import serving
from hooks.cli.main import main

pytestmark = pytest.mark.browser
ROWS = "#fed-results tbody tr"
EVIL = '<img src=x onerror="window.__pwned=1">"\'&'


@pytest.fixture(scope="module")
def national(tmp_path_factory) -> tuple[Path, dict, dict]:
    root = tmp_path_factory.mktemp("federation")
    site_a = build_synthetic_site(root / "a", 10, seed=5)
    site_b = build_synthetic_site(root / "b", 8, seed=6)
    cat_a = json.loads((site_a / "catalogue.json").read_text(encoding="utf-8"))
    cat_b = json.loads((site_b / "catalogue.json").read_text(encoding="utf-8"))
    cat_b["standards"][0]["title"] = EVIL + cat_b["standards"][0]["title"]
    (root / "b.json").write_text(json.dumps(cat_b, ensure_ascii=False), encoding="utf-8")
    config = write_config(root / "federation.yml",
                          [("甲省机关事务管理局", "http://127.0.0.1:1/a/", str(site_a / "catalogue.json")),
                           ("乙市机关事务管理局", "http://127.0.0.1:1/b/", "b.json"),
                           ("丙县机关事务管理局", "http://127.0.0.1:1/c/", "missing.json")])
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", str(FIXED_EPOCH))
    try:
        assert main(["federate", str(config), "-d", str(root / "national")]) == 0
    finally:
        mp.undo()
    return root / "national", cat_a, cat_b


@pytest.fixture(scope="module")
def server(national):
    with serving(national[0], "/national/") as srv:
        yield srv


def rows(page) -> list[dict]:
    return page.locator(ROWS).evaluate_all(
        """rows => rows.map(r => ({number: r.children[0].textContent,
              href: r.querySelector('a').getAttribute('href'),
              member: r.children[2].textContent, title: r.children[1].textContent}))""")


def ready(page) -> None:
    page.wait_for_selector("#fed-catalogue[data-ready='true']")


def test_search_across_members(page, server, national):
    _, cat_a, cat_b = national
    page.goto(server.url(""))
    ready(page)
    everything = page.locator(ROWS).count()
    assert everything == len(cat_a["standards"]) + len(cat_b["standards"])
    # A word common to both corpora finds standards of both members.
    title_word = "机关"
    page.fill("#fed-q", title_word)
    page.wait_for_function("document.querySelector('#fed-count').textContent.includes('找到')")
    page.wait_for_timeout(300)
    found = rows(page)
    assert {r["member"] for r in found} == {"甲省机关事务管理局", "乙市机关事务管理局"}
    expected = {s["number"] for cat in (cat_a, cat_b) for s in cat["standards"]
                if title_word in s["title"] + "".join(s["keywords"])}
    assert {r["number"] for r in found} == expected
    assert parse_qs(urlsplit(page.url).query)["q"] == [title_word]
    # A number in another spelling finds exactly that standard, linked to its member's page.
    target = cat_a["standards"][3]
    spelling = target["number"].replace("—", "-").replace(" ", "").lower()
    page.fill("#fed-q", spelling)
    page.wait_for_timeout(400)
    first = rows(page)[0]
    assert first["number"] == target["number"]
    assert first["href"] == "http://127.0.0.1:1/a/" + target["url"]


def test_member_facet_on_a_phone(phone, server, national):
    _, _, cat_b = national
    phone.goto(server.url(""))
    ready(phone)
    phone.select_option("#fed-member", label=f"乙市机关事务管理局（{len(cat_b['standards'])}）")
    phone.wait_for_timeout(300)
    found = rows(phone)
    assert len(found) == len(cat_b["standards"])
    assert {r["member"] for r in found} == {"乙市机关事务管理局"}
    assert "member=" in phone.url
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "no sideways scrolling at 390 px"
    box = phone.locator(ROWS).first.bounding_box()
    assert box is not None and box["width"] <= 390
    # Reloaded with the state in the URL, the facet and the results come back.
    phone.reload()
    ready(phone)
    assert phone.locator("#fed-member").input_value() != ""
    assert len(rows(phone)) == len(cat_b["standards"])


def test_hostile_title_is_text(page, server):
    page.goto(server.url("?q=onerror"))
    ready(page)
    page.wait_for_timeout(300)
    found = rows(page)
    assert len(found) == 1 and found[0]["title"].startswith(EVIL)
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#fed-results img").count() == 0


def test_pages_without_javascript(browser, server, national):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(server.url(""))
        links = page.locator(".fed-members-list a").evaluate_all("as => as.map(a => a.href)")
        assert len(links) == 3
        page.goto(links[1])
        numbers = page.locator(".fed-std-table tbody tr td:first-child").all_text_contents()
        assert numbers == [s["number"] for s in national[2]["standards"]]
        page.goto(server.url("members/"))
        assert page.locator("tr[data-result='failed']").count() == 1
    finally:
        context.close()
