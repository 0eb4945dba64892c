"""Small text helpers shared by the cover and structure readers."""

from __future__ import annotations

import re

SENTENCE_END = ("。", "；", "，", "：", ";", ",", ":")
_WIDE = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff0e]")


def narrow(text: str) -> str:
    """Full-width ASCII letters, digits and full stop (Ａ, １, ．) as ASCII; all else unchanged.

    Unlike NFKC this keeps Chinese punctuation: （, ：, 、 and the ideographic space stay."""
    return _WIDE.sub(lambda m: chr(ord(m.group()) - 0xFEE0), text)


def compact(text: str) -> str:
    """The text without any whitespace: “前　　言” → “前言”."""
    return "".join(text.split())


def cjk(text: str) -> int:
    """How many CJK ideographs the text holds."""
    return sum(1 for c in text if "\u4e00" <= c <= "\u9fff")


def collapse(text: str) -> str:
    """Whitespace runs (tabs, line breaks, ideographic spaces) as one space; ends stripped."""
    return re.sub(r"\s+", " ", text).strip()


_MARKS = re.compile(r"\x01\d*\x02?|[\x00-\x08]")  # docx_reader's marks, for a report line


def excerpt(text: str, limit: int = 24) -> str:
    """The start of a text for a report line."""
    text = collapse(_MARKS.sub("", text))
    return text if len(text) <= limit else text[:limit] + "…"
