"""The standard system (标准体系) pages: `framework/` (结构图, 明细表, 统计表 per GB/T 13016),
one page per framework node at `domains/<node-slug>/`, and `reviews/` (复审提醒).

All three read hooks.pages.catalogue.Catalogue, so the pages, catalogue.json and the CSV/XLSX exports
always agree.
"""

from __future__ import annotations

from markupsafe import escape
from mkdocs.structure.files import Files

from hooks.load.framework import Node
from hooks.model.standard import (
    LEVELS,
    STATUS_ABOLISHED,
    STATUS_DRAFT,
    STATUS_IN_FORCE,
    STATUS_REPLACED,
    STATUS_UPCOMING,
    STATUSES,
    Standard,
)
from hooks.pages.catalogue import (
    CATALOGUE_SRC,
    WIDE_PAGE,
    Catalogue,
    catalogue_url,
    status_key,
)
from hooks.pages.links import Linker, add_page, domain_src, standard_src
from hooks.pages.templating import render

FRAMEWORK_SRC = "framework.md"
REVIEWS_SRC = "reviews.md"
SITE_SETTINGS_SRC = "guide/site.md"  # 站点设置: extra.maintained_issuers
SYSTEM_NAME = "机关事务标准体系"
DETAIL_COLUMNS = ("序号", "标准体系表编号", "标准号", "标准名称", "宜定级别", "实施日期",
                  "被代替标准号或作废", "状态", "备注")
# Domain pages list standards in force first, then upcoming, then replaced or abolished.
STATUS_GROUPS = (
    (STATUS_IN_FORCE, (STATUS_IN_FORCE,)),
    (STATUS_UPCOMING, (STATUS_UPCOMING,)),
    (f"{STATUS_REPLACED}或{STATUS_ABOLISHED}", (STATUS_REPLACED, STATUS_ABOLISHED)),
    (STATUS_DRAFT, (STATUS_DRAFT,)),
)

FRAMEWORK_MD = """---
hide:
  - navigation
  - toc
---
# 标准体系

<!-- system:intro -->

## 标准体系结构图 {#structure}

<!-- system:diagram -->

## 标准明细表 {#details}

<!-- system:details -->

## 标准统计表 {#statistics}

<!-- system:statistics -->
"""


def std_item(std: Standard, linker: Linker, node: Node | None = None) -> dict[str, object]:
    """A standard in a list (domain pages, home page)."""
    return {
        "std": std,
        "url": linker.to_src(standard_src(std.slug)),
        "status_key": status_key(std.status),
        # Show the sub-node when the list belongs to an ancestor node.
        "node": std.domain if node is not None and std.domain is not node else None,
        "node_url": linker.to_src(domain_src(std.domain.slug)),
    }


def status_groups(standards: list[Standard], linker: Linker, node: Node | None = None) -> list:
    groups = []
    for title, statuses in STATUS_GROUPS:
        items = [std_item(s, linker, node) for s in standards if s.status in statuses]
        groups.append({"title": title, "key": status_key(statuses[0]), "items": items})
    return groups


# Statistics (统计表) -------------------------------------------------------------------------

def statistics(cat: Catalogue) -> dict[str, object]:
    """Counts by level × top-level domain and by status × top-level domain, with totals."""
    tops = list(cat.corpus.framework.roots)
    per_top = {top: cat.subtree(top) for top in tops}
    total = len(cat.standards)

    def row(label: str, match) -> dict[str, object]:
        cells = [sum(1 for s in per_top[top] if match(s)) for top in tops]
        n = sum(1 for s in cat.standards if match(s))
        return {"label": label, "cells": cells, "total": n,
                "share": f"{n / total * 100:.1f}%" if total else "—"}

    levels = [row(level, lambda s, lv=level: s.level == lv) for level in LEVELS
              if any(s.level == level for s in cat.standards)]
    statuses = [row(status, lambda s, st=status: s.status == st) for status in STATUSES]
    totals = row("合计", lambda s: True)
    return {"tops": tops, "levels": levels, "statuses": statuses, "totals": totals}


# Pages ---------------------------------------------------------------------------------------

def tree(node: Node, cat: Catalogue, linker: Linker) -> dict[str, object]:
    return {"node": node, "count": cat.count(node), "own": len(cat.own.get(node, [])),
            "url": linker.to_src(domain_src(node.slug)),
            "children": [tree(c, cat, linker) for c in node.children]}


