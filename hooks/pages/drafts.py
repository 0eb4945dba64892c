"""Lifecycle pages and page additions (feature module in hooks.pipeline.FEATURES).

- `drafts/` 征求意见: open consultations first (with days left), then closed ones.
- `progress/` 制修订进度: every planned standard with its stages on a timeline; overdue flagged.
- `standards/<slug>/changes/` 条文对照: clause-by-clause comparison with the edition it replaces.
- On every standard page: the draft banner (征求意见稿，不具效力), stage rows in the metadata
  panel, links to 条文对照 and 意见反馈, and an 意见 link per clause that pre-fills the standard
  number and clause (hooks.pages.feedback).
All HTML comes from templates/lifecycle_*.html; dates are the build date (corpus.today), and
docs/assets/js/lifecycle.js re-checks open consultations against the reader's clock.
"""

from __future__ import annotations

import re
from datetime import date
from html import unescape

from markupsafe import escape
from mkdocs.structure.files import Files

from hooks.derive import lifecycle
from hooks.model.standard import Standard
from hooks.pages.diff import compare
from hooks.pages.feedback import feedback_href
from hooks.pages.links import Linker, add_page, domain_src, standard_src
from hooks.pages.settings import SiteSettings
from hooks.pages.templating import render

DRAFTS_SRC = "drafts/index.md"
PROGRESS_SRC = "progress/index.md"
WIDE_PAGE = "---\ntitle: {title}\nhide:\n  - toc\n---\n\n# {title}\n"
CHANGES_PAGE = "---\nhide:\n  - navigation\n  - toc\n---\n\n# {code} 条文对照\n"
_H1_ID = re.compile(r'<h1 id="([^"]+)"')
_CLAUSE_HEADING = re.compile(
    r'<h([2-6]) id="((?:\d+|[A-Z])(?:\.\d+)*)"([^>]*)>(.*?)</h\1>', re.S)


def changes_src(slug: str) -> str:
    return f"standards/{slug}/changes.md"


def edition_pairs(standards: list[Standard]) -> dict[str, tuple[Standard, Standard]]:
    """changes page src → (new, old): every standard (or draft) with text that replaces an
    edition with text; when it replaces several, the most recent one."""
    pairs = {}
    for std in standards:
        olds = [o for o in std.replaces_std if o.has_text]
        if std.has_text and olds:
            old = max(olds, key=lambda o: (o.issued or date.min, o.code))
            pairs[changes_src(std.slug)] = (std, old)
    return pairs


def address_for(std: Standard, settings: SiteSettings) -> str:
    return std.feedback or settings.feedback


def page_address(page_url: str, settings: SiteSettings) -> str:
    if not settings.site_url:
        return ""
    return settings.site_url.rstrip("/") + "/" + page_url


# ---------------------------------------------------------------------------------------------
# Feature hooks


def add_files(state, files: Files, config) -> None:
    state.changes = edition_pairs(state.corpus.standards)
    add_page(files, config, DRAFTS_SRC, WIDE_PAGE.format(title="征求意见"))
    add_page(files, config, PROGRESS_SRC, WIDE_PAGE.format(title="制修订进度"))
    for src, (new, _old) in state.changes.items():
        add_page(files, config, src, CHANGES_PAGE.format(code=new.code), in_nav=False)




def page_markdown(state, markdown: str, page) -> str | None:
    pair = state.changes.get(page.file.src_uri)
    if pair is None:
        return None
    new, old = pair
    # The theme prints the title unescaped: escape it here.
    page.meta["title"] = str(escape(f"{new.code} 与 {old.code} 条文对照"))
    return markdown


def page_content(state, html: str, page, files: Files) -> str | None:
    src = page.file.src_uri
    linker = Linker(files, page.url)
    if src == DRAFTS_SRC:
        return render_drafts(state.corpus.standards, state.today, linker, state.settings)
    if src == PROGRESS_SRC:
        return render_progress(state.corpus.standards, state.today, linker, state.settings)
    if src in state.changes:
        new, old = state.changes[src]
        heading = _H1_ID.search(html)  # keep the id the page's table of contents links to
        return render_changes(new, old, linker, heading.group(1) if heading else "changes")
    return None


def standard_text(state, std: Standard, html: str, page) -> str:
    """Add an 意见 link to every numbered clause heading of a draft's text.

    Each link is short (it points at the page's own 意见反馈 link, which is pre-filled with the
    standard); lifecycle.js derives each clause's address from that link, so a page with
    hundreds of clauses does not carry hundreds of long pre-filled addresses.
    """
    if not address_for(std, state.settings) or not std.is_draft:
        # Published standards: the page's one 意见反馈 link takes the clause from the URL
        # fragment (lifecycle.js), so only drafts carry a link on every clause.
        return html

    def add_link(m: re.Match) -> str:
        level, anchor, attrs, inner = m.groups()
        label = unescape(re.sub(r"<[^>]+>", "", inner)).replace("¶", "").strip()
        link = render("lifecycle_clause_feedback.html", label=label, anchor=unescape(anchor))
        return f'<h{level} id="{anchor}"{attrs}>{inner}{link}</h{level}>'

    return _CLAUSE_HEADING.sub(add_link, html)


