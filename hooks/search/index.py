"""Search indexes, prebuilt at build time (docs/guide/search.md explains the design and figures).

Written under `search/` in the site:
- `meta.json` (+ `meta.js` in the offline build, the same data assigned to a global, for
  file:// pages): settings
  (data/search.json, plus `statuses`: the status order of data/facts.yml for ties),
  the query dictionary, and for each standard (stored column by column, `meta_rows`): number, title, English title, keywords,
  summary, pinyin of title and keywords, status, level, domain, year, clause count, and whether
  the standard has a `text/` file. The browser matches numbers, substrings and pinyin on it
  directly (about 2 ms per query at 1,000 rows).
- `body/<n>.json` and `body/w<b>.json`: the full-text index. For each Han bigram / ASCII word,
  the ids of the clauses that contain it (gaps as base-32 text, see `encode_postings`). A
  common token has a file of its own (`w<b>`, b its hash bucket, listed in meta's `body.own`);
  the others share small shards chosen by a hash of the token (`body_index`). A query fetches
  only its own tokens' files. Clause ids run through the standards in meta order; a
  standard's clauses are numbered as `clauses()` splits its text: the clause tree of
  hooks.model.clauses, the page's own headings (and the text before the first one, if any).
- Snippets (to confirm a body match and cut a highlighted clause snippet for the top results):
  the browser reads the clauses from the standard's own page (`standards/<slug>/`, the page the
  reader opens next), splitting its text at every heading as `clauses()` does. Only a standard
  whose rendered headings do not give the same clauses (a heading written as raw HTML, which
  Markdown leaves alone; lead text that renders to nothing) keeps `text/<slug>.json`, its clauses
  `[anchor, heading, text]`, flagged in its meta row. A copy of every text here would be
  larger than the standards' sources themselves.
In the offline build (use_directory_urls off, pages opened from file://, where pages cannot be
fetched) every standard has `text/<slug>.json`, and every file also has a `.js` twin that
registers its data with `StandardSearchData`, since file:// pages cannot fetch().
"""

from __future__ import annotations

import json
import operator
import re
import shutil
from array import array
from collections import deque
from functools import lru_cache
from html import unescape
from itertools import chain, repeat
from pathlib import Path

from hooks.model.article import Article
from hooks.model.clauses import Clause, ClauseTree, clause_tree
from hooks.model.standard import STATUSES, Standard
from hooks.search import articles as article_index
from hooks.search.tokens import (
    Dictionary,
    base_words,
    body_token_set,
    pinyin_field,
    settings,
    shard_of,
)

SEARCH_DIR = "search"
JS_GLOBAL = "StandardSearchData"
TERM_HEADING = re.compile(r"^3\.\d+\s+(.+)$")
MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
MD_NOISE = re.compile(r"(\*\*|__|`|</?[A-Za-z][^>]*>|^\s*(?:[-*+]|\d+\.)\s+|^\s*>\s?)", re.M)
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}.*$", re.M)


# ---------------------------------------------------------------- clauses


def clauses(body: str, body_line: int = 1) -> list[tuple[str, str, str]]:
    """A Markdown body as clauses `(anchor, heading, plain text)`: the clause tree of
    hooks.model.clauses, each heading with its anchor on the page (clause number, pinyin, or
    {#id}; repeated anchors get `_1`, `_2` as the toc extension does) and the plain text up to
    the next heading. Text before the first heading is the clause with anchor "", if any."""
    tree = clause_tree(body, body_line)
    lead = _plain(_markdown(tree, tree.lead))
    result = [("", "", lead)] if lead else []
    result += [(c.anchor, c.text, _plain(_markdown(tree, c))) for c in tree.clauses]
    return result


def _markdown(tree: ClauseTree, clause: Clause) -> str:
    """A clause's Markdown without the ``` / ~~~ lines of its code blocks."""
    if not tree.fences:
        return clause.markdown
    return "\n".join(t for n, t in clause.lines if n not in tree.fences)


