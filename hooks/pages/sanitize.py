"""Make the rendered text of a standard safe to publish.

A standard's body is Markdown written by editors, and Markdown passes raw HTML through (and the
`attr_list` extension adds any attribute). The text of a standard must never run script on a
reader's machine, so its rendered HTML goes through an allow-list:

- elements Markdown and the configured extensions produce are kept, with a fixed set of harmless
  attributes; `on*` handlers, `style` (except table cell alignment) and everything else are dropped;
- `href`/`src` must be relative, a fragment, or http(s)/mailto; `javascript:`, `data:`, … links
  lose the attribute;
- any other element (`<script>`, `<iframe>`, `<svg>`, `<form>`, `<style>`, …) is shown as text:
  the reader sees `<script>…` literally instead of it running;
- comments and processing instructions are dropped; ids that could clobber the theme's globals
  (`__config`, …) are dropped, and so are classes the theme acts on (`mermaid` makes Material fetch
  Mermaid from a public CDN; `md-*` are its own components).

One linear pass over the HTML (html.parser), so a 10,000-clause text costs milliseconds.
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser

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


BLOCKED_CLASSES = frozenset({"mermaid"})
BLOCKED_CLASS_PREFIXES = ("md-",)


def _classes(value: str) -> str:
    return " ".join(c for c in value.split()
                    if c not in BLOCKED_CLASSES and not c.startswith(BLOCKED_CLASS_PREFIXES))


def _keep_attr(tag: str, name: str, value: str) -> bool:
    if name not in GLOBAL_ATTRS and name not in TAG_ATTRS.get(tag, ()):
        return False
    if name in URL_ATTRS:
        return safe_url(value)
    if name == "style":
        return bool(ALIGN_STYLE.match(value))
    if name == "id":
        return not value.startswith("__")
    return True


class _Sanitizer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> None:
        if tag not in ALLOWED_TAGS:
            self.out.append(escape(self.get_starttag_text() or f"<{tag}>"))
            return
        parts = [tag]
        for name, value in attrs:
            value = "" if value is None else value
            if name == "class":
                value = _classes(value)
                if not value:
                    continue
            if _keep_attr(tag, name, value):
                parts.append(f'{name}="{escape(value, quote=True)}"')
        self.out.append(f"<{' '.join(parts)}{' /' if closed and tag in VOID_TAGS else ''}>")
        if closed and tag not in VOID_TAGS:
            self.out.append(f"</{tag}>")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=True)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS:
            return
        self.out.append(f"</{tag}>" if tag in ALLOWED_TAGS else escape(f"</{tag}>"))

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


def sanitize_html(html: str) -> str:
    """The same text with everything that could run script removed or shown as text."""
    parser = _Sanitizer()
    parser.feed(html)
    parser.close()
    return "".join(parser.out)