def render_framework(state, html: str, linker: Linker) -> str:
    cat = state.catalogue
    rows_by_node = []
    for node in cat.nodes:
        entries = [cat.entry[s.slug] for s in cat.own[node]]
        rows_by_node.append({
            "node": node,
            "url": linker.to_src(domain_src(node.slug)),
            # The head counts the node's whole subtree: a top-level node whose standards all
            # sit in its children is not empty (issue 15, item 3).
            "count": cat.count(node),
            "rows": [{"entry": e, "std": e.std, "url": linker.to_src(standard_src(e.std.slug)),
                      "replaced": cat.replaced_column(e.std), "remark": cat.remark(e.std),
                      "status_key": status_key(e.std.status)} for e in entries],
        })
    parts = {
        "intro": render("framework_intro.html", total=len(cat.standards), nodes=len(cat.nodes),
                        tops=len(cat.corpus.framework.roots), today=cat.today,
                        csv_url=linker.to_file("catalogue.csv"),
                        xlsx_url=linker.to_file("catalogue.xlsx"),
                        catalogue_url=linker.to_src(CATALOGUE_SRC)),
        "diagram": render("framework_diagram.html", system_name=SYSTEM_NAME, total=len(cat.standards),
                          roots=[tree(r, cat, linker) for r in cat.corpus.framework.roots]),
        "details": render("framework_details.html", columns=DETAIL_COLUMNS, groups=rows_by_node),
        "statistics": render("framework_statistics.html", stats=statistics(cat),
                             today=cat.today),
    }
    for key, fragment in parts.items():
        html = html.replace(f"<!-- system:{key} -->", fragment)
    return html


def render_domain(state, node: Node, linker: Linker) -> str:
    cat = state.catalogue
    standards = cat.subtree(node)
    crumbs = [{"label": "标准体系", "url": linker.to_src(FRAMEWORK_SRC)}]
    crumbs += [{"label": n.label, "url": linker.to_src(domain_src(n.slug))} for n in node.ancestors]
    return render(
        "domain.html",
        node=node,
        crumbs=crumbs,
        counts=cat.status_counts(standards),
        total=len(standards),
        children=[tree(c, cat, linker) for c in node.children],
        groups=status_groups(standards, linker, node),
        filter_url=catalogue_url(linker, domain=node.code),
    )


def render_reviews(state, linker: Linker) -> str:
    """复审提醒 (editors' area): the site's own standards only (Catalogue.needs_review)."""
    cat = state.catalogue
    overdue, soon = [], []
    for std in cat.reviews():
        days = (std.review_due - cat.today).days
        item = {"std": std, "url": linker.to_src(standard_src(std.slug)),
                "domain_url": linker.to_src(domain_src(std.domain.slug)), "days": abs(days),
                "basis": "复审确认" if std.reviewed and std.reviewed >= std.effective else "实施"}
        (overdue if days < 0 else soon).append(item)
    return render("reviews.html", overdue=overdue, soon=soon, today=cat.today,
                  window_end=cat.review_window_end(),
                  issuers=state.settings.maintained_issuers,
                  settings_url=linker.to_src(SITE_SETTINGS_SRC),
                  in_force=sum(1 for s in cat.standards
                               if s.maintained and s.status == STATUS_IN_FORCE))


# Feature hooks (hooks.pipeline.FEATURES) ---------------------------------------------------------

def _nodes(state) -> dict[str, Node]:
    return {domain_src(n.slug): n for n in state.corpus.framework.walk()}


def add_files(state, files: Files, config) -> None:
    add_page(files, config, FRAMEWORK_SRC, FRAMEWORK_MD)
    add_page(files, config, REVIEWS_SRC, WIDE_PAGE)
    for src in _nodes(state):
        add_page(files, config, src, WIDE_PAGE, in_nav=False)


def page_markdown(state, markdown: str, page) -> str | None:
    src = page.file.src_uri
    if src == FRAMEWORK_SRC:
        page.meta["title"] = "标准体系"
    elif src == REVIEWS_SRC:
        page.meta["title"] = "复审提醒"
    elif src in _nodes(state):
        node = _nodes(state)[src]
        page.meta["title"] = str(escape(f"{node.label} · 标准体系"))
        if node.description:
            page.meta["description"] = str(escape(node.description))
    else:
        return None
    return markdown


def page_content(state, html: str, page, files: Files) -> str | None:
    src = page.file.src_uri
    linker = Linker(files, page.url)
    if src == FRAMEWORK_SRC:
        return render_framework(state, html, linker)
    if src == REVIEWS_SRC:
        return render_reviews(state, linker)
    node = _nodes(state).get(src)
    if node is not None:
        return render_domain(state, node, linker)
    return None
