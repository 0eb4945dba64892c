"""编辑专区 (docs/editors.md): the editors' and operators' landing page, apart from the public's.

The page is hand-written; its marker `<!-- editors:reviews -->` becomes a one-line count of the
site's own standards that are due for review, linking to 复审提醒 (the count that the public home
page no longer shows).
"""

from __future__ import annotations

from mkdocs.structure.files import Files

from hooks.pages.framework_pages import REVIEWS_SRC
from hooks.pages.links import Linker
from hooks.pages.templating import render

EDITORS_SRC = "editors.md"
MARKER = "<!-- editors:reviews -->"


def page_content(state, html: str, page, files: Files) -> str | None:
    if page.file.src_uri != EDITORS_SRC or MARKER not in html:
        return None
    cat = state.catalogue
    due = cat.reviews()
    overdue = sum(1 for s in due if s.review_due < cat.today)
    summary = render("editors_reviews.html", overdue=overdue, soon=len(due) - overdue,
                     today=cat.today, url=Linker(files, page.url).to_src(REVIEWS_SRC))
    return html.replace(MARKER, summary)
