"""The build date: SOURCE_DATE_EPOCH if set, else now, taken in Asia/Shanghai."""

from __future__ import annotations

import os
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def build_datetime() -> datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), SHANGHAI)
    return datetime.now(SHANGHAI)


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
    """The same calendar day `years` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
