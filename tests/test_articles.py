"""Articles under docs/news/ (spec section 7, issue 16): the checker's article rules, and the
pages, search, feed and news.json of a real `mkdocs build` of a fixture corpus with articles.

The fixture corpus (conftest.FRAMEWORK, statuses on 2026-11-27) has a standard in force, an old
edition replaced by a newer one, an upcoming one and a sample; five articles in four categories
and three years, one nested two folders deep, two on the same day, numbers in several spellings.
"""

from __future__ import annotations

import json
import re
import textwrap
from datetime import date
from html import unescape
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from conftest import FIXED_EPOCH, BuildResult, make_project, standard

from hooks.corpus import load_corpus
from hooks.model.article import CATEGORIES, Article
from hooks.pages.news import LIST_LIMIT, News, shown_years
from hooks.search.index import decode_postings, meta_rows
from hooks.search.tokens import body_tokens, shard_of

TODAY = date(2026, 11, 27)
ATOM = "{http://www.w3.org/2005/Atom}"

STANDARDS = {
    "gb-t-41568-2022.md": standard(),
    "db42-t-1000-2019.md": standard("DB42/T 1000—2019", "机关公务用车管理规范", '"03.02"',
                                    "2019-05-01", "2019-07-01"),
    "db42-t-1000-2024.md": standard("DB42/T 1000—2024", "机关公务用车管理规范", '"03.02"',
                                    "2024-05-01", "2024-07-01", replaces='["DB42/T 1000—2019"]'),
    "gb-t-9999-2026.md": standard("GB/T 9999—2026", "办公用房维修管理规范", '"03.01"',
                                  "2026-10-01", "2027-03-01"),
    "sljg-001-2023.md": standard("SLJG 001—2023", "公务用车调度服务规范（示例）", '"03.02"',
                                 "2023-05-10", "2023-07-01", level="单位内部标准"),
}


def article(title: str, day: str, category: str, standards: str = "[]", summary: str = "摘要。",
            body: str = "正文。\n", **extra: str) -> str:
    lines = ["---", f"title: {title}", f"date: {day}", f"category: {category}",
             f"standards: {standards}", f"summary: {summary}"]
    lines += [f"{k}: {v}" for k, v in extra.items()]
    return "\n".join([*lines, "---", "", body])


ARTICLES = {
    # Numbers in two spellings (no spaces / ASCII dash; full-width): both name standards we hold.
    "docs/news/2026/a-jiedu.md": article(
        "术语标准解读（示例）", "2026-05-01", "标准解读", "[GB/T41568-2022, ＤＢ４２／Ｔ　１０００－２０２４]",
        summary="解读术语标准。",
        body="## 一、背景\n\n蓝鲸计划只在这篇文章里出现。\n\n<script>alert(1)</script>\n\n"
             '<p onclick="alert(2)">点击</p>\n'),
    "docs/news/2026/sub/deeper/b-dongtai.md": article(
        "培训班开班", "2026-08-15", "工作动态", source="https://www.example.gov.cn/b.html"),
    "docs/news/2025/c-shidian.md": article(
        "公务用车试点通过验收", "2025-03-01", "试点示范", "[DB42/T 1000—2019, SLJG 001—2023]"),
    "docs/news/2019/d-zhengce.md": article("关于加强标准化工作的通知", "2019-12-31", "政策文件"),
    "docs/news/e-jiedu.md": article("标准实施问答", "2026-05-01", "标准解读", "[GB/T 41568—2022]"),
}
# Newest first; on one day by title in pinyin order (biao… before shu…).
ORDER = ["培训班开班", "标准实施问答", "术语标准解读（示例）", "公务用车试点通过验收", "关于加强标准化工作的通知"]


def project_with(tmp_path: Path, articles: dict[str, str], standards: dict[str, str] = STANDARDS):
    project = make_project(tmp_path / "project", standards)
    for rel, text in articles.items():
        project.write(rel, text)
    return project


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> BuildResult:
    project = project_with(tmp_path_factory.mktemp("articles"), ARTICLES)
    result = project.build()
    assert result.returncode == 0, result.output
    return result


