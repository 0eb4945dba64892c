"""Search tokenisation, pinyin and number keys: Python (build) and JS (query) must agree."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from hooks.model.anchors import slugify
from hooks.search import index as search_index
from hooks.search.tokens import (
    Dictionary,
    body_token_set,
    body_tokens,
    compact,
    initials,
    pinyin_field,
    pinyin_syllables,
    query_terms,
    segment,
    settings,
    shard_of,
)

REPO = Path(__file__).resolve().parent.parent
CASES = json.loads((REPO / "tests" / "data" / "search_cases.json").read_text(encoding="utf-8"))
SEARCH_JS = REPO / "docs" / "assets" / "js" / "search.js"
NODE_RUNNER = REPO / "tests" / "js" / "search_node.js"
NODE = shutil.which("node") or "/usr/bin/node"


def dictionary() -> Dictionary:
    return Dictionary.of(CASES["words"], CASES["codes"])


@pytest.mark.parametrize(("query", "expected"), list(CASES["terms"].items()))
def test_query_terms(query, expected):
    assert query_terms(query, dictionary()) == expected


@pytest.mark.parametrize(("text", "expected"), list(CASES["body_tokens"].items()))
def test_body_tokens(text, expected):
    assert body_tokens(text) == expected


@pytest.mark.parametrize(("text", "expected"), list(CASES["body_tokens"].items()))
def test_the_index_token_set_is_the_set_of_body_tokens(text, expected):
    assert body_token_set(text) == set(expected)


@hypothesis_settings(max_examples=500, derandomize=True, deadline=None)
@given(st.text(st.one_of(st.characters(codec=None, categories=None),
                         st.sampled_from(list("管理节能ＡＢ１２ab9—－‐ \t\n\u3000ⅫİK㐀豈﨩"))),
               max_size=30))
def test_the_index_token_set_agrees_with_body_tokens_on_any_text(text):
    assert body_token_set(text) == set(body_tokens(text))


@pytest.mark.parametrize(("text", "expected"), list(CASES["compact"].items()))
def test_number_spellings_share_one_key(text, expected):
    assert compact(text) == expected


def test_segment_keeps_unknown_runs_together_and_never_leaves_single_characters():
    d = dictionary()
    assert segment("用房", d) == ["用房"]
    assert segment("公务用车管理", d) == ["公务用车", "管理"]
    assert segment("车辆调度员", d) == ["车辆", "调度员"]
    assert segment("大公务用车", d) == ["大公务用车"]


@pytest.mark.parametrize(("text", "expected"), [
    ("行业", ["hang", "ye"]),
    ("重大", ["zhong", "da"]),
    ("银行", ["yin", "hang"]),
    ("行政", ["xing", "zheng"]),
    ("重庆", ["chong", "qing"]),
    ("公务用车", ["gong", "wu", "yong", "che"]),
    ("机关事务行业重大活动", ["ji", "guan", "shi", "wu", "hang", "ye", "zhong", "da", "huo", "dong"]),
    ("差旅", ["chai", "lv"]),
    ("差旅费", ["chai", "lv", "fei"]),
    ("长效机制", ["chang", "xiao", "ji", "zhi"]),
    ("朝阳", ["chao", "yang"]),
    ("ＧＢ／Ｔ 朝阳市", ["chao", "yang", "shi"]),
])
def test_pinyin_heteronyms_follow_the_domain(text, expected):
    assert pinyin_syllables(text) == expected


def test_search_pinyin_is_the_anchor_pinyin():
    """The index's pinyin and a heading's anchor come from one function (hooks/model/pinyin.py)."""
    for heading in ("差旅", "长效机制", "朝阳", "行业标准", "重大活动"):
        assert "-".join(pinyin_syllables(heading)) == slugify(heading)
    assert pinyin_field(["差旅管理", "长效机制"]) == "chai lv guan li|chang xiao ji zhi"


def test_pinyin_field_and_initials():
    assert pinyin_field(["公务用车 管理", "GB/T"]) == "gong wu yong che guan li"
    assert initials(pinyin_syllables("办公用房")) == "bgyf"
    assert initials(pinyin_syllables("安全")) == "aq"  # zero-initial syllables keep a letter


def test_clauses_use_the_page_anchors():
    body = ("前言文字。\n\n## 前言\n\n本文件……\n\n## 1 范围\n\n本文件规定了……\n\n"
            "### 5.2 车辆调度 {#custom}\n\n| 序号 | 项目 |\n|---|---|\n| 1 | **调度** |\n\n"
            "## 附录 A（资料性）记录表\n\n### A.1 登记\n\n登记内容。\n\n## 前言\n\n再次。\n")
    parts = search_index.clauses(body)
    assert [p[0] for p in parts] == ["", "qian-yan", "1", "custom", "A", "A.1", "qian-yan_1"]
    assert parts[3] == ("custom", "5.2 车辆调度", "序号 项目 1 调度")


def test_shard_hash_is_fnv1a_over_utf16():
    assert shard_of("a", 1 << 32) == 0xE40C292C  # FNV-1a 32 of "a"
    assert all(0 <= shard_of(t, n) < n for t, n in CASES["shards"].items())


def run_node(tmp_path: Path, requests: dict) -> dict:
    """search.js in node against a minimal index with the cases' dictionary."""
    meta = {"version": 1, "settings": {k: v for k, v in settings().items() if not k.startswith("_")},
            "fields": search_index.META_FIELDS, "columns": [[] for _ in search_index.META_FIELDS], "words": CASES["words"],
            "codes": CASES["codes"], "page_url": "standards/{slug}/",
            "catalogue_url": "catalogue/", "body": {"shards": 1, "clauses": 0, "tokens": 0}}
    (tmp_path / "search").mkdir(exist_ok=True)
    (tmp_path / "search" / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), "utf-8")
    proc = subprocess.run([NODE, str(NODE_RUNNER), str(SEARCH_JS), str(tmp_path)],
                          input=json.dumps(requests), capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_javascript_tokeniser_agrees_with_python(tmp_path):
    shards = {t: n for t, n in CASES["shards"].items()}
    out = run_node(tmp_path, {"tokenise": list(CASES["terms"]),
                              "bodyTokens": list(CASES["body_tokens"]), "shards": shards})
    assert out["tokenise"] == {q: query_terms(q, dictionary()) for q in CASES["terms"]}
    assert out["bodyTokens"] == {t: body_tokens(t) for t in CASES["body_tokens"]}
    assert out["shards"] == {t: shard_of(t, n) for t, n in shards.items()}
