"""Standards in the making (制修订): stages, plan numbers, consultations and overdue plans.

A standard that is not yet published is a file in standards/ like any other, with
`stage` (立项 起草 征求意见 审查 报批; 发布 for a published one), `stages` (the date each stage was
reached), `planned` (planned publication date), and, from 征求意见 on, `comment_until`.
Its number may be a plan number (计划号) until it is issued; see `parse_plan_number`.
Design and rules: docs/guide/lifecycle.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from pypinyin import lazy_pinyin

from hooks.check.problems import Problem
from hooks.check.registry import also_checks, checks
from hooks.load.frontmatter import SourceFile
from hooks.model.dates import DATE_RE, parse_date
from hooks.model.facts import STAGE_CONSULTATION as CONSULTATION
from hooks.model.facts import STAGE_PUBLISHED as PUBLISHED
from hooks.model.facts import STAGES as STAGES  # in order (data/facts.yml)
from hooks.model.numbers import NATIONAL, NumberError, StandardNumber, _clean, parse_number
from hooks.model.standard import Standard

DRAFT_STAGES = STAGES[:-1]
STAGE_HINT = "可选：" + "、".join(STAGES)
PLAN_HINT = ("制定中的标准可用计划号：本单位计划号写作“代号 计划 年份-序号”（如 SLJG 计划 2026-02），"
             "国家标准计划号如 20261234-T-469")

# ---------------------------------------------------------------------------------------------
# Plan numbers (计划号)


@dataclass(frozen=True)
class PlanNumber(StandardNumber):
    """A plan number, usable only while the standard is being drafted.

    Two spellings: a national-standard plan number `20261234-T-469` (year, sequence, T/Q/Z,
    technical committee), and a unit's own `CODE 计划 YEAR-SEQ` (`SLJG 计划 2026-02`), whose code
    gives the level exactly as a standard number's code does.
    """

    plan: str = ""  # canonical spelling
    plan_slug: str = ""

    @property
    def canonical(self) -> str:
        return self.plan

    @property
    def slug(self) -> str:
        return self.plan_slug

    def __str__(self) -> str:
        return self.plan


_NATIONAL_PLAN = re.compile(r"(?P<year>(?:19|20)\d{2})(?P<seq>\d{4})\s?-\s?(?P<kind>[TQZ])\s?-\s?(?P<tc>\d{3})")
_UNIT_PLAN = re.compile(r"(?P<code>.+?)\s?计划号?\s?(?P<year>(?:19|20)\d{2})\s?-\s?(?P<seq>\d{1,4})")


@also_checks("number-format")  # a plan number
def parse_plan_number(text: str) -> PlanNumber:
    """Read a plan number; raise NumberError (rule number-format) if it is not one."""
    if not isinstance(text, str) or not text.strip():
        raise NumberError("number-format", "计划号为空", PLAN_HINT)
    clean = _clean(text)
    if m := _NATIONAL_PLAN.fullmatch(clean):
        kind = m["kind"]
        code = {"T": "GB/T", "Q": "GB", "Z": "GB/Z"}[kind]
        plan = f"{m['year']}{m['seq']}-{kind}-{m['tc']}"
        return PlanNumber(code, m["seq"], m["year"], NATIONAL, mandatory=kind == "Q",
                          plan=plan, plan_slug=plan.lower())
    if m := _UNIT_PLAN.fullmatch(clean):
        try:
            base = parse_number(f"{m['code']} 1-{m['year']}")
        except NumberError as exc:
            raise NumberError("number-format", f"计划号“{text.strip()}”的代号无法识别",
                              PLAN_HINT) from exc
        plan = f"{base.code} 计划 {m['year']}-{m['seq']}"
        code_slug = re.sub(r"[^a-z0-9]+", "-", "".join(lazy_pinyin(base.code)).lower()).strip("-")
        return PlanNumber(base.code, m["seq"], m["year"], base.level, base.region_code,
                          base.region, base.mandatory, plan=plan,
                          plan_slug=f"{code_slug}-jihua-{m['year']}-{m['seq']}")
    raise NumberError("number-format", f"“{text.strip()}”既不是标准号也不是计划号", PLAN_HINT)


# ---------------------------------------------------------------------------------------------
# Reading and checking the lifecycle fields of one file


def stage_of(meta: dict) -> str:
    value = meta.get("stage")
    return value.strip() if isinstance(value, str) else ""


def is_draft_meta(meta: dict) -> bool:
    """A file whose `stage` says it is not published yet (an unknown stage counts as a draft)."""
    stage = stage_of(meta)
    return bool(stage) and stage != PUBLISHED


@checks("plan-number-published")
def read_number(source: SourceFile, raw: str, error: NumberError,
                found: list[Problem]) -> StandardNumber | None:
    """Called when `raw` is not a standard number: accept a plan number on a draft."""
    try:
        plan = parse_plan_number(raw)
    except NumberError:
        if is_draft_meta(source.meta):
            found.append(Problem(source.path, source.line_of("number"), error.rule,
                                 error.message, f"{error.hint}；{PLAN_HINT}"))
        else:
            found.append(Problem(source.path, source.line_of("number"), error.rule,
                                 error.message, error.hint))
        return None
    if not is_draft_meta(source.meta):
        found.append(Problem(source.path, source.line_of("number"), "plan-number-published",
                             f"“{plan.canonical}”是计划号，已发布的标准须写正式标准号",
                             "改为发布时的标准号（并按新标准号改文件名）；尚未发布的请写 stage"))
        return None
    return plan


@checks("stage-published", "stage-date-required", "stage-order")
def read_fields(source: SourceFile, found: list[Problem]) -> dict[str, object]:
    """The lifecycle fields of a file as Standard keyword arguments; problems go to `found`."""
    meta = source.meta
    stage = stage_of(meta)
    if stage not in STAGES:
        stage = ""  # reported by the schema (stage-value)
    draft = is_draft_meta(meta)
    stages = _stage_dates(source, found)
    planned = _date(meta, "planned")
    until = _date(meta, "comment_until")
    feedback = meta.get("feedback") if isinstance(meta.get("feedback"), str) else ""
    issued = _date(meta, "issued")
    line = source.line_of("stage")

    def order(message: str, hint: str, key: str = "stages") -> None:
        found.append(Problem(source.path, source.line_of(key), "stage-order", message, hint))

    if draft and ("issued" in meta or "effective" in meta):
        found.append(Problem(
            source.path, line, "stage-published",
            f"写了发布/实施日期的标准不能处于“{stage_of(meta)}”阶段",
            "已发布的标准把 stage 改为 发布（或删除 stage）；尚未发布的删除 issued 和 effective"))
    if draft and stage and stage not in stages:
        found.append(Problem(source.path, line, "stage-date-required",
                             f"缺少当前阶段“{stage}”的日期",
                             f"在 stages 中写明到达该阶段的日期，如 stages: {{{stage}: 2026-05-10}}"))
    reached = [(name, stages[name]) for name in STAGES if name in stages]
    for (first, a), (then, b) in zip(reached, reached[1:], strict=False):
        if b < a:
            order(f"阶段日期先后矛盾：{then} {b} 早于{first} {a}",
                  f"按 {'、'.join(STAGES)} 的顺序，后一阶段的日期不得早于前一阶段")
    if draft and stage:
        ahead = [name for name in stages if STAGES.index(name) > STAGES.index(stage)]
        if ahead:
            order(f"当前阶段是“{stage}”，却填写了尚未到达的阶段“{'、'.join(ahead)}”的日期",
                  f"把 stage 改为实际所处阶段，或删除 {'、'.join(ahead)} 的日期")
    if not draft and issued:
        if PUBLISHED in stages and stages[PUBLISHED] != issued:
            order(f"发布阶段日期 {stages[PUBLISHED]} 与发布日期 {issued} 不一致",
                  "stages 中的 发布 日期应与 issued 相同，或删除该项")
        late = [name for name, day in reached if day > issued]
        if late:
            order(f"阶段“{'、'.join(late)}”的日期晚于发布日期 {issued}",
                  "核对 stages 中的日期")
    if planned and reached and planned < reached[0][1]:
        order(f"计划发布日期 {planned} 早于{reached[0][0]}日期 {reached[0][1]}",
              "核对 planned 的日期", "planned")
    if until:
        if draft and stage and STAGES.index(stage) < STAGES.index(CONSULTATION):
            order(f"当前阶段是“{stage}”，尚未征求意见，却填写了征求意见截止日期",
                  "进入征求意见阶段时再填写 comment_until，并把 stage 改为 征求意见",
                  "comment_until")
        opened = stages.get(CONSULTATION)
        if opened and until < opened:
            order(f"征求意见截止日期 {until} 早于开始日期 {opened}",
                  "comment_until 不得早于 stages 中 征求意见 的日期", "comment_until")
    return {"stage": stage if stage else (PUBLISHED if stages else ""), "stages": stages,
            "planned": planned, "comment_until": until, "feedback": feedback.strip()}


def _date(meta: dict, key: str) -> date | None:
    value = meta.get(key)
    return parse_date(value) if isinstance(value, str) else None


@also_checks("date-format")  # a stage date that does not exist
def _stage_dates(source: SourceFile, found: list[Problem]) -> dict[str, date]:
    raw = source.meta.get("stages")
    if not isinstance(raw, dict):
        return {}
    dates: dict[str, date] = {}
    for name, value in raw.items():
        if name not in STAGES or not isinstance(value, str):
            continue  # reported by the schema (stage-value, date-format)
        day = parse_date(value)
        if day is None:
            if DATE_RE.match(value):
                found.append(Problem(source.path, source.line_of("stages"), "date-format",
                                     f"阶段“{name}”的日期“{value}”不存在", "检查月份和日期"))
            continue
        dates[name] = day
    return dates


# ---------------------------------------------------------------------------------------------
# State of a standard on a given day


def is_draft(std: Standard) -> bool:
    return std.is_draft


def stage_date(std: Standard, stage: str) -> date | None:
    if stage == PUBLISHED and not is_draft(std):
        return std.stages.get(PUBLISHED) or std.issued
    return std.stages.get(stage)


def started(std: Standard) -> date | None:
    """When work on it began: the earliest recorded stage date."""
    days = [d for d in std.stages.values() if d is not None]
    return min(days) if days else None


def is_planned(std: Standard) -> bool:
    """It has a drafting history the progress page can show (a draft, or stages recorded)."""
    return is_draft(std) or bool(std.stages) or std.planned is not None


@dataclass
class Consultation:
    std: Standard
    opened: date | None
    until: date
    is_open: bool
    days_left: int  # days from today to the deadline (the deadline day itself counts as open)
    feedback: str


def consultation(std: Standard, today: date) -> Consultation | None:
    """The public consultation of a standard, if it had one (comment_until is written)."""
    if std.comment_until is None:
        return None
    is_open = std.stage == CONSULTATION and today <= std.comment_until
    return Consultation(std, std.stages.get(CONSULTATION), std.comment_until, is_open,
                        (std.comment_until - today).days, std.feedback)


def overdue_days(std: Standard, today: date) -> int:
    """Days past the planned publication date for a standard not published yet (0 if on time)."""
    if not is_draft(std) or std.planned is None or today <= std.planned:
        return 0
    return (today - std.planned).days


def is_overdue(std: Standard, today: date) -> bool:
    return overdue_days(std, today) > 0


@dataclass
class Step:
    stage: str
    day: date | None
    state: str  # "done" | "current" | "todo"


def steps(std: Standard) -> list[Step]:
    """The six stages with their dates, for a timeline."""
    current = STAGES.index(std.stage) if std.stage in STAGES else len(STAGES) - 1
    out = []
    for i, name in enumerate(STAGES):
        state = "done" if i < current else ("current" if i == current else "todo")
        if name == PUBLISHED and not is_draft(std):
            state = "done"
        out.append(Step(name, stage_date(std, name), state))
    return out


def drafts_by_replaced(standards: list[Standard]) -> dict[str, list[Standard]]:
    """Code → the drafts that name it in `replaces`, in corpus order (the standard stays in
    force until they take effect). Built once per build: every standard's page asks."""
    found: dict[str, list[Standard]] = {}
    for draft in standards:
        if draft.replaces and is_draft(draft):
            for code in dict.fromkeys(draft.replaces):
                found.setdefault(code, []).append(draft)
    return found


