"""Domain facts read once from data/facts.yml: levels, statuses, stages, severities, page paths.

Python takes these from here and never spells them out; the JSON Schema gets its enums from
here (hooks.check.schema.fill_facts) and the browser gets the status order from the build
(search/meta.json `settings.statuses`, hooks.search.index). tests/test_facts.py checks that each
fact lives in facts.yml only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

import yaml

FACTS_FILE = Path(__file__).parent.parent / "data" / "facts.yml"


@dataclass(frozen=True)
class Facts:
    """The facts file: each section a read-only mapping key → name, in file order."""

    levels: Mapping[str, str]
    statuses: Mapping[str, str]
    stages: Mapping[str, str]
    severities: Mapping[str, str]
    pages: Mapping[str, str]


def _section(data: dict, name: str, path: Path) -> Mapping[str, str]:
    rows = data.get(name)
    if not isinstance(rows, dict) or not rows:
        raise ValueError(f"{path.name}: `{name}` must be a non-empty mapping key: name")
    values = [str(value) for value in rows.values()]
    if len(set(values)) != len(values):
        raise ValueError(f"{path.name}: `{name}` names a value twice: {values}")
    return MappingProxyType({str(key): str(value) for key, value in rows.items()})


@cache
def load_facts(path: Path = FACTS_FILE) -> Facts:
    """The facts file, read and checked once per process."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path.name}: expected a mapping of sections")
    return Facts(**{name: _section(data, name, path) for name in Facts.__dataclass_fields__})


def page_url(src: str) -> str:
    """The directory URL of a page source under docs/: guide/rules.md → guide/rules/."""
    stem = src.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index").rstrip("/")
    return f"{stem}/" if stem else ""


_FACTS = load_facts()

# 标准层级 in display order; LEVEL: key → name (numbers.py names each kind of number's level).
LEVEL: Mapping[str, str] = _FACTS.levels
LEVELS: tuple[str, ...] = tuple(LEVEL.values())

# 标准状态 in reader order; STATUS_KEYS: name → CSS/URL key (status-tag--in-force).
STATUSES: tuple[str, ...] = tuple(_FACTS.statuses.values())
STATUS_KEYS: Mapping[str, str] = MappingProxyType({v: k for k, v in _FACTS.statuses.items()})
STATUS_IN_FORCE: str = _FACTS.statuses["in-force"]
STATUS_UPCOMING: str = _FACTS.statuses["upcoming"]
STATUS_REPLACED: str = _FACTS.statuses["replaced"]
STATUS_ABOLISHED: str = _FACTS.statuses["abolished"]
STATUS_DRAFT: str = _FACTS.statuses["draft"]

# 制修订阶段 in the order a standard passes them; the last is publication.
STAGES: tuple[str, ...] = tuple(_FACTS.stages.values())
STAGE_CONSULTATION: str = _FACTS.stages["consultation"]
STAGE_PUBLISHED: str = _FACTS.stages["published"]
if STAGES[-1] != STAGE_PUBLISHED:
    raise ValueError(f"{FACTS_FILE.name}: the last stage must be `published`")

# Rule severities: id (as in rules.yml) → the word editors see; SEVERITIES: ids, errors first.
SEVERITY: Mapping[str, str] = _FACTS.severities
SEVERITIES: tuple[str, ...] = tuple(SEVERITY)
SEVERITY_ERROR = "error"  # the one severity that fails a check; the others only warn
if SEVERITY_ERROR not in SEVERITY:
    raise ValueError(f"{FACTS_FILE.name}: `severities` must define `{SEVERITY_ERROR}`")

# 规则参考: the generated page's source path, and its URL (help links: guide/rules/#<rule-id>).
RULES_SRC: str = _FACTS.pages["rules"]
RULES_PAGE: str = page_url(RULES_SRC)
