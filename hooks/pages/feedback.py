"""意见反馈 links: an address (mailto: or https:) pre-filled with the standard and the clause.

Pages carry only the page-level link; docs/assets/js/lifecycle.js (`clauseHref`) derives a
clause's link from it in the browser, in exactly the form `feedback_link(…, clause=…)` gives
(tests/browser/test_lifecycle.py holds the two to the same output).

The address is the standard's `feedback` field, else mkdocs.yml `extra.feedback`.
- mailto: → `subject` and `body` parameters, percent-encoded as RFC 6068 asks (UTF-8, spaces as
  %20, never "+"); an address that already has `?cc=…` keeps it.
- https: → query parameters `standard`, `title`, `clause`, `page` added to any existing ones
  (e.g. a questionnaire that reads them).
"""

from __future__ import annotations

from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from hooks.model.standard import Standard


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
