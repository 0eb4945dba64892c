"""标准目录 opened with ?q=: the unfiltered rows stay out of layout only until the catalogue has
applied the query, the search index is fetched once (preloaded), and the rows still show if
catalogue.js never runs. Runs on the shipped corpus."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

ROWS = "#catalogue-table tbody tr"


def test_query_rows_show_once_filtered_and_index_fetched_once(page, site_server):
    metas: list[str] = []
    page.on("request", lambda req: metas.append(req.url) if "search/meta.json" in req.url else None)
    page.goto(site_server.url("catalogue/?q=41568"))
    page.wait_for_function("() => /筛选出/.test(document.getElementById('catalogue-count').textContent)")
    page.wait_for_function("() => !document.documentElement.classList.contains('cat-pending')")
    row = page.locator(f'{ROWS}[data-slug="gb-t-41568-2022"]')
    assert row.is_visible()
    page.wait_for_load_state("load")
    assert len(metas) == 1


def test_rows_show_without_catalogue_script(page, site_server):
    page.route("**/assets/js/catalogue.js", lambda route: route.fulfill(
        status=200, content_type="application/javascript", body=""))  # the script does nothing
    page.goto(site_server.url("catalogue/?q=41568"))
    page.wait_for_load_state("load")
    page.wait_for_function("() => !document.documentElement.classList.contains('cat-pending')")
    assert page.locator(ROWS).first.is_visible()
