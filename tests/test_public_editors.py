"""Public and editors apart (issue 15, items 4, 10, 11).

- 复审 reminders only for the site's own standards (extra.maintained_issuers): outside standards'
  pages show facts only; 复审提醒, the 明细表 备注, `check` and 编辑专区 count only ours.
- 关于本站 for citizens, from mkdocs.yml `extra`, escaped; the ICP number in every page's footer.
- The main menu: public tabs first, 编辑专区 (复审提醒, 编写指南) last; every page's footer links it.
"""

from __future__ import annotations

import csv
import io
import json
import posixpath
import re
from datetime import date
from pathlib import Path

import pytest
from conftest import REPO, make_project, standard
from mkdocs.utils import yaml_load

from hooks.corpus import load_corpus
from hooks.derive.maintained import is_maintained, issuers_from_extra, project_issuers

OWN = "示例市机关事务管理局"
HOSTILE = '<script>alert("x")</script>'

CORPUS = {
    # ours by issuer: in force, review overdue (due 2020-07-01)
    "sljg-010-2015.md": standard(number="SLJG 010—2015", title="机关会议室管理规范", level="单位内部标准",
                                 issued="2015-06-01", effective="2015-07-01", issuer=OWN),
    # ours by proposer (a local standard the market regulator issued): due 2025-01-01, overdue
    "db11-t-5-2019.md": standard(number="DB11/T 5—2019", title="公务用车维修服务规范",
                                 domain='"03.02"', issued="2019-12-01", effective="2020-01-01",
                                 issuer="示例市市场监督管理局", proposer=OWN),
    # ours, due within twelve months (2027-03-01)
    "sljg-011-2022.md": standard(number="SLJG 011—2022", title="办公用房维修规范", level="单位内部标准",
                                 domain='"03.01"', issued="2022-01-01", effective="2022-03-01",
                                 issuer=OWN),
    # outside: a national standard never reviewed by us (due 2019-07-01 by the formula)
    "gb-t-30260-2013.md": standard(number="GB/T 30260—2013", title="公共机构能源资源管理绩效评价导则",
                                   issued="2013-12-18", effective="2014-07-01",
                                   issuer="[国家质量监督检验检疫总局, 国家标准化管理委员会]"),
    # outside, due within twelve months by the formula (2027-02-01)
    "gb-t-40-2022.md": standard(number="GB/T 40—2022", title="公共机构节水规范",
                                issued="2021-12-01", effective="2022-02-01",
                                issuer="国家市场监督管理总局"),
    # outside with a recorded review: the date is a fact the page shows
    "gb-t-8-2016.md": standard(number="GB/T 8—2016", title="机关事务管理 服务",
                               issued="2016-01-01", effective="2016-03-01", reviewed="2023-03-01",
                               issuer="国家市场监督管理总局"),
}
OURS_DUE = {"sljg-010-2015", "db11-t-5-2019", "sljg-011-2022"}

ABOUT = {
    "operator": f"示例单位{HOSTILE}",
    "contact": {"email": "office@example.org", "phone": "010-1234 5678",
                "address": "示例路 1 号 <b>东门</b>"},
    "data_sources": [
        {"name": "全国标准信息公共服务平台", "url": "https://std.samr.gov.cn/", "covers": "题录 & 日期"},
        {"name": "坏链接", "url": "javascript:alert(1)", "covers": "不应成为链接"},
        "本单位",
    ],
    "update_frequency": f"每周一更新{HOSTILE}",
    "icp": f"示ICP备12345678号{HOSTILE}",
}


def configure(project, **extra) -> None:
    """Replace keys of the project's mkdocs.yml `extra` (written as YAML flow values)."""
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    for key, value in extra.items():
        block = re.compile(rf"^  {key}:.*\n(?:    .*\n)*", re.M)
        line = f"  {key}: {json.dumps(value, ensure_ascii=False)}\n"
        text, n = block.subn(lambda _m, line=line: line, text, count=1)
        assert n == 1, key
    config.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("public-editors"), CORPUS)
    configure(project, **ABOUT)
    result = project.build()
    assert result.returncode == 0, result.output
    return project, result


