"""The twice-yearly report (每年 2 次报送): figures for a half year, written as CSV and XLSX.

`python -m hooks report --period 2026H1` → report.csv (summary) and report.xlsx (汇总 + 明细).
Figures depend only on the corpus and the build date, and the files are byte-for-byte
deterministic (fixed workbook properties and zip timestamps). Definitions: docs/guide/lifecycle.md.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from hooks.corpus import Corpus
from hooks.derive import lifecycle
from hooks.derive.status import status_on
from hooks.export.xlsx import append_row, reproducible_xlsx
from hooks.model.dates import add_years
from hooks.model.sorting import by_number
from hooks.model.standard import REVIEW_YEARS, STATUS_IN_FORCE, STATUS_UPCOMING, Standard

PERIOD_RE = re.compile(r"^(\d{4})\s*[Hh]\s*([12])$")
CSV_HEADER = ["序号", "指标", "数量", "统计口径"]
DETAIL_HEADER = ["指标", "标准号", "标准名称", "标准层级", "所属领域", "日期", "说明"]


class PeriodError(ValueError):
    pass


@dataclass(frozen=True)
class Period:
    label: str  # "2026H1"
    start: date
    end: date

    @property
    def title(self) -> str:
        half = "上半年" if self.start.month == 1 else "下半年"
        return f"{self.start.year} 年{half}"

    def __contains__(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end


def parse_period(text: str) -> Period:
    m = PERIOD_RE.match(text.strip())
    if not m:
        raise PeriodError(f"期间“{text}”无法识别：写作 年份H1 或 年份H2，如 2026H1")
    year, half = int(m.group(1)), int(m.group(2))
    if half == 1:
        return Period(f"{year}H1", date(year, 1, 1), date(year, 6, 30))
    return Period(f"{year}H2", date(year, 7, 1), date(year, 12, 31))


@dataclass
class Figure:
    key: str
    label: str
    rule: str  # 统计口径
    items: list[tuple[Standard, date | None, str]] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.items)


@dataclass
class Report:
    period: Period
    as_of: date  # the period's end, or the build date if the period is not over
    figures: list[Figure]

    def figure(self, key: str) -> Figure:
        return next(f for f in self.figures if f.key == key)

    def counts(self) -> dict[str, int]:
        return {f.key: f.count for f in self.figures}


def _published_by(std: Standard, day: date) -> bool:
    return not std.is_draft and std.issued is not None and std.issued <= day


def _in_progress_at(std: Standard, day: date) -> bool:
    begun = lifecycle.started(std)
    if begun is None or begun > day:
        return False
    return not _published_by(std, day)


def _due_base(std: Standard, before: date) -> date | None:
    """The date the review cycle counts from, as known before `before`."""
    if std.effective is None:
        return None
    if std.reviewed is not None and std.reviewed < before and std.reviewed >= std.effective:
        return std.reviewed
    return std.effective


def build_report(corpus: Corpus, period: Period) -> Report:
    today = corpus.today
    if period.start > today:
        raise PeriodError(f"期间 {period.label} 尚未开始（今天是 {today.isoformat()}）")
    as_of = min(period.end, today)
    span = Period(period.label, period.start, as_of)
    standards = by_number(corpus.standards)
    published = [s for s in standards if not s.is_draft]

    def fig(key: str, label: str, rule: str,
            items: list[tuple[Standard, date | None, str]]) -> Figure:
        return Figure(key, label, rule, items)

    issued = [(s, s.issued, "") for s in published if s.issued in span]
    effective = [(s, s.effective, "") for s in published if s.effective in span]
    first = lifecycle.STAGES[0]  # 立项
    started = [(s, s.stages.get(first), "") for s in standards if s.stages.get(first) in span]
    progress = [(s, lifecycle.started(s), f"期末阶段：{_stage_at(s, as_of)}")
                for s in standards if _in_progress_at(s, as_of)]
    overdue = [(s, s.planned, f"计划 {s.planned.isoformat()} 发布")
               for s, _, _ in progress if s.planned is not None and s.planned < as_of]
    consultations = []
    open_at_end = []
    for s in standards:
        if s.comment_until is None:
            continue
        opened = s.stages.get(lifecycle.CONSULTATION)
        note = f"征求意见 {opened.isoformat() + ' 至 ' if opened else '截止 '}{s.comment_until}"
        if (opened or s.comment_until) in span:
            consultations.append((s, opened or s.comment_until, note))
        if (opened is None or opened <= as_of) and as_of <= s.comment_until and \
                _in_progress_at(s, as_of):
            open_at_end.append((s, s.comment_until, note))
    due, done, pending = [], [], []
    for s in published:
        base = _due_base(s, span.start)
        if base is None:
            continue
        deadline = add_years(base, REVIEW_YEARS)
        if deadline in span and status_on(s, deadline) == STATUS_IN_FORCE:
            due.append((s, deadline, f"自{'复审确认' if base != s.effective else '实施'} {base} 起满五年"))
        if s.reviewed in span:
            done.append((s, s.reviewed, "复审确认继续有效"))
        end_base = _due_base(s, as_of + (date.resolution))
        end_deadline = add_years(end_base, REVIEW_YEARS) if end_base else None
        if (end_deadline is not None and end_deadline < as_of
                and status_on(s, as_of) == STATUS_IN_FORCE and _published_by(s, as_of)):
            pending.append((s, end_deadline, f"应于 {end_deadline} 前复审"))
    abolished = [(s, s.abolished, "") for s in published if s.abolished in span]
    replaced = []
    for s in published:
        newer = [n for n in s.replaced_by if n.effective in span]
        if newer:
            replaced.append((s, newer[0].effective, "由 " + "、".join(n.code for n in newer) + " 代替"))
    in_force = [(s, s.effective, "") for s in published
                if _published_by(s, as_of) and status_on(s, as_of) == STATUS_IN_FORCE]
    upcoming = [(s, s.effective, "") for s in published
                if _published_by(s, as_of) and status_on(s, as_of) == STATUS_UPCOMING]
    figures = [
        fig("issued", "发布标准", "发布日期在期间内", issued),
        fig("effective", "实施标准", "实施日期在期间内", effective),
        fig("started", "新立项", "立项日期在期间内", started),
        fig("in_progress", "制修订中（期末）", "期末已立项、尚未发布", progress),
        fig("overdue", "其中：逾期未发布", "期末已过计划发布日期、尚未发布", overdue),
        fig("consultations", "征求意见", "征求意见开始日期在期间内（无开始日期的按截止日期）",
            consultations),
        fig("consulting", "期末正在征求意见", "期末处于征求意见期内", open_at_end),
        fig("reviews_due", "复审到期", "复审期限（实施或上次复审确认后五年）在期间内、当时现行", due),
        fig("reviews_done", "完成复审", "复审确认日期在期间内", done),
        fig("reviews_pending", "期末复审逾期", "期末现行、复审期限已过且未复审", pending),
        fig("abolished", "废止", "废止日期在期间内", abolished),
        fig("replaced", "被代替", "代替它的新标准在期间内实施", replaced),
        fig("in_force", "期末现行标准", "按期末日期计算状态为现行", in_force),
        fig("upcoming", "期末即将实施", "期末已发布、尚未实施", upcoming),
    ]
    return Report(period, as_of, figures)


def _stage_at(std: Standard, day: date) -> str:
    reached = [name for name in lifecycle.STAGES if (d := std.stages.get(name)) and d <= day]
    return reached[-1] if reached else (std.stage or lifecycle.STAGES[0])


# ---------------------------------------------------------------------------------------------
# Writers


def summary_rows(report: Report) -> list[list[object]]:
    return [[i, f.label, f.count, f.rule] for i, f in enumerate(report.figures, 1)]


def detail_rows(report: Report) -> list[list[object]]:
    rows = []
    for f in report.figures:
        for std, day, note in f.items:
            rows.append([f.label, std.code, std.title, std.level, std.domain.label,
                         day.isoformat() if day else "", note])
    return rows


def report_csv(report: Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(summary_rows(report))
    return "\ufeff" + out.getvalue()


def report_xlsx(report: Report) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = Workbook()
    ws = wb.active
    ws.title = "汇总"
    title = f"机关事务标准化工作情况统计（{report.period.title}）"
    append_row(ws, [title])  # every cell through the one writer: text stays text
    append_row(ws, [f"统计期间：{report.period.start.isoformat()} 至 {report.period.end.isoformat()}；"
                    f"数据截至 {report.as_of.isoformat()}"])
    append_row(ws, [])
    append_row(ws, CSV_HEADER)
    for row in summary_rows(report):
        append_row(ws, row)
    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="F3F4F6")
    ws["A1"].font = Font(bold=True, size=14)
    for cell in ws[4]:
        cell.font = bold
        cell.fill = head_fill
    for col, width in zip("ABCD", (6, 22, 8, 56), strict=True):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=5):
        row[3].alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A5"

    detail = wb.create_sheet("明细")
    append_row(detail, DETAIL_HEADER)
    for row in detail_rows(report):
        append_row(detail, row)
    for cell in detail[1]:
        cell.font = bold
        cell.fill = head_fill
    for col, width in zip("ABCDEFG", (18, 20, 40, 12, 22, 12, 36), strict=True):
        detail.column_dimensions[col].width = width
    detail.freeze_panes = "A2"

    stamp = datetime(report.as_of.year, report.as_of.month, report.as_of.day)
    return reproducible_xlsx(wb, stamp, title)


def write_report(report: Report, out_dir: Path) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    csv_path = out_dir / "report.csv"
    xlsx_path = out_dir / "report.xlsx"
    csv_path.write_bytes(report_csv(report).encode("utf-8"))
    xlsx_path.write_bytes(report_xlsx(report))
    return csv_path, xlsx_path


def format_summary(report: Report) -> str:
    lines = [f"{report.period.title}（{report.period.start} 至 {report.period.end}，"
             f"数据截至 {report.as_of}）"]
    width = max(len(f.label) for f in report.figures)
    for f in report.figures:
        lines.append(f"  {f.label}{'　' * (width - len(f.label))}  {f.count:>4}")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Command line: python -m hooks report --period 2026H1 [--out DIR]


def cmd_report(args) -> int:
    import sys

    from hooks.corpus import load_corpus

    try:
        period = parse_period(args.period)
        corpus = load_corpus(Path(args.root).resolve())
        if corpus.errors:
            print(f"标准元数据有 {len(corpus.errors)} 个错误，请先运行 python -m hooks check 修正。",
                  file=sys.stderr)
            return 1
        report = build_report(corpus, period)
    except PeriodError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    csv_path, xlsx_path = write_report(report, Path(args.out))
    print(format_summary(report))
    print(f"已写出 {csv_path} 和 {xlsx_path}", file=sys.stderr)
    return 0


def register(sub) -> None:
    parser = sub.add_parser("report", help="生成半年工作情况统计（report.xlsx 和 report.csv）")
    parser.add_argument("--period", required=True, help="统计期间，如 2026H1（上半年）或 2026H2")
    parser.add_argument("--out", default=".", help="输出目录（默认当前目录）")
    parser.set_defaults(func=cmd_report)
