"""Search benchmark: this project's search vs stock Material search, in headless Chromium.

    python -m bench.search_bench --n 100 1000 --kb 20          # build both sites and measure
    python -m bench.search_bench --n 1000 --only project        # this project only
    python -m bench.search_bench --n 1000 --reuse               # measure again, no rebuild
    python -m bench.search_bench --report                       # reprint from results

For each N a synthetic corpus (bench.synth: N standards of ~K KB, GB/T 1.1 structure) is built
twice: with this project (mkdocs.yml, hooks, overrides) and as stock Material with its search
plugin and jieba (bench.build_bench.make_stock). Each site is served over loopback by a small
server that gzips text like any production web server (GitHub Pages, nginx `gzip on`). For each
query kind, in a fresh browser context (cold cache):

- project: open `catalogue/?q=…`; "first result" is the moment the ranked table shows (the
  catalogue count changes); "snippets" the moment clause hits are drawn. Also the header box: open
  a standard page, focus the box, type; first option in the dropdown.
- stock: open the home page, type the query into Material's search box; first result item.

Bytes are the encoded (gzip) sizes of every response finished before the first result, page
included. "later" is the slowest of five further, different queries run in the same page after
the first (they may fetch more index shards). Each project query kind is measured `--repeat`
times (default 5) and the run with the median first-result time is reported, with all the
times in `first_ms_runs`; one throwaway page load warms the browser process first.
Results: bench/results/search.json.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import io
import json
import shutil
import subprocess
import sys
import threading
import time
from datetime import datetime
from pathlib import Path
from urllib.parse import quote
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.build_bench import env_for, make_project, make_stock, stock_libs  # noqa: E402
from bench.synth import generate  # noqa: E402

RESULTS = REPO / "bench" / "results" / "search.json"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
GZIP_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")

# Query kinds: the synthetic corpus decides the numbers and the topic words (see queries()).
BODY_QUERY = "保存不少于三年"  # a phrase of the body text only (bench.synth TAILS)
LATER = ["办公用房", "jieneng", "能耗定额 节能", "食品安全", "采购需求"]


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-encoded for text types when the client accepts it."""

    def log_message(self, *args) -> None:  # quiet
        pass

    def send_head(self):  # noqa: D401 - SimpleHTTPRequestHandler API
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()
            path = path / "index.html"
        if not path.is_file():
            return super().send_head()
        ctype = self.guess_type(str(path))
        data = path.read_bytes()
        encoded = "gzip" in self.headers.get("Accept-Encoding", "") and ctype.startswith(GZIP_TYPES)
        if encoded:
            data = gzip.compress(data, 6)
        self.send_response(200)
        self.send_header("Content-Type", ctype + ("; charset=utf-8" if ctype.startswith("text/") else ""))
        if encoded:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        return io.BytesIO(data)


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(GzipHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


def queries(corpus_root: Path) -> tuple[dict[str, str], dict[str, set[str]]]:
    """One query per kind, taken from the corpus (a GB/T standard in force and its topic), and
    for each kind the standards that are right answers (the top three must include one)."""
    from pypinyin import Style, lazy_pinyin

    from bench.synth import TOPICS, TOPICS_EN
    from hooks.corpus import load_corpus

    corpus = load_corpus(corpus_root)
    std = next(s for s in corpus.standards if s.number.code == "GB/T" and s.status == "现行")
    seq, year = std.number.seq, std.number.year
    wide = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in f"GB/T {seq}")
    wide = wide.replace(" ", "\u3000") + "—" + "".join(chr(ord(c) + 0xFEE0) for c in year)
    topic = next(t for t in TOPICS if std.title.startswith(t))
    tail = topic[-2:]  # the end of a word: 办公用房 → 用房
    keyword = next(k for k in std.keywords if k not in std.title)
    on_topic = {s.slug for s in corpus.standards if s.title.startswith(topic)}
    with_keyword = {s.slug for s in corpus.standards if keyword in s.keywords}
    expected = {
        "number-exact": {std.slug}, "number-fullwidth": {std.slug}, "number-partial": {std.slug},
        "title-substring": {s.slug for s in corpus.standards if tail in s.title},
        "pinyin-full": on_topic, "pinyin-initials": on_topic, "keyword": with_keyword,
        "multi-word": on_topic & with_keyword,
        "english": on_topic,
        "body": {s.slug for s in corpus.standards if BODY_QUERY in s.body},
    }
    return {
        "number-exact": f"GB/T{seq}-{year}",
        "number-fullwidth": wide,
        "number-partial": seq,
        "title-substring": tail,
        "pinyin-full": "".join(lazy_pinyin(topic)),
        "pinyin-initials": "".join(lazy_pinyin(topic, style=Style.FIRST_LETTER)),
        "keyword": keyword,
        "multi-word": f"{topic} {keyword}",
        "english": TOPICS_EN[topic].title(),  # title_en, in other letter case
        "body": BODY_QUERY,
    }, expected


