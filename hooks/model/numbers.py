"""Standard numbers (标准号): parse any common spelling, give the canonical form, slug and level.

Contract: spec section 3. ``parse_number("GB/T41568-2022").canonical == "GB/T 41568—2022"``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml
from pypinyin import lazy_pinyin

from hooks.check.registry import checks
from hooks.model.facts import LEVEL

DATA_DIR = Path(__file__).parent.parent / "data"

# The level each kind of number gives (names: data/facts.yml).
NATIONAL = LEVEL["national"]
SECTOR = LEVEL["sector"]
LOCAL = LEVEL["local"]
GROUP = LEVEL["group"]
ENTERPRISE = LEVEL["enterprise"]
CONSTRUCTION = LEVEL["construction"]
INTERNAL = LEVEL["internal"]  # never derived: editors write it for codes of no known kind

EM_DASH = "\u2014"
FORMAT_HINT = "标准号应写作“代号 顺序号—年号”，如 GB/T 41568—2022"
# Length limits, far above every real number (the longest in the corpus and the reference lists
# have an 8-character code such as T/CSPSTC or DB6103/T, a 5-digit sequence number and at most
# two parts: GB/T 15629.11—2003). They keep slugs, file names and sort keys bounded: without
# them a 300-digit number made `new` fail on a file name too long for the file system.
MAX_CHARS = 50  # the whole number, after normalisation
MAX_CODE_CHARS = 20  # the code: GB/T, DB4203/T, T/CNESA, 建标
MAX_PART_DIGITS = 8  # each part of the sequence number: 41568, 15629.11
MAX_PARTS = 4  # 1.1, 15629.11, 4.2.1.3
SHOWN_CHARS = 40  # of a number quoted in a message


def _load_codes(name: str) -> dict[str, str]:
    rows = yaml.safe_load((DATA_DIR / name).read_text(encoding="utf-8")) or {}
    return {str(key): str(value) for key, value in rows.items()}


PROVINCES: dict[str, str] = _load_codes("provinces.yml")
SECTOR_CODES: dict[str, str] = _load_codes("sector_codes.yml")


class NumberError(ValueError):
    """A number that cannot be read; ``rule`` is the validation rule id."""

    def __init__(self, rule: str, message: str, hint: str) -> None:
        super().__init__(f"{message}（{hint}）")
        self.rule = rule
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class StandardNumber:
    code: str
    seq: str
    year: str
    level: str | None
    region_code: str | None = None
    region: str | None = None
    mandatory: bool = False

    @property
    def canonical(self) -> str:
        return f"{self.code} {self.seq}{EM_DASH}{self.year}"

    @property
    def slug(self) -> str:
        code = "".join(lazy_pinyin(self.code)).lower()
        text = re.sub(r"[^a-z0-9.]+", "-", f"{code}-{self.seq}-{self.year}")
        return re.sub(r"-{2,}", "-", text).strip("-")

    def __str__(self) -> str:
        return self.canonical


# Zero-width and bidi control characters, plus other invisible format characters.
_INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
_DASHES = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d]")

_SEQ = r"(?P<seq>\d+(?:\.\d+)*)"
_YEAR = r"\s?-\s?(?P<year>(?:19|20)\d{2}|\d{2})"
_DB_T = re.compile(r"DB\s?(?P<region>\d+)\s?/\s?T\s?" + _SEQ + _YEAR, re.ASCII)
_DB_OLD = re.compile(r"DB\s?(?P<region>\d{2}|\d{4})\s" + _SEQ + _YEAR, re.ASCII)
# Society / enterprise codes may end in digits only when a space separates them from the number.
_GROUP = re.compile(r"T\s?/\s?(?P<org>[A-Z]+(?:\d+(?=\s))?)\s?" + _SEQ + _YEAR, re.ASCII)
_ENTERPRISE = re.compile(r"Q\s?/\s?(?P<org>[A-Z0-9]*[A-Z](?:\d+(?=\s))?)\s?" + _SEQ + _YEAR, re.ASCII)
_GENERIC = re.compile(
    r"(?P<letters>[A-Z\u4e00-\u9fff]+(?:\s?/\s?[A-Z]+)*?)(?:\s?/\s?(?P<suffix>[TZ]))?\s?"
    + _SEQ
    + _YEAR,
    re.ASCII,  # \d is 0-9 only: ٣٣٠١ (Arabic-Indic) is not a number (see _check_text)
)


def _shown(text: str) -> str:
    """A number quoted in a message: at most SHOWN_CHARS characters."""
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "…"


def _format_error(text: str) -> NumberError:
    return NumberError("number-format", f"标准号“{_shown(text)}”无法识别", FORMAT_HINT)


def _check_text(clean: str) -> None:
    """Refuse a normalised number that is too long or holds digits other than 0-9."""
    if len(clean) > MAX_CHARS:
        raise NumberError("number-format",
                          f"标准号“{_shown(clean)}”过长（{len(clean)} 个字符，最多 {MAX_CHARS} 个）",
                          FORMAT_HINT)
    digits = [c for c in clean if c.isdigit() and not c.isascii()]
    if digits:
        raise NumberError("number-format",
                          f"标准号“{_shown(clean)}”含有数字“{digits[0]}”（U+{ord(digits[0]):04X}），"
                          "不是 0–9",
                          "标准号的数字只能用 0–9（半角或全角）书写，不能用阿拉伯-印度数字等其他文字的数字")


def _check_parts(number: StandardNumber, shown: str) -> StandardNumber:
    """Refuse a code or sequence number beyond the length limits."""
    parts = number.seq.split(".")
    if len(number.code) > MAX_CODE_CHARS:
        raise NumberError("number-format",
                          f"标准号“{_shown(shown)}”的代号“{_shown(number.code)}”过长"
                          f"（最多 {MAX_CODE_CHARS} 个字符）", FORMAT_HINT)
    if len(parts) > MAX_PARTS or any(len(part) > MAX_PART_DIGITS for part in parts):
        raise NumberError("number-format",
                          f"标准号“{_shown(shown)}”的顺序号“{_shown(number.seq)}”过长",
                          f"顺序号每段最多 {MAX_PART_DIGITS} 位数字、最多 {MAX_PARTS} 段"
                          "（如 41568、1.1、15629.11）；请核对标准号")
    return number


def _clean(text: str) -> str:
    """NFKC, one kind of dash, upper case, single spaces; rejects invisible characters."""
    if _INVISIBLE.search(text):
        shown = _INVISIBLE.sub("", text).strip()
        raise NumberError(
            "number-format",
            f"标准号“{shown}”含有看不见的字符（零宽字符或方向控制符）",
            "请删除后重新输入标准号，不要从网页或文档中带格式复制",
        )
    text = _DASHES.sub("-", unicodedata.normalize("NFKC", text))
    return re.sub(r"\s+", " ", text).strip().upper()


def _region(region_code: str, text: str) -> str:
    province = PROVINCES.get(region_code[:2])
    if len(region_code) not in (2, 4) or province is None or region_code[2:] == "00":
        raise NumberError(
            "number-region",
            f"标准号“{text}”中的地区代码“DB{region_code}”不是有效的行政区划代码",
            "DB 后应是 GB/T 2260 的两位省级代码（如 42 湖北）或四位市级代码（如 4203 十堰），"
            "再接 /T",
        )
    return province


@checks("number-format", "number-region")
def parse_number(text: str) -> StandardNumber:
    """Read a standard number in any common spelling; raise NumberError if it cannot be read."""
    if not isinstance(text, str) or not text.strip():
        raise NumberError("number-format", "标准号为空", FORMAT_HINT)
    clean = _clean(text)
    shown = clean or text.strip()
    _check_text(clean)
    return _check_parts(_match(clean, shown), shown)


def _match(clean: str, shown: str) -> StandardNumber:
    """The number `clean` spells (normalised, at most MAX_CHARS, ASCII digits only)."""
    if m := _DB_T.fullmatch(clean) or _DB_OLD.fullmatch(clean):
        region_code = m["region"]
        province = _region(region_code, shown)
        suffix = "/T" if "/" in m.group(0) else ""
        return StandardNumber(
            f"DB{region_code}{suffix}", m["seq"], m["year"], LOCAL, region_code, province
        )
    if m := _GROUP.fullmatch(clean):
        return StandardNumber(f"T/{m['org']}", m["seq"], m["year"], GROUP)
    if m := _ENTERPRISE.fullmatch(clean):
        return StandardNumber(f"Q/{m['org']}", m["seq"], m["year"], ENTERPRISE)
    if m := _GENERIC.fullmatch(clean):
        letters = m["letters"].replace(" ", "")
        suffix = m["suffix"]
        if letters == "DB" and not suffix:
            raise NumberError(
                "number-format",
                f"标准号“{shown}”缺少地区代码",
                "地方标准写作 DBnn/T 或 DBnnnn/T（如 DB42/T 1234—2020）；地震行业标准写作 DB/T",
            )
        code = letters + (f"/{suffix}" if suffix else "")
        return StandardNumber(code, m["seq"], m["year"], _level(letters), mandatory=code == "GB")
    raise _format_error(shown)


def _level(letters: str) -> str | None:
    if letters == "GB":
        return NATIONAL
    if letters == "建标":
        return CONSTRUCTION
    if letters.split("/")[0] in SECTOR_CODES:
        return SECTOR
    return None


def normalise_number(text: str) -> str:
    """The canonical spelling, e.g. ``"GB/T 41568—2022"``."""
    return parse_number(text).canonical


def number_key(text_or_number: str | StandardNumber) -> tuple:
    """Natural sort key: code, then the number part by part (2 < 10, 1.2 < 1.10), then year."""
    number = (
        text_or_number
        if isinstance(text_or_number, StandardNumber)
        else parse_number(text_or_number)
    )
    parts = tuple(int(part) for part in number.seq.split("."))
    year = int(number.year) + (1900 if len(number.year) == 2 else 0)
    return (number.code, parts, number.seq, year)