def _plain(markdown: str) -> str:
    text = TABLE_RULE.sub("", markdown)
    text = MD_LINK.sub(r"\1", text)
    text = MD_NOISE.sub("", text).replace("|", " ")
    return re.sub(r"\s+", " ", text).strip()


# ---------------------------------------------------------------- clauses as the page has them

HTML_HEADING = re.compile(r"<h[1-6](?=[\s/>])([^>]*)>", re.I)
HTML_ID = re.compile(r"""\sid\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
HTML_TAG = re.compile(r"<[^>]*>")
# What JavaScript's \s matches (its String.prototype.trim() strips these): search.js decides
# whether there is text before the first heading with it.
JS_TEXT = re.compile("[^\t\n\v\f\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]")


def page_anchors(html: str) -> list[str]:
    """The clause anchors search.js finds in a standard's rendered text: the id of every heading,
    after "" when there is text before the first heading (see `pageClauses` in search.js).

    It equals the anchors of `clauses(body)` unless the text has a heading written as raw HTML
    or lead text that renders to nothing; then the standard keeps its `text/<slug>.json` (see
    `build`)."""
    headings = list(HTML_HEADING.finditer(html))
    lead = html[: headings[0].start()] if headings else html
    anchors = [""] if JS_TEXT.search(unescape(HTML_TAG.sub("", lead))) else []
    for m in headings:
        found = HTML_ID.search(m.group(1))
        anchors.append(unescape(found.group(1) if found.group(1) is not None else found.group(2))
                       if found else "")
    return anchors


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
    if not std.has_text:
        return []
    return [c for c in _text_clauses(std.body, std.body_line) if c[0].startswith("3.")]


@lru_cache(maxsize=20000)
def _text_clauses(body: str, body_line: int = 1) -> tuple[tuple[str, str, str], ...]:
    """A body's clauses, cached by text: `mkdocs serve` rebuilds the site after every edit,
    and most standards' text has not changed. Their tokens are not kept (body_index reads
    them once per build): at 1,000 standards a frozenset per clause held 570 MB."""
    return tuple(clauses(body, body_line))


# ---------------------------------------------------------------- index files


@lru_cache(maxsize=50000)
def _pinyin(texts: tuple[str, ...]) -> str:
    return pinyin_field(list(texts))


def usual_number(code: str, seq: str, year: str) -> str:
    """A number as it is usually written: "DA/T 197—2011" (no year: "Q/XX 001")."""
    return f"{code} {seq}—{year}" if year else f"{code} {seq}"


def usual_slug(code: str, seq: str, year: str) -> str:
    """The slug search.js derives from a number's parts ("da-t-197-2011"), ASCII codes only."""
    text = re.sub(r"[^a-z0-9.]+", "-", f"{code.lower()}-{seq}-{year}")
    return re.sub(r"-{2,}", "-", text).strip("-")


def meta_row(std: Standard, clause_count: int, text_file: bool = False) -> list:
    """A standard's meta.json values. The slug and the number are "" when search.js can derive
    them from the number's parts (`usual_slug`, `usual_number`): most are, a tenth of meta.json."""
    code, seq, year = std.number.code, std.number.seq, std.number.year
    plain = code.isascii()
    return [
        "" if plain and std.slug == usual_slug(code, seq, year) else std.slug,
        "" if std.code == usual_number(code, seq, year) else std.code,
        code, seq, year,
        std.title, std.title_en, std.keywords, std.summary,
        _pinyin((std.title,)), _pinyin(tuple(std.keywords)),
        std.status, std.level, std.domain.code, std.domain.top.code,
        str(std.issued.year) if std.issued else "",
        clause_count, int(text_file),
    ]


# `text_file`: 1 when search/text/<slug>.json holds the standard's clauses (offline build, or
# headings that do not split as `clauses()` does); 0: search.js reads them from the page.
META_FIELDS = ["slug", "number", "code", "seq", "year", "title", "title_en", "keywords",
               "summary", "py_title", "py_keywords", "status", "level", "domain", "top",
               "issued_year", "clauses", "text_file"]