def stage_counts(standards: list[Standard], today: date) -> dict[str, int]:
    """Counts for the 统计表 and reports: drafts per stage, consultations open, overdue."""
    drafts = [s for s in standards if is_draft(s)]
    counts = {f"{name}": sum(1 for s in drafts if s.stage == name) for name in DRAFT_STAGES}
    counts["制定中"] = len(drafts)
    counts["正在征求意见"] = sum(1 for s in drafts
                               if (c := consultation(s, today)) is not None and c.is_open)
    counts["逾期未发布"] = sum(1 for s in drafts if is_overdue(s, today))
    return counts


@checks("plan-overdue", "consultation-closed")
def check_corpus(standards: list[Standard], today: date) -> list[Problem]:
    """Content warnings that depend on the date: overdue plans, consultations past deadline."""
    problems = []
    for std in standards:
        days = overdue_days(std, today)
        if days:
            problems.append(Problem(
                std.path, std.line("planned"), "plan-overdue",
                f"{std.code} 计划于 {std.planned} 发布，已逾期 {days} 天（当前阶段：{std.stage}）",
                "加快推进；计划调整的，修改 planned 并在 stages 中记录进展"))
        if std.stage == CONSULTATION and std.comment_until and std.comment_until < today:
            problems.append(Problem(
                std.path, std.line("comment_until"), "consultation-closed",
                f"征求意见已于 {std.comment_until} 截止，仍处于征求意见阶段",
                "处理意见后把 stage 改为 审查 并在 stages 中写上日期；延长征求意见期的修改 comment_until"))
    return problems
