"""The standard page, phone first (issue 15): summary card, 标准信息 disclosure, 目次, links to the
standards a text cites, full-text links as deep as each platform allows, 引用, 意见反馈, 当前位置
and the lit tab. Unit tests for the pieces, then one build of a fixture corpus."""

from __future__ import annotations

import re
import shutil
import textwrap
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import unquote

import pytest
import yaml
from conftest import standard

from hooks.derive import presentation
from hooks.model.numbers import parse_number
from hooks.pages import references_links as refs
from hooks.pages.standard_page import css_string, feedback_address

# --------------------------------------------------------------------------- references


@dataclass(eq=False)
class Std:
    """The part of a Standard the number index and the links read."""

    number_text: str
    title: str = "标准"
    status: str = "现行"
    issued: date | None = date(2020, 1, 1)
    is_draft: bool = False
    slug: str = field(init=False)

    def __post_init__(self) -> None:
        self.number = parse_number(self.number_text)
        self.code = self.number.canonical
        self.slug = self.number.slug
        self.effective = self.issued


TERMS = Std("GB/T 41568—2022", "机关事务管理 术语")
OLD = Std("GB/T 29118—2012", "节约型机关评价导则", status="被代替", issued=date(2012, 12, 31))
NEW = Std("GB/T 29118—2023", "节约型机关评价导则", issued=date(2023, 9, 7))
PLAN = Std("GB/T 29118—2026", "节约型机关评价导则（制定中）", issued=None, is_draft=True)
INDEX = refs.NumberIndex.of([TERMS, OLD, NEW, PLAN])


def link(html: str, this=None) -> str:
    return refs.link_numbers(html, INDEX.find,
                             lambda s: None if s is this else f"../{s.slug}/")


def links(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<a class="std-ref" href="([^"]+)"[^>]*>([^<]+)</a>', html)


@pytest.mark.parametrize("written", [
    "GB/T 41568—2022", "GB/T41568-2022", "GB/T 41568-2022", "GB/T 41568–2022", "gb/t 41568-2022",
    "ＧＢ／Ｔ ４１５６８—２０２２", "GB/T 41568 — 2022",
])
def test_a_number_in_any_spelling_links_to_its_page_and_keeps_its_words(written):
    html = f"<p>{written}界定的以及下列术语和定义适用于本文件。</p>"
    assert links(link(html)) == [("../gb-t-41568-2022/", written)]


def test_every_citation_in_a_paragraph_and_list_is_linked():
    html = ("<ul>\n<li>GB/T 41568—2022　机关事务管理 术语</li>\n"
            "<li>GB/T 29118—2023　节约型机关评价导则</li>\n</ul>\n"
            "<p>应符合GB/T 29118—2023中的要求，术语见GB/T 41568—2022。</p>")
    found = links(link(html))
    assert [h for h, _ in found] == ["../gb-t-41568-2022/", "../gb-t-29118-2023/",
                                     "../gb-t-29118-2023/", "../gb-t-41568-2022/"]
    assert "　机关事务管理 术语</li>" in link(html)


def test_an_undated_reference_links_to_the_newest_published_edition():
    found = links(link("<p>节能管理应符合GB/T 29118的有关要求。</p>"))
    assert found == [("../gb-t-29118-2023/", "GB/T 29118")]  # not 2012, not the 2026 plan


def test_a_dated_reference_links_to_that_edition_even_when_replaced():
    assert links(link("<p>参照GB/T 29118—2012执行。</p>")) == [("../gb-t-29118-2012/",
                                                               "GB/T 29118—2012")]


@pytest.mark.parametrize("text", [
    "GB/T 29118—2019",  # an edition the site does not hold
    "GB/T 1.1—2020",  # a standard the site does not hold
    "GB/T 41568.1—2022",  # another part
    "GB/T 415680—2022", "XGB/T 41568—2022", "GB/T 41568—20221",  # longer tokens
    "GB 41568—2022",  # mandatory GB is another number than GB/T
])
def test_numbers_the_site_does_not_hold_stay_text(text):
    html = f"<p>见{text}。</p>"
    assert link(html) == html


@pytest.mark.parametrize("html", [
    '<h2 id="2">2 引用GB/T 41568—2022</h2>',
    '<h3 id="3.1">3.1 <em>GB/T 41568—2022</em></h3>',
    '<p><a href="https://example.org/">GB/T 41568—2022</a></p>',
    "<p><code>GB/T 41568—2022</code></p>",
    "<pre><code>GB/T 41568—2022\n</code></pre>",
    "<details><summary>GB/T 41568—2022</summary></details>",
])
def test_never_inside_links_headings_code_or_summaries(html):
    assert link(html) == html