def meta_rows(meta: dict) -> list[list]:
    """meta.json's standards one row each, slugs and numbers filled in (the file stores them
    column by column, derivable slugs and numbers left out: `meta_row`)."""
    rows = [list(row) for row in zip(*meta["columns"], strict=True)]
    for row in rows:
        code, seq, year = row[2:5]
        row[0] = row[0] or usual_slug(code, seq, year)
        row[1] = row[1] or usual_number(code, seq, year)
    return rows


def body_index(standards: list[Standard], articles: list[Article] = ()) -> dict[str, object]:
    """The full-text index from the standards' Markdown: {"shards", "own", "own_space",
    "clauses", "tokens", "files": {"body/<n>": {token: postings}, "body/w<b>": {token: postings}}}.

    Sized for the first query. Every token has a bucket, `shard_of(token, own_space)` (65,536
    buckets). A bucket holding a common token (postings longer than settings
    `body_own_file_chars`: 管理, 节能, hundreds of standards) is "own": its tokens, almost always
    that one, are in `body/w<b>.json`; `own` lists those buckets (ascending, as posting text:
    about 2 letters each, small enough for the search page to carry and preload from). Every
    other token is in a small hash shard, `body/<shard_of(token, shards)>.json`, about
    `body_shards_target_bytes` gzipped. So a query fetches its own tokens' postings and small
    shards, never a common word it did not ask for. Clause ids run through the standards in
    order, each standard's clauses in `clauses()` order (meta rows give each one's count); the
    articles' clauses follow (hooks/search/articles.py)."""
    postings: dict[str, array] = {}  # token → clause ids (4 bytes each, not a 32-byte int)
    next_id = 0
    texts = [(s.body, s.body_line) for s in standards if s.has_text] + [
        (article_index.searchable(a), a.body_line) for a in articles]
    for body, body_line in texts:
        for _, heading, text in _text_clauses(body, body_line):
            for token in body_token_set(heading + " " + text):
                ids = postings.get(token)
                if ids is None:
                    ids = postings[token] = array("i")
                ids.append(next_id)
            next_id += 1
    encoded = {token: encode_postings(ids, next_id) for token, ids in postings.items()}
    del postings
    count = len(encoded)
    limit, space = settings()["body_own_file_chars"], settings()["body_own_buckets"]
    own = sorted({shard_of(t, space) for t, code in encoded.items() if len(code) > limit})
    owned = set(own)
    files: dict[str, dict[str, str]] = {}
    for token in sorted(encoded):
        bucket = shard_of(token, space)
        if bucket in owned:
            files.setdefault(f"body/w{bucket}", {})[token] = encoded.pop(token)
    shards = _shard_count(encoded)
    shard_data: list[dict[str, str]] = [{} for _ in range(shards)]
    for token in sorted(encoded):
        shard_data[shard_of(token, shards)][token] = encoded[token]
    files.update({f"body/{n}": data for n, data in enumerate(shard_data)})
    return {"shards": shards, "own": encode_postings(own), "own_space": space,
            "clauses": next_id, "tokens": count, "files": files}


