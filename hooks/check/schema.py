"""The front-matter JSON Schema (data/standard.schema.json) and checking one file against it.

Each property in the schema names the rule its failures report (`x-rule`), so the schema is the
one source of truth for field types, formats and required keys.
"""

from __future__ import annotations

import difflib
import json
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator

from hooks.check.problems import Problem
from hooks.check.registry import checks
from hooks.load.frontmatter import SourceFile
from hooks.model.dates import DATE_RE, parse_date
from hooks.model.facts import LEVELS, STAGE_CONSULTATION, STAGE_PUBLISHED, STAGES

SCHEMA_FILE = Path(__file__).parent.parent / "data" / "standard.schema.json"
DATE_FIELDS = ("issued", "effective", "abolished", "reviewed", "planned", "comment_until")


@cache
def load_schema() -> dict:
    """The schema with its facts filled in from data/facts.yml (see fill_facts)."""
    return fill_facts(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))


def fill_facts(schema: dict) -> dict:
    """Put the facts of data/facts.yml into the schema: the `level` and `stage` enums, the
    `stages` keys, and the stage each conditional requirement names.

    The checker and the published copy (schema/standard.schema.json, hooks.pipeline) use this
    filled schema, so facts.yml decides. The repository file keeps the same values written out
    because editors' YAML language servers read it straight from the checkout (docs/guide/ci.md)
    and never run the build; tests/test_facts.py fails when it differs from the filled schema,
    and write_schema_file() rewrites it."""
    props = schema["properties"]
    props["level"]["enum"] = list(LEVELS)
    props["stage"]["enum"] = list(STAGES)
    props["stages"]["propertyNames"]["enum"] = list(STAGES)
    for condition in schema.get("allOf", []):
        stage = condition["if"]["properties"]["stage"]
        if "not" in stage:  # any stage but publication: a draft, which needs `planned`
            stage["not"]["const"] = STAGE_PUBLISHED
        else:  # the consultation stage, which needs `comment_until`
            stage["const"] = STAGE_CONSULTATION
    return schema


def schema_text() -> str:
    """The filled schema as JSON text: what the build publishes and the repository keeps."""
    return json.dumps(load_schema(), ensure_ascii=False, indent=2) + "\n"


def write_schema_file(path: Path = SCHEMA_FILE) -> None:
    """Rewrite the repository copy after a change to data/facts.yml."""
    path.write_text(schema_text(), encoding="utf-8")


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(load_schema())


def field_label(key: str) -> str:
    prop = load_schema()["properties"].get(key, {})
    return f"{prop['title']}（{key}）" if "title" in prop else key


def x_rules() -> list[str]:
    """Every rule id the schema names in `x-rule`: the rules check_schema reports for it."""
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("x-rule"), str):
                found.add(node["x-rule"])
            node = list(node.values())
        if isinstance(node, list):
            for child in node:
                walk(child)

    walk(load_schema())
    return sorted(found)


@checks("field-required", "field-unknown", "field-type", "field-length", *x_rules())
def check_schema(source: SourceFile) -> list[Problem]:
    """Every schema problem of one file, each on the line of the field it concerns."""
    problems: list[Problem] = []
    properties = load_schema()["properties"]
    for error in sorted(_validator().iter_errors(source.meta), key=lambda e: list(e.path)):
        path = list(error.absolute_path)
        if error.validator == "required":
            key = error.message.split("'")[1]
            rule = error.schema.get("x-rule", "field-required")  # e.g. comment-until-required
            problems.append(Problem(source.path, source.fm_line, rule,
                                    f"缺少必填字段 {field_label(key)}",
                                    f"在元数据中加一行 {key}: …"))
        elif error.validator == "additionalProperties":
            for key in sorted(set(source.meta) - set(properties)):
                near = difflib.get_close_matches(key, list(properties), n=1, cutoff=0.6)
                hint = f"是否想写 {near[0]}？" if near else "可用字段见编写指南“元数据字段”"
                problems.append(Problem(source.path, source.line_of(key), "field-unknown",
                                        f"未知字段“{key}”", hint))
        else:
            key = str(path[0]) if path else ""
            item = path[1] if len(path) > 1 and isinstance(path[1], int) else None
            problems.append(_value_problem(source, key, item, error))
    problems.extend(_impossible_dates(source))
    return problems


def _value_problem(source: SourceFile, key: str, item: int | None, error) -> Problem:
    line = source.line_of(key, item)
    value = error.instance
    if error.validator == "type" or (error.validator == "oneOf" and not isinstance(value, str)):
        expected = {"string": "文字", "array": "列表（如 [甲, 乙]）",
                    "object": "“名称: 值”映射（如 {立项: 2026-03-16}）"}.get(error.validator_value, "")
        if error.validator == "oneOf":
            expected = "文字或文字列表"
        if value is None:
            return Problem(source.path, line, "field-length", f"{field_label(key)} 的值为空",
                           "填写内容，或删除这一行")
        return Problem(source.path, line, "field-type",
                       f"{field_label(key)} 应为{expected}", _type_hint(key, expected))
    rule = error.schema.get("x-rule", "field-type")
    shown = str(value)[:60]
    messages = {
        "date-format": (f"{field_label(key)} 的日期“{shown}”格式错误", "日期写作 YYYY-MM-DD，如 2022-04-15"),
        "ics-format": (f"ICS 分类号“{shown}”格式错误", "写作 NN.NNN 或 NN.NNN.NN 并加引号，如 \"03.080\""),
        "ccs-format": (f"CCS 分类号“{shown}”格式错误", "一个大写字母加两位数字，如 A12"),
        "source-url": (f"官方全文链接“{shown}”不是 http(s) 网址", "以 https:// 开头，如 https://openstd.samr.gov.cn/"),
        "level-value": (f"标准层级“{shown}”无效", "可选：" + "、".join(load_schema()["properties"]["level"]["enum"])),
        "stage-value": (f"制修订阶段“{shown}”无效", "可选：" + "、".join(load_schema()["properties"]["stage"]["enum"])),
        "feedback-url": (f"意见反馈地址“{shown}”无效", "写 mailto:邮箱地址 或 https:// 开头的网址"),
    }
    if rule in messages:
        message, hint = messages[rule]
        return Problem(source.path, line, rule, message, hint)
    if error.validator == "maxLength":
        return Problem(source.path, line, "field-length",
                       f"{field_label(key)} 超过 {error.validator_value} 个字符", "请精简")
    return Problem(source.path, line, "field-length", f"{field_label(key)} 不能为空",
                   "填写内容，或删除这一行")


def _type_hint(key: str, expected: str) -> str:
    if "列表" in expected:
        return f"写成列表：{key}: [甲, 乙]，或每项一行以“- ”开头"
    return f"写成文字：{key}: 内容"


def _impossible_dates(source: SourceFile) -> list[Problem]:
    """Dates in the right shape that do not exist (2023-02-30)."""
    problems = []
    for key in DATE_FIELDS:
        value = source.meta.get(key)
        if (isinstance(value, str) and DATE_RE.match(value) and parse_date(value) is None):
            problems.append(Problem(source.path, source.line_of(key), "date-format",
                                    f"{field_label(key)} 的日期“{value}”不存在",
                                    "检查月份和日期"))
    return problems
