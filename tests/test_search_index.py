"""Search indexes built by a real `mkdocs build`, queried by search.js in node (no browser).

node has no DOMParser: snippets read from standard pages (the online build) are tested in
Chromium (tests/browser/test_search_browser.py); here snippets come from `search/text/` files
(the offline build, and the online build's fallback for headings the page splits otherwise).
"""

from __future__ import annotations

import json
import subprocess

import pytest
import yaml
from clause_cases import std_text
from conftest import make_project, standard
from search_fixture import EXPECTED, VEHICLE_BODY, build_fixture
from test_search_tokens import NODE, NODE_RUNNER, SEARCH_JS

from hooks.search.index import clauses, meta_rows, page_anchors

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_fixture(tmp_path_factory.mktemp("search")).site


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory):
    return build_fixture(tmp_path_factory.mktemp("search-offline"), offline=True).site


def node_queries(site, queries: list[str]) -> dict:
    proc = subprocess.run([NODE, str(NODE_RUNNER), str(SEARCH_JS), str(site)],
                          input=json.dumps({"queries": queries}), capture_output=True, text=True,
                          check=False)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)["queries"]


@pytest.fixture(scope="module")
def answers(site):
    return node_queries(site, [*EXPECTED, "用车", "公务用车", "调度", "管理", "限速", "不存在的词"])


@pytest.fixture(scope="module")
def text_answers(offline_site):
    """Answers with snippets from search/text/ files (the offline build has one per standard)."""
    return node_queries(offline_site, ["机要通信", "限速"])


def meta_of(site) -> dict:
    return json.loads((site / "search" / "meta.json").read_text(encoding="utf-8"))


def text_flags(site) -> dict[str, int]:
    meta = meta_of(site)
    slug, flag = meta["fields"].index("slug"), meta["fields"].index("text_file")
    return {row[slug]: row[flag] for row in meta_rows(meta)}


def slugs(answers, q):
    return [r["slug"] for r in answers[q]]


@pytest.mark.parametrize("query", list(EXPECTED))
def test_every_query_kind_finds_its_standard(answers, query):
    slug, where = EXPECTED[query]
    found = slugs(answers, query)
    assert slug in found[:3], found
    if where == "first":
        assert found[0] == slug, found


def test_in_force_ranks_above_replaced_and_abolished(answers):
    found = slugs(answers, "公务用车")
    assert found[0] == "sljg-001-2024"
    assert found.index("sljg-001-2024") < found.index("sljg-001-2020")
    assert found.index("sljg-001-2024") < found.index("db31-t-50-2015")
    statuses = {r["slug"]: r["status"] for r in answers["公务用车"]}
    assert statuses["sljg-001-2020"] == "被代替" and statuses["db31-t-50-2015"] == "废止"


def test_body_hit_names_the_clause_with_a_highlighted_snippet(text_answers):
    top = text_answers["机要通信"][0]
    hit = top["hits"][0]
    assert hit["clause"] == "5.2" and hit["heading"] == "5.2 车辆调度"
    assert hit["url"].endswith("standards/sljg-001-2024.html?hl=%E6%9C%BA%E8%A6%81%E9%80%9A%E4%BF%A1#5.2")
    assert "<mark>机要通信</mark>" in hit["snippet_html"]


def test_snippets_escape_the_text(text_answers):
    html = text_answers["限速"][0]["hits"][0]["snippet_html"]
    assert "<mark>限速</mark> &lt; 60 且 &amp; &quot;引号&quot;" in html
    assert "<script" not in html


def test_multiword_queries_narrow(answers):
    assert set(slugs(answers, "办公用房 管理")) <= set(slugs(answers, "管理"))
    assert slugs(answers, "不存在的词") == []


def test_index_files_and_offline_twin(site):
    meta = meta_of(site)
    assert len(meta_rows(meta)) == 6 and meta["page_url"] == "standards/{slug}/"
    assert "公务用车" in meta["words"] and "派车单" in meta["words"]  # keywords and 术语 entries
    assert not (site / "search" / "meta.js").exists()  # .js twins: the offline build only
    assert list((site / "search" / "body").glob("*.json"))
    assert not (site / "search" / "search_index.json").exists()  # Material's search is off


def test_material_search_plugin_is_not_configured():
    from conftest import REPO

    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert config["plugins"] == []


