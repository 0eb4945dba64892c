"""Federation (spec section 9): the published schema, harvesting over real loopback HTTP, the
cache of last good copies, federation.yml errors, escaping, atomic builds, the half-year report
from harvested data, and the end-to-end case of two synthetic member sites plus a broken one.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
from conftest import FIXED_EPOCH, REPO, BuildResult
from federate_fixture import Routes, build_synthetic_site, catalogue_server, write_config

from hooks.cli.main import main
from hooks.corpus import load_corpus
from hooks.export.report import build_report, parse_period
from hooks.federate import site as federate_site
from hooks.federate.harvest import CatalogueError, parse_catalogue

SITE = "https://a.example.gov.cn/std/"


@pytest.fixture(scope="module")
def shipped_catalogue(shipped_site: BuildResult) -> dict:
    return json.loads((shipped_site.site / "catalogue.json").read_text(encoding="utf-8"))


def encode(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def small(catalogue: dict, prefix: str, n: int = 5) -> dict:
    """A member catalogue of `n` standards, numbered apart from other members' by `prefix`."""
    data = copy.deepcopy(catalogue)
    data["standards"] = [s for s in data["standards"] if s["status"] != "制定中"][:n]
    for i, s in enumerate(data["standards"]):
        s["number"] = f"DB{prefix}/T {100 + i}—2024"
        s["slug"] = f"db{prefix}-t-{100 + i}-2024"
        s["url"] = f"standards/{s['slug']}/"
        s["replaces"], s["replaced_by"] = [], []
    data["count"] = len(data["standards"])
    return data


def federate(tmp: Path, config: Path, *extra: str, out: str = "national") -> tuple[int, Path]:
    target = tmp / out
    code = main(["federate", str(config), "-d", str(target), *extra])
    return code, target


@pytest.fixture(autouse=True)
def _fixed_day(monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(FIXED_EPOCH))


# -------------------------------------------------------------------------- the schema

def test_shipped_catalogue_fits_published_schema(shipped_site: BuildResult, shipped_catalogue):
    published = shipped_site.site / "schema" / "catalogue.schema.json"
    assert published.read_bytes() == (REPO / "hooks/data/catalogue.schema.json").read_bytes()
    assert (shipped_site.site / "schema" / "standard.schema.json").is_file()
    data = parse_catalogue((shipped_site.site / "catalogue.json").read_bytes())
    assert data["count"] == len(data["standards"]) > 0
    schema = json.loads(published.read_text(encoding="utf-8"))
    written = set().union(*(s.keys() for s in shipped_catalogue["standards"]))
    described = set(schema["$defs"]["standard"]["properties"])
    assert written == described  # every field written is described, nothing more
    drafts = [s for s in shipped_catalogue["standards"] if s["status"] == "制定中"]
    assert drafts and all(s["stage"] and s["stages"] for s in drafts)


@pytest.mark.parametrize("change, reason", [
    (lambda d: d.update(format_version=2), "格式版本 2 不受支持"),
    (lambda d: d.update(format_version="1"), "不受支持"),
    (lambda d: d.pop("format_version"), "不受支持"),
    (lambda d: d["standards"][0].pop("title"), "standards/0 缺少字段 title"),
    (lambda d: d.pop("standards"), "（顶层） 缺少字段 standards"),
    (lambda d: d["standards"][0].update(status="有效"), "standards/0/status"),
    (lambda d: d["standards"][0].update(url="../../evil/"), "standards/0/url"),
    (lambda d: d["standards"][0].update(url="https://evil.example/"), "standards/0/url"),
    (lambda d: d["standards"][0].update(issued="2024/01/01"), "standards/0/issued"),
])
def test_schema_rejects(shipped_catalogue, change, reason):
    data = copy.deepcopy(shipped_catalogue)
    change(data)
    with pytest.raises(CatalogueError, match=re.escape(reason)):
        parse_catalogue(encode(data))


def test_schema_accepts_additions_and_older_catalogues(shipped_catalogue):
    data = copy.deepcopy(shipped_catalogue)
    data["new_top_level"] = {"x": 1}
    for s in data["standards"]:
        s["new_field"] = "later"
        for key in ("stage", "stages", "planned", "comment_until"):  # before they were added
            s.pop(key)
    assert parse_catalogue(encode(data))["standards"][0]["new_field"] == "later"


# -------------------------------------------------------------------------- harvesting

