"""MkDocs hook entry (registered in mkdocs.yml under `hooks:`).

Thin by design: each event calls one step of the pipeline in the plain modules beside it.
Validation runs in `on_pre_build`, before MkDocs cleans `site_dir`, so a corpus with errors
fails the build and leaves the previous site untouched.
"""

from __future__ import annotations

import sys
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import get_plugin_logger  # noqa: E402

from hooks import page_budget, pipeline, render_cache  # noqa: E402
from hooks.model.dates import BuildDateError  # noqa: E402

log = get_plugin_logger("standards")


def on_startup(command, dirty):
    render_cache.enable(command)  # reuse unchanged pages' HTML across `mkdocs serve` rebuilds


def on_config(config):
    pipeline.configure_markdown(config)
    page_budget.seconds(config)  # a malformed budget fails now, before any work
    return config


def on_pre_build(config):
    try:
        corpus = pipeline.start(Path(config.config_file_path).parent, config).corpus
    except BuildDateError as exc:  # a malformed SOURCE_DATE_EPOCH: one line, no traceback
        raise PluginError(str(exc)) from None
    for problem in corpus.warnings:
        log.info(problem.text())  # content warnings: shown by `check` and on the site only
    if corpus.errors:
        raise PluginError(pipeline.error_report(corpus))
    log.info(pipeline.load_summary(corpus))


def on_files(files, config):
    return pipeline.add_generated_files(pipeline.state_of(config), files, config)


def on_page_markdown(markdown, page, config, files):
    render_cache.install(page)
    state = pipeline.state_of(config)
    markdown = pipeline.page_markdown(state, markdown, page)
    page_budget.start(page, config, state.pages)  # rendering starts: a budget per page
    return markdown


def on_page_content(html, page, config, files):
    html = pipeline.page_content(pipeline.state_of(config), html, page, files)
    page_budget.stop(page)  # names the page's file if it overran
    return html


def on_page_context(context, page, config, nav):
    return pipeline.page_context(pipeline.state_of(config), context, page, nav)


def on_post_page(output, page, config):
    return pipeline.post_page(output)


def on_post_build(config):
    pipeline.gc_after_build()
    state = pipeline.state_of(config)
    pipeline.write_outputs(state, Path(config.site_dir), config)
    incomplete = pipeline.incomplete_site_report(state, Path(config.site_dir), config)
    if incomplete:  # a standard without its page: fail, so this site is never published
        raise PluginError(incomplete)


def on_build_error(error):
    page_budget.disarm()  # a page failed while its timer ran
    pipeline.gc_after_build()
