"""Template placeholders (【待填：…】) that `python -m hooks new` writes and editors replace.

An unfilled placeholder is an error (placeholder-unfilled). On a front-matter line that still
holds a placeholder, the other problems (date-format, domain-unknown, …) are dropped: the editor
sees one clear message per field, not three.
"""

from __future__ import annotations

import re

from hooks.check.problems import Problem
from hooks.check.registry import checks
from hooks.load.frontmatter import SourceFile

MARK = "【待填"
PATTERN = re.compile(r"【待填[：:]?([^】\n]*)】?")


def placeholder(text: str) -> str:
    """The placeholder the template writes for `text` (a short description of what to fill)."""
    return f"{MARK}：{text}】"


@checks("placeholder-unfilled")
def find(source: SourceFile) -> list[Problem]:
    problems = []
    for key in sorted(source.key_lines, key=source.key_lines.__getitem__):
        value = source.meta.get(key)
        values = value if isinstance(value, list) else [value]
        for i, item in enumerate(values):
            if isinstance(item, str) and MARK in item:
                what = PATTERN.search(item).group(1).strip() or key
                item_line = source.line_of(key, i if isinstance(value, list) else None)
                problems.append(Problem(source.path, item_line, "placeholder-unfilled",
                                        f"{key} 还是模板占位内容（{what}）",
                                        f"把“{MARK}：…】”整段换成实际内容"))
    for i, text in enumerate(source.body.split("\n")):
        if MARK in text:
            what = PATTERN.search(text).group(1).strip()
            problems.append(Problem(source.path, source.body_line + i, "placeholder-unfilled",
                                    f"正文还有模板占位内容（{what[:40]}）",
                                    "换成实际内容，或删除不需要的段落"))
    return problems


def suppress(source: SourceFile, found: list[Problem]) -> list[Problem]:
    """Placeholder problems, and the other problems of `found` not on a placeholder line."""
    marks = find(source)
    if not marks:
        return found
    lines = {p.line for p in marks}
    return marks + [p for p in found if p.line not in lines]
