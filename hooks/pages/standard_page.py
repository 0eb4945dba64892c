"""The standard page (`standards/<slug>/`): title block, status badge and banner, metadata panel,
and the note for metadata-only entries. All HTML comes from templates/standard_head.html."""

from __future__ import annotations

from dataclasses import dataclass

from hooks.model.standard import STATUS_ABOLISHED, STATUS_REPLACED, STATUS_UPCOMING, Standard
from hooks.pages.drafts import head_context
from hooks.pages.history import standard_history
from hooks.pages.links import Linker, domain_src, standard_src
from hooks.pages.templating import render


@dataclass
class Ref:
    """A link to another standard, for templates."""

    code: str
    title: str
    status: str
    url: str | None
    effective: str


def ref(std: Standard, linker: Linker) -> Ref:
    return Ref(std.code, std.title, std.status, linker.to_src(standard_src(std.slug)),
               std.effective.isoformat())


def banner(std: Standard) -> dict[str, object] | None:
    """The status banner for anything but a standard plainly in force."""
    newer = std.replaced_by
    if std.status == STATUS_UPCOMING:
        return {"kind": "upcoming", "title": "即将实施",
                "text": f"本标准将于 {std.effective.isoformat()} 起实施，在此之前尚未生效。"}
    if std.status == STATUS_REPLACED:
        return {"kind": "replaced", "title": "已被代替", "text": "本标准已被以下标准代替：",
                "newer": True}
    if std.status == STATUS_ABOLISHED:
        return {"kind": "abolished", "title": "已废止",
                "text": f"本标准已于 {std.abolished.isoformat()} 废止，不再有效。",
                "newer": bool(newer)}
    if newer:
        return {"kind": "notice", "title": "将被代替", "text": "本标准将被以下标准代替：",
                "newer": True}
    return None


def render_head(state, std: Standard, linker: Linker) -> str:
    """HTML that goes before the standard's text on its page."""
    node = std.domain
    domains = [{"label": n.label, "url": linker.to_src(domain_src(n.slug))}
               for n in [*node.ancestors, node]]
    return render(
        "standard_head.html",
        std=std,
        sample=std.sample,
        banner=banner(std),
        replaces=[ref(s, linker) for s in std.replaces_std],
        replaced_by=[ref(s, linker) for s in std.replaced_by],
        domains=domains,
        platform=std.platform,
        history=standard_history(std, linker, state.today, state.settings),
        life=head_context(state, std, linker),  # drafts, consultations, 条文对照, 意见反馈
    )


SIDEBAR_TOC_DEPTH = 2  # chapters and annexes (##), as a GB/T 1.1 目次; clauses keep their anchors


def sidebar_toc(toc, depth: int = SIDEBAR_TOC_DEPTH):
    """The page's table of contents without headings deeper than `depth`, in place.

    A full standard has a hundred clauses or more; listing every `####` in the sidebar repeats
    the text's structure at every level and adds kilobytes to each page. Every heading keeps its
    permalink (#5.2.1) in the text."""
    def prune(links) -> None:
        for link in links:
            link.children = [c for c in link.children if c.level <= depth]
            prune(link.children)

    prune(toc)
    return toc

