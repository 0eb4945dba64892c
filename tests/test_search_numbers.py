"""Search: compact numbers, suggestions, tie ranking, match reasons and snippet edges (issue 15).

search.js runs in node (tests/js/search_ux_node.js) on a small index written here; the loose
code rule (GB/T → gb) must be the same in hooks/search/tokens.py and search.js.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from hooks.derive.presentation import SAMPLE_MARK
from hooks.search import index as search_index
from hooks.search.tokens import Dictionary, loose_code, query_terms, settings

REPO = Path(__file__).resolve().parent.parent
CASES = json.loads((REPO / "tests" / "data" / "search_cases.json").read_text(encoding="utf-8"))
SEARCH_JS = REPO / "docs" / "assets" / "js" / "search.js"
RUNNER = REPO / "tests" / "js" / "search_ux_node.js"
NODE = shutil.which("node") or "/usr/bin/node"


def row(slug, number, code, seq, year, title, keywords=(), status="现行", summary="") -> list:
    values = {"slug": slug, "number": number, "code": code, "seq": seq, "year": year,
              "title": title, "title_en": "", "keywords": list(keywords), "summary": summary,
              "py_title": "", "py_keywords": "", "status": status, "level": "国家标准",
              "domain": "01", "top": "01", "issued_year": year, "clauses": 0, "text_file": 0}
    return [values[f] for f in search_index.META_FIELDS]


ROWS = [
    row("gb-t-41568-2022", "GB/T 41568—2022", "GB/T", "41568", "2022", "机关事务管理 术语"),
    row("db31-t-1350-2022", "DB31/T 1350—2022", "DB31/T", "1350", "2022", "机关公务用车标识规范"),
    row("sljg-plan-2025-04", "SLJG 计划 2025-04", "SLJG", "04", "2025",
        "机关办公区物业服务规范（示例）", ["物业服务"], status="制定中"),
    row("db4103-t-152-2023", "DB4103/T 152—2023", "DB4103/T", "152", "2023",
        "党政机关办公区物业管理服务规范", ["物业服务", "办公区"]),
    row("sljg-001-2023", "SLJG 001—2023", "SLJG", "001", "2023",
        "公务用车调度服务规范（示例）", ["公务用车"]),
]


@pytest.fixture(scope="module")
def node(tmp_path_factory):
    site = tmp_path_factory.mktemp("search-ux")
    meta = {"version": 2, "settings": {**{k: v for k, v in settings().items()
                                          if not k.startswith("_")}, "statuses": ["现行"]},
            "fields": search_index.META_FIELDS, "columns": [list(c) for c in zip(*ROWS, strict=True)], "words": ["物业服务", "公务用车"],
            "codes": sorted({r[2] for r in ROWS}), "page_url": "standards/{slug}/",
            "catalogue_url": "catalogue/", "body": {"shards": 1, "clauses": 0, "tokens": 0}}
    (site / "search").mkdir()
    (site / "search" / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), "utf-8")

    def run(requests: dict) -> dict:
        proc = subprocess.run([NODE, str(RUNNER), str(SEARCH_JS), str(site)],
                              input=json.dumps(requests), capture_output=True, text=True,
                              check=False)
        assert proc.returncode == 0, proc.stderr
        return json.loads(proc.stdout)
    return run


@pytest.mark.parametrize("query", ["gb41568", "GB41568", "GB 41568", "gbt41568-2022",
                                   "GB/T41568", "gb41568-2022", "ＧＢ４１５６８", "41568"])
def test_compact_and_spaced_numbers_find_the_standard(node, query):
    found = node({"queries": [query]})["queries"][query]
    assert found and found[0]["slug"] == "gb-t-41568-2022", found
    assert found[0]["reasons"] == ["number"] and found[0]["why"] == "标准号"


def test_glued_number_with_local_code_still_works(node):
    found = node({"queries": ["db31t1350", "DB31 1350", "db311350"]})["queries"]
    for q, results in found.items():
        assert results and results[0]["slug"] == "db31-t-1350-2022", q


def test_loose_codes_agree_between_python_and_javascript(node):
    cases = CASES["loose_codes"]
    assert {c: loose_code(c) for c in cases} == cases
    assert node({"looseCodes": list(cases)})["looseCodes"] == cases


def test_a_glued_code_is_one_term_only_when_it_starts_with_a_known_code():
    d = Dictionary.of([], ["GB/T"])
    assert query_terms("gb41568", d) == ["gb41568"]
    assert query_terms("xy41568", d) == ["8", "xy4156"]  # unknown code: unchanged behaviour


def test_no_one_character_suggestions(node):
    s = node({"suggest": ["物业服务 车", "gb41568 不存在的词"]})["suggest"]
    for q, out in s.items():
        assert all(len(term) > 1 for term, _ in out["fewer"]), (q, out)
    assert ["物业服务", 2] in s["物业服务 车"]["fewer"]


def test_in_force_standard_ranks_above_plan_and_sample(node):
    found = node({"queries": ["物业服务", "公务用车"]})["queries"]
    assert [r["slug"] for r in found["物业服务"]] == ["db4103-t-152-2023", "sljg-plan-2025-04"]
    assert [r["slug"] for r in found["公务用车"]] == ["db31-t-1350-2022", "sljg-001-2023"]


def test_sample_mark_setting_is_the_projects_mark():
    assert settings()["secondary"]["title_mark"] == SAMPLE_MARK


def test_each_result_says_why_and_a_title_hit_opens_the_page_top(node):
    found = node({"queries": ["物业服务"]})["queries"]["物业服务"]
    why = {r["slug"]: r["why"] for r in found}
    assert why == {"db4103-t-152-2023": "关键词", "sljg-plan-2025-04": "标题"}
    assert all(r["href"] == f"http://x/standards/{r['slug']}/" for r in found)


WORDS = ("The administration of government offices covers vehicles, buildings and meetings; "
         "every request is recorded in the dispatch register before departure.")


@pytest.mark.parametrize("needle", ["register", "vehicles", "meetings"])
def test_snippets_are_not_cut_inside_a_latin_word(node, needle):
    parts = node({"snippets": [[WORDS, [needle], 20]]})["snippets"][0]
    text = "".join(t for t, _ in parts).strip("…")
    start = WORDS.index(text)
    end = start + len(text)
    assert start == 0 or not (WORDS[start - 1].isalnum() and WORDS[start].isalnum()), text
    assert end == len(WORDS) or not (WORDS[end - 1].isalnum() and WORDS[end].isalnum()), text
    assert [t for t, mark in parts if mark] == [needle]


CHINESE = "本条规定了公务用车的使用范围，调度员应核对用车申请，优先保障机要通信和应急用车，并在派车单上记录里程。行驶记录应保存不少于三年，并按月汇总。"


def test_chinese_snippet_edges_fall_after_punctuation(node):
    parts = node({"snippets": [[CHINESE, ["机要通信"], 10]]})["snippets"][0]
    text = "".join(t for t, _ in parts)
    assert text.startswith("…优先保障") and text.endswith("记录里程。…"), text
