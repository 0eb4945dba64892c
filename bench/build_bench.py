"""Build benchmark: this project vs stock Material for MkDocs on the same synthetic texts.

    python -m bench.build_bench --n 100 300 1000 3000 --kb 20            # measure everything
    python -m bench.build_bench --n 1000 --only project                  # this project only
    python -m bench.build_bench --report                                 # reprint from results
    python -m bench.build_bench --n 1000 --only project check --articles 200   # with articles
    python -m bench.build_bench --n 1000 --only project stock-search --repeat 3  # median of 3

For each N a corpus of N standards of ~K KB is generated (bench.synth) and built

- `project`: this project (the repo's mkdocs.yml, docs/, overrides/, hooks/), `mkdocs build`;
- `check`: `python -m hooks check` on the same corpus (validation alone);
- `stock-search`: stock Material, the same files as plain pages under docs/standards/, nav
  automatic, the search plugin on with jieba (what Material needs for Chinese search);
- `stock-nosearch`: the same without any search plugin.

Each run records wall time, the peak RSS of the child (os.wait4 rusage) and the size of the built
site. Results are merged into bench/results/<kind>.json (committed; stock runs take many minutes,
so they are measured once and reprinted with --report). jieba is used only for the stock runs: it
is installed with pip into <work>/stock-libs and put on PYTHONPATH for those runs alone.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.synth import generate, generate_articles  # noqa: E402

RESULTS = REPO / "bench" / "results"
KINDS = ("project", "check", "stock-search", "stock-nosearch")
JIEBA = "jieba==0.42.1"
# 2026-11-27 12:00 Asia/Shanghai, the day tests compute statuses on (tests/conftest.py).
EPOCH = int(datetime(2026, 11, 27, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai")).timestamp())

STOCK_YML = """\
site_name: 机关事务标准（stock Material 对照）
theme:
  name: material
  language: zh
  font: false
markdown_extensions:
  - toc:
      permalink: true
  - tables
  - admonition
  - attr_list
  - md_in_html
  - def_list
  - footnotes
  - pymdownx.details
  - pymdownx.superfences
plugins:
{plugins}
"""


def env_for(extra_path: Path | None = None) -> dict[str, str]:
    env = os.environ | {"SOURCE_DATE_EPOCH": str(EPOCH), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PYTHONPATH", None)
    if extra_path is not None:
        env["PYTHONPATH"] = str(extra_path)
    return env


def run(cmd: list[str], cwd: Path, env: dict[str, str], log: Path) -> dict:
    """Run cmd; wall seconds, peak RSS (MB) of the child and its exit code."""
    with log.open("w", encoding="utf-8") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {"wall_s": round(wall, 2), "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
            "rss_mb": round(usage.ru_maxrss / 1024, 1), "rc": proc.returncode,
            "load": round(os.getloadavg()[0], 1)}


def tree_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def source_size(root: Path) -> int:
    return sum(p.stat().st_size for p in (root / "standards").glob("*.md"))


def make_project(dest: Path, articles: int = 0) -> None:
    """The repo's site code in dest (same layout as tests/conftest.py make_project); its
    docs/news/ holds `articles` synthetic articles (bench.synth), never the shipped ones."""
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    for name in ("docs", "overrides"):
        if (REPO / name).exists():
            shutil.rmtree(dest / name, ignore_errors=True)  # no file the repo has since deleted
            shutil.copytree(REPO / name, dest / name)
    shutil.rmtree(dest / "docs" / "news", ignore_errors=True)
    if articles:
        generate_articles(dest, articles)
    if not (dest / "hooks").exists():
        (dest / "hooks").symlink_to(REPO / "hooks", target_is_directory=True)


def make_stock(corpus: Path, dest: Path, search: bool) -> None:
    """Stock Material: the same standard files as plain pages, automatic nav."""
    docs = dest / "docs" / "standards"
    docs.mkdir(parents=True, exist_ok=True)
    for path in (corpus / "standards").glob("*.md"):
        shutil.copyfile(path, docs / path.name)
    (dest / "docs" / "index.md").write_text("# 机关事务标准\n\n对照组：stock Material。\n",
                                            encoding="utf-8")
    plugins = "  - search" if search else "  []"
    text = STOCK_YML.format(plugins=plugins).replace("plugins:\n  []", "plugins: []")
    (dest / "mkdocs.yml").write_text(text, encoding="utf-8")


def stock_libs(work: Path) -> Path:
    """A directory holding jieba, for the stock-search runs only (not the project's venv)."""
    libs = work / "stock-libs"
    if not (libs / "jieba").is_dir():
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--target", str(libs), JIEBA],
                       check=True)
    return libs


