"""An article (文章) under docs/news/: 标准解读, 工作动态, 试点示范 or 政策文件 (spec section 7).

Articles are ordinary pages of the site (MkDocs renders their Markdown) that the build also
reads as data: hooks.load.articles reads and checks them, hooks.pages.news lists them and links
them with the standards they name in `standards`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from hooks.model.sorting import pinyin_key
from hooks.model.standard import Standard

NEWS_DIR = "news"  # under docs/: every Markdown file below it is an article
DOCS_DIR = "docs"
# The four categories, in the order filters show them, each with the ASCII key its filter page
# and CSS class use (news/category/<key>/, .news-cat--<key>).
CATEGORIES: dict[str, str] = {
    "标准解读": "jiedu",
    "工作动态": "dongtai",
    "试点示范": "shidian",
    "政策文件": "zhengce",
}
SAMPLE_MARK = "（示例）"  # as for standards (hooks.derive.presentation): written by this project


@dataclass(eq=False)
class Article:
    """One article file, checked; `standards` are the corpus's standards it names, in order."""

    path: str  # as shown in messages: "docs/news/2018/notice.md"
    src_uri: str  # the page's source under docs/: "news/2018/notice.md"
    title: str
    date: date
    category: str
    summary: str
    source: str = ""
    standards: list[Standard] = field(default_factory=list)
    body: str = ""
    body_line: int = 1
    lines: dict[str, int] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """The page's path under news/ without .md: "2018/notice" (unique: it is a file path)."""
        return self.src_uri.removeprefix(f"{NEWS_DIR}/").removesuffix(".md")

    @property
    def url(self) -> str:
        """Page URL relative to the site root (directory URLs): "news/2018/notice/"."""
        return f"{NEWS_DIR}/{self.key}/"

    @property
    def category_key(self) -> str:
        return CATEGORIES[self.category]

    @property
    def sample(self) -> bool:
        """Written by this project as an example (示例), like a sample standard."""
        return SAMPLE_MARK in self.title

    @property
    def year(self) -> int:
        return self.date.year


def newest_first(articles: list[Article]) -> list[Article]:
    """By date, newest first; on the same day by title in pinyin order, then path (a stable,
    total order)."""
    ordered = sorted(articles, key=lambda a: (pinyin_key(a.title), a.src_uri))
    return sorted(ordered, key=lambda a: a.date, reverse=True)
