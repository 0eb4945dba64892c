"""What a paragraph style says a paragraph is: heading level, annex mark, caption, 列项, 注 ….

Recognised names (normalised by docx_reader.normal_name: lower case, no spaces, without the
drafting template's 标准文件_ prefix), the paragraph's own style first, then its base styles:

- Word's built-in headings in either language: ``Heading 1``–``9``, ``标题 1``–``9``;
- the national drafting template (TCS, GB/T 1.1—2020 and —2009 editions): ``章标题`` (chapter),
  ``一级条标题``–``五级条标题`` (5.1 … 5.1.1.1.1.1), ``一级无标题``–``五级无标题`` (untitled
  clauses), ``术语条一``/``术语条二`` (3.1, 3.1.1), ``附录标识`` (the annex mark),
  ``附录章标题`` (the annex title in the 2020 template, its first clause level in the 2009 one:
  decided by position, see structure.py), ``附录一级条标题``–``附录五级条标题``,
  ``前言、引言标题``, ``参考文献标题``, ``索引标题``, ``目录标题``/``目次``, ``正文标准名称``,
  ``正文表标题``/``附录表标题``, ``正文图标题``/``附录图标题``, ``注：``/``注×：``, ``示例``,
  ``字母编号列项``, ``数字编号列项``, ``破折号列项``/``列项——``, ``列项·``;
- Word's ``Caption``/``题注``, ``TOC 1``–``9``/``目录 1``–``9``;
- otherwise the paragraph's outline level (w:outlineLvl 0–8), which any heading style has.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hooks.importer.docx_reader import Para

ORDINALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5}
_HEADING = re.compile(r"(?:heading|标题)(\d)")
_ANNEX_CLAUSE = re.compile(r"附录([一二三四五])级条标题")
_ANNEX_UNTITLED = re.compile(r"附录([一二三四五])级无标题")
_CLAUSE = re.compile(r"([一二三四五])级条标题")
_UNTITLED = re.compile(r"([一二三四五])级无标题")
_TERM = re.compile(r"术语条([一二三四五])")
_TOC_ENTRY = re.compile(r"(?:toc|目录|目次)\d")


@dataclass(frozen=True)
class Role:
    kind: str  # heading, untitled, annex, annex-chapter, annex-heading, annex-untitled, front,
    #            toc, toc-entry, body-title, caption, note, example, item
    level: int = 0  # clause level: 1 chapter, 2 for 5.1 or A.1, …
    detail: str = ""  # caption: 表 or 图; item: letter, number, dash, dot


def _named(name: str) -> Role | None:
    if match := _HEADING.fullmatch(name):
        return Role("heading", int(match.group(1)))
    if "附录标识" in name:
        return Role("annex")
    if "附录章标题" in name:
        return Role("annex-chapter", 2)
    if match := _ANNEX_CLAUSE.search(name):
        return Role("annex-heading", ORDINALS[match.group(1)] + 1)
    if match := _ANNEX_UNTITLED.search(name):
        return Role("annex-untitled", ORDINALS[match.group(1)] + 1)
    if "章标题" in name:
        return Role("heading", 1)
    if match := _CLAUSE.search(name):
        return Role("heading", ORDINALS[match.group(1)] + 1)
    if match := _UNTITLED.search(name):
        return Role("untitled", ORDINALS[match.group(1)] + 1)
    if match := _TERM.search(name):
        return Role("heading", ORDINALS[match.group(1)] + 1)
    if "前言" in name or "引言" in name or ("参考文献" in name and "标题" in name) \
            or "索引标题" in name:
        return Role("front")
    if "目录标题" in name or "目次标题" in name or name in ("目次", "tocheading"):
        return Role("toc")
    if _TOC_ENTRY.fullmatch(name) or "目次、索引正文" in name:
        return Role("toc-entry")
    if "正文标准名称" in name:
        return Role("body-title")
    if "表标题" in name:
        return Role("caption", detail="表")
    if "图标题" in name:
        return Role("caption", detail="图")
    if name in ("caption", "题注"):
        return Role("caption")
    if name.startswith("注"):
        return Role("note")
    if name.startswith("示例") and "内容" not in name:
        return Role("example")
    if "列项" in name:
        detail = ("letter" if "字母" in name else "number" if "数字" in name
                  else "dot" if "·" in name else "dash")
        return Role("item", detail=detail)
    return None


def role_of(para: Para) -> Role | None:
    """The role the paragraph's style (or its outline level) gives it; None for body text."""
    for name in para.style.names:
        role = _named(name)
        if role is not None:
            return role
    if para.outline is not None and 0 <= para.outline < 9:
        return Role("heading", para.outline + 1)
    return None
