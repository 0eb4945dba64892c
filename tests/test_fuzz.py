"""Property-based fuzzing (Hypothesis) of the checker and the build with hostile front-matter and
bodies: never a traceback, never over the time budget, every output parses, and every standard
that `check` accepts has its page.

Fixed seed (`derandomize=True`) and a bounded number of examples: about a minute in CI.
"""

from __future__ import annotations

import io
import json
import shutil
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import openpyxl
import pytest
from conftest import make_project, standard
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hooks.corpus import load_corpus

pytestmark = pytest.mark.build

CHECK_BUDGET_S = 10.0  # one small corpus, checked in-process
FIELDS = ("title", "title_en", "summary", "domain", "issued", "number", "keywords", "issuer")

# Text across every Unicode category, surrogates and noncharacters included.
ANY_CHAR = st.characters(codec=None, categories=None)
YAML_BITS = st.sampled_from([
    "&a ", "*a", "!foo ", "!!python/object:os.system ", "!!int ", "[", "]", "{", "}", "|", ">",
    "---", "? ", ": ", "- ", "'", '"', "#", "\t", "\n", "\r\n", "\x85", "\u2028", "\x00", "%",
    "<<: *a", "~", "null", "2022-02-30", "9999-12-31", "٣٣٠١", "::error ::x", "::add-mask::",
])
VALUES = st.lists(st.one_of(st.text(ANY_CHAR, max_size=12), YAML_BITS), max_size=6).map("".join)
BODY_BITS = st.sampled_from([
    "## 5 管理要求\n", "### 5.1 车辆\n", "## 附录 A（资料性）示例\n", "- ", "  - ", "> ", "1. ",
    "```\n", "~~~\n", "<div>", "</div>", "<table>", "</td>", "<script>alert(1)</script>",
    '<a href="javascript:alert(1)">x</a>', "[", "](", "*", "_", "`", "|a|b|\n|-|-|\n", "\n\n",
    "{#x}", "<!--", "-->", "<details>", "&#0;", "\x00", "\ud800", "\ufffe", "正文内容。",
])
BODIES = st.lists(st.one_of(BODY_BITS, st.text(ANY_CHAR, max_size=8)), max_size=40).map("".join)
NUMBERS = [f"DB3301/T {n}—2024" for n in range(1001, 1009)]


def _file(i: int, field: str | None, value: str, body: str) -> tuple[str, str]:
    """A standard file; `field` (if any) holds the hostile value, the rest is valid."""
    number = NUMBERS[i]
    fields: dict[str, object] = {"number": number, "title": f"示例标准{i}"}
    if field is not None:
        fields[field] = value
    text = standard(**fields, body=body) if field != "number" else standard(number=value, body=body)
    slug = number.lower().replace("/", "-").replace(" ", "-").replace("—", "-")
    return f"{slug}.md", text


@st.composite
def corpora(draw) -> dict[str, str]:
    files = {}
    for i in range(draw(st.integers(1, 4))):
        field = draw(st.one_of(st.none(), st.sampled_from(FIELDS)))
        name, text = _file(i, field, draw(VALUES), draw(BODIES))
        files[name] = text
    return files


def _write(root: Path, files: dict[str, str]) -> None:
    standards = root / "standards"
    for old in standards.glob("*.md"):
        old.unlink()
    for name, text in files.items():
        # surrogates cannot be encoded: write what an editor's tool would (replacement bytes)
        (standards / name).write_bytes(text.encode("utf-8", "surrogatepass"))


@pytest.fixture(scope="module")
def fuzz_project(tmp_path_factory):
    return make_project(tmp_path_factory.mktemp("fuzz") / "project", {})


@settings(max_examples=120, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(files=corpora())
def test_check_never_crashes_and_stays_in_budget(fuzz_project, files):
    _write(fuzz_project.root, files)
    start = time.perf_counter()
    corpus = load_corpus(fuzz_project.root)  # any exception fails the property
    assert time.perf_counter() - start < CHECK_BUDGET_S
    for problem in corpus.problems:  # every problem prints as one line
        line = problem.text()
        line.encode("utf-8")
        assert "\n" not in line and not line.startswith("::")


@settings(max_examples=4, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(files=corpora())
def test_build_publishes_every_accepted_standard_and_outputs_parse(fuzz_project, files):
    _write(fuzz_project.root, files)
    corpus = load_corpus(fuzz_project.root)
    site = fuzz_project.root / "site"
    shutil.rmtree(site, ignore_errors=True)
    result = fuzz_project.build(site=site, strict=False)
    assert "Traceback" not in result.output, result.output[-2000:]
    if corpus.errors:
        assert result.returncode != 0
        return
    assert result.returncode == 0, result.output[-2000:]
    for std in corpus.standards:
        assert (site / "standards" / std.slug / "index.html").is_file()
    records = json.loads((site / "catalogue.json").read_text(encoding="utf-8"))
    assert len(json.dumps(records)) > 2
    ET.parse(site / "feed.xml")
    openpyxl.load_workbook(io.BytesIO((site / "catalogue.xlsx").read_bytes()))
