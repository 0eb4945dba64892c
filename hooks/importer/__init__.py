"""Word import: `python -m hooks import FILE.docx [--number NUMBER] [--force]` (spec section 8).

Takes a draft saved as .docx (Word or WPS, typed freely or from the national drafting template);
gives `standards/<slug>.md` in the document model's Markdown (spec sections 2 and 6), the
front-matter from the cover and the template's 【待填：…】 placeholders for the rest, plus a
report of what could not be converted, one line each with its paragraph number.

    source       refuse what is not a .docx (.doc, .wps, renamed files, broken zips); open it
    docx_reader  the body in order: paragraphs (style, runs, automatic number) and tables
    numbering    automatic numbers and bullets from the numbering definitions
    cover        封面 fields: 标准号, 名称, English name, dates, ICS, CCS, 发布机构
    roles        what a paragraph style says: heading level, annex mark, caption, 列项, 注 …
    structure    paragraphs → headings, 列项, 注, 示例, captions, annexes; 目次 dropped
    tables       a table as a Markdown table, or as HTML when cells are merged
    escape       Word text as Markdown text that shows exactly that text
    markdown     the standard file: the template's front-matter filled in, and the text
    convert      the whole conversion, and where the file goes (refusing to overwrite)
    command      the command line and its exit status
    text         small text helpers (full-width letters, whitespace, report excerpts)

Library: python-docx (pinned in requirements.txt) opens the package and gives paragraphs,
tables, styles, sections and the parts related to the document. docx_reader lists where it reads
python-docx's parsed XML elements instead, because its API does not reach the feature.
"""
