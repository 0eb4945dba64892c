"""The state of one build: what the derive step has learnt, handed to every later step.

`BuildState.derive(root, config)` is the derive step: it takes "now" once (SOURCE_DATE_EPOCH or
the clock, in Asia/Shanghai), loads, checks and derives the corpus as of that day, reads the site
settings, and computes the catalogue orderings. Every later step (pages, search, exports) reads
this one object; none keeps per-build data in module globals. The only state that outlives a
build is hooks/render_cache.py, the `mkdocs serve` cache.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from hooks.corpus import Corpus, load_corpus
from hooks.derive.lifecycle import drafts_by_replaced
from hooks.model.dates import build_datetime
from hooks.model.standard import Standard
from hooks.pages.catalogue import Catalogue
from hooks.pages.links import standard_src
from hooks.pages.news import News
from hooks.pages.settings import SiteSettings


@dataclass
class BuildState:
    root: Path
    now: datetime  # the build time; `today` is its date (statuses, reviews, deadlines)
    corpus: Corpus
    settings: SiteSettings
    catalogue: Catalogue
    pages: dict[str, Standard] = field(default_factory=dict)  # src_uri → standard
    # Filled by steps, in pipeline order:
    updated: dict[str, date] = field(default_factory=dict)  # path → last commit day (editing)
    changes: dict[str, tuple[Standard, Standard]] = field(default_factory=dict)  # 条文对照 src → (new, old)
    body_index: dict[str, object] = field(default_factory=dict)  # full-text index (search)
    page_anchors: dict[str, list[str]] = field(default_factory=dict)  # slug → clause ids on the page
    number_index: object | None = None  # numbers → standards, for links in texts (references_links)
    news: News | None = None  # the articles of docs/news/ and their lists (hooks.pages.news)
    revising: dict[str, list[Standard]] = field(default_factory=dict)  # code → drafts replacing it

    @property
    def today(self) -> date:
        return self.corpus.today

    @classmethod
    def derive(cls, root: Path, config=None, now: datetime | None = None) -> BuildState:
        now = now or build_datetime()
        settings = SiteSettings.from_config(config) if config is not None else SiteSettings()
        corpus = load_corpus(root, now.date(), maintained_issuers=settings.maintained_issuers)
        return cls(root=Path(root), now=now, corpus=corpus, settings=settings,
                   catalogue=Catalogue(corpus, settings), news=News(corpus.articles),
                   pages={standard_src(s.slug): s for s in corpus.standards},
                   revising=drafts_by_replaced(corpus.standards))
