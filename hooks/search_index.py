"""Search indexes, prebuilt at build time (docs/guide/search.md explains the design and figures).

Written under `search/` in the site:
- `meta.json` (+ `meta.js`, the same data assigned to a global, for file:// pages): settings,
  the query dictionary, and one row per standard: number, title, English title, keywords,
  summary, pinyin of title and keywords, status, level, domain, year, clause count. The browser
  matches numbers, substrings and pinyin on it directly (about 2 ms per query at 1,000 rows).
- `body/<n>.json`: the full-text index, split into shards by a hash of the token: for each Han
  bigram / ASCII word, the ids of the clauses that contain it (delta-coded). A query fetches
  only the shards of its own tokens.
- `text/<slug>.json`: each standard's clauses `[anchor, heading, text]`, fetched for the top
  results only, to confirm the match and cut a highlighted snippet.
In the offline build (use_directory_urls off, pages opened from file://) every file also has a
`.js` twin that registers its data with `StandardSearchData`, since file:// pages cannot fetch().
"""

from __future__ import annotations

import json
import re
import shutil
from functools import lru_cache
from pathlib import Path

from hooks.anchors import slugify
from hooks.model import Standard
from hooks.search_tokens import (
    Dictionary,
    base_words,
    body_tokens,
    pinyin_field,
    settings,
    shard_of,
)

SEARCH_DIR = "search"
JS_GLOBAL = "StandardSearchData"
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
ATTR_LIST = re.compile(r"\s*\{[^{}]*\}\s*$")
TERM_HEADING = re.compile(r"^3\.\d+\s+(.+)$")
FENCE = re.compile(r"^\s*(```|~~~)")
MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
MD_NOISE = re.compile(r"(\*\*|__|`|</?[A-Za-z][^>]*>|^\s*(?:[-*+]|\d+\.)\s+|^\s*>\s?)", re.M)
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}.*$", re.M)


# ---------------------------------------------------------------- clauses


def clauses(body: str) -> list[tuple[str, str, str]]:
    """Split a Markdown body into clauses `(anchor, heading, plain text)`.

    Every heading starts a clause; its anchor is the one the page gives it (clause number, or
    pinyin; repeated anchors get `_1`, `_2` as the toc extension does). Text before the first
    heading is the clause with anchor "".
    """
    out: list[tuple[str, str, list[str]]] = [("", "", [])]
    seen: set[str] = set()
    fenced = False
    for line in body.splitlines():
        if FENCE.match(line):
            fenced = not fenced
            continue
        m = None if fenced else HEADING.match(line)
        if m:
            heading = ATTR_LIST.sub("", m.group(2)).strip()
            anchor = _unique(slugify(_plain(heading)), seen)
            out.append((anchor, _plain(heading), []))
        else:
            out[-1][2].append(line)
    result = []
    for anchor, heading, lines in out:
        text = _plain("\n".join(lines))
        if anchor or text:
            result.append((anchor, heading, text))
    return result


def _unique(anchor: str, seen: set[str]) -> str:
    candidate, n = anchor, 0
    while candidate in seen:
        n += 1
        candidate = f"{anchor}_{n}"
    seen.add(candidate)
    return candidate


def _plain(markdown: str) -> str:
    text = TABLE_RULE.sub("", markdown)
    text = MD_LINK.sub(r"\1", text)
    text = MD_NOISE.sub("", text).replace("|", " ")
    return re.sub(r"\s+", " ", text).strip()


# ---------------------------------------------------------------- dictionary


def dictionary_words(standards: list[Standard], framework_names: list[str]) -> list[str]:
    """Query-segmentation words: the base lexicon plus the corpus's own vocabulary."""
    words: set[str] = set(base_words()) | set(framework_names)
    split = re.compile("[" + re.escape(settings()["separators"]) + "]+")
    for std in standards:
        words.update(std.keywords)
        words.update(p for p in split.split(std.title) if len(p) <= 8)
        for _, heading, _ in _term_clauses(std):
            m = TERM_HEADING.match(heading)
            if m:
                words.add(re.split(r"\s+[A-Za-z]", m.group(1))[0])
    return sorted(w for w in Dictionary.of(words).words)


def _term_clauses(std: Standard) -> list[tuple[str, str, str]]:
    return [c for c in _text_index(std.body)[0] if c[0].startswith("3.")] if std.has_text else []


