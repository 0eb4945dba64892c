"""Pages: the HTML the site shows, rendered from templates in hooks/templates/.

Takes the BuildState (hooks/state.py) and MkDocs' files and pages; gives generated pages
(catalogue, framework, domain, reviews, drafts, progress, 条文对照, 规则参考) and the standard
page (standard_page.py; its 当前位置 in breadcrumbs.py, links to cited standards in
references_links.py), its text additions and editing aids. hooks/pipeline.py lists, in order,
which function runs at which MkDocs event. Change the catalogue page in `catalogue.py` and
templates/catalogue.html.
"""
