"""Numbers, dates and editions against hostile input (issue 14).

- Numbers: after NFKC a number holds ASCII digits only, within length limits; `new` refuses an
  absurd number in one line (it used to fail with an OSError traceback on a 300-digit number).
- Dates: 1949-10-01 to 2100-12-31 (date-range); nothing crashes on the ends of the calendar.
- Editions: `replaces` names older editions only, by issued date (replaces-newer).

The hostile files of tests/hostile/values/ are listed in its cases.yml with the rule and line.
"""

from __future__ import annotations

import io
import shutil
from datetime import date, datetime
from pathlib import Path
from xml.etree import ElementTree as ET

import openpyxl
import pytest
import yaml
from conftest import FRAMEWORK, standard

from hooks.check.problems import format_text
from hooks.corpus import load_corpus
from hooks.export import report
from hooks.export.files import catalogue_json, catalogue_xlsx, feed_xml
from hooks.model.dates import EARLIEST, LATEST, add_years, in_range
from hooks.model.numbers import (
    MAX_CHARS,
    MAX_CODE_CHARS,
    MAX_PART_DIGITS,
    MAX_PARTS,
    NumberError,
    number_key,
    parse_number,
)
from hooks.pages.catalogue import Catalogue

HOSTILE = Path(__file__).parent / "hostile" / "values"
CASES: dict[str, dict] = yaml.safe_load((HOSTILE / "cases.yml").read_text(encoding="utf-8"))
TODAY = date(2026, 11, 27)
DEFAULT_FILE = "gb-t-41568-2022.md"


def corpus_of(root: Path, files: dict[str, str]):
    (root / "standards").mkdir(parents=True, exist_ok=True)
    (root / "standards" / "framework.yml").write_text(FRAMEWORK, encoding="utf-8")
    for name, text in files.items():
        (root / "standards" / name).write_text(text, encoding="utf-8")
    return load_corpus(root, today=TODAY)


def found(corpus) -> list[tuple[str, int, str]]:
    return [(Path(p.path).name, p.line, p.rule) for p in corpus.problems]


# --- the hostile files ----------------------------------------------------------------------------


def test_every_hostile_file_is_listed():
    assert {p.name for p in HOSTILE.iterdir()} - {"cases.yml"} == set(CASES)
    assert len(CASES) >= 12


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_value_case(name, tmp_path):
    case = CASES[name]
    target = case.get("file", DEFAULT_FILE)
    (tmp_path / "standards").mkdir()
    (tmp_path / "standards" / "framework.yml").write_text(FRAMEWORK, encoding="utf-8")
    shutil.copy(HOSTILE / name, tmp_path / "standards" / target)
    corpus = load_corpus(tmp_path, today=TODAY)
    for problem in corpus.problems:
        problem.text().encode("utf-8")
    if case.get("accept"):
        assert corpus.errors == [], format_text(corpus.errors)
        assert len(corpus.standards) == 1
        return
    assert (target, case["line"], case["rule"]) in found(corpus), found(corpus)
    if case.get("alone"):
        assert {rule for _, _, rule in found(corpus)} == {case["rule"]}
    assert all(len(p.message) < 200 for p in corpus.problems)  # a 300-digit number is cut short


# --- numbers --------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "DB٣٣٠١/T 1—2020",  # Arabic-Indic
    "DB۳۳۰۱/T 1—2020",  # Extended Arabic-Indic (Persian)
    "GB/T ४१५६८—२०२२",  # Devanagari
    "GB/T ৪১৫৬৮—2022",  # Bengali
    "GB/T ๔๑๕๖๘—2022",  # Thai
    "GB/T 41568—٢٠٢٢",  # only the year
    "T/CAS 𝟐𝟗𝟎—2017",  # mathematical digits: NFKC makes them ASCII, so they pass (below)
])
def test_digits_other_than_0_to_9_are_refused(text):
    if "𝟐" in text:
        assert parse_number(text).canonical == "T/CAS 290—2017"
        return
    with pytest.raises(NumberError) as caught:
        parse_number(text)
    assert caught.value.rule == "number-format"
    assert "不是 0–9" in caught.value.message


def test_full_width_digits_still_pass():
    assert parse_number("ＤＢ３３０１／Ｔ　１—２０２０").canonical == "DB3301/T 1—2020"