OBSERVER = """
(() => {
  window.__bench = {};
  const mark = (name) => {
    if (window.__bench[name] === undefined) {
      window.__bench[name] = performance.now();
      if (window.__benchMark) window.__benchMark(name);
    }
  };
  const check = () => {
    const count = document.getElementById('catalogue-count');
    if (count && /筛选出/.test(count.textContent)) mark('first');
    if (document.querySelector('.std-hits-cell')) mark('snippets');
    if (document.querySelector('.std-search__option')) mark('header');
    if (document.querySelector('.md-search-result__item')) mark('first');
  };
  new MutationObserver(check).observe(document, {subtree: true, childList: true, characterData: true});
})();
"""


class Recorder:
    """Encoded bytes of finished responses, snapshotted when the page marks a moment."""

    def __init__(self, page) -> None:
        self.finished: list = []
        self.marks: dict[str, int] = {}
        page.on("requestfinished", lambda req: self.finished.append(req))
        page.expose_function("__benchMark", self.mark)

    def mark(self, name: str) -> None:
        self.marks.setdefault(name, len(self.finished))

    def bytes_at(self, name: str) -> int | None:
        if name not in self.marks:
            return None
        total = 0
        for req in self.finished[: self.marks[name]]:
            sizes = req.sizes()
            total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        return total


def observed_page(browser):
    """A page in a fresh context (empty HTTP cache) with the observer and a byte recorder."""
    ctx = browser.new_context()
    page = ctx.new_page()
    page.add_init_script(OBSERVER)
    return ctx, page, Recorder(page)


def measure_project(browser, base: str, qs: dict[str, str],
                    expected: dict[str, set[str]]) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for kind, q in qs.items():
        ctx, page, rec = observed_page(browser)
        page.goto(base + "catalogue/?q=" + quote(q))
        page.wait_for_function("() => window.__bench && window.__bench.first !== undefined",
                               timeout=60000)
        with contextlib.suppress(Exception):  # metadata-only results draw no snippets
            page.wait_for_function("() => window.__bench.snippets !== undefined", timeout=5000)
        marks = page.evaluate("() => window.__bench")
        count = page.inner_text("#catalogue-count")
        top3 = page.eval_on_selector_all("#catalogue-table tbody tr:not([hidden])",
                                         "rows => rows.slice(0, 3).map(r => r.dataset.slug)")
        dcl = page.evaluate("() => performance.getEntriesByType('navigation')[0]"
                            ".domContentLoadedEventEnd")
        later = []
        for q2 in LATER:
            later.append(page.evaluate(
                "async (q) => { const t = performance.now(); await StandardSearch.query(q);"
                " return performance.now() - t; }", q2))
        out[kind] = {
            "query": q, "first_ms": round(marks["first"]), "first_kb": _kb(rec.bytes_at("first")),
            "snippets_ms": round(marks["snippets"]) if "snippets" in marks else None,
            "snippets_kb": _kb(rec.bytes_at("snippets")),
            "count": count, "later_max_ms": round(max(later), 1), "dcl_ms": round(dcl),
            "top3": top3, "top3_ok": bool(set(top3) & expected[kind]),
        }
        ctx.close()
        # header box: from focus to the first option, on a standard page
        ctx, page, rec = observed_page(browser)
        page.goto(base)
        page.wait_for_load_state("load")
        rec.marks["start"] = len(rec.finished)
        start = page.evaluate("() => performance.now()")
        page.focus("#std-search-input")
        page.fill("#std-search-input", q)
        page.wait_for_function("() => window.__bench.header !== undefined", timeout=60000)
        marks = page.evaluate("() => window.__bench")
        before = rec.bytes_at("start") or 0
        out[kind]["header_ms"] = round(marks["header"] - start)
        out[kind]["header_kb"] = _kb((rec.bytes_at("header") or 0) - before)
        ctx.close()
    return out


