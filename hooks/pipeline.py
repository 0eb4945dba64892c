"""The build as an ordered list of steps; hooks/events.py calls one function here per MkDocs event.

    load → check → derive   BuildState.derive (hooks/state.py, hooks/corpus.py)  on_pre_build
    pages                   ADD_FILES, PAGE_MARKDOWN, PAGE_CONTENT,              on_files …
                            STANDARD_TEXT, STANDARD_EXTRA                        on_page_content
    index, export           WRITE_OUTPUTS                                        on_post_build

Each list below is the order its steps run in; a step takes the BuildState first. To add a
feature, add its functions to the lists where it acts. The state lives on the MkDocs config
object for the length of one build (`state_of`), so no module keeps per-build data.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path

from markupsafe import escape
from mkdocs.structure.files import Files

from hooks import render_cache
from hooks.check import invariants
from hooks.check.problems import format_text, summary
from hooks.check.schema import schema_text
from hooks.corpus import Corpus
from hooks.export import files as exports
from hooks.model.anchors import slugify
from hooks.pages import (
    about,
    breadcrumbs,
    catalogue,
    drafts,
    editing,
    editors,
    framework_pages,
    guide,
    home,
    minify,
    news,
    not_found,
    references_links,
    search_page,
    slim,
    sources,
    standard_page,
    stylesheets,
)
from hooks.pages.links import Linker, add_page
from hooks.pages.quick_markdown import QuickMarkdownExtension
from hooks.pages.sanitize import sanitize_html
from hooks.search import index as search_index
from hooks.state import BuildState

STATE_KEY = "standards_build_state"  # where the current build's state sits on the config

# on_files: generated pages and assets, in this order.
ADD_FILES: tuple[Callable, ...] = (
    guide.add_files,  # 规则参考 page
    editing.add_files,  # 最近更新 dates from git, before any page is rendered
    catalogue.add_files,
    framework_pages.add_files,  # 标准体系, 复审提醒, one page per domain
    search_index.add_files,  # the full-text index, before the catalogue page names its shards
    search_page.add_files,  # 标准检索: search/?q=
    drafts.add_files,  # 征求意见, 制修订进度, 条文对照 pages
    news.add_files,  # 解读与动态: news/ and its filtered lists
    stylesheets.add_files,  # last: merges every stylesheet added above into one
)
# on_page_markdown / on_page_content for generated and hand-written pages: the first step that
# answers (returns a string) handles the page.
PAGE_MARKDOWN: tuple[Callable, ...] = (guide.page_markdown, catalogue.page_markdown,
                                       search_page.page_markdown,
                                       framework_pages.page_markdown, drafts.page_markdown,
                                       news.page_markdown)
PAGE_CONTENT: tuple[Callable, ...] = (catalogue.page_content, search_page.page_content,
                                      framework_pages.page_content,
                                      home.page_content, drafts.page_content,
                                      about.page_content, editors.page_content,
                                      news.page_content)
# A standard's sanitised text, in this order: the search index records the clause ids the
# browser will find before drafts add their 意见 links to the headings; numbers of standards on
# the site become links (never in headings); the phones' 目次 goes in front, last.
STANDARD_TEXT: tuple[Callable, ...] = (search_index.standard_text, references_links.standard_text,
                                       drafts.standard_text, standard_page.text_toc)
# HTML after a standard's text.
STANDARD_EXTRA: tuple[Callable, ...] = (standard_page.standard_extra, news.standard_articles,
                                        editing.standard_extra)
# on_post_build: files beside the pages.
WRITE_OUTPUTS: tuple[Callable, ...] = (sources.write_outputs, exports.write_outputs,
                                       search_index.write_outputs, news.write_outputs,
                                       minify.write_outputs,
                                       not_found.write_outputs)  # last: lists the site's names


def configure_markdown(config) -> None:
    """Clause-number and pinyin anchors for every heading (spec section 6); plain text skips
    the inline patterns (hooks/pages/quick_markdown.py: the same HTML, a third less time)."""
    toc = config.mdx_configs.setdefault("toc", {})
    toc["slugify"] = slugify
    toc.setdefault("permalink", "¶")
    toc.setdefault("permalink_title", "本条链接")
    if not any(isinstance(e, QuickMarkdownExtension) for e in config.markdown_extensions):
        config.markdown_extensions.append(QuickMarkdownExtension())


# A build allocates millions of small objects that live until it ends (the corpus, clause
# trees, pages): with the default thresholds (700, 10, 10) the collector ran 3,000 times at 1,000
# standards and took 3 s; every 20,000 allocations it takes about 1.6 s, and peak memory is not
# higher (bench/stage_times.py prints the collector's time).
BUILD_GC_THRESHOLDS = (20_000, 10, 10)
_GC_BEFORE: list[tuple[int, int, int]] = []


def gc_for_build() -> None:
    if not _GC_BEFORE:
        _GC_BEFORE.append(gc.get_threshold())
    gc.set_threshold(*BUILD_GC_THRESHOLDS)


def gc_after_build() -> None:
    if _GC_BEFORE:
        gc.set_threshold(*_GC_BEFORE.pop())


def start(root: Path, config) -> BuildState:
    """load → check → derive, once per build; the state rides on the config until the next."""
    gc_for_build()  # back to the usual thresholds in on_post_build / on_build_error
    state = BuildState.derive(root, config)
    config[STATE_KEY] = state
    return state


def state_of(config) -> BuildState:
    return config[STATE_KEY]


def error_report(corpus: Corpus) -> str:
    return ("标准元数据有错误，构建已停止（原网站未改动）：\n"
            + format_text(corpus.errors)
            + f"\n共 {summary(corpus.problems)}。修改后重新构建；"
            "逐条说明见编写指南“规则参考”，或运行 python -m hooks check。")


def incomplete_site_report(state: BuildState, site_dir: Path, config) -> str | None:
    """The standards whose page or catalogue row the finished site lacks (whole-corpus
    invariant, hooks.check.invariants.check_site), as the build's error; None if complete."""
    problems = invariants.check_site(state.root, site_dir, config.use_directory_urls)
    if not problems:
        return None
    return ("构建结果不完整，不能发布（python -m hooks build 不会用它替换原网站）：\n"
            + format_text(problems) + f"\n共 {len(problems)} 项标准缺少页面。")


