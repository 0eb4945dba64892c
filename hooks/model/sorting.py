"""Sort keys: standard numbers in natural order, Chinese names by pinyin.

Pinyin comes from pypinyin (TONE3, neutral tone 5) with this domain's heteronyms fixed by the
phrase file hooks/data/pinyin_phrases.yml (行业 hang2, 重大 zhong4, …). The phrase file is applied
here only; pypinyin's global dictionaries are left alone so heading anchors do not change.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

import yaml
from pypinyin import Style, lazy_pinyin

from hooks.model.numbers import number_key
from hooks.model.standard import LEVELS, STATUSES, Standard

PHRASES_FILE = Path(__file__).parent.parent / "data" / "pinyin_phrases.yml"


@cache
def phrases() -> dict[str, tuple[str, ...]]:
    raw = yaml.safe_load(PHRASES_FILE.read_text(encoding="utf-8")) or {}
    table = {str(k): tuple(str(v).split()) for k, v in raw.items()}
    for phrase, syllables in table.items():
        if len(phrase) != len(syllables):
            raise ValueError(f"{PHRASES_FILE.name}: {phrase} needs one syllable per character")
    return table


@cache
def _longest_phrase() -> int:
    return max((len(p) for p in phrases()), default=0)


def _pinyin(text: str) -> list[str]:
    return lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True)


def pinyin(text: str) -> list[str]:
    """Syllables of `text` (TONE3); runs of non-Chinese characters come back as one item."""
    table = phrases()
    out: list[str] = []
    plain_start = 0
    i = 0
    while i < len(text):
        for size in range(min(_longest_phrase(), len(text) - i), 1, -1):
            syllables = table.get(text[i:i + size])
            if syllables:
                if plain_start < i:
                    out += _pinyin(text[plain_start:i])
                out += syllables
                i += size
                plain_start = i
                break
        else:
            i += 1
    if plain_start < len(text):
        out += _pinyin(text[plain_start:])
    return out


def pinyin_key(text: str) -> tuple:
    """Sort key for a Chinese name: syllable by syllable, then the text itself as tie-break."""
    parts = tuple(p.strip().lower() for p in pinyin(text) if p.strip())
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
