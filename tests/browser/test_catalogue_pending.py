"""标准目录 opened with ?q=: the unfiltered rows stay out of layout only until the catalogue has
applied the query, the search index is fetched once (preloaded), and the rows still show if
catalogue.js never runs. Runs on the shipped corpus."""

from __future__ import annotations

import json
import re

import pytest

from hooks.search.index import decode_postings, encode_postings
from hooks.search.tokens import shard_of

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


def test_full_text_shards_are_fetched_with_the_page_once(page, site_server):
    """A word query: the body shard is requested by the page's preload hint and read by the
    search from that same request (one request per index file)."""
    requests: list[str] = []
    page.on("request", lambda req: requests.append(req.url) if "/search/" in req.url else None)
    page.goto(site_server.url("catalogue/?q=会场布置"))
    page.wait_for_function("() => /筛选出/.test(document.getElementById('catalogue-count').textContent)")
    page.wait_for_load_state("load")
    hints = page.eval_on_selector_all('link[rel="preload"]', "els => els.map(e => e.href)")
    meta = json.loads((site_server.root / "search" / "meta.json").read_text(encoding="utf-8"))
    own, space = set(decode_postings(meta["body"]["own"])), meta["body"]["own_space"]
    wanted = {f"w{shard_of(t, space)}" if shard_of(t, space) in own
              else shard_of(t, meta["body"]["shards"]) for t in ("会场", "场布", "布置")}
    for name in wanted:
        assert any(h.endswith(f"/search/body/{name}.json") for h in hints), (name, hints)
        assert any(u.endswith(f"/search/body/{name}.json") for u in requests), (name, requests)
    assert len(requests) == len(set(requests)), requests


def test_preload_hint_hashes_like_the_index(page, site_server, tmp_path):
    """With many shards, the page's hint names the shards the build put the query's tokens in."""
    html = (site_server.root / "catalogue" / "index.html").read_text(encoding="utf-8")
    shards = re.search(r'data-shards="(\d+)"', html).group(0)  # 1 or 2: the articles add text
    page.route(lambda url: "/catalogue/?q=" in url, lambda route: route.fulfill(
        status=200, content_type="text/html; charset=utf-8",
        body=html.replace(shards, 'data-shards="64"')))
    page.route("**/search/body/*.json", lambda route: route.fulfill(
        status=200, content_type="application/json", body="{}"))
    def hinted(query: str) -> list[int]:
        page.goto(site_server.url(f"catalogue/?q={query}"))
        hints = page.eval_on_selector_all('link[rel="preload"]', "els => els.map(e => e.href)")
        return sorted(int(h.rsplit("/", 1)[1].split(".")[0]) for h in hints if "/body/" in h)

    assert hinted("会议服务 Meeting") == sorted(
        {shard_of(t, 64) for t in ("会议", "议服", "服务", "meeting")})
    # A common token owns its bucket's file (data-own, meta body.own): w<bucket>, not its shard.
    space = 65536
    owned = encode_postings(sorted({shard_of("服务", space), 7}))
    page.route(lambda url: "/catalogue/?q=" in url, lambda route: route.fulfill(
        status=200, content_type="text/html; charset=utf-8",
        body=re.sub(r'data-own="[^"]*" data-own-space="\d+"',
                    f'data-own="{owned}" data-own-space="{space}"',
                    html.replace(shards, 'data-shards="64"'))))
    page.goto(site_server.url("catalogue/?q=会议服务"))
    hints = page.eval_on_selector_all('link[rel="preload"]', "els => els.map(e => e.href)")
    names = sorted(h.rsplit("/", 1)[1] for h in hints if "/body/" in h)
    assert names == sorted({f"{shard_of(t, 64)}.json" for t in ("会议", "议服")}
                           | {f"w{shard_of('服务', space)}.json"})
    # With a number in the query, Latin words are its code ("GB/T"): no shard for them.
    assert hinted("GB/T 2 会议") == [shard_of("会议", 64)]
