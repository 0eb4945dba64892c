"""Normative references (规范性引用文件): read the entries of chapter 2 and flag obsolete ones.

An entry is a line of the chapter such as ``- GB/T 29118—2012　节约型机关评价导则``. Only dated
references can be obsolete: an undated one (``GB/T 29118``) means the latest edition, so it is
never reported. The check mirrors the RFC idnits "obsolete normative reference" warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hooks.check.problems import Problem
from hooks.check.registry import checks
from hooks.model.numbers import NumberError, StandardNumber, parse_number
from hooks.model.standard import STATUS_ABOLISHED, STATUS_REPLACED, Standard

CHAPTER_TITLE = "规范性引用文件"
_BULLET = re.compile(r"^\s*(?:[-*+]\s+|——\s*|·\s*|\d+[.)]\s+)?")
_SEPARATOR = re.compile(r"\u3000|\t|\s{2,}")


@dataclass(frozen=True)
class Reference:
    """One dated entry of the 规范性引用文件 chapter."""

    number: StandardNumber
    title: str
    line: int  # file line


def parse_entry(text: str) -> tuple[StandardNumber, str] | None:
    """The dated standard number an entry starts with, and the rest of the line."""
    entry = _BULLET.sub("", text, count=1).strip()
    if not entry:
        return None
    tokens = entry.split()
    candidates = [_SEPARATOR.split(entry, maxsplit=1)[0], " ".join(tokens[:2]), tokens[0]]
    for candidate in candidates:
        candidate = candidate.strip()
        if not candidate:
            continue
        try:
            number = parse_number(candidate)
        except NumberError:
            continue
        return number, entry[len(candidate):].strip(" \u3000\t")
    return None


def normative_references(lines: list[tuple[int, str]]) -> list[Reference]:
    """Dated references among the (file line, text) lines of the chapter's content."""
    refs = []
    for line, text in lines:
        parsed = parse_entry(text)
        if parsed is not None:
            refs.append(Reference(parsed[0], parsed[1], line))
    return refs


@checks("reference-obsolete")
def check_obsolete(std: Standard, refs: list[Reference],
                   by_code: dict[str, Standard]) -> list[Problem]:
    problems = []
    for ref in refs:
        cited = by_code.get(ref.number.canonical)
        if cited is None or cited is std:
            continue
        newer = "、".join(s.code for s in cited.replaced_by)
        if cited.status == STATUS_REPLACED:
            problems.append(Problem(
                std.path, ref.line, "reference-obsolete",
                f"规范性引用文件 {cited.code} 已被 {newer} 代替",
                f"核对后改引 {newer}，或确认仍需引用旧版本"))
        elif cited.status == STATUS_ABOLISHED:
            when = cited.abolished.isoformat() if cited.abolished else ""
            hint = f"核对后改引 {newer}" if newer else "删除该引用，或改引替代它的文件"
            problems.append(Problem(
                std.path, ref.line, "reference-obsolete",
                f"规范性引用文件 {cited.code} 已于 {when} 废止", hint))
    return problems
