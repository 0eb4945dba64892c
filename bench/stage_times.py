"""Where a build's CPU time goes: one `mkdocs build` in this process, timed stage by stage.

    python -m bench.build_bench --n 1000 --only project        # makes bench-out/n1000-kb20/project
    python -m bench.stage_times bench-out/n1000-kb20/project   # then: its stages

Prints the process CPU time of the whole build, of the cyclic garbage collector, and of each
stage (hooks/pipeline.py's steps, MkDocs' Markdown rendering and page templates), slowest first.
Stages nest (`page_content` holds `sanitize`), so the lines do not add up to the total. The
timers cost about a microsecond per call; no profiler runs, so the figures are the build's own.
"""

from __future__ import annotations

import argparse
import functools
import gc
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

TIMES: dict[str, float] = {}


def timed(fn: Callable, label: str) -> Callable:
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        start = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            TIMES[label] = TIMES.get(label, 0.0) + time.process_time() - start
    return wrapper


def instrument() -> None:
    """Wrap MkDocs' page steps and every step list of hooks/pipeline.py in timers."""
    from mkdocs.commands import build
    from mkdocs.structure.pages import Page

    from hooks import pipeline
    from hooks.search import index

    Page.render = timed(Page.render, "Markdown → HTML (Page.render)")
    build._build_page = timed(build._build_page, "page templates (_build_page)")
    pipeline.start = timed(pipeline.start, "load → check → derive (on_pre_build)")
    pipeline.page_content = timed(pipeline.page_content, "page_content (all pages)")
    pipeline.sanitize_html = timed(pipeline.sanitize_html, "sanitize (standard texts)")
    pipeline.standard_page.render_head = timed(pipeline.standard_page.render_head, "render_head")
    index.body_index = timed(index.body_index, "full-text index (body_index)")
    for name in ("ADD_FILES", "PAGE_CONTENT", "STANDARD_TEXT", "STANDARD_EXTRA", "WRITE_OUTPUTS"):
        steps = getattr(pipeline, name)
        setattr(pipeline, name, tuple(timed(f, f"{name}: {f.__module__}.{f.__name__}")
                                      for f in steps))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.stage_times",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("project", type=Path, help="a project directory (mkdocs.yml, standards/)")
    parser.add_argument("--top", type=int, default=25, help="stages to print")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.chdir(args.project)
    instrument()
    collector = {"start": 0.0, "total": 0.0}

    def on_gc(phase: str, _info: dict) -> None:
        if phase == "start":
            collector["start"] = time.process_time()
        else:
            collector["total"] += time.process_time() - collector["start"]

    gc.callbacks.append(on_gc)
    from mkdocs.__main__ import cli

    with tempfile.TemporaryDirectory() as site:
        start = time.process_time()
        try:
            cli(["build", "-q", "-d", site], standalone_mode=False)
        finally:
            total = time.process_time() - start
            gc.callbacks.remove(on_gc)
    print(f"{total:8.2f} s  build (process CPU)")
    print(f"{collector['total']:8.2f} s  garbage collector")
    for label, seconds in sorted(TIMES.items(), key=lambda kv: -kv[1])[:args.top]:
        print(f"{seconds:8.2f} s  {label}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
