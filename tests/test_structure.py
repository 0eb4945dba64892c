"""GB/T 1.1—2020 structure lint (hooks/check/structure.py, hooks/check/references.py): details beyond the
per-rule fixtures — file line numbers, messages, and the shipped corpus."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conftest import FRAMEWORK, REPO, standard

from hooks.check.references import parse_entry
from hooks.corpus import load_corpus

TODAY = date(2026, 11, 27)
BODY = """
## 前言

本文件按照GB/T 1.1—2020的规定起草。

## 1 范围

本文件规定了要求。

## 2 规范性引用文件

本文件没有规范性引用文件。

## 3 术语和定义

本文件没有需要界定的术语和定义。

## 4 要求

### 4.1 甲

内容。
"""


def lint(tmp_path: Path, body: str, **files: str):
    (tmp_path / "standards").mkdir()
    (tmp_path / "standards" / "framework.yml").write_text(FRAMEWORK, encoding="utf-8")
    (tmp_path / "standards" / "gb-t-41568-2022.md").write_text(standard(body=body), encoding="utf-8")
    for name, text in files.items():
        (tmp_path / "standards" / name).write_text(text, encoding="utf-8")
    return load_corpus(tmp_path, today=TODAY).problems


def test_clean_text_has_no_warnings(tmp_path):
    assert lint(tmp_path, BODY) == []


def test_line_numbers_are_file_lines(tmp_path):
    body = BODY.replace("### 4.1 甲", "### 4.2 甲")
    [problem] = lint(tmp_path, body)
    text = (tmp_path / "standards" / "gb-t-41568-2022.md").read_text(encoding="utf-8").split("\n")
    assert text[problem.line - 1] == "### 4.2 甲"
    assert problem.rule == "structure-numbering"
    assert "4 下的第一条应为 4.1" in problem.message


def test_sub_clause_under_wrong_parent(tmp_path):
    body = BODY + "\n### 4.2 乙\n\n内容。\n\n#### 4.1.1 丙\n\n内容。\n"
    [problem] = lint(tmp_path, body)
    assert problem.rule == "structure-numbering"
    assert "4.1.1 不在 4.1 之下" in problem.message


def test_code_blocks_are_ignored(tmp_path):
    body = BODY + "\n```markdown\n## 9 不是标题\n表 7　也不是表题\n```\n"
    assert lint(tmp_path, body) == []


def test_only_the_pages_headings_are_linted(tmp_path):
    """A `##` line in a raw HTML block or in a fence holding a `~~~` line is no heading on the
    page and none for the lint; a setext heading and a `##` line right after a paragraph are."""
    body = BODY + ("\n<div class=\"note\">\n## 9 不是标题\n</div>\n\n```text\n~~~\n## 8 也不是\n"
                   "```\n\n### 4.2 乙\n\n正文\n### 4.3 丙\n\n6 丁\n---\n\n内容。\n")
    problems = lint(tmp_path, body)
    assert [(p.rule, p.message) for p in problems] == [
        ("structure-numbering", "章号 6 不连续：上一章是 4")]
    text = (tmp_path / "standards" / "gb-t-41568-2022.md").read_text(encoding="utf-8").split("\n")
    assert text[problems[0].line - 1] == "6 丁"  # the setext heading's text line


def test_annex_clause_in_wrong_annex_and_chapter_after_annex(tmp_path):
    body = BODY + "\n## 附录 A（规范性）甲\n\n### B.1 乙\n\n内容。\n\n## 5 丙\n\n内容。\n"
    rules = [p.rule for p in lint(tmp_path, body)]
    assert rules == ["structure-numbering", "structure-annex-order"]


def test_sentences_starting_with_table_are_not_captions(tmp_path):
    body = BODY + "\n表 3 给出了配置。\n\n图 5 所示流程适用于本章。\n"
    assert lint(tmp_path, body) == []


def test_metadata_only_standard_is_not_linted(tmp_path):
    assert lint(tmp_path, "") == []


def test_undated_and_unknown_references_are_not_obsolete(tmp_path):
    old = standard(number="GB/T 29118—2012", issued="2012-12-31", effective="2013-06-01",
                   reviewed="2022-01-01")
    new = standard(number="GB/T 29118—2023", issued="2023-09-07", effective="2024-04-01",
                   replaces='["GB/T 29118—2012"]')
    refs = "- GB/T 29118　节约型机关评价导则\n- GB 31654—2021　餐饮服务通用卫生规范"
    body = BODY.replace("本文件没有规范性引用文件。", refs)
    assert lint(tmp_path, body, **{"gb-t-29118-2012.md": old, "gb-t-29118-2023.md": new}) == []


def test_obsolete_reference_names_replacement_and_abolished_one(tmp_path):
    old = standard(number="GB/T 29118—2012", issued="2012-12-31", effective="2013-06-01",
                   reviewed="2022-01-01")
    new = standard(number="GB/T 29118—2023", issued="2023-09-07", effective="2024-04-01",
                   replaces='["GB/T 29118—2012"]')
    gone = standard(number="GB/T 3—2020", issued="2020-01-01", effective="2020-06-01",
                    abolished="2024-01-01")
    refs = "- GB/T29118-2012 节约型机关评价导则\n- GB/T 3—2020　某标准"
    body = BODY.replace("本文件没有规范性引用文件。", refs)
    problems = lint(tmp_path, body, **{"gb-t-29118-2012.md": old, "gb-t-29118-2023.md": new,
                                       "gb-t-3-2020.md": gone})
    assert [p.rule for p in problems] == ["reference-obsolete", "reference-obsolete"]
    assert "已被 GB/T 29118—2023 代替" in problems[0].message
    assert "已于 2024-01-01 废止" in problems[1].message


def test_parse_entry_spellings():
    assert parse_entry("- GB/T 29118—2012　节约型机关评价导则")[0].canonical == "GB/T 29118—2012"
    assert parse_entry("——DB4203/T 131-2018  公务用车")[0].canonical == "DB4203/T 131—2018"
    assert parse_entry("GB/T 1.1—2020 标准化工作导则")[0].canonical == "GB/T 1.1—2020"
    assert parse_entry("- GB/T 29118　节约型机关评价导则") is None
    assert parse_entry("本文件没有规范性引用文件。") is None


def test_shipped_corpus_has_only_the_deliberate_structure_warning():
    corpus = load_corpus(REPO, today=TODAY)
    structural = [p for p in corpus.problems
                  if p.rule.startswith(("structure-", "reference-"))]
    assert [(p.path, p.rule) for p in structural] == [
        ("standards/sljg-002-2020.md", "reference-obsolete")]
    assert "GB/T 29118—2023" in structural[0].message