def build(standards: list[Standard], framework_names: list[str], page_url: str,
          catalogue_url: str, pages: dict[str, list[str]] | None = None,
          body: dict[str, object] | None = None, articles: list[Article] = (),
          directory_urls: bool = True, search_url: str = "") -> dict[str, object]:
    """Every index file as {path under search/: data}.

    `pages`: slug → `page_anchors` of the standard's rendered text. A standard whose page gives
    the same clauses as `clauses()` gets no `text/` file (the browser reads its page); any
    other, and every standard when `pages` is None (offline build), gets one.
    `body`: `body_index(standards)` when it was already built (add_files)."""
    files: dict[str, object] = {}
    rows = []
    for std in standards:
        parts = _text_clauses(std.body, std.body_line) if std.has_text else ()
        text_file = bool(parts) and (
            pages is None or pages.get(std.slug) != [anchor for anchor, _, _ in parts])
        rows.append(meta_row(std, len(parts), text_file))
        if text_file:
            files[f"text/{std.slug}"] = [list(p) for p in parts]
    body = body or body_index(standards, articles)
    files.update(body["files"])
    for article in articles:  # their clauses, for snippets (hooks/search/articles.py)
        files[f"text/{article_index.slug(article)}"] = [list(p) for p in _article_clauses(article)]
    codes = sorted({std.number.code for std in standards})
    files["meta"] = {
        "version": 3,
        "settings": {**{k: v for k, v in settings().items() if not k.startswith("_")},
                     "statuses": list(STATUSES)},  # reader order: search.js ranks ties by it
        "fields": META_FIELDS,
        # Column by column: like values side by side gzip about a fifth smaller than rows.
        "columns": [list(column) for column in zip(*rows, strict=True)] if rows
        else [[] for _ in META_FIELDS],
        "words": dictionary_words(standards, framework_names),
        "codes": codes,
        "page_url": page_url,
        "catalogue_url": catalogue_url,
        "search_url": search_url or catalogue_url,
        "body": {k: body[k] for k in ("shards", "own", "own_space", "clauses", "tokens")},
    }
    if articles:
        files["meta"]["articles"] = article_index.block(articles, directory_urls, _article_clauses,
                                                        _pinyin)
    return files


def _article_clauses(article: Article) -> tuple[tuple[str, str, str], ...]:
    return _text_clauses(article_index.searchable(article), article.body_line)


def _shard_count(encoded: dict[str, str]) -> int:
    """A power of two that keeps each shard near the target size (raw JSON bytes)."""
    approx = sum(len(t) * 3 + 6 + len(code) for t, code in encoded.items())
    target = settings()["body_shards_target_bytes"] * 2  # gzip shrinks encoded postings about 2×
    shards = 1
    while approx / shards > target and shards < 4096:
        shards *= 2
    return shards


BITMAP_MARK = "~"  # posting text that is a bitmap, not gaps (see encode_postings)


def encode_postings(ids: list[int], total: int = 0) -> str:
    """Ascending clause ids as text: each gap to the previous id (the first id itself) as a
    base-32 number, lowest digit first, in the letters of settings `posting_digits`: letters
    0–31 give a number's last digit, letters 32–63 a digit with more to follow. A gap under 32
    takes one letter; JSON arrays of decimal gaps took about twice the bytes.

    With `total` (the clause count), a dense list (管理 in most clauses) is written as a bitmap
    when that is shorter: "~", then six clause ids per letter (letter value bit k set: id
    6 × position + k is in the list). The letters are the same 64, so it stays plain ASCII.

    Millions of ids at 1,000 standards: gaps are looked up (`_gap_letters`) and bitmaps built
    with whole-number arithmetic, not a Python step per id."""
    if total and len(ids) * 2 > total // 6:  # dense enough that a bitmap may be shorter
        bitmap = BITMAP_MARK + _bitmap_letters(ids, total)
        gaps = encode_postings(ids)
        return bitmap if len(bitmap) < len(gaps) else gaps
    gaps = list(map(operator.sub, ids, chain((0,), ids)))
    table = _gap_letters()
    if gaps and max(gaps) >= len(table):
        return "".join(table[g] if g < len(table) else _gap_text(g) for g in gaps)
    return "".join(map(table.__getitem__, gaps))


GAP_TABLE = 1 << 15  # gaps below this (three letters at most) are looked up


def _gap_text(gap: int) -> str:
    digits = settings()["posting_digits"]
    out: list[str] = []
    while gap >= 32:
        out.append(digits[32 + (gap & 31)])
        gap >>= 5
    out.append(digits[gap])
    return "".join(out)


@lru_cache(maxsize=1)
def _gap_letters() -> tuple[str, ...]:
    return tuple(_gap_text(gap) for gap in range(GAP_TABLE))


@lru_cache(maxsize=1)
def _letter_bytes() -> bytes:
    return settings()["posting_digits"].encode("ascii").ljust(256, b"?")


