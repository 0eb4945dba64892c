"""Articles (docs/news/) in the site search: their rows of search/meta.json and their clauses.

The standards' index (hooks/search/index.py) is unchanged for a site without articles. With
articles, meta.json gains one block,

    "articles": {"fields": ARTICLE_FIELDS, "rows": [[key, url, title, category, date, year,
                 summary, py_title, clauses], …]}

and their clauses follow every standard's in the full-text index (clause ids continue after the
last standard's), split as a standard's text is (`clauses()`); each article's clauses are in
`text/news/<key>.json` for snippets. docs/assets/js/search.js reads the block as records of kind
"article": matched like a standard's title, summary and text, labelled 文章, ranked a little
below an equally good standard (ARTICLE_PENALTY there), and left out of the catalogue's results.
"""

from __future__ import annotations

import re

from hooks.model.article import NEWS_DIR, Article

ARTICLE_FIELDS = ["key", "url", "title", "category", "date", "year", "summary", "py_title",
                  "clauses"]


# An admonition's first line (`!!! note "来源"`, `??? tip`): only its title is text.
ADMONITION = re.compile(r'^(\s*)(?:!!!|\?\?\?\+?)\s+[\w-]+(?:\s+"([^"]*)")?\s*$', re.M)


def searchable(article: Article) -> str:
    """The article's Markdown as the index reads it: admonition markers give their title only
    (the line count is unchanged, so clauses keep their lines)."""
    return ADMONITION.sub(lambda m: m.group(1) + (m.group(2) or ""), article.body)


def slug(article: Article) -> str:
    """The article's id in the index (and its text file's name): never a standard's slug,
    which has no "/"."""
    return f"{NEWS_DIR}/{article.key}"


def url(article: Article, directory_urls: bool) -> str:
    return article.url if directory_urls else f"{NEWS_DIR}/{article.key}.html"


def block(articles: list[Article], directory_urls: bool, clauses, pinyin) -> dict[str, object]:
    """meta.json's `articles` block; `clauses(article)` gives its clauses, `pinyin(texts)` the
    pinyin field (both from hooks.search.index, so articles are read as standards are)."""
    rows = [[a.key, url(a, directory_urls), a.title, a.category, a.date.isoformat(),
             str(a.year), a.summary, pinyin((a.title,)), len(clauses(a))] for a in articles]
    return {"fields": ARTICLE_FIELDS, "rows": rows}
