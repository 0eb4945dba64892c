"""A time budget per page: a build that spends too long on one page stops and names it.

Rendering a page (Python-Markdown, then the site's own steps: sanitising a standard's text,
clause links, the search index) takes milliseconds for real pages. hooks/check/markdown_guard.py
rejects the known ways of making Python-Markdown slow before anything renders; this budget
catches any other, so a hostile pull request cannot tie up CI for minutes:

    页面渲染超时：standards/gb-t-1-2020.md 用时超过 30 秒（每页时间上限 30 秒），构建已停止。…

The budget runs from the end of `on_page_markdown` to the end of `on_page_content`, which is
where MkDocs renders the page. In the main thread (`mkdocs build`, the first build of
`mkdocs serve`) a SIGALRM timer stops the page as soon as it overruns; elsewhere (the rebuilds
of `mkdocs serve` run in a thread, and Windows has no SIGALRM) the time is checked when the
page is done. Pages the render cache (hooks/render_cache.py) restores take no time at all.

Seconds per page: the environment variable STANDARDS_PAGE_BUDGET, else `extra.page_time_budget`
in mkdocs.yml, else DEFAULT_SECONDS; 0 turns the budget off (docs/guide/performance.md).
"""

from __future__ import annotations

import math
import os
import signal
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

DEFAULT_SECONDS = 30.0  # real pages: under 1 s; 10,000 clauses: about 8 s on a loaded runner
ENV = "STANDARDS_PAGE_BUDGET"
EXTRA_KEY = "page_time_budget"
_ATTR = "standards_page_budget"  # where a page carries its running budget


def seconds(config) -> float:
    """The budget in seconds (0: none); a value that is not a number stops the build."""
    raw = os.environ.get(ENV)
    where = f"环境变量 {ENV}"
    if raw is None or not raw.strip():
        extra = config.get("extra") or {}
        raw = extra.get(EXTRA_KEY) if hasattr(extra, "get") else None
        where = f"mkdocs.yml 的 extra.{EXTRA_KEY}"
        if raw is None:
            return DEFAULT_SECONDS
    try:
        value = float(raw)
    except (TypeError, ValueError):
        value = math.nan
    if not math.isfinite(value) or value < 0:
        raise PluginError(f"{where} 应为每页渲染时间上限的秒数（如 10；0 表示不限），"
                          f"现为“{raw}”")
    return value


def _message(source: str, budget: float) -> str:
    return (f"页面渲染超时：{source} 用时超过 {budget:g} 秒（每页时间上限 {budget:g} 秒），构建已停止。"
            f"请检查该文件的正文（如大量未闭合的括号、极深的嵌套），"
            f"或用环境变量 {ENV} 调整上限（秒，0 表示不限）。")


@dataclass
class _Running:
    source: str
    budget: float
    started: float
    previous: object = None  # the SIGALRM handler to restore; None: no timer set
    timer: bool = False


def _timer_possible() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def source_name(page, config, standards: Mapping[str, object]) -> str:
    """The file a page is made from: the standard's file for a standard page (`standards` maps
    page source paths to standards), else the page under docs/."""
    std = standards.get(page.file.src_uri)
    if std is not None:
        return str(std.path)
    return f"{Path(config['docs_dir']).name}/{page.file.src_uri}"


def start(page, config, standards: Mapping[str, object]) -> None:
    """The page's budget starts now (call at the end of on_page_markdown)."""
    stop_timer(page)  # a page rendered twice: no stale timer
    budget = seconds(config)
    if not budget:
        return
    source = source_name(page, config, standards)
    running = _Running(source, budget, time.monotonic())
    if _timer_possible():
        def overrun(signum, frame):
            raise PluginError(_message(source, budget))

        running.previous = signal.signal(signal.SIGALRM, overrun)
        running.timer = True
        signal.setitimer(signal.ITIMER_REAL, budget)
    setattr(page, _ATTR, running)


def stop_timer(page) -> _Running | None:
    """Disarm the page's timer (if any); the page's running budget, if it had one."""
    running = getattr(page, _ATTR, None)
    if running is None:
        return None
    if running.timer:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, running.previous or signal.SIG_DFL)
        running.timer = False
    setattr(page, _ATTR, None)
    return running


def stop(page) -> None:
    """The page is done (call at the end of on_page_content): fail the build if it took longer
    than its budget."""
    running = stop_timer(page)
    if running is not None and time.monotonic() - running.started > running.budget:
        raise PluginError(_message(running.source, running.budget))


def disarm() -> None:
    """The build failed while a page was rendering (on_build_error): no timer outlives it."""
    if _timer_possible():
        signal.setitimer(signal.ITIMER_REAL, 0)
