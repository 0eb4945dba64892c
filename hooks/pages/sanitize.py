"""Make the rendered text of a standard safe to publish, and balanced.

A standard's body is Markdown written by editors, and Markdown passes raw HTML through (and the
`attr_list` extension adds any attribute). The page puts the text in `<div class="std-text">`;
the text must never run script on a reader's machine, and nothing in it may close or leave that
container (a stray `</div>` would put the text's own markup beside the page's status banner; an
unclosed `<table>` would swallow the footer). Three steps:

1. An allow-list over the tag stream (html.parser; markup written as strictly as Markdown
   writes it is tokenised by one regular expression instead, with the same events, see
   `_strict_filter`; when every tag of it is allowed and admitted and its text needs no
   escaping, each distinct tag is written once and the text copied whole, `_quick_filter`):
   - elements Markdown and the configured extensions produce are kept, with a fixed set of
     harmless attributes; `on*` handlers, `data-*`, `style` (except table cell alignment) and
     everything else are dropped;
   - `href`/`src`/`cite` must be relative, a fragment, or http(s)/mailto; `javascript:`,
     `data:`, … links lose the attribute;
   - any other element (`<script>`, `<iframe>`, `<svg>`, `<form>`, `<style>`, …) is shown as
     text: the reader sees `<script>…` literally instead of it running;
   - comments and processing instructions are dropped;
   - only the classes the Markdown extensions write are kept (permalinks, footnotes,
     admonitions, details, code highlighting): the site's own components (`std-banner`,
     `status-tag`, `lc-*`, …) and the theme's (`md-*`; `mermaid` makes it fetch Mermaid from a
     public CDN) cannot be borrowed, so a fake 已废止 banner shows as plain text;
   - ids the page or the theme use (`__config`, `std-*`, `lc-*`, `md-*`) are dropped, and so are
     ARIA roles that would announce text as the page's notes, alerts or landmarks;
   - nesting is bounded (MAX_DEPTH open elements, MAX_FORMATTING open inline formatting
     elements): markup beyond it is shown as text, so the next pass stays linear and a few
     kilobytes cannot reconstruct formatting into megabytes.
2. nh3 (ammonia, html5ever) parses the result as an HTML5 fragment, exactly as a browser
   would, and serialises the tree: every element is closed where the browser would close it,
   an end tag without its element is dropped. The same allow-lists apply again (defence in
   depth). A serialised tree need not parse back to itself (a `<div>` fostered out of a table
   into a list item: read again inside the page, its `<li>` closes the item and its `</div>`
   the page's container), so the serialisation is parsed again until it does (at most
   MAX_REPARSE times; a serialisation equal to its input is not parsed again, being the tree
   already in hand): then every end tag closes its own element, whatever container the page
   puts it in.
3. The serialisation is written in this site's style (`<hr />` as Markdown writes it,
   `&#x27;` in attribute values, U+00A0 as a character), so well-formed text comes out byte
   for byte as before. Only a raw `<br>`, `<hr>` or `<img …>` in a body now reads `<br />`,
   and markup a browser would have rearranged anyway (a `<div>` inside a `<p>`, a table
   without `<tbody>`) is written the way the browser arranges it.

Markup that grows far beyond its text or never settles (never what Markdown writes) is shown
as text instead. Pure (text in, text out): hooks/render_cache.py memoises it across
`mkdocs serve` rebuilds. Every pass is linear in the text, so a 10,000-clause text costs
milliseconds.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape, unescape
from html.parser import HTMLParser

import nh3

ALLOWED_TAGS = frozenset(["a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "section", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr"])
VOID_TAGS = frozenset({"br", "col", "hr", "img", "wbr"})
GLOBAL_ATTRS = frozenset({"id", "class", "title", "lang", "role", "aria-label", "aria-hidden",
                          "aria-describedby", "aria-labelledby"})
TAG_ATTRS = {
    "a": {"href", "rel"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "align", "style"},
    "th": {"colspan", "rowspan", "align", "style", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "type", "reversed"},
    "li": {"value"},
    "details": {"open"},
    "time": {"datetime"},
    "abbr": {"title"},
    "q": {"cite"},
    "blockquote": {"cite"},
}
URL_ATTRS = frozenset({"href", "src", "cite"})
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
ALIGN_STYLE = re.compile(r"^\s*text-align:\s*(left|right|center)\s*;?\s*$", re.IGNORECASE)
# Browsers ignore ASCII tab/newline anywhere in a URL and leading control chars and spaces.
URL_NOISE = re.compile(r"[\x00-\x20\x7f-\x9f]+")
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def safe_url(value: str) -> bool:
    compact = URL_NOISE.sub("", value)
    match = SCHEME.match(compact)
    return match is None or match.group(1).lower() in SAFE_SCHEMES


# Classes a body may carry: what the configured Markdown extensions write. toc permalinks,
# footnotes, admonitions (`!!! note`) and pymdownx.details (`??? note`) with the types the theme
# styles, code blocks (pymdownx.highlight with Pygments). Anything else is dropped.
ADMONITION_TYPES = frozenset({
    "note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important", "success",
    "check", "done", "question", "help", "faq", "warning", "caution", "attention", "failure",
    "fail", "missing", "danger", "error", "bug", "example", "quote", "cite", "inline", "end"})
EXTENSION_CLASSES = ADMONITION_TYPES | {
    "headerlink", "footnote", "footnote-ref", "footnote-backref", "admonition",
    "admonition-title", "highlight", "highlighttable", "linenos", "linenodiv", "filename", "hll",
    "code"}
try:  # Pygments' token classes (`k`, `nf`, `s2`, …), written on <span> inside code blocks
    from pygments.token import STANDARD_TYPES
    TOKEN_CLASSES = frozenset(c for c in STANDARD_TYPES.values() if c)
except ImportError:  # pragma: no cover - Pygments comes with the theme
    TOKEN_CLASSES = frozenset()
# Pygments names a token without a short class of its own after its parent: `l l-Scalar`.
SUBTOKEN_CLASS = re.compile(r"^([a-z][a-z0-9]?[a-z0-9]?)(?:-[A-Z][A-Za-z0-9]*)+$")
LANGUAGE_CLASS = re.compile(r"^language-[a-z0-9+#_-]{1,40}$")
# Ids of the page around the text (std-toc, std-citation, lc-feedback, …) and of the theme.
BLOCKED_ID_PREFIXES = ("__", "std-", "lc-", "md-")
# Roles that describe structure; the page's notes, alerts, status lines and landmarks are not
# the text's to claim (the status banner is a role="note").
ALLOWED_ROLES = frozenset({
    "presentation", "none", "img", "figure", "table", "row", "rowgroup", "cell", "columnheader",
    "rowheader", "list", "listitem", "term", "definition", "math", "separator", "group",
    "doc-footnote", "doc-endnotes", "doc-noteref", "doc-backlink", "doc-example",
    "doc-glossary", "doc-glossref", "doc-biblioref", "doc-bibliography", "doc-biblioentry"})

# Bounds on what pass 1 lets through to the HTML5 parser (see _Model).
MAX_DEPTH = 200
MAX_FORMATTING = 24
# HTML5 formatting elements in the allow-list: the tree builder reopens them after a block
# closes them, so each one left open is copied into every later paragraph.
FORMATTING = frozenset({"a", "b", "code", "em", "i", "s", "small", "strong", "u"})
# Start tags that close these open elements first (`<li>` after an unclosed `<li>`, …).
IMPLIED_END = {
    "li": ("li", "p"), "dt": ("dt", "dd", "p"), "dd": ("dt", "dd", "p"), "p": ("p",),
    "td": ("td", "th", "p"), "th": ("td", "th", "p"), "tr": ("td", "th", "tr", "p"),
    "tbody": ("td", "th", "tr", "tbody", "thead", "tfoot", "p"),
    "thead": ("td", "th", "tr", "tbody", "thead", "tfoot", "p"),
    "tfoot": ("td", "th", "tr", "tbody", "thead", "tfoot", "p"),
}
SCOPE = frozenset({"table", "td", "th", "caption"})  # an end tag does not reach past these
TABLE_PARTS = frozenset({"td", "th", "tr", "tbody", "thead", "tfoot", "caption", "colgroup"})


def _token_class(name: str) -> bool:
    sub = SUBTOKEN_CLASS.match(name)
    return (sub.group(1) if sub else name) in TOKEN_CLASSES


def _classes(tag: str, value: str) -> str:
    return " ".join(c for c in value.split()
                    if c in EXTENSION_CLASSES or LANGUAGE_CLASS.match(c)
                    or (tag == "span" and _token_class(c)))


def _keep_attr(tag: str, name: str, value: str) -> bool:
    if name not in GLOBAL_ATTRS and name not in TAG_ATTRS.get(tag, ()):
        return False
    if name in URL_ATTRS:
        return safe_url(value)
    if name == "style":
        return bool(ALIGN_STYLE.match(value))
    if name == "id":
        return not value.startswith(BLOCKED_ID_PREFIXES)
    if name == "role":
        return value.strip().lower() in ALLOWED_ROLES
    return True


def _allowed_start_tag(tag: str, attrs: list[tuple[str, str | None]]) -> str:
    """An allowed start tag with its allowed attributes, as this site writes it."""
    parts = [tag]
    for name, value in attrs:
        value = "" if value is None else value
        if name == "class":
            value = _classes(tag, value)
            if not value:
                continue
        if _keep_attr(tag, name, value):
            parts.append(f'{name}="{escape(value, quote=True)}"')
    return f"<{' '.join(parts)}{' /' if tag in VOID_TAGS else ''}>"


class _Model:
    """A cheap upper bound of what the HTML5 tree builder will hold open.

    Not a parser (nh3 is): open elements by name, closed by their end tag or by the start tags
    that imply it, with table cells as the boundary an end tag cannot reach past. Well-formed
    text is modelled exactly; for malformed text it errs towards counting more."""

    def __init__(self) -> None:
        self.stack: list[str] = []
        self.formatting: list[str] = []

    def admit(self, tag: str) -> bool:
        """Open `tag` unless that would go past the bounds (then it is shown as text)."""
        implied = IMPLIED_END.get(tag, ())
        while self.stack and self.stack[-1] in implied:
            self.stack.pop()
        if len(self.stack) >= MAX_DEPTH:
            return False
        if tag in FORMATTING:
            if len(self.formatting) >= MAX_FORMATTING:
                return False
            self.formatting.append(tag)
        self.stack.append(tag)
        return True

    def close(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            name = self.stack[i]
            if name == tag:
                del self.stack[i:]
                break
            if name in SCOPE and not (tag == "table" or (tag in TABLE_PARTS and name != "table")):
                return  # the parser ignores this end tag as well
        if tag in FORMATTING and tag in self.formatting:
            del self.formatting[len(self.formatting) - 1 - self.formatting[::-1].index(tag)]


class _Sanitizer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.model = _Model()

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> None:
        if tag not in ALLOWED_TAGS or (tag not in VOID_TAGS and not self.model.admit(tag)):
            self.out.append(f"{_SHOWN}{escape(self.get_starttag_text() or f'<{tag}>')}{_SHOWN_END}")
            return
        self.out.append(self._open_tag(tag, attrs))
        if closed and tag not in VOID_TAGS:
            self._end(tag)

    def _open_tag(self, tag: str, attrs: list[tuple[str, str | None]]) -> str:
        return _allowed_start_tag(tag, attrs)

    def _end(self, tag: str) -> None:
        self.model.close(tag)
        self.out.append(f"</{tag}>")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=True)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS:
            return
        if tag in ALLOWED_TAGS:
            self._end(tag)
        else:
            self.out.append(escape(f"</{tag}>"))

    def handle_data(self, data: str) -> None:
        self.out.append(escape(data, quote=False))

    def handle_comment(self, data: str) -> None:
        pass

    def handle_decl(self, decl: str) -> None:
        pass

    def handle_pi(self, data: str) -> None:
        pass

    def unknown_decl(self, data: str) -> None:
        pass


# Markup shown as text keeps its quotes escaped (`&lt;a href=&quot;…`), as it always has: pass 1
# brackets it with two noncharacters (never in a checked text: the character policy refuses
# them), which the parser keeps in place and the house style removes.
_SHOWN, _SHOWN_END = "\ufdd0", "\ufdd1"
_SHOWN_TEXT = re.compile(f"{_SHOWN}([^{_SHOWN}{_SHOWN_END}]*){_SHOWN_END}")


def _shown(match: re.Match) -> str:
    return match.group(1).replace('"', "&quot;").replace("'", "&#x27;")


def _filter(html: str) -> str:
    html = html.replace(_SHOWN, "\ufffd").replace(_SHOWN_END, "\ufffd")
    fast = _quick_filter(html)
    if fast is not None:
        return fast
    fast = _strict_filter(html)
    if fast is not None:
        return fast
    parser = _Sanitizer()
    parser.feed(html)
    parser.close()
    return "".join(parser.out)


# Pass 1 without html.parser's tokeniser, for markup as Python-Markdown writes it (about 3× faster
# at 1,000 standards): lower-case tags whose attributes are `name` or `name="value"` with no `<`,
# `>` or `"` in the value, and text with no `<`. html.parser reads exactly these the same way,
# so the same handlers get the same events. Anything else (comments, declarations, quotes of
# another kind, a stray `<`, script/style whose content the parser reads as raw text) sends the
# whole text through html.parser instead.
_STRICT_TAG = re.compile(
    r'<(?:([a-z][a-z0-9]*)((?:[ \t\n\r\f]+[a-z][a-z0-9-]*(?:="[^"<>]*")?)*)[ \t\n\r\f]*(/?)'
    r"|/([a-z][a-z0-9]*))>")
_STRICT_ATTR = re.compile(r'([a-z][a-z0-9-]*)(?:="([^"<>]*)")?')
# Elements whose content an HTML tokeniser reads as raw text (html.parser: script and style;
# newer Pythons add more): never on the strict path, whatever this Python's html.parser does.
_RAW_TEXT_TAGS = frozenset(HTMLParser.CDATA_CONTENT_ELEMENTS) | {
    "textarea", "title", "plaintext", "xmp", "iframe", "noembed", "noframes", "noscript"}


class _StrictSanitizer(_Sanitizer):
    """_Sanitizer's handlers, fed by `_strict_filter` instead of html.parser. A text repeats
    few distinct tags (`<p>`, `<td>`, `<h3 id="5.2">`), so each one's attributes are read and
    filtered once per text (whether it may open still depends on what is open: `_Model`)."""

    def __init__(self) -> None:
        super().__init__()
        self.tag_text = ""
        self.opened: dict[str, str] = {}

    def get_starttag_text(self) -> str:
        return self.tag_text

    def _open_tag(self, tag: str, attrs: list[tuple[str, str | None]]) -> str:
        html = self.opened.get(self.tag_text)
        if html is None:
            html = self.opened[self.tag_text] = super()._open_tag(tag, attrs)
        return html


def _strict_attrs(attrs: str) -> list[tuple[str, str | None]]:
    return [(a.group(1), None if a.group(2) is None else unescape(a.group(2)))
            for a in _STRICT_ATTR.finditer(attrs)]


def _strict_filter(html: str) -> str | None:
    """Pass 1 for strictly written markup (see above), or None to leave it to html.parser."""
    parser = _StrictSanitizer()
    write = parser.out.append
    end_tag = parser.handle_endtag
    parsed: dict[str, list[tuple[str, str | None]]] = {}
    pos = 0
    for match in _STRICT_TAG.finditer(html):
        start = match.start()
        if start > pos:
            text = html[pos:start]
            if "<" in text:
                return None
            if "&" in text or ">" in text:
                parser.handle_data(unescape(text))
            else:  # handle_data's escape(unescape(text)) is the text itself
                write(text)
        pos = match.end()
        tag, attrs, closed, end = match.groups()
        if end is not None:
            end_tag(end)
            continue
        if tag in _RAW_TEXT_TAGS:
            return None
        parser.tag_text = text = match.group(0)
        pairs = parsed.get(text)
        if pairs is None:
            pairs = parsed[text] = _strict_attrs(attrs)
        if closed:
            parser.handle_startendtag(tag, pairs)
        else:
            parser.handle_starttag(tag, pairs)
    text = html[pos:]
    if "<" in text:
        return None
    if text:
        parser.handle_data(unescape(text))
    return "".join(parser.out)


# An `&` that is not one of the three entities escape() writes: its text would not come back
# from escape(unescape(text)) as it went in.
_OTHER_ENTITY = re.compile(r"&(?!amp;|lt;|gt;)")


@lru_cache(maxsize=65536)  # a corpus repeats its tags: <p>, <li>, <h3 id="5.1">, …
def _strict_start_tag(tag: str, attrs: str, closed: bool) -> str:
    """What _strict_filter writes for an admitted start tag (an element closed by `/>` gets its
    end tag at once)."""
    html = _allowed_start_tag(tag, _strict_attrs(attrs))
    return html + f"</{tag}>" if closed and tag not in VOID_TAGS else html


def _quick_filter(html: str) -> str | None:
    """_strict_filter's output without its call per tag and per text, or None to leave it to
    _strict_filter: for markup as Python-Markdown writes it, where every `<` and `>` belongs to
    a strict tag, every `&` is `&amp;`, `&lt;` or `&gt;` (so each text is already what
    handle_data writes), every tag is allowed, and every start tag is admitted (`_Model`, run
    over the tag names alone). Each distinct start tag is then written once, and the text is
    copied whole when every tag comes out as it was (tests/test_sanitize.py)."""
    if html.count("<") != html.count(">") or _OTHER_ENTITY.search(html) is not None:
        return None
    model = _Model()
    written: dict[str, str] = {}
    count = 0
    for match in _STRICT_TAG.finditer(html):
        count += 1
        tag, attrs, closed, end = match.groups()
        if end:
            if end not in ALLOWED_TAGS or end in VOID_TAGS:
                return None
            model.close(end)
            continue
        if tag not in ALLOWED_TAGS or tag in _RAW_TEXT_TAGS:
            return None
        if tag not in VOID_TAGS:
            if not model.admit(tag):
                return None
            if closed:
                model.close(tag)
        text = match.group(0)
        if text not in written:
            written[text] = _strict_start_tag(tag, attrs, bool(closed))
    if count != html.count("<"):
        return None  # a `<` or `>` that is not a strict tag's
    changed = {text: out for text, out in written.items() if out != text}
    if not changed:
        return html
    return _STRICT_TAG.sub(lambda m: changed.get(m.group(0), m.group(0)), html)


_NH3_ATTRIBUTES = {"*": set(GLOBAL_ATTRS)} | {tag: set(names) for tag, names in TAG_ATTRS.items()}
# Lone surrogates cannot be encoded for the parser (the character policy rejects them earlier).
_SURROGATE = re.compile("[\ud800-\udfff]")
# Malformed markup whose tree grows far beyond its text, or does not settle after a few
# parses, is shown as text instead (never the case for what Markdown writes).
MAX_GROWTH = 4
MAX_REPARSE = 8
_PRE_NEWLINE = re.compile(r"(<pre\b[^<>]*>)(?=\n)")


def _balance(html: str) -> str:
    """The HTML5 tree of `html` as a fragment, serialised: balanced, nothing outside it."""
    return nh3.clean(
        _SURROGATE.sub("\ufffd", html), tags=set(ALLOWED_TAGS), clean_content_tags=set(),
        attributes=_NH3_ATTRIBUTES, url_schemes=set(SAFE_SCHEMES), link_rel=None,
        strip_comments=True)


# In the parser's serialisation `<` and `>` are only ever tag delimiters (text and attribute
# values escape them), and only the allow-listed attributes are left.
_SERIALISED_TAG = re.compile(r"<(/?)([a-z][a-z0-9]*)([^<>]*)>")


# A void element's start tag as _SERIALISED_TAG reads it (the tag name is the whole name).
_VOID_START = re.compile("<(" + "|".join(sorted(VOID_TAGS)) + r")(?![a-z0-9])([^<>]*)>")


def _house_tag(match: re.Match) -> str:
    end, tag, attrs = match.groups()
    void = " /" if tag in VOID_TAGS and not end else ""
    return f"<{end}{tag}{attrs.replace(chr(39), '&#x27;')}{void}>"


def _house_style(tree: str) -> str:
    """The parser's serialisation written as pass 1 writes it (what Markdown writes): `<hr />`,
    `&#x27;` in attribute values, U+00A0 as the character, quotes of markup shown as text
    escaped, so well-formed text is unchanged."""
    if "'" in tree:
        text = _SERIALISED_TAG.sub(_house_tag, tree)
    else:  # the same without a call per tag: only void start tags change (`<hr>` → `<hr />`)
        text = _VOID_START.sub(r"<\1\2 />", tree)
    text = text.replace("&nbsp;", "\u00a0")
    return _SHOWN_TEXT.sub(_shown, text).replace(_SHOWN, "").replace(_SHOWN_END, "")


def sanitize_html(html: str) -> str:
    """The same text with everything that could run script removed or shown as text, as
    balanced HTML that cannot close or leave the element the page puts it in."""
    allowed = _filter(html)
    limit = MAX_GROWTH * len(allowed) + 65536
    source, tree = allowed, _balance(allowed)
    # A serialised tree need not parse back to itself (a <div> fostered out of a table into a
    # list item: its <li> would close the item, and its </div> the page's container). Parse
    # again until it does: then every end tag closes its own element, in any container.
    for _ in range(MAX_REPARSE):
        if len(tree) > limit:
            break  # never reached by well-formed text: markup that multiplies itself
        text = _PRE_NEWLINE.sub("\\1\n", tree)  # a parser drops one newline after <pre>
        # `_balance` is pure: when the serialisation is its own input (what Markdown writes
        # usually is), parsing it again gives the tree already in hand.
        again = tree if text == source else _balance(text)
        if again == tree:
            return _house_style(text)
        source, tree = text, again
    return escape(html, quote=False)  # shown as text: bounded, and nothing to close
