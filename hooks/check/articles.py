"""Checking one article (docs/news/**.md) and turning it into an Article (spec section 7).

An article's front-matter has `title`, `date` (YYYY-MM-DD), `category` (one of the four of
hooks.model.article.CATEGORIES), `standards` (numbers in any spelling, possibly empty) and
`summary`, and may have `source` (the https address of the original publication). Every
problem is reported with its rule id and the line of the field, like a standard's:

- article-path: the file sits where a generated list page goes (news/index.md, news/category/,
  news/year/);
- article-field-required, article-field-unknown (with the nearest field name),
  article-field-type;
- article-date: not YYYY-MM-DD, not a real day, or outside 1949-10-01 … 2100-12-31;
- article-category: not one of the four (with the nearest);
- article-standard-unknown: a number the corpus does not hold (with the nearest numbers); a
  number that cannot be read at all is number-format / number-region, as in `replaces`;
- article-source: `source` is not an https:// address.

The file itself is read as a standard is (hooks.load.frontmatter: encoding, fences, safe YAML),
its texts pass the same character check and Markdown guard (hooks.check.characters,
hooks.check.markdown_guard; both called by hooks.load.articles), and its HTML is made safe when
the page is rendered, as a standard's text is (hooks.pages.sanitize, by hooks.pages.news).
"""

from __future__ import annotations

import difflib
import re
from urllib.parse import urlsplit

from hooks.check.problems import Problem
from hooks.check.registry import checks
from hooks.load.frontmatter import SourceFile
from hooks.model.article import CATEGORIES, NEWS_DIR, Article
from hooks.model.dates import EARLIEST, LATEST, in_range, parse_date
from hooks.model.numbers import NumberError, StandardNumber, parse_number
from hooks.model.standard import Standard

FIELDS = {"title": "标题", "date": "日期", "category": "类别", "standards": "相关标准",
          "summary": "摘要", "source": "原文链接"}
REQUIRED = ("title", "date", "category", "standards", "summary")
TEXT_FIELDS = ("title", "date", "category", "summary", "source")
MAX_TITLE = 200
# Generated pages (hooks.pages.news): an article may not take their place.
RESERVED_FILES = (f"{NEWS_DIR}/index.md",)
RESERVED_DIRS = (f"{NEWS_DIR}/category/", f"{NEWS_DIR}/year/")
_BLANK = re.compile(r"\s")
MAX_SUGGESTIONS = 3


def label(key: str) -> str:
    return f"{FIELDS[key]}（{key}）" if key in FIELDS else key


@checks("article-path")
def check_path(display: str, src_uri: str) -> Problem | None:
    """An article where the build writes a list page would replace that page."""
    if src_uri in RESERVED_FILES or src_uri.startswith(RESERVED_DIRS):
        return Problem(display, 1, "article-path",
                       f"{src_uri} 是网站自动生成的文章列表页的位置，文章不能放在这里",
                       "把文件移到 docs/news/ 下的其他位置（如 docs/news/2026/文件名.md）；"
                       "news/index.md、news/category/ 和 news/year/ 留给自动生成的列表")
    return None


@checks("article-field-required", "article-field-unknown", "article-field-type")
def check_fields(source: SourceFile) -> list[Problem]:
    """Required, unknown and mistyped keys."""
    meta = source.meta
    problems = []
    for key in REQUIRED:
        if key not in meta:
            hint = ("没有相关标准时写 standards: []" if key == "standards"
                    else f"在元数据中加一行 {key}: …")
            problems.append(Problem(source.path, source.fm_line, "article-field-required",
                                    f"缺少必填字段 {label(key)}", hint))
        elif key != "standards" and (meta[key] is None or
                                     (isinstance(meta[key], str) and not meta[key].strip())):
            problems.append(Problem(source.path, source.line_of(key), "article-field-required",
                                    f"{label(key)} 不能为空", "填写内容"))
    for key in meta:
        if key not in FIELDS:
            near = difflib.get_close_matches(key, list(FIELDS), n=1, cutoff=0.6)
            hint = (f"是否想写 {near[0]}？" if near else
                    "文章只有 " + "、".join(FIELDS) + " 这些字段（见编写指南“解读与动态”）")
            problems.append(Problem(source.path, source.line_of(key), "article-field-unknown",
                                    f"未知字段“{key}”", hint))
    for key in TEXT_FIELDS:
        value = meta.get(key)
        if value is not None and not isinstance(value, str):
            problems.append(Problem(source.path, source.line_of(key), "article-field-type",
                                    f"{label(key)} 应为一行文字", "去掉方括号或缩进，写成 键: 文字"))
    title = meta.get("title")
    if isinstance(title, str) and len(title.strip()) > MAX_TITLE:
        problems.append(Problem(source.path, source.line_of("title"), "article-field-type",
                                f"{label('title')} 超过 {MAX_TITLE} 个字符", "请精简标题"))
    numbers = meta.get("standards")
    items = numbers if isinstance(numbers, list) else [numbers]
    if numbers is not None and not isinstance(numbers, str):
        for i, item in enumerate(items):
            if not isinstance(item, str):
                problems.append(Problem(
                    source.path, source.line_of("standards", i if isinstance(numbers, list) else None),
                    "article-field-type", f"{label('standards')} 应为标准号的列表",
                    "写成 standards: [GB/T 41568—2022, DB51/T 2610—2019]；没有时写 standards: []"))
    return problems


