"""Standard numbers in a standard's text become links to their pages on this site.

A STANDARD_TEXT step (hooks/pipeline.py): it takes the sanitised HTML of a standard's text and
wraps every number of a standard the site holds, in any spelling (GB/T 41568—2022,
GB/T41568-2022, ＧＢ／Ｔ ４１５６８—２０２２), in a link to that standard's page: the entries of
规范性引用文件 and the citations in the clauses alike. An undated number (GB/T 29118) means the
latest edition (GB/T 1.1—2020, 9.5.4.2), so it links to the newest published edition held.

Never inside a link, a heading (their ids and permalinks stay as they are), code or a disclosure
summary; never to the page itself; the words stay exactly as written. Numbers the site does not
hold stay text. The HTML is sanitised (hooks/pages/sanitize.py): tags are well formed and the
text is escaped, so the text between tags can be searched as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from mkdocs.utils import get_relative_url

from hooks.model.numbers import NumberError, parse_number
from hooks.model.standard import Standard

# Elements whose text is never linked.
SKIP = frozenset({"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "kbd", "samp",
                  "summary", "script", "style", "textarea", "button"})
VOID = frozenset({"br", "col", "hr", "img", "wbr", "input", "source", "meta", "link"})

# Full-width ASCII (Ａ, ／, ４) and the ideographic space are matched through a same-length
# translation, so a match's offsets are those of the original text.
_WIDE = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20, 0xA0: 0x20}
_DASH = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63-"
_NUMBER = re.compile(
    r"(?<![A-Za-z0-9/.\-])"
    r"(?P<code>"
    r"[TQ] ?/ ?[A-Z][A-Z0-9]*"  # T/CAS, Q/ABC
    r"|DB ?\d{2,4} ?(?:/ ?T)?"  # DB31/T, DB4203/T
    r"|[A-Z]{1,8}(?: ?/ ?[TZ])?"  # GB, GB/T, JGJ, SLJG
    r"|建标"
    r")"
    r" ?(?P<seq>\d+(?:\.\d+)*)"
    rf"(?: ?[{_DASH}] ?(?P<year>\d{{4}}|\d{{2}})(?!\d))?"
    rf"(?![\d.]\d|[A-Za-z]| ?[{_DASH}] ?\d)",  # no longer number, no year of odd length
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")  # any decimal digit, full-width too, as _NUMBER's \d
_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)")
UNDATED_YEAR = "2000"  # any year: parses an undated number into its canonical code and number


@dataclass
class NumberIndex:
    """The corpus by canonical number, and the newest published edition by code and number."""

    dated: dict[str, Standard]
    latest: dict[tuple[str, str], Standard]

    @classmethod
    def of(cls, standards: list[Standard]) -> NumberIndex:
        dated: dict[str, Standard] = {}
        latest: dict[tuple[str, str], Standard] = {}
        for std in standards:
            if std.is_draft:
                continue
            dated[std.code] = std
            key = (std.number.code, std.number.seq)
            held = latest.get(key)
            if held is None or _edition_key(std) > _edition_key(held):
                latest[key] = std
        return cls(dated, latest)

    def find(self, text: str, year: str | None) -> Standard | None:
        """The standard a number in the text names, or None when the site does not hold it."""
        try:
            number = parse_number(text if year else f"{text}-{UNDATED_YEAR}")
        except NumberError:
            return None
        if year:
            return self.dated.get(number.canonical)
        return self.latest.get((number.code, number.seq))


def _edition_key(std: Standard) -> tuple:
    year = int(std.number.year) + (1900 if len(std.number.year) == 2 else 0)
    return (year, std.issued or std.effective)


def index_for(state) -> NumberIndex:
    """The build's number index, made once and kept on the build state."""
    if state.number_index is None:
        state.number_index = NumberIndex.of(state.corpus.standards)
    return state.number_index


def page_url(std: Standard, directory_urls: bool) -> str:
    return f"standards/{std.slug}/" if directory_urls else f"standards/{std.slug}.html"


def link_numbers(html: str, find, href_for) -> str:
    """`html` with every number `find(text, year)` resolves wrapped in a link to `href_for(std)`.

    `find` returns a Standard or None; `href_for` the link's address. Text inside SKIP elements
    is left alone."""
    parts = _TAG.split(html)
    skip = 0
    for i, part in enumerate(parts):
        if i % 2:  # a tag
            m = _TAG_NAME.match(part)
            if m and m.group(2).lower() in SKIP and not part.endswith("/>"):
                skip = max(0, skip + (-1 if m.group(1) else 1))
            continue
        if skip or not part:
            continue
        parts[i] = _link_text(part, find, href_for)
    return "".join(parts)


def _link_text(text: str, find, href_for) -> str:
    if not _DIGIT.search(text):  # every number has digits: most text runs have none
        return text
    wide = text.translate(_WIDE)
    out: list[str] = []
    last = 0
    for m in _NUMBER.finditer(wide):
        original = text[m.start():m.end()]
        std = find(m.group(0), m.group("year"))
        if std is None:
            continue
        href = href_for(std)
        if href is None:
            continue
        title = f"{std.code}《{std.title}》（{std.status}）"
        out.append(text[last:m.start()])
        out.append(f'<a class="std-ref" href="{escape(href, quote=True)}" '
                   f'title="{escape(title, quote=True)}">{original}</a>')
        last = m.end()
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


def standard_text(state, std: Standard, html: str, page) -> str:
    """STANDARD_TEXT step: link the numbers of the standards the site holds."""
    if not std.has_text:
        return html
    index = index_for(state)
    directory_urls = state.settings.directory_urls

    def href_for(target: Standard) -> str | None:
        if target is std:
            return None
        return get_relative_url(page_url(target, directory_urls), page.url or ".")

    return link_numbers(html, index.find, href_for)