def test_offline_build_has_js_twins_for_every_index_file(offline_site):
    meta = meta_of(offline_site)
    assert meta["page_url"] == "standards/{slug}.html"
    for path in (offline_site / "search").rglob("*.json"):
        assert path.with_suffix(".js").is_file(), path
    # file:// pages cannot fetch the standard pages: every text has its file (and .js twin)
    assert (offline_site / "search" / "text" / "sljg-001-2024.js").is_file()
    assert text_flags(offline_site) == {"sljg-001-2024": 1, "sljg-001-2020": 1, "gb-t-41568-2022": 0,
                                        "db12-t-994-2020": 0, "db31-t-50-2015": 0,
                                        "db42-t-100-2021": 0}


# ---------------------------------------------------------------- snippets from the pages


def test_online_build_writes_no_search_text_for_a_normal_corpus(site):
    """Snippets come from the standard pages: no second copy of the texts under search/."""
    assert not (site / "search" / "text").exists()
    assert set(text_flags(site).values()) == {0}
    # the clauses the browser splits the page into are the ones the index numbered
    body = VEHICLE_BODY
    html = (site / "standards" / "sljg-001-2024" / "index.html").read_text(encoding="utf-8")
    assert page_anchors(std_text(html)) == [a for a, _, _ in clauses(body)]


def test_page_anchors_are_heading_ids_after_any_lead_text():
    html = ('<p>引言 &amp; 说明</p>\n<h2 id="1">1 范围<a class="headerlink" href="#1">¶</a></h2>'
            '<p>x</p><H3 class="c" id=\'A.1\'>A.1</H3><h4>无锚点</h4><h2 id="a&amp;b">b</h2>')
    assert page_anchors(html) == ["", "1", "A.1", "", "a&b"]
    assert page_anchors(' \n<p>\u3000&nbsp;</p><h2 id="qian-yan">前言</h2>') == ["qian-yan"]
    assert page_anchors("<p>只有正文</p>") == [""]


ODD_BODY = """
## 1 范围

本文件规定了会议室预订的要求。

<h2>4 预订规则</h2>

会议室应提前一日预订，保留签到记录。
"""


def test_headings_the_page_splits_otherwise_keep_their_text_file(tmp_path):
    """A heading written as raw HTML: Markdown leaves it alone, so it is no clause of the index,
    but the browser would split the page there. This standard (only) keeps
    search/text/<slug>.json, flagged in meta; its snippets still show."""
    corpus = {
        "sljg-001-2024.md": standard(
            number="SLJG 001—2024", title="公务用车调度服务规范", domain='"03.02"',
            level="单位内部标准", issued="2024-01-01", effective="2024-03-01", body=VEHICLE_BODY),
        "sljg-009-2025.md": standard(
            number="SLJG 009—2025", title="会议室预订服务规范", domain='"03.02"',
            level="单位内部标准", issued="2025-01-01", effective="2025-02-01", body=ODD_BODY),
    }
    result = make_project(tmp_path, corpus).build()
    assert result.returncode == 0, result.output
    site = result.site
    assert [p.name for p in (site / "search" / "text").iterdir()] == ["sljg-009-2025.json"]
    assert text_flags(site) == {"sljg-001-2024": 0, "sljg-009-2025": 1}
    found = node_queries(site, ["签到记录"])["签到记录"]
    assert found[0]["slug"] == "sljg-009-2025"
    hit = found[0]["hits"][0]
    assert hit["heading"] == "1 范围" and "<mark>签到记录</mark>" in hit["snippet_html"]


