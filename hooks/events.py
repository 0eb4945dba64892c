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

from hooks import pipeline as site  # noqa: E402
from hooks import render_cache  # noqa: E402

log = get_plugin_logger("standards")
STATE = site.BuildState()


def on_startup(command, dirty):
    render_cache.enable(command)  # reuse unchanged pages' HTML across `mkdocs serve` rebuilds


def on_config(config):
    site.configure_markdown(config)
    return config


def on_pre_build(config):
    STATE.reset(Path(config.config_file_path).parent)
    STATE.load()
    for problem in STATE.corpus.warnings:
        log.info(problem.text())  # content warnings: shown by `check` and on the site only
    if STATE.corpus.errors:
        raise PluginError(site.error_report(STATE.corpus))
    log.info(site.load_summary(STATE.corpus))


def on_files(files, config):
    return site.add_generated_files(STATE, files, config)


def on_page_markdown(markdown, page, config, files):
    render_cache.install(page)
    return site.page_markdown(STATE, markdown, page)


def on_page_content(html, page, config, files):
    return site.page_content(STATE, html, page, files)


def on_page_context(context, page, config, nav):
    return site.page_context(STATE, context, page, nav)


def on_post_page(output, page, config):
    return site.post_page(output)


def on_post_build(config):
    site.write_outputs(STATE, Path(config.site_dir), config)
