"""Reading the articles: every Markdown file under docs/news/ (any depth) → checked Articles.

Called by hooks.corpus.load_corpus after the standards are loaded and derived (an article's
`standards` are looked up among them), so `python -m hooks check`, every `mkdocs build` and the
rule fixtures check articles with the standards. Each file is read as a standard file is
(hooks.load.frontmatter), passes the same character check (hooks.check.characters) and Markdown
guard (hooks.check.markdown_guard: nesting and pathological input, before MkDocs parses it), then
the article checks (hooks.check.articles). Its rendered HTML goes through the same allow-list as
a standard's text (hooks.pages.sanitize, in hooks.pages.news). Problems are collected, never
raised.
"""

from __future__ import annotations

import os
from pathlib import Path

from hooks.check import characters, markdown_guard
from hooks.check.articles import build_article
from hooks.check.problems import Problem
from hooks.load.frontmatter import read_source
from hooks.model.article import DOCS_DIR, NEWS_DIR, Article, newest_first
from hooks.model.standard import Standard

ARTICLE_SUFFIX = ".md"  # what MkDocs renders as a page


def news_dir(root: Path) -> Path:
    return Path(root) / DOCS_DIR / NEWS_DIR


def article_files(root: Path) -> list[Path]:
    """Every `*.md` below docs/news/, in path order; hidden files and folders are skipped."""
    base = news_dir(root)
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(base):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found += [Path(dirpath) / name for name in sorted(filenames)
                  if name.endswith(ARTICLE_SUFFIX) and not name.startswith(".")]
    return sorted(found, key=lambda p: p.relative_to(base).as_posix())


def is_article_path(path: Path, root: Path) -> bool:
    """Whether a path given to `check` is an article (read with the others, not as a standard)."""
    try:
        return Path(path).absolute().is_relative_to(news_dir(root).absolute())
    except OSError:
        return False


def load_articles(root: Path, standards: list[Standard],
                  problems: list[Problem]) -> tuple[list[Article], list[str]]:
    """(the articles without errors, newest first; the display path of every article read)."""
    root = Path(root)
    codes = {std.code: std for std in standards}
    articles: list[Article] = []
    shown: list[str] = []
    base = news_dir(root)
    for path in article_files(root):
        display = path.relative_to(root).as_posix()
        shown.append(display)
        source = read_source(path, display, problems)
        if source is None:
            continue
        problems.extend(characters.check_source(source))  # what every output can carry
        problems.extend(markdown_guard.check_source(source))  # bounded Markdown, as for standards
        src_uri = f"{NEWS_DIR}/{path.relative_to(base).as_posix()}"
        article = build_article(source, src_uri, codes, problems)
        if article is not None:
            articles.append(article)
    return newest_first(articles), shown
