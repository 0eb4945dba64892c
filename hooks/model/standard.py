"""A standard (标准) as the rest of the pipeline sees it: typed metadata plus derived fields."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from hooks.load.framework import Node
from hooks.model.clauses import HasText

# Status names (spec section 2) in reader order, and the levels: data/facts.yml via
# hooks.model.facts, re-exported here for the modules that take them with the Standard.
from hooks.model.facts import LEVELS as LEVELS
from hooks.model.facts import STAGE_PUBLISHED
from hooks.model.facts import STATUS_ABOLISHED as STATUS_ABOLISHED
from hooks.model.facts import STATUS_DRAFT as STATUS_DRAFT
from hooks.model.facts import STATUS_IN_FORCE as STATUS_IN_FORCE
from hooks.model.facts import STATUS_REPLACED as STATUS_REPLACED
from hooks.model.facts import STATUS_UPCOMING as STATUS_UPCOMING
from hooks.model.facts import STATUSES as STATUSES
from hooks.model.numbers import StandardNumber

REVIEW_YEARS = 5


@dataclass(eq=False)
class Standard(HasText):
    """One standard file, validated; derived fields are filled by hooks.derive.status."""

    path: str  # as shown in messages, e.g. "standards/gb-t-41568-2022.md"
    number: StandardNumber
    title: str
    domain: Node
    issued: date | None  # None only for a draft (is_draft)
    effective: date | None  # None only for a draft (is_draft)
    level: str
    abolished: date | None = None
    reviewed: date | None = None
    replaces: list[str] = field(default_factory=list)  # canonical numbers
    title_en: str = ""
    issuer: list[str] = field(default_factory=list)
    proposer: str = ""
    responsible: str = ""
    drafters: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    ics: str = ""
    ccs: str = ""
    keywords: list[str] = field(default_factory=list)
    summary: str = ""
    source: str = ""
    license: str = ""
    body: str = ""
    body_line: int = 1
    lines: dict[str, int] = field(default_factory=dict)
    # Drafting (hooks.derive.lifecycle): stage "" or 发布 = published
    stage: str = ""
    stages: dict[str, date] = field(default_factory=dict)
    planned: date | None = None
    comment_until: date | None = None
    feedback: str = ""
    # Derived (hooks.derive.status)
    status: str = STATUS_IN_FORCE
    replaced_by: list[Standard] = field(default_factory=list)
    replaces_std: list[Standard] = field(default_factory=list)
    review_due: date | None = None
    sample: bool = False  # written by this project as an example (示例), not a real standard
    citation: str = ""  # GB/T 7714—2015 reference
    platform: dict[str, str] = field(default_factory=dict)  # where to read the full text: name, url
    maintained: bool = True  # this site reviews it (hooks.derive.maintained; extra.maintained_issuers)

    @property
    def slug(self) -> str:
        return self.number.slug

    @property
    def code(self) -> str:
        return self.number.canonical

    @property
    def url(self) -> str:
        """Page URL relative to the site root."""
        return f"standards/{self.slug}/"

    @property
    def is_draft(self) -> bool:
        """Not published yet: a plan or draft (立项 … 报批); has no issued/effective date."""
        return self.stage not in ("", STAGE_PUBLISHED)

    @property
    def in_force(self) -> bool:
        return self.status == STATUS_IN_FORCE

    def line(self, key: str) -> int:
        return self.lines.get(key, 1)
