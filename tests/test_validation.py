"""Every foundation validation rule, on a fixture corpus, with its exact rule id and line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import FRAMEWORK, standard

from hooks.corpus import load_corpus

TODAY = date(2026, 11, 27)


def corpus_of(tmp_path: Path, files: dict[str, str | bytes], framework: str | None = FRAMEWORK):
    (tmp_path / "standards").mkdir(exist_ok=True)
    if framework is not None:
        (tmp_path / "standards" / "framework.yml").write_text(framework, encoding="utf-8")
    for name, text in files.items():
        path = tmp_path / "standards" / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return load_corpus(tmp_path, today=TODAY)


def rules(corpus) -> list[tuple[str, int, str]]:
    return [(p.path.split("/")[-1], p.line, p.rule) for p in corpus.problems]


GOOD = standard(number="GB/T 1—2020", issued="2024-01-01", effective="2024-07-01")

BAD_CASES = [
    ("empty", {"gb-t-1-2020.md": b""}, ("gb-t-1-2020.md", 1, "file-empty")),
    ("gbk", {"gb-t-1-2020.md": GOOD.replace("GB/T 1—2020", "GB/T 1-2020").encode("gbk")},
     ("gb-t-1-2020.md", 3, "file-encoding")),
    ("no front-matter", {"gb-t-1-2020.md": "# 标题\n"}, ("gb-t-1-2020.md", 1, "frontmatter-missing")),
    ("unclosed", {"gb-t-1-2020.md": "---\nnumber: GB/T 1—2020\n"},
     ("gb-t-1-2020.md", 1, "frontmatter-missing")),
    ("list", {"gb-t-1-2020.md": "---\n- a\n- b\n---\n"},
     ("gb-t-1-2020.md", 2, "frontmatter-not-mapping")),
    ("yaml", {"gb-t-1-2020.md": "---\nnumber: GB/T 1—2020\ntitle: [未闭合\n---\n"},
     ("gb-t-1-2020.md", 3, "yaml-syntax")),
    ("dup key", {"gb-t-1-2020.md": GOOD.replace("title:", "title: 甲\ntitle:")},
     ("gb-t-1-2020.md", 4, "yaml-duplicate-key")),
    ("unknown", {"gb-t-1-2020.md": GOOD.replace("---\n", "---\nisued: 2020-01-01\n", 1)},
     ("gb-t-1-2020.md", 2, "field-unknown")),
    ("required", {"gb-t-1-2020.md": GOOD.replace('domain: "01.01"\n', "")},
     ("gb-t-1-2020.md", 1, "field-required")),
    ("type", {"gb-t-1-2020.md": GOOD.replace("---\n", "---\nkeywords: {a: b}\n", 1)},
     ("gb-t-1-2020.md", 2, "field-type")),
    ("empty title", {"gb-t-1-2020.md": GOOD.replace("title: 机关事务管理 术语", 'title: ""')},
     ("gb-t-1-2020.md", 3, "field-length")),
    ("date format", {"gb-t-1-2020.md": GOOD.replace("issued: 2024-01-01", "issued: 2020/1/1")},
     ("gb-t-1-2020.md", 5, "date-format")),
    ("no such day", {"gb-t-1-2020.md": GOOD.replace("issued: 2024-01-01", "issued: 2019-02-29")},
     ("gb-t-1-2020.md", 5, "date-format")),
    ("date order", {"gb-t-1-2020.md": GOOD.replace("effective: 2024-07-01", "effective: 2023-12-31")},
     ("gb-t-1-2020.md", 6, "date-order")),
    ("abolished order", {"gb-t-1-2020.md": GOOD.replace("---\n", "---\nabolished: 2024-06-30\n", 1)},
     ("gb-t-1-2020.md", 2, "date-order")),
    ("number", {"gb-t-1-2020.md": GOOD.replace("GB/T 1—2020", "GB/T 1")},
     ("gb-t-1-2020.md", 2, "number-format")),
    ("region", {"db99-t-1-2020.md": GOOD.replace("GB/T 1—2020", "DB99/T 1—2020")},
     ("db99-t-1-2020.md", 2, "number-region")),
    ("file name", {"other.md": GOOD}, ("other.md", 2, "file-name")),
    ("level required", {"sljg-1-2020.md": GOOD.replace("GB/T 1—2020", "SLJG 1—2020")},
     ("sljg-1-2020.md", 2, "level-required")),
    ("level mismatch", {"gb-t-1-2020.md": GOOD.replace("---\n", "---\nlevel: 地方标准\n", 1)},
     ("gb-t-1-2020.md", 2, "level-mismatch")),
    ("level value", {"gb-t-1-2020.md": GOOD.replace("---\n", "---\nlevel: 省标\n", 1)},
     ("gb-t-1-2020.md", 2, "level-value")),
    ("domain", {"gb-t-1-2020.md": GOOD.replace('domain: "01.01"', "domain: 不存在")},
     ("gb-t-1-2020.md", 4, "domain-unknown")),
    ("ics", {"gb-t-1-2020.md": GOOD.replace("---\n", "---\nics: 3.08\n", 1)},
     ("gb-t-1-2020.md", 2, "ics-format")),
    ("ccs", {"gb-t-1-2020.md": GOOD.replace("---\n", "---\nccs: A-12\n", 1)},
     ("gb-t-1-2020.md", 2, "ccs-format")),
    ("source", {"gb-t-1-2020.md": GOOD.replace("---\n", "---\nsource: javascript:alert(1)\n", 1)},
     ("gb-t-1-2020.md", 2, "source-url")),
    ("replaces unknown", {"gb-t-1-2020.md": GOOD.replace("---\n", "---\nreplaces: [GB/T 1—2010]\n", 1)},
     ("gb-t-1-2020.md", 2, "replaces-unknown")),
    ("replaces self", {"gb-t-1-2020.md": GOOD.replace("---\n", "---\nreplaces: [GB/T 1-2020]\n", 1)},
     ("gb-t-1-2020.md", 2, "replaces-self")),
]


@pytest.mark.parametrize("files, expected",
                         [(f, e) for _, f, e in BAD_CASES if e is not None],
                         ids=[n for n, _, e in BAD_CASES if e is not None])
def test_each_bad_input_reports_its_rule_on_its_line(tmp_path, files, expected):
    corpus = corpus_of(tmp_path, files)
    assert expected in rules(corpus), rules(corpus)
    assert all(p.is_error for p in corpus.problems if p.rule == expected[2])


def test_good_file_has_no_problem(tmp_path):
    corpus = corpus_of(tmp_path, {"gb-t-1-2020.md": GOOD})
    assert corpus.problems == []
    std = corpus.standards[0]
    assert (std.code, std.level, std.status) == ("GB/T 1—2020", "国家标准", "现行")


def test_bom_and_crlf_are_tolerated(tmp_path):
    text = "\ufeff" + GOOD.replace("\n", "\r\n")
    corpus = corpus_of(tmp_path, {"gb-t-1-2020.md": text.encode("utf-8")})
    assert corpus.problems == []


def test_values_are_read_as_written(tmp_path):
    text = standard(number="GB/T 1—2020", domain="01.01", issued="'2024-01-01'",
                    effective="2024-01-01", ics="03.080")
    framework = '- code: "01.01"\n  name: 术语\n'
    corpus = corpus_of(tmp_path, {"gb-t-1-2020.md": text}, framework)
    assert corpus.problems == []
    std = corpus.standards[0]
    assert std.domain.code == "01.01" and std.ics == "03.080"
    assert std.issued == date(2024, 1, 1)


def test_domain_by_name(tmp_path):
    corpus = corpus_of(tmp_path, {"gb-t-1-2020.md": GOOD.replace('domain: "01.01"', "domain: 公务用车")})
    assert corpus.problems == [] and corpus.standards[0].domain.code == "03.02"


def test_every_problem_of_every_file_in_one_run(tmp_path):
    corpus = corpus_of(tmp_path, {
        "gb-t-1-2020.md": GOOD.replace("issued: 2024-01-01", "issued: 2020/1/1")
                              .replace("---\n", "---\nccs: 12\n", 1),
        "gb-t-2-2020.md": b"\xb1\xea\xd7\xbc",
        "gb-t-3-2020.md": "---\n: [\n---\n",
    })
    found = {(name, rule) for name, _, rule in rules(corpus)}
    assert {("gb-t-1-2020.md", "date-format"), ("gb-t-1-2020.md", "ccs-format"),
            ("gb-t-2-2020.md", "file-encoding"), ("gb-t-3-2020.md", "yaml-syntax")} <= found


def test_duplicate_numbers_in_any_spelling(tmp_path):
    a = GOOD
    b = GOOD.replace("GB/T 1—2020", "ＧＢ／Ｔ　１－２０２０")
    corpus = corpus_of(tmp_path, {"gb-t-1-2020.md": a, "copy.md": b})
    found = rules(corpus)
    assert ("gb-t-1-2020.md", 2, "number-duplicate") in found or \
           ("copy.md", 2, "number-duplicate") in found


def test_replacement_cycle(tmp_path):
    a = standard(number="GB/T 1—2020", replaces="[GB/T 1—2010]")
    b = standard(number="GB/T 1—2010", issued="2010-01-01", effective="2010-01-01",
                 replaces="[GB/T 1—2020]")
    corpus = corpus_of(tmp_path, {"gb-t-1-2020.md": a, "gb-t-1-2010.md": b})
    assert [r for r in rules(corpus) if r[2] == "replaces-cycle"]


def test_framework_problems(tmp_path):
    framework = '- code: "01"\n  name: 甲\n- code: "01"\n  name: 乙\n- 丙\n'
    corpus = corpus_of(tmp_path, {}, framework)
    found = {(rule, line) for _, line, rule in rules(corpus)}
    assert ("framework-duplicate", 3) in found
    assert ("framework-invalid", 5) in found


def test_missing_framework(tmp_path):
    corpus = corpus_of(tmp_path, {"gb-t-1-2020.md": GOOD}, framework=None)
    assert ("framework.yml", 1, "framework-invalid") in rules(corpus)


def test_problem_text_format(tmp_path):
    corpus = corpus_of(tmp_path, {"gb-t-1-2020.md": GOOD.replace("issued: 2024-01-01",
                                                                  "issued: 2020/1/1")})
    line = corpus.problems[0].text()
    assert line.startswith("standards/gb-t-1-2020.md:5: date-format ")
    assert line.endswith(")")