def load_summary(corpus: Corpus) -> str:
    return (f"标准 {len(corpus.standards)} 项，体系节点 {len(list(corpus.framework.walk()))} 个，"
            f"状态日期 {corpus.today.isoformat()}；{summary(corpus.problems)}")


def _first_answer(steps: tuple[Callable, ...], default: str, *args) -> str:
    for step in steps:
        result = step(*args)
        if result is not None:
            return result
    return default


def add_generated_files(state: BuildState, files: Files, config) -> Files:
    for step in ADD_FILES:
        step(state, files, config)
    for src_uri, std in state.pages.items():
        add_page(files, config, src_uri, std.body, in_nav=False)
    slim.drop_unused_theme_files(files)
    return files


def page_context(state: BuildState, context: dict, page, nav) -> dict:
    # Standard pages and the pages generated under them (条文对照) are not in the navigation.
    if nav is not None and page.file.src_uri.startswith("standards/"):
        context["nav"] = slim.compact_nav(nav)
    # … so the theme lights no tab there: light the one of their section (标准目录, 标准体系).
    context["nav"] = breadcrumbs.active_tab(state, context.get("nav"), page.file.src_uri)
    return context


def post_page(output: str) -> str:
    return slim.strip_indentation(output)


def page_markdown(state: BuildState, markdown: str, page) -> str:
    std = state.pages.get(page.file.src_uri)
    if std is None:
        return _first_answer(PAGE_MARKDOWN, markdown, state, markdown, page)
    # The theme prints title and description unescaped: escape them here, once.
    page.meta["title"] = str(escape(f"{std.code} {std.title}"))
    page.meta["hide"] = ["navigation"]  # not in the navigation: no empty left column
    if std.summary:
        page.meta["description"] = str(escape(std.summary))
    return markdown


def page_content(state: BuildState, html: str, page, files: Files) -> str:
    std = state.pages.get(page.file.src_uri)
    if std is None:
        html = _first_answer(PAGE_CONTENT, html, state, html, page, files)
        return breadcrumbs.changes_page(state, html, page, files)  # 条文对照: 当前位置
    linker = Linker(files, page.url)
    head = standard_page.render_head(state, std, linker)
    page.toc = standard_page.sidebar_toc(page.toc)
    # The text is editors' Markdown (raw HTML passes through): never let it run script.
    html = render_cache.memo(sanitize_html, html)  # pure: reused across serve rebuilds
    html = slim.drop_permalinks(html)
    for step in STANDARD_TEXT:
        html = step(state, std, html, page)
    html = slim.join_blocks(html)  # after the steps: they read the text as Markdown wrote it
    text = f'<div class="std-text">\n{html}\n</div>' if std.has_text else ""
    extra = "".join(step(state, std, page, linker) for step in STANDARD_EXTRA)
    return f'<div class="std-page" data-slug="{std.slug}">\n{head}\n{text}\n{extra}\n</div>'


def write_outputs(state: BuildState, site_dir: Path, config=None) -> None:
    """Machine-readable outputs beside the pages (spec section 6)."""
    for step in WRITE_OUTPUTS:
        step(state, site_dir, config)
    schema_dir = site_dir / "schema"
    schema_dir.mkdir(parents=True, exist_ok=True)
    # The schema filled from data/facts.yml (hooks.check.schema.fill_facts), as the checker uses it.
    (schema_dir / "standard.schema.json").write_text(schema_text(), encoding="utf-8")
