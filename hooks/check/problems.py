"""Problems found in the corpus, and how they are printed (text, GitHub annotations, JSON)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from hooks.check.rules import RULES, help_url


@dataclass(frozen=True, order=True)
class Problem:
    """One finding: a rule broken at a place in a file."""

    path: str
    line: int
    rule: str
    message: str
    hint: str = ""

    @property
    def severity(self) -> str:
        return RULES[self.rule].severity

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def text(self) -> str:
        hint = f" ({self.hint})" if self.hint else ""
        return f"{self.path}:{self.line}: {self.rule} {self.message}{hint}"


def _escape_github(value: str, *, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def format_text(problems: list[Problem]) -> str:
    return "\n".join(p.text() for p in problems)


def format_github(problems: list[Problem]) -> str:
    """GitHub Actions workflow commands: ::error file=…,line=…,title=…::message."""
    lines = []
    for p in problems:
        kind = "error" if p.is_error else "warning"
        message = p.message + (f"（{p.hint}）" if p.hint else "") + f" 说明：{help_url(p.rule)}"
        lines.append(
            f"::{kind} file={_escape_github(p.path, prop=True)},line={p.line},"
            f"title={_escape_github(p.rule, prop=True)}::{_escape_github(message)}"
        )
    return "\n".join(lines)


def format_json(problems: list[Problem]) -> str:
    rows = [asdict(p) | {"severity": p.severity, "help": help_url(p.rule)} for p in problems]
    return json.dumps(rows, ensure_ascii=False, indent=2)


FORMATTERS = {"text": format_text, "github": format_github, "json": format_json}


def summary(problems: list[Problem]) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    return f"{errors} 个错误，{warnings} 个警告"
