"""Hostile metadata and text: the build escapes or rejects all of it (browser side: browser/)."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hostile_corpus import ACCEPTED, PWN, REJECTED, many_clauses_standard

from hooks.cli.linkcheck import check_page

pytestmark = pytest.mark.build

DANGEROUS_TAGS = {"iframe", "object", "embed", "frame", "frameset", "base", "meta"}
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcdoc"}


class _Audit(HTMLParser):
    """Collects everything in a page that could run the hostile payloads."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[str] = []
        self.in_script = False
        self.in_style = False
        self.in_head = True

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.in_head = False
        if tag in DANGEROUS_TAGS and not (self.in_head and tag in {"meta", "base"}):
            self.findings.append(f"<{tag}> element")
        for name, value in attrs:
            value = value or ""
            compact = re.sub(r"[\x00-\x20]+", "", value).lower()
            if name.startswith("on"):
                self.findings.append(f"<{tag} {name}=…> handler")
            if name in URL_ATTRS and (compact.startswith(("javascript:", "vbscript:"))
                                      or compact.startswith("data:text/html")):
                self.findings.append(f"<{tag} {name}={value!r}>")
            if name == "style" and "position:fixed" in compact:
                self.findings.append(f"<{tag} style={value!r}>")
            if name == "id" and value == "__config" and tag != "script":
                self.findings.append("element clobbering #__config")
        self.in_script = tag == "script"
        self.in_style = tag == "style"

    def handle_endtag(self, tag):
        self.in_script = self.in_style = False

    def handle_data(self, data):
        if self.in_script and "__pwned" in data:
            # JSON inside <script type="application/json"> is fine only if it cannot close the tag.
            self.findings.append(f"payload inside <script>: {data.strip()[:80]!r}")
        if self.in_style and "display:none" in data.replace(" ", ""):
            self.findings.append("hostile <style>")


def audit(html: str) -> list[str]:
    parser = _Audit()
    parser.feed(html)
    parser.close()
    return parser.findings


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    from conftest import make_project

    project = make_project(tmp_path_factory.mktemp("hostile"), standards=ACCEPTED)
    result = project.build()
    assert result.returncode == 0, result.output
    return result


def test_hostile_corpus_builds_and_every_page_is_inert(hostile_build):
    pages = sorted(hostile_build.site.rglob("*.html"))
    assert len(pages) > 10
    findings = {p.relative_to(hostile_build.site).as_posix(): audit(p.read_text("utf-8"))
                for p in pages}
    assert not {k: v for k, v in findings.items() if v}


@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_hostile_standard_page_shows_payloads_as_text(hostile_build, name):
    html = hostile_build.page(f"standards/{Path(name).stem}/")
    assert not audit(html)
    body = html.split("<body", 1)[1]
    assert "<script>window.__pwned" not in body
    assert "<img src=x onerror" not in body
    assert 'onerror="' not in body


def test_hostile_title_is_escaped_in_head_and_text(hostile_build):
    html = hostile_build.page("standards/gb-t-1-2020/")
    head = html.split("</head>", 1)[0]
    assert "<script>window.__pwned" not in head
    assert f"&lt;script&gt;{PWN}&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=" in html  # a keyword, shown as text


def test_hostile_text_is_neutralised(hostile_build):
    html = hostile_build.page("standards/gb-t-6-2020/")
    text = html.split('class="std-text"', 1)[1]
    assert "&lt;script&gt;" in text            # raw <script> shown as text
    assert "&lt;iframe" in text and "&lt;form" in text and "&lt;svg&gt;" in text
    assert not re.search(r'(href|src|action)="[^"]*script:', text, re.I)
    assert 'href="data:' not in text
    assert 'id="4"' in text and 'id="4.1"' in text  # clause anchors survive


def test_machine_readable_outputs_round_trip_hostile_text(hostile_build):
    catalogue = hostile_build.site / "catalogue.json"
    data = json.loads(catalogue.read_text("utf-8"))
    items = data["standards"] if isinstance(data, dict) else data
    titles = {item.get("title") for item in items}
    assert f"<script>{PWN}</script>机关事务 标准" in titles


def test_csv_export_neutralises_spreadsheet_formulas(hostile_build):
    path = hostile_build.site / "catalogue.csv"
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert any("HYPERLINK" in c for c in cells)
    assert not [c for c in cells if c[:1] in ("=", "+", "@") or re.match(r"-\D", c)]


def test_rejected_hostile_metadata_names_each_rule(project_factory):
    project = project_factory({name: text for name, (text, _) in REJECTED.items()})
    result = project.build()
    assert result.returncode != 0
    assert "Traceback" not in result.output
    for name, (_, rule) in REJECTED.items():
        assert re.search(rf"standards/{re.escape(name)}:\d+: {rule} ", result.output), \
            (name, rule, result.output)
    assert not (project.root / "site").exists()


def test_ten_thousand_clauses_build_with_unique_anchors(project_factory):
    project = project_factory({"gb-t-9-2020.md": many_clauses_standard(10_000)})
    result = project.build()
    assert result.returncode == 0, result.output[-2000:]
    html = result.page("standards/gb-t-9-2020/")
    ids = re.findall(r'<h[23] id="([^"]+)"', html)
    assert len(ids) >= 10_000
    assert len(set(ids)) == len(ids)
    assert {"1", "5.999", "10.999"} <= set(ids)
    page = result.site / "standards" / "gb-t-9-2020" / "index.html"
    broken = [b for b in check_page(result.site.resolve(), page.resolve())
              if b.url.startswith("#")]
    assert not broken, [b.text() for b in broken[:10]]