@lru_cache(maxsize=20000)
def _text_index(body: str) -> tuple[tuple[tuple[str, str, str], ...], tuple[frozenset[str], ...]]:
    """A body's clauses and each clause's token set. Cached by text: `mkdocs serve` rebuilds
    the site after every edit, and most standards' text has not changed."""
    parts = tuple(clauses(body))
    return parts, tuple(frozenset(body_tokens(h + " " + t)) for _, h, t in parts)


# ---------------------------------------------------------------- index files


@lru_cache(maxsize=50000)
def _pinyin(texts: tuple[str, ...]) -> str:
    return pinyin_field(list(texts))


def meta_row(std: Standard, clause_count: int) -> list:
    return [
        std.slug, std.code, std.number.code, std.number.seq, std.number.year,
        std.title, std.title_en, std.keywords, std.summary,
        _pinyin((std.title,)), _pinyin(tuple(std.keywords)),
        std.status, std.level, std.domain.code, std.domain.top.code,
        str(std.issued.year) if std.issued else "",
        clause_count,
    ]


META_FIELDS = ["slug", "number", "code", "seq", "year", "title", "title_en", "keywords",
               "summary", "py_title", "py_keywords", "status", "level", "domain", "top",
               "issued_year", "clauses"]


def build(standards: list[Standard], framework_names: list[str], page_url: str,
          catalogue_url: str) -> dict[str, object]:
    """Every index file as {path under search/: data}."""
    files: dict[str, object] = {}
    rows = []
    postings: dict[str, list[int]] = {}
    next_id = 0
    for std in standards:
        parts, tokens = _text_index(std.body) if std.has_text else ((), ())
        rows.append(meta_row(std, len(parts)))
        if not parts:
            continue
        files[f"text/{std.slug}"] = [list(p) for p in parts]
        for clause_tokens in tokens:
            for token in clause_tokens:
                postings.setdefault(token, []).append(next_id)
            next_id += 1
    shards = _shard_count(postings)
    shard_data: list[dict[str, list[int]]] = [{} for _ in range(shards)]
    for token in sorted(postings):
        ids = postings[token]
        shard_data[shard_of(token, shards)][token] = [ids[0]] + [
            b - a for a, b in zip(ids, ids[1:], strict=False)]
    for n, data in enumerate(shard_data):
        files[f"body/{n}"] = data
    codes = sorted({std.number.code for std in standards})
    files["meta"] = {
        "version": 1,
        "settings": {k: v for k, v in settings().items() if not k.startswith("_")},
        "fields": META_FIELDS,
        "rows": rows,
        "words": dictionary_words(standards, framework_names),
        "codes": codes,
        "page_url": page_url,
        "catalogue_url": catalogue_url,
        "body": {"shards": shards, "clauses": next_id, "tokens": len(postings)},
    }
    return files


def _shard_count(postings: dict[str, list[int]]) -> int:
    """A power of two that keeps each shard near the target size (raw JSON bytes)."""
    approx = sum(len(t) * 3 + 4 + 3 * len(ids) for t, ids in postings.items())
    target = settings()["body_shards_target_bytes"] * 3  # gzip shrinks postings about 3×
    shards = 1
    while approx / shards > target and shards < 4096:
        shards *= 2
    return shards


def dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def write(files: dict[str, object], site_dir: Path, offline: bool) -> None:
    out = site_dir / SEARCH_DIR
    if out.exists():
        shutil.rmtree(out)
    for name, data in files.items():
        path = out / f"{name}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        text = dumps(data)
        path.write_text(text, encoding="utf-8")
        if offline or name == "meta":
            key = json.dumps(name)
            path.with_suffix(".js").write_text(
                f"(window.{JS_GLOBAL}=window.{JS_GLOBAL}||{{}})[{key}]={text};\n",
                encoding="utf-8")


# ---------------------------------------------------------------- feature hooks (hooks/site.py)


def write_outputs(state, site_dir: Path, config=None) -> None:
    corpus = state.corpus
    if corpus is None:
        return
    directory_urls = bool(config.use_directory_urls) if config is not None else True
    page_url = "standards/{slug}/" if directory_urls else "standards/{slug}.html"
    catalogue_url = "catalogue/" if directory_urls else "catalogue.html"
    if not directory_urls and (site_dir / "catalogue" / "index.html").is_file():
        catalogue_url = "catalogue/index.html"
    names = [node.name for node in corpus.framework.walk()]
    files = build(corpus.standards, names, page_url, catalogue_url)
    write(files, site_dir, offline=not directory_urls)
