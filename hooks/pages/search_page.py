"""The search page (标准检索, `search/?q=…`): where the header box and the home page send a query.

Built for the first result (issue 18): it carries a form, the facets' choices and an empty
result list, not the catalogue's table of every standard, so a query costs the page, the theme,
search/meta.json and the postings of its own words. docs/assets/js/search-page.js draws the
results as soon as the index answers and fills the clause snippets in afterwards, only for the
results on screen. Without JavaScript the page says so and points to the catalogue (`catalogue/`,
the full table, which works without it; its own `?q=` view keeps working too).
"""

from __future__ import annotations

from mkdocs.structure.files import Files

from hooks.pages.catalogue import (
    WIDE_PAGE,
    domain_options,
    level_options,
    search_hint,
    status_options,
)
from hooks.pages.links import Linker, add_page
from hooks.pages.templating import render

SEARCH_SRC = "search.md"
TITLE = "标准检索"


def render_search_page(state, linker: Linker) -> str:
    cat = state.catalogue
    return render(
        "search_page.html",
        total=len(cat.entries),
        domains=domain_options(cat),
        domain_names={n.code: n.name for n in cat.nodes},
        levels=level_options(cat),
        statuses=status_options(cat),
        **search_hint(state, linker),
        script_url=linker.to_file("assets/js/search-page.js"),
        catalogue_url=linker.to_src("catalogue.md"),
        guide_url=linker.to_src("guide/search.md"),
    )


# Feature hooks (hooks/pipeline.py) ------------------------------------------------------------

def add_files(state, files: Files, config) -> None:
    add_page(files, config, SEARCH_SRC, WIDE_PAGE, in_nav=False)


def page_markdown(state, markdown: str, page) -> str | None:
    if page.file.src_uri != SEARCH_SRC:
        return None
    page.meta["title"] = TITLE
    return markdown


def page_content(state, html: str, page, files: Files) -> str | None:
    if page.file.src_uri != SEARCH_SRC:
        return None
    return render_search_page(state, Linker(files, page.url))
