"""Sort keys: standard numbers in natural order, Chinese names by pinyin.

Pinyin comes from hooks/model/pinyin.py (TONE3, neutral tone 5: the tone orders names whose
syllables are the same), the reading anchors and search use too, with this domain's heteronyms
fixed by hooks/data/pinyin_phrases.yml (行业 hang2, 重大 zhong4, …).
"""

from __future__ import annotations

from datetime import date

from hooks.model.numbers import number_key
from hooks.model.pinyin import pinyin
from hooks.model.standard import LEVELS, STATUSES, Standard


def pinyin_key(text: str) -> tuple:
    """Sort key for a Chinese name: syllable by syllable, then the text itself as tie-break."""
    parts = tuple(p.strip().lower() for p in pinyin(text, tones=True) if p.strip())
    return (parts, text)


def std_number_key(std: Standard) -> tuple:
    return number_key(std.number)


def std_title_key(std: Standard) -> tuple:
    return (pinyin_key(std.title), number_key(std.number))


def status_rank(status: str) -> int:
    return STATUSES.index(status) if status in STATUSES else len(STATUSES)


def level_rank(level: str) -> int:
    return LEVELS.index(level) if level in LEVELS else len(LEVELS)


def by_number(standards: list[Standard]) -> list[Standard]:
    return sorted(standards, key=std_number_key)


def date_key(std: Standard) -> tuple[date, date]:
    """(发布日期, 实施日期); a draft without dates sorts as the oldest."""
    return (std.issued or date.min, std.effective or date.min)


def newest_first(standards: list[Standard]) -> list[Standard]:
    """By 发布日期, newest first; same day: by number. Drafts (no dates) come last."""
    return sorted(by_number(standards), key=date_key, reverse=True)


def iso(day: date | None) -> str:
    return day.isoformat() if day else ""
