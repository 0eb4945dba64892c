"""Derived status at boundary dates, replacement links and review due dates."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import standard
from test_validation import corpus_of

OLD = standard(number="GB/T 1—2010", issued="2010-01-01", effective="2010-06-01",
               abolished="2021-01-01")
NEW = standard(number="GB/T 1—2020", issued="2020-01-01", effective="2020-07-01",
               replaces="[GB/T 1-2010]")


def statuses(tmp_path, today: date) -> dict[str, str]:
    from hooks.corpus import load_corpus
    corpus_of(tmp_path, {"gb-t-1-2010.md": OLD, "gb-t-1-2020.md": NEW})
    corpus = load_corpus(tmp_path, today=today)
    return {s.code: s.status for s in corpus.standards}


@pytest.mark.parametrize("today, old, new", [
    (date(2010, 5, 31), "即将实施", "即将实施"),
    (date(2010, 6, 1), "现行", "即将实施"),
    (date(2020, 6, 30), "现行", "即将实施"),
    (date(2020, 7, 1), "被代替", "现行"),
    (date(2021, 1, 1), "被代替", "现行"),  # replaced wins over abolished
])
def test_status_at_boundaries(tmp_path, today, old, new):
    assert statuses(tmp_path, today) == {"GB/T 1—2010": old, "GB/T 1—2020": new}


def test_abolished_on_its_date(tmp_path):
    from hooks.corpus import load_corpus
    text = standard(number="GB/T 5—2015", issued="2015-01-01", effective="2015-01-01",
                    abolished="2024-04-01")
    corpus_of(tmp_path, {"gb-t-5-2015.md": text})
    assert load_corpus(tmp_path, today=date(2024, 3, 31)).standards[0].status == "现行"
    assert load_corpus(tmp_path, today=date(2024, 4, 1)).standards[0].status == "废止"


def test_replaced_by_and_review_due(tmp_path):
    corpus = corpus_of(tmp_path, {"gb-t-1-2010.md": OLD, "gb-t-1-2020.md": NEW})
    by = {s.code: s for s in corpus.standards}
    assert [s.code for s in by["GB/T 1—2010"].replaced_by] == ["GB/T 1—2020"]
    assert by["GB/T 1—2020"].review_due == date(2025, 7, 1)


def test_review_due_counts_from_reviewed_and_feb_29(tmp_path):
    text = standard(number="GB/T 7—2020", issued="2020-02-29", effective="2020-02-29",
                    reviewed="2024-02-29")
    corpus = corpus_of(tmp_path, {"gb-t-7-2020.md": text})
    assert corpus.standards[0].review_due == date(2029, 2, 28)


def test_review_overdue_is_a_warning_after_the_due_date_only(tmp_path):
    from hooks.corpus import load_corpus
    text = standard(number="GB/T 8—2020", issued="2020-01-01", effective="2020-07-01")
    corpus_of(tmp_path, {"gb-t-8-2020.md": text})
    assert not load_corpus(tmp_path, today=date(2025, 7, 1)).problems
    late = load_corpus(tmp_path, today=date(2025, 7, 2)).problems
    assert [p.rule for p in late] == ["review-overdue"] and not late[0].is_error


def test_build_date_from_source_date_epoch(monkeypatch):
    from hooks.model.dates import build_date
    # 2026-11-27 16:30 UTC is already 2026-11-28 in Shanghai.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795796000")
    assert build_date() == date(2026, 11, 28)
