"""A table as Markdown: a pipe table when Markdown can hold it, else an HTML table.

A Markdown (pipe) table has one header row and no merged cells. A Word table with cells merged
across columns (w:gridSpan) or rows (w:vMerge), or with several header rows, becomes an HTML
table with colspan/rowspan, which the page's sanitizer keeps (hooks/pages/sanitize.py allows
table, thead, tbody, tr, th, td and their colspan/rowspan). Several paragraphs in one cell are
joined with <br>.
"""

from __future__ import annotations

from hooks.importer import escape
from hooks.importer.structure import TableText


def markdown_ready(table: TableText) -> bool:
    """Whether a pipe table can show the table as it is."""
    widths = {sum(cell.colspan for cell in row) for row in table.rows}
    return (table.header_rows == 1 and len(widths) == 1 and bool(table.rows)
            and all(cell.colspan == 1 and cell.rowspan == 1 for row in table.rows for cell in row))


def render(table: TableText) -> str:
    return _pipe(table) if markdown_ready(table) else _html(table)


def _pipe(table: TableText) -> str:
    lines = []
    for i, row in enumerate(table.rows):
        cells = ["<br>".join(escape.inline(line, table=True) for line in cell.lines)
                 for cell in row]
        lines.append("| " + " | ".join(cells) + " |")
        if i == 0:
            lines.append("|" + "---|" * len(row))
    return "\n".join(lines)


def _html(table: TableText) -> str:
    out = ["<table>"]
    for i, row in enumerate(table.rows):
        if i == 0:
            out.append("<thead>")
        if i == table.header_rows:
            out.append("<tbody>")
        tag = "th" if i < table.header_rows else "td"
        cells = []
        for cell in row:
            spans = (f' colspan="{cell.colspan}"' if cell.colspan > 1 else "") + (
                f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "")
            text = "<br>".join(escape.html(line) for line in cell.lines)
            cells.append(f"<{tag}{spans}>{text}</{tag}>")
        out.append("<tr>" + "".join(cells) + "</tr>")
        if i == table.header_rows - 1:
            out.append("</thead>")
    if len(table.rows) > table.header_rows:
        out.append("</tbody>")
    out.append("</table>")
    return "\n".join(out)