@pytest.mark.parametrize("text, what", [
    ("GB/T " + "1" * 300 + "—2022", "过长"),
    ("GB/T " + "1" * (MAX_PART_DIGITS + 1) + "—2022", "顺序号"),
    ("GB/T " + ".".join(["1"] * (MAX_PARTS + 1)) + "—2022", "顺序号"),
    ("Z" * (MAX_CODE_CHARS + 1) + " 1—2022", "代号"),
    ("建" * (MAX_CODE_CHARS + 1) + " 1—2022", "代号"),
    ("GB/T 1—2022" + " " * 10 + "x" * MAX_CHARS, "过长"),
])
def test_length_limits(text, what):
    with pytest.raises(NumberError) as caught:
        parse_number(text)
    assert what in caught.value.message
    assert len(caught.value.message) < 120


def test_the_longest_numbers_allowed_fit_a_file_name_and_sort():
    """At the limits (MAX_CHARS caps them together), the slug stays far below the 255 bytes of
    a file name."""
    longest = [
        "T/" + "A" * (MAX_CODE_CHARS - 2) + " " + "9" * MAX_PART_DIGITS + "." + "9" * 8 + "—2022",
        "庄" * MAX_CODE_CHARS + " " + ".".join(["9" * 5] * MAX_PARTS) + "—2022",  # 庄 → zhuang
        "GB/T " + ".".join(["9" * MAX_PART_DIGITS] * MAX_PARTS) + "—2022",
    ]
    for text in longest:
        number = parse_number(text)
        assert len(f"{number.slug}.md".encode()) < 200, number.slug
        assert len(number_key(number)[1]) == len(number.seq.split("."))  # sorts: ints, no error


def test_new_refuses_an_absurd_number_in_one_line(project_factory):
    project = project_factory({})
    for raw in ["GB/T " + "1" * 300 + "—2020", "DB٣٣٠١/T 1—2020", "GB/T 1\x1b[2J—2020",
                "GB/T " + "1" * 5000 + "—2020"]:
        proc = project.run("-m", "hooks", "--root", str(project.root), "new", raw)
        assert proc.returncode == 1, proc.stdout
        lines = proc.stderr.strip().split("\n")
        assert len(lines) == 1 and "number-format" in lines[0], proc.stderr
        assert "Traceback" not in proc.stderr and "\x1b" not in proc.stderr
        assert len(lines[0]) < 400
    assert sorted(p.name for p in (project.root / "standards").iterdir()) == ["framework.yml"]


# --- dates ----------------------------------------------------------------------------------------


def test_add_years_never_raises():
    assert add_years(date(9999, 12, 31), 5) == date.max
    assert add_years(date(9998, 2, 28), 1) == date(9999, 2, 28)
    assert add_years(date(1, 1, 1), -1) == date.min
    assert add_years(date(2096, 2, 29), 5) == date(2101, 2, 28)
    assert add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)


def test_the_range_and_its_ends():
    assert in_range(EARLIEST) and in_range(LATEST)
    assert not in_range(date(1949, 9, 30)) and not in_range(date(2101, 1, 1))


def test_extreme_dates_crash_nothing_downstream(tmp_path):
    """A corpus with dates at both ends of the calendar is refused (date-range), and everything
    that derives from its dates still works: status, review due, sorting, feed, workbook,
    catalogue.json, the half-year report."""
    files = {
        "gb-t-1-2020.md": standard(number="GB/T 1—2020", issued="9999-12-31",
                                   effective="9999-12-31"),
        "gb-t-2-2020.md": standard(number="GB/T 2—2020", issued="0001-01-01",
                                   effective="0001-01-01", abolished="0001-01-02",
                                   reviewed="9999-12-31"),
        "gb-t-3-2020.md": standard(number="GB/T 3—2020", issued="2020-01-01",
                                   effective="9999-12-30", replaces="[GB/T 2—2020]"),
        "gb-t-4-2020.md": "---\nnumber: GB/T 4—2020\ntitle: 草案\ndomain: \"01.01\"\nstage: 征求意见\n"
                          "stages: {立项: 0001-01-01, 征求意见: 9999-12-31}\nplanned: 9999-12-31\n"
                          "comment_until: 9999-12-31\n---\n",
    }
    corpus = corpus_of(tmp_path, files)
    assert {p.rule for p in corpus.errors} == {"date-range"}
    assert len(corpus.standards) == 4
    assert {s.code: s.review_due for s in corpus.standards}["GB/T 1—2020"] == date.max
    cat = Catalogue(corpus)
    ET.fromstring(feed_xml(cat, "https://example.org/"))
    openpyxl.load_workbook(io.BytesIO(catalogue_xlsx(cat, datetime(2026, 11, 27))))
    catalogue_json(cat)
    for period in ("2026H1", "2026H2"):
        built = report.build_report(corpus, report.parse_period(period))
        openpyxl.load_workbook(io.BytesIO(report.report_xlsx(built)))


