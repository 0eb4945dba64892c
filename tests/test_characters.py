"""One character policy (issue 14): what every output can carry, checked once (char-forbidden).

The hostile files of tests/hostile/characters/ (each listed in its cases.yml with the rule and
line it must give) are loaded; every problem prints as one escaped line. `check` and the build
of a corpus holding all of them fail with those messages and no traceback, and even a corpus
that `check` refuses gives a well-formed feed.xml and a loadable workbook (defence in depth).
"""

from __future__ import annotations

import io
import json
import shutil
from datetime import date, datetime
from pathlib import Path
from xml.etree import ElementTree as ET

import openpyxl
import pytest
import yaml
from conftest import FRAMEWORK, standard

from hooks.check.characters import MAX_BODY_LINES
from hooks.check.problems import Problem, format_github, format_json, format_text
from hooks.corpus import load_corpus
from hooks.export.files import catalogue_xlsx, feed_xml
from hooks.model.characters import FORBIDDEN, escape, forbidden, xml_text
from hooks.pages.catalogue import Catalogue

HOSTILE = Path(__file__).parent / "hostile" / "characters"
CASES: dict[str, dict] = yaml.safe_load((HOSTILE / "cases.yml").read_text(encoding="utf-8"))
TODAY = date(2026, 11, 27)
STANDARD = "standards/gb-t-41568-2022.md"
FRAMEWORK_FILE = "standards/framework.yml"
REJECTED = sorted(name for name, case in CASES.items()
                  if not case.get("accept") and name.endswith(".md"))


def case_project(root: Path, name: str) -> str:
    """A project in `root` holding the hostile file `name`; returns its display path."""
    (root / "standards").mkdir(parents=True)
    if name.endswith(".framework.yml"):
        shutil.copy(HOSTILE / name, root / FRAMEWORK_FILE)
        (root / STANDARD).write_text(standard(), encoding="utf-8")
        return FRAMEWORK_FILE
    (root / FRAMEWORK_FILE).write_text(FRAMEWORK, encoding="utf-8")
    shutil.copy(HOSTILE / name, root / STANDARD)
    return STANDARD


def numbered(name: str, i: int) -> tuple[str, bytes]:
    """The hostile standard `name` renumbered GB/T <i>—2022, so that many share one corpus."""
    data = (HOSTILE / name).read_bytes()
    if b"number: GB/T 41568" in data:
        data = data.replace(b"number: GB/T 41568", f"number: GB/T {i}".encode(), 1)
    else:  # tab-in-number.md: "GB/T\t41568—2022"
        data = data.replace(b"41568", str(i).encode(), 1)
    return f"gb-t-{i}-2022.md", data


def printable(problem: Problem) -> None:
    """The problem prints in every format: encodable, one line, no character the policy forbids."""
    line = problem.text()
    line.encode("utf-8")  # a lone surrogate would raise here
    assert "\n" not in line and not FORBIDDEN.search(line), ascii(line)
    for output in (format_text([problem]), format_github([problem]), format_json([problem])):
        output.encode("utf-8", "backslashreplace")


def test_every_hostile_file_is_listed():
    files = {p.name for p in HOSTILE.iterdir()} - {"cases.yml"}
    assert files == set(CASES)
    assert len(CASES) >= 15


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_character_case(name, tmp_path):
    case = CASES[name]
    shown = case_project(tmp_path, name)
    corpus = load_corpus(tmp_path, today=TODAY)
    for problem in corpus.problems:
        printable(problem)
    if case.get("accept"):
        assert corpus.errors == [], format_text(corpus.errors)
        assert [s.path for s in corpus.standards] == [STANDARD]
        return
    found = [(p.path, p.line, p.rule) for p in corpus.problems]
    assert (shown, case["line"], case["rule"]) in found, found
    if case.get("alone"):
        assert found == [(shown, case["line"], case["rule"])]
    ours = [p for p in corpus.problems if p.rule == "char-forbidden"]
    assert all(p.message and p.hint and "U+" in p.message for p in ours)


def test_a_body_reports_at_most_its_limit_then_one_line_for_the_rest(tmp_path):
    case_project(tmp_path, "form-feeds-body.md")
    lines = [p for p in load_corpus(tmp_path, today=TODAY).problems if p.rule == "char-forbidden"]
    assert len(lines) == MAX_BODY_LINES + 1
    assert "另有 10 行" in lines[-1].message
    assert all("U+000C" in p.message for p in lines[:-1])


