"""The document model: what a standard *is*, independent of how it is read or shown.

Takes nothing from the build; gives types and pure functions the other stages share:
`standard.Standard` (one standard: metadata, clause tree, derived facts), `numbers` (standard
numbers: parse, canonical form, slug, level), `dates` (the build date and date helpers),
`anchors` (clause-number and pinyin heading anchors), `clauses` (the clause tree: a text split
at its headings exactly as its page is), `sorting` (natural number and title order),
`characters` (the one character policy: what HTML, XML 1.0, XLSX, JSON and UTF-8 all carry).
"""
