"""意见反馈 links: an address (mailto: or https:) pre-filled with the standard and the clause.

Pages carry only the page-level link; docs/assets/js/lifecycle.js (`clauseHref`) derives a
clause's link from it in the browser, in exactly the form `feedback_link(…, clause=…)` gives
(tests/browser/test_lifecycle.py holds the two to the same output).

The address is the standard's `feedback` field, else mkdocs.yml `extra.feedback`.
- mailto: → `subject` and `body` parameters, percent-encoded as RFC 6068 asks (UTF-8, spaces as
  %20, never "+"); an address that already has `?cc=…` keeps it.
- https: → query parameters `standard`, `title`, `clause`, `page` added to any existing ones
  (e.g. a questionnaire that reads them).

Pages carry the link as `feedback_href` gives it: the same URL with its Chinese as UTF-8
characters instead of %XX triples (a third of the bytes; HTML allows them in an href and the
browser percent-encodes them again when it resolves the link, so the URL it opens is the same).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import parse_qsl, quote, unquote_to_bytes, urlencode, urlsplit, urlunsplit

from hooks.model.standard import Standard

_ESCAPES = re.compile(r"(?:%[0-9A-Fa-f]{2})+")


def subject(std: Standard, clause: str = "") -> str:
    where = f" 条款 {clause}" if clause else ""
    kind = "征求意见稿" if std.is_draft else "标准"
    return f"【意见反馈】{kind} {std.code}《{std.title}》{where}"


def body(std: Standard, clause: str = "", page: str = "") -> str:
    lines = [f"标准：{std.code}《{std.title}》"]
    if clause:
        lines.append(f"条款：{clause}")
    if page:
        lines.append(f"页面：{page}")
    lines += ["", "意见：", "", "理由或依据：", "", "建议修改为：", "",
              "反馈人（单位、姓名、联系方式）：", ""]
    return "\r\n".join(lines)


def feedback_link(address: str, std: Standard, clause: str = "", page: str = "") -> str:
    """The pre-filled link for `std` (and a clause such as "5.1 会议预订")."""
    if address.startswith("mailto:"):
        to, _, query = address.partition("?")
        kept = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True)
                if k.lower() not in ("subject", "body")]
        params = [*kept, ("subject", subject(std, clause)), ("body", body(std, clause, page))]
        return to + "?" + "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in params)
    parts = urlsplit(address)
    params = parse_qsl(parts.query, keep_blank_values=True)
    params += [("standard", std.code), ("title", std.title)]
    if clause:
        params.append(("clause", clause))
    if page:
        params.append(("page", page))
    return urlunsplit(parts._replace(query=urlencode(params, quote_via=quote)))


def feedback_href(address: str, std: Standard, clause: str = "", page: str = "") -> str:
    """`feedback_link` as a page's href carries it (see module doc)."""
    return unescape_text(feedback_link(address, std, clause, page))


@lru_cache(maxsize=4096)  # a page asks twice (its head and its 意见反馈 block)
def unescape_text(url: str) -> str:
    """`url` with each percent-encoded UTF-8 character that is visible non-ASCII text (not a
    space, a control or a format character) written as itself; every other byte keeps its
    escape exactly as written."""
    return _ESCAPES.sub(_unescape_run, url)


def _unescape_run(match: re.Match[str]) -> str:
    triples = [match.group()[i:i + 3] for i in range(0, len(match.group()), 3)]
    out, i = [], 0
    while i < len(triples):
        lead = int(triples[i][1:], 16)
        size = 2 if 0xC2 <= lead <= 0xDF else 3 if 0xE0 <= lead <= 0xEF else 4 if 0xF0 <= lead <= 0xF4 else 1
        chunk = "".join(triples[i:i + size])
        try:
            char = unquote_to_bytes(chunk).decode("utf-8") if size > 1 else ""
        except UnicodeDecodeError:
            char = ""
        if len(char) == 1 and unicodedata.category(char)[0] not in "CZ":
            out.append(char)
            i += size
        else:
            out.append(triples[i])
            i += 1
    return "".join(out)
