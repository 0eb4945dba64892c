"""Facts about a standard that every page and export shows the same way: whether it is one of
this project's samples (示例), its GB/T 7714 citation, and the official platform for its full text.

Takes a loaded Standard; gives strings and small dicts. `hooks.derive.status.derive` stores them
on the Standard, so the pages, the catalogue and the exports read one answer.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from hooks.model.standard import Standard

PLATFORMS_FILE = Path(__file__).parent.parent / "data" / "platforms.yml"
SAMPLE_MARK = "（示例）"
MAX_CITED_AUTHORS = 3  # GB/T 7714—2015 8.1.2: more than three responsible bodies → "等"


@cache
def platforms() -> dict[str, dict[str, str]]:
    return yaml.safe_load(PLATFORMS_FILE.read_text(encoding="utf-8"))


def official_platform(std: Standard) -> dict[str, str]:
    """Where to read the full text: the standard's own `source`, else its level's platform."""
    if std.source:
        return {"name": "官方全文", "url": std.source}
    table = platforms()
    return dict(table.get(std.level, table["default"]))


def is_sample(std: Standard) -> bool:
    return SAMPLE_MARK in std.title


def citation(std: Standard) -> str:
    """GB/T 7714—2015 reference for a standard: 主要责任者. 题名: 标准号[S]. 出版年."""
    authors = std.issuer[:MAX_CITED_AUTHORS]
    who = ", ".join(authors) + (", 等" if len(std.issuer) > MAX_CITED_AUTHORS else "")
    lead = f"{who}. " if who else ""
    year = f" {std.issued.year}." if std.issued else ""
    return f"{lead}{std.title}: {std.code}[S].{year}"
