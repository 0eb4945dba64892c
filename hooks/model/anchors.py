"""Heading anchors: clause numbers for clauses (`#5.2.1`, `#A`, `#A.1`), pinyin elsewhere.

Used as the `toc` extension's slugify function, so the permalinks MkDocs writes are the ones the
spec promises. Another heading with the same anchor gets `_1` appended by `toc`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pypinyin import lazy_pinyin

CLAUSE = re.compile(r"^\s*((?:\d{1,2}|[A-Z])(?:\.\d+)+|\d{1,2})(?=\s|$|[\u3000\u4e00-\u9fff])")
ANNEX = re.compile(r"^\s*附\s*录\s*([A-Z])(?![A-Za-z])")


def clause_number(heading: str) -> str | None:
    """The clause number a heading starts with ("5.2 车辆调度" → "5.2"), or None."""
    text = unicodedata.normalize("NFKC", heading)
    annex = ANNEX.match(text)
    if annex:
        return annex.group(1)
    match = CLAUSE.match(text)
    return match.group(1) if match else None


def pinyin_slug(text: str, separator: str = "-") -> str:
    text = unicodedata.normalize("NFKC", text)
    words = lazy_pinyin(text, errors=lambda chars: chars)
    joined = separator.join(w for w in words if w.strip())
    slug = re.sub(r"[^a-z0-9]+", separator, joined.lower()).strip(separator)
    return re.sub(re.escape(separator) + "{2,}", separator, slug)


@lru_cache(maxsize=65536)
def slugify(value: str, separator: str = "-") -> str:
    """Anchor for a heading's text: its clause number, or its toneless pinyin.

    Cached: headings repeat across standards (前言, 范围, 术语和定义 …) and across the rebuilds
    of one `mkdocs serve` process; pypinyin is the costly part."""
    return clause_number(value) or pinyin_slug(value, separator) or "section"