def visible_text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def article(html: str) -> str:
    return html[html.index("<article"):html.index("</article>")]


# --------------------------------------------------------------------------- which are ours

def test_maintained_issuers_setting_forms():
    assert issuers_from_extra({}) is None
    assert issuers_from_extra({"maintained_issuers": OWN}) == (OWN,)
    assert issuers_from_extra({"maintained_issuers": [f" {OWN} ", OWN, 3, ""]}) == (OWN,)
    assert issuers_from_extra({"maintained_issuers": []}) == ()


def test_checker_reads_the_setting_from_the_project_config(tmp_path):
    assert project_issuers(tmp_path) is None  # no mkdocs.yml
    (tmp_path / "mkdocs.yml").write_text(
        'site_url: !ENV [SITE_URL, ""]\nextra:\n  maintained_issuers: [甲单位, 乙单位]\n',
        encoding="utf-8")
    assert project_issuers(tmp_path) == ("甲单位", "乙单位")
    (tmp_path / "mkdocs.yml").write_text("extra: [\n", encoding="utf-8")
    assert project_issuers(tmp_path) is None  # broken: the build reports it, check goes on


def test_shipped_config_names_the_sample_issuer_and_the_checker_reads_it():
    assert project_issuers(REPO) == (OWN,)
    shipped = {s.slug: s for s in load_corpus(REPO, maintained_issuers=(OWN,)).standards}
    assert shipped["sljg-001-2023"].maintained and shipped["sljg-jihua-2026-02"].maintained
    assert not shipped["gb-t-30260-2013"].maintained
    assert not shipped["db4203-t-131-2018"].maintained  # no issuer at all: not ours


def test_without_the_setting_every_standard_is_ours(tmp_path):
    project = make_project(tmp_path / "p", CORPUS)
    corpus = load_corpus(project.root, today=date(2026, 11, 27))
    assert all(s.maintained for s in corpus.standards)
    assert {p.path for p in corpus.warnings if p.rule == "review-overdue"} == {
        "standards/sljg-010-2015.md", "standards/db11-t-5-2019.md",
        "standards/gb-t-30260-2013.md"}
    none = load_corpus(project.root, today=date(2026, 11, 27), maintained_issuers=())
    assert not any(s.maintained for s in none.standards)
    assert not [p for p in none.problems if p.rule == "review-overdue"]


def test_issuer_or_proposer_makes_a_standard_ours(tmp_path):
    project = make_project(tmp_path / "p", CORPUS)
    corpus = load_corpus(project.root, today=date(2026, 11, 27), maintained_issuers=(OWN,))
    ours = {s.slug for s in corpus.standards if s.maintained}
    assert ours == OURS_DUE
    by = {s.slug: s for s in corpus.standards}
    assert is_maintained(by["db11-t-5-2019"], [OWN])  # by its proposer
    assert is_maintained(by["db11-t-5-2019"], [f"\u3000{OWN} "])  # surrounding spaces ignored
    assert not is_maintained(by["db11-t-5-2019"], ["示例市"])  # whole names only


def test_check_warns_of_overdue_reviews_of_our_standards_only(built):
    project, _ = built
    out = project.check("--format", "json")
    overdue = {p["path"] for p in json.loads(out.stdout) if p["rule"] == "review-overdue"}
    assert overdue == {"standards/sljg-010-2015.md", "standards/db11-t-5-2019.md"}


# --------------------------------------------------------------------------- standard pages

def test_outside_standard_page_shows_facts_only(built):
    _, site = built
    text = visible_text(article(site.page("standards/gb-t-30260-2013/")))
    for claim in ("复审到期", "逾期", "请提前安排复审", "距复审", "复审周期", "不再复审"):
        assert claim not in text, claim
    assert "2019-07-01" not in text  # the computed due date
    soon = visible_text(article(site.page("standards/gb-t-40-2022/")))
    assert "复审" not in soon and "2027-02-01" not in soon


