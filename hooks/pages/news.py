"""解读与动态 (spec section 7): the article lists under news/, each article's page, the 解读与动态
list on a standard's page, the latest articles on the home page, and news.json.

Lists, newest first and grouped by year, one static page per filter state, so the filters work
without JavaScript and their state is the URL:

    news/                        every article
    news/category/<key>/         one category (key: hooks.model.article.CATEGORIES)
    news/year/<yyyy>/            one year
    news/year/<yyyy>/<key>/      one year, one category

A list holding more than LIST_LIMIT articles shows whole years up to that many and links the
earlier years' pages (a year page always shows its whole year). With JavaScript, a list page
opened with `?category=标准解读&year=2018` goes to the page of that state
(docs/assets/js/news.js), so the catalogue's query style works here too.

An article's page (its own Markdown, rendered by MkDocs) gets 当前位置, its category, date,
source and 示例 mark, and its standards with their status badges (`data-status`); its text is
made safe exactly as a standard's is (hooks.pages.sanitize).
"""

from __future__ import annotations

import json
from pathlib import Path

from markupsafe import escape
from mkdocs.structure.files import Files

from hooks import render_cache
from hooks.model.article import CATEGORIES, NEWS_DIR, Article, newest_first
from hooks.model.standard import Standard
from hooks.pages.catalogue import status_key
from hooks.pages.links import Linker, add_page, standard_src
from hooks.pages.sanitize import sanitize_html
from hooks.pages.templating import render

NEWS_SRC = f"{NEWS_DIR}/index.md"
NEWS_TITLE = "解读与动态"
NEWS_JSON = "news.json"
NEWS_JS = "assets/js/news.js"
LIST_PAGE = "---\nhide:\n  - navigation\n  - toc\n---\n"
LIST_LIMIT = 50  # articles on one list page before earlier years go to their own pages
HOME_LATEST = 5
FORMAT_VERSION = 1

Filter = tuple[str | None, int | None]  # (category, year); None: all


def filter_src(category: str | None, year: int | None) -> str:
    """The source path of the list page for a filter state."""
    key = CATEGORIES[category] if category else None
    if year is None:
        return NEWS_SRC if key is None else f"{NEWS_DIR}/category/{key}.md"
    return f"{NEWS_DIR}/year/{year}.md" if key is None else f"{NEWS_DIR}/year/{year}/{key}.md"


def filter_title(category: str | None, year: int | None) -> str:
    parts = [p for p in (f"{year} 年" if year else "", category or "") if p]
    return f"{NEWS_TITLE}：{' · '.join(parts)}" if parts else NEWS_TITLE


class News:
    """The articles of one build, newest first, and what the pages need to know about them."""

    def __init__(self, articles: list[Article]) -> None:
        self.articles = newest_first(articles)
        self.by_src = {a.src_uri: a for a in self.articles}
        self.about: dict[str, list[Article]] = {}  # standard slug → its articles, newest first
        for article in self.articles:
            for std in article.standards:
                self.about.setdefault(std.slug, []).append(article)
        self.years = sorted({a.year for a in self.articles}, reverse=True)
        self.lists: dict[str, Filter] = {filter_src(None, None): (None, None)}
        self.lists.update({filter_src(c, None): (c, None) for c in CATEGORIES})
        for year in self.years:
            self.lists[filter_src(None, year)] = (None, year)
            self.lists.update({filter_src(c, year): (c, year) for c in CATEGORIES
                               if self.select(c, year)})

    def select(self, category: str | None = None, year: int | None = None) -> list[Article]:
        return [a for a in self.articles if (category is None or a.category == category)
                and (year is None or a.year == year)]


def _news(state) -> News:
    return state.news if state.news is not None else News([])


# Items for templates ----------------------------------------------------------------------------

def std_ref(std: Standard, linker: Linker) -> dict[str, object]:
    return {"code": std.code, "title": std.title, "status": std.status,
            "status_key": status_key(std.status), "url": linker.to_src(standard_src(std.slug))}


def article_item(article: Article, linker: Linker, *, standards: bool = True) -> dict[str, object]:
    return {
        "a": article, "url": linker.to_src(article.src_uri),
        "category_url": linker.to_src(filter_src(article.category, None)),
        "standards": [std_ref(s, linker) for s in article.standards] if standards else [],
    }


def _groups(articles: list[Article], linker: Linker) -> list[dict[str, object]]:
    groups: list[dict[str, object]] = []
    for article in articles:
        if not groups or groups[-1]["year"] != article.year:
            groups.append({"year": article.year, "entries": []})
        groups[-1]["entries"].append(article_item(article, linker))
    return groups


def shown_years(articles: list[Article], year: int | None) -> tuple[list[Article], list[int]]:
    """(the articles this page shows, the earlier years it links instead): whole years up to
    LIST_LIMIT articles, at least one year; a year page shows all of its year."""
    if year is not None or len(articles) <= LIST_LIMIT:
        return articles, []
    shown: list[Article] = []
    years = sorted({a.year for a in articles}, reverse=True)
    for i, y in enumerate(years):
        if shown and len(shown) >= LIST_LIMIT:
            return shown, years[i:]
        shown += [a for a in articles if a.year == y]
    return shown, []


