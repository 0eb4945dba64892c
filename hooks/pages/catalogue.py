"""The catalogue (标准目录): one ordered view of the corpus that every index page and export uses.

`catalogue_of(corpus)` gives the 明细表 order (framework order, then natural number order inside
each node), the 序号 and 标准体系表编号 of every standard, per-node counts, and `record(std)`, the
catalogue.json entry with every canonical and derived field. The `catalogue/` page (a table that
works without JavaScript; docs/assets/js/catalogue.js adds facets, sort and URL state) is rendered
here too.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from mkdocs.structure.files import Files

from hooks.corpus import Corpus
from hooks.derive.status import review_overdue
from hooks.load.framework import Node
from hooks.model.dates import add_years
from hooks.model.facts import STATUS_KEYS
from hooks.model.sorting import by_number, iso, level_rank, status_rank, std_title_key
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
from hooks.pages import sources
from hooks.pages.links import Linker, add_page, domain_src, standard_src
from hooks.pages.settings import SiteSettings
from hooks.pages.templating import render
from hooks.search import index as search_index

CATALOGUE_SRC = "catalogue.md"
REVIEW_WINDOW_YEARS = 1  # 复审提醒: due within 12 months


@dataclass
class Entry:
    """A standard's place in the 明细表."""

    std: Standard
    seq: int  # 序号, 1-based, in 明细表 order
    system_code: str  # 标准体系表编号: "<node code>-<nnn>"


class Catalogue:
    """Orderings, numbering and counts of one corpus, computed once per build."""

    def __init__(self, corpus: Corpus, settings: SiteSettings | None = None) -> None:
        self.corpus = corpus
        self.settings = settings or SiteSettings()
        self.today: date = corpus.today
        self.nodes: list[Node] = list(corpus.framework.walk())
        self.own: dict[Node, list[Standard]] = {n: [] for n in self.nodes}
        for std in corpus.standards:
            self.own.setdefault(std.domain, []).append(std)
        self.entries: list[Entry] = []
        for node in self.nodes:
            self.own[node] = by_number(self.own[node])
            for i, std in enumerate(self.own[node], 1):
                self.entries.append(Entry(std, len(self.entries) + 1, f"{node.code}-{i:03d}"))
        self.entry: dict[str, Entry] = {e.std.slug: e for e in self.entries}
        self.standards: list[Standard] = by_number(corpus.standards)
        self.number_rank = {s.slug: i for i, s in enumerate(self.standards)}
        titles = sorted(self.standards, key=std_title_key)
        self.title_rank = {s.slug: i for i, s in enumerate(titles)}

    # Per node ---------------------------------------------------------------------------
    def subtree(self, node: Node) -> list[Standard]:
        """The node's own standards and those of every descendant, in natural number order."""
        return by_number([s for n in node.walk() for s in self.own.get(n, [])])

    def count(self, node: Node) -> int:
        return sum(len(self.own.get(n, [])) for n in node.walk())

    # Counts -----------------------------------------------------------------------------
    def status_counts(self, standards: list[Standard] | None = None) -> dict[str, int]:
        found = Counter(s.status for s in (self.standards if standards is None else standards))
        return {status: found.get(status, 0) for status in STATUSES}

    def levels(self) -> list[str]:
        present = {s.level for s in self.standards}
        return [lv for lv in LEVELS if lv in present]

    def years(self) -> list[int]:
        return sorted({s.issued.year for s in self.standards if s.issued}, reverse=True)

    # Reviews ----------------------------------------------------------------------------
    def review_window_end(self) -> date:
        return add_years(self.today, REVIEW_WINDOW_YEARS)

    def needs_review(self, std: Standard) -> bool:
        """One of the site's own standards, in force and due within 12 months, or overdue."""
        return (std.maintained and std.status == STATUS_IN_FORCE and std.review_due is not None
                and std.review_due <= self.review_window_end())

    def reviews(self) -> list[Standard]:
        due = [s for s in self.standards if self.needs_review(s)]
        return sorted(due, key=lambda s: s.review_due)

    # Derived columns --------------------------------------------------------------------
    def replaced_column(self, std: Standard) -> str:
        """明细表 “被代替标准号或作废”: the numbers this edition replaces; 作废 when abolished."""
        parts = list(std.replaces)
        if std.abolished is not None:
            parts.append(f"作废（{std.abolished.isoformat()}）")
        return "、".join(parts)

    def remark(self, std: Standard) -> str:
        """明细表 “备注”: what a reader of the table needs to know beyond the columns."""
        notes = []
        if std.replaced_by:
            newer = "、".join(s.code for s in std.replaced_by)
            verb = "代替" if std.status == STATUS_REPLACED else "代替（尚未实施）"
            notes.append(f"被 {newer} {verb}")
        if std.status == STATUS_UPCOMING:
            notes.append(f"{std.effective.isoformat()} 起实施")
        if std.status == STATUS_DRAFT:
            stage = getattr(std, "stage", "")
            notes.append(f"制定中（{stage}阶段）" if stage else "制定中")
        if std.maintained and review_overdue(std, self.today):  # outside ones: their issuer's
            notes.append(f"复审逾期（应于 {std.review_due.isoformat()} 前复审）")
        if std.sample:
            notes.append("示例文本")
        return "；".join(notes)

    def record(self, std: Standard) -> dict[str, object]:
        """The catalogue.json entry (documented field by field in docs/guide/data.md)."""
        entry = self.entry[std.slug]
        node = std.domain
        return {
            "seq": entry.seq,
            "system_code": entry.system_code,
            "slug": std.slug,
            "url": std.url,
            "number": std.code,
            "title": std.title,
            "title_en": std.title_en,
            "level": std.level,
            "region": std.number.region or "",
            "region_code": std.number.region_code or "",
            "mandatory": std.number.mandatory,
            "domain": {
                "code": node.code,
                "name": node.name,
                "path": [{"code": n.code, "name": n.name} for n in [*node.ancestors, node]],
            },
            "issued": iso(std.issued) or None,
            "effective": iso(std.effective) or None,
            "abolished": std.abolished.isoformat() if std.abolished else None,
            "reviewed": std.reviewed.isoformat() if std.reviewed else None,
            "status": std.status,
            "replaces": list(std.replaces),
            "replaced_by": [s.code for s in std.replaced_by],
            "review_due": std.review_due.isoformat() if std.review_due else None,
            "review_overdue": review_overdue(std, self.today),
            "issuer": list(std.issuer),
            "proposer": std.proposer,
            "responsible": std.responsible,
            "drafters": list(std.drafters),
            "authors": list(std.authors),
            "ics": std.ics,
            "ccs": std.ccs,
            "keywords": list(std.keywords),
            "summary": std.summary,
            "source": std.source,
            "license": std.license,
            "has_text": std.has_text,
            "sample": std.sample,
            "full_text_url": std.platform["url"],
            "source_file": sources.source_file(std, self.settings),
            "citation": std.citation,
            "replaced_column": self.replaced_column(std),
            "remark": self.remark(std),
        }

    def records(self) -> list[dict[str, object]]:
        """Every standard, in 明细表 order (序号)."""
        return [self.record(e.std) for e in self.entries]