def test_outside_standard_with_a_recorded_review_shows_that_date(built):
    _, site = built
    html = article(site.page("standards/gb-t-8-2016/"))
    assert re.search(r'最近一次复审确认继续有效：<time datetime="2023-03-01">', html)
    assert "复审到期" not in visible_text(html) and "2028-03-01" not in visible_text(html)


def test_our_standard_pages_keep_the_review_reminder(built):
    _, site = built
    overdue = visible_text(article(site.page("standards/sljg-010-2015/")))
    assert "复审到期日：2020-07-01" in overdue and "复审已逾期" in overdue
    soon = visible_text(article(site.page("standards/sljg-011-2022/")))
    assert "复审到期日：2027-03-01" in soon and "请提前安排复审" in soon
    assert "复审到期日：2025-01-01" in visible_text(article(site.page("standards/db11-t-5-2019/")))


def test_shipped_national_standard_has_no_review_claim_and_a_sample_keeps_it(shipped_site):
    national = visible_text(article(shipped_site.page("standards/gb-t-30260-2013/")))
    assert "复审到期" not in national and "逾期" not in national
    assert "请提前安排复审" not in national
    sample = visible_text(article(shipped_site.page("standards/sljg-001-2023/")))
    assert "复审到期日：2028-07-01" in sample


# --------------------------------------------------------------------------- editors' lists

def test_reviews_page_lists_our_standards_only(built):
    _, site = built
    html = site.page("reviews/")
    assert set(re.findall(r'<tr data-slug="([^"]+)"', html)) == OURS_DUE
    overdue = html[html.index('id="rv-overdue"'):html.index('id="rv-soon"')]
    assert set(re.findall(r'<tr data-slug="([^"]+)"', overdue)) == {"sljg-010-2015",
                                                                  "db11-t-5-2019"}
    assert f"“{OWN}”" in html and "maintained_issuers" in html


def test_details_table_and_csv_note_overdue_reviews_of_ours_only(built):
    _, site = built
    rows = list(csv.reader(io.StringIO((site.site / "catalogue.csv").read_text(encoding="utf-8-sig"))))
    remarks = {row[2]: row[-1] for row in rows[1:]}
    assert "复审逾期" in remarks["SLJG 010—2015"]
    assert "复审逾期" not in remarks["GB/T 30260—2013"]
    framework = site.page("framework/")
    row = re.search(r'<tr[^>]*>(?:(?!</tr>).)*GB/T 30260—2013(?:(?!</tr>).)*</tr>', framework, re.S)
    assert row and "复审逾期" not in row.group(0)


def test_catalogue_json_still_gives_every_review_due(built):
    _, site = built
    records = json.loads((site.site / "catalogue.json").read_text(encoding="utf-8"))["standards"]
    due = {r["slug"]: r["review_due"] for r in records}
    assert due["gb-t-30260-2013"] == "2019-07-01" and due["sljg-010-2015"] == "2020-07-01"


def test_home_has_no_review_card_and_editors_page_counts_ours(built):
    _, site = built
    assert "待复审" not in site.page("") and "home-stat--review" not in site.page("")
    editors = visible_text(site.page("editors/"))
    assert "复审已逾期 2 项、12 个月内到期 1 项" in editors


# --------------------------------------------------------------------------- 关于本站

