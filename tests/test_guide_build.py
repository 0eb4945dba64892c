"""The editors' guide in real builds: the generated rule reference, generated tables, and the
editing aids on standard pages (source, edit link, 最近更新 from git, 编辑提示)."""

from __future__ import annotations

import json
import os
import re
import subprocess

from conftest import standard

from hooks.check.rules import RULES

WARN_BODY = """
## 前言

说明。

## 1 总则

本文件规定了要求。

## 2 规范性引用文件

本文件没有规范性引用文件。

## 3 术语和定义

本文件没有需要界定的术语和定义。
"""


def test_rules_page_has_an_anchor_per_rule_with_examples(shipped_site):
    html = shipped_site.page("guide/rules/")
    for rule in RULES:
        assert f'id="{rule}"' in html, rule
    assert "错误示例" in html and "改正后" in html
    nav = shipped_site.page("guide/")
    assert 'href="rules/"' in nav


def test_generated_tables_replace_markers(shipped_site):
    fields = shipped_site.page("guide/fields/")
    assert "<!-- generated:" not in fields
    assert "<code>effective</code>" in fields and "实施日期" in fields
    assert 'href="../rules/#date-format"' in fields
    numbers = shipped_site.page("guide/numbers/")
    assert "gb-t-41568-2022.md" in numbers and "jianbiao-169-2014.md" in numbers


def test_shipped_page_shows_the_obsolete_reference_note(shipped_site):
    html = shipped_site.page("standards/sljg-002-2020/")
    notes = re.search(r'<details class="std-notes">.*?</details>', html, re.S).group(0)
    assert "GB/T 29118—2023" in notes
    assert 'href="../../guide/rules/#reference-obsolete"' in notes
    assert "std-notes" not in shipped_site.page("standards/sljg-002-2025/")
    assert "源文件：<code>standards/sljg-002-2025.md</code>" in shipped_site.page(
        "standards/sljg-002-2025/")


def test_structure_warnings_are_not_mkdocs_warnings(project_factory):
    project = project_factory({"gb-t-1-2020.md": standard(number="GB/T 1—2020", body=WARN_BODY)})
    result = project.build("-v", strict=False)  # verbose: every MkDocs log line is in the output
    assert result.returncode == 0, result.output
    warnings = [line for line in result.output.splitlines() if line.startswith("WARNING")]
    assert not [line for line in warnings if "structure-" in line or "gb-t-1-2020" in line]
    assert "structure-scope" in result.output  # reported, at INFO level
    html = result.page("standards/gb-t-1-2020/")
    assert 'data-rule="structure-scope"' in html
    assert "第 13 行" in html  # a file line: 7 front-matter lines, then "## 1 总则" is body line 6


def test_edit_link_points_at_standards_not_docs(project_factory):
    project = project_factory({"gb-t-1-2020.md": standard(number="GB/T 1—2020")})
    config = project.root / "mkdocs.yml"
    config.write_text("repo_url: https://git.example.cn/org/repo\nedit_uri: edit/main/docs/\n"
                      + config.read_text(encoding="utf-8"), encoding="utf-8")
    result = project.build()
    assert result.returncode == 0, result.output
    html = result.page("standards/gb-t-1-2020/")
    assert 'href="https://git.example.cn/org/repo/edit/main/standards/gb-t-1-2020.md"' in html
    assert "edit/main/docs/standards" not in html
    assert "https://git.example.cn/org/repo/edit/main/docs/guide/index.md" in result.page("guide/")
    # The source link is the file's raw view in the repository; no copy is published.
    raw = "https://git.example.cn/org/repo/raw/main/standards/gb-t-1-2020.md"
    assert f'<a href="{raw}" rel="noopener">在代码仓库中查看' in html
    assert not (result.site / "sources").exists()
    records = json.loads((result.site / "catalogue.json").read_text(encoding="utf-8"))
    assert [r["source_file"] for r in records["standards"]] == [raw]


def test_no_edit_link_or_date_outside_git(project_factory):
    project = project_factory({"gb-t-1-2020.md": standard(number="GB/T 1—2020")})
    result = project.build()
    html = result.page("standards/gb-t-1-2020/")
    assert "编辑此页" not in html and "最近更新" not in html
    assert "源文件：<code>standards/gb-t-1-2020.md</code>" in html
    assert "Markdown 源文件（" not in html  # no repository, no copies: no source link


def _git(root, *args, date="2025-06-01T10:00:00+08:00"):
    env = os.environ | {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
                        "GIT_AUTHOR_NAME": "编辑", "GIT_AUTHOR_EMAIL": "e@example.cn",
                        "GIT_COMMITTER_NAME": "编辑", "GIT_COMMITTER_EMAIL": "e@example.cn"}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def test_last_updated_from_git_is_per_file_and_clamped(project_factory):
    project = project_factory({"gb-t-1-2020.md": standard(number="GB/T 1—2020"),
                               "gb-t-2-2020.md": standard(number="GB/T 2—2020")})
    root = project.root
    _git(root, "init", "-q")
    _git(root, "add", "standards")
    _git(root, "commit", "-q", "-m", "one")
    (root / "standards" / "gb-t-2-2020.md").write_text(
        standard(number="GB/T 2—2020", keywords="[新]"), encoding="utf-8")
    _git(root, "commit", "-q", "-am", "two", date="2027-03-01T10:00:00+08:00")  # after the epoch
    result = project.build()
    assert result.returncode == 0, result.output
    one = result.page("standards/gb-t-1-2020/")
    assert '最近更新：<time datetime="2025-06-01">2025-06-01</time>' in one
    two = result.page("standards/gb-t-2-2020/")
    assert '<time datetime="2026-11-27">2026-11-27</time>' in two  # clamped to SOURCE_DATE_EPOCH
    again = project.build(site=root / "site2")
    assert again.page("standards/gb-t-2-2020/") == two
