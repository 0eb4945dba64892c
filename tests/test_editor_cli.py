"""Editors' commands: `new` (scaffold, round trip), `explain`, `check --verbose`, and the
GitHub workflow-command output."""

from __future__ import annotations

import re

from conftest import standard

from hooks.check.problems import Problem, format_github

FILLED = {
    "title": "机关办公区绿化养护规范",
    "domain": '"03.02"',
    "issued": "2025-03-01",
    "effective": "2025-05-01",
    "license": "本单位制定，经本单位同意公开全文",
}


def fill(text: str) -> str:
    """What an editor does: replace every 【待填：…】 with real content."""
    for key, value in FILLED.items():
        text = re.sub(rf"^{key}: 【待填[^\n]*$", f"{key}: {value}", text, flags=re.M)
    return re.sub(r"【待填[^】]*】", "示例内容", text)


def test_new_writes_template_that_fails_until_filled_then_passes(project_factory):
    project = project_factory({})
    made = project.run("-m", "hooks", "--root", str(project.root), "new", "DB51/T1234-2025")
    assert made.returncode == 0, made.stderr
    path = project.root / "standards" / "db51-t-1234-2025.md"
    assert "standards/db51-t-1234-2025.md" in made.stdout
    text = path.read_text(encoding="utf-8")
    assert "number: DB51/T 1234—2025" in text
    for heading in ("## 前言", "## 1 范围", "## 2 规范性引用文件", "## 3 术语和定义", "## 附录 A（资料性）"):
        assert heading in text
    assert "# 所属领域" in text and "03.02 公务用车" in text  # the framework's nodes are listed

    unfilled = project.check()
    assert unfilled.returncode == 1
    rules = set(re.findall(r":\d+: ([a-z-]+) ", unfilled.stdout))
    assert rules == {"placeholder-unfilled"}, unfilled.stdout

    path.write_text(fill(text), encoding="utf-8")
    filled = project.check("--strict", "standards/db51-t-1234-2025.md")
    assert filled.returncode == 0, filled.stdout + filled.stderr
    assert filled.stdout == ""
    build = project.build()
    assert build.returncode == 0, build.output
    assert "机关办公区绿化养护规范" in build.page("standards/db51-t-1234-2025/")


def test_new_metadata_only_round_trip(project_factory):
    project = project_factory({})
    made = project.run("-m", "hooks", "--root", str(project.root), "new", "SLJG 009—2025",
                       "--metadata-only")
    assert made.returncode == 0, made.stderr
    path = project.root / "standards" / "sljg-009-2025.md"
    text = path.read_text(encoding="utf-8")
    assert "level: 单位内部标准" in text and "## 1 范围" not in text
    path.write_text(fill(text), encoding="utf-8")
    result = project.check("--strict")
    assert result.returncode == 0, result.stdout + result.stderr


def test_new_refuses_to_overwrite_and_refuses_used_numbers(project_factory):
    original = standard()
    project = project_factory({"gb-t-41568-2022.md": original,
                               "misnamed.md": standard(number="GB/T 2—2020")})
    again = project.run("-m", "hooks", "--root", str(project.root), "new", "GB/T 41568—2022")
    assert again.returncode == 1
    assert "已经存在" in again.stderr
    assert (project.root / "standards" / "gb-t-41568-2022.md").read_text(encoding="utf-8") == original
    used = project.run("-m", "hooks", "--root", str(project.root), "new", "ＧＢ／Ｔ ２—２０２０")
    assert used.returncode == 1
    assert "number-duplicate" in used.stderr and "standards/misnamed.md" in used.stderr
    assert not (project.root / "standards" / "gb-t-2-2020.md").exists()
    bad = project.run("-m", "hooks", "--root", str(project.root), "new", "DB99/T 1—2020")
    assert bad.returncode == 1 and "number-region" in bad.stderr


def test_placeholder_hides_the_other_errors_of_its_line(project_factory):
    project = project_factory({"gb-t-1-2020.md": standard(
        number="GB/T 1—2020", domain="【待填：所属领域编号】", issued="【待填：发布日期】")})
    result = project.check()
    lines = result.stdout.splitlines()
    assert all(" placeholder-unfilled " in line for line in lines), result.stdout
    assert len(lines) == 2


def test_explain_prints_rule_with_examples_and_link(project_factory):
    project = project_factory({})
    result = project.run("-m", "hooks", "--root", str(project.root), "explain", "date-order")
    assert result.returncode == 0
    assert "date-order（错误）：日期先后矛盾" in result.stdout
    assert "错误示例：" in result.stdout and "改正后：" in result.stdout
    assert "guide/rules/#date-order" in result.stdout
    unknown = project.run("-m", "hooks", "--root", str(project.root), "explain", "date-ordr")
    assert unknown.returncode == 2 and "date-order" in unknown.stderr
    listing = project.run("-m", "hooks", "--root", str(project.root), "explain")
    assert "structure-numbering" in listing.stdout


def test_check_default_text_stays_one_line_per_problem(project_factory):
    project = project_factory({"gb-t-1-2020.md": standard(number="GB/T 1—2020",
                                                          effective="2019-01-01", issued="2020-01-01")})
    plain = project.check()
    assert plain.stdout.strip() == ("standards/gb-t-1-2020.md:6: date-order 实施日期 2019-01-01 早于"
                                    "发布日期 2020-01-01 (effective 不得早于 issued，请核对两个日期)")
    verbose = project.check("--verbose")
    assert "6 | effective: 2019-01-01" in verbose.stdout
    assert "python -m hooks explain date-order" in verbose.stdout


def _parse_command(line: str) -> tuple[str, dict[str, str], str]:
    """Parse one workflow command the way the runner does (split, then unescape)."""
    match = re.fullmatch(r"::(\w+) (.*?)::(.*)", line)
    assert match, line
    unescape = {"%25": "%", "%0D": "\r", "%0A": "\n", "%3A": ":", "%2C": ","}

    def undo(value: str) -> str:
        return re.sub(r"%25|%0D|%0A|%3A|%2C", lambda m: unescape[m.group(0)], value)

    props = {}
    for item in match.group(2).split(","):
        key, _, value = item.partition("=")
        props[key] = undo(value)
    return match.group(1), props, undo(match.group(3))


def test_github_format_escapes_data_and_properties():
    tricky = Problem("standards/a,b:c%d.md", 7, "date-order", "50% 完成\r\n第二行: x, y", "提示")
    warning = Problem("standards/ok.md", 3, "review-overdue", "逾期", "")
    lines = format_github([tricky, warning]).split("\n")
    assert len(lines) == 2  # a newline in a message never starts a new command
    kind, props, message = _parse_command(lines[0])
    assert kind == "error"
    assert props == {"file": "standards/a,b:c%d.md", "line": "7", "title": "date-order"}
    assert message.startswith("50% 完成\r\n第二行: x, y（提示）")
    assert message.endswith("说明：guide/rules/#date-order")
    assert "\n" not in lines[0] and "\r" not in lines[0]
    kind, props, _ = _parse_command(lines[1])
    assert kind == "warning" and props["line"] == "3"