def measure_stock(browser, base: str, qs: dict[str, str], timeout_s: int) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for kind, q in qs.items():
        ctx, page, rec = observed_page(browser)
        page.goto(base)
        page.click("input.md-search__input")
        page.fill("input.md-search__input", q)
        try:
            page.wait_for_function("() => window.__bench.first !== undefined",
                                   timeout=timeout_s * 1000)
            marks = page.evaluate("() => window.__bench")
            n = page.locator(".md-search-result__item").count()
            t0 = time.perf_counter()
            page.fill("input.md-search__input", LATER[0])
            page.wait_for_timeout(50)
            later = round((time.perf_counter() - t0) * 1000)
            out[kind] = {"query": q, "first_ms": round(marks["first"]),
                         "first_kb": _kb(rec.bytes_at("first")), "count": n, "later_ms": later}
        except Exception:  # noqa: BLE001 - no result within the timeout
            meta = page.inner_text(".md-search-result__meta")
            out[kind] = {"query": q, "first_ms": None, "first_kb": None, "count": 0,
                         "note": meta.strip()}
        ctx.close()
    return out


def _kb(n: int | None) -> float | None:
    return None if n is None else round(n / 1024, 1)


def build(cmd_root: Path, site: Path, extra: Path | None = None) -> float:
    shutil.rmtree(site, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=cmd_root,
                   env=env_for(extra), check=True)
    return round(time.perf_counter() - start, 1)


def index_size(site: Path) -> dict[str, float]:
    """Raw and gzip MB of the search files (ours) or search_index.json (stock)."""
    files = [p for p in (site / "search").rglob("*") if p.is_file() and p.suffix == ".json"]
    raw = sum(p.stat().st_size for p in files)
    gz = sum(len(gzip.compress(p.read_bytes(), 6)) for p in files)
    return {"index_files": len(files), "index_mb": round(raw / 1e6, 1),
            "index_gzip_mb": round(gz / 1e6, 2)}


def warm_up(browser, base: str) -> None:
    """One page load in a throwaway context before measuring: the first renderer of a fresh
    browser process pays for starting up and reading system fonts, which no reader's browser
    does on each visit. Every measured query still gets its own context (empty HTTP cache)."""
    ctx = browser.new_context()
    ctx.new_page().goto(base)
    ctx.close()


