"""Export: machine-readable files beside the pages.

Takes the BuildState's Catalogue; gives catalogue.json, catalogue.csv, catalogue.xlsx and
feed.xml (`files`), and the half-year 两报 report (`report`, also a command). All are
reproducible byte for byte under one SOURCE_DATE_EPOCH (`xlsx`, the one spreadsheet writer of
every workbook: text is always written as text).
"""
