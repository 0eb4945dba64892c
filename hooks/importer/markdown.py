"""Write the standard file: the template's front-matter with what the draft gave, and the text.

The front-matter is the one `python -m hooks new` writes (hooks/data/standard_template.md through
hooks.cli.scaffold.render), so an imported file explains every field the same way and keeps its
【待填：…】 placeholders for what the draft did not give (所属领域 always, 文本授权, and any cover
field not found): `check` names each one (placeholder-unfilled). A field found replaces its
template line (`title: 【待填：…】`, or the commented example `# ics: "03.080"`).

The text follows the corpus's own files (standards/sljg-001-2023.md): headings ``## 5 …``,
``### 5.2 …``, ``## 附录 A（资料性）…``; 列项 ``a) …``, ``1) …``, ``——…`` one paragraph each;
``注：``/``注 1：`` and ``示例：``; captions ``表 1　…`` on their own line; normative references
as a list ``- GB/T 29118—2023　…``; footnotes as Markdown footnotes.
"""

from __future__ import annotations

import json
import re
from datetime import date

import yaml

from hooks.check.placeholders import placeholder
from hooks.importer import escape, tables
from hooks.importer.structure import Element, Heading, TableText, Text

ANNEX_TYPE_PLACEHOLDER = placeholder("规范性或资料性")
ANNEX_TITLE_PLACEHOLDER = placeholder("附录标题")
FIELD_ORDER = ("title", "title_en", "issued", "effective", "replaces", "issuer", "proposer",
               "responsible", "drafters", "authors", "ics", "ccs")


def yaml_line(key: str, value: object) -> str:
    """`key: value` as YAML that reads back as written (dates plain, text quoted when needed)."""
    if isinstance(value, date):
        return f"{key}: {value.isoformat()}"
    if isinstance(value, list):
        return f"{key}: [{', '.join(_scalar(item) for item in value)}]"
    return f"{key}: {_scalar(value)}"


def _scalar(value: object) -> str:
    """A YAML scalar that reads back as this text: plain when YAML allows, else in double quotes
    as the template writes them (`ics: "03.080"`)."""
    dumped = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10_000)
    dumped = dumped.strip().removesuffix("\n...").strip()  # a plain scalar ends the document
    if dumped.startswith(("'", '"')) or any(c in dumped for c in ",[]{}"):  # also in a [list]
        return json.dumps(value, ensure_ascii=False)  # JSON strings are YAML double-quoted ones
    return dumped


def front_matter(head: str, fields: dict[str, object]) -> str:
    """The template's front-matter with each field in `fields` written over its template line;
    a field without one goes just before the closing ---."""
    lines = head.split("\n")
    for key in FIELD_ORDER:
        value = fields.get(key)
        if value in (None, "", []):
            continue
        pattern = re.compile(rf"^(?:#\s*)?{key}:\s")
        at = next((i for i, line in enumerate(lines) if pattern.match(line)), None)
        if at is None:
            at = max(i for i, line in enumerate(lines) if line.strip() == "---")
            lines.insert(at, yaml_line(key, value))
        else:
            lines[at] = yaml_line(key, value)
    return "\n".join(lines)


def heading(element: Heading) -> str:
    if element.kind == "front":
        return f"## {element.title}"
    if element.kind == "annex":
        kind = element.annex_type or ANNEX_TYPE_PLACEHOLDER
        title = escape.heading(element.title) if element.title else ANNEX_TITLE_PLACEHOLDER
        return f"## 附录 {element.number}（{kind}）{title}"
    text = f"{element.number} {escape.heading(element.title)}" if element.title else element.number
    return "#" * element.level + " " + text


def body(elements: list[Element], footnotes: dict[int, str]) -> str:
    """The Markdown text: blocks separated by blank lines, a reference list kept together."""
    blocks: list[str] = []
    previous: Element | None = None
    for element in elements:
        if isinstance(element, Heading):
            blocks.append(heading(element))
        elif isinstance(element, TableText):
            blocks.append(tables.render(element))
        elif isinstance(element, Text) and element.kind == "reference":
            line = "- " + escape.inline(element.text, line_start=False)
            if isinstance(previous, Text) and previous.kind == "reference":
                blocks[-1] += "\n" + line
            else:
                blocks.append(line)
        else:
            blocks.append(escape.inline(element.text))
        previous = element
    for number, text in footnotes.items():
        note = escape.inline(text) if text else placeholder("脚注内容未能读出，请补写")
        blocks.append(f"[^{number}]: {note}")
    return "\n\n".join(blocks) + "\n"


def standard_file(head: str, fields: dict[str, object], elements: list[Element],
                  footnotes: dict[int, str]) -> str:
    """The whole file: front-matter, a blank line, the text."""
    text = front_matter(head, fields)
    if not text.endswith("\n"):
        text += "\n"
    return text + "\n" + body(elements, footnotes)
