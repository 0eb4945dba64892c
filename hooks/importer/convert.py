"""The whole import: a .docx draft → the text of `standards/<slug>.md`, and where it goes.

`convert` reads and converts without writing; `target` decides the file (refusing to overwrite
without force, and refusing a number another file already uses); `write` writes it.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from hooks.cli.scaffold import BODY_TEMPLATE, render, used_numbers
from hooks.corpus import STANDARDS_DIR, display_path
from hooks.importer import markdown
from hooks.importer.cover import Cover, Line, read_cover
from hooks.importer.docx_reader import Draft, Para, Table, plain, read
from hooks.importer.source import EXIT_TARGET, DraftError, open_document
from hooks.importer.structure import (
    Body,
    Finding,
    Heading,
    TableText,
    Text,
    split_cover,
    structure,
)
from hooks.importer.text import excerpt
from hooks.model.characters import FORBIDDEN_IN_LINE
from hooks.model.numbers import NumberError, StandardNumber, parse_number

_BY = r"本(?:文件|标准|部分|指南|规范|规程)"
PREFACE_FIELDS = (
    (re.compile(_BY + r"由(.+?)提出并归口[。.]?$"), ("proposer", "responsible")),
    (re.compile(_BY + r"由(.+?)提出[。.]?$"), ("proposer",)),
    (re.compile(_BY + r"由(.+?)归口[。.]?$"), ("responsible",)),
    (re.compile(_BY + r"(?:的)?起草单位[：:](.+?)[。.]?$"), ("drafters",)),
    (re.compile(_BY + r"(?:的)?主要起草人[：:](.+?)[。.]?$"), ("authors",)),
)
LIST_FIELDS = ("drafters", "authors")
_TEMPLATE_VALUE = re.compile(r"[×Ｘ…]|XX|xx|【")


@dataclass
class Result:
    number: StandardNumber
    text: str
    cover: Cover
    body: Body
    findings: list[Finding] = field(default_factory=list)
    fields: dict[str, object] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        """What was converted, for the summary line."""
        heads = [e for e in self.body.elements if isinstance(e, Heading)]
        texts = [e for e in self.body.elements if isinstance(e, Text)]
        return {
            "章": sum(1 for h in heads if h.kind == "clause" and "." not in h.number),
            "条": sum(1 for h in heads if h.kind == "clause" and "." in h.number),
            "附录": sum(1 for h in heads if h.kind == "annex"),
            "表": sum(1 for e in self.body.elements if isinstance(e, TableText)),
            "列项": sum(1 for t in texts if t.kind == "item"),
            "注": sum(1 for t in texts if t.kind == "note"),
            "示例": sum(1 for t in texts if t.kind == "example"),
            "图表标题": sum(1 for t in texts if t.kind == "caption"),
        }


def cover_lines(blocks: list[Para | Table]) -> list[Line]:
    """Every line of the cover: paragraphs split at line breaks, text boxes, table cells."""
    lines: list[Line] = []

    def add(para: Para) -> None:
        for text in [*plain(para.text).split("\n"), *para.textboxes]:
            for part in text.split("\t") if "\t" in text.strip() else [text]:
                if part.strip():
                    lines.append(Line(para.index, part.strip(), para.style.names))

    for block in blocks:
        if isinstance(block, Para):
            add(block)
        else:
            for row in block.rows:
                for cell in row:
                    for para in cell.paragraphs:
                        add(para)
    return lines


def _preface_fields(preface: list[str]) -> dict[str, object]:
    found: dict[str, object] = {}
    for line in preface:
        for pattern, keys in PREFACE_FIELDS:
            match = pattern.match(line.strip())
            if not match or _TEMPLATE_VALUE.search(match.group(1)):
                continue
            value = match.group(1).strip()
            for key in keys:
                if key in LIST_FIELDS:
                    found.setdefault(key, [v.strip() for v in re.split(r"[、，,；;]", value)
                                           if v.strip()])
                else:
                    found.setdefault(key, value)
            break
    return found


def _number(cover: Cover, draft: Draft, given: str | None, findings: list[Finding]
            ) -> StandardNumber:
    if given is not None:
        try:
            number = parse_number(given)
        except NumberError as exc:
            raise DraftError(f"--number {excerpt(given, 40)}：{exc.message}（{exc.hint}）") from None
        if cover.number and cover.number != number.canonical:
            findings.append(Finding(None, "", f"封面上的标准号是 {cover.number}，按 --number 导入为 "
                                              f"{number.canonical}"))
        return number
    candidates = [cover.number] if cover.number else []
    for header in draft.headers:
        candidates += [header, *header.split()]
    for candidate in candidates:
        try:
            return parse_number(candidate)
        except NumberError as exc:
            if candidate == cover.number:
                raise DraftError(f"封面上的标准号“{excerpt(candidate, 40)}”有误：{exc.message}"
                                 f"（{exc.hint}）；改正后重新导入，或加 --number 指定") from None
    raise DraftError("封面上没有找到标准号：请加 --number 指定，"
                     "如 python -m hooks import 草案.docx --number \"DB3301/T 9970—2026\"")


def _head(number: StandardNumber, display: str, root: Path, source: Path) -> str:
    """The template's front-matter for this number (what `new` writes), and a line saying
    where the file came from."""
    full = render(number, display, root)
    body = BODY_TEMPLATE.read_text(encoding="utf-8")
    head = full[: len(full) - len(body)] if full.endswith(body) else full
    name = FORBIDDEN_IN_LINE.sub("", source.name)
    origin = (f"# 本文件由 python -m hooks import 从“{name}”导入：封面上找到的字段已填好，"
              "其余仍是【待填：…】；正文请对照原稿核对。")
    return head.replace("---\n", "---\n" + origin + "\n", 1)


def convert(source: Path, root: Path, number: str | None = None) -> tuple[Result, Path, str]:
    """Read the draft and convert it; (result, path of the standard file, its display path)."""
    document = open_document(source)
    draft = read(document)
    cover_end = split_cover(draft.blocks)
    cover = read_cover(cover_lines(draft.blocks[:cover_end]))
    body = structure(draft.blocks[cover_end:], cover.title)
    findings: list[Finding] = []
    std_number = _number(cover, draft, number, findings)
    path = root / STANDARDS_DIR / f"{std_number.slug}.md"
    display = display_path(path, root)

    fields: dict[str, object] = {"title": cover.title or body.body_title,
                                 "title_en": cover.title_en, "issued": cover.issued,
                                 "effective": cover.effective, "ics": cover.ics, "ccs": cover.ccs,
                                 "issuer": cover.issuer[0] if len(cover.issuer) == 1
                                 else cover.issuer}
    fields.update(_preface_fields(body.preface))
    known = used_numbers(root)
    fields["replaces"] = [n for n in cover.replaces if n in known]
    for old in cover.replaces:
        if old not in known:
            findings.append(Finding(None, "", f"封面写明代替 {old}，本站没有这项标准的文件，未写入 "
                                              "replaces（需要时先为旧版本建一个只有题录的文件，再写 replaces）"))
    for line in cover.unused:
        findings.append(Finding(line.paragraph, excerpt(line.text), "封面上的这行文字未导入"))
    for block in draft.blocks[:cover_end]:
        if isinstance(block, Para):
            for name in block.images:
                findings.append(Finding(block.index, excerpt(block.text) or "封面",
                                        f"封面上的图片 {name} 未导入"))
    findings += body.findings
    findings += [Finding(None, "", fact) for fact in draft.facts]
    findings.sort(key=lambda f: (f.paragraph is None, f.paragraph or 0))
    text = markdown.standard_file(_head(std_number, display, root, source), fields,
                                  body.elements, draft.footnotes)
    return Result(std_number, text, cover, body, findings, fields), path, display


def target(root: Path, result: Result, path: Path, display: str, force: bool) -> None:
    """Refuse (DraftError, exit 1) to overwrite without force, or to take a number in use."""
    if path.exists() and not force:
        raise DraftError(f"{display} 已经存在，未做任何改动（确认要用导入的内容覆盖它时，加 --force）",
                         code=EXIT_TARGET)
    used = used_numbers(root).get(result.number.canonical)
    if used is not None and used != display:
        raise DraftError(f"标准号 {result.number.canonical} 已被 {used} 使用，未做任何改动"
                         f"（修订版请用新的年号；或直接编辑 {used}）", code=EXIT_TARGET)


def write(path: Path, text: str) -> None:
    """Write the file whole (a temporary file renamed over it), never half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=".import-", suffix=".md", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