def titles(html: str, selector: str = "news-item__title") -> list[str]:
    return [unescape(t) for t in re.findall(rf'class="{selector}"><a href="[^"]*">([^<]+)</a>', html)]


def hrefs(html: str, start: str, end: str) -> list[str]:
    part = html[html.index(start):html.index(end, html.index(start))]
    return re.findall(r'href="([^"]+)"', part)


def resolves(site: Path, page_url: str, href: str) -> bool:
    target = (site / page_url / href.split("#")[0]).resolve()
    return (target / "index.html").is_file() if href.endswith("/") else target.is_file()


# --------------------------------------------------------------------------- checks

def problems_of(tmp_path: Path, articles: dict[str, str]):
    project = project_with(tmp_path, articles)
    return load_corpus(project.root, today=TODAY).problems


def test_a_number_the_corpus_lacks_is_an_error_at_its_line_with_the_nearest(tmp_path):
    text = textwrap.dedent("""\
        ---
        title: 解读
        date: 2026-01-05
        category: 标准解读
        standards:
          - GB/T 41568—2022
          - GB/T 41568—2021
        summary: 摘要。
        ---
        """)
    found = problems_of(tmp_path, {"docs/news/x.md": text})
    assert [(p.path, p.line, p.rule) for p in found] == [
        ("docs/news/x.md", 7, "article-standard-unknown")]
    assert "GB/T 41568—2021" in found[0].message and "GB/T 41568—2022" in found[0].hint


def test_numbers_in_any_spelling_pass_and_an_unreadable_one_is_number_format(tmp_path):
    good = article("解读", "2026-01-05", "标准解读",
                   "[GB/T41568-2022, ＧＢ／Ｔ ４１５６８—２０２２, gb/t 41568–2022, SLJG 001-2023]")
    assert problems_of(tmp_path / "good", {"docs/news/x.md": good}) == []
    bad = article("解读", "2026-01-05", "标准解读", "[这不是标准号]")
    assert [(p.line, p.rule) for p in problems_of(tmp_path / "bad", {"docs/news/x.md": bad})] == [
        (5, "number-format")]


@pytest.mark.parametrize(("text", "rule", "line"), [
    (article("解读", "2026-01-05", "解读"), "article-category", 4),
    (article("解读", "2026-02-30", "标准解读"), "article-date", 3),
    (article("解读", "2026年1月5日", "标准解读"), "article-date", 3),
    (article("解读", "1900-01-05", "标准解读"), "article-date", 3),
    (article("解读", "2026-01-05", "标准解读", source="http://example.gov.cn/x"), "article-source", 7),
    (article("解读", "2026-01-05", "标准解读", categories="[标准解读]"), "article-field-unknown", 7),
    (article("[解读]", "2026-01-05", "标准解读"), "article-field-type", 2),
    (article("解读", "2026-01-05", "标准解读", summary='""'), "article-field-required", 6),
    ("---\ntitle: 解读\ndate: 2026-01-05\ncategory: 标准解读\nsummary: 摘要。\n---\n",
     "article-field-required", 1),
    (article("解读\\a", "2026-01-05", "标准解读").replace("title: 解读\\a", 'title: "解读\\a"'),
     "char-forbidden", 2),
    ("title: 解读\n", "frontmatter-missing", 1),
    (article("解读", "2026-01-05", "标准解读", body="- " * 25 + "x\n"), "body-too-deep", 9),
])
def test_each_article_rule_names_path_line_and_rule(tmp_path, text, rule, line):
    found = problems_of(tmp_path, {"docs/news/2026/x.md": text})
    assert [(p.path, p.line, p.rule) for p in found] == [("docs/news/2026/x.md", line, rule)], found


def test_an_unknown_key_suggests_the_nearest_field(tmp_path):
    found = problems_of(tmp_path, {"docs/news/x.md": article("解读", "2026-01-05", "标准解读",
                                                             sourse="https://example.gov.cn/")})
    assert found[0].rule == "article-field-unknown" and "source" in found[0].hint


def test_an_article_where_a_list_page_goes_is_refused(tmp_path):
    text = article("解读", "2026-01-05", "标准解读")
    for rel in ("docs/news/index.md", "docs/news/category/jiedu.md", "docs/news/year/2026.md"):
        found = problems_of(tmp_path / rel.replace("/", "_"), {rel: text})
        assert [(p.path, p.rule) for p in found] == [(rel, "article-path")]


