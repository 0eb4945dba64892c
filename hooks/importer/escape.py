"""Word text as Markdown text: what Python-Markdown (with mkdocs.yml's extensions) would read as
markup is escaped, and nothing else, so the file stays readable for editors.

Escaped anywhere: ``\\``, `` ` ``, ``*``, ``_``; ``<`` (raw HTML) and ``&name;`` (entities);
``[`` before ``^`` (a footnote) and ``]`` before ``(``, ``[`` or ``:`` (links); ``{`` before
``:``, ``#`` or ``.`` (attribute lists). At the start of a line: ``#``, ``>``, ``-``/``+``
list markers, ``1.`` ordered-list numbers, ``!!!``/``???`` (admonitions), ``:`` (definition
lists). In table cells also ``|``. docx_reader's marks become Markdown: a footnote reference
``[^n]``, superscript ``<sup>…</sup>`` and subscript ``<sub>…</sub>`` (the sanitizer keeps both).
"""

from __future__ import annotations

import re
from html import escape as html_escape

from hooks.importer.docx_reader import FOOTNOTE_CLOSE, FOOTNOTE_OPEN, SUB, SUP

_ANYWHERE = re.compile(r"([\\`*_])|\[(?=\^)|\](?=[(\[:])|\{(?=[:#.])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_LINE_START = re.compile(r"^(#|>|[-+](?=\s)|\d+\.(?=\s)|!!!|\?\?\?)")
_FOOTNOTE = re.compile(f"{FOOTNOTE_OPEN}(\\d+){FOOTNOTE_CLOSE}")
_TAGS = str.maketrans({SUP[0]: "<sup>", SUP[1]: "</sup>", SUB[0]: "<sub>", SUB[1]: "</sub>"})


def _start(match: re.Match) -> str:
    token = match.group(1)
    if token[0].isdigit():
        return token[:-1] + "\\."
    if token == "???":  # ? has no backslash escape in Python-Markdown
        return "&#63;??"
    return "\\" + token


def inline(text: str, table: bool = False, line_start: bool = True) -> str:
    """One line of Word text as Markdown that shows exactly that text; `line_start`: the text
    begins a line (False after a list marker the importer writes itself)."""
    text = _ENTITY.sub("&amp;", text)
    text = _ANYWHERE.sub(lambda m: "\\" + m.group(0), text)
    text = text.replace("<", "&lt;")
    if table:
        text = text.replace("|", "\\|")
    elif line_start:
        text = _LINE_START.sub(_start, text)
        if text.startswith(":"):
            text = "&#58;" + text[1:]
    return _FOOTNOTE.sub(r"[^\1]", text).translate(_TAGS)


def heading(text: str) -> str:
    """Heading text: as `inline`, and a closing # is not taken for the ATX closing sequence."""
    text = inline(text)
    return text[:-1] + "\\#" if text.endswith("#") else text


def html(text: str) -> str:
    """Text for a raw HTML table cell (Markdown is not read inside it)."""
    return _FOOTNOTE.sub(r"<sup>\1</sup>", html_escape(text, quote=False)).translate(_TAGS)
