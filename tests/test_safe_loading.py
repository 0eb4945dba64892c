"""Safe loading (issue 14): the YAML subset, size limits, the front-matter fence, line numbers.

The hostile files of tests/hostile/loading/ (each listed in its cases.yml with the rule and line
it must give) are loaded with libyaml and without it; both give the same problems, never a
traceback. The three routes of hooks.load.safe_yaml are compared on generated YAML.
"""

from __future__ import annotations

import random
import shutil
import time
import tracemalloc
from datetime import date
from pathlib import Path

import pytest
import yaml
from conftest import FRAMEWORK, make_project, standard

from hooks.corpus import load_corpus
from hooks.load import frontmatter, safe_yaml
from hooks.load.framework import load_framework
from hooks.load.frontmatter import MAX_FILE_BYTES, MAX_YAML_CHARS, parse_source, read_limited
from hooks.load.safe_yaml import MAX_DEPTH, Refused, compose

HOSTILE = Path(__file__).parent / "hostile" / "loading"
CASES: dict[str, dict] = yaml.safe_load((HOSTILE / "cases.yml").read_text(encoding="utf-8"))
TODAY = date(2026, 11, 27)
STANDARD = "standards/gb-t-41568-2022.md"
FRAMEWORK_FILE = "standards/framework.yml"
LIBYAML = safe_yaml._FastLoader is not None


def case_project(root: Path, name: str) -> tuple[Path, str]:
    """A project holding the hostile file `name`; returns the root and the file's display path."""
    (root / "standards").mkdir(parents=True)
    if name.endswith(".framework.yml"):
        shutil.copy(HOSTILE / name, root / FRAMEWORK_FILE)
        (root / STANDARD).write_text(standard(), encoding="utf-8")
        return root, FRAMEWORK_FILE
    (root / FRAMEWORK_FILE).write_text(FRAMEWORK, encoding="utf-8")
    shutil.copy(HOSTILE / name, root / STANDARD)
    return root, STANDARD


def load(root: Path, *, libyaml: bool, monkeypatch: pytest.MonkeyPatch):
    with monkeypatch.context() as patch:
        if not libyaml:
            patch.setattr(safe_yaml, "_FastLoader", None)
        return load_corpus(root, today=TODAY)


def test_every_hostile_file_is_listed():
    files = {p.name for p in HOSTILE.iterdir()} - {"cases.yml"}
    assert files == set(CASES)
    assert len(CASES) >= 30


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_loading_case(name, tmp_path, monkeypatch):
    case = CASES[name]
    root, shown = case_project(tmp_path, name)
    started = time.perf_counter()
    corpus = load(root, libyaml=True, monkeypatch=monkeypatch)
    assert time.perf_counter() - started < 10
    pure = load(root, libyaml=False, monkeypatch=monkeypatch)
    assert [p.text() for p in corpus.problems] == [p.text() for p in pure.problems]
    found = [(p.path, p.line, p.rule) for p in corpus.problems]
    if case.get("accept"):
        assert not found
        assert [s.path for s in corpus.standards] == [STANDARD]
        return
    assert (shown, case["line"], case["rule"]) in found, found
    if case.get("alone"):
        assert found == [(shown, case["line"], case["rule"])]
    assert all(p.message and p.hint for p in corpus.problems if p.rule == case["rule"])


def test_indented_fence_in_a_block_scalar_ends_nothing(tmp_path):
    root, _ = case_project(tmp_path, "fence-indented.md")
    corpus = load_corpus(root, today=TODAY)
    [std] = corpus.standards
    assert "010-12345678" in std.proposer  # the field after the block scalar is a field …
    assert "010-12345678" not in std.body  # … and not text of the public page
    assert std.summary == "本文件规定了机关事务管理的术语。\n---\n以上为摘要。"
    assert std.body.strip() == ""


