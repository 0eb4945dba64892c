"""Facts about a standard that every page and export shows the same way: whether it is one of
this project's samples (示例), its GB/T 7714 citation, and the official platform for its full text.

Takes a loaded Standard; gives strings and small dicts. `hooks.derive.status.derive` stores them
on the Standard, so the pages, the catalogue and the exports read one answer.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import quote

import yaml

from hooks.model.standard import Standard

PLATFORMS_FILE = Path(__file__).parent.parent / "data" / "platforms.yml"
SAMPLE_MARK = "（示例）"
MAX_CITED_AUTHORS = 3  # GB/T 7714—2015 8.1.2: more than three responsible bodies → "等"
EM_DASH = "\u2014"


@cache
def platforms() -> dict[str, dict[str, object]]:
    return yaml.safe_load(PLATFORMS_FILE.read_text(encoding="utf-8"))


def platform_number(std: Standard, spelling: str) -> str:
    """The number as a platform writes it: `hyphen` (GB/T 41568-2022) or `em-dash`."""
    number = std.number
    dash = EM_DASH if spelling == "em-dash" else "-"
    return f"{number.code} {number.seq}{dash}{number.year}"


def official_platform(std: Standard) -> dict[str, str]:
    """Where to read the full text, as deep a link as the place allows (data/platforms.yml).

    `name`, `url` (the link: the standard's own `source`, else the platform's search for this
    number, else its home page), `home`, `number` (the number as the platform writes it, for
    pasting into its search box) and `link`: "source", "search" or "home"."""
    if std.source:
        return {"name": "官方全文", "url": std.source, "home": std.source, "number": std.code,
                "link": "source"}
    table = platforms()
    entry = table.get(std.level, table["default"])
    number = platform_number(std, str(entry.get("number", "hyphen")))
    home = str(entry["home"])
    # A plan or draft has a plan number, no published number a platform could know.
    search = "" if std.is_draft else str(entry.get("search") or "")
    url = search.replace("{number}", quote(number, safe="")) if search else home
    return {"name": str(entry["name"]), "url": url, "home": home, "number": number,
            "link": "search" if search else "home"}


def is_sample(std: Standard) -> bool:
    return SAMPLE_MARK in std.title


def citation(std: Standard) -> str:
    """GB/T 7714—2015 reference for a standard: 主要责任者. 题名: 标准号[S]. 出版年."""
    authors = std.issuer[:MAX_CITED_AUTHORS]
    who = ", ".join(authors) + (", 等" if len(std.issuer) > MAX_CITED_AUTHORS else "")
    lead = f"{who}. " if who else ""
    year = f" {std.issued.year}." if std.issued else ""
    return f"{lead}{std.title}: {std.code}[S].{year}"