def test_the_policy_matches_what_xml_and_openpyxl_refuse():
    """Every character XML 1.0 or openpyxl refuses is forbidden; the allowed ones are carried."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    for value in [*range(0x00, 0x20), 0x7F, 0x85, 0x9F, 0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xFDD0,
                  0xFDEF, 0xFFFE, 0xFFFF, 0x1FFFE, 0x10FFFF]:
        char = chr(value)
        assert forbidden(char, single_line=True), hex(value)
        assert bool(forbidden(char)) == (char not in "\t\n"), hex(value)
    for char in "\t\n":
        assert ILLEGAL_CHARACTERS_RE.search(char) is None
    for text in ["机关事务", "\u202e\u200b\ufeff", "\ue000", "😀", "\U000E0001", "\u2028\u2029",
                 "\u00a0\u3000", "\ufffd", "\ufdcf\ufdf0"]:
        assert not forbidden(text), ascii(text)
        ET.fromstring(f"<a>{text}</a>".encode())
    for value in range(0x20):  # openpyxl's own list is inside ours
        if ILLEGAL_CHARACTERS_RE.search(chr(value)):
            assert forbidden(chr(value))


def test_replacing_and_escaping_give_well_formed_printable_text():
    nasty = "a\x00b\x1b[2J\ud800\udfff\ufffe\U0010ffff\x85\x0c\rc\t\n"
    safe = xml_text(nasty)
    ET.fromstring(f"<a>{safe}</a>".encode())
    assert safe.count("\ufffd") == 9 and safe.endswith("c\t\n")
    shown = escape(nasty)
    shown.encode("ascii")
    assert shown.startswith(r"a\u0000b\u001b[2J\ud800\udfff\ufffe\U0010ffff\u0085\u000c\u000dc")


def _all_rejected() -> dict[str, bytes]:
    """Every rejected hostile standard of the cases, each with its own number."""
    return dict(numbered(name, i) for i, name in enumerate(REJECTED, 1))


def test_check_prints_every_problem_as_one_escaped_line(project_factory):
    project = project_factory(_all_rejected())
    for fmt in ("text", "json", "github"):
        proc = project.check("--format", fmt)
        assert proc.returncode == 1, proc.stderr
        assert "Traceback" not in proc.stderr + proc.stdout
        assert "\x1b" not in proc.stdout and "\x00" not in proc.stdout
        if fmt == "json":
            rows = json.loads(proc.stdout)
            assert {r["rule"] for r in rows} >= {"char-forbidden"}
    out = project.check().stdout
    for i, name in enumerate(REJECTED, 1):
        assert f"standards/gb-t-{i}-2022.md:{CASES[name]['line']}: char-forbidden " in out, name
    assert "U+D800（不成对的代理码元）" in out and "U+FFFE（非字符）" in out


@pytest.mark.build
def test_build_refuses_forbidden_characters_without_a_traceback(project_factory):
    project = project_factory(_all_rejected())
    result = project.build()
    assert result.returncode != 0
    assert "Traceback" not in result.output and "Logging error" not in result.output
    assert result.output.count(": char-forbidden ") >= len(REJECTED)
    assert "U+0000（空字符 NUL）" in result.output
    assert not result.site.exists()


def test_a_file_name_that_is_not_utf8_prints(project_factory):
    project = project_factory({"gb-t-1-2022.md": standard(number="GB/T 1—2022")})
    (project.root / "standards").joinpath(b"gb-t-1-2022\xff.md".decode("utf-8", "surrogateescape")) \
        .write_text(standard(number="GB/T 2—2022"), encoding="utf-8")
    proc = project.check()
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert r"standards/gb-t-1-2022\udcff.md:" in proc.stdout


def test_feed_and_workbook_stay_valid_even_for_a_corpus_check_refuses(tmp_path):
    """Defence in depth: writers never fail on what `check` refuses (and the build never runs)."""
    (tmp_path / "standards").mkdir()
    (tmp_path / FRAMEWORK_FILE).write_text(
        FRAMEWORK + '- code: "09"\n  name: "坏\\x1b名\\ud800"\n', encoding="utf-8")
    (tmp_path / "standards/gb-t-1-2022.md").write_text(standard(
        number="GB/T 1—2022", domain='"09"', title='"标题\\0\\ud800\\uFFFE\\x0c尾"',
        summary='"摘要\\x1b[2J\\udfff"', keywords='["\\x01"]'), encoding="utf-8")
    corpus = load_corpus(tmp_path, today=TODAY)
    assert {p.rule for p in corpus.errors} == {"char-forbidden"}
    assert len(corpus.standards) == 1  # the check does not block; the build stops on the error
    cat = Catalogue(corpus)
    feed = feed_xml(cat, "https://example.org/")
    root = ET.fromstring(feed)
    titles = [e.text for e in root.iter("{http://www.w3.org/2005/Atom}title")]
    assert "GB/T 1—2022 标题\ufffd\ufffd\ufffd\ufffd尾（现行）" in titles
    book = openpyxl.load_workbook(io.BytesIO(catalogue_xlsx(cat, datetime(2026, 11, 27))))
    cells = [c.value for ws in book for row in ws.iter_rows() for c in row]
    assert "标题\ufffd\ufffd\ufffd\ufffd尾" in cells


@pytest.mark.build
def test_accepted_unicode_builds_and_its_feed_parses(project_factory):
    name, data = "gb-t-41568-2022.md", (HOSTILE / "accepted-unicode.md").read_bytes()
    result = project_factory({name: data}).build()
    assert result.returncode == 0, result.output
    ET.fromstring((result.site / "feed.xml").read_bytes())
    openpyxl.load_workbook(result.site / "catalogue.xlsx")
    json.loads((result.site / "catalogue.json").read_text(encoding="utf-8"))
    assert "😀" in result.page("standards/gb-t-41568-2022/")
