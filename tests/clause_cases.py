"""The shared clause cases (tests/data/clause_cases.json) and a site built from them.

Each case is the text of one standard that replaces an earlier edition with the same text, so
the build writes its page and its 条文对照 page. tests/test_clauses.py and
tests/browser/test_clauses_browser.py check every clause splitter against the cases.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from conftest import BuildResult, make_project, standard

DATA = Path(__file__).parent / "data" / "clause_cases.json"
CASES: list[dict] = json.loads(DATA.read_text(encoding="utf-8"))["cases"]
IDS = [case["name"] for case in CASES]


def slug(index: int, year: int = 2024) -> str:
    return f"sljg-{200 + index}-{year}"


def headings(case: dict, min_level: int = 1) -> list[list]:
    """[anchor, heading, level, line] of the case's headings of at least `min_level`."""
    return [c for c in case["clauses"] if c[2] >= min_level]


def anchors(case: dict) -> list[str]:
    """Every clause anchor, "" first when the text before the first heading is a clause."""
    return [c[0] for c in case["clauses"]]


def corpus() -> dict[str, str]:
    files = {}
    for i, case in enumerate(CASES):
        fields = {"domain": '"03.02"', "level": "单位内部标准", "body": case["body"]}
        files[f"{slug(i)}.md"] = standard(
            number=f"SLJG {200 + i}—2024", title=f"条款测试 {i}", issued="2024-01-01",
            effective="2024-03-01", replaces=f'["SLJG {200 + i}—2020"]', **fields)
        files[f"{slug(i, 2020)}.md"] = standard(
            number=f"SLJG {200 + i}—2020", title=f"条款测试 {i}", issued="2020-01-01",
            effective="2020-03-01", **fields)
    return files


def build_site(dest: Path) -> BuildResult:
    result = make_project(dest, corpus()).build()
    assert result.returncode == 0, result.output
    return result


def std_text(page_html: str) -> str:
    """The inner HTML of a standard page's text (div.std-text), without the site's 目次."""
    start = page_html.find('<div class="std-text">')
    if start < 0:
        return ""
    start += len('<div class="std-text">')
    depth, pos = 1, start
    for m in re.compile(r"<(/?)div\b").finditer(page_html, start):
        depth += -1 if m.group(1) else 1
        pos = m.start()
        if depth == 0:
            break
    return re.sub(r'<details class="std-toc".*?</details>', "", page_html[start:pos], flags=re.S)


class _Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[list[str]] = []
        self.depth = 0  # inside a heading
        self.skip = 0  # inside an element a script adds to a heading (permalink, feedback)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.found.append([attrs.get("id") or "", ""])
            self.depth = 1
        elif self.depth:
            classes = (attrs.get("class") or "").split()
            if self.skip or "headerlink" in classes or "lc-clause-feedback" in classes:
                self.skip += 1

    def handle_endtag(self, tag):
        if re.fullmatch(r"h[1-6]", tag):
            self.depth = self.skip = 0
        elif self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.found[-1][1] += data


def page_headings(text_html: str) -> list[list[str]]:
    """[id, text] of every heading in rendered HTML, text squashed as search.js does."""
    parser = _Headings()
    parser.feed(text_html)
    return [[i, " ".join(t.split())] for i, t in parser.found]
