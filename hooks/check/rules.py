"""The rule registry: every check's id, severity and documentation, read from data/rules.yml.

The checker, the editors' guide and the tests all read this one registry.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from hooks.model.facts import RULES_PAGE, SEVERITIES

RULES_FILE = Path(__file__).parent.parent / "data" / "rules.yml"
GUIDE_RULES_PAGE = RULES_PAGE  # guide/rules/ (data/facts.yml `pages`)


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str  # one of SEVERITIES (data/facts.yml): error or warning
    title: str
    explanation: str
    bad: str
    fixed: str


@cache
def load_rules() -> dict[str, Rule]:
    rows = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    for row in rows:
        if row.get("severity") not in SEVERITIES:
            raise ValueError(f"{RULES_FILE.name}: rule {row.get('id')!r} has severity "
                             f"{row.get('severity')!r}, not one of {', '.join(SEVERITIES)}")
    return {row["id"]: Rule(**row) for row in rows}


class _Registry(dict):
    def __missing__(self, key: str) -> Rule:
        raise KeyError(f"rule {key!r} is not in {RULES_FILE.name}")


RULES: dict[str, Rule] = _Registry(load_rules())


def help_url(rule_id: str) -> str:
    """Where the editors' guide explains a rule (relative to the site root)."""
    return f"{GUIDE_RULES_PAGE}#{rule_id}"
