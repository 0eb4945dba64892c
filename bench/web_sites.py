"""The three sites of bench/web_bench.py, each built its own way and measured.

- `ours`: the repo's site (bench.build_bench.make_project), `mkdocs build` with the project's
  Python and a fixed SOURCE_DATE_EPOCH;
- `material`: stock Material 9.8.1 with its search plugin and jieba, in its own virtual
  environment (VENVS / "venv-material");
- `pagefind`: the same stock Material without its search plugin, then Pagefind 1.5.2 (extended
  build, PyPI `pagefind[extended]`) over the built site, in its own virtual environment
  (VENVS / "venv-pagefind"), with a search page `search/` that shows Pagefind's default UI.

Both stock sites get the same pages: the standard's text under its title, with the number and
the English title printed at the top as on a real standard (front matter is not rendered by
stock MkDocs, so without that line no stock tool could ever find a number).

A build is measured as a process tree: wall and CPU seconds (os.wait4 of each command, which
includes its waited-for children) and the peak of the summed RSS of the whole tree, sampled
from /proc every 50 ms (and never below the largest single process's ru_maxrss).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.build_bench import STOCK_YML, env_for, make_project, source_size, tree_size  # noqa: E402

VENVS = Path.home() / ".cache" / "standards-bench"
PACKAGES = {
    "material": ["mkdocs-material==9.8.1", "jieba==0.42.1"],
    "pagefind": ["mkdocs-material==9.8.1", "pagefind[extended]==1.5.2"],
}
TOOLS = ("ours", "material", "pagefind")

PAGEFIND_PAGE = """\
---
title: 搜索
---

# 搜索

<link href="../pagefind/pagefind-ui.css" rel="stylesheet">
<script src="../pagefind/pagefind-ui.js"></script>
<div id="search"></div>
<script>
window.addEventListener("DOMContentLoaded", () => {
  const ui = new PagefindUI({ element: "#search", showSubResults: true });
  const q = new URLSearchParams(location.search).get("q");
  if (q) ui.triggerSearch(q);
});
</script>
"""


def venv_python(tool: str) -> Path:
    """The Python of `tool`'s own virtual environment, created and filled on first use."""
    venv = VENVS / f"venv-{tool}"
    python = venv / "bin" / "python"
    stamp = venv / ".bench-packages"
    wanted = " ".join(PACKAGES[tool])
    if python.is_file() and stamp.is_file() and stamp.read_text() == wanted:
        return python
    VENVS.mkdir(parents=True, exist_ok=True)
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", "--clear", str(venv)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "-q", *PACKAGES[tool]], check=True)
    stamp.write_text(wanted)
    return python


def _tree_rss_kb(pid: int) -> int:
    """Summed VmRSS (KB) of pid and all its descendants (0 once gone)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
                    break
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return total


def run_tree(cmd: list[str], cwd: Path, env: dict[str, str], log: Path) -> dict:
    """Run cmd; wall s, CPU s (children included), peak RSS MB of the process tree, exit code."""
    peak = [0]
    with log.open("a", encoding="utf-8") as out:
        out.write(f"$ {' '.join(cmd)}\n")
        out.flush()
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], _tree_rss_kb(proc.pid))
                done.wait(0.05)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        done.set()
        sampler.join()
    return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime,
            "rss_mb": max(peak[0], usage.ru_maxrss) / 1024,
            "rc": os.waitstatus_to_exitcode(status)}


def _combine(steps: list[dict]) -> dict:
    """Sequential steps: times add up, the peak is the largest."""
    return {"wall_s": round(sum(s["wall_s"] for s in steps), 1),
            "cpu_s": round(sum(s["cpu_s"] for s in steps), 1),
            "rss_mb": round(max(s["rss_mb"] for s in steps)),
            "rc": next((s["rc"] for s in steps if s["rc"]), 0),
            "steps": [{k: round(v, 1) for k, v in s.items()} for s in steps]}


def stock_pages(corpus: Path, dest: Path, search: bool) -> None:
    """Stock Material project in dest: one page per standard, number and English title on top."""
    shutil.rmtree(dest, ignore_errors=True)
    docs = dest / "docs" / "standards"
    docs.mkdir(parents=True)
    for path in sorted((corpus / "standards").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        _, head, body = text.split("---\n", 2)
        meta = yaml.safe_load(head)
        top = f"**{meta['number']}**　{meta.get('title_en', '')}\n\n"
        (docs / path.name).write_text(f"---\n{head}---\n\n{top}{body}", encoding="utf-8")
    (dest / "docs" / "index.md").write_text("# 机关事务标准\n\n对照组：stock Material。\n",
                                            encoding="utf-8")
    if not search:
        (dest / "docs" / "search.md").write_text(PAGEFIND_PAGE, encoding="utf-8")
    plugins = "  - search" if search else "  []"
    text = STOCK_YML.format(plugins=plugins).replace("plugins:\n  []", "plugins: []")
    (dest / "mkdocs.yml").write_text(text, encoding="utf-8")


def _stock_env() -> dict[str, str]:
    env = env_for()
    env.pop("VIRTUAL_ENV", None)
    return env


def build(tool: str, corpus: Path, dest: Path, log: Path) -> tuple[Path, dict]:
    """Build `tool`'s site from the corpus at `corpus` (bench.synth output) into dest/site;
    (site directory, build figures)."""
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text("", encoding="utf-8")
    if tool == "ours":
        make_project(corpus)
        site = dest / "site"
        shutil.rmtree(site, ignore_errors=True)
        steps = [run_tree([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)],
                          corpus, env_for(), log)]
    else:
        python = venv_python(tool)
        stock_pages(corpus, dest, search=tool == "material")
        site = dest / "site"
        steps = [run_tree([str(python), "-m", "mkdocs", "build", "-q", "-d", str(site)], dest,
                          _stock_env(), log)]
        if tool == "pagefind" and not steps[0]["rc"]:
            steps.append(run_tree([str(python), "-m", "pagefind", "--site", str(site),
                                   "--root-selector", "article.md-content__inner"],
                                  dest, _stock_env(), log))
    figures = _combine(steps)
    figures |= {"site_mb": round(tree_size(site) / 1e6, 1) if site.is_dir() else None,
                "source_mb": round(source_size(corpus) / 1e6, 1)}
    if figures["site_mb"]:
        figures["site_x_source"] = round(figures["site_mb"] / figures["source_mb"], 2)
    if figures["rc"]:
        figures["log_tail"] = log.read_text(encoding="utf-8", errors="replace")[-2000:]
    return site, figures