def test_harvest_over_http_reports_each_failure_and_builds(tmp_path, shipped_catalogue, capsys):
    good = small(shipped_catalogue, "11")
    wrong_version = dict(small(shipped_catalogue, "12"), format_version=9)
    routes = Routes(files={"/good/catalogue.json": encode(good),
                           "/bad-json/catalogue.json": b'{"format_version": 1, "standards": [',
                           "/v9/catalogue.json": encode(wrong_version),
                           "/slow/catalogue.json": encode(good),
                           "/huge/catalogue.json": b" " * 300_000},
                    slow={"/slow/catalogue.json"}, streamed={"/stream/catalogue.json": 10_000_000})
    with catalogue_server(routes) as base:
        members = [("甲省", SITE, f"{base}/good/catalogue.json"),
                   ("缺失省", SITE, f"{base}/missing/catalogue.json"),
                   ("超时省", SITE, f"{base}/slow/catalogue.json"),
                   ("乱码省", SITE, f"{base}/bad-json/catalogue.json"),
                   ("新版省", SITE, f"{base}/v9/catalogue.json"),
                   ("过大省", SITE, f"{base}/huge/catalogue.json"),
                   ("流式省", SITE, f"{base}/stream/catalogue.json")]
        config = write_config(tmp_path / "federation.yml", members, timeout=0.5, max_bytes=200_000)
        code, site = federate(tmp_path, config)
    err = capsys.readouterr().err.splitlines()
    assert code == 0
    expected = {"缺失省": "HTTP 404", "超时省": "超时", "乱码省": "不是有效的 JSON",
                "新版省": "格式版本 9 不受支持", "过大省": "超过大小上限 200000 字节",
                "流式省": "超过大小上限 200000 字节"}
    for name, reason in expected.items():
        lines = [line for line in err if f"成员“{name}”" in line]
        assert len(lines) == 1 and reason in lines[0] and "没有可用的缓存" in lines[0], (name, err)
    assert not any("甲省" in line for line in err)
    members_page = (site / "members" / "index.html").read_text(encoding="utf-8")
    assert members_page.count('data-result="failed"') == 6
    assert members_page.count('data-result="ok"') == 1
    index = json.loads((site / "federation-index.json").read_text(encoding="utf-8"))
    assert {r[1] for r in index["rows"]} == {s["number"] for s in good["standards"]}


def test_file_url_and_relative_path(tmp_path, shipped_catalogue):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.json").write_bytes(encode(small(shipped_catalogue, "21")))
    (tmp_path / "data" / "b.json").write_bytes(encode(small(shipped_catalogue, "22")))
    config = write_config(tmp_path / "federation.yml",
                          [("甲", SITE, "data/a.json"),
                           ("乙", SITE, (tmp_path / "data" / "b.json").as_uri())])
    code, site = federate(tmp_path, config)
    assert code == 0
    index = json.loads((site / "federation-index.json").read_text(encoding="utf-8"))
    assert len(index["rows"]) == 10 and [m["result"] for m in index["members"]] == ["ok", "ok"]


def test_cache_keeps_last_good_copy_and_marks_it_stale(tmp_path, shipped_catalogue, capsys):
    a, b = small(shipped_catalogue, "31"), small(shipped_catalogue, "32", n=4)
    routes = Routes(files={"/a/catalogue.json": encode(a), "/b/catalogue.json": encode(b)})
    with catalogue_server(routes) as base:
        config = write_config(tmp_path / "federation.yml",
                              [("甲市", SITE, f"{base}/a/catalogue.json"),
                               ("乙市", "https://b.example.gov.cn/", f"{base}/b/catalogue.json")])
        assert federate(tmp_path, config)[0] == 0
        cached = list((tmp_path / ".federation-cache").glob("*.json"))
        assert len(cached) == 2
        routes.files["/b/catalogue.json"] = b"<html>maintenance</html>"  # 乙市 breaks
        code, site = federate(tmp_path, config)
        assert code == 0
        err = capsys.readouterr().err
        assert "成员“乙市”：catalogue.json 不是有效的 JSON" in err and "已标为过期" in err
        assert federate(tmp_path, config, "--strict", out="strict")[0] == 1
    index = json.loads((site / "federation-index.json").read_text(encoding="utf-8"))
    numbers = {r[1] for r in index["rows"]}
    assert {s["number"] for s in b["standards"]} <= numbers  # nothing lost
    assert [m["result"] for m in index["members"]] == ["ok", "stale"]
    members_page = (site / "members" / "index.html").read_text(encoding="utf-8")
    assert "过期：沿用 2026-11-27 12:00 的副本" in members_page
    assert "不是有效的 JSON" in members_page
    member = next((site / "member").glob("yi-shi*/index.html")).read_text(encoding="utf-8")
    assert "https://b.example.gov.cn/standards/db32-t-100-2024/" in member


