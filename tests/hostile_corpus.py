"""A corpus of hostile metadata and text, shared by tests/test_hostile.py and the browser suite.

Every payload sets `window.__pwned` if it ever runs; the browser suite checks it never does.
`ACCEPTED` builds (everything escaped or neutralised); each file of `REJECTED` fails validation
with the rule id given (all of them are reported by one build).
"""

from __future__ import annotations

from conftest import front_matter, standard

PWN = "window.__pwned=1"

# YAML single-quoted scalars: a quote inside is written twice.
ACCEPTED: dict[str, str] = {
    # <script> in the title; HTML in keywords; summary that closes an inline <script>.
    "gb-t-1-2020.md": standard(
        number="GB/T 1—2020",
        title=f"'<script>{PWN}</script>机关事务 标准'",
        keywords=f"['<img src=x onerror={PWN}>', '<b>粗体</b>', '\"quoted\"']",
        summary=f"'</script><script>{PWN}</script> & <!-- --> ]]> 适用范围'",
        proposer=f"'<iframe src=\"javascript:{PWN}\"></iframe>'",
    ),
    # Quotes that break out of attributes, in every text field that may land in one.
    "gb-t-2-2020.md": standard(
        number="GB/T 2—2020",
        title=f"'\"''><svg onload={PWN}> 引号'",
        title_en=f"'\" onmouseover=\"{PWN}\" data-x=\"'",
        issuer=f"['\"><img src=x onerror={PWN}>', '单位''一']",
        drafters=f"['<a href=\"javascript:{PWN}\">起草</a>']",
        authors=f"['\"}}{{ {PWN} }}']",
        responsible="'${alert(1)} {{7*7}} {% raw %}'",
        license=f"'<style>body{{display:none}}</style><script>{PWN}</script>'",
    ),
    # A 200-character title without a single break opportunity, and a 500-character English one.
    "gb-t-3-2020.md": standard(
        number="GB/T 3—2020",
        title="机关事务" * 50,
        title_en="Extraordinarily" * 33,
        summary="'" + "超长摘要" * 200 + "'",
    ),
    # Bidi and zero-width controls in text fields (numbers reject them: see REJECTED).
    "gb-t-4-2020.md": standard(
        number="GB/T 4—2020",
        title="'标准\u202e名称\u202c\u200b测试'",
        keywords="['关\u200d键', '\u2066词\u2069']",
    ),
    # Spreadsheet formulas (CSV/XLSX injection) in text that the exports carry.
    "gb-t-5-2020.md": standard(
        number="GB/T 5—2020",
        title="'=HYPERLINK(\"http://127.0.0.1:1/x\",\"点我\")'",
        summary="'+cmd|'' /C calc''!A0'",
        keywords="['@SUM(1+1)', '-2+3']",
    ),
    # Hostile full text: raw HTML, javascript: links, attribute injection, hostile headings.
    "gb-t-6-2020.md": standard(
        number="GB/T 6—2020",
        title="带有恶意正文的标准", issued="2020-03-01", effective="2020-06-01",  # older than 6—2021
        body=f"""
## 前言

<script>{PWN}</script>

<img src="x" onerror="{PWN}">

[点我](javascript:{PWN}) 与 [再点](JaVaScRiPt:{PWN}) 与 [数据](data:text/html,<script>{PWN}</script>)

<a href=" java\tscript:{PWN}">空白混淆</a>

<iframe srcdoc="<script>parent.{PWN}</script>"></iframe>

<svg><script>{PWN}</script></svg>

<form action="javascript:{PWN}"><button>提交</button></form>

<style>body {{ display: none }}</style>

<div markdown onclick="{PWN}">带属性的块 {{: onmouseover="{PWN}" }}</div>

段落 {{: onclick="{PWN}" style="position:fixed;inset:0" }}

<pre class="mermaid">graph TD; A-->B</pre>

<div class="mermaid">graph LR; C-->D</div>

<p id="__config">{{"search": "javascript:{PWN}"}}</p>

## 1 范围<img src=x onerror={PWN}>

本文件规定了……零宽\u200b字符与方向\u202e控制\u202c字符。

## 2 规范性引用文件

本文件没有规范性引用文件。

## 3 术语和定义

本文件没有需要界定的术语和定义。

## 4 要求 {{#4 onclick="{PWN}"}}

### 4.1 引号"'><script>{PWN}</script>

见 [4.1](#4.1)。

| 列"><script>{PWN}</script> | 值 |
|---|---|
| <img src=x onerror={PWN}> | `<script>{PWN}</script>` |
""",
    ),
}