def test_a_fence_is_three_dashes_at_column_zero():
    meta = 'number: GB/T 1—2020\n'
    for text, fenced in [(f"---\n{meta}---\n正文\n", True), (f"--- \n{meta}---\t\n正文\n", True),
                         (f" ---\n{meta}---\n正文\n", False), (f"---\n{meta} ---\n正文\n", False),
                         (f"---\n{meta}----\n正文\n", False), (f"---\n{meta}--- x\n正文\n", False)]:
        problems = []
        source = parse_source(text, "x.md", problems)
        assert (source is not None) == fenced, text
        if fenced:
            assert source.body == "正文\n" and source.body_line == 4
        else:
            assert [p.rule for p in problems] == ["frontmatter-missing"]


@pytest.mark.parametrize("brk", ["\u0085", "\u2028", "\u2029"])
def test_line_breaks_other_than_newline_do_not_shift_lines(brk):
    text = (f'---\ntitle: "机关{brk}事务"\nsummary: \'一{brk}二\'\nkeywords:\n  - "甲{brk}"\n  - 乙\n'
            f"number: GB/T 1—2020\n---\n正文{brk}第一行\n")
    problems = []
    source = parse_source(text, "x.md", problems)
    assert problems == []
    assert source.key_lines == {"title": 2, "summary": 3, "keywords": 4, "number": 7}
    assert source.item_lines["keywords"] == [5, 6]
    assert source.body_line == 9
    broken = text.replace("number: GB/T 1—2020", "number: [GB/T 1—2020")
    problems = []
    assert parse_source(broken, "x.md", problems) is None
    assert [(p.rule, p.line) for p in problems] == [("yaml-syntax", 7)]


def test_billion_laughs_costs_nothing(tmp_path):
    for name in ("billion-laughs.md", "fw-billion-laughs.framework.yml"):
        root, _ = case_project(tmp_path / name, name)
        tracemalloc.start()
        started = time.perf_counter()
        corpus = load_corpus(root, today=TODAY)
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert [p.rule for p in corpus.problems] == ["yaml-alias"]
        assert elapsed < 5 and peak < 20 * 2**20, (elapsed, peak)


@pytest.mark.parametrize("shape", ["flow", "block", "mapping"])
def test_depth_limit_is_exact(shape, monkeypatch):
    def nested(levels: int) -> str:  # `levels` collections, the outermost included
        if shape == "flow":
            return "[" * levels + "x" + "]" * levels
        if shape == "block":
            return "".join("  " * i + "-\n" for i in range(levels - 1)) + "  " * (levels - 1) + "- x\n"
        return "".join("  " * i + f"k{i}:\n" for i in range(levels - 1)) + "  " * (levels - 1) + "k: x\n"

    for libyaml in (True, False):
        with monkeypatch.context() as patch:
            if not libyaml:
                patch.setattr(safe_yaml, "_FastLoader", None)
            assert compose(nested(MAX_DEPTH)) is not None
            with pytest.raises(Refused) as refused:
                compose(nested(MAX_DEPTH + 1))
            assert refused.value.rule == "yaml-depth"


def test_size_limits(tmp_path):
    path = tmp_path / "f.md"
    path.write_bytes(b"a" * MAX_FILE_BYTES)
    problems = []
    assert read_limited(path, "f.md", problems) is not None and problems == []
    path.write_bytes(b"a" * (MAX_FILE_BYTES + 1))
    assert read_limited(path, "f.md", problems) is None
    assert [(p.rule, p.line) for p in problems] == [("file-too-large", 1)]

    def front(chars: int) -> str:  # a front-matter whose YAML is `chars` characters long
        head = "number: GB/T 1—2020\nsummary: "
        return "---\n" + head + "长" * (chars - len(head)) + "\n---\n"

    problems = []
    assert parse_source(front(MAX_YAML_CHARS), "x.md", problems) is not None and problems == []
    assert parse_source(front(MAX_YAML_CHARS + 1), "x.md", problems) is None
    assert [(p.rule, p.line) for p in problems] == [("file-too-large", 2)]


