"""The home page's dynamic blocks: docs/index.md holds the prose and markers such as
`<!-- home:stats -->`, which are replaced here with HTML from templates/home.html."""

from __future__ import annotations

import re

from mkdocs.structure.files import Files

from hooks.model.sorting import by_number, newest_first
from hooks.model.standard import STATUS_DRAFT, STATUS_UPCOMING
from hooks.pages import news
from hooks.pages.catalogue import CATALOGUE_SRC, catalogue_url, status_key, status_value
from hooks.pages.drafts import PROGRESS_SRC
from hooks.pages.framework_pages import FRAMEWORK_SRC, REVIEWS_SRC, STATUS_GROUPS, std_item
from hooks.pages.links import Linker, domain_src
from hooks.pages.search_page import SEARCH_SRC
from hooks.pages.templating import render

HOME_SRC = "index.md"
MARKER = re.compile(r"<!-- home:(search|stats|latest|news|entries|downloads) -->")
LATEST = 6


def status_stats(counts: dict[str, int], linker: Linker) -> list[dict[str, object]]:
    """One figure per status group (被代替 and 废止 together); 制定中 only when there are drafts."""
    stats = []
    for title, statuses in STATUS_GROUPS:
        n = sum(counts[st] for st in statuses)
        if STATUS_DRAFT in statuses and not n:
            continue
        url = (linker.to_src(PROGRESS_SRC) if STATUS_DRAFT in statuses  # hooks.pages.drafts
               else catalogue_url(linker, status=status_value(statuses)))  # 被代替,废止: both
        stats.append({"title": title, "key": status_key(statuses[0]), "n": n, "url": url})
    return stats


def render_part(part: str, state, linker: Linker) -> str:
    if part == "news":  # latest articles: hooks/pages/news.py, templates/news_home.html
        return news.home_html(state, linker)
    cat = state.catalogue
    ctx: dict[str, object] = {"part": part}
    if part == "search":
        ctx["action"] = linker.to_src(CATALOGUE_SRC)  # without JavaScript: the whole table
        ctx["search_page"] = linker.to_src(SEARCH_SRC)  # with it: search.js opens search/?q=
    elif part == "stats":
        counts = cat.status_counts()
        ctx.update(
            total=len(cat.standards), counts=counts, today=cat.today,
            reviews=len(cat.reviews()),
            links={"total": catalogue_url(linker), "reviews": linker.to_src(REVIEWS_SRC)},
            stats=status_stats(counts, linker),
        )
    elif part == "latest":
        upcoming = by_number([s for s in cat.standards if s.status == STATUS_UPCOMING])
        upcoming.sort(key=lambda s: s.effective)  # upcoming ones always have a date
        ctx.update(
            latest=[std_item(s, linker) for s in newest_first(cat.standards)[:LATEST]],
            upcoming=[std_item(s, linker) for s in upcoming[:LATEST]],
            more_upcoming=catalogue_url(linker, status=STATUS_UPCOMING),
            more_latest=catalogue_url(linker, sort="-issued"),
        )
    elif part == "entries":
        ctx.update(
            domains=[{"node": n, "count": cat.count(n), "url": linker.to_src(domain_src(n.slug))}
                     for n in cat.corpus.framework.roots],
            levels=[{"level": lv, "count": sum(1 for s in cat.standards if s.level == lv),
                     "url": catalogue_url(linker, level=lv)} for lv in cat.levels()],
            framework_url=linker.to_src(FRAMEWORK_SRC),
        )
    elif part == "downloads":
        ctx.update({name.replace(".", "_"): linker.to_file(name) for name in
                    ("catalogue.xlsx", "catalogue.csv", "catalogue.json", "feed.xml")})
    return render("home.html", **ctx)


def page_content(state, html: str, page, files: Files) -> str | None:
    if page.file.src_uri != HOME_SRC:
        return None
    linker = Linker(files, page.url)
    return MARKER.sub(lambda m: render_part(m.group(1), state, linker), html)
