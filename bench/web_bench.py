"""Search speed as readers get it: our site, stock Material + jieba and Pagefind, side by side.

    python -m bench.web_bench                                  # everything: 2 corpora × 3 sites
    python -m bench.web_bench --n 1000 --kb 20 --runs 3        # the same, spelled out
    python -m bench.web_bench --tools ours --reuse             # re-measure ours, rebuild nothing
    python -m bench.web_bench --tools ours                     # rebuild and measure ours only
    python -m bench.web_bench --corpora small --tools ours --site-dir /path/to/site
                                                               # measure a site already built
    python -m bench.web_bench --report                         # reprint bench/results/web.json

Corpora (bench.synth, N standards of ~K KB, default 1,000 × 20 KB): `bench`, the benchmarks' own,
and `small` (`--vocab small`: common words hit hundreds of standards, as 节能 or 管理 do in a real
corpus). Each is built three ways (bench/web_sites.py; stock tools in their own virtual
environments under ~/.cache/standards-bench/, created on first use):

- ours: the repo's site, SOURCE_DATE_EPOCH fixed;
- material: stock Material 9.8.1 with its search plugin and jieba;
- pagefind: stock Material 9.8.1 without search, then Pagefind 1.5.2 (extended), with a page
  `search/` showing Pagefind's default UI.

Each site is served by nginx with README's gzip settings (bench/web_nginx.py) and measured in
headless Chromium (/usr/bin/chromium), a fresh browser context (cold cache) per run, median of
`--runs` runs per query. A run's figures: milliseconds from navigation start to the first visible
result; bytes on the wire, the sum of nginx's $bytes_sent over every request it logged up to that
moment; the number of those requests.

- ours: open `search/?q=<query>` (`catalogue/?q=<query>` while the site has no search page);
  the first result is the performance mark "search:first-result" when the page sets one, else
  the first visible `[data-search-result]`, else (catalogue page) the count turning to 筛选出….
- material: open the home page, type the query into the search box; first visible result item.
- pagefind: open `search/?q=<query>` (the page calls the UI's triggerSearch); first visible
  result of Pagefind's UI with its title loaded (`.pagefind-ui__result-link`; the UI first draws
  empty ". . ." placeholders, which are not a result).

A result must be visible and have text (not only dots): the same rule for all three tools.

A query whose first run takes longer than `--slow-ms` (default 5,000 ms; stock Material needs
tens of seconds to index in the browser) is run once only: the median of three would not change
the comparison and would triple the run time. "no result" means the tool answered with none.
Six query kinds per corpus are read from the generated corpus (printed with their hit counts).
Tables are printed per corpus, with a check of our figures against issue 18's targets (at most
400 ms and 250 KB, faster and smaller than Pagefind on the same query); everything goes to
bench/results/web.json (under "n<N>-kb<K>"; a partial run updates only what it measured) with
the machine's load average.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import platform
import shutil
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path
from urllib.parse import quote
from zoneinfo import ZoneInfo

import yaml

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench import synth  # noqa: E402
from bench.web_nginx import Nginx  # noqa: E402
from bench.web_sites import TOOLS, build  # noqa: E402

RESULTS = REPO / "bench" / "results" / "web.json"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
CORPORA = ("bench", "small")
KINDS = ("body-many", "body-few", "number", "title", "pinyin-initials", "english")
KIND_LABELS = {"body-many": "正文词（命中多）", "body-few": "正文词（命中少）", "number": "标准编号",
               "title": "标题片段", "pinyin-initials": "拼音首字母", "english": "英文标题"}
TARGET_MS, TARGET_KB = 400, 250
NONE_HOLD_MS = 1500  # "no result" counts once it has stood this long with nothing after it

# Per tool: what counts as the first visible result, and what as an answer with none.
WATCH = {
    "ours": {"mark": "search:first-result", "results": ["[data-search-result]"],
             "count": "#catalogue-count", "none": "[data-search-empty]"},
    "material": {"results": [".md-search-result__item"], "none": ".md-search-result__meta",
                 "none_text": "没有找到|No matching"},
    "pagefind": {"results": [".pagefind-ui__result-link"], "none": ".pagefind-ui__message",
                 "none_text": "未找到|No results"},
}

OBSERVER = """
(() => {
  const cfg = %s;
  const wb = window.__wb = {};
  const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  // a result shows something to read: not empty, not a loading placeholder (". . .")
  const readable = (el) => visible(el) && /[^.\\s\\u00b7]/.test(el.textContent);
  const found = (t, how, text) => {
    if (wb.t !== undefined) return;
    wb.t = t; wb.how = how; wb.text = (text || "").replace(/\\s+/g, " ").trim().slice(0, 80);
  };
  const check = () => {
    if (wb.t !== undefined) return;
    if (cfg.mark) {
      const m = performance.getEntriesByName(cfg.mark)[0];
      if (m) {
        const el = document.querySelector("[data-search-result]");
        return found(m.startTime, "mark", el ? el.textContent : "");
      }
    }
    for (const sel of cfg.results) {
      const el = Array.from(document.querySelectorAll(sel)).find(readable);
      if (el) return found(performance.now(), sel, el.textContent);
    }
    if (cfg.count) {
      const c = document.querySelector(cfg.count);
      if (c && /筛选出/.test(c.textContent)) {
        const row = document.querySelector("#catalogue-table tbody tr:not([hidden])");
        if (row) return found(performance.now(), "catalogue-count", row.textContent);
        wb.none = performance.now();
      }
    }
    if (cfg.none && wb.none === undefined) {
      const el = document.querySelector(cfg.none);
      if (el && visible(el) && (!cfg.none_text || new RegExp(cfg.none_text).test(el.textContent))) {
        wb.none = performance.now(); wb.text = el.textContent.trim().slice(0, 80);
      }
    }
  };
  const start = () => new MutationObserver(check).observe(document, {
    subtree: true, childList: true, characterData: true, attributes: true});
  start();
  try {
    new PerformanceObserver(check).observe({type: "mark", buffered: true});
  } catch (e) { /* no PerformanceObserver: the mutations still catch the result */ }
  setInterval(check, 20);
})();
"""


# --- corpora and queries -----------------------------------------------------------------------

def corpus_dir(work: Path, vocab: str, n: int, kb: int) -> Path:
    """work/<vocab>-n<N>-kb<K>/project: the generated corpus, reused while bench/synth.py and
    the parameters are unchanged (it doubles as our project root: make_project writes there)."""
    root = work / f"{vocab}-n{n}-kb{kb}" / "project"
    stamp = hashlib.sha256((REPO / "bench" / "synth.py").read_bytes()).hexdigest()[:16] + vocab
    if not (root / ".synth").is_file() or (root / ".synth").read_text() != stamp:
        shutil.rmtree(root, ignore_errors=True)
        root.mkdir(parents=True)
        synth.generate(root, n, kb, vocab=vocab)
        (root / ".synth").write_text(stamp)
    return root


def read_corpus(root: Path) -> list[dict]:
    """Front matter plus `body` of every standard in root/standards."""
    out = []
    for path in sorted((root / "standards").glob("*.md")):
        _, head, body = path.read_text(encoding="utf-8").split("---\n", 2)
        out.append(yaml.safe_load(head) | {"body": body})
    return out


def queries(stds: list[dict]) -> dict[str, dict]:
    """One query per kind, read from the corpus, with its hit count (standards containing it)."""
    from pypinyin import Style, lazy_pinyin

    titles = " ".join(s["title"] for s in stds)

    def body_hits(word: str) -> int:
        return sum(word in s["body"] for s in stds)

    cited = " ".join(synth.REFERENCE_POOL)  # words of cited titles are in a third of all bodies
    words = [w for w in synth.SHARED_VOCAB
             if len(w) >= 4 and w not in synth.COMMON and w not in titles and w not in cited]
    many = max(words, key=lambda w: (body_hits(w), w))
    rare = [(abs(body_hits(w) - 8), w) for w in synth.RARE_TERMS if body_hits(w) >= 2]
    if not rare:  # the bench corpus has no rare terms: an organisation named in the foreword
        rare = [(abs(body_hits(p + o) - 8), p + o) for p in synth.PLACES for o in synth.ORGS
                if body_hits(p + o) >= 2]
    few = min(rare)[1]
    std = next(s for s in stds if s["number"].startswith("DB") and "/T" in s["number"]
               and "replaces" not in s and "abolished" not in s)
    number = std["number"].split("—")[0]
    topic = next(t for t in synth.TOPICS if std["title"].startswith(t))
    suffix = next(x for x in synth.SUFFIXES if std["title"] == topic + x)
    fragment = topic[-2:] + suffix[:2]
    english = " ".join(synth.TOPICS_EN[topic].split()[-2:])
    out = {
        "body-many": {"query": many, "hits": body_hits(many)},
        "body-few": {"query": few, "hits": body_hits(few)},
        "number": {"query": number, "hits": sum(s["number"].startswith(number + "—") for s in stds)},
        "title": {"query": fragment, "hits": sum(fragment in s["title"] for s in stds)},
        "pinyin-initials": {"query": "".join(lazy_pinyin(topic, style=Style.FIRST_LETTER)),
                            "hits": sum(s["title"].startswith(topic) for s in stds)},
        "english": {"query": english,
                    "hits": sum(english in s.get("title_en", "").lower() for s in stds)},
    }
    return out


# --- measuring ---------------------------------------------------------------------------------

def _url(tool: str, site: Path, base: str, query: str) -> str:
    if tool == "material":
        return base
    if tool == "ours" and not (site / "search" / "index.html").is_file():
        return base + "catalogue/?q=" + quote(query)
    return base + "search/?q=" + quote(query)


def measure_once(browser, server: Nginx, tool: str, site: Path, query: str,
                 timeout_s: float) -> dict:
    """One cold-cache run: ms to the first visible result (None: no result), KB, requests."""
    ctx = browser.new_context()
    try:
        page = ctx.new_page()
        page.add_init_script(OBSERVER % json.dumps(WATCH[tool]))
        mark = server.mark()
        page.goto(_url(tool, site, server.base, query))
        if tool == "material":
            page.click("input.md-search__input")
            page.fill("input.md-search__input", query)
        with contextlib.suppress(Exception):  # Playwright's TimeoutError: reported as a timeout
            page.wait_for_function("() => window.__wb.t !== undefined || window.__wb.none !== undefined",
                                   timeout=timeout_s * 1000, polling=50)
        with contextlib.suppress(Exception):  # an empty answer must hold for NONE_HOLD_MS
            if page.evaluate("() => window.__wb.t === undefined && window.__wb.none !== undefined"):
                page.wait_for_function("() => window.__wb.t !== undefined", timeout=NONE_HOLD_MS)
        wb = page.evaluate("() => Object.assign({origin: performance.timeOrigin}, window.__wb)")
        page.wait_for_timeout(100)  # let nginx log what finished just before the moment
    finally:
        ctx.close()
    t = wb.get("t")
    moment = wb.get("none") if t is None else t
    if moment is None:
        return {"ms": None, "note": f"timeout {timeout_s:g} s"}
    until = (wb["origin"] + moment) / 1000 + 0.0005
    reqs = [r for r in server.requests(mark) if r[3] <= until]
    row = {"ms": round(moment), "kb": round(sum(r[2] for r in reqs) / 1024, 1),
           "requests": len(reqs), "how": wb.get("how"), "first": wb.get("text")}
    if t is None:
        row["ms"] = None
        row["note"] = "no result"
        row["none_ms"] = round(moment)
    return row


def warm_up(browser, base: str) -> None:
    """One throwaway page load: a fresh browser process's first renderer pays start-up costs no
    reader's browser pays per visit (each measured run still gets its own empty cache)."""
    ctx = browser.new_context()
    ctx.new_page().goto(base)
    ctx.close()