@checks("article-date")
def check_date(source: SourceFile) -> tuple[object, list[Problem]]:
    """The article's date, or None with a problem."""
    value = source.meta.get("date")
    if not isinstance(value, str) or not value.strip():
        return None, []  # missing or mistyped: article-field-required / -type say so
    day = parse_date(value.strip())
    line = source.line_of("date")
    if day is None:
        return None, [Problem(source.path, line, "article-date",
                              f"日期“{value[:40]}”格式错误或不是真实的日期",
                              "写作 YYYY-MM-DD，如 2018-03-16")]
    if not in_range(day):
        return None, [Problem(source.path, line, "article-date", f"日期 {day} 超出合理范围",
                              f"日期应在 {EARLIEST} 至 {LATEST} 之间：核对年份")]
    return day, []


@checks("article-category")
def check_category(source: SourceFile) -> list[Problem]:
    value = source.meta.get("category")
    if not isinstance(value, str) or not value.strip() or value.strip() in CATEGORIES:
        return []
    near = difflib.get_close_matches(value.strip(), list(CATEGORIES), n=1, cutoff=0.3)
    hint = (f"是否想写 {near[0]}？" if near else "") + "可选：" + "、".join(CATEGORIES)
    return [Problem(source.path, source.line_of("category"), "article-category",
                    f"类别“{value.strip()[:40]}”无效", hint)]


@checks("article-source")
def check_source_url(source: SourceFile) -> list[Problem]:
    value = source.meta.get("source")
    if not isinstance(value, str) or not value.strip():
        return []
    url = value.strip()
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.netloc and not _BLANK.search(url):
        return []
    return [Problem(source.path, source.line_of("source"), "article-source",
                    f"原文链接“{url[:60]}”不是 https:// 网址",
                    "写原文发布页面的完整地址，以 https:// 开头；没有网上原文时删除这一行")]


def _nearest(raw: str, number: StandardNumber | None, codes: dict[str, Standard]) -> list[str]:
    """Numbers of the corpus a mistyped one most likely means: the same code and number in
    another year or with other leading zeros first, then the closest spellings."""
    found: list[str] = []
    if number is not None:
        want = (number.code, _parts(number.seq))
        found += [c for c, std in codes.items() if (std.number.code, _parts(std.number.seq)) == want]
    found += difflib.get_close_matches(number.canonical if number else raw, list(codes),
                                       n=MAX_SUGGESTIONS, cutoff=0.6)
    return list(dict.fromkeys(found))[:MAX_SUGGESTIONS]


def _parts(seq: str) -> tuple[int, ...]:
    return tuple(int(p) for p in seq.split(".") if p.isdigit())


@checks("article-standard-unknown")
def check_standards(source: SourceFile, codes: dict[str, Standard]) -> tuple[list[Standard], list[Problem]]:
    """The standards the article names, in order (each once); a number the corpus does not hold
    is article-standard-unknown, one that cannot be read is the number's own rule."""
    value = source.meta.get("standards")
    listed = value if isinstance(value, list) else [value] if isinstance(value, str) else []
    found: list[Standard] = []
    problems = []
    for i, raw in enumerate(listed):
        if not isinstance(raw, str) or not raw.strip():
            continue  # article-field-type
        line = source.line_of("standards", i if isinstance(value, list) else None)
        text = raw.strip()
        std = codes.get(text)  # exactly as the corpus writes it (also a plan's number)
        number = None
        if std is None:
            try:
                number = parse_number(text)
            except NumberError as exc:
                problems.append(Problem(source.path, line, exc.rule,
                                        f"相关标准：{exc.message}", exc.hint))
                continue
            std = codes.get(number.canonical)
        if std is None:
            near = _nearest(text, number, codes)
            hint = ("是否想写 " + "、".join(near) + "？" if near else
                    "先在 standards/ 中收录这项标准（没有全文时可只写题录），或删除这一项")
            problems.append(Problem(source.path, line, "article-standard-unknown",
                                    f"相关标准 {number.canonical if number else text} 不在本站收录的标准中", hint))
            continue
        if std not in found:
            found.append(std)
    return found, problems


def build_article(source: SourceFile, src_uri: str, codes: dict[str, Standard],
                  problems: list[Problem]) -> Article | None:
    """Check one article file; the Article, or None when it has an error."""
    found: list[Problem] = []
    place = check_path(source.path, src_uri)
    if place is not None:
        found.append(place)
    found += check_fields(source)
    day, date_problems = check_date(source)
    found += date_problems
    found += check_category(source)
    found += check_source_url(source)
    standards, number_problems = check_standards(source, codes)
    found += number_problems
    problems.extend(found)
    if any(p.is_error for p in found) or day is None:
        return None
    meta = source.meta
    return Article(
        path=source.path, src_uri=src_uri, title=meta["title"].strip(), date=day,
        category=meta["category"].strip(), summary=meta["summary"].strip(),
        source=(meta.get("source") or "").strip(), standards=standards, body=source.body,
        body_line=source.body_line, lines=dict(source.key_lines),
    )
