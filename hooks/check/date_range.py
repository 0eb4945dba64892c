"""Dates in a sane range (rule date-range): every real date a standard names lies in
hooks.model.dates EARLIEST–LATEST (1949-10-01 to 2100-12-31).

A date outside the range is an error, never a crash: the code that derives from dates (review
due = effective + 5 years, sorting, the feed) copes with any date Python has (add_years stops at
date.max), so `check` still reports everything else about the file. Malformed and impossible
dates are date-format (hooks.check.schema, hooks.derive.lifecycle), not this rule.
"""

from __future__ import annotations

from hooks.check.problems import Problem
from hooks.check.registry import checks
from hooks.check.schema import DATE_FIELDS, field_label
from hooks.load.frontmatter import SourceFile
from hooks.model.dates import EARLIEST, LATEST, in_range, parse_date

HINT = (f"日期应在 {EARLIEST.isoformat()} 至 {LATEST.isoformat()} 之间：核对年份；"
        "没有的日期（如未废止）不写这一行，不要用 9999-12-31 之类的占位值")


@checks("date-range")
def check_source(source: SourceFile) -> list[Problem]:
    """Every date field, and every date of `stages`, of one standard file."""
    meta = source.meta
    values = [(key, field_label(key), meta.get(key)) for key in DATE_FIELDS]
    stages = meta.get("stages")
    if isinstance(stages, dict):
        values += [("stages", f"{field_label('stages')}中“{name}”", value)
                   for name, value in stages.items()]
    problems = []
    for key, label, value in values:
        day = parse_date(value) if isinstance(value, str) else None
        if day is not None and not in_range(day):
            problems.append(Problem(source.path, source.line_of(key), "date-range",
                                    f"{label}的日期 {day.isoformat()} 超出合理范围", HINT))
    return problems