def render_list(state, src: str, linker: Linker) -> str:
    news = _news(state)
    category, year = news.lists[src]
    articles = news.select(category, year)
    shown, earlier = shown_years(articles, year)

    def link(c: str | None, y: int | None) -> str | None:
        target = filter_src(c, y)
        return linker.to_src(target) if target in news.lists else None

    categories = [{"label": "全部", "value": "", "n": len(news.select(None, year)),
                   "url": link(None, year), "current": category is None}]
    categories += [{"label": c, "value": c, "key": CATEGORIES[c], "n": len(news.select(c, year)),
                    "url": link(c, year), "current": category == c} for c in CATEGORIES]
    years = [{"label": "全部", "value": "", "n": len(news.select(category, None)),
              "url": link(category, None), "current": year is None}]
    years += [{"label": str(y), "value": str(y), "n": len(news.select(category, y)),
               "url": link(category, y), "current": year == y} for y in news.years]
    # Every filter state's page, for news.js (?category=…&year=… → the page of that state).
    states = {f"{c or ''}|{y or ''}": linker.to_src(s) for s, (c, y) in news.lists.items()}
    return render(
        "news_list.html",
        title=filter_title(category, year), category=category, year=year,
        total=len(news.articles), count=len(articles), groups=_groups(shown, linker),
        earlier=[{"year": y, "n": len(news.select(category, y)), "url": link(category, y)}
                 for y in earlier],
        categories=categories, years=years, states=json.dumps(states, ensure_ascii=False),
        all_url=linker.to_src(NEWS_SRC), script_url=linker.to_file(NEWS_JS),
        feed_url=linker.to_file("feed.xml"), json_url=linker.to_file(NEWS_JSON),
        guide_url=linker.to_src("guide/news.md"),
    )


def render_article(state, article: Article, html: str, linker: Linker) -> str:
    # The text is editors' Markdown (raw HTML passes through): made safe as a standard's text is.
    text = render_cache.memo(sanitize_html, html)
    return render(
        "news_article.html", item=article_item(article, linker), text=text,
        crumbs=[{"label": NEWS_TITLE, "url": linker.to_src(NEWS_SRC)},
                {"label": article.category, "url": linker.to_src(filter_src(article.category, None))}],
        all_url=linker.to_src(NEWS_SRC),
    )


# Pipeline steps (hooks/pipeline.py) -------------------------------------------------------------

def add_files(state, files: Files, config) -> None:
    """ADD_FILES: the list pages (news/ in the navigation, the filtered ones beside it)."""
    for src in _news(state).lists:
        add_page(files, config, src, LIST_PAGE, in_nav=src == NEWS_SRC)


def page_markdown(state, markdown: str, page) -> str | None:
    """PAGE_MARKDOWN: titles of the list pages; an article's title and description."""
    news = _news(state)
    src = page.file.src_uri
    if src in news.lists:
        page.meta["title"] = filter_title(*news.lists[src])
        return markdown
    article = news.by_src.get(src)
    if article is None:
        return None
    # The theme prints title and description unescaped: escape them here, once.
    page.meta["title"] = str(escape(article.title))
    page.meta["description"] = str(escape(article.summary))
    page.meta["hide"] = ["navigation"]  # not in the navigation: no empty left column
    return markdown


def page_content(state, html: str, page, files: Files) -> str | None:
    """PAGE_CONTENT: the list pages, and each article's page around its text."""
    news = _news(state)
    src = page.file.src_uri
    if src in news.lists:
        return render_list(state, src, Linker(files, page.url))
    article = news.by_src.get(src)
    if article is None:
        return None
    return render_article(state, article, html, Linker(files, page.url))


def standard_articles(state, std: Standard, page, linker: Linker) -> str:
    """STANDARD_EXTRA: 解读与动态 on a standard's page (标题, 类别, 日期); nothing when none."""
    about = _news(state).about.get(std.slug)
    if not about:
        return ""
    return render("std_articles.html", items=[article_item(a, linker, standards=False) for a in about],
                  all_url=linker.to_src(NEWS_SRC))


def home_html(state, linker: Linker) -> str:
    """The home page's latest articles (hooks.pages.home, marker `<!-- home:news -->`)."""
    news = _news(state)
    if not news.articles:
        return ""
    return render("news_home.html", items=[article_item(a, linker, standards=False)
                                           for a in news.articles[:HOME_LATEST]],
                  all_url=linker.to_src(NEWS_SRC))


def article_url(article: Article, directory_urls: bool) -> str:
    """The article's page relative to the site root, as the build writes it."""
    return article.url if directory_urls else f"{NEWS_DIR}/{article.key}.html"


def news_json(state, directory_urls: bool = True) -> str:
    news = _news(state)
    page = (lambda std: std.url) if directory_urls else (lambda std: f"standards/{std.slug}.html")
    data = {
        "format_version": FORMAT_VERSION,
        "status_date": state.today.isoformat(),
        "count": len(news.articles),
        "categories": list(CATEGORIES),
        "articles": [
            {"title": a.title, "date": a.date.isoformat(), "category": a.category,
             "summary": a.summary, "source": a.source or None, "sample": a.sample,
             "url": article_url(a, directory_urls), "path": a.path,
             "standards": [{"number": s.code, "slug": s.slug, "title": s.title,
                            "status": s.status, "url": page(s)} for s in a.standards]}
            for a in news.articles
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_outputs(state, site_dir: Path, config=None) -> None:
    """WRITE_OUTPUTS: news.json beside catalogue.json."""
    directory_urls = bool(config.use_directory_urls) if config is not None else True
    site_dir.mkdir(parents=True, exist_ok=True)
    (site_dir / NEWS_JSON).write_text(news_json(state, directory_urls), encoding="utf-8")