def test_check_command_covers_articles_and_fails_with_path_and_line(tmp_path):
    bad = article("解读", "2026-01-05", "标准解读", "[GB/T 41568—2021]")
    project = project_with(tmp_path, {"docs/news/2026/deep/x.md": bad,
                                      "docs/news/ok.md": article("好", "2026-01-05", "工作动态")})
    whole = project.check()
    assert whole.returncode == 1
    assert "docs/news/2026/deep/x.md:5: article-standard-unknown" in whole.stdout
    assert "7 个文件" in whole.stderr  # 5 standards + 2 articles
    folder = project.check(str(project.root / "docs" / "news"))  # a folder: every depth
    assert folder.returncode == 1 and "docs/news/2026/deep/x.md:5:" in folder.stdout
    one = project.check(str(project.root / "docs" / "news" / "ok.md"))
    assert one.returncode == 0, one.stdout + one.stderr
    github = project.check("--format", "github")
    assert "::error file=docs/news/2026/deep/x.md,line=5,title=article-standard-unknown::" in github.stdout


def test_build_fails_on_an_article_error(tmp_path):
    project = project_with(tmp_path, {"docs/news/x.md": article("解读", "2026-01-05", "解读")})
    result = project.build()
    assert result.returncode != 0
    assert "docs/news/x.md:4: article-category" in result.output


def test_new_article_scaffold_fails_check_until_the_summary_is_written(tmp_path):
    project = project_with(tmp_path, {})
    made = project.run("-m", "hooks", "--root", str(project.root), "new", "--article",
                       "《公务用车调度服务规范》解读", "--category", "标准解读",
                       "--standard", "SLJG 001-2023", "--date", "2026-03-02")
    assert made.returncode == 0, made.stderr
    path = project.root / "docs/news/2026/gong-wu-yong-che-diao-du-fu-wu.md"
    first = project.check(str(path))
    assert first.returncode == 1 and "article-field-required" in first.stdout
    path.write_text(path.read_text(encoding="utf-8").replace(
        "summary:  #", "summary: 答问。 #"), encoding="utf-8")
    second = project.check(str(path))
    assert second.returncode == 0, second.stdout
    again = project.run("-m", "hooks", "--root", str(project.root), "new", "--article",
                        "《公务用车调度服务规范》解读", "--date", "2026-03-02")
    assert again.returncode == 0 and (path.parent / f"{path.stem}-2.md").is_file()  # never overwrites


# --------------------------------------------------------------------------- lists (unit)

def _articles(n: int) -> list[Article]:
    return [Article(path=f"docs/news/a{i}.md", src_uri=f"news/a{i}.md", title=f"第 {i} 篇",
                    date=date(2000 + i % 20, 1 + i % 12, 1), category=list(CATEGORIES)[i % 4],
                    summary="") for i in range(n)]


def test_long_lists_show_whole_years_and_link_the_earlier_ones():
    news = News(_articles(300))
    shown, earlier = shown_years(news.articles, None)
    years = sorted({a.year for a in shown}, reverse=True)
    assert LIST_LIMIT <= len(shown) < LIST_LIMIT + 15  # whole years: 15 articles a year
    assert shown == news.articles[:len(shown)]
    assert earlier == list(range(years[-1] - 1, 1999, -1))
    assert shown_years(news.select(None, 2005), 2005) == (news.select(None, 2005), [])


# --------------------------------------------------------------------------- pages

def test_the_list_is_newest_first_and_grouped_by_year(built):
    html = built.page("news/")
    assert titles(html) == ORDER
    assert re.findall(r'class="news-year__heading">(\d{4}) 年', html) == ["2026", "2025", "2019"]
    assert "共 <strong>5</strong> 篇" in html


