"""Where a page sits: the 当前位置 trail of standard and 条文对照 pages, and the lit top tab.

Standard pages and the pages under them are not in the navigation, so the theme neither shows a
trail nor highlights a tab there. A standard's trail is 标准目录 › its domain's ancestors › its
domain › the standard (domain pages are the framework's: their trail starts at 标准体系, written
by hooks/pages/framework_pages.py); a 条文对照 page adds itself after its standard.
The tab of the section a page belongs to is lit by handing the theme a navigation whose item
for that section reports itself active (`active_tab`); the real navigation is not changed.
"""

from __future__ import annotations

from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from hooks.model.standard import Standard
from hooks.pages.catalogue import CATALOGUE_SRC
from hooks.pages.framework_pages import FRAMEWORK_SRC
from hooks.pages.links import Linker, domain_src, standard_src
from hooks.pages.templating import render

CATALOGUE_LABEL = "标准目录"
NEWS_PREFIX, NEWS_SRC = "news/", "news/index.md"


def standard_trail(std: Standard, linker: Linker) -> list[dict[str, str | None]]:
    """标准目录 › domains, each {"label", "url"}; the standard itself is the current page."""
    node = std.domain
    items: list[dict[str, str | None]] = [
        {"label": CATALOGUE_LABEL, "url": linker.to_src(CATALOGUE_SRC)}]
    items += [{"label": n.label, "url": linker.to_src(domain_src(n.slug))}
              for n in [*node.ancestors, node]]
    return items


def render_trail(items: list[dict[str, str | None]], current: str) -> str:
    return render("std_crumbs.html", items=items, current=current)


def changes_page(state, html: str, page, files: Files) -> str:
    """A 条文对照 page's content with its trail in front (other pages: unchanged)."""
    pair = state.changes.get(page.file.src_uri)
    if pair is None:
        return html
    new = pair[0]
    linker = Linker(files, page.url)
    items = standard_trail(new, linker)
    items.append({"label": new.code, "url": linker.to_src(standard_src(new.slug))})
    return render_trail(items, "条文对照") + "\n" + html


def section_of(state, src_uri: str) -> str | None:
    """The source path of the top-level page whose tab a generated page belongs under."""
    if src_uri in state.pages or src_uri in state.changes:
        return CATALOGUE_SRC
    if src_uri.startswith("domains/"):
        return FRAMEWORK_SRC
    if src_uri.startswith(NEWS_PREFIX):  # articles and filtered lists: 解读与动态 (hooks.pages.news)
        return NEWS_SRC
    return None


class _Lit:
    """A navigation item that reports itself active, so the theme lights its tab."""

    active = True

    def __init__(self, item) -> None:
        self._item = item

    def __getattr__(self, name: str):
        return getattr(self._item, name)


def active_tab(state, nav: Navigation | None, src_uri: str) -> Navigation | None:
    """`nav` with the item of the page's section lit, or `nav` itself if none applies."""
    section = section_of(state, src_uri)
    if nav is None or section is None:
        return nav
    items = [_Lit(item) if getattr(getattr(item, "file", None), "src_uri", None) == section
             else item for item in nav.items]
    return Navigation(items, nav.pages)
