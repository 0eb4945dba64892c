"""Standard page additions: 历次版本 (the replacement chain), 复审, a GB/T 7714 citation and the
Markdown source link (hooks/pages/sources.py). Rendered by templates/std_history.html, included from
standard_head.html.
"""

from __future__ import annotations

from datetime import date

from hooks.model.dates import add_years
from hooks.model.facts import STATUS_KEYS
from hooks.model.numbers import number_key
from hooks.model.standard import STATUS_ABOLISHED, STATUS_REPLACED, STATUS_UPCOMING, Standard
from hooks.pages import sources
from hooks.pages.links import Linker, standard_src
from hooks.pages.settings import SiteSettings


def editions(std: Standard) -> list[Standard]:
    """Every edition linked to this one by `replaces`, in both directions, newest first."""
    seen = {id(std): std}
    todo = [std]
    while todo:
        current = todo.pop()
        for other in [*current.replaces_std, *current.replaced_by]:
            if id(other) not in seen:
                seen[id(other)] = other
                todo.append(other)
    ordered = sorted(seen.values(), key=lambda s: number_key(s.number))
    # A draft (no dates yet) is the coming edition: newest of all.
    return sorted(ordered, key=lambda s: (s.issued or date.max, s.effective or date.max),
                  reverse=True)


def review_info(std: Standard, today: date) -> dict[str, object]:
    """复审 facts for the page: due date, its basis, and whether it is overdue or due soon.

    Only for the site's own standards (`std.maintained`): an outside standard (state "outside")
    shows facts only, i.e. the review date its metadata records, if any; its issuing body
    reviews it, so the page gives no computed due date, countdown or request."""
    if not std.maintained:
        return {"due": None, "basis": "", "base": None, "reviewed": std.reviewed,
                "state": "outside", "days": 0}
    if std.effective is None:  # a draft: nothing to review yet
        return {"due": None, "basis": "", "base": None, "reviewed": None, "state": "draft",
                "days": 0}
    base_reviewed = std.reviewed is not None and std.reviewed >= std.effective
    info: dict[str, object] = {
        "due": std.review_due,
        "basis": "复审确认日期" if base_reviewed else "实施日期",
        "base": std.reviewed if base_reviewed else std.effective,
        "reviewed": std.reviewed,
        "state": "ok",
        "days": 0,
    }
    if std.status in (STATUS_REPLACED, STATUS_ABOLISHED):
        info["state"] = "closed"
    elif std.status == STATUS_UPCOMING:
        info["state"] = "upcoming"
    elif std.review_due is not None and std.review_due < today:
        info["state"] = "overdue"
        info["days"] = (today - std.review_due).days
    elif std.review_due is not None and std.review_due <= add_years(today, 1):
        info["state"] = "soon"
        info["days"] = (std.review_due - today).days
    return info


def standard_history(std: Standard, linker: Linker, today: date,
                     settings: SiteSettings) -> dict[str, object]:
    """Template context for templates/std_history.html."""
    chain = editions(std)
    items = []
    for other in chain:
        relation = ""
        if other in std.replaces_std:
            relation = "被本版本代替"
        elif other in std.replaced_by:
            relation = "代替本版本"
        items.append({
            "code": other.code,
            "title": other.title,
            "issued": other.issued,
            "effective": other.effective,
            "status": other.status,
            "status_key": STATUS_KEYS.get(other.status, "other"),
            "current": other is std,
            "relation": relation,
            "url": None if other is std else linker.to_src(standard_src(other.slug)),
        })
    return {
        "editions": items if len(items) > 1 else [],
        "review": review_info(std, today),
        "citation": std.citation,
        "source_url": sources.download_link(std, linker, settings),
        "source_name": f"{std.slug}.md",
        "source_copy": settings.source_copies,
        "source_path": std.path,
    }