def test_size_limits_apply_to_framework_yml(tmp_path):
    path = tmp_path / "framework.yml"
    for text in ['- code: "01"\n  name: ' + "长" * MAX_YAML_CHARS + "\n",
                 "# " + "长" * MAX_FILE_BYTES + "\n"]:
        path.write_text(text, encoding="utf-8")
        problems = []
        framework = load_framework(path, "framework.yml", problems)
        assert framework.roots == []
        assert [(p.rule, p.line) for p in problems] == [("file-too-large", 1)]


def test_framework_lines_and_values():
    text = ('# 体系\n- code: "01"\n  name: 通用基础\n  description: "基础\u0085通用\u2028"\n'
            '  children:\n    - code: "01.01"\n      name: 术语\n      description:\n')
    framework, problems = _framework(text)
    assert problems == []
    [top] = framework.roots
    assert (top.line, top.children[0].line) == (2, 6)
    assert top.children[0].description == ""


def _framework(text: str):
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "framework.yml"
        path.write_text(text, encoding="utf-8")
        problems = []
        return load_framework(path, "framework.yml", problems), problems


# --- the three routes of safe_yaml agree ------------------------------------------------------

PIECES = ["a", "'q'", '"d\\x41"', "甲乙", "R&D", "x*y", "hi!", "~", "", "01", "2022-02-30",
          "&a v", "*a", "!foo v", "!!int 十二", "!!str s", "! s", "[a, b]", "{k: v}", "[]",
          "[[[x]]]", "{[a]: b}", "? [a]\n: b", "&b [*b]", "[a, [b, [c, [d]]]]", '"l\u0085m"',
          "|\n  ---\n  t", "[unclosed", "{k: v", "- a\n- - b", "k: v: w", "\t", "%"]


def _outcome(run) -> tuple:
    try:
        return ("ok", _shape(run()))
    except Refused as exc:
        return ("refused", exc.rule, exc.index)
    except yaml.YAMLError:
        return ("error",)


def _shape(node):
    """A node tree as values and start offsets (not of empty scalars: libyaml places those
    elsewhere on the line than PyYAML, and no line is ever reported for them)."""
    if node is None:
        return None
    if isinstance(node, yaml.ScalarNode):
        return (node.tag, node.value, node.start_mark.index if node.value else None)
    if isinstance(node, yaml.SequenceNode):
        return ("seq", node.start_mark.index, tuple(_shape(n) for n in node.value))
    return ("map", node.start_mark.index, tuple((_shape(k), _shape(v)) for k, v in node.value))


