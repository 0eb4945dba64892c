"""What the build adds to MkDocs: generated pages for the corpus, their HTML, and the outputs.

Each function here is called from one event in hooks/events.py.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import escape
from mkdocs.structure.files import Files

from hooks import render_cache
from hooks.check.problems import format_text, summary
from hooks.check.schema import SCHEMA_FILE
from hooks.corpus import Corpus, load_corpus
from hooks.export import files as exports
from hooks.model.anchors import slugify
from hooks.model.standard import Standard
from hooks.pages import catalogue, editing, guide, history, home, slim, sources, stylesheets
from hooks.pages import drafts as drafts_pages
from hooks.pages import framework_pages as system
from hooks.pages.links import Linker, add_page, standard_src
from hooks.pages.sanitize import sanitize_html
from hooks.pages.standard_page import render_head, sidebar_toc
from hooks.search import index as search_index


@dataclass
class BuildState:
    """Everything one build has learnt about the corpus, shared between events."""

    root: Path = Path(".")
    corpus: Corpus | None = None
    pages: dict[str, Standard] = field(default_factory=dict)  # src_uri → standard

    def reset(self, root: Path) -> None:
        self.root = root
        self.corpus = None
        self.pages = {}

    def load(self) -> Corpus:
        self.corpus = load_corpus(self.root)
        self.pages = {standard_src(s.slug): s for s in self.corpus.standards}
        return self.corpus


def configure_markdown(config) -> None:
    """Clause-number and pinyin anchors for every heading (spec section 6)."""
    toc = config.mdx_configs.setdefault("toc", {})
    toc["slugify"] = slugify
    toc.setdefault("permalink", "¶")
    toc.setdefault("permalink_title", "本条链接")


def error_report(corpus: Corpus) -> str:
    return ("标准元数据有错误，构建已停止（原网站未改动）：\n"
            + format_text(corpus.errors)
            + f"\n共 {summary(corpus.problems)}。修改后重新构建；"
            "逐条说明见编写指南“规则参考”，或运行 python -m hooks check。")


def load_summary(corpus: Corpus) -> str:
    return (f"标准 {len(corpus.standards)} 项，体系节点 {len(list(corpus.framework.walk()))} 个，"
            f"状态日期 {corpus.today.isoformat()}；{summary(corpus.problems)}")


# Feature modules that add pages or outputs. Each may define
#   add_files(state, files, config) -> None      (on_files: generated pages, assets)
#   write_outputs(state, site_dir, config) -> None (on_post_build: JSON, CSV, …)
#   page_markdown(state, markdown, page) -> str | None   (None: not this feature's page)
#   page_content(state, html, page, files) -> str | None (None: not this feature's page)
# Append a module here to plug a feature into the build.
FEATURES: list = [guide, editing, sources, catalogue, system, home, history, exports, search_index,
                  drafts_pages, stylesheets]


def _dispatch(event: str, default: str, *args) -> str:
    """The first feature that handles this page (returns a string) wins."""
    for feature in FEATURES:
        handler = getattr(feature, event, None)
        result = handler(*args) if handler else None
        if result is not None:
            return result
    return default


def add_generated_files(state: BuildState, files: Files, config) -> Files:
    for feature in FEATURES:
        if hasattr(feature, "add_files"):
            feature.add_files(state, files, config)
    for src_uri, std in state.pages.items():
        add_page(files, config, src_uri, std.body, in_nav=False)
    slim.drop_unused_theme_files(files)
    return files


def page_context(state: BuildState, context: dict, page, nav) -> dict:
    # Standard pages and the pages generated under them (条文对照) are not in the navigation.
    if nav is not None and page.file.src_uri.startswith("standards/"):
        context["nav"] = slim.compact_nav(nav)
    return context


def post_page(output: str) -> str:
    return slim.strip_indentation(output)


def page_markdown(state: BuildState, markdown: str, page) -> str:
    std = state.pages.get(page.file.src_uri)
    if std is None:
        return _dispatch("page_markdown", markdown, state, markdown, page)
    # The theme prints title and description unescaped: escape them here, once.
    page.meta["title"] = str(escape(f"{std.code} {std.title}"))
    if std.summary:
        page.meta["description"] = str(escape(std.summary))
    return markdown


def page_content(state: BuildState, html: str, page, files: Files) -> str:
    std = state.pages.get(page.file.src_uri)
    if std is None:
        return _dispatch("page_content", html, state, html, page, files)
    linker = Linker(files, page.url)
    head = render_head(std, linker)
    page.toc = sidebar_toc(page.toc)
    # The text is editors' Markdown (raw HTML passes through): never let it run script.
    html = render_cache.memo(sanitize_html, html)  # pure: reused across serve rebuilds
    html = slim.drop_permalinks(html)
    # standard_text(state, std, html, page) -> str: adds to the sanitised text (clause links)
    for feature in FEATURES:
        if hasattr(feature, "standard_text"):
            html = feature.standard_text(state, std, html, page)
    text = f'<div class="std-text">\n{html}\n</div>' if std.has_text else ""
    # standard_extra(state, std, page, linker) -> str: HTML after the text (editing aids, …)
    extra = "".join(f.standard_extra(state, std, page, linker) for f in FEATURES
                    if hasattr(f, "standard_extra"))
    return f'<div class="std-page" data-slug="{std.slug}">\n{head}\n{text}\n{extra}\n</div>'


def write_outputs(state: BuildState, site_dir: Path, config=None) -> None:
    """Machine-readable outputs beside the pages (spec section 6)."""
    for feature in FEATURES:
        if hasattr(feature, "write_outputs"):
            feature.write_outputs(state, site_dir, config)
    schema_dir = site_dir / "schema"
    schema_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SCHEMA_FILE, schema_dir / "standard.schema.json")
