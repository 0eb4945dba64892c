"""`python -m hooks new NUMBER`: a new standard file from the template, ready to fill in.

The template (data/standard_template.md + data/standard_template_body.md) explains every field in
Chinese comments and gives the GB/T 1.1—2020 skeleton. Its 【待填：…】 placeholders fail `check`
(placeholder-unfilled) until they are replaced. `new` refuses to overwrite a file and refuses a
number that any file of the corpus already uses, in any spelling.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from string import Template

from hooks.check.registry import also_checks
from hooks.corpus import FRAMEWORK_FILE, STANDARDS_DIR, display_path, standard_files
from hooks.load.framework import load_framework
from hooks.load.frontmatter import read_source
from hooks.model.numbers import NumberError, StandardNumber, parse_number

DATA = Path(__file__).parent.parent / "data"
HEAD_TEMPLATE = DATA / "standard_template.md"
BODY_TEMPLATE = DATA / "standard_template_body.md"


class ScaffoldError(Exception):
    def __init__(self, rule: str, message: str, hint: str) -> None:
        super().__init__(message)
        self.rule = rule
        self.message = message
        self.hint = hint


@dataclass
class Scaffold:
    path: Path
    display: str
    number: StandardNumber
    text: str


def used_numbers(root: Path) -> dict[str, str]:
    """Canonical number → display path, for every file that has a readable number."""
    used: dict[str, str] = {}
    for path in standard_files(root / STANDARDS_DIR):
        display = display_path(path, root)
        source = read_source(path, display, [])
        raw = source.meta.get("number") if source else None
        if isinstance(raw, str):
            with contextlib.suppress(NumberError):
                used.setdefault(parse_number(raw).canonical, display)
    return used


def _domains(root: Path) -> str:
    framework = load_framework(root / STANDARDS_DIR / FRAMEWORK_FILE, FRAMEWORK_FILE, [])
    lines = [f"#   {'  ' * node.depth}{node.code} {node.name}" for node in framework.walk()]
    return "\n".join(lines) or "#   （standards/framework.yml 尚无节点）"


def render(number: StandardNumber, display: str, root: Path, metadata_only: bool = False) -> str:
    if number.level is None:
        level_note = "代号不属于国家、行业、地方、团体、企业或工程建设标准，必须写 单位内部标准。"
        level_line = "level: 单位内部标准\n"
    else:
        region = f"（{number.region}）" if number.region else ""
        level_note = (f"由标准号自动判断为“{number.level}{region}”，无需填写；"
                      "如果写 level，必须与此一致。")
        level_line = f"# level: {number.level}\n"
    if metadata_only:
        license_note = "只收录题录信息时不需要。登载全文前，写明依据什么权利公开全文（见编写指南“发布权利”）。"
        license_line = "# license: 本单位制定的标准，经本单位同意公开全文\n"
        body_note = "\n# 本文件只收录题录信息，正文留空：页面显示元数据和官方全文链接。"
    else:
        license_note = ("登载全文时必填：写明依据什么权利公开全文（见编写指南“发布权利”）。"
                        "没有公开全文的权利时，删除下面 --- 之后的全部正文，只收录题录信息。")
        license_line = "license: 【待填：全文授权依据，如“本单位制定，经本单位同意公开全文”】\n"
        body_note = "\n# 只收录题录信息时，删除 --- 之后的全部正文。"
    head = Template(HEAD_TEMPLATE.read_text(encoding="utf-8")).substitute(
        path=display, number=number.canonical, domains=_domains(root),
        level_note=level_note, level_line=level_line,
        number_example=f"{number.code} {number.seq}—{int(number.year) - 5}",
        license_note=license_note, license_line=license_line, body_note=body_note,
    )
    body = "" if metadata_only else BODY_TEMPLATE.read_text(encoding="utf-8")
    return head + body


@also_checks("number-duplicate")  # `new` refuses a number already in use
def scaffold(root: Path, raw_number: str, metadata_only: bool = False) -> Scaffold:
    """The new file for `raw_number`; raises ScaffoldError if it cannot or must not be made."""
    try:
        number = parse_number(raw_number)
    except NumberError as exc:
        raise ScaffoldError(exc.rule, exc.message, exc.hint) from None
    path = root / STANDARDS_DIR / f"{number.slug}.md"
    display = display_path(path, root)
    if path.exists():
        raise ScaffoldError("file-exists", f"{display} 已经存在，未做任何改动",
                            f"直接编辑 {display}；修订版请用新的年号新建文件")
    used = used_numbers(root)
    if number.canonical in used:
        raise ScaffoldError("number-duplicate", f"标准号 {number.canonical} 已被 {used[number.canonical]} 使用",
                            f"直接编辑 {used[number.canonical]}")
    return Scaffold(path, display, number, render(number, display, root, metadata_only))


def write(scaffold_: Scaffold) -> None:
    scaffold_.path.parent.mkdir(parents=True, exist_ok=True)
    with scaffold_.path.open("x", encoding="utf-8", newline="\n") as out:  # never overwrite
        out.write(scaffold_.text)
