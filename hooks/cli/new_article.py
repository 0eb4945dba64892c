"""`python -m hooks new --article "标题" [--category 类别] [--standard 标准号 …] [--date 日期]`:
a new article under docs/news/<year>/ from the article template (spec section 7).

The file name is the title's toneless pinyin (at most MAX_SYLLABLES syllables), or --name. The
summary is left empty, so `check` fails (article-field-required) until the editor writes one;
the body is a comment that says what goes there. Nothing is ever overwritten.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from hooks.check.problems import one_line
from hooks.model.article import CATEGORIES, DOCS_DIR, NEWS_DIR
from hooks.model.dates import build_date, parse_date
from hooks.model.pinyin import pinyin

MAX_SYLLABLES = 8
DEFAULT_CATEGORY = "标准解读"
TEMPLATE = """\
---
title: {title}
date: {date}
category: {category}
standards: [{standards}]  # 本站收录的标准号，任何常见写法均可；没有相关标准时写 []
summary:  # 一两句话概括文章，显示在文章列表和检索结果中（必填）
# source: https://…  # 转载的原文（如政府网站上的通知）的发布页面；本站撰写的文章删除这一行
---

<!-- 在这里写正文（Markdown）。本站撰写的示例文章在标题末尾加“（示例）”。写法见编写指南“解读与动态”。 -->
"""


def file_stem(title: str) -> str:
    """ASCII file name from the title: its pinyin syllables, then any Latin letters and digits."""
    words = [w.lower() for piece in pinyin(title) for w in re.findall(r"[A-Za-z0-9]+", piece)]
    return "-".join(words[:MAX_SYLLABLES]) or "article"


def free_path(directory: Path, stem: str) -> Path:
    path, n = directory / f"{stem}.md", 2
    while path.exists():
        path, n = directory / f"{stem}-{n}.md", n + 1
    return path


def cmd_new_article(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve()
    title = args.number.strip()  # `new`'s positional argument is the title here
    day = parse_date(args.date) if args.date else build_date()
    if not title or day is None:
        what = "标题为空" if not title else f"日期“{args.date}”应写作 YYYY-MM-DD"
        print(one_line(f"new --article: {what}"), file=sys.stderr)
        return 2
    directory = root / DOCS_DIR / NEWS_DIR / str(day.year)
    if args.name:
        path = directory / f"{args.name.removesuffix('.md')}.md"
        if path.exists():
            print(one_line(f"{path.relative_to(root).as_posix()}: file-exists 文件已经存在，未做任何改动"),
                  file=sys.stderr)
            return 1
    else:
        path = free_path(directory, file_stem(title))
    text = TEMPLATE.format(title=title, date=day.isoformat(), category=args.category,
                           standards=", ".join(args.standard or []))
    directory.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # never overwrite
        handle.write(text)
    shown = path.relative_to(root).as_posix()
    print(f"已新建 {shown}。")
    print("下一步：")
    print(f"  1. 打开 {shown}，写摘要（summary）和正文；核对类别、日期和相关标准；")
    print(f"  2. 检查：python -m hooks check {shown}")
    url = path.relative_to(root / DOCS_DIR).as_posix().removesuffix(".md")
    print(f"  3. 预览：mkdocs serve，然后在浏览器中打开 http://127.0.0.1:8000/{url}/")
    return 0


def add_arguments(new: argparse.ArgumentParser) -> None:
    """The `new` command's options for an article."""
    new.add_argument("--article", action="store_true",
                     help="新建一篇解读与动态文章（docs/news/）：这时第一个参数是文章标题")
    new.add_argument("--category", choices=list(CATEGORIES), default=DEFAULT_CATEGORY,
                     help=f"文章类别（--article），默认 {DEFAULT_CATEGORY}")
    new.add_argument("--standard", action="append", metavar="标准号",
                     help="文章涉及的标准（--article），可写多次")
    new.add_argument("--date", help="文章日期 YYYY-MM-DD（--article），默认今天")
    new.add_argument("--name", help="文件名（--article），默认取标题的拼音")
