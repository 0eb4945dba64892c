"""Real `mkdocs build --strict` runs: the shipped corpus and fixture corpora."""

from __future__ import annotations

import re

from conftest import standard


def test_shipped_corpus_builds_every_standard_page(shipped_site):
    pages = sorted(p.parent.name for p in (shipped_site.site / "standards").glob("*/index.html"))
    assert "gb-t-41568-2022" in pages
    assert "sljg-002-2025" in pages
    assert len(pages) >= 24


def test_status_badge_is_the_first_status_on_the_page(shipped_site):
    html = shipped_site.page("standards/gb-t-29118-2012/")
    first = re.search(r'data-status="([^"]+)"', html)
    assert first and first.group(1) == "被代替"
    assert 'href="../gb-t-29118-2023/"' in html  # the banner links the replacement


def test_upcoming_standard_has_banner(shipped_site):
    html = shipped_site.page("standards/sljg-003-2026/")
    assert re.search(r'data-status="即将实施"', html)
    assert "std-banner--upcoming" in html


def test_clause_anchors_are_clause_numbers(shipped_site):
    html = shipped_site.page("standards/sljg-002-2025/")
    for anchor in ("1", "3.1", "5.2", "A", "A.1"):
        assert f'id="{anchor}"' in html, anchor
    assert 'id="qian-yan"' in html
    assert 'id="_1"' not in html


def test_metadata_only_page_links_to_official_platform(shipped_site):
    html = shipped_site.page("standards/db4203-t-131-2018/")
    assert "https://dbba.sacinfo.org.cn/" in html
    assert "未登载全文" in html


def test_schema_is_published(shipped_site):
    assert (shipped_site.site / "schema" / "standard.schema.json").is_file()


def test_hostile_metadata_is_escaped(project_factory):
    project = project_factory({
        "gb-t-1-2020.md": standard(
            number="GB/T 1—2020", title="'<script>window.__pwned=1</script> \"q\" x'",
            keywords="['<img src=x onerror=alert(1)>']", summary="'<b>粗</b> & \" '"),
    })
    result = project.build()
    assert result.returncode == 0, result.output
    html = result.page("standards/gb-t-1-2020/")
    assert "<script>window.__pwned" not in html
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert "<img src=x" not in html
    assert "<script>window.__pwned" not in html.split("</head>")[0]


def test_build_fails_on_bad_metadata_and_names_every_file(project_factory):
    project = project_factory({
        "gb-t-1-2020.md": standard(number="GB/T 1—2020", issued="2020-13-01"),
        "wrong-name.md": standard(number="GB/T 2—2020"),
        "gb-t-3-2020.md": standard(number="GB/T 3—2020", domain="不存在"),
    })
    result = project.build()
    assert result.returncode != 0
    assert "standards/gb-t-1-2020.md:5: date-format" in result.output
    assert "standards/wrong-name.md:2: file-name" in result.output
    assert "standards/gb-t-3-2020.md:4: domain-unknown" in result.output
    assert "Traceback" not in result.output


def test_failed_build_leaves_previous_site_untouched(project_factory):
    project = project_factory({"gb-t-1-2020.md": standard(number="GB/T 1—2020")})
    good = project.build()
    assert good.returncode == 0, good.output
    marker = good.site / "standards" / "gb-t-1-2020" / "index.html"
    before = marker.read_text(encoding="utf-8")
    project.write("standards/gb-t-1-2020.md", "---\nnumber: [\n---\n")
    bad = project.build()
    assert bad.returncode != 0
    assert marker.read_text(encoding="utf-8") == before