def test_text_after_a_skipped_element_is_linked_again():
    html = '<h2 id="2">GB/T 41568—2022</h2><p>GB/T 41568—2022</p><p><br />GB/T 29118—2023</p>'
    out = link(html)
    assert out.startswith('<h2 id="2">GB/T 41568—2022</h2><p><a class="std-ref"')
    assert len(links(out)) == 2


def test_the_page_itself_is_not_linked():
    assert link("<p>本文件代替GB/T 29118—2012。</p>", this=OLD) == "<p>本文件代替GB/T 29118—2012。</p>"


def test_the_link_title_is_escaped():
    hostile = Std("GB/T 9—2020", '"><script>alert(1)</script>')
    index = refs.NumberIndex.of([hostile])
    out = refs.link_numbers("<p>GB/T 9—2020</p>", index.find, lambda s: '../x"y/')
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert 'href="../x&quot;y/"' in out


# --------------------------------------------------------------------------- platforms


@dataclass
class PlatformStd:
    number_text: str
    level: str
    source: str = ""
    is_draft: bool = False

    def __post_init__(self) -> None:
        self.number = parse_number(self.number_text)
        self.code = self.number.canonical


@pytest.mark.parametrize(("number", "level", "start", "written"), [
    ("GB/T 41568—2022", "国家标准", "https://openstd.samr.gov.cn/bzgk/std/std_list?", "GB/T 41568-2022"),
    ("DB31/T 1350—2022", "地方标准", "https://dbba.sacinfo.org.cn/stdList?key=", "DB31/T 1350-2022"),
    ("JGJ 1—2020", "行业标准", "https://hbba.sacinfo.org.cn/stdList?key=", "JGJ 1-2020"),
    ("建标 169—2014", "工程建设标准", "https://std.samr.gov.cn/search/std?q=", "建标 169-2014"),
])
def test_full_text_link_searches_the_platform_for_the_number_with_a_hyphen(number, level, start,
                                                                          written):
    p = presentation.official_platform(PlatformStd(number, level))
    assert p["link"] == "search" and p["url"].startswith(start)
    assert p["number"] == written and "\u2014" not in p["number"]
    assert unquote(p["url"]).endswith(written)


def test_platform_without_a_known_deep_link_gets_its_home_page_and_its_own_spelling():
    group = presentation.official_platform(PlatformStd("T/CAS 290—2017", "团体标准"))
    assert group == {"name": "全国团体标准信息平台", "url": "https://www.ttbz.org.cn/",
                     "home": "https://www.ttbz.org.cn/", "number": "T/CAS 290—2017",
                     "link": "home"}
    company = presentation.official_platform(PlatformStd("Q/ABC 1—2020", "企业标准"))
    assert company["link"] == "home" and company["number"] == "Q/ABC 1-2020"


def test_the_standards_own_source_wins_and_a_plan_gets_no_search():
    own = presentation.official_platform(
        PlatformStd("GB/T 41568—2022", "国家标准", source="https://example.gov.cn/a.pdf"))
    assert own["url"] == "https://example.gov.cn/a.pdf" and own["link"] == "source"
    plan = presentation.official_platform(PlatformStd("GB/T 41568—2022", "国家标准", is_draft=True))
    assert plan["link"] == "home" and plan["url"] == "https://openstd.samr.gov.cn/"


def test_platforms_yml_records_every_pattern_with_its_sources_and_date():
    table = yaml.safe_load(presentation.PLATFORMS_FILE.read_text(encoding="utf-8"))
    assert {"国家标准", "行业标准", "地方标准", "团体标准", "企业标准", "default"} <= set(table)
    for level, entry in table.items():
        assert entry["name"] and entry["home"].startswith("https://"), level
        assert entry["number"] in ("hyphen", "em-dash"), level
        assert entry["sources"] and all(isinstance(s, str) and s for s in entry["sources"]), level
        assert isinstance(entry["checked"], date), level
        for key in ("search", "detail"):
            if key in entry:
                assert entry[key].startswith("https://") and "{" in entry[key], (level, key)
        if "search" in entry:
            assert "{number}" in entry["search"], level


# --------------------------------------------------------------------------- small helpers


def test_css_string_cannot_end_the_string_or_the_style_element():
    text = 'a"b\\c</style><script>x</script>\n状态截至 2026-11-27'
    out = css_string(text)
    assert out.startswith('"') and out.endswith('"')
    inner = out[1:-1]
    assert '"' not in inner and "<" not in inner and "\n" not in inner
    assert "状态截至 2026-11-27" in inner