# A new edition of the hostile text: its 条文对照 (changes) page diffs the two hostile texts.
ACCEPTED["gb-t-6-2021.md"] = standard(
    number="GB/T 6—2021", title="带有恶意正文的标准（修订版）", issued="2021-01-01",
    effective="2021-02-01", replaces='["GB/T 6—2020"]',
    body=ACCEPTED["gb-t-6-2020.md"].split("---\n", 2)[2].replace(
        "本文件规定了", f"<b onmouseover={PWN}>修订</b>本文件规定了"))


def clauses_text(count: int) -> str:
    """A standard text with `count` clauses: chapters 1–9 … with numbered subclauses."""
    lines = ["## 前言", "", "本文件按照 GB/T 1.1—2020 的规定起草。", ""]
    chapters = 10
    per = max(1, count // chapters)
    for ch in range(1, chapters + 1):
        lines += [f"## {ch} 第{ch}章", "", f"第{ch}章的内容。", ""]
        for sub in range(1, per):
            lines += [f"### {ch}.{sub} 条款{ch}.{sub}", "", f"条款 {ch}.{sub} 的要求，见 [{ch}](#{ch})。", ""]
    return "\n".join(lines) + "\n"


def many_clauses_standard(count: int = 10_000) -> str:
    return standard(number="GB/T 9—2020", title="一万个条款的标准",
                    body="\n" + clauses_text(count))


# file name → (text, rule id it must be rejected with)
REJECTED: dict[str, tuple[str, str]] = {
    "gb-t-11-2020.md": (standard(number="GB/T 11—2020", source=f"'javascript:{PWN}'"), "source-url"),
    "gb-t-12-2020.md": (standard(number="GB/T 12—2020",
                                 source="'https://x.example/\"><script>'"), "source-url"),
    "gb-t-13-2020.md": (standard(number="'GB/T\u200b 13—2020'"), "number-format"),
    "gb-t-14-2020.md": (standard(number="'GB/T 14\u202e—2020'"), "number-format"),
    "gb-t-15-2020.md": (standard(number="GB/T 15—2020", title="'" + "长" * 201 + "'"),
                        "field-length"),
    "gb-t-16-2020.md": (standard(number="GB/T 16—2020", title="{a: '<script>'}"), "field-type"),
    "gb-t-17-2020.md": (front_matter(number="GB/T 17—2020", title="未知字段", domain='"01.01"',
                                     issued="2022-04-15", effective="2022-04-15",
                                     onload=f"'{PWN}'"), "field-unknown"),
    "gb-t-18-2020.md": (standard(number="GB/T 18—2020", domain=f"'<script>{PWN}</script>'"),
                        "domain-unknown"),
}

# What the report lists: one line per hostile case.
CASES = {
    "gb-t-1-2020.md": "<script> in title, HTML in keywords, </script> breakout in summary, iframe",
    "gb-t-2-2020.md": "quotes breaking attributes in title/title_en/issuer/drafters/authors, "
                      "template syntax, <style>",
    "gb-t-3-2020.md": "200-char title without breaks, 500-char title_en, 800-char summary",
    "gb-t-4-2020.md": "bidi (U+202E) and zero-width controls in title and keywords",
    "gb-t-5-2020.md": "spreadsheet formulas (=, +, @, -) in title, summary, keywords",
    "gb-t-6-2021.md": "a new edition of the hostile text (its 条文对照 page diffs hostile texts)",
    "gb-t-6-2020.md": "hostile text: raw <script>/<img onerror>/<iframe>/<svg>/<form>/<style>, "
                      "javascript:/data: links, attr_list on* attributes, __config clobbering, "
                      "class=\"mermaid\" (would make the theme fetch Mermaid from unpkg.com)",
}
