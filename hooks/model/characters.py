"""The one character policy: which characters every output of the site can carry.

A standard's text reaches HTML pages, feed.xml (XML 1.0), catalogue.xlsx and report.xlsx
(openpyxl refuses ILLEGAL_CHARACTERS_RE), catalogue.json and the search index (JSON), all written
as UTF-8. A character is FORBIDDEN when one of them cannot carry it faithfully:

- C0 control characters other than TAB and LF (NUL, ESC, form feed, CR, …): XML 1.0's Char
  production excludes them, openpyxl refuses them, HTML reports them as parse errors (CR is
  normalised away by both HTML and XML, so it never round-trips);
- DEL and the C1 controls U+007F–U+009F (NEL U+0085 included): HTML parse errors, and a C1
  character is almost always a Windows-1252 character decoded as Latin-1 (U+0085 was “…”);
- lone surrogates U+D800–U+DFFF: not characters at all, UTF-8 cannot encode them (a YAML
  escape such as "\\ud800" or a file name read with surrogateescape produces them);
- the 66 noncharacters (U+FDD0–U+FDEF and U+nFFFE, U+nFFFF of every plane): U+FFFE and U+FFFF
  are outside XML 1.0's Char, and HTML reports every noncharacter as a parse error.

A SINGLE-LINE value (a title, a number, a list item) may hold none of them, nor TAB, LF, LS or PS
(U+2028, U+2029): a line break there would break the one-line places it is shown in (a table
cell, a log line, the feed title). Multi-line values (summary, license, a framework node's
description) and the body may hold TAB and LF.

hooks.check.characters reports what breaks this policy (rule char-forbidden); `xml_text`
replaces it where a writer must never fail (feed.xml, the workbooks); `escape` shows it in a
message as \\uXXXX so that an error list always prints.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"

_NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17))
# Never in any text: see the module docstring.
FORBIDDEN = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff{_NONCHARACTERS}]")
# Never in a single-line value: FORBIDDEN plus TAB, LF, LS and PS.
FORBIDDEN_IN_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff{_NONCHARACTERS}]")

_NAMES = {
    0x00: "空字符 NUL", 0x09: "制表符 TAB", 0x0A: "换行符 LF", 0x0B: "垂直制表符 VT",
    0x0C: "分页符 FF", 0x0D: "回车符 CR", 0x1B: "转义符 ESC", 0x7F: "删除符 DEL",
    0x85: "下一行符 NEL", 0x2028: "行分隔符 LS", 0x2029: "段分隔符 PS",
}


def code_point(char: str) -> str:
    """`U+0000`: the code point as the Unicode standard writes it."""
    return f"U+{ord(char):04X}"


def describe(char: str) -> str:
    """The character for a message, never the character itself: `U+001B（转义符 ESC）`."""
    value = ord(char)
    if value in _NAMES:
        name = _NAMES[value]
    elif 0xD800 <= value <= 0xDFFF:
        name = "不成对的代理码元"
    elif value < 0x20 or 0x7F <= value <= 0x9F:
        name = "控制字符"
    else:
        name = "非字符"
    return f"{code_point(char)}（{name}）"


def forbidden(text: str, single_line: bool = False) -> list[tuple[int, str]]:
    """(0-based index, character) of every character of `text` the outputs cannot carry."""
    pattern = FORBIDDEN_IN_LINE if single_line else FORBIDDEN
    return [(m.start(), m.group()) for m in pattern.finditer(text)]


def _escaped(match: re.Match) -> str:
    value = ord(match.group())
    return f"\\u{value:04x}" if value <= 0xFFFF else f"\\U{value:08x}"


def escape(text: str) -> str:
    """`text` with every FORBIDDEN character written as \\uXXXX: printable, encodable, one line
    as long as `text` has no LF (callers turn line breaks into ⏎ first)."""
    return FORBIDDEN.sub(_escaped, text)


def xml_text(text: str) -> str:
    """`text` with every FORBIDDEN character replaced by U+FFFD: always well-formed XML 1.0, valid
    in a workbook, encodable as UTF-8. Writers use it as a last line of defence; `check` refuses
    such text before any build."""
    return FORBIDDEN.sub(REPLACEMENT, text)
