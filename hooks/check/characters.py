"""The character check (rule char-forbidden): every text of a standard and of the framework
against what every output can carry (the policy: hooks.model.characters).

Checked: every key and text value of the front-matter, recursively (list items, the names and
dates of `stages`, anything nested), the body line by line, and the code, name and description
of every framework node. Single-line values (everything but `summary`, `license` and a node's
`description`) may hold no TAB or line break either. Each problem names the field (or the body
line), the first offending character as U+XXXX (never the character itself, so the error list
always prints) and where it is; a body reports at most MAX_BODY_LINES lines, then one line for
the rest.
"""

from __future__ import annotations

from collections.abc import Iterator

from hooks.check.problems import Problem
from hooks.check.registry import also_checks, checks
from hooks.check.schema import field_label
from hooks.load.framework import Framework
from hooks.load.frontmatter import SourceFile
from hooks.model.characters import FORBIDDEN, describe, escape, forbidden

MULTI_LINE_FIELDS = frozenset({"summary", "license"})
MAX_BODY_LINES = 20  # body lines reported one by one; the rest in one problem
MAX_SHOWN = 3  # distinct characters named in one message
_LINE_BREAKS = frozenset("\t\n\u2028\u2029")
_BLANKS = " \t\n"  # stripped from a single-line value by every reader: harmless at its ends

HINT = ("删除它：控制字符、不成对的代理码元和非字符无法写入网页、订阅源（feed.xml）和表格"
        "（常见于从 PDF、Word 或网页复制的文字，或 YAML 双引号中的 \\x、\\u 转义）")
HINT_LINE = "这一项只能写一行：把换行符或制表符改为空格（多段文字写在 summary 或正文中）"
HINT_FORM_FEED = "分页符常见于从 PDF 复制的文字：删除它，或改为空行"


def _found(text: str, single_line: bool) -> tuple[str, str] | None:
    """(what was found, hint) for a value, or None when every output can carry it."""
    value = text.strip(_BLANKS) if single_line else text
    hits = forbidden(value, single_line)
    if not hits:
        return None
    index, char = hits[0]
    index += len(text) - len(text.lstrip(_BLANKS)) if single_line else 0  # in the value written
    more = f"起，共 {len(hits)} 处" if len(hits) > 1 else ""
    hint = HINT_LINE if char in _LINE_BREAKS else HINT_FORM_FEED if char == "\f" else HINT
    return f"含有不能发布的字符 {_chars(hits)}（第 {index + 1} 个字符{more}）", hint


def _chars(hits: list[tuple[int, str]]) -> str:
    """The distinct characters found, in order: at most MAX_SHOWN, then “等”."""
    distinct = list(dict.fromkeys(char for _, char in hits))
    shown = "、".join(describe(char) for char in distinct[:MAX_SHOWN])
    return shown + ("等" if len(distinct) > MAX_SHOWN else "")


def _texts(value: object, where: str) -> Iterator[tuple[str, str]]:
    """(where, text) of every string in a value: the value itself, list items, mapping keys and
    values, at any depth; `where` says which item for a message."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _texts(item, f"{where}第 {i + 1} 项")
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str):
                yield f"{where}的键“{escape(key)}”", key
            yield from _texts(item, f"{where}中“{escape(str(key))}”的值")


@checks("char-forbidden")
def check_source(source: SourceFile) -> list[Problem]:
    """Every key and text value of the front-matter, and the body, of one standard file."""
    problems = []
    for key, value in source.meta.items():
        found = _found(key, single_line=True)
        if found is not None:
            problems.append(Problem(source.path, source.line_of(key), "char-forbidden",
                                    f"字段名“{escape(key)}”{found[0]}", found[1]))
        single = key not in MULTI_LINE_FIELDS
        items = value if isinstance(value, list) else None
        for i, item in enumerate(items if items is not None else [value]):
            where = escape(field_label(key)) + (f"第 {i + 1} 项" if items is not None else "")
            line = source.line_of(key, i if items is not None else None)
            for place, text in _texts(item, where):
                found = _found(text, single)
                if found is not None:
                    problems.append(Problem(source.path, line, "char-forbidden", f"{place}{found[0]}",
                                            found[1]))
    problems.extend(check_body(source.path, source.body, source.body_line))
    return problems


def check_body(path: str, body: str, first_line: int) -> list[Problem]:
    """The body, line by line (TAB allowed): at most MAX_BODY_LINES problems, then a summary."""
    problems: list[Problem] = []
    if not FORBIDDEN.search(body):  # LF is allowed: no line has one unless the body has one
        return problems
    bad = [(i, hits) for i, line in enumerate(body.split("\n")) if (hits := forbidden(line))]
    for i, hits in bad[:MAX_BODY_LINES]:
        column, char = hits[0]
        more = f"起，本行共 {len(hits)} 处" if len(hits) > 1 else ""
        problems.append(Problem(path, first_line + i, "char-forbidden",
                                f"正文含有不能发布的字符 {_chars(hits)}（第 {column + 1} 列{more}）",
                                HINT_FORM_FEED if char == "\f" else HINT))
    if len(bad) > MAX_BODY_LINES:
        rest = bad[MAX_BODY_LINES:]
        problems.append(Problem(path, first_line + rest[0][0], "char-forbidden",
                                f"正文另有 {len(rest)} 行含有不能发布的字符 "
                                f"{_chars([hit for _, hits in rest for hit in hits])}"
                                "（从这一行起，不再逐行列出）",
                                "检查是否误粘贴了二进制数据，或从 PDF、Word 复制了控制字符；"
                                "控制字符、不成对的代理码元和非字符无法写入网页，请逐行删除"))
    return problems


@also_checks("char-forbidden")  # the framework file
def check_framework(framework: Framework, path: str) -> list[Problem]:
    """The code, name and description of every node of the framework."""
    problems = []
    for node in framework.walk():
        for label, text, single in (("编号", node.code, True), ("名称", node.name, True),
                                    ("说明", node.description, False)):
            found = _found(text, single)
            if found is not None:
                problems.append(Problem(path, node.line, "char-forbidden",
                                        f"标准体系节点“{escape(node.code)}”的{label}{found[0]}",
                                        found[1]))
    return problems