@pytest.mark.parametrize(("link_", "address"), [
    ("mailto:biaozhun@example.org?subject=%E6%84%8F%E8%A7%81", "biaozhun@example.org"),
    ("MAILTO:a%2Bb@example.org", "a+b@example.org"),
    ("https://example.org/form?standard=x", ""),
])
def test_feedback_address_is_the_bare_mail_address(link_, address):
    assert feedback_address(link_) == address


# --------------------------------------------------------------------------- a built site

TEXT = textwrap.dedent("""\
    ## 前言

    本文件代替SLJG 001—2020。

    ## 1 范围

    本文件规定了公务用车调度服务的要求。

    ## 2 规范性引用文件

    下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。

    - GB/T41568-2022　机关事务管理 术语

    ## 5 调度服务要求

    ### 5.2 车辆调度 GB/T 41568—2022

    节能管理应符合GB/T 29118的要求，`GB/T 41568—2022` 是代码。

    ## 附录 A（资料性）出车记录样式

    ### A.1 记录
    """)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from conftest import make_project

    project = make_project(tmp_path_factory.mktemp("stdpage"), {
        "gb-t-41568-2022.md": standard(issuer="[国家市场监督管理总局, 国家标准化管理委员会]"),
        "gb-t-29118-2012.md": standard("GB/T 29118—2012", "节约型机关评价导则",
                                       issued="2012-12-31", effective="2013-06-01"),
        "gb-t-29118-2023.md": standard("GB/T 29118—2023", "节约型机关评价导则",
                                       issued="2023-09-07", effective="2024-04-01",
                                       replaces='["GB/T 29118—2012"]'),
        "db31-t-1350-2022.md": standard("DB31/T 1350—2022", "机关公务用车标识规范",
                                        domain='"03.02"', issued="2022-06-28",
                                        effective="2022-10-01"),
        "t-cas-290-2017.md": standard("T/CAS 290—2017", "团体标准示例", issued="2017-12-01",
                                      effective="2017-12-01"),
        "sljg-001-2020.md": standard("SLJG 001—2020", "公务用车调度服务规范（示例）",
                                     domain='"03.02"', issued="2020-05-10",
                                     effective="2020-07-01", level="单位内部标准", body=TEXT),
        "sljg-001-2023.md": standard("SLJG 001—2023", "公务用车调度服务规范（示例）",
                                     domain='"03.02"', issued="2023-05-10",
                                     effective="2023-07-01", level="单位内部标准",
                                     replaces='["SLJG 001—2020"]', body=TEXT),
    })
    # Articles (docs/news/) name standards of the shipped corpus, which this fixture does not hold.
    shutil.rmtree(project.root / "docs" / "news", ignore_errors=True)
    result = project.build()
    assert result.returncode == 0, result.output
    return result


def between(html: str, start: str, end: str) -> str:
    i = html.index(start)
    return html[i:html.index(end, i)]


def test_status_badge_in_the_summary_card_is_the_pages_first_status(site):
    html = site.page("standards/sljg-001-2023/")
    first = re.search(r'data-status="([^"]+)"', html)
    assert first.group(1) == "现行"
    card = between(html, '<section class="std-card"', "</section>")
    assert first.start() > html.index('<section class="std-card"')
    assert 'data-status="现行"' in card
    assert '<time datetime="2023-05-10">' in card and '<time datetime="2023-07-01">' in card
    assert "截至 <time datetime=\"2026-11-27\">" in card
    assert "本页登载全文" in card


def test_metadata_is_folded_into_a_disclosure_open_only_without_text(site):
    text_page = site.page("standards/sljg-001-2023/")
    assert re.search(r'<details class="std-meta">\s*<summary[^>]*><h2 id="std-meta-heading"',
                     text_page)
    assert text_page.index('class="std-meta"') < text_page.index('class="std-text"')
    bare = site.page("standards/gb-t-41568-2022/")
    assert '<details class="std-meta" open>' in bare
    assert "国家市场监督管理总局、国家标准化管理委员会" in between(bare, 'class="std-meta"', "</details>")


def test_phone_toc_lists_chapters_and_annexes_before_the_text(site):
    html = site.page("standards/sljg-001-2023/")
    toc = between(html, '<details class="std-toc"', "</details>")
    hrefs = re.findall(r'href="([^"]+)"', toc)
    assert hrefs == ["#qian-yan", "#1", "#2", "#5", "#A"]
    assert "附录 A（资料性）出车记录样式" in toc
    assert html.index('class="std-toc"') < html.index('<h2 id="qian-yan"')
    assert 'class="std-toc"' not in site.page("standards/gb-t-41568-2022/")


