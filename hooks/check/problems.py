"""Problems found in the corpus, and how they are printed (text, GitHub annotations, JSON)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from hooks.check.rules import RULES, help_url
from hooks.model.characters import escape
from hooks.model.facts import SEVERITY_ERROR


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
        return self.severity == SEVERITY_ERROR

    def text(self) -> str:
        """`path:line: rule message (hint)` on one line (line breaks in values shown as ⏎)."""
        hint = f" ({self.hint})" if self.hint else ""
        return one_line(f"{self.path}:{self.line}: {self.rule} {self.message}{hint}")


# Every character str.splitlines() (and so a terminal or a CI log reader) may break a line at.
LINE_BREAKS = str.maketrans({c: "⏎" for c in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"})
WORKFLOW_COMMAND = "::"  # a CI log line starting with it is a GitHub Actions workflow command


def one_line(text: str) -> str:
    """`text` as one log line that a CI runner cannot read as a workflow command.

    Line breaks become ⏎; a line that would start with `::` (after leading white space, which the
    runner skips) gets `./` in front: the text output starts each line with a path, which stays
    the same path with `./` before it. Any other character no output can carry (NUL, ESC, a lone
    surrogate, …: hooks.model.characters) is written as \\uXXXX, so the line always prints.
    """
    text = escape(text.translate(LINE_BREAKS))
    return "./" + text if text.lstrip().startswith(WORKFLOW_COMMAND) else text


def _escape_github(value: str, *, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def format_text(problems: list[Problem]) -> str:
    """One line per problem; metadata quoted in a message can neither break a line nor start one
    with `::` (a `domain: "::error …"` must not become a workflow command in the CI log)."""
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
