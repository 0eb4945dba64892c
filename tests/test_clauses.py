"""One clause tree (hooks/model/clauses.py) for the page, the lint, the search index and the
edition diff: every consumer splits the shared cases of tests/data/clause_cases.json as the built
page does (search.js in the browser: tests/browser/test_clauses_browser.py)."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from clause_cases import CASES, IDS, anchors, build_site, headings, page_headings, slug, std_text
from conftest import REPO

from hooks.check import structure
from hooks.model.clauses import MARKDOWN_EXTENSIONS, clause_tree
from hooks.pages import diff
from hooks.search.index import clauses as search_clauses
from hooks.search.index import meta_rows, page_anchors


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("clauses")).site


def test_the_cases_cover_what_they_are_for():
    names = " ".join(IDS)
    for topic in ("~~~", "tilde", "indented code", "raw HTML", "setext", "{#id}", "repeated",
                  "annex", "before the first heading", "empty", "list", "front-matter"):
        assert topic in names, topic
    assert any(c[0] == "" for case in CASES for c in case["clauses"])
    assert any(c[0].endswith("_1") for case in CASES for c in case["clauses"])


def test_the_model_parses_markdown_as_mkdocs_yml_configures_it():
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # !ENV and the like
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    names = [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]
    assert tuple(names) == MARKDOWN_EXTENSIONS
    configured = {next(iter(e)) for e in config["markdown_extensions"] if isinstance(e, dict)}
    assert configured <= {"toc"}, "an extension's options can change what is a heading"


def test_standard_clauses_have_file_lines_and_the_text_under_each_heading(tmp_path):
    from datetime import date

    from conftest import FRAMEWORK, standard

    from hooks.corpus import load_corpus

    body = CASES[0]["body"]  # a fence holding a ~~~ line and a ## line, then the real ## 9
    (tmp_path / "standards").mkdir()
    (tmp_path / "standards" / "framework.yml").write_text(FRAMEWORK, encoding="utf-8")
    path = tmp_path / "standards" / "gb-t-41568-2022.md"
    path.write_text(standard(body=body), encoding="utf-8")
    [std] = load_corpus(tmp_path, today=date(2026, 11, 27)).standards
    file = path.read_text(encoding="utf-8").split("\n")
    tree = std.clauses
    assert tree is std.clauses and [file[c.line - 1] for c in tree] == ["## 1 范围", "## 9 真条款"]
    scope = tree.clauses[0]
    assert scope.lines[0] == (scope.line + 1, "") and "## 9 假条款" in scope.markdown
    assert [file[n - 1] for n in sorted(tree.fences)] == ["```text", "```"]
    assert [file[n - 1] for n in sorted(tree.fenced)] == ["```text", "~~~", "## 9 假条款", "```"]
    assert tree.clauses[1].markdown == "\n会议室应提前一日预订。\n"


# ---------------------------------------------------------------- each consumer on the cases


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_model(case):
    tree = clause_tree(case["body"])
    assert [[c.anchor, c.text, c.level, c.line] for c in tree] == headings(case)
    has_lead = anchors(case)[:1] == [""]
    assert bool(tree.lead.markdown.strip()) == has_lead
    rows = case["body"].split("\n")
    for c in tree:  # the text under a heading is the file's, up to the next heading
        assert c.markdown == "\n".join(rows[c.start - 1:c.start - 1 + len(c.lines)])


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_lint(case):
    text = structure.Text("standards/x.md", case["body"], 1)
    assert [[h.line, h.text] for h in structure.headings(text)] == [
        [line, heading] for _, heading, _, line in headings(case)]
    structure.check_text("standards/x.md", case["body"], 1)  # runs on every case


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_search_index(case):
    got = search_clauses(case["body"])
    assert [[a, h] for a, h, _ in got] == [[a, h] for a, h, _, _ in case["clauses"]]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_edition_diff(case):
    """条文对照 compares clauses of level 2 and deeper (a `#` heading is text of the clause
    before it)."""
    want = [[a, h, level] for a, h, level, _ in headings(case, 2)]
    assert [[c.anchor, c.heading, c.level] for c in diff.clauses(case["body"])] == want
    same = diff.compare(case["body"], case["body"])
    assert [c.kind for c in same.changes] == ["unchanged"] * len(want)


@pytest.mark.parametrize("index", range(len(CASES)), ids=IDS)
def test_page(site, index):
    """The built page has the headings (ids and text) the cases name, and the index numbered
    the clauses the browser will find there (no search/text/ copy needed)."""
    case = CASES[index]
    page = (site / "standards" / slug(index) / "index.html").read_text(encoding="utf-8")
    text = std_text(page)
    assert page_headings(text) == [[a, h] for a, h, _, _ in headings(case)]
    assert page_anchors(text) == (anchors(case) if case["body"].strip() else [])


def test_index_rows_count_the_page_clauses(site):
    meta = json.loads((site / "search" / "meta.json").read_text(encoding="utf-8"))
    fields = meta["fields"]
    rows = {r[fields.index("slug")]: r for r in meta_rows(meta)}
    for index, case in enumerate(CASES):
        row = rows[slug(index)]
        assert row[fields.index("clauses")] == len(case["clauses"]), case["name"]
        assert row[fields.index("text_file")] == 0, case["name"]
    assert not (site / "search" / "text").exists()


@pytest.mark.parametrize("index", range(len(CASES)), ids=IDS)
def test_changes_page(site, index):
    """The 条文对照 page lists the clauses of level 2 and deeper, each linked to its anchor on
    the new edition's page."""
    case = CASES[index]
    path = site / "standards" / slug(index) / "changes" / "index.html"
    if not case["body"].strip():  # no text: nothing to compare
        assert not path.exists()
        return
    page = path.read_text(encoding="utf-8")
    linked = re.findall(r'<p class="du">\s*<b>未变</b> <a href="\.\./#([^"]+)"', page)
    assert linked == [a for a, _, _, _ in headings(case, 2)]