def measure_site(browser, tool: str, site: Path, qs: dict[str, dict], runs: int, slow_ms: int,
                 timeout_s: float) -> dict:
    out: dict[str, dict] = {}
    with Nginx(site) as server:
        warm_up(browser, server.base)
        for kind in KINDS:
            q = qs[kind]["query"]
            rows = [measure_once(browser, server, tool, site, q, timeout_s)]
            first = rows[0]["ms"] if rows[0]["ms"] is not None else rows[0].get("none_ms")
            if first is not None and first <= slow_ms:
                rows += [measure_once(browser, server, tool, site, q, timeout_s)
                         for _ in range(runs - 1)]
            out[kind] = _median(rows) | {"query": q}
            print(f"  {tool:9} {kind:16} {q:20} {_cell(out[kind])}", flush=True)
    return out


def _median(rows: list[dict]) -> dict:
    """The run with the median time (runs without a result count as slowest), plus every run's."""
    key = [r["ms"] if r["ms"] is not None else float("inf") for r in rows]
    order = sorted(range(len(rows)), key=lambda i: key[i])
    mid = rows[order[len(rows) // 2]]
    out = dict(mid)
    out["runs_ms"] = [r["ms"] for r in rows]
    if all(r["ms"] is not None for r in rows):
        out["median_ms"] = round(statistics.median(r["ms"] for r in rows))
    return out


# --- output ------------------------------------------------------------------------------------

def _cell(row: dict | None) -> str:
    if not row:
        return "—"
    if row.get("ms") is None:
        note = row.get("note", "no result")
        extra = f" after {row['none_ms']:,} ms / {row['kb']:,} KB" if "none_ms" in row else ""
        return f"{note}{extra}"
    runs = "" if len(row.get("runs_ms", [])) > 1 else " (1 run)"
    return f"{row['ms']:,} ms / {row['kb']:,} KB / {row['requests']}{runs}"


def _verdict(ours: dict | None, pf: dict | None) -> str:
    if not ours or ours.get("ms") is None:
        return "✗ no result"
    bad = []
    if ours["ms"] > TARGET_MS:
        bad.append(f"> {TARGET_MS} ms")
    if ours["kb"] > TARGET_KB:
        bad.append(f"> {TARGET_KB} KB")
    if pf and pf.get("ms") is not None:
        if ours["ms"] >= pf["ms"]:
            bad.append("slower than Pagefind")
        if ours["kb"] >= pf["kb"]:
            bad.append("larger than Pagefind")
    return "✓" if not bad else "✗ " + ", ".join(bad)


def report(data: dict) -> str:
    lines = [f"N = {data.get('n')} × {data.get('kb')} KB; {data.get('when', '')}; "
             f"{data.get('machine', '')}; load average (1, 5, 15 min) {data.get('load', {})}; "
             f"whole run {data.get('total_s', '?')} s"]
    for vocab, c in data.get("corpora", {}).items():
        lines += ["", f"## corpus `{vocab}` — first visible result: ms / KB on the wire / requests "
                      f"(median of {data.get('runs', 3)}, cold cache, nginx gzip)", "",
                  "| query kind | query (hits) | ours | Pagefind | Material + jieba | ours vs targets |",
                  "|---|---|---|---|---|---|"]
        res = c.get("results", {})
        for kind in KINDS:
            q = c.get("queries", {}).get(kind, {})
            cells = [_cell(res.get(t, {}).get(kind)) for t in ("ours", "pagefind", "material")]
            verdict = _verdict(res.get("ours", {}).get(kind), res.get("pagefind", {}).get(kind)) \
                if "ours" in res else "—"
            lines.append(f"| {kind} | `{q.get('query', '')}` ({q.get('hits', '?')}) | "
                         + " | ".join(cells) + f" | {verdict} |")
        how = {r.get("how") for r in res.get("ours", {}).values() if r.get("how")}
        if how:
            lines.append(f"\nours: page {c.get('ours_page', '?')} of {c.get('ours_site', '?')}, "
                         f"first result seen as {', '.join(sorted(how))}")
        for tool, m in c.get("measured", {}).items():
            lines.append(f"measured {tool} at {m['when']}, load average {m['load']}")
        lines += ["", f"build (corpus `{vocab}`, {c.get('source_mb', '?')} MB of source):", "",
                  "| site | wall s | CPU s | peak RSS MB (tree) | site MB | × source | load |",
                  "|---|---|---|---|---|---|---|"]
        for tool in TOOLS:
            b = c.get("builds", {}).get(tool)
            if b:
                lines.append(f"| {tool} | {b['wall_s']} | {b['cpu_s']} | {b['rss_mb']} | "
                             f"{b.get('site_mb')} | {b.get('site_x_source')} | {b.get('load', '')} |")
        bo, bm = c.get("builds", {}).get("ours"), c.get("builds", {}).get("material")
        if bo and bm:
            lines.append(f"\nours / Material + jieba: wall {bo['wall_s'] / bm['wall_s']:.2f}×, "
                         f"CPU {bo['cpu_s'] / bm['cpu_s']:.2f}× (target ≤ 0.4×), "
                         f"peak RSS {bo['rss_mb'] / bm['rss_mb']:.2f}× (target ≤ 1×), "
                         f"site {bo.get('site_x_source')}× source (target ≤ 2.5×)")
    return "\n".join(lines)


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.web_bench",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--kb", type=int, default=20)
    parser.add_argument("--corpora", nargs="+", choices=CORPORA, default=list(CORPORA))
    parser.add_argument("--tools", nargs="+", choices=TOOLS, default=list(TOOLS))
    parser.add_argument("--runs", type=int, default=3, help="cold-cache runs per query (median)")
    parser.add_argument("--slow-ms", type=int, default=5000,
                        help="a query slower than this on its first run is run once only")
    parser.add_argument("--timeout", type=float, default=120, help="seconds per run")
    parser.add_argument("--work", type=Path, default=Path("/tmp/web-bench"),
                        help="corpora and built sites (default /tmp/web-bench)")
    parser.add_argument("--reuse", action="store_true",
                        help="do not rebuild a site that is already built in --work")
    parser.add_argument("--site-dir", type=Path,
                        help="measure this already-built site as `ours` (one corpus; no build)")
    parser.add_argument("--report", action="store_true", help="reprint bench/results/web.json")
    args = parser.parse_args(argv)
    saved = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.is_file() else {}
    if args.report:
        print("\n\n".join(report(data) for data in saved.values()))
        return 0
    if args.site_dir and (len(args.corpora) != 1 or args.tools != ["ours"]):
        parser.error("--site-dir measures one site: give --corpora <one> --tools ours")
    data = saved.setdefault(f"n{args.n}-kb{args.kb}", {})
    data |= {"n": args.n, "kb": args.kb, "runs": args.runs,
             "when": datetime.now(ZoneInfo("Asia/Shanghai")).isoformat(timespec="seconds"),
             "machine": f"{platform.machine()} {os.cpu_count()} CPU, Python {platform.python_version()}"}
    load = {"start": _load()}
    started = time.perf_counter()
    work = args.work.resolve()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for vocab in args.corpora:
            entry = data.setdefault("corpora", {}).setdefault(vocab, {})
            print(f"corpus {vocab}: generating / reading N={args.n} × {args.kb} KB", flush=True)
            root = corpus_dir(work, vocab, args.n, args.kb)
            stds = read_corpus(root)
            qs = queries(stds)
            entry["queries"] = qs
            entry["source_mb"] = round(sum(len((root / "standards" / f).read_bytes()) for f in
                                           os.listdir(root / "standards") if f.endswith(".md")) / 1e6, 1)
            for kind in KINDS:
                print(f"  query {kind:16} {qs[kind]['query']:22} hits {qs[kind]['hits']}")
            for tool in args.tools:
                dest = root if tool == "ours" else root.parent / tool
                site = args.site_dir.resolve() if args.site_dir else dest / "site"
                stamp = dest / f".build-{tool}.json"
                if args.site_dir:
                    pass
                elif args.reuse and site.is_dir() and stamp.is_file():
                    entry.setdefault("builds", {})[tool] = json.loads(stamp.read_text())
                else:
                    print(f"  building {tool} …", flush=True)
                    before = _load()[0]
                    site, figures = build(tool, root, dest, root.parent / "logs" / f"{tool}.log")
                    figures["load"] = f"{before} → {_load()[0]}"
                    print(f"  built {tool}: {figures}", flush=True)
                    if figures["rc"]:
                        print(figures.get("log_tail", ""), file=sys.stderr)
                        return 1
                    stamp.write_text(json.dumps(figures, ensure_ascii=False))
                    entry.setdefault("builds", {})[tool] = figures
                if tool == "ours":
                    entry["ours_page"] = _url("ours", site, "/", "").split("?")[0]
                    entry["ours_site"] = str(site)
                before = _load()[0]
                entry.setdefault("results", {})[tool] = measure_site(
                    browser, tool, site, qs, args.runs, args.slow_ms, args.timeout)
                entry.setdefault("measured", {})[tool] = {
                    "when": datetime.now(ZoneInfo("Asia/Shanghai")).isoformat(timespec="seconds"),
                    "load": f"{before} → {_load()[0]}"}
        browser.close()
    load["end"] = _load()
    data["total_s"] = round(time.perf_counter() - started)
    data["load"] = load
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(saved, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print()
    print(report(data))
    return 0


if __name__ == "__main__":
    sys.exit(main())
