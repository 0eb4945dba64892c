"""Cross-file rules: unique numbers, file name = slug, replaces resolve and form no cycle,
and content warnings (review overdue, for the site's own standards). Per-file rules live in hooks.check.schema and hooks.corpus."""

from __future__ import annotations

from datetime import date

from hooks.check.problems import Problem
from hooks.check.registry import checks
from hooks.derive.status import review_overdue
from hooks.model.standard import Standard


@checks("number-duplicate")
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


@checks("replaces-self", "replaces-unknown")
def check_replaces(standards: list[Standard]) -> list[Problem]:
    problems = []
    known = {s.code for s in standards}
    problems.extend(_newer(standards))
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


@checks("replaces-newer")
def _newer(standards: list[Standard]) -> list[Problem]:
    """`replaces` names older editions only, judged by the issued date (the same day is allowed).

    A draft has no issued date and is newer than anything published: it may replace any
    standard, and no published standard may replace it. An edge of a cycle is left to
    replaces-cycle, which says the same thing once for the whole cycle."""
    by_code = {s.code: s for s in standards}
    graph = {s.code: set(s.replaces) for s in standards}
    problems = []
    for std in standards:
        if std.issued is None:
            continue  # a draft: newer than any published standard
        for i, number in enumerate(std.replaces):
            old = by_code.get(number)
            if old is None or old is std or _reaches(graph, number, std.code):
                continue  # replaces-unknown, replaces-self, replaces-cycle
            if old.issued is not None and old.issued <= std.issued:
                continue
            line = std.lines.get(f"replaces.{i}", std.line("replaces"))
            when = (f"发布于 {old.issued.isoformat()}，晚于本标准的 {std.issued.isoformat()}"
                    if old.issued is not None else "尚在制定中，尚未发布")
            problems.append(Problem(
                std.path, line, "replaces-newer",
                f"{std.code} 代替了较新的版本 {old.code}（{when}）",
                f"replaces 只写本标准代替的旧版本：删除这一项；若确是 {old.code} 代替本标准，"
                f"在 {old.path} 中写 replaces: [{std.code}]"))
    return problems


def _reaches(graph: dict[str, set[str]], start: str, goal: str) -> bool:
    """Whether `goal` can be reached from `start` along `replaces`."""
    seen, todo = {start}, [start]
    while todo:
        for nxt in graph.get(todo.pop(), ()):
            if nxt == goal:
                return True
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return False


@checks("replaces-cycle")
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


@checks("review-overdue")
def check_reviews(standards: list[Standard], today: date) -> list[Problem]:
    """Overdue reviews of the site's own standards only (hooks.derive.maintained): an outside
    standard is reviewed by its issuing body, not by this site's editors."""
    return [
        Problem(std.path, std.line("effective"), "review-overdue",
                f"{std.code} 应于 {std.review_due.isoformat()} 前复审，已逾期",
                "复审确认继续有效后填写 reviewed: YYYY-MM-DD；需修订或废止的按编写指南处理")
        for std in standards if std.maintained and review_overdue(std, today)
    ]