# ---------------------------------------------------------------------------------------------
# Standard page head


def head_context(state, std: Standard, linker: Linker) -> dict[str, object]:
    """Template context for templates/lifecycle_head.html and lifecycle_meta.html."""
    today = state.today
    ctx: dict[str, object] = {"draft": std.is_draft, "stage": std.stage}
    address = address_for(std, state.settings)
    page_url = page_address(linker.page_url, state.settings)
    ctx["feedback"] = feedback_href(address, std, page=page_url) if address else ""
    consult = lifecycle.consultation(std, today)
    if std.is_draft:
        ctx["banner"] = {
            "consultation": consult,
            "open": bool(consult and consult.is_open),
            "overdue_days": lifecycle.overdue_days(std, today),
        }
    ctx["consultation"] = consult
    ctx["planned"] = std.planned
    ctx["stages"] = [s for s in lifecycle.steps(std) if s.day is not None] if std.stages else []
    revising = state.revising.get(std.code, [])
    ctx["revising"] = [{"code": d.code, "title": d.title, "stage": d.stage,
                        "url": linker.to_src(standard_src(d.slug)),
                        "consultation": lifecycle.consultation(d, today)} for d in revising]
    ctx["changes"] = []
    for src, (new, old) in state.changes.items():
        if std in (new, old):
            other = old if std is new else new
            if std is old:
                relation = "修订稿" if new.is_draft else "新版"
            else:
                relation = "现行" if std.is_draft else "旧版"
            ctx["changes"].append({"url": linker.to_src(src), "other": other.code,
                                   "relation": relation})
    return ctx


# ---------------------------------------------------------------------------------------------
# drafts/ and progress/


def _item(std: Standard, today: date, linker: Linker, settings: SiteSettings) -> dict[str, object]:
    consult = lifecycle.consultation(std, today)
    address = address_for(std, settings)
    return {
        "std": std,
        "url": linker.to_src(standard_src(std.slug)),
        "domain_url": linker.to_src(domain_src(std.domain.slug)),
        "consultation": consult,
        "feedback": feedback_href(address, std) if address else "",
        "steps": lifecycle.steps(std),
        "overdue_days": lifecycle.overdue_days(std, today),
        "changes": linker.to_src(changes_src(std.slug)),
        "late_days": _late_days(std),
    }


def _late_days(std: Standard) -> int:
    """For a published standard with a plan: days its publication came after the plan."""
    if std.is_draft or std.planned is None or std.issued is None:
        return 0
    return max(0, (std.issued - std.planned).days)


def render_drafts(standards: list[Standard], today: date, linker: Linker,
                  settings: SiteSettings) -> str:
    consultations = [c for s in standards if (c := lifecycle.consultation(s, today))]
    open_ = sorted((c for c in consultations if c.is_open), key=lambda c: (c.until, c.std.code))
    closed = sorted((c for c in consultations if not c.is_open),
                    key=lambda c: (c.until, c.std.code), reverse=True)
    return render(
        "lifecycle_drafts.html", today=today,
        open=[_item(c.std, today, linker, settings) for c in open_],
        closed=[_item(c.std, today, linker, settings) for c in closed],
        progress_url=linker.to_src(PROGRESS_SRC),
        site_feedback=bool(settings.feedback),
    )


def render_progress(standards: list[Standard], today: date, linker: Linker,
                    settings: SiteSettings) -> str:
    planned = [s for s in standards if lifecycle.is_planned(s)]
    drafts = sorted((s for s in planned if s.is_draft),
                    key=lambda s: (not lifecycle.is_overdue(s, today), s.planned or date.max,
                                   s.code))
    done = sorted((s for s in planned if not s.is_draft),
                  key=lambda s: (s.issued or date.min, s.code), reverse=True)
    counts = lifecycle.stage_counts(standards, today)
    return render(
        "lifecycle_progress.html", today=today, stages=lifecycle.STAGES,
        draft_stages=lifecycle.DRAFT_STAGES, counts=counts,
        drafts=[_item(s, today, linker, settings) for s in drafts],
        done=[_item(s, today, linker, settings) for s in done],
        drafts_url=linker.to_src(DRAFTS_SRC),
    )


# ---------------------------------------------------------------------------------------------
# standards/<slug>/changes/


def render_changes(new: Standard, old: Standard, linker: Linker,
                   heading_id: str = "changes") -> str:
    diff = compare(old.body, new.body, old.body_line, new.body_line)
    new_url = linker.to_src(standard_src(new.slug)) or ""
    old_url = linker.to_src(standard_src(old.slug)) or ""
    return render("lifecycle_changes.html", new=new, old=old, diff=diff,
                  summary=diff.summary(), new_url=new_url, old_url=old_url,
                  heading_id=heading_id)