def test_no_usable_member_keeps_previous_site(tmp_path, shipped_catalogue, capsys):
    (tmp_path / "a.json").write_bytes(encode(small(shipped_catalogue, "41")))
    config = write_config(tmp_path / "federation.yml", [("甲", SITE, "a.json")],
                          cache=".cache")
    assert federate(tmp_path, config)[0] == 0
    before = (tmp_path / "national" / "index.html").read_bytes()
    config = write_config(tmp_path / "federation.yml", [("丙", SITE, "missing.json")], cache=".cache")
    assert federate(tmp_path, config)[0] == 1
    assert "没有任何成员可用" in capsys.readouterr().err
    assert (tmp_path / "national" / "index.html").read_bytes() == before


def test_failed_build_leaves_previous_site(tmp_path, shipped_catalogue, monkeypatch, capsys):
    (tmp_path / "a.json").write_bytes(encode(small(shipped_catalogue, "42")))
    config = write_config(tmp_path / "federation.yml", [("甲", SITE, "a.json")])
    assert federate(tmp_path, config)[0] == 0
    snapshot = {p.relative_to(tmp_path): p.read_bytes()
                for p in (tmp_path / "national").rglob("*") if p.is_file()}

    def broken(project: Path, site: Path) -> None:
        site.mkdir()
        (site / "index.html").write_text("half", encoding="utf-8")
        raise OSError("disk full")

    monkeypatch.setattr(federate_site, "_mkdocs_build", broken)
    assert federate(tmp_path, config)[0] == 1
    assert "原网站未改动" in capsys.readouterr().err
    after = {p.relative_to(tmp_path): p.read_bytes()
             for p in (tmp_path / "national").rglob("*") if p.is_file()}
    assert after == snapshot
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".national-")]


# -------------------------------------------------------------------------- federation.yml

def test_bad_config_reports_every_problem_with_line(tmp_path, capsys):
    config = tmp_path / "federation.yml"
    config.write_text("titel: 汇总\n"  # 1
                      "timeout: -3\n"  # 2
                      "members:\n"  # 3
                      "  - name: 甲\n"  # 4
                      "    site_url: ftp://x\n"  # 5
                      "    catalogue: a.json\n"  # 6
                      "  - name: 乙\n"  # 7
                      "    site_url: https://b.example/\n"  # 8
                      "  - name: 甲\n"  # 9
                      "    site_url: https://c.example/\n"  # 10
                      "    catalogue: gopher://c\n",  # 11
                      encoding="utf-8")
    assert main(["federate", str(config)]) == 2
    err = capsys.readouterr().err
    shown = str(config)
    assert f"{shown}:1: federation-key 不认识的键“titel”（是不是 title？）" in err
    assert f"{shown}:2: federation-value timeout 应为正数" in err
    assert f"{shown}:5: federation-value site_url“ftp://x”不是 http(s) 地址" in err
    assert f"{shown}:7: federation-required 成员缺少 catalogue" in err
    assert f"{shown}:11: federation-value catalogue 不支持“gopher:”地址" in err
    assert not (tmp_path / "site-federation").exists()


def test_yaml_syntax_error_has_line(tmp_path, capsys):
    config = tmp_path / "federation.yml"
    config.write_text("members:\n  - name: 甲\n    site_url: [oops\n", encoding="utf-8")
    assert main(["federate", str(config)]) == 2
    assert re.search(rf"{re.escape(str(config))}:\d: federation-yaml YAML 语法错误",
                     capsys.readouterr().err)


def test_duplicate_member(tmp_path, capsys):
    config = write_config(tmp_path / "federation.yml", [("甲", SITE, "a.json"), ("甲", SITE, "b.json")])
    assert main(["federate", str(config)]) == 2
    assert f"{config}:5: federation-duplicate 成员“甲”重复（第 2 行已有同名成员" in capsys.readouterr().err


# -------------------------------------------------------------------------- content

def test_hostile_metadata_is_escaped(tmp_path, shipped_catalogue):
    data = small(shipped_catalogue, "51", n=2)
    evil = '<script>alert("x")</script>\'"&amp;<img src=x onerror=alert(1)>'
    data["standards"][0].update(title=evil, number='DB51/T <b>1</b>—2024', level="<b>级</b>",
                                keywords=[evil])
    data["standards"][0]["domain"].update(code="<i>99</i>", name=evil)
    (tmp_path / "a.json").write_bytes(encode(data))
    config = write_config(tmp_path / "federation.yml", [("<img src=x onerror=alert(2)>", SITE, "a.json")])
    code, site = federate(tmp_path, config)
    assert code == 0
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html and "<b>1</b>" not in html
        assert "<i>99</i>" not in html and "<b>级</b>" not in html, page
    member = next((site / "member").glob("*/index.html")).read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in member
    index = json.loads((site / "federation-index.json").read_text(encoding="utf-8"))
    assert index["rows"][0][2] == evil


