"""Cross-file rules: unique numbers, file name = slug, replaces resolve and form no cycle,
and content warnings (review overdue). Per-file rules live in hooks.check.schema and hooks.corpus."""

from __future__ import annotations

from datetime import date

from hooks.check.problems import Problem
from hooks.derive.status import review_overdue
from hooks.model.standard import Standard


def check_unique_numbers(standards: list[Standard]) -> list[Problem]:
    problems = []
    first: dict[str, Standard] = {}
    for std in standards:
        if std.code in first:
            other = first[std.code]
            problems.append(Problem(std.path, std.line("number"), "number-duplicate",
                                    f"标准号 {std.code} 与 {other.path} 重复",
                                    "删除重复的文件，或改正其中一个的标准号"))
        else:
            first[std.code] = std
    return problems


def check_replaces(standards: list[Standard]) -> list[Problem]:
    problems = []
    known = {s.code for s in standards}
    for std in standards:
        for i, number in enumerate(std.replaces):
            line = std.lines.get(f"replaces.{i}", std.line("replaces"))
            if number == std.code:
                problems.append(Problem(std.path, line, "replaces-self", f"{std.code} 代替了自己",
                                        "replaces 只列本标准代替的旧版本"))
            elif number not in known:
                slug_hint = number
                problems.append(Problem(std.path, line, "replaces-unknown",
                                        f"被代替标准 {number} 不在本站",
                                        f"为旧版本新建只含元数据的文件：python -m hooks new \"{slug_hint}\""))
    problems.extend(_cycles(standards))
    return problems


def _cycles(standards: list[Standard]) -> list[Problem]:
    graph = {s.code: [n for n in s.replaces if n != s.code] for s in standards}
    by_code = {s.code: s for s in standards}
    problems, reported = [], set()
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done

    def visit(code: str, stack: list[str]) -> None:
        state[code] = 1
        stack.append(code)
        for nxt in graph.get(code, []):
            if state.get(nxt) == 1:
                cycle = stack[stack.index(nxt):]
                key = frozenset(cycle)
                if key not in reported:
                    reported.add(key)
                    std = by_code[cycle[0]]
                    chain = " → ".join([*cycle, nxt])
                    problems.append(Problem(std.path, std.line("replaces"), "replaces-cycle",
                                            f"代替关系成环：{chain}",
                                            "只在较新的版本中写 replaces"))
            elif nxt in graph and state.get(nxt) is None:
                visit(nxt, stack)
        stack.pop()
        state[code] = 2

    for code in sorted(graph):
        if state.get(code) is None:
            visit(code, [])
    return problems


def check_reviews(standards: list[Standard], today: date) -> list[Problem]:
    return [
        Problem(std.path, std.line("effective"), "review-overdue",
                f"{std.code} 应于 {std.review_due.isoformat()} 前复审，已逾期",
                "复审确认继续有效后填写 reviewed: YYYY-MM-DD；需修订或废止的按编写指南处理")
        for std in standards if review_overdue(std, today)
    ]
