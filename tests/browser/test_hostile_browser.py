"""Hostile corpus in the browser: no payload ever runs (window.__pwned never set, no dialog)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import make_project
from hostile_corpus import ACCEPTED

from .conftest import serving

pytestmark = pytest.mark.browser

# Record every attempt to set the canary, even if something later deletes it.
CANARY = """
(() => {
  let hits = 0;
  Object.defineProperty(window, '__pwned', {
    configurable: false,
    get() { return hits ? hits : undefined; },
    set(v) { hits += 1; },
  });
})();
"""
HOSTILE_QUERIES = ["<script>", "pwned", "onerror", "机关事务", "javascript:", "\"'><svg"]


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("hostile-browser"), standards=ACCEPTED)
    result = project.build()
    assert result.returncode == 0, result.output
    with serving(result.site) as server:
        yield server, result.site


@pytest.fixture
def armed(new_page):
    def factory(**options):
        page = new_page(**options)
        page.add_init_script(CANARY)
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.dialogs = dialogs  # type: ignore[attr-defined]
        return page
    return factory


def assert_not_pwned(page, where: str) -> None:
    assert page.evaluate("() => window.__pwned") is None, f"payload ran on {where}"
    assert not page.dialogs, (where, page.dialogs)


def ignore_hostile_images(page, server) -> None:
    """The hostile texts reference an image "x" that does not exist: that 404 is expected."""
    def forget(resp):
        if resp.status == 404 and resp.url.rsplit("/", 1)[-1] == "x":
            page.watch.allow_http_errors.add(resp.url)
            while f"{resp.status} {resp.url}" in page.watch.http_errors:
                page.watch.http_errors.remove(f"{resp.status} {resp.url}")
    page.on("response", forget)


def test_no_payload_runs_on_any_page(armed, hostile_server):
    server, site = hostile_server
    page = armed()
    ignore_hostile_images(page, server)
    pages = sorted(p.relative_to(site).as_posix().removesuffix("index.html")
                   for p in site.rglob("*.html") if p.name != "404.html")
    for rel in pages:
        page.goto(server.url(rel))
        page.mouse.move(200, 300)
        page.mouse.move(600, 500)  # hover: on*over payloads would fire now
        assert_not_pwned(page, rel)


@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_hostile_standard_page_interactions(armed, hostile_server, name):
    server, _ = hostile_server
    page = armed()
    ignore_hostile_images(page, server)
    page.goto(server.url(f"standards/{Path(name).stem}/"))
    for link in page.locator(".std-text a, .std-meta a").all()[:20]:
        if link.is_visible():
            link.hover()
    for link in page.locator(".std-text a:not([href^=http])").all()[:10]:
        href = link.get_attribute("href") or ""
        if link.is_visible() and (href.startswith("#") or not href):
            link.click()
    assert_not_pwned(page, name)


def test_hostile_title_shows_as_text(armed, hostile_server):
    server, _ = hostile_server
    page = armed()
    page.goto(server.url("standards/gb-t-1-2020/"))
    assert "<script>window.__pwned=1</script>" in page.locator("h1").first.inner_text()


def test_catalogue_and_search_with_hostile_queries(armed, hostile_server):
    server, _ = hostile_server
    page = armed()
    ignore_hostile_images(page, server)
    page.goto(server.url("catalogue/"))
    page.wait_for_function("() => window.Catalogue")
    assert_not_pwned(page, "catalogue")
    for q in HOSTILE_QUERIES:
        page.locator("#catalogue-q").fill(q)
        page.wait_for_timeout(300)
        assert_not_pwned(page, f"catalogue ?q={q}")
        page.locator("#std-search-input").fill(q)
        page.wait_for_function("() => { const s = document.getElementById('std-search-status');"
                               " return s && s.textContent && !s.textContent.includes('正在检索'); }")
        assert_not_pwned(page, f"header search {q}")
    page.goto(server.url("catalogue/") + "?q=%3Cscript%3E&status=%22%3E%3Cimg%20src=x%20onerror=window.__pwned=1%3E")
    page.wait_for_timeout(300)
    assert_not_pwned(page, "catalogue with hostile URL parameters")


def test_hostile_long_titles_fit_a_phone(armed, hostile_server):
    server, _ = hostile_server
    page = armed(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    for rel in ("standards/gb-t-3-2020/", "catalogue/", ""):
        page.goto(server.url(rel))
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), rel


def test_canary_detects_a_payload(armed, hostile_server):
    """The check above is live: a script that sets the canary is seen."""
    server, _ = hostile_server
    page = armed()
    page.goto(server.url(""))
    page.evaluate("() => { const s = document.createElement('script');"
                  " s.textContent = 'window.__pwned = 1; delete window.__pwned;';"
                  " document.body.append(s); }")
    assert page.evaluate("() => window.__pwned") == 1
