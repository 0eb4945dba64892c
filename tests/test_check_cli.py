"""`python -m hooks check`: formats, exit codes, paths, --strict."""

from __future__ import annotations

import json

from conftest import standard

GOOD = standard(number="GB/T 1—2020", issued="2024-01-01", effective="2024-07-01")
# Proposed by the shipped config's maintained issuer: its overdue review is this site's to warn of.
OLD = standard(number="GB/T 2—2015", issued="2015-01-01", effective="2015-07-01",
               proposer="示例市机关事务管理局")
BAD = standard(number="GB/T 3—2020", issued="2024/1/1", effective="2024-07-01")


def test_check_text_exit_codes(project_factory):
    project = project_factory({"gb-t-1-2020.md": GOOD, "gb-t-2-2015.md": OLD})
    ok = project.check()
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "review-overdue" in ok.stdout  # a warning is shown but does not fail
    strict = project.check("--strict")
    assert strict.returncode == 1


def test_check_reports_errors_for_given_paths_only(project_factory):
    project = project_factory({"gb-t-1-2020.md": GOOD, "gb-t-3-2020.md": BAD})
    whole = project.check()
    assert whole.returncode == 1
    assert "standards/gb-t-3-2020.md:5: date-format" in whole.stdout
    one = project.check(str(project.root / "standards" / "gb-t-1-2020.md"))
    assert one.returncode == 0 and "date-format" not in one.stdout


def test_check_github_and_json_formats(project_factory):
    project = project_factory({"gb-t-3-2020.md": BAD})
    github = project.check("--format", "github")
    assert github.returncode == 1
    line = github.stdout.strip().splitlines()[0]
    assert line.startswith("::error file=standards/gb-t-3-2020.md,line=5,title=date-format::")
    data = json.loads(project.check("--format", "json").stdout)
    assert data[0]["rule"] == "date-format" and data[0]["line"] == 5
    assert data[0]["severity"] == "error" and data[0]["help"].endswith("#date-format")


def test_unseen_spellings_build_into_canonical_pages(project_factory):
    project = project_factory({
        "gb-t-41568-2022.md": standard(number="ＧＢ／Ｔ　４１５６８－２０２２"),
        "db4203-t-131-2018.md": standard(number="DB4203/T131-2018", domain="会议",
                                         issued="2024-01-01", effective="2024-02-01"),
        "jianbiao-169-2014.md": standard(number="建标 169–2014", domain="办公用房",
                                         issued="2024-01-01", effective="2024-01-01"),
    }, framework='- code: "A"\n  name: 全部\n  children:\n'
                 '    - {code: "A.1", name: 术语}\n    - {code: "A.2", name: 会议}\n'
                 '    - {code: "A.3", name: 办公用房}\n')
    project.write("standards/gb-t-41568-2022.md",
                  standard(number="ＧＢ／Ｔ　４１５６８－２０２２", domain="A.1"))
    result = project.build()
    assert result.returncode == 0, result.output
    page = result.page("standards/gb-t-41568-2022/")
    assert "GB/T 41568—2022" in page and "国家标准" in page
    assert "DB4203/T 131—2018" in result.page("standards/db4203-t-131-2018/")
    assert "工程建设标准" in result.page("standards/jianbiao-169-2014/")