def _generated(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        lines = []
        for i in range(rng.randint(1, 4)):
            value = rng.choice(PIECES)
            for _ in range(rng.randint(0, 2)):
                value = rng.choice(["[{}]", "{{k: {}}}", "[x, {}]"]).format(value.replace("\n", " "))
            lines.append(f"k{i}: {value}" if rng.random() < 0.8 else f"- {value}")
        texts.append("\n".join(lines) + "\n")
    texts.append("k: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n")
    return texts


@pytest.mark.skipif(not LIBYAML, reason="libyaml is not installed")
@pytest.mark.parametrize("seed", range(4))
def test_routes_agree_on_generated_yaml(seed, monkeypatch):
    fast = safe_yaml._FastLoader
    for text in _generated(seed, 150):
        with_c = _outcome(lambda t=text: compose(t))  # anything but a YAMLError fails the test
        with monkeypatch.context() as patch:
            patch.setattr(safe_yaml, "_FastLoader", None)
            pure = _outcome(lambda t=text: compose(t))
        if "\t" not in text:  # the parsers' one difference: libyaml allows tabs inside a line
            assert with_c == pure, text
        # The events route on every text, the direct route where it is taken: where either does
        # not stop at a YAML error (then the pure route answers), it agrees with compose().
        events = _outcome(lambda t=text: (safe_yaml._check_events(yaml.parse(t, Loader=fast)),
                                          yaml.compose(t, Loader=fast))[1])
        assert events in (with_c, ("error",)), text
        if safe_yaml._direct(text):
            direct = _outcome(lambda t=text: _checked(yaml.compose(t, Loader=fast)))
            assert direct in (with_c, ("error",)), text


def _checked(node):
    safe_yaml._check_nodes(node)
    return node


def test_direct_route_is_only_taken_without_anchor_alias_or_tag():
    for text in ("a: &x 1", "a: *x", "a: !t 1", "a: !!int 1", "a: !<tag:x> 1"):
        assert not safe_yaml._direct(text)
    assert safe_yaml._direct("title: 机关事务管理 术语\nkeywords: [a, b]\n")
    assert not safe_yaml._direct("k: " + "[" * (safe_yaml.DIRECT_MAX_INDICATORS + 1))


def test_shipped_corpus_loads_the_same_with_and_without_libyaml(monkeypatch):
    root = Path(__file__).resolve().parent.parent
    with_c = load_corpus(root, today=TODAY)
    pure = load(root, libyaml=False, monkeypatch=monkeypatch)
    assert [p.text() for p in with_c.problems] == [p.text() for p in pure.problems]
    assert [(s.path, s.title, s.lines) for s in with_c.standards] == \
        [(s.path, s.title, s.lines) for s in pure.standards]
    assert len(with_c.standards) > 10


# --- the commands: one line per problem, never a traceback -------------------------------------


def test_check_reports_every_hostile_standard_without_traceback(tmp_path):
    standards = {f"{Path(name).stem}.md": (HOSTILE / name).read_bytes()
                 for name in CASES if name.endswith(".md")}
    project = make_project(tmp_path / "p", standards=standards)
    proc = project.check()
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output
    assert "Traceback" not in output
    for name, case in CASES.items():
        if name.endswith(".md") and not case.get("accept"):
            assert f"standards/{Path(name).stem}.md:{case['line']}: {case['rule']} " in output, name


@pytest.mark.parametrize("name", ["fw-empty-list.framework.yml", "fw-billion-laughs.framework.yml",
                                  "fw-mapping-key.framework.yml"])
def test_check_fails_on_a_hostile_framework(name, tmp_path):
    project = make_project(tmp_path / "p", standards={"gb-t-41568-2022.md": standard()},
                           framework=(HOSTILE / name).read_text(encoding="utf-8"))
    proc = project.check()
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1 and "Traceback" not in output, output
    assert f"standards/framework.yml:{CASES[name]['line']}: {CASES[name]['rule']} " in output
    assert "检查未通过" in output


@pytest.mark.build
def test_build_stops_on_hostile_yaml_and_keeps_no_empty_site(tmp_path):
    project = make_project(tmp_path / "p", standards={
        "gb-t-41568-2022.md": standard(),
        "gb-t-1-2020.md": (HOSTILE / "billion-laughs.md").read_text(encoding="utf-8"),
    }, framework=(HOSTILE / "fw-comments-only.framework.yml").read_text(encoding="utf-8"))
    started = time.perf_counter()
    result = project.build()
    assert result.returncode != 0
    assert time.perf_counter() - started < 120
    assert "Traceback" not in result.output
    assert "yaml-alias" in result.output
    assert not (result.site / "catalogue.json").exists()


def test_loader_module_names_its_limits_in_the_guide():
    guide = (Path(__file__).resolve().parent.parent / "docs" / "guide" / "fields.md").read_text(
        encoding="utf-8")
    section = guide.split("## YAML 的写法限制", 1)[1]
    assert frontmatter.MAX_FILE_LABEL in section
    assert frontmatter.MAX_YAML_LABEL in section
    assert f"{MAX_DEPTH} 层" in section
