"""The twice-yearly report (hooks/export/report.py): figures for a half year against a fixture corpus,
the CSV and XLSX files (deterministic), and `python -m hooks report`."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from conftest import FRAMEWORK, front_matter, standard
from openpyxl import load_workbook

from hooks.corpus import load_corpus
from hooks.export.report import (
    CSV_HEADER,
    PeriodError,
    build_report,
    parse_period,
    report_csv,
    report_xlsx,
)

TODAY = date(2026, 11, 27)
SLJG = {"level": "单位内部标准"}

FILES = {
    # issued in H1, in force only from August
    "gb-t-1-2026.md": standard(number="GB/T 1—2026", issued="2026-02-01", effective="2026-08-01"),
    # review due 2026-03-01, not reviewed
    "gb-t-2-2021.md": standard(number="GB/T 2—2021", issued="2021-01-01", effective="2021-03-01"),
    # reviewed in H1
    "gb-t-3-2020.md": standard(number="GB/T 3—2020", issued="2020-03-01", effective="2020-05-01",
                               reviewed="2026-04-15"),
    # abolished in H1
    "gb-t-4-2015.md": standard(number="GB/T 4—2015", issued="2015-03-01", effective="2015-06-01",
                               abolished="2026-05-10"),
    # replaced in H1 by GB/T 5—2026 (issued and in force in H1)
    "gb-t-5-2018.md": standard(number="GB/T 5—2018", issued="2017-10-01", effective="2018-01-01"),
    "gb-t-5-2026.md": standard(number="GB/T 5—2026", issued="2026-03-01", effective="2026-06-01",
                               replaces="[GB/T 5—2018]"),
    # draft started in H1, consultation open at the end of H1
    "sljg-jihua-2026-01.md": front_matter(
        number="SLJG 计划 2026-01", title="公务用车服务规范", domain='"03.02"', stage="征求意见",
        stages="{立项: 2026-01-10, 起草: 2026-03-01, 征求意见: 2026-05-20}",
        planned="2027-06-30", comment_until="2026-07-20", **SLJG),
    # overdue plan
    "sljg-jihua-2025-04.md": front_matter(
        number="SLJG 计划 2025-04", title="物业服务规范", domain='"03.01"', stage="起草",
        stages="{立项: 2025-03-10, 起草: 2025-06-20}", planned="2026-05-31", **SLJG),
    # in progress during H1 (consultation in H1), published in September
    "sljg-003-2026.md": standard(
        number="SLJG 003—2026", title="机关食堂餐饮服务规范", issued="2026-09-01",
        effective="2027-03-01", stage="发布", planned="2026-10-31", comment_until="2026-04-02",
        stages="{立项: 2025-09-01, 征求意见: 2026-03-02, 发布: 2026-09-01}", **SLJG),
}

EXPECTED_H1 = {
    "issued": 2, "effective": 1, "started": 1, "in_progress": 3, "overdue": 1,
    "consultations": 2, "consulting": 1, "reviews_due": 1, "reviews_done": 1,
    "reviews_pending": 1, "abolished": 1, "replaced": 1, "in_force": 3, "upcoming": 1,
}


@pytest.fixture
def corpus(tmp_path: Path):
    (tmp_path / "standards").mkdir()
    (tmp_path / "standards" / "framework.yml").write_text(FRAMEWORK, encoding="utf-8")
    for name, text in FILES.items():
        (tmp_path / "standards" / name).write_text(text, encoding="utf-8")
    loaded = load_corpus(tmp_path, today=TODAY)
    assert not loaded.errors, [p.text() for p in loaded.errors]
    return loaded


def codes(report, key):
    return [std.code for std, _, _ in report.figure(key).items]


def test_half_year_figures(corpus):
    report = build_report(corpus, parse_period("2026H1"))
    assert report.as_of == date(2026, 6, 30)
    assert report.counts() == EXPECTED_H1
    assert codes(report, "issued") == ["GB/T 1—2026", "GB/T 5—2026"]
    assert codes(report, "replaced") == ["GB/T 5—2018"]
    assert codes(report, "overdue") == ["SLJG 计划 2025-04"]
    assert sorted(codes(report, "in_progress")) == [
        "SLJG 003—2026", "SLJG 计划 2025-04", "SLJG 计划 2026-01"]
    assert sorted(codes(report, "consultations")) == ["SLJG 003—2026", "SLJG 计划 2026-01"]
    assert codes(report, "reviews_due") == ["GB/T 2—2021"]
    assert codes(report, "reviews_done") == ["GB/T 3—2020"]


def test_current_half_year_counts_up_to_today(corpus):
    report = build_report(corpus, parse_period("2026H2"))
    assert report.as_of == TODAY
    counts = report.counts()
    assert counts["issued"] == 1  # SLJG 003—2026
    assert counts["effective"] == 1  # GB/T 1—2026
    assert counts["in_progress"] == 2 and counts["consulting"] == 0
    assert counts["upcoming"] == 1


@pytest.mark.parametrize("text", ["2026", "2026H3", "H1 2026", "2026Q1"])
def test_bad_periods(text):
    with pytest.raises(PeriodError):
        parse_period(text)


def test_future_period_is_refused(corpus):
    with pytest.raises(PeriodError):
        build_report(corpus, parse_period("2027H1"))


def test_csv_and_xlsx(corpus):
    report = build_report(corpus, parse_period("2026H1"))
    text = report_csv(report)
    assert text.startswith("\ufeff" + ",".join(CSV_HEADER) + "\r\n")
    assert "\r\n1,发布标准,2,发布日期在期间内\r\n" in text
    data = report_xlsx(report)
    assert data == report_xlsx(build_report(corpus, parse_period("2026H1")))  # deterministic
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["汇总", "明细"]
    summary = wb["汇总"]
    assert "2026 年上半年" in summary["A1"].value
    rows = {row[1]: row[2] for row in summary.iter_rows(min_row=5, values_only=True)}
    assert rows["发布标准"] == 2 and rows["期末正在征求意见"] == 1
    details = list(wb["明细"].iter_rows(min_row=2, values_only=True))
    assert ("废止", "GB/T 4—2015") in {(r[0], r[1]) for r in details}


def test_report_command(project_factory, tmp_path):
    project = project_factory({name: text for name, text in FILES.items()})
    out = tmp_path / "out"
    proc = project.run("-m", "hooks", "--root", str(project.root), "report", "--period", "2026H1",
                       "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "发布标准" in proc.stdout
    first = (out / "report.xlsx").read_bytes()
    assert (out / "report.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    again = project.run("-m", "hooks", "--root", str(project.root), "report", "--period", "2026H1",
                        "--out", str(out))
    assert again.returncode == 0 and (out / "report.xlsx").read_bytes() == first
    bad = project.run("-m", "hooks", "--root", str(project.root), "report", "--period", "2026Q1")
    assert bad.returncode == 2 and "2026H1" in bad.stderr
