"""Drafts and plans (hooks/derive/lifecycle.py, hooks/pages/drafts.py, hooks/pages/feedback.py): plan numbers,
stage validation, draft status, the draft banner before and after the deadline (real builds at
fixed SOURCE_DATE_EPOCH), progress page, feedback links, and the shipped corpus."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit
from zoneinfo import ZoneInfo

import pytest
from conftest import FRAMEWORK, front_matter, standard

from hooks.corpus import load_corpus
from hooks.derive import lifecycle
from hooks.model.numbers import NumberError
from hooks.pages.feedback import feedback_link

TODAY = date(2026, 11, 27)
AFTER_DEADLINE = int(datetime(2027, 2, 3, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai")).timestamp())
DEADLINE_DAY = int(datetime(2027, 1, 31, 23, 0, tzinfo=ZoneInfo("Asia/Shanghai")).timestamp())

DRAFT_NAME = "sljg-jihua-2026-02.md"
BODY = ("## 1 范围\n\n本文件规定了公务接待服务。\n\n## 2 规范性引用文件\n\n本文件没有规范性引用文件。\n\n"
        "## 3 术语和定义\n\n本文件没有需要界定的术语和定义。\n\n## 4 基本要求\n\n### 4.1 接待原则\n\n务实节俭。\n")
OLD_NAME = "sljg-002-2025.md"


def draft(**changes: object) -> str:
    fields: dict[str, object] = {
        "number": "SLJG 计划 2026-02", "title": "机关公务接待服务规范", "domain": '"03.02"',
        "level": "单位内部标准", "stage": "征求意见",
        "stages": "{立项: 2026-03-16, 起草: 2026-05-08, 征求意见: 2026-11-20}",
        "planned": "2027-06-30", "comment_until": "2027-01-31",
        "body": BODY,
    }
    fields.update(changes)
    return front_matter(**{k: v for k, v in fields.items() if v is not None})


OLD = standard(number="SLJG 002—2025", title="机关会议服务规范", domain='"03.02"',
               issued="2025-03-01", effective="2025-05-01", level="单位内部标准")


def corpus_of(tmp_path: Path, files: dict[str, str], today: date = TODAY):
    (tmp_path / "standards").mkdir(exist_ok=True)
    (tmp_path / "standards" / "framework.yml").write_text(FRAMEWORK, encoding="utf-8")
    for name, text in files.items():
        (tmp_path / "standards" / name).write_text(text, encoding="utf-8")
    return load_corpus(tmp_path, today=today)


def rules(corpus) -> set[str]:
    return {p.rule for p in corpus.problems}


# ------------------------------------------------------------------------- plan numbers

@pytest.mark.parametrize(("text", "canonical", "slug", "level"), [
    ("SLJG 计划 2026-02", "SLJG 计划 2026-02", "sljg-jihua-2026-02", None),
    ("SLJG计划2026－02", "SLJG 计划 2026-02", "sljg-jihua-2026-02", None),
    ("ＤＢ4203/Ｔ 计划 2026-5", "DB4203/T 计划 2026-5", "db4203-t-jihua-2026-5", "地方标准"),
    ("20261234-T-469", "20261234-T-469", "20261234-t-469", "国家标准"),
    ("20261234—Q—469", "20261234-Q-469", "20261234-q-469", "国家标准"),
])
def test_plan_numbers_normalise_and_slug(text, canonical, slug, level):
    number = lifecycle.parse_plan_number(text)
    assert (number.canonical, number.slug, number.level) == (canonical, slug, level)
    assert str(number) == canonical


@pytest.mark.parametrize("text", ["SLJG 2026-02", "计划 2026-02", "2026123-T-469", "DB99/T 计划 2026-1"])
def test_bad_plan_numbers_are_rejected(text):
    with pytest.raises(NumberError):
        lifecycle.parse_plan_number(text)


# ------------------------------------------------------------------------- validation

def test_valid_draft_loads_as_draft_never_in_force(tmp_path):
    corpus = corpus_of(tmp_path, {DRAFT_NAME: draft()})
    assert corpus.problems == [], [p.text() for p in corpus.problems]
    std = corpus.standards[0]
    assert std.is_draft and std.status == "制定中"
    assert std.issued is None and std.effective is None and std.review_due is None
    assert std.stages["征求意见"] == date(2026, 11, 20)
    assert std.url == "standards/sljg-jihua-2026-02/"


@pytest.mark.parametrize(("changes", "rule", "line"), [
    ({"stages": "{立项: 2026-03-16, 起草: 2026-02-01, 征求意见: 2026-11-20}"}, "stage-order", 7),
    ({"stage": "起草", "comment_until": None,
      "stages": "{立项: 2026-03-16, 起草: 2026-05-08, 审查: 2026-11-20}"}, "stage-order", 7),
    ({"comment_until": "2026-11-01"}, "stage-order", 9),
    ({"stage": "起草", "stages": "{立项: 2026-03-16, 起草: 2026-05-08}"}, "stage-order", 9),
    ({"planned": "2025-12-31"}, "stage-order", 8),
    ({"stages": "{立项: 2026-03-16, 起草: 2026-05-08}"}, "stage-date-required", 6),
    ({"comment_until": None}, "comment-until-required", 1),
    ({"stage": "征求意见稿"}, "stage-value", 6),
    ({"stages": "{立项: 2026-03-16, 征集意见: 2026-11-20}"}, "stage-value", 7),
    ({"stages": "{立项: 2026-02-30, 征求意见: 2026-11-20}"}, "date-format", 7),
    ({"planned": None}, "field-required", 1),
    ({"feedback": "jiedai@example.org"}, "feedback-url", 10),
    ({"issued": "2026-12-01", "effective": "2027-01-01"}, "stage-published", 6),
])
def test_stage_rules(tmp_path, changes, rule, line):
    corpus = corpus_of(tmp_path, {DRAFT_NAME: draft(**changes)})
    found = {(p.rule, p.line) for p in corpus.problems}
    assert (rule, line) in found, [p.text() for p in corpus.problems]
    assert corpus.errors, "every one of these is an error"


def test_published_standard_still_needs_dates_and_a_real_number(tmp_path):
    corpus = corpus_of(tmp_path, {
        "gb-t-1-2020.md": standard(number="GB/T 1—2020", issued="2020-01-01", effective=None)
        .replace("effective: None\n", ""),
        DRAFT_NAME: draft(stage=None, stages=None, comment_until=None, planned=None,
                          issued="2026-10-01", effective="2026-12-01"),
    })
    found = {(p.path.split("/")[-1], p.rule) for p in corpus.problems}
    assert ("gb-t-1-2020.md", "field-required") in found
    assert (DRAFT_NAME, "plan-number-published") in found


def test_published_standard_may_keep_its_history(tmp_path):
    text = OLD.replace("---\n", "---\nstage: 发布\nstages: {立项: 2024-03-01, 征求意见: 2024-10-08, "
                       "发布: 2025-03-01}\nplanned: 2025-02-28\ncomment_until: 2024-11-08\n", 1)
    corpus = corpus_of(tmp_path, {OLD_NAME: text})
    assert corpus.problems == [], [p.text() for p in corpus.problems]
    std = corpus.standards[0]
    assert not std.is_draft and std.status == "现行"
    wrong = text.replace("发布: 2025-03-01", "发布: 2025-03-02")
    assert "stage-order" in rules(corpus_of(tmp_path, {OLD_NAME: wrong}))


def test_overdue_plan_and_closed_consultation_are_warnings(tmp_path):
    corpus = corpus_of(tmp_path, {DRAFT_NAME: draft(planned="2026-11-26",
                                                    comment_until="2026-11-26")})
    assert {p.rule for p in corpus.problems} == {"plan-overdue", "consultation-closed"}
    assert not corpus.errors
    std = corpus.standards[0]
    assert lifecycle.overdue_days(std, TODAY) == 1
    assert not lifecycle.consultation(std, TODAY).is_open


def test_consultation_is_open_on_its_last_day(tmp_path):
    std = corpus_of(tmp_path, {DRAFT_NAME: draft()}).standards[0]
    last = lifecycle.consultation(std, date(2027, 1, 31))
    assert last.is_open and last.days_left == 0
    assert lifecycle.consultation(std, TODAY).days_left == 65
    assert not lifecycle.consultation(std, date(2027, 2, 1)).is_open


def test_draft_does_not_replace_until_published_and_in_force(tmp_path):
    corpus = corpus_of(tmp_path, {OLD_NAME: OLD, DRAFT_NAME: draft(replaces="[SLJG 002—2025]")})
    old, new = corpus.by_code("SLJG 002—2025"), corpus.by_code("SLJG 计划 2026-02")
    assert old.status == "现行" and old.replaced_by == []
    assert new.replaces_std == [old]
    assert lifecycle.drafts_by_replaced(corpus.standards)[old.code] == [new]
    published = draft(number="SLJG 002—2027", stage="发布", comment_until="2027-01-31",
                      stages="{立项: 2026-03-16, 征求意见: 2026-11-20, 发布: 2027-03-01}",
                      issued="2027-03-01", effective="2027-06-01", replaces="[SLJG 002—2025]")
    (tmp_path / "standards" / DRAFT_NAME).unlink()
    later = corpus_of(tmp_path, {"sljg-002-2027.md": published}, today=date(2027, 6, 1))
    assert later.by_code("SLJG 002—2025").status == "被代替"
    before = corpus_of(tmp_path, {}, today=date(2027, 5, 31))
    assert before.by_code("SLJG 002—2025").status == "现行"


# ------------------------------------------------------------------------- feedback links

class _Std:
    code = "SLJG 002—2025"
    title = "机关会议服务规范（示例）"
    is_draft = False


def test_mailto_link_is_prefilled_and_encoded():
    url = feedback_link("mailto:a@example.org?cc=b@example.org", _Std(), clause="5.1 会议预订",
                        page="https://example.org/standards/sljg-002-2025/#5.1")
    assert url.startswith("mailto:a@example.org?cc=b%40example.org&subject=")
    assert "+" not in url and " " not in url
    query = parse_qs(urlsplit(url).query)
    assert query["subject"] == ["【意见反馈】标准 SLJG 002—2025《机关会议服务规范（示例）》 条款 5.1 会议预订"]
    body = query["body"][0]
    assert "条款：5.1 会议预订\r\n" in body and "页面：https://example.org/standards/" in body
    assert unquote(url).count("&body=") == 1


def test_https_link_gets_query_parameters():
    url = feedback_link("https://example.org/form?id=7", _Std(), clause="A.1 工作流程")
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    assert parts.netloc == "example.org" and query["id"] == ["7"]
    assert query["standard"] == ["SLJG 002—2025"] and query["clause"] == ["A.1 工作流程"]


# ------------------------------------------------------------------------- real builds

@pytest.fixture
def lifecycle_project(project_factory):
    return project_factory({
        OLD_NAME: OLD + "\n## 1 范围\n\n本文件规定了会议服务。\n",
        DRAFT_NAME: draft(feedback="mailto:jiedai@example.org"),
        "sljg-jihua-2025-04.md": draft(number="SLJG 计划 2025-04", title="物业服务规范",
                                       stage="起草", comment_until=None, body="",
                                       stages="{立项: 2025-03-10, 起草: 2025-06-20}",
                                       planned="2026-05-31"),
    })


def banner(html: str) -> str:
    m = re.search(r'<div class="std-banner lc-banner.*?</div>\n(?=<|\{)', html, re.S)
    assert m, "no draft banner"
    return m.group(0)


def visible(fragment: str) -> str:
    """Text of a fragment without the parts marked hidden (what a reader sees without JS)."""
    fragment = re.sub(r"<(\w+)[^>]*\shidden[^>]*>.*?</\1>", "", fragment, flags=re.S)
    return re.sub(r"<[^>]+>", "", fragment)


def test_draft_banner_before_the_deadline(lifecycle_project):
    result = lifecycle_project.build()
    assert result.returncode == 0, result.output
    html = result.page("standards/sljg-jihua-2026-02/")
    assert re.search(r'data-status="([^"]+)"', html).group(1) == "制定中"
    text = visible(banner(html))
    assert "征求意见稿，不具效力" in text
    assert "2027-01-31" in text and "还剩 65 天" in text
    assert "提交意见" in text and "已截止" not in text
    assert 'href="mailto:jiedai@example.org?subject=' in html
    # every numbered clause has a short 意见 link; the page carries one pre-filled address
    assert re.search(r'<h3 id="4.1"[^>]*>.*?class="lc-clause-feedback" href="#lc-feedback" '
                     r'data-clause="4.1 [^"]+" data-anchor="4.1"', html, re.S)
    assert re.search(r'id="lc-feedback" href="mailto:jiedai@example.org\?subject=[^"]*">', html)
    assert html.count("mailto:") == 1
    drafts = result.page("drafts/")
    open_part = drafts.split('id="lc-closed-heading"')[0]
    assert "机关公务接待服务规范" in open_part and "还剩 65 天" in open_part


def test_draft_banner_on_the_last_day_and_after_the_deadline(lifecycle_project):
    last = lifecycle_project.build(epoch=DEADLINE_DAY)
    assert last.returncode == 0, last.output
    assert "今天截止" in visible(banner(last.page("standards/sljg-jihua-2026-02/")))

    result = lifecycle_project.build(site=lifecycle_project.root / "site-after", epoch=AFTER_DEADLINE)
    assert result.returncode == 0, result.output
    text = visible(banner(result.page("standards/sljg-jihua-2026-02/")))
    assert "征求意见稿，不具效力" in text
    assert "征求意见已于 2027-01-31 截止" in text
    assert "还剩" not in text and "提交意见" not in text
    drafts = result.page("drafts/")
    open_part, closed_part = drafts.split('id="lc-closed-heading"')
    assert "目前没有正在征求意见的标准" in open_part
    assert "机关公务接待服务规范" in closed_part
    check = lifecycle_project.check(epoch=AFTER_DEADLINE)
    assert check.returncode == 0 and "consultation-closed" in check.stdout


def test_progress_page_flags_overdue_plans(lifecycle_project):
    result = lifecycle_project.build()
    assert result.returncode == 0, result.output
    html = result.page("progress/")
    overdue = html.split('class="lc-card lc-card--overdue"')[1][:600]
    assert "SLJG 计划 2025-04" in overdue and "逾期 180 天" in overdue
    assert html.count('class="lc-card lc-card--overdue"') == 1
    assert 'aria-current="step"' in html
    plan = result.page("standards/sljg-jihua-2025-04/")
    assert "制定中，不具效力" in plan and "未登载全文" not in plan


def test_old_standard_stays_in_force_while_a_revision_is_drafted(project_factory):
    project = project_factory({
        OLD_NAME: OLD, DRAFT_NAME: draft(replaces="[SLJG 002—2025]"),
    })
    result = project.build()
    assert result.returncode == 0, result.output
    html = result.page("standards/sljg-002-2025/")
    assert re.search(r'data-status="([^"]+)"', html).group(1) == "现行"
    assert "正在修订" in html and "../sljg-jihua-2026-02/" in html


def test_shipped_corpus_has_open_consultation_overdue_plan_and_editions(shipped_site):
    drafts = shipped_site.page("drafts/").split('id="lc-closed-heading"')[0]
    assert "SLJG 计划 2026-02" in drafts
    progress = shipped_site.page("progress/")
    assert "lc-card--overdue" in progress and "SLJG 计划 2025-04" in progress
    changes = shipped_site.page("standards/sljg-002-2025/changes/")
    assert "条文对照" in changes
    assert 'href="changes/"' in shipped_site.page("standards/sljg-002-2025/")
    assert 'href="../sljg-002-2025/changes/"' in shipped_site.page("standards/sljg-002-2020/")