def test_unmatched_domains_warn_with_member(tmp_path, shipped_catalogue, capsys):
    data = small(shipped_catalogue, "61", n=3)
    data["standards"][0]["domain"] = {"code": "99.9", "name": "本省特色", "path": []}
    (tmp_path / "a.json").write_bytes(encode(data))
    config = write_config(tmp_path / "federation.yml", [("丁省", SITE, "a.json")])
    code, site = federate(tmp_path, config)
    assert code == 0
    assert "成员“丁省”：领域代码 99.9（本省特色）不在全国标准体系中，其标准列入未归类" in capsys.readouterr().err
    stats = (site / "statistics" / "index.html").read_text(encoding="utf-8")
    assert "未归类" in stats
    index = json.loads((site / "federation-index.json").read_text(encoding="utf-8"))
    assert [r[4] for r in index["rows"]].count("-") == 1
    assert "99.9" in (site / "members" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("period", ["2026H1", "2026H2", "2025H2"])
def test_report_from_harvest_matches_member_report(tmp_path, shipped_site, period):
    """The national report's figures for a member equal `python -m hooks report` on its corpus."""
    config = write_config(tmp_path / "federation.yml",
                          [("示例市", SITE, str(shipped_site.site / "catalogue.json"))])
    code, site = federate(tmp_path, config, "--period", period)
    assert code == 0
    own = build_report(load_corpus(REPO), parse_period(period))
    rows = (site / "report" / "report.csv").read_text(encoding="utf-8-sig").splitlines()
    header, member, total = (r.split(",") for r in (rows[0], rows[1], rows[-1]))
    assert header[2:] == [f.label for f in own.figures]
    assert [int(c) for c in member[2:]] == [f.count for f in own.figures]
    assert total[2:] == member[2:]
    assert any(f.count for f in own.figures if f.key in ("in_progress", "consultations", "started"))


# -------------------------------------------------------------------------- done when

@pytest.fixture(scope="module")
def two_members(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("members")
    return (build_synthetic_site(root / "a", 12, seed=3), build_synthetic_site(root / "b", 9, seed=4))


def test_two_built_sites_and_a_broken_member(tmp_path, two_members, capsys):
    site_a, site_b = two_members
    cat_a = json.loads((site_a / "catalogue.json").read_text(encoding="utf-8"))
    cat_b = json.loads((site_b / "catalogue.json").read_text(encoding="utf-8"))
    routes = Routes(files={"/a/catalogue.json": (site_a / "catalogue.json").read_bytes(),
                           "/b/catalogue.json": (site_b / "catalogue.json").read_bytes()},
                    status={"/c/catalogue.json": 500})
    with catalogue_server(routes) as base:
        config = write_config(tmp_path / "federation.yml",
                              [("甲省机关事务管理局", f"{base}/a/", f"{base}/a/catalogue.json"),
                               ("乙市机关事务管理局", f"{base}/b/", f"{base}/b/catalogue.json"),
                               ("丙县机关事务管理局", f"{base}/c/", f"{base}/c/catalogue.json")])
        code, site = federate(tmp_path, config)
        assert code == 0
        assert "成员“丙县机关事务管理局”：服务器返回 HTTP 500" in capsys.readouterr().err
        index = json.loads((site / "federation-index.json").read_text(encoding="utf-8"))
        links = {index["members"][r[0]]["site"] + r[6] for r in index["rows"]}
        for name, cat, member_site in (("a", cat_a, site_a), ("b", cat_b, site_b)):
            for s in cat["standards"]:
                link = f"{base}/{name}/{s['url']}"
                assert link in links
                assert (member_site / s["url"] / "index.html").is_file()  # the link's page exists
        assert len(index["rows"]) == len(cat_a["standards"]) + len(cat_b["standards"])
        pages = {p.parent.name: p.read_text(encoding="utf-8") for p in (site / "member").glob("*/index.html")}
        assert len(pages) == 3
        page_a = next(text for slug, text in pages.items() if slug.startswith("jia-sheng"))
        for s in cat_a["standards"]:
            assert f'href="{base}/a/{s["url"]}"' in page_a
        # 乙市 later breaks: its standards stay, marked stale.
        routes.files["/b/catalogue.json"] = b"{}"
        code, site = federate(tmp_path, config)
    assert code == 0
    index = json.loads((site / "federation-index.json").read_text(encoding="utf-8"))
    assert [m["result"] for m in index["members"]] == ["ok", "stale", "failed"]
    assert {s["number"] for s in cat_b["standards"]} <= {r[1] for r in index["rows"]}
