"""Reuse Markdown → HTML across the rebuilds of one `mkdocs serve` process.

`mkdocs serve` rebuilds the whole site after every edit, and MkDocs offers no partial rebuild for
generated pages (`--dirty` compares file times, which generated pages do not have). What stays
the same between two rebuilds is most pages' Markdown, so `install(page)` makes `page.render`
look up the HTML of the previous rebuilds first. The key is everything `Page.render` reads:

- the page's final Markdown (after every `on_page_markdown`), its source path and URL;
- the Markdown extensions and their settings, and the link-validation settings;
- every file's source path and URL (links between pages are resolved against them).

A hit restores what `Page.render` would have set (content, toc, title, anchors, links to other
pages' anchors) and replays the log records the first render emitted, so broken-link warnings
(and `--strict`) behave exactly as without the cache. The cache lives in memory only, in this
module (MkDocs reloads hooks/events.py for every rebuild, but not the modules it imports): a
`mkdocs build` always renders everything, and nothing is ever written to disk.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import types
from dataclasses import dataclass, field

from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

MAX_ENTRIES = 20000  # far above any corpus here; entries unused for two rebuilds are dropped


@dataclass
class Entry:
    content: str
    toc: TableOfContents
    title: str | None
    anchors: set[str]
    links: dict[str, dict[str, str]] | None  # target src_uri → {anchor: original link}
    records: list[logging.LogRecord] = field(default_factory=list)
    generation: int = 0


@dataclass
class Stats:
    hits: int = 0
    misses: int = 0


_CACHE: dict[str, Entry] = {}
_STATE = {"files_id": None, "files_key": "", "generation": 0, "enabled": False}
STATS = Stats()


def _name(obj: object) -> str:
    return f"{getattr(obj, '__module__', '')}.{getattr(obj, '__qualname__', type(obj).__name__)}"


def _config_key(config) -> str:
    data = {"ext": [str(e) for e in config["markdown_extensions"]],
            "mdx": config["mdx_configs"], "validation": config["validation"]}
    return json.dumps(data, sort_keys=True, default=_name, ensure_ascii=False)


def _files_key(files, config) -> str:
    """One key per build: the site's files and settings (computed once per Files object)."""
    if _STATE["files_id"] != id(files):
        digest = hashlib.sha256(_config_key(config).encode())
        for f in sorted(files, key=lambda f: f.src_uri):
            digest.update(f"{f.src_uri}\0{f.url}\0".encode())
        _STATE["files_id"] = id(files)
        _STATE["files_key"] = digest.hexdigest()
        _STATE["generation"] += 1
        _prune()
    return _STATE["files_key"]


def _prune() -> None:
    oldest = _STATE["generation"] - 2
    for key in [k for k, e in _CACHE.items() if e.generation < oldest]:
        del _CACHE[key]
    for key in [k for k, (gen, _) in _MEMO.items() if gen < oldest]:
        del _MEMO[key]
    while len(_CACHE) > MAX_ENTRIES:
        del _CACHE[next(iter(_CACHE))]


def copy_toc(toc: TableOfContents) -> TableOfContents:
    """A fresh copy of a page's toc (its titles, ids, levels and children; cheaper than deepcopy)."""

    def copy(link: AnchorLink) -> AnchorLink:
        new = AnchorLink(link.title, link.id, link.level)
        new.children = [copy(c) for c in link.children]
        return new

    return TableOfContents([copy(link) for link in toc])


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _cached_render(page: Page, config, files) -> None:
    key_data = f"{_files_key(files, config)}\0{page.file.src_uri}\0{page.url}\0{page.markdown}"
    key = hashlib.sha256(key_data.encode()).hexdigest()
    entry = _CACHE.get(key)
    if entry is not None:
        STATS.hits += 1
        entry.generation = _STATE["generation"]
        page.content = entry.content
        page.toc = copy_toc(entry.toc)
        page._title_from_render = entry.title
        page.present_anchor_ids = set(entry.anchors)
        if entry.links is not None:
            page.links_to_anchors = {}
            for src, anchors in entry.links.items():
                target = files.get_file_from_path(src)
                if target is not None:
                    page.links_to_anchors[target] = dict(anchors)
        for record in entry.records:
            logging.getLogger(record.name).handle(record)
        return
    STATS.misses += 1
    capture = _Capture()
    root = logging.getLogger(Page.__module__.partition(".")[0])  # "mkdocs" or "properdocs"
    root.addHandler(capture)
    try:
        Page.render(page, config, files)
    finally:
        root.removeHandler(capture)
    links = None
    if page.links_to_anchors is not None:
        links = {f.src_uri: dict(a) for f, a in page.links_to_anchors.items()}
    _CACHE[key] = Entry(page.content or "", copy_toc(page.toc), page._title_from_render,
                        set(page.present_anchor_ids or ()), links, capture.records,
                        _STATE["generation"])


_MEMO: dict[tuple[str, str], tuple[int, str]] = {}


def memo(fn, text: str) -> str:
    """fn(text) for a pure text → text function, remembered across serve rebuilds by content."""
    if not _STATE["enabled"]:
        return fn(text)
    key = (_name(fn), hashlib.sha256(text.encode()).hexdigest())
    hit = _MEMO.get(key)
    if hit is None:
        hit = _MEMO[key] = (_STATE["generation"], fn(text))
    else:
        _MEMO[key] = (_STATE["generation"], hit[1])
    return hit[1]


def enable(command: str) -> None:
    """Called from on_startup: cache only under `mkdocs serve` (a build renders each page once).
    STANDARDS_RENDER_CACHE=0 turns it off (to measure, or to rule it out)."""
    _STATE["enabled"] = command == "serve" and os.environ.get("STANDARDS_RENDER_CACHE") != "0"


def install(page: Page) -> None:
    """Make this page's `render` use the cache (call it from on_page_markdown)."""
    if _STATE["enabled"] and isinstance(page, Page) and "render" not in vars(page):
        page.render = types.MethodType(_cached_render, page)
