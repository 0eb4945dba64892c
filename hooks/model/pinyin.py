"""Pinyin of Chinese text, the one reading that heading anchors, sort keys and search all use.

pypinyin picks a heteronym's reading from its phrase dictionary; hooks/data/pinyin_phrases.yml
gives this domain's readings where pypinyin's differ or are missing (行业 hang, 重大 zhong,
差旅 chai, 长效 chang, 朝阳 chao). The file is applied here, explicitly, as if its phrases were in
pypinyin's dictionary: a run of Han characters is segmented by forward maximum matching over
pypinyin's phrases plus ours (what pypinyin's own segmenter does), a phrase of ours gets its
syllables from the file, and everything between is left to pypinyin. Nothing is ever written to
pypinyin's shared dictionaries (no `load_phrases_dict`), so a reading does not depend on what
else ran earlier in the process.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml
from pypinyin import Style, lazy_pinyin
from pypinyin.constants import PHRASES_DICT, RE_HANS

PHRASES_FILE = Path(__file__).parent.parent / "data" / "pinyin_phrases.yml"
SYLLABLE = re.compile(r"^[a-z]+[1-5]$")  # ü as v, as pypinyin writes it
HAN_RUNS = re.compile(r"(" + RE_HANS.pattern.removeprefix("^").removesuffix("$") + r")")
TONE = re.compile(r"\d")


@cache
def phrases() -> dict[str, tuple[str, ...]]:
    """The project's readings: phrase → TONE3 syllables (neutral tone 5), one per character."""
    raw = yaml.safe_load(PHRASES_FILE.read_text(encoding="utf-8")) or {}
    table = {str(k): tuple(str(v).split()) for k, v in raw.items()}
    for phrase, syllables in table.items():
        if len(phrase) != len(syllables) or not all(SYLLABLE.match(s) for s in syllables):
            raise ValueError(f"{PHRASES_FILE.name}: {phrase} needs one TONE3 syllable per "
                             f"character, e.g. 行业: hang2 ye4")
    return table


@cache
def _longest() -> int:
    return max((len(p) for p in [*PHRASES_DICT, *phrases()]), default=1)


def _words(run: str) -> list[str]:
    """A run of Han characters cut into the longest words of pypinyin's dictionary or ours."""
    table = phrases()
    words: list[str] = []
    i = 0
    while i < len(run):
        size = next((n for n in range(min(_longest(), len(run) - i), 1, -1)
                     if run[i:i + n] in table or run[i:i + n] in PHRASES_DICT), 1)
        words.append(run[i:i + size])
        i += size
    return words


def _pypinyin(text: str) -> list[str]:
    return lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True)


def _han_run(run: str) -> list[str]:
    table = phrases()
    out: list[str] = []
    gap = ""  # words of pypinyin's own, read together so pypinyin sees the same words
    for word in _words(run):
        if word in table:
            out += _pypinyin(gap) if gap else []
            out += table[word]
            gap = ""
        else:
            gap += word
    return out + (_pypinyin(gap) if gap else [])


def pinyin(text: str, *, tones: bool = False) -> list[str]:
    """Pinyin of `text`: one syllable per Han character, read in context (行业 → hang ye).

    Toneless (`hang`, ü written `v`: 旅 → `lv`), or with `tones` TONE3 with the neutral tone as
    5 (`hang2`, `de5`). Any run of other characters comes back unchanged as one item
    ("GB/T 行业" → ["GB/T ", "hang", "ye"]); callers join and filter as they need.
    """
    out: list[str] = []
    for i, piece in enumerate(HAN_RUNS.split(text)):
        if not piece:
            continue
        if i % 2:
            syllables = _han_run(piece)
            out += syllables if tones else [TONE.sub("", s) for s in syllables]
        else:
            out.append(piece)
    return out
