"""The editors' guide (编写指南) parts that are generated, so the docs cannot drift from the code.

- `guide/rules.md` (规则参考): every rule of the registry (data/rules.yml) with its anchor
  `#<rule-id>`, the target of every diagnostic's help link (hooks.check.rules.help_url), and
  the function that checks it (hooks.check.registry).
- In hand-written guide pages, marker comments are replaced by generated Markdown:
  `<!-- generated: fields -->` (the front-matter table, from the JSON Schema) and
  `<!-- generated: numbers -->` (number spellings, run through hooks.model.numbers).
"""

from __future__ import annotations

from mkdocs.structure.files import Files

from hooks.check.registry import Site, describe
from hooks.check.rules import RULES, Rule
from hooks.check.schema import load_schema
from hooks.model.facts import RULES_SRC, SEVERITY
from hooks.model.numbers import NumberError, parse_number
from hooks.pages.links import add_page

NUMBER_EXAMPLES = (
    "GB/T 41568—2022", "GB/T41568-2022", "ＧＢ／Ｔ ４１５６８－２０２２", "GB/T 41568 – 2022",
    "GB 31654—2021", "GB/T 1.1—2020", "DB4203/T 131—2018", "DB51/T 2610-2019", "T/CAS 290—2017",
    "建标 169—2014", "SLJG 001—2023",
)


def _fence(text: str, lang: str) -> str:
    fence = "~~~~" if "~~~" in text else "~~~"
    return f"{fence}{lang}\n{text.rstrip()}\n{fence}"


def _lang(example: str) -> str:
    lines = example.strip().splitlines()
    if not lines or example.strip().startswith("（"):
        return "text"
    if any(line.startswith("## ") or line.startswith("表 ") for line in lines):
        return "markdown"
    return "yaml"


def _site(site: Site) -> str:
    return f"`{site.file}` 的 `{site.function}`"


def rule_section(rule: Rule) -> str:
    parts = [
        f"### {rule.id}：{rule.title} {{#{rule.id}}}",
        "",
        f"**级别**：{SEVERITY[rule.severity]}　**终端查看**：`python -m hooks explain {rule.id}`",
        "",
        rule.explanation.strip(),
        "",
    ]
    for label, example in (("错误示例", rule.bad), ("改正后", rule.fixed)):
        shown = example if example.strip() else "（空文件）"
        parts += [f"{label}：", "", _fence(shown, _lang(shown)), ""]
    parts += [f"实现：{describe(rule.id, _site)}", ""]
    return "\n".join(parts)


def rules_page() -> str:
    rules = list(RULES.values())
    out = [
        "---", "title: 规则参考", "---", "",
        "# 规则参考", "",
        "`python -m hooks check` 和网站构建报告的每个问题都写作"
        "“文件:行号: 规则号 说明（提示）”。下面按规则号逐条说明原因，并给出错误示例和改正后的写法。"
        "在终端中也可以运行 `python -m hooks explain 规则号` 查看同样的内容。", "",
        "**错误**会使检查不通过、网站构建停止；**警告**（复审逾期、正文结构）在检查结果和标准页面的"
        "“编辑提示”中显示，只有 `python -m hooks check --strict` 会因警告而不通过。", "",
        "本页由规则登记表 `hooks/data/rules.yml` 自动生成，检查程序和测试读取的是同一份登记表。"
        "每条规则末尾的“实现”指出检查它的函数：函数上方用 `@checks(\"规则号\")` 登记，"
        "汇总在 `hooks/check/registry.py`。", "",
        "| 规则号 | 级别 | 含义 |", "|---|---|---|",
    ]
    out += [f"| [{r.id}](#{r.id}) | {SEVERITY[r.severity]} | {r.title} |" for r in rules]
    for severity, heading in SEVERITY.items():
        out += ["", f"## {heading}", ""]
        out += [rule_section(r) for r in rules if r.severity == severity]
    return "\n".join(out) + "\n"


def fields_table() -> str:
    schema = load_schema()
    required = set(schema.get("required", []))
    rows = ["| 字段 | 中文名称 | 必填 | 写法 | 规则号 |", "|---|---|---|---|---|"]
    for key, prop in schema["properties"].items():
        rule = prop.get("x-rule") or (prop.get("items") or {}).get("x-rule") or "field-type"
        note = str(prop.get("description", "")).replace("|", "\\|")
        rows.append(f"| `{key}` | {prop.get('title', '')} | {'是' if key in required else prop.get('x-required', '否')} "
                    f"| {note} | [{rule}](rules.md#{rule}) |")
    return "\n".join(rows)


def numbers_table() -> str:
    rows = ["| 写法 | 规范写法 | 文件名 | 层级 |", "|---|---|---|---|"]
    for text in NUMBER_EXAMPLES:
        try:
            n = parse_number(text)
        except NumberError as exc:  # pragma: no cover - the examples are all valid
            rows.append(f"| `{text}` | {exc.message} | | |")
            continue
        level = n.level or "无法判断，须写 `level: 单位内部标准`"
        if n.region:
            level += f"（{n.region}）"
        rows.append(f"| `{text}` | {n.canonical} | `{n.slug}.md` | {level} |")
    return "\n".join(rows)


MARKERS = {
    "<!-- generated: fields -->": fields_table,
    "<!-- generated: numbers -->": numbers_table,
}


def add_files(state, files: Files, config) -> None:
    add_page(files, config, RULES_SRC, rules_page())


def page_markdown(state, markdown: str, page) -> str | None:
    if not page.file.src_uri.startswith("guide/") or "<!-- generated:" not in markdown:
        return None
    for marker, make in MARKERS.items():
        if marker in markdown:
            markdown = markdown.replace(marker, make())
    return markdown
