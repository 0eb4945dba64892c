"""Metadata index: lunr (lunr.py → lunr.js 2.3.9) vs this project's row index, on one corpus.

    python -m bench.lunr_meta --n 1000 [--work /tmp/search-bench]

Builds both indexes over the same fields (number keys, title, title pinyin and initials,
keywords, summary) from a bench.synth corpus and prints size (raw / gzip), load time in node
(JSON.parse + lunr.Index.load, or JSON.parse + search.js preparation) and mean query time.
Chinese is pre-tokenised into character bigrams for lunr and its pipelines are reset (lunr.js's
trimmer deletes Han characters). The lunr.js used is the copy MkDocs ships.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import mkdocs  # noqa: E402
from lunr.builder import Builder  # noqa: E402

from bench.synth import generate  # noqa: E402
from hooks.corpus import load_corpus  # noqa: E402
from hooks.search import index as search_index  # noqa: E402
from hooks.search.tokens import body_tokens, compact, initials, pinyin_syllables  # noqa: E402

LUNR_JS = Path(mkdocs.__file__).parent / "contrib/search/templates/search/lunr.js"
QUERIES = ["用房", "gwyc", "gongwuyongche", "41568", "公务用车 调度"]

NODE = r"""
const fs = require("fs");
const [lunrJs, lunrIdx, searchJs, siteDir] = process.argv.slice(2);
const lunr = require(lunrJs);
let t = process.hrtime.bigint();
const idx = lunr.Index.load(JSON.parse(fs.readFileSync(lunrIdx, "utf8")));
const lunrLoad = Number(process.hrtime.bigint() - t) / 1e6;
const lq = JSON.parse(process.env.LUNR_QUERIES);
t = process.hrtime.bigint();
for (let i = 0; i < 20; i++) for (const q of lq) idx.query((b) => q.forEach((term) =>
  b.term(term, { presence: lunr.Query.presence.REQUIRED, wildcard: lunr.Query.wildcard.TRAILING })));
const lunrQuery = Number(process.hrtime.bigint() - t) / 1e6 / (20 * lq.length);
global.window = { location: { protocol: "http:", href: "http://x/", search: "" } };
global.document = { currentScript: { src: "http://x/assets/js/search.js" }, readyState: "complete",
  querySelector: () => null, getElementById: () => null };
global.fetch = async (url) => ({ ok: true, json: async () =>
  JSON.parse(fs.readFileSync(siteDir + "/" + url.replace("http://x/", ""), "utf8")) });
require(searchJs);
(async () => {
  const t0 = process.hrtime.bigint();
  const e = await window.StandardSearch._engine();
  const ownLoad = Number(process.hrtime.bigint() - t0) / 1e6;
  const qs = JSON.parse(process.env.OWN_QUERIES);
  const t1 = process.hrtime.bigint();
  for (let i = 0; i < 20; i++) for (const q of qs) window.StandardSearch._meta(e, q);
  const ownQuery = Number(process.hrtime.bigint() - t1) / 1e6 / (20 * qs.length);
  console.log(JSON.stringify({ lunrLoad, lunrQuery, ownLoad, ownQuery }));
})();
"""


def lunr_terms(text: str) -> list[str]:
    return body_tokens(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.lunr_meta")
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/search-bench"))
    args = parser.parse_args(argv)
    corpus_dir = args.work / f"meta-n{args.n}"
    if not (corpus_dir / "standards").is_dir():
        generate(corpus_dir, args.n, 1)
    corpus = load_corpus(corpus_dir)
    docs = []
    for std in corpus.standards:
        syl = pinyin_syllables(std.title)
        docs.append({
            "id": std.slug,
            "number": " ".join([compact(std.code), std.number.seq]),
            "title": " ".join(lunr_terms(std.title)),
            "pinyin": " ".join(["".join(syl), initials(syl), *syl]),
            "keywords": " ".join(t for k in std.keywords for t in lunr_terms(k)),
            "summary": " ".join(lunr_terms(std.summary)),
        })
    start = time.perf_counter()
    builder = Builder()
    builder.pipeline.reset()
    builder.search_pipeline.reset()
    builder.ref("id")
    for name in ("number", "title", "pinyin", "keywords", "summary"):
        builder.field(name)
    for doc in docs:
        builder.add(doc)
    lunr_text = json.dumps(builder.build().serialize(), ensure_ascii=False, separators=(",", ":"))
    lunr_build = time.perf_counter() - start
    start = time.perf_counter()
    files = search_index.build(corpus.standards, [], "standards/{slug}/", "catalogue/")
    own_text = search_index.dumps(files["meta"])
    own_build = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        (site / "search").mkdir()
        (site / "search" / "meta.json").write_text(own_text, encoding="utf-8")
        (site / "lunr.json").write_text(lunr_text, encoding="utf-8")
        (site / "bench.js").write_text(NODE, encoding="utf-8")
        lunr_queries = [[t for w in q.split() for t in (lunr_terms(w) or [w])] for q in QUERIES]
        env = {"LUNR_QUERIES": json.dumps(lunr_queries, ensure_ascii=False),
               "OWN_QUERIES": json.dumps(QUERIES, ensure_ascii=False), "PATH": "/usr/bin:/bin"}
        proc = subprocess.run(["node", str(site / "bench.js"), str(LUNR_JS), str(site / "lunr.json"),
                               str(REPO / "docs/assets/js/search.js"), str(site)],
                              capture_output=True, text=True, env=env, check=True)
        node = json.loads(proc.stdout)
    rows = [
        ("lunr (bigrams + pinyin)", lunr_text, lunr_build, node["lunrLoad"], node["lunrQuery"]),
        ("rows + substring (this project)", own_text, own_build, node["ownLoad"], node["ownQuery"]),
    ]
    print(f"metadata index, N = {args.n}")
    print("| index | raw KB | gzip KB | build s | load ms (node) | query ms |")
    print("|---|---|---|---|---|---|")
    for name, text, build, load, query in rows:
        data = text.encode()
        print(f"| {name} | {len(data) / 1024:.0f} | {len(gzip.compress(data, 6)) / 1024:.0f} "
              f"| {build:.1f} | {load:.0f} | {query:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