def test_filters_are_pages_whose_url_holds_the_state(built):
    jiedu = built.page("news/category/jiedu/")
    assert titles(jiedu) == ["标准实施问答", "术语标准解读（示例）"]
    assert set(re.findall(r'class="news-item" data-category="([^"]+)"', jiedu)) == {"标准解读"}
    assert titles(built.page("news/year/2026/")) == ORDER[:3]
    both = built.page("news/year/2026/jiedu/")
    assert titles(both) == ["标准实施问答", "术语标准解读（示例）"]
    # The current choices are marked; the other chips keep the other filter.
    current = re.findall(r'<a class="news-chip news-chip--current" href="([^"]+)"[^>]*aria-current="page">([^<]+)', both)
    assert [label for _, label in current] == ["标准解读", "2026"]
    chips = dict(re.findall(r'<a class="news-chip[^"]*" href="([^"]+)" data-value="([^"]*)"', both))
    by_value = {v: h for h, v in chips.items()}
    # 全部 of either filter keeps the other one: news/year/2026/ and news/category/jiedu/.
    assert re.findall(r'href="([^"]+)" data-value=""', both) == ["../", "../../../category/jiedu/"]
    assert by_value["工作动态"] == "../dongtai/"  # another category in the same year
    # 2025 and 2019 have no 标准解读: not links, shown with 0.
    assert re.findall(r'<span class="news-chip news-chip--empty" data-value="(\d+)">', both) == ["2025", "2019"]
    for page in ("news/", "news/category/jiedu/", "news/year/2026/", "news/year/2026/jiedu/",
                 "news/category/zhengce/"):
        html = built.page(page)
        links = hrefs(html, '<nav class="news-filters"', "</nav>") + hrefs(html, 'class="news-count"', "</body>")
        for href in links:
            if not href.startswith(("http", "#")) and not href.endswith((".xml", ".json", ".js")):
                assert resolves(built.site, page, href), (page, href)
    states = json.loads(unescape(re.search(r'data-news-states="([^"]+)"', built.page("news/")).group(1)))
    assert states["标准解读|2026"] == "year/2026/jiedu/" and states["|"] == "./"


def test_article_page_shows_category_date_source_and_links_standards_with_badges(built):
    html = built.page("news/2026/a-jiedu/")
    assert '<h1 class="news-title">术语标准解读（示例）</h1>' in html
    assert 'class="news-cat news-cat--jiedu" href="../../category/jiedu/">标准解读</a>' in html
    assert '<time datetime="2026-05-01">' in html and 'class="std-sample"' in html
    part = html[html.index('class="news-stds"'):html.index("</section>", html.index('class="news-stds"'))]
    assert re.findall(r'data-status="([^"]+)">[^<]+</span> <a href="([^"]+)">([^<]+)</a>', part) == [
        ("现行", "../../../standards/gb-t-41568-2022/", "GB/T 41568—2022"),
        ("现行", "../../../standards/db42-t-1000-2024/", "DB42/T 1000—2024")]
    for href in re.findall(r'href="([^"]+)"', part):
        assert resolves(built.site, "news/2026/a-jiedu/", href)
    # The text is made safe as a standard's is: script shown as text, handlers dropped.
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert "onclick" not in html
    c = built.page("news/2025/c-shidian/")
    assert re.findall(r'class="std-badge" data-status="([^"]+)"', c) == ["被代替", "现行"]
    b = built.page("news/2026/sub/deeper/b-dongtai/")
    assert 'href="https://www.example.gov.cn/b.html" rel="noopener external"' in b
    assert 'class="std-sample"' not in b and 'class="news-stds"' not in b
    assert re.search(r'md-tabs__item--active">\s*<a[^>]*>\s*解读与动态', b)  # its tab is lit


def test_standard_page_lists_its_articles_and_links_back(built):
    html = built.page("standards/gb-t-41568-2022/")
    part = html[html.index('class="std-articles"'):html.index("</section>", html.index('class="std-articles"'))]
    rows = re.findall(r'<a class="std-articles__title" href="([^"]+)">([^<]+)</a> <a class="news-cat[^"]*" '
                      r'href="[^"]+">([^<]+)</a> <time datetime="([^"]+)"', part)
    assert [(t, c, d) for _, t, c, d in rows] == [("标准实施问答", "标准解读", "2026-05-01"),
                                                ("术语标准解读（示例）", "标准解读", "2026-05-01")]
    for href, *_ in rows:
        assert resolves(built.site, "standards/gb-t-41568-2022/", href)
    assert "解读与动态" in part
    assert 'class="std-articles"' not in built.page("standards/gb-t-9999-2026/")  # none: no list
    assert 'class="std-articles"' in built.page("standards/db42-t-1000-2019/")  # replaced: still listed