def _bitmap_letters(ids: list[int], total: int) -> str:
    """One letter per six clause ids (bit k of the letter's value: id 6 × position + k).

    `bits` holds a 0 or 1 byte per id; the bytes at k, k + 6, k + 12, … read as one big-endian
    number and shifted left by k put bit k into every byte of that number, and the six numbers
    add without carries (each byte stays under 64): the sum's bytes are the letters' values."""
    count = (total + 5) // 6
    bits = bytearray(count * 6)
    deque(map(bits.__setitem__, ids, repeat(1)), maxlen=0)
    value = sum(int.from_bytes(bits[k::6], "big") << k for k in range(6))
    return value.to_bytes(count, "big").translate(_letter_bytes()).decode("ascii")


def decode_postings(text: str) -> list[int]:
    """The inverse of encode_postings (the browser's decode in search.js does the same)."""
    value = {c: i for i, c in enumerate(settings()["posting_digits"])}
    if text.startswith(BITMAP_MARK):
        return [6 * i + k for i, letter in enumerate(text[1:]) for k in range(6)
                if value[letter] >> k & 1]
    ids: list[int] = []
    current = number = 0
    scale = 1
    for letter in text:
        digit = value[letter]
        if digit >= 32:
            number += (digit - 32) * scale
            scale *= 32
        else:
            current += number + digit * scale
            ids.append(current)
            number, scale = 0, 1
    return ids


def dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def write(files: dict[str, object], site_dir: Path, offline: bool) -> None:
    out = site_dir / SEARCH_DIR
    # Only the index's own files: the search page (search/index.html) lives here too.
    for old in ("body", "text"):
        if (out / old).is_dir():
            shutil.rmtree(out / old)
    for old in ("meta.json", "meta.js"):
        (out / old).unlink(missing_ok=True)
    for name, data in files.items():
        path = out / f"{name}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        text = dumps(data)
        path.write_text(text, encoding="utf-8")
        if offline:  # file:// pages load <script>s; the online build needs no twins
            key = json.dumps(name)
            path.with_suffix(".js").write_text(
                f"(window.{JS_GLOBAL}=window.{JS_GLOBAL}||{{}})[{key}]={text};\n",
                encoding="utf-8")


# ---------------------------------------------------------------- feature hooks (hooks/pipeline.py)

def standard_text(state, std: Standard, html: str, page) -> str:
    """Record which clauses the browser will find in this page's text (the HTML is unchanged).

    Features after this one in site.FEATURES may add to the text, but not headings or ids."""
    if std.has_text:
        state.page_anchors[std.slug] = page_anchors(html)
    return html


def add_files(state, files, config) -> None:
    """Build the full-text index before any page is rendered: the catalogue page names its
    shard count, so that a `?q=` query can fetch its shards while the page loads."""
    state.body_index = body_index(state.corpus.standards, state.corpus.articles)


def shard_count(state) -> int:
    """The full-text index's shard count for this build (0 before add_files)."""
    return int(state.body_index.get("shards", 0))


def own_buckets(state) -> tuple[str, int]:
    """The buckets with index files of their own (`body/w<b>.json`) as posting text, and the
    bucket space: what the search page's preload hint needs (see `body_index`)."""
    return str(state.body_index.get("own", "")), int(state.body_index.get("own_space", 0))


def write_outputs(state, site_dir: Path, config=None) -> None:
    corpus = state.corpus
    if corpus is None:
        return
    directory_urls = bool(config.use_directory_urls) if config is not None else True
    page_url = "standards/{slug}/" if directory_urls else "standards/{slug}.html"
    catalogue_url = "catalogue/" if directory_urls else "catalogue.html"
    search_url = "search/" if directory_urls else "search.html"
    if not directory_urls and (site_dir / "catalogue" / "index.html").is_file():
        catalogue_url = "catalogue/index.html"
    names = [node.name for node in corpus.framework.walk()]
    # Offline (file://) pages cannot fetch other pages: every standard gets its text/ file.
    pages = dict(state.page_anchors) if directory_urls else None
    files = build(corpus.standards, names, page_url, catalogue_url, pages, state.body_index or None,
                  corpus.articles, directory_urls, search_url)
    write(files, site_dir, offline=not directory_urls)