def test_about_page_shows_the_configured_values_escaped(built):
    _, site = built
    html = article(site.page("about/"))
    assert "<script>alert" not in html and "<b>东门</b>" not in html
    assert "示例单位&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert '<a href="mailto:office@example.org">office@example.org</a>' in html
    assert '<a href="tel:01012345678">010-1234 5678</a>' in html
    assert '<a href="https://std.samr.gov.cn/" rel="noopener">全国标准信息公共服务平台</a>：题录 &amp; 日期' in html
    assert "javascript:" not in html and "坏链接：不应成为链接" in visible_text(html)
    assert "每周一更新&lt;script&gt;" in html
    assert 'datetime="2026-11-27"' in html  # data as of the build date
    assert re.search(r'<a href="https://beian.miit.gov.cn/" rel="noopener">示ICP备12345678号&lt;script&gt;', html)
    for developer in ("SOURCE_DATE_EPOCH", "slug", "python -m hooks"):
        assert developer not in html, developer


def test_shipped_about_page_is_for_citizens_with_example_values(shipped_site):
    text = visible_text(article(shipped_site.page("about/")))
    for heading in ("主办单位与联系方式", "数据来源", "更新频率", "备案信息"):
        assert heading in text
    assert "示例市机关事务管理局（示例）" in text and "示ICP备00000000号（示例）" in text
    assert "SOURCE_DATE_EPOCH" not in text and "python -m hooks" not in text
    design = shipped_site.page("guide/design/")  # the developer content moved here
    assert "SOURCE_DATE_EPOCH" in design and "设计决定" in design


# --------------------------------------------------------------------------- menu and footer

def _pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("*.html") if p.name != "404.html"
            and not p.relative_to(site).as_posix().startswith(("assets/", "search/"))]


def _target(site: Path, page: Path, href: str) -> Path:
    """The file a relative link on `page` opens (directory URLs open their index.html)."""
    path = posixpath.normpath(posixpath.join(page.relative_to(site).parent.as_posix(), href))
    return site / path / "index.html" if href.endswith("/") else site / path


def test_public_tabs_first_and_the_editors_area_last(shipped_site):
    tabs = re.findall(r'class="md-tabs__link">\s*([^<]+?)\s*</a>', shipped_site.page(""))
    assert tabs[-1] == "编辑专区"
    assert tabs[:-1] == ["首页", "标准目录", "标准体系", "征求意见", "制修订进度", "解读与动态", "关于"]
    with (REPO / "mkdocs.yml").open("rb") as handle:
        nav = yaml_load(handle)["nav"]
    assert list(nav[-1]) == ["编辑专区"]  # site-info.css sets the LAST tab apart
    editors = nav[-1]["编辑专区"]
    assert {"复审提醒": "reviews.md"} in editors and any("编写指南" in item for item in editors
                                                       if isinstance(item, dict))


def test_editors_pages_keep_their_urls(shipped_site):
    for url in ("reviews/", "guide/", "guide/rules/", "guide/status/", "guide/site/", "editors/"):
        assert (shipped_site.site / url / "index.html").is_file(), url
    active = re.findall(r'md-tabs__item--active">\s*<a[^>]*>\s*([^<]+?)\s*</a>',
                        shipped_site.page("reviews/"))
    assert active == ["编辑专区"]


def test_every_page_footer_links_about_editors_and_the_icp_record(shipped_site):
    site = shipped_site.site
    pages = _pages(site)
    assert len(pages) > 50
    for page in pages:
        html = page.read_text(encoding="utf-8")
        footer = re.search(r'<p class="site-footer__facts">(.*?)</p>', html, re.S)
        assert footer, page
        links = dict((text, href) for href, text in
                     re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', footer.group(1)))
        assert _target(site, page, links["关于本站"]) == site / "about" / "index.html", page
        assert _target(site, page, links["编辑专区"]) == site / "editors" / "index.html", page
        assert links["示ICP备00000000号（示例）"] == "https://beian.miit.gov.cn/", page


def test_offline_footer_links_end_in_html(offline_site):
    html = (offline_site.site / "standards" / "sljg-001-2023.html").read_text(encoding="utf-8")
    footer = re.search(r'<p class="site-footer__facts">(.*?)</p>', html, re.S).group(1)
    assert 'href="../about.html"' in footer and 'href="../editors.html"' in footer