def test_the_texts_citations_link_to_the_standards_pages(site):
    html = site.page("standards/sljg-001-2023/")
    text = html[html.index('class="std-text"'):]
    found = links(text)
    assert ("../gb-t-41568-2022/", "GB/T41568-2022") in found
    assert ("../gb-t-29118-2023/", "GB/T 29118") in found
    assert ("../sljg-001-2020/", "SLJG 001—2020") in found
    # Headings and code keep their words; the headings keep their ids.
    assert '<h3 id="5.2">5.2 车辆调度 GB/T 41568—2022</h3>' in text
    assert "<code>GB/T 41568—2022</code>" in text
    for path in ("standards/sljg-001-2023/", "standards/sljg-001-2020/"):
        for target in re.findall(r'class="std-ref" href="([^"]+)"', site.page(path)):
            assert (site.site / "standards" / target.strip("./") / "index.html").is_file()


def test_metadata_only_pages_link_as_deep_as_the_platform_allows(site):
    national = between(site.page("standards/gb-t-41568-2022/"), 'class="std-card__read std-fulltext"',
                       "</div>")
    assert "本站未登载全文" in national
    assert ('href="https://openstd.samr.gov.cn/bzgk/std/std_list?p.p1=0&amp;p.p90=circulation_date'
            '&amp;p.p91=desc&amp;p.p2=GB%2FT%2041568-2022"') in national
    assert '<code class="std-platform-number" id="std-platform-number">GB/T 41568-2022</code>' \
        in national
    assert re.search(r'<button type="button" class="std-copy[^"]*" '
                     r'data-copy-target="std-platform-number"[^>]* hidden>', national)
    local = site.page("standards/db31-t-1350-2022/")
    assert 'href="https://dbba.sacinfo.org.cn/stdList?key=DB31%2FT%201350-2022"' in local
    group = between(site.page("standards/t-cas-290-2017/"), "std-fulltext", "</div>")
    assert 'href="https://www.ttbz.org.cn/"' in group and ">T/CAS 290—2017</code>" in group


def test_citation_box_offers_only_what_exists(site):
    html = site.page("standards/gb-t-41568-2022/")
    cite = between(html, '<section class="std-cite"', "</section>")
    assert "引用本标准" in cite and "下载" not in cite
    assert 'data-copy-target="std-citation"' in cite


def test_feedback_is_a_labelled_button_after_the_text_with_the_address_as_text(site):
    html = site.page("standards/sljg-001-2023/")
    box = between(html, '<section class="std-feedback"', "</section>")
    assert html.index('class="std-text"') < html.index('class="std-feedback"')
    assert re.search(r'<a class="md-button std-feedback__button" id="lc-feedback" '
                     r'href="mailto:biaozhun-yijian@example.org\?subject=', box)
    assert "发邮件提意见" in box and "biaozhun-yijian@example.org</span>" in box
    assert html.count('id="lc-feedback"') == 1


def test_print_carries_the_page_address_and_the_status_date(site):
    html = site.page("standards/sljg-001-2023/")
    style = re.search(r"<style>:root\{([^<]*)\}</style>", html).group(1)
    assert '--std-print-url:"standards/sljg-001-2023/"' in style
    assert '--std-print-asof:"状态截至 2026-11-27"' in style


def test_trail_lit_tab_and_no_empty_navigation_column(site):
    html = site.page("standards/sljg-001-2023/")
    trail = between(html, 'aria-label="当前位置"', "</nav>")
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', trail) == [
        ("../../catalogue/", "标准目录"), ("../../domains/03/", "03 资产管理"),
        ("../../domains/03-02/", "03.02 公务用车")]
    assert '<li aria-current="page">SLJG 001—2023</li>' in trail
    assert re.search(r'<div class="md-sidebar md-sidebar--primary"[^>]*\bhidden\b', html)
    tabs = between(html, 'class="md-tabs"', "</nav>")
    active = re.findall(r'md-tabs__item--active">\s*<a href="([^"]+)"', tabs)
    assert active == ["../../catalogue/"]
    changes = site.page("standards/sljg-001-2023/changes/")
    trail = between(changes, 'aria-label="当前位置"', "</nav>")
    assert '<a href="../">SLJG 001—2023</a>' in trail
    assert '<li aria-current="page">条文对照</li>' in trail
    assert re.findall(r'md-tabs__item--active">\s*<a href="([^"]+)"', changes) == [
        "../../../catalogue/"]
    domain = site.page("domains/03-02/")
    assert re.findall(r'md-tabs__item--active">\s*<a href="([^"]+)"', domain) == [
        "../../framework/"]
