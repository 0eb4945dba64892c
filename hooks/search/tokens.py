"""Search tokenisation: normalise text, split queries into terms, number keys, pinyin, bigrams.

The browser does the same at query time (docs/assets/js/search.js). The rules both sides need
(dash and separator characters, what counts as Han, minimum lengths) are data in
hooks/data/search.json, published with the index; tests/data/search_cases.json holds cases that
the Python and the JS implementation must answer identically.

Pinyin is computed at build time only (the browser matches what the reader types against it):
hooks/model/pinyin.py's toneless syllables, the reading heading anchors and sort keys use too,
with the project's phrase readings for heteronyms (hooks/data/pinyin_phrases.yml: 行业 hang2,
重大 zhong4, …); full pinyin and initials are derived from them.
"""

from __future__ import annotations

import json
import operator
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from hooks.model.pinyin import pinyin

DATA_DIR = Path(__file__).parent.parent / "data"
SETTINGS_FILE = DATA_DIR / "search.json"
WORDS_FILE = DATA_DIR / "search_words.txt"


@cache
def settings() -> dict:
    return json.loads(SETTINGS_FILE.read_text(encoding="utf-8"))


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    s = settings()
    han = s["han"]
    return {
        "dashes": re.compile("[" + re.escape(s["dashes"]) + "]"),
        "separators": re.compile("[" + re.escape(s["separators"]) + "]+"),
        "space": re.compile(r"\s+"),
        "han_run": re.compile(f"[{han}]+"),
        "han": re.compile(f"[{han}]"),
        "pure_han": re.compile(f"^[{han}]+$"),
        "token": re.compile(f"[{han}]+|[{s['word_chars']}]+"),
        # The runs that give body tokens: Han runs of two or more, words of min_word or more.
        "token_run": re.compile(f"[{han}]{{2,}}|[{s['word_chars']}]{{{s['min_word']},}}"),
        "not_number": re.compile(f"[^{s['number_chars']}{han}]+"),
        "number_span": re.compile(s["number_span"]),
        "inner": re.compile(r"[/.\-]+"),
        "digit": re.compile(r"\d"),
        "alpha": re.compile(r"^[a-z]+$"),
        "code_marker": re.compile(s["code_marker"]),
    }


def normalise(text: str) -> str:
    """NFKC (full-width → ASCII), lower case, every dash → "-", single spaces."""
    p = _patterns()
    text = unicodedata.normalize("NFKC", text or "").lower()
    text = p["dashes"].sub("-", text)
    return p["space"].sub(" ", text).strip()


def compact(text: str) -> str:
    """Number key: normalised, then only letters, digits, dots and Han characters.

    `ＧＢ／Ｔ　４１５６８—２０２２`, `GB/T41568-2022` and `gb-t-41568-2022` all give `gbt415682022`.
    """
    return _patterns()["not_number"].sub("", normalise(text))


def loose_code(code: str) -> str:
    """A standard code without its "/T" marker, compacted: `GB/T` → `gb`, `DB31/T` → `db31`.

    Readers often leave the marker out (`gb41568`, `GB 41568`); search.js matches such numbers
    against this key too (ranked a little below the exact spelling).
    """
    return compact(_patterns()["code_marker"].sub("", normalise(code)))


# ---------------------------------------------------------------- segmentation


@dataclass(frozen=True)
class Dictionary:
    """Words for forward maximum matching of Chinese query text."""

    words: frozenset[str]
    longest: int
    codes: frozenset[str] = frozenset()  # compact codes of the corpus, loose too: "gbt", "gb"

    @classmethod
    def of(cls, words: object, codes: object = ()) -> Dictionary:
        clean = {normalise(w) for w in words if isinstance(w, str)}
        clean = {w for w in clean if len(w) >= 2 and _patterns()["pure_han"].match(w)}
        known = {compact(c) for c in codes} | {loose_code(c) for c in codes}
        return cls(frozenset(clean), max((len(w) for w in clean), default=1),
                   frozenset(k for k in known if k))