def test_home_page_shows_the_latest_articles(built):
    html = built.page("")
    part = html[html.index('class="home-panel home-news"'):]
    assert titles(part)[:5] == ORDER


# --------------------------------------------------------------------------- feed, data, search

def test_feed_is_well_formed_and_carries_the_articles_by_date(built):
    root = ET.parse(built.site / "feed.xml").getroot()
    entries = root.findall(f"{ATOM}entry")
    kinds = [e for e in entries if any(c.get("term") == "article" for c in e.findall(f"{ATOM}category"))]
    assert [e.findtext(f"{ATOM}title").split("：", 1)[1] for e in kinds] == ORDER
    published = [e.findtext(f"{ATOM}published") for e in entries]
    assert published == sorted(published, reverse=True)
    link = kinds[0].find(f"{ATOM}link").get("href")
    assert link == "news/2026/sub/deeper/b-dongtai/" and (built.site / link / "index.html").is_file()
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == len(entries)


def test_news_json_lists_the_articles_with_their_standards(built):
    data = json.loads((built.site / "news.json").read_text(encoding="utf-8"))
    assert data["count"] == 5 and [a["title"] for a in data["articles"]] == ORDER
    a = next(x for x in data["articles"] if x["title"] == "术语标准解读（示例）")
    assert a["category"] == "标准解读" and a["date"] == "2026-05-01" and a["sample"] is True
    assert [(s["number"], s["status"]) for s in a["standards"]] == [
        ("GB/T 41568—2022", "现行"), ("DB42/T 1000—2024", "现行")]
    for item in data["articles"]:
        assert (built.site / item["url"] / "index.html").is_file()
        for s in item["standards"]:
            assert (built.site / s["url"] / "index.html").is_file()


def test_a_word_found_only_in_one_article_is_in_the_search_index(built):
    meta = json.loads((built.site / "search" / "meta.json").read_text(encoding="utf-8"))
    block = meta["articles"]
    rows = [dict(zip(block["fields"], row, strict=True)) for row in block["rows"]]
    assert [r["title"] for r in rows] == ORDER
    standard_clauses = sum(row[meta["fields"].index("clauses")] for row in meta_rows(meta))
    first = standard_clauses + sum(r["clauses"] for r in rows[:2])  # a-jiedu is the third
    own = range(first, first + rows[2]["clauses"])
    for token in body_tokens("蓝鲸计划"):
        shard = json.loads((built.site / "search" / "body" /
                            f"{shard_of(token, meta['body']['shards'])}.json").read_text(encoding="utf-8"))
        assert [i for i in decode_postings(shard[token])] and all(i in own for i in decode_postings(shard[token]))
    text = json.loads((built.site / "search/text/news/2026/a-jiedu.json").read_text(encoding="utf-8"))
    assert any("蓝鲸计划" in clause[2] for clause in text)


def test_offline_build_links_articles_as_html_files(tmp_path):
    project = project_with(tmp_path, {k: v for k, v in ARTICLES.items() if "a-jiedu" in k})
    proc = project.run("-m", "hooks", "--root", str(project.root), "build", "--offline", epoch=FIXED_EPOCH)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    site = project.root / "site-offline"
    data = json.loads((site / "news.json").read_text(encoding="utf-8"))
    assert data["articles"][0]["url"] == "news/2026/a-jiedu.html"
    listing = (site / "news" / "index.html").read_text(encoding="utf-8")
    for href in re.findall(r'class="news-item__title"><a href="([^"]+)"', listing):
        assert href.endswith(".html") and (site / "news" / href).is_file()
    meta = json.loads((site / "search" / "meta.json").read_text(encoding="utf-8"))
    assert meta["articles"]["rows"][0][1] == "news/2026/a-jiedu.html"
    assert (site / "search" / "text" / "news" / "2026" / "a-jiedu.js").is_file()