def measure(kind: str, n: int, kb: int, work: Path, articles: int = 0) -> dict:
    corpus = work / f"n{n}-kb{kb}" / "project"
    stamp = hashlib.sha256((REPO / "bench" / "synth.py").read_bytes()).hexdigest()[:16]
    if not (corpus / ".synth").is_file() or (corpus / ".synth").read_text() != stamp:
        shutil.rmtree(corpus, ignore_errors=True)
        corpus.mkdir(parents=True)
        generate(corpus, n, kb)
        (corpus / ".synth").write_text(stamp)
    make_project(corpus, articles if kind in ("project", "check") else 0)
    logs = work / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    log = logs / f"{kind}-n{n}-kb{kb}.log"
    py = sys.executable
    result: dict = {"n": n, "kb": kb, "articles": articles,
                    "source_mb": round(source_size(corpus) / 1e6, 2)}
    if kind == "project":
        site = corpus / "site"
        shutil.rmtree(site, ignore_errors=True)
        result |= run([py, "-m", "mkdocs", "build", "-q", "-d", str(site)], corpus, env_for(), log)
    elif kind == "check":
        result |= run([py, "-m", "hooks", "--root", str(corpus), "check"], REPO, env_for(), log)
        site = None
    else:
        search = kind == "stock-search"
        dest = work / f"n{n}-kb{kb}" / kind
        shutil.rmtree(dest, ignore_errors=True)
        make_stock(corpus, dest, search)
        site = dest / "site"
        extra = stock_libs(work) if search else None
        result |= run([py, "-m", "mkdocs", "build", "-q", "-d", str(site)], dest, env_for(extra), log)
    if site is not None and site.is_dir():
        result["site_mb"] = round(tree_size(site) / 1e6, 1)
        index = site / "search" / "search_index.json"
        if index.is_file():
            result["search_index_mb"] = round(index.stat().st_size / 1e6, 1)
        if kind.startswith("stock"):
            shutil.rmtree(site)  # hundreds of MB at N = 3,000; the size is recorded
    result["when"] = datetime.now(ZoneInfo("Asia/Shanghai")).isoformat(timespec="seconds")
    result["machine"] = f"{platform.machine()} {os.cpu_count()} CPU, Python {platform.python_version()}"
    if result["rc"] != 0:
        result["log_tail"] = log.read_text(encoding="utf-8", errors="replace")[-2000:]
    return result


