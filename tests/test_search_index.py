"""Search indexes built by a real `mkdocs build`, queried by search.js in node (no browser)."""

from __future__ import annotations

import json
import subprocess

import pytest
import yaml
from search_fixture import EXPECTED, build_fixture
from test_search_tokens import NODE, NODE_RUNNER, SEARCH_JS

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_fixture(tmp_path_factory.mktemp("search")).site


@pytest.fixture(scope="module")
def answers(site):
    queries = [*EXPECTED, "用车", "公务用车", "调度", "管理", "限速", "不存在的词"]
    proc = subprocess.run([NODE, str(NODE_RUNNER), str(SEARCH_JS), str(site)],
                          input=json.dumps({"queries": queries}), capture_output=True, text=True,
                          check=False)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)["queries"]


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


def test_body_hit_names_the_clause_with_a_highlighted_snippet(answers):
    top = answers["机要通信"][0]
    hit = top["hits"][0]
    assert hit["clause"] == "5.2" and hit["heading"] == "5.2 车辆调度"
    assert hit["url"].endswith("standards/sljg-001-2024/#5.2")
    assert "<mark>机要通信</mark>" in hit["snippet_html"]


def test_snippets_escape_the_text(answers):
    html = answers["限速"][0]["hits"][0]["snippet_html"]
    assert "<mark>限速</mark> &lt; 60 且 &amp; &quot;引号&quot;" in html
    assert "<script" not in html


def test_multiword_queries_narrow(answers):
    assert set(slugs(answers, "办公用房 管理")) <= set(slugs(answers, "管理"))
    assert slugs(answers, "不存在的词") == []


def test_index_files_and_offline_twin(site):
    meta = json.loads((site / "search" / "meta.json").read_text(encoding="utf-8"))
    assert len(meta["rows"]) == 6 and meta["page_url"] == "standards/{slug}/"
    assert "公务用车" in meta["words"] and "派车单" in meta["words"]  # keywords and 术语 entries
    assert (site / "search" / "meta.js").read_text(encoding="utf-8").startswith(
        '(window.StandardSearchData=window.StandardSearchData||{})["meta"]=')
    assert (site / "search" / "text" / "sljg-001-2024.json").is_file()
    assert list((site / "search" / "body").glob("*.json"))
    assert not (site / "search" / "search_index.json").exists()  # Material's search is off


def test_material_search_plugin_is_not_configured():
    from conftest import REPO

    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert config["plugins"] == []


def test_offline_build_has_js_twins_for_every_index_file(tmp_path):
    site = build_fixture(tmp_path, offline=True).site
    meta = json.loads((site / "search" / "meta.json").read_text(encoding="utf-8"))
    assert meta["page_url"] == "standards/{slug}.html"
    for path in (site / "search").rglob("*.json"):
        assert path.with_suffix(".js").is_file(), path