def median_runs(runs: list[dict[str, dict]]) -> dict[str, dict]:
    """Per query kind, the run with the median first-result time, plus every run's time."""
    out: dict[str, dict] = {}
    for kind in runs[0]:
        rows = sorted((r[kind] for r in runs), key=lambda row: row["first_ms"])
        out[kind] = rows[len(rows) // 2] | {"first_ms_runs": [r[kind]["first_ms"] for r in runs]}
    return out


def run_n(n: int, kb: int, work: Path, only: str, timeout_s: int, reuse: bool,
          repeat: int = 1) -> dict:
    from playwright.sync_api import sync_playwright

    root = work / f"n{n}-kb{kb}"
    corpus = root / "project"
    if not (corpus / "standards").is_dir() or len(list((corpus / "standards").glob("*.md"))) != n:
        shutil.rmtree(corpus, ignore_errors=True)
        corpus.mkdir(parents=True)
        generate(corpus, n, kb)
    make_project(corpus)
    qs, expected = queries(corpus)
    result: dict = {"n": n, "kb": kb,
                    "when": datetime.now(ZoneInfo("Asia/Shanghai")).isoformat(timespec="seconds")}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        if only == "project":
            site = corpus / "site"
            if not (reuse and (site / "search" / "meta.json").is_file()):
                result["project_build_s"] = build(corpus, site)
            result["project_index"] = index_size(site)
            server, base = serve(site)
            try:
                warm_up(browser, base)
                runs = [measure_project(browser, base, qs, expected) for _ in range(repeat)]
                result["project"] = median_runs(runs)
            finally:
                server.shutdown()
        if only == "stock":
            dest = root / "stock-search"
            site = dest / "site"
            if not (reuse and (site / "search" / "search_index.json").is_file()):
                shutil.rmtree(dest, ignore_errors=True)
                make_stock(corpus, dest, search=True)
                result["stock_build_s"] = build(dest, site, stock_libs(work))
            index = site / "search" / "search_index.json"
            result["stock_index"] = {"index_mb": round(index.stat().st_size / 1e6, 1),
                                     "index_gzip_mb": round(len(gzip.compress(index.read_bytes(), 6)) / 1e6, 2)}
            server, base = serve(site)
            try:
                result["stock"] = measure_stock(browser, base, qs, timeout_s)
            finally:
                server.shutdown()
        browser.close()
    return result


def load() -> dict:
    return json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.is_file() else {}


def save(key: str, result: dict) -> None:
    data = load()
    old = data.get(key, {})
    data[key] = old | result
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def report() -> str:
    lines = []
    for r in load().values():
        lines.append(f"\nN = {r['n']}, K = {r['kb']} KB ({r.get('when', '')})")
        lines.append(f"project: build {r.get('project_build_s')} s, index {r.get('project_index')}; "
                     f"stock: build {r.get('stock_build_s')} s, index {r.get('stock_index')}")
        lines.append("| 查询类型 | 查询 | 前三含正确结果 | 本站 首个结果 ms（中位数，最快–最慢） | DOM 就绪 ms "
                     "| 本站 传输 KB | 本站 片段 ms | 页头框 ms | 页头框 KB | 后续查询 最慢 ms "
                     "| Material 首个结果 ms | Material 传输 KB |")
        lines.append("|---|---|---|---|---|---|---|---|---|---|---|---|")
        proj, stock = r.get("project", {}), r.get("stock", {})
        for kind in proj or stock:
            a, b = proj.get(kind, {}), stock.get(kind, {})
            q = a.get("query") or b.get("query")
            ok = {True: "是", False: "否"}.get(a.get("top3_ok"))
            cells = [kind, f"`{q}`", ok, a.get("first_ms"), a.get("dcl_ms"), a.get("first_kb"),
                     a.get("snippets_ms"),
                     a.get("header_ms"), a.get("header_kb"), a.get("later_max_ms"),
                     b.get("first_ms") if b else None, b.get("first_kb") if b else None]
            runs = a.get("first_ms_runs")
            if runs and len(runs) > 1:
                cells[3] = f"{a['first_ms']}（{min(runs)}–{max(runs)}）"
            if b and b.get("first_ms") is None and "note" in b:
                cells[10] = f"无结果（{b['note']}）"
            lines.append("| " + " | ".join("—" if c is None else str(c) for c in cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.search_bench",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--kb", type=int, default=20)
    parser.add_argument("--work", type=Path, default=Path("/tmp/search-bench"))
    parser.add_argument("--only", choices=["project", "stock"])
    parser.add_argument("--timeout", type=int, default=180, help="stock: seconds per query")
    parser.add_argument("--reuse", action="store_true", help="do not rebuild a site that exists")
    parser.add_argument("--repeat", type=int, default=5,
                        help="project: measure every query kind this many times; report the median")
    parser.add_argument("--report", action="store_true")
    args = parser.parse_args(argv)
    if not args.report:
        for n in args.n:
            for part in [args.only] if args.only else ["project", "stock"]:
                save(f"n{n}-kb{args.kb}",
                     run_n(n, args.kb, args.work, part, args.timeout, args.reuse, args.repeat))
    print(report())
    return 0


if __name__ == "__main__":
    sys.exit(main())