def median_run(results: list[dict]) -> dict:
    """The run of median CPU time (the lower middle one of an even count), with every run's
    CPU seconds as `cpu_runs`; a single run as it is."""
    ok = [r for r in results if not r["rc"]] or results
    ranked = sorted(ok, key=lambda r: r["cpu_s"])
    chosen = dict(ranked[(len(ranked) - 1) // 2])
    if len(results) > 1:
        chosen["cpu_runs"] = [r["cpu_s"] for r in results]
    return chosen


def load(kind: str) -> dict[str, dict]:
    path = RESULTS / f"{kind}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def save(kind: str, key: str, result: dict) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    data = load(kind)
    data[key] = result
    data = dict(sorted(data.items(), key=lambda kv: (kv[1]["kb"], kv[1]["n"])))
    (RESULTS / f"{kind}.json").write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n",
                                          encoding="utf-8")


def _get(data: dict, n: int, kb: int, field: str) -> float | None:
    row = data.get(f"n{n}-kb{kb}")
    return None if row is None or row.get("rc") else row.get(field)


def _fmt(value: float | None, unit: str = "") -> str:
    return "—" if value is None else f"{value:g}{unit}"


def _ratio(a: float | None, b: float | None) -> str:
    return "—" if a is None or b is None or not b else f"{a / b:.2f}×"


def _wc(data: dict, n: int, kb: int) -> str:
    wall, cpu = _get(data, n, kb, "wall_s"), _get(data, n, kb, "cpu_s")
    return "—" if wall is None else f"{wall:g} / {_fmt(cpu)}"


def report(ns: list[int], kb: int) -> str:
    data = {kind: load(kind) for kind in KINDS}
    p, c, s, o = (data[k] for k in KINDS)
    rows = [
        "| N | 源文件 MB | 本项目 构建 墙钟/CPU s | 本项目 内存 MB | 本项目 站点 MB（×源） | "
        "check 墙钟/CPU s | stock+搜索 墙钟/CPU s | stock+搜索 内存 MB | stock+搜索 站点 MB | "
        "stock 无搜索 墙钟/CPU s | stock 无搜索 站点 MB | 本项目/stock+搜索（CPU） | "
        "本项目/stock 无搜索（CPU） |",
        "|" + "---|" * 13,
    ]
    for n in ns:
        src = (p.get(f"n{n}-kb{kb}") or s.get(f"n{n}-kb{kb}") or {}).get("source_mb")
        site = _get(p, n, kb, "site_mb")
        rows.append(" | ".join([
            f"| {n:,}", _fmt(src), _wc(p, n, kb), _fmt(_get(p, n, kb, "rss_mb")),
            f"{_fmt(site)}（{_ratio(site, src)}）", _wc(c, n, kb), _wc(s, n, kb),
            _fmt(_get(s, n, kb, "rss_mb")), _fmt(_get(s, n, kb, "site_mb")), _wc(o, n, kb),
            _fmt(_get(o, n, kb, "site_mb")),
            _ratio(_get(p, n, kb, "cpu_s"), _get(s, n, kb, "cpu_s")),
            _ratio(_get(p, n, kb, "cpu_s"), _get(o, n, kb, "cpu_s")) + " |",
        ]))
    lines = ["\n".join(rows), "", "随 N 的增长（相邻两档之比；k 为指数，量 ∝ N^k）：", ""]
    lines += ["| 指标 | " + " | ".join(f"{a:,}→{b:,}" for a, b in zip(ns, ns[1:], strict=False)) + " |",
              "|---|" + "---|" * max(len(ns) - 1, 1)]
    metrics = [("本项目 构建 CPU", "project", "cpu_s"), ("本项目 峰值内存", "project", "rss_mb"),
               ("本项目 站点大小", "project", "site_mb"), ("check CPU", "check", "cpu_s"),
               ("stock+搜索 构建 CPU", "stock-search", "cpu_s"),
               ("stock+搜索 站点大小", "stock-search", "site_mb"),
               ("stock 无搜索 构建 CPU", "stock-nosearch", "cpu_s"),
               ("stock 无搜索 站点大小", "stock-nosearch", "site_mb")]
    for label, kind, fld in metrics:
        cells = []
        for a, b in zip(ns, ns[1:], strict=False):
            va, vb = _get(data[kind], a, kb, fld), _get(data[kind], b, kb, fld)
            if va and vb:
                k = math.log(vb / va) / math.log(b / a)
                cells.append(f"{vb / va:.2f}×（k={k:.2f}）")
            else:
                cells.append("—")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.build_bench", description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=[100, 300, 1000, 3000])
    parser.add_argument("--kb", type=int, default=20)
    parser.add_argument("--only", nargs="+", choices=KINDS, default=list(KINDS))
    parser.add_argument("--work", type=Path, default=REPO / "bench-out",
                        help="where corpora and sites are written (default: bench-out/, git-ignored)")
    parser.add_argument("--report", action="store_true", help="only print the table from results")
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs of each kind, interleaved; the run of median CPU time is "
                             "recorded, with every run's CPU time beside it")
    parser.add_argument("--articles", type=int, default=0,
                        help="articles under docs/news/ for the project and check runs (results "
                             "saved as n<N>-kb<K>-a<A>, apart from the table)")
    args = parser.parse_args(argv)
    if not args.report:
        for n in args.n:
            runs: dict[str, list[dict]] = {kind: [] for kind in args.only}
            for _ in range(args.repeat):  # kinds interleaved: a slower spell hits them alike
                for kind in args.only:
                    result = measure(kind, n, args.kb, args.work.resolve(), args.articles)
                    runs[kind].append(result)
                    shown = {k: v for k, v in result.items() if k not in ("log_tail", "machine")}
                    print(f"{kind:15} N={n:<5} {shown}", flush=True)
                    if result["rc"]:
                        print(result.get("log_tail", ""), file=sys.stderr)
            suffix = f"-a{args.articles}" if args.articles else ""
            for kind, results in runs.items():
                save(kind, f"n{n}-kb{args.kb}{suffix}", median_run(results))
    print(report(sorted(args.n), args.kb))
    return 0


if __name__ == "__main__":
    sys.exit(main())