@cache
def base_words() -> tuple[str, ...]:
    lines = WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return tuple(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def segment(run: str, dictionary: Dictionary) -> list[str]:
    """Split a run of Han characters into dictionary words (forward maximum matching).

    Characters not covered by a word are kept together; a single leftover character joins the
    word before it (or after it, at the start), so no term is shorter than two characters unless
    the whole run is.
    """
    pieces: list[tuple[str, bool]] = []  # (text, is_word)
    i = 0
    while i < len(run):
        for size in range(min(dictionary.longest, len(run) - i), 1, -1):
            if run[i:i + size] in dictionary.words:
                pieces.append((run[i:i + size], True))
                i += size
                break
        else:
            if pieces and not pieces[-1][1]:
                pieces[-1] = (pieces[-1][0] + run[i], False)
            else:
                pieces.append((run[i], False))
            i += 1
    words: list[str] = []
    for text, _ in pieces:
        if len(text) == 1 and words:
            words[-1] += text
        else:
            words.append(text)
    if len(words) > 1 and len(words[0]) == 1:
        words[1] = words[0] + words[1]
        words.pop(0)
    return words


def query_terms(query: str, dictionary: Dictionary) -> list[str]:
    """The terms of a query, each of which must match (AND).

    Standard numbers are found first (`settings.number_span`: an optional code the corpus knows,
    then digits with an optional year) and kept whole: "gb/t 41568-2022" is one term. The rest
    is split on separators; pieces without digits are split on / . - too; pure Han pieces are
    segmented with the dictionary. Single ASCII letters are dropped unless they are the query.
    Duplicates are dropped, order kept. A code glued to its number (`gb41568`, `db31t1350`) is
    one term when it begins with a known code (`_glued`).
    """
    p = _patterns()
    text = normalise(query)
    if not text:
        return []
    numbers: list[str] = []
    rest: list[str] = []
    last = 0
    for m in p["number_span"].finditer(text):
        code, num = m.group(1), m.group(2)
        if code and (compact(code) in dictionary.codes or _glued(m.group(0), code, dictionary)):
            numbers.append(m.group(0).strip())
            rest.append(text[last:m.start()])
        else:
            numbers.append(num)
            rest.append(text[last:m.start(2)])
        last = m.end()
    rest.append(text[last:])
    terms: list[str] = []
    for piece in p["separators"].split(" ".join(rest)):
        parts = [piece] if p["digit"].search(piece) else p["inner"].split(piece)
        for part in parts:
            if not part:
                continue
            if p["pure_han"].match(part):
                terms.extend(segment(part, dictionary))
            else:
                terms.append(part)
    terms = numbers + terms
    if len(terms) > 1:
        terms = [t for t in terms if len(t) > 1 or not is_alpha(t)] or terms
    seen: set[str] = set()
    return [t for t in terms if not (t in seen or seen.add(t))]


def _glued(span: str, code: str, dictionary: Dictionary) -> bool:
    """`gb41568`: the pattern reads code `gb4156` and number `8`. With no separator between
    them and a known code (loose included) at the start, the span is one number."""
    joined = compact(span)
    return (span.startswith(code) and span[len(code):len(code) + 1].isdigit()
            and any(joined.startswith(c) and joined[len(c):len(c) + 1].isdigit()
                    for c in dictionary.codes))


def body_tokens(text: str) -> list[str]:
    """Index tokens of body text, or of one query term: Han bigrams and ASCII words, in order.

    Runs of Han characters give their overlapping bigrams (a lone character gives none); ASCII
    letters/digits give words of at least `min_word` characters.
    """
    p = _patterns()
    s = settings()
    text = normalise(text)
    tokens: list[str] = []
    for m in p["token"].finditer(text):
        run = m.group(0)
        if p["han"].match(run):
            tokens.extend(run[i:i + 2] for i in range(len(run) - 1))
        elif len(run) >= s["min_word"]:
            tokens.append(run)
    return tokens


def body_token_set(text: str) -> set[str]:
    """`set(body_tokens(text))`, sooner: the index reads each clause's distinct tokens once.

    Only NFKC and lower case matter for tokens (dashes and spaces, which `normalise` also
    rewrites, are in no token), and each Han run's bigrams come from one `map` call, not a
    Python step per character (tests/test_search_tokens.py compares the two on any text)."""
    p = _patterns()
    is_han = p["han"].match
    tokens: set[str] = set()
    for run in p["token_run"].findall(unicodedata.normalize("NFKC", text or "").lower()):
        if is_han(run):
            tokens.update(map(operator.add, run, run[1:]))
        else:
            tokens.add(run)
    return tokens


def shard_of(token: str, shards: int) -> int:
    """FNV-1a (32 bit) over the token's UTF-16 code units, modulo the shard count."""
    h = 0x811C9DC5
    for unit in _utf16_units(token):
        h ^= unit
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h % shards


def _utf16_units(text: str) -> list[int]:
    data = text.encode("utf-16-le")
    return [data[i] | (data[i + 1] << 8) for i in range(0, len(data), 2)]


# ---------------------------------------------------------------- pinyin


def pinyin_syllables(text: str) -> list[str]:
    """Toneless pinyin of each Han character of `text`, in context (行业 → hang ye)."""
    p = _patterns()
    return [s for run in p["han_run"].findall(normalise(text)) for s in pinyin(run)]


def pinyin_field(texts: list[str]) -> str:
    """Pinyin of several texts for the index: syllables joined by spaces, texts by "|"."""
    return "|".join(" ".join(pinyin_syllables(t)) for t in texts if pinyin_syllables(t))


def initials(syllables: list[str]) -> str:
    return "".join(s[0] for s in syllables if s)


def is_alpha(term: str) -> bool:
    return bool(_patterns()["alpha"].match(term))