# Generated pages -----------------------------------------------------------------------------

WIDE_PAGE = "---\nhide:\n  - navigation\n  - toc\n---\n"


def status_key(status: str) -> str:
    return STATUS_KEYS.get(status, "other")


def catalogue_url(linker: Linker, **params: str) -> str:
    """The catalogue page with a filter preset, e.g. catalogue_url(linker, level="国家标准")."""
    base = linker.to_src(CATALOGUE_SRC) or ""
    query = urlencode({k: v for k, v in params.items() if v})
    return f"{base}?{query}" if query else base


# Facet values that stand for several statuses at once: `?status=被代替,废止` (the home page's
# 被代替或废止 figure links there); docs/assets/js/catalogue.js reads a comma as "any of".
STATUS_SETS: tuple[tuple[str, ...], ...] = ((STATUS_REPLACED, STATUS_ABOLISHED),)


def status_value(statuses: tuple[str, ...] | list[str]) -> str:
    """The `status` URL value for one or several statuses."""
    return ",".join(statuses)


def status_options(cat: Catalogue) -> list[tuple[str, int, str]]:
    """The status facet: each status, then each set of statuses, as (value, count, label)."""
    counts = cat.status_counts()
    options = [(st, counts[st], st) for st in STATUSES]
    options += [(status_value(group), sum(counts[st] for st in group), "或".join(group))
                for group in STATUS_SETS]
    return options


def level_options(cat: Catalogue) -> list[tuple[str, int]]:
    return [(lv, sum(1 for s in cat.standards if s.level == lv)) for lv in cat.levels()]


def search_hint(state, linker: Linker) -> dict[str, object]:
    """What templates/search_preload.html needs to preload a ?q= query's index files."""
    own, space = search_index.own_buckets(state)
    return {"meta_url": linker.to_file("search/meta.json"),
            "body_url": linker.to_file("search/body/"),
            "shards": search_index.shard_count(state), "own": own, "own_space": space,
            "digits": search_index.settings()["posting_digits"]}


def domain_options(cat: Catalogue) -> list[dict[str, object]]:
    return [{"value": n.code, "label": n.label, "depth": n.depth, "count": cat.count(n)}
            for n in cat.nodes]


def render_catalogue(state, linker: Linker) -> str:
    cat = state.catalogue
    rows = []
    # 明细表 order (framework, then number): the order the page states and catalogue.js keeps
    # by default, so the table reads the same with or without JavaScript.
    for std in (e.std for e in cat.entries):
        node = std.domain
        rows.append({
            "std": std,
            "url": linker.to_src(standard_src(std.slug)),
            "domain_url": linker.to_src(domain_src(node.slug)),
            "node": node,
            "domains": " ".join(n.code for n in [*node.ancestors, node]),
            "status_key": status_key(std.status),
            "number_rank": cat.number_rank[std.slug],
            "title_rank": cat.title_rank[std.slug],
            "level_rank": level_rank(std.level),
            "status_rank": status_rank(std.status),
            "domain_rank": cat.entry[std.slug].seq,
        })
    return render(
        "catalogue.html",
        rows=rows,
        total=len(rows),
        domains=domain_options(cat),
        levels=level_options(cat),
        statuses=status_options(cat),
        years=[(y, sum(1 for s in cat.standards if s.issued and s.issued.year == y))
               for y in cat.years()],
        today=cat.today,
        **search_hint(state, linker),
        json_url=linker.to_file("catalogue.json"),
        csv_url=linker.to_file("catalogue.csv"),
        xlsx_url=linker.to_file("catalogue.xlsx"),
        feed_url=linker.to_file("feed.xml"),
        data_url=linker.to_src("guide/data.md"),
    )


# Feature hooks (hooks.pipeline.FEATURES) ---------------------------------------------------------

def add_files(state, files: Files, config) -> None:
    add_page(files, config, CATALOGUE_SRC, WIDE_PAGE)


def page_markdown(state, markdown: str, page) -> str | None:
    if page.file.src_uri != CATALOGUE_SRC:
        return None
    page.meta["title"] = "标准目录"
    return markdown


def page_content(state, html: str, page, files: Files) -> str | None:
    if page.file.src_uri != CATALOGUE_SRC:
        return None
    return render_catalogue(state, Linker(files, page.url))