def test_posting_lists_round_trip_as_short_text():
    import random

    from hooks.search.index import decode_postings, encode_postings

    assert encode_postings([0, 1, 33, 1100]) == "01W1" + encode_postings([1067])[0:]
    assert encode_postings([5]) == "5" and encode_postings([31]) == "V"
    assert encode_postings([32]) == "W1" and decode_postings("W1") == [32]
    rng = random.Random(7)
    for _ in range(200):
        ids = sorted(rng.sample(range(400_000), rng.randint(1, 60)))
        text = encode_postings(ids)
        assert decode_postings(text) == ids
        assert text.isascii() and '"' not in text and "\\" not in text
    for _ in range(200):  # dense lists (bitmaps), and gaps past the lookup table
        total = rng.randint(300, 3000)
        ids = sorted(rng.sample(range(total), rng.randint(total // 2, total)))
        text = encode_postings(ids, total)
        assert text.startswith("~") and decode_postings(text) == ids
        assert len(text) == 1 + (total + 5) // 6
    far = [0, 1 << 15, (1 << 15) + 1, 1 << 30]
    assert decode_postings(encode_postings(far)) == far
    assert decode_postings(encode_postings(far, (1 << 30) + 1)) == far


def test_common_tokens_get_files_of_their_own(tmp_path, monkeypatch):
    """Sized for the first query: a token whose postings pass body_own_file_chars owns its hash
    bucket's file (body/w<bucket>, the buckets listed in `own` as posting text); the hash shards
    hold the rest; every token's postings are the same either way."""
    from hooks.corpus import load_corpus
    from hooks.search import index
    from hooks.search.tokens import settings, shard_of

    body = "\n\n".join(f"## {n} 条款{n}\n\n公务用车的第{n}项要求，另见附件。" for n in range(1, 40))
    project = make_project(tmp_path, {"db11-t-1234-2024.md": standard(
        number="DB11/T 1234—2024", title="公务用车管理规范") + body})
    standards = load_corpus(project.root).standards
    assert [s.has_text for s in standards] == [True]
    reference = index.body_index(standards)
    assert reference["own"] == ""  # 39 clauses: every posting is short at the shipped limit
    limit, space = 5, settings()["body_own_buckets"]
    monkeypatch.setattr(index, "settings", lambda: {**settings(), "body_own_file_chars": limit})
    split = index.body_index(standards)
    joined = {t: p for data in reference["files"].values() for t, p in data.items()}
    common = {t for t, p in joined.items() if len(p) > limit}
    assert {"公务", "用车", "要求"} <= common
    buckets = index.decode_postings(split["own"])
    assert buckets == sorted({shard_of(t, space) for t in common})
    shards = split["shards"]
    for token, posting in joined.items():
        bucket = shard_of(token, space)
        name = f"body/w{bucket}" if bucket in buckets else f"body/{shard_of(token, shards)}"
        assert split["files"][name][token] == posting
        assert sum(token in data for data in split["files"].values()) == 1
    assert split["tokens"] == reference["tokens"] == len(joined)


def test_meta_leaves_out_slugs_and_numbers_the_browser_derives(site, answers):
    """meta.json stores "" for a slug or number that its parts give; meta_rows (and search.js,
    whose answers carry the slugs) fill them in: every one names a standard's page."""
    from hooks.search.index import usual_slug

    meta = meta_of(site)
    stored = meta["columns"][0]
    assert "" in stored and "" in meta["columns"][1]
    rows = meta_rows(meta)
    for row in rows:
        assert (site / "standards" / row[0] / "index.html").is_file(), row[0]
    assert usual_slug("建标", "101", "2019") != "jian-biao-101-2019"  # non-ASCII codes: kept
    found = {r["slug"] for q in answers.values() for r in q}
    assert found <= {row[0] for row in rows}


def test_the_sites_minified_search_js_answers_as_the_source_does(site, answers):
    """hooks/pages/minify.py: the site's copy of search.js is minified (a third smaller
    gzipped) and gives the same answers, in the same order, as the commented source."""
    import gzip

    built = site / "assets" / "js" / "search.js"
    source = SEARCH_JS.read_bytes()
    assert len(gzip.compress(built.read_bytes())) < 0.8 * len(gzip.compress(source))
    assert b"/*" not in built.read_bytes()
    proc = subprocess.run([NODE, str(NODE_RUNNER), str(built), str(site)],
                          input=json.dumps({"queries": list(answers)}), capture_output=True,
                          text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["queries"] == answers
    css = (site / "assets" / "css" / "bundle.css").read_text(encoding="utf-8")
    assert "/*" not in css and ".std-search__panel{" in css  # rules kept, comments and spaces gone


def test_dense_posting_lists_are_bitmaps_both_sides_read(site):
    """A token in most clauses is written as a bitmap ("~", six ids per letter) when that is
    shorter than its gaps; Python and search.js decode both forms to the same ids."""
    import random

    from hooks.search.index import BITMAP_MARK, decode_postings, encode_postings

    rng = random.Random(3)
    total = 5000
    dense = sorted(rng.sample(range(total), 3500))
    sparse = sorted(rng.sample(range(total), 40))
    edge = [0, 5, 6, 4999]
    texts = [encode_postings(ids, total) for ids in (dense, sparse, edge, list(range(total)))]
    assert texts[0].startswith(BITMAP_MARK) and len(texts[0]) == 1 + (total + 5) // 6
    assert not texts[1].startswith(BITMAP_MARK)  # sparse: gaps are shorter
    assert texts[0] != encode_postings(dense)  # without `total`: always gaps
    for text, ids in zip(texts, (dense, sparse, edge, list(range(total))), strict=True):
        assert decode_postings(text) == ids
        assert text.isascii() and '"' not in text and "\\" not in text
    proc = subprocess.run([NODE, str(NODE_RUNNER), str(SEARCH_JS), str(site)],
                          input=json.dumps({"decode": texts}), capture_output=True, text=True,
                          check=False)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["decode"] == [dense, sparse, edge, list(range(total))]
