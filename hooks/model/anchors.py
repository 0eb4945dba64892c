"""Heading anchors: clause numbers for clauses (`#5.2.1`, `#A`, `#A.1`), pinyin elsewhere.

Used as the `toc` extension's slugify function, so the permalinks MkDocs writes are the ones the
spec promises. Another heading with the same anchor gets `_1` appended by `toc`. The pinyin is
hooks/model/pinyin.py's, the same reading sort keys and search use (## 差旅 → `#chai-lv`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from hooks.model.pinyin import pinyin

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
    """Toneless pinyin, syllables and other words joined by `separator` ("前言" → "qian-yan")."""
    words = pinyin(unicodedata.normalize("NFKC", text))
    joined = separator.join(w for w in words if w.strip())
    slug = re.sub(r"[^a-z0-9]+", separator, joined.lower()).strip(separator)
    return re.sub(re.escape(separator) + "{2,}", separator, slug)


@lru_cache(maxsize=65536)
def slugify(value: str, separator: str = "-") -> str:
    """Anchor for a heading's text: its clause number, or its toneless pinyin.

    Cached: headings repeat across standards (前言, 范围, 术语和定义 …) and across the rebuilds
    of one `mkdocs serve` process; pinyin is the costly part."""
    return clause_number(value) or pinyin_slug(value, separator) or "section"
