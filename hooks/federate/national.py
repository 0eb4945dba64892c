"""The national view: every harvested standard with its member, national domain and status.

Domains are matched by code against the national framework (the shipped standards/framework.yml
unless federation.yml names another); a code the framework does not have goes under 未归类 and
gives one warning per member and code. Statuses are recomputed as of the national build date from
the harvested dates (the rules of spec section 2, hooks.derive.status.status_on), so members
harvested on different days, or served from the cache, are compared on the same day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from types import SimpleNamespace

from hooks.derive.status import status_on
from hooks.export.report import Period, Report, build_report
from hooks.federate.harvest import FAILED, Harvest
from hooks.load.framework import Framework, Node
from hooks.model.dates import parse_date
from hooks.model.facts import STAGES, STATUS_DRAFT
from hooks.model.numbers import NumberError, StandardNumber, parse_number
from hooks.model.pinyin import pinyin
from hooks.model.standard import Standard

UNMATCHED = "未归类"
UNMATCHED_CODE = "-"  # the facet value of 未归类


@dataclass(frozen=True)
class HarvestedNumber(StandardNumber):
    """A number as the member's catalogue spells it (canonical there), sortable like ours."""

    shown: str = ""

    @property
    def canonical(self) -> str:
        return self.shown

    @property
    def slug(self) -> str:
        return re.sub(r"[^a-z0-9.]+", "-", self.shown.lower()).strip("-")


def harvested_number(text: str) -> HarvestedNumber:
    try:
        parsed = parse_number(text)
        return HarvestedNumber(parsed.code, parsed.seq, parsed.year, parsed.level,
                               parsed.region_code, parsed.region, parsed.mandatory, shown=text)
    except (NumberError, ValueError):  # a plan number or a spelling of a newer site
        return HarvestedNumber(text, "0", "0", None, shown=text)


@dataclass
class Entry:
    """One harvested standard on the national site."""

    member: int  # index into National.members
    record: dict
    std: Standard  # rebuilt from the record (dates, lifecycle) for statuses and the report
    node: Node | None  # the national framework node; None: 未归类
    link: str  # the standard's page on the member's site

    @property
    def status(self) -> str:
        return self.std.status


@dataclass
class MemberView:
    harvest: Harvest
    slug: str  # page URL segment on the national site
    entries: list[Entry] = field(default_factory=list)
    unmatched: dict[str, str] = field(default_factory=dict)  # domain code → member's name for it

    @property
    def name(self) -> str:
        return self.harvest.member.name


@dataclass
class National:
    today: date
    framework: Framework
    members: list[MemberView]
    warnings: list[str] = field(default_factory=list)

    @property
    def entries(self) -> list[Entry]:
        return [e for m in self.members for e in m.entries]

    @property
    def nodes(self) -> list[Node]:
        return list(self.framework.walk())


def page_slug(name: str, used: set[str]) -> str:
    base = "-".join(p.strip() for p in pinyin(name) if p.strip()).lower()
    base = re.sub(r"[^a-z0-9]+", "-", base).strip("-")[:60] or "member"
    slug, n = base, 2
    while slug in used:
        slug, n = f"{base}-{n}", n + 1
    used.add(slug)
    return slug


def _date(value: object) -> date | None:
    return parse_date(value) if isinstance(value, str) else None


def rebuild(record: dict, node: Node) -> Standard:
    """A Standard with what statuses and the half-year report read (hooks.export.report)."""
    stages = {k: d for k, v in (record.get("stages") or {}).items() if (d := _date(v))}
    return Standard(
        path=record["url"], number=harvested_number(record["number"]), title=record["title"],
        domain=node, issued=_date(record["issued"]), effective=_date(record["effective"]),
        level=record["level"], abolished=_date(record["abolished"]),
        reviewed=_date(record["reviewed"]), replaces=list(record["replaces"]),
        # A draft from a catalogue written before `stage` was published: still a draft.
        stage=record.get("stage") or ("" if record["status"] != STATUS_DRAFT else STAGES[1]),
        stages=stages, planned=_date(record.get("planned")),
        comment_until=_date(record.get("comment_until")))


def _link_editions(stds: dict[str, Standard], records: list[dict]) -> None:
    for record in records:
        std = stds[record["number"]]
        std.replaced_by = [stds[n] for n in record["replaced_by"] if n in stds]
        std.replaced_by.sort(key=lambda s: (s.effective or date.min, s.code))


def build_national(harvests: list[Harvest], framework: Framework, today: date) -> National:
    by_code = {n.code: n for n in framework.walk()}
    used: set[str] = set()
    members: list[MemberView] = []
    warnings = [m for h in harvests if (m := h.message())]
    for index, harvest in enumerate(harvests):
        view = MemberView(harvest, page_slug(harvest.member.name, used))
        members.append(view)
        if harvest.result == FAILED:
            continue
        records = harvest.standards
        stds: dict[str, Standard] = {}
        for record in records:
            domain = record["domain"]
            node = by_code.get(domain["code"])
            if node is None:
                view.unmatched.setdefault(domain["code"], domain["name"])
            std = rebuild(record, node or Node(domain["code"], domain["name"] or UNMATCHED))
            stds.setdefault(record["number"], std)
            link = harvest.member.site_url + record["url"]
            view.entries.append(Entry(index, record, std, node, link))
        _link_editions(stds, records)
        for entry in view.entries:
            entry.std.status = status_on(entry.std, today)
        for code, name in view.unmatched.items():
            warnings.append(f"成员“{harvest.member.name}”：领域代码 {code}（{name}）不在全国标准体系中，"
                            f"其标准列入{UNMATCHED}")
    return National(today, framework, members, warnings)


def member_report(view: MemberView, period: Period, today: date) -> Report:
    """The half-year figures of one member (python -m hooks report), from its harvested data."""
    corpus = SimpleNamespace(today=today, standards=[e.std for e in view.entries])
    return build_report(corpus, period)  # type: ignore[arg-type]
