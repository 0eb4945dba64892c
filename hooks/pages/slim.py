"""Keep every page small: the theme's indentation out of the HTML, the theme's unused assets out
of the site, and on standard pages a compact navigation and no server-written ¶ links
(docs/guide/performance.md, 站点大小).

Removing indentation keeps one newline where there was whitespace, so nothing that the browser
renders changes; `<pre>`, `<textarea>` and `<script>` keep their text exactly.
"""

from __future__ import annotations

import re

from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section

_KEEP = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>|<script\b.*?</script>)", re.S | re.I)
_INDENT = re.compile(r"\n[ \t\r\n]+")
# The toc extension's permalink on every heading (mkdocs.yml `permalink: "¶"`).
_PERMALINK = re.compile(r'<a class="headerlink" href="#[^"<>]*" title="[^"<>]*">¶</a>')

# A newline next to these tags separates block boxes (or table parts): the browser renders none
# of it, in the standard's text where only Markdown's own elements and Material's styles apply.
_BLOCK_GAP = re.compile(r"(</(?:p|h[1-6]|li|dd|dt|td|th|tr|thead|tbody|tfoot|table|ol|ul|dl|blockquote)>"
                        r"|<(?:table|thead|tbody|tfoot|tr|ol|ul|dl)>)\n(?=<)")

# Theme files this site never loads: Material's search worker and its lunr languages (the
# site's own search replaces them) and the bundles' source maps.
_UNUSED_THEME = (
    re.compile(r"^assets/javascripts/(lunr|workers)/"),
    re.compile(r"^assets/(javascripts|stylesheets)/.*\.map$"),
)


def strip_indentation(html: str) -> str:
    """Every run of whitespace that contains a newline becomes one newline (see module doc)."""
    parts = _KEEP.split(html)
    for i in range(0, len(parts), 2):  # even parts are outside <pre>/<textarea>
        parts[i] = _INDENT.sub("\n", parts[i])
    return "".join(parts)


def drop_permalinks(html: str) -> str:
    """A standard's text without the ¶ link on each heading: standard.js adds them in the
    browser (a full standard has a hundred headings; the links were an eighth of its HTML).
    Every heading keeps its id, so #5.2 links work without JavaScript."""
    return _PERMALINK.sub("", html)


def join_blocks(html: str) -> str:
    """A standard's text without the newline between block elements (a newline after `</p>`,
    `</h4>`, `</td>`, `<tr>` …, before the next tag): about 300 bytes a page, nothing rendered.
    `<pre>`, `<textarea>` and `<script>` keep their text exactly; search.js still separates the
    blocks by a space when it reads a clause's text."""
    parts = _KEEP.split(html)
    for i in range(0, len(parts), 2):
        parts[i] = _BLOCK_GAP.sub(r"\1", parts[i])
    return "".join(parts)


def drop_unused_theme_files(files: Files) -> None:
    for file in list(files):
        if not file.is_documentation_page() and any(p.match(file.src_uri) for p in _UNUSED_THEME):
            files.remove(file)


def compact_nav(nav: Navigation) -> Navigation:
    """The site navigation with every section reduced to a link to its first page.

    Standard pages are not in the navigation, so the drawer there needs the way to each part of
    the site, not the list of every guide page: at 1,000 standards, that list repeated on each
    page would add megabytes.
    """
    items = [_first_page(item) if isinstance(item, Section) else item for item in nav.items]
    return Navigation([i for i in items if i is not None], nav.pages)


def _first_page(section: Section):
    for child in section.children:
        if isinstance(child, Section):
            found = _first_page(child)
            if found is not None:
                return found
        elif child.is_page:
            return child
    return None
