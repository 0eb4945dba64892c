"""catalogue.json, the catalogue/ page and the standard page additions, on the index fixture."""

from __future__ import annotations

import json
import re

from conftest import standard
from index_corpus import CORPUS, DOMAIN_OF, OVERDUE

from hooks.corpus import load_corpus
from hooks.pages.catalogue import Catalogue


def test_catalogue_json_lists_every_standard_with_derived_fields(index_site):
    _, site = index_site
    data = json.loads((site.site / "catalogue.json").read_text(encoding="utf-8"))
    records = {r["slug"]: r for r in data["standards"]}
    assert data["count"] == len(CORPUS) == len(records)
    assert data["status_date"] == "2026-11-27"
    assert [r["seq"] for r in data["standards"]] == list(range(1, len(CORPUS) + 1))
    for slug, code in DOMAIN_OF.items():
        assert records[slug]["domain"]["code"] == code
        assert records[slug]["url"] == f"standards/{slug}/"
        assert records[slug]["review_overdue"] == (slug in OVERDUE), slug

    old, mid, new = (records[f"db11-t-100-{y}"] for y in (2010, 2016, 2022))
    assert (old["status"], mid["status"], new["status"]) == ("被代替", "被代替", "现行")
    assert old["replaced_by"] == ["DB11/T 100—2016"] and mid["replaces"] == ["DB11/T 100—2010"]
    assert new["replaces"] == ["DB11/T 100—2016"] and new["replaced_by"] == []
    assert records["gb-t-3-2010"]["status"] == "废止"
    assert records["gb-t-3-2010"]["replaced_column"] == "作废（2020-01-01）"
    assert records["t-cas-5-2026"]["status"] == "即将实施"
    assert records["t-cas-5-2026"]["level"] == "团体标准"

    gbt2 = records["gb-t-2-2020"]
    assert gbt2["number"] == "GB/T 2—2020" and gbt2["level"] == "国家标准"
    assert gbt2["mandatory"] is False and gbt2["region"] == ""
    assert gbt2["review_due"] == "2025-06-01"
    assert gbt2["domain"]["path"] == [{"code": "01", "name": "通用基础"},
                                      {"code": "01.01", "name": "术语"}]
    assert gbt2["citation"] == ("国家机关事务管理局, 国家标准化管理委员会. 行业公务用车管理规范: "
                                "GB/T 2—2020[S]. 2020.")
    assert records["db31-t-7-2018"]["region"] == "上海"
    # Five-year boundary: due on the build date is not overdue; the day before is.
    assert records["gb-t-10-2021"]["review_due"] == "2026-11-27"
    assert records["gb-t-11-2021"]["review_due"] == "2026-11-26"
    assert records["db31-t-7-2018"]["review_due"] == "2028-01-01"  # from `reviewed`
    assert set(gbt2) >= {"slug", "url", "number", "title", "level", "region", "region_code",
                         "mandatory", "status", "replaced_by", "review_due", "domain", "has_text",
                         "issued", "effective", "abolished", "reviewed", "keywords", "summary"}


def test_catalogue_page_table_and_filters(index_site):
    _, site = index_site
    html = site.page("catalogue/")
    table = html[html.index('id="catalogue-table"'):]
    rows = re.findall(r'<tr data-slug="([^"]+)" data-domain="([^"]+)" data-top="([^"]+)" '
                      r'data-level="([^"]+)" data-status="([^"]+)" data-year="(\d*)"', table)
    assert {r[0] for r in rows} == set(DOMAIN_OF)
    assert all(r[1] == DOMAIN_OF[r[0]] and r[2] == r[1][:2] for r in rows)
    # 明细表 order by default (framework node, then natural number order inside it), the same
    # order as catalogue.json's seq: 01.01's GB/T 2 before GB/T 10, then node 03's GB/T 3.
    order = [r[0] for r in rows]
    seq = json.loads((site.site / "catalogue.json").read_text(encoding="utf-8"))["standards"]
    assert order == [r["slug"] for r in seq]
    assert order.index("gb-t-2-2020") < order.index("gb-t-10-2021") < order.index("gb-t-3-2010")
    # The contract with the search feature.
    start = html.index("<form id=\"catalogue-filters\"")
    form = html[start:html.index("</form>", start)]
    assert 'role="search"' in form and 'method="get"' in form
    assert form.index('name="q" id="catalogue-q"') < form.index('name="domain"')
    for name in ("domain", "level", "status", "year"):
        assert f'<select name="{name}"' in form
    assert '<div id="search-results" aria-live="polite"></div>' in html
    assert 'id="catalogue-count"' in html
    assert html.index('id="search-results"') < html.index('id="catalogue-table"')
    assert 'href="../standards/gb-t-2-2020/"' in table
    assert "=SUM(1,2) 公务用车" in table