# --- editions -------------------------------------------------------------------------------------

OLD = standard(number="GB/T 1—2010", issued="2010-03-01", effective="2010-09-01")
NEW = standard(number="GB/T 1—2020", issued="2020-03-01", effective="2020-09-01")


def test_an_older_edition_may_not_replace_a_newer_one(tmp_path):
    old = OLD.replace("---\n", "---\nreplaces:\n  - GB/T 5—2010\n  - GB/T 1—2020\n", 1)
    corpus = corpus_of(tmp_path, {"gb-t-1-2010.md": old, "gb-t-1-2020.md": NEW,
                                  "gb-t-5-2010.md": standard(number="GB/T 5—2010",
                                                             issued="2009-01-01",
                                                             effective="2009-06-01")})
    newer = [p for p in corpus.problems if p.rule == "replaces-newer"]
    assert [(Path(p.path).name, p.line) for p in newer] == [("gb-t-1-2010.md", 4)]  # the item
    assert "2020-03-01" in newer[0].message and "standards/gb-t-1-2020.md" in newer[0].hint


def test_the_right_direction_and_the_same_day_pass(tmp_path):
    new = NEW.replace("---\n", "---\nreplaces: [GB/T 1—2010]\n", 1)
    same = standard(number="GB/T 7—2020", issued="2020-03-01", effective="2020-09-01",
                    replaces="[GB/T 1—2020]")
    corpus = corpus_of(tmp_path, {"gb-t-1-2010.md": OLD, "gb-t-1-2020.md": new,
                                  "gb-t-7-2020.md": same})
    assert not [p for p in corpus.problems if p.rule == "replaces-newer"], found(corpus)


DRAFT = ("---\nnumber: GB/T 1—2027\ntitle: 机关事务管理 术语\ndomain: \"01.01\"\nstage: 起草\n"
         "stages: {立项: 2026-03-16, 起草: 2026-05-01}\nplanned: 2027-06-30\n{replaces}---\n")


def test_a_draft_may_replace_anything_published(tmp_path):
    corpus = corpus_of(tmp_path, {"gb-t-1-2020.md": NEW, "gb-t-1-2027.md":
                                  DRAFT.replace("{replaces}", "replaces: [GB/T 1—2020]\n")})
    assert not [p for p in corpus.problems if p.rule == "replaces-newer"], found(corpus)


def test_a_published_standard_may_not_replace_a_draft(tmp_path):
    new = NEW.replace("---\n", "---\nreplaces: [GB/T 1—2027]\n", 1)
    corpus = corpus_of(tmp_path, {"gb-t-1-2020.md": new,
                                  "gb-t-1-2027.md": DRAFT.replace("{replaces}", "")})
    newer = [p for p in corpus.problems if p.rule == "replaces-newer"]
    assert [(Path(p.path).name, p.line) for p in newer] == [("gb-t-1-2020.md", 2)]
    assert "尚未发布" in newer[0].message


def test_a_cycle_is_reported_once_as_a_cycle(tmp_path):
    old = OLD.replace("---\n", "---\nreplaces: [GB/T 1—2020]\n", 1)
    new = NEW.replace("---\n", "---\nreplaces: [GB/T 1—2010]\n", 1)
    corpus = corpus_of(tmp_path, {"gb-t-1-2010.md": old, "gb-t-1-2020.md": new})
    rules = {rule for _, _, rule in found(corpus)}
    assert "replaces-cycle" in rules and "replaces-newer" not in rules
