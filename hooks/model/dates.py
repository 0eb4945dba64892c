"""The build date: SOURCE_DATE_EPOCH if set, else now, taken in Asia/Shanghai.

A malformed SOURCE_DATE_EPOCH is BuildDateError, a one-line message for the user (never a
ValueError traceback): `python -m hooks` prints it, the MkDocs hook raises it as a PluginError.
"""

from __future__ import annotations

import os
import re
from datetime import MAXYEAR, MINYEAR, date, datetime
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
EPOCH_VAR = "SOURCE_DATE_EPOCH"
EPOCH_RE = re.compile(r"[0-9]{1,12}")  # seconds since 1970 (reproducible-builds.org): digits only
LATEST_YEAR = 9000  # dates computed from the build date (review due, deadlines) stay below 9999
# Every date written in a standard lies between the founding of the People's Republic (no
# standard of the corpus is older) and the end of this century (rule date-range); 9999-12-31
# ("valid forever") or 0001-01-01 are placeholders or typing errors, not dates.
EARLIEST = date(1949, 10, 1)
LATEST = date(2100, 12, 31)


class BuildDateError(ValueError):
    """SOURCE_DATE_EPOCH is set but is not a usable build time; the message says what to do."""


def build_datetime() -> datetime:
    """SOURCE_DATE_EPOCH if set (BuildDateError if malformed), else now; in Asia/Shanghai."""
    epoch = os.environ.get(EPOCH_VAR)
    if not epoch:
        return datetime.now(SHANGHAI)
    value = epoch.strip()
    when = None
    if EPOCH_RE.fullmatch(value):
        try:
            when = datetime.fromtimestamp(int(value), SHANGHAI)
        except (OverflowError, OSError, ValueError):
            when = None
    if when is None or when.year > LATEST_YEAR:
        shown = "".join(c if c.isprintable() else ascii(c)[1:-1] for c in epoch[:40])
        shown += "…" if len(epoch) > 40 else ""
        raise BuildDateError(
            f"环境变量 {EPOCH_VAR} 的值“{shown}”不是可用的构建时间：应为 1970 年以来的秒数"
            f"（只含数字，如 1795752000），且不晚于 {LATEST_YEAR} 年；"
            f"请改正它，或取消这个变量（unset {EPOCH_VAR}）后重试")
    return when


def build_date() -> date:
    return build_datetime().date()


def parse_date(value: str) -> date | None:
    """A YYYY-MM-DD string as a date, or None if it is not a real date in that form."""
    if not isinstance(value, str) or not DATE_RE.match(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def add_years(day: date, years: int) -> date:
    """The same calendar day `years` later; 29 February becomes 28 February. Never raises: a
    result beyond the calendar (9999-12-31 + 5 years) is date.max (or date.min going back)."""
    year = day.year + years
    if year > MAXYEAR:
        return date.max
    if year < MINYEAR:
        return date.min
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


def in_range(day: date) -> bool:
    """Whether a date written in a standard lies in EARLIEST–LATEST (rule date-range)."""
    return EARLIEST <= day <= LATEST