def test_standard_page_history_review_citation_and_source(index_site):
    project, site = index_site
    html = site.page("standards/db11-t-100-2016/")
    assert re.search(r'data-status="([^"]+)"', html).group(1) == "被代替"
    editions = re.findall(r'data-edition-status="[^"]+">[^<]+</span>\s*(?:<a href="[^"]*">|<strong>)'
                          r'([^<]+)<', html)
    assert editions == ["DB11/T 100—2022", "DB11/T 100—2016", "DB11/T 100—2010"]
    assert 'href="../db11-t-100-2022/"' in html and 'href="../db11-t-100-2010/"' in html
    assert "不再复审" in html

    # Both ends of the chain see the whole chain.
    for slug in ("db11-t-100-2010", "db11-t-100-2022"):
        page = site.page(f"standards/{slug}/")
        assert page.count("data-edition-status=") == 3, slug

    overdue = site.page("standards/gb-t-11-2021/")
    assert "复审已逾期 1 天" in overdue and "2026-11-26" in overdue
    due_today = site.page("standards/gb-t-10-2021/")
    assert "复审已逾期" not in due_today and "距复审到期还有 0 天" in due_today
    assert "GB/T 7714" in overdue and 'data-copy-target="std-citation"' in overdue

    # By default the site publishes no copies of the sources (hooks/pages/sources.py).
    assert "download=" not in overdue and not (site.site / "sources").exists()


def test_source_copies_when_configured(project_factory):
    project = project_factory({"gb-t-11-2021.md": standard(number="GB/T 11—2021")})
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "source_copies: false", "source_copies: true", 1), encoding="utf-8")
    site = project.build()
    assert site.returncode == 0, site.output
    html = site.page("standards/gb-t-11-2021/")
    link = re.search(r'<a href="([^"]+)" download="gb-t-11-2021.md">', html).group(1)
    assert link == "../../sources/gb-t-11-2021.md"
    published = (site.site / "sources" / "gb-t-11-2021.md").read_bytes()
    assert published == (project.root / "standards" / "gb-t-11-2021.md").read_bytes()
    records = json.loads((site.site / "catalogue.json").read_text(encoding="utf-8"))
    assert records["standards"][0]["source_file"] == "sources/gb-t-11-2021.md"


def test_catalogue_orders_and_numbers_the_details_table(tmp_path):
    from conftest import make_project

    project = make_project(tmp_path / "p", CORPUS)
    from datetime import date

    corpus = load_corpus(project.root, today=date(2026, 11, 27))
    assert not corpus.errors
    cat = Catalogue(corpus)
    codes = [e.system_code for e in cat.entries]
    assert codes[:3] == ["01.01-001", "01.01-002", "01.01-003"]
    assert codes[3] == "03-001"
    assert [e.std.code for e in cat.entries[:3]] == ["GB/T 2—2020", "GB/T 10—2021", "GB/T 11—2021"]
    assert cat.count(corpus.framework.find("03")) == 9
    assert {s.slug for s in cat.reviews()} == OVERDUE | {"gb-t-10-2021", "db11-t-100-2022",
                                                        "db31-t-8-2022"}
