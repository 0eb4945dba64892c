"""The standard page (`standards/<slug>/`), phone first.

Above the text: 当前位置, the title block, a summary card (status badge, 发布/实施 dates, where to
read the full text), the status banners, and the full metadata folded into 标准信息 (open on a
page without text, where it is the content). On phones a 目次 of chapters and annexes opens the
text (the sidebar TOC takes its place on wider screens). After the text: 历次版本, 意见反馈, 复审
and 引用. HTML comes from templates/standard_head.html, std_toc.html and std_history.html.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import unescape
from urllib.parse import unquote

from markupsafe import Markup

from hooks.model.standard import STATUS_ABOLISHED, STATUS_REPLACED, STATUS_UPCOMING, Standard
from hooks.pages.breadcrumbs import standard_trail
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


def css_string(text: str) -> str:
    """`text` as a quoted CSS string that cannot end the string or the <style> element."""
    safe = "".join(c if c.isalnum() or c in " :/.-_~?=%#+,@()（）" else f"\\{ord(c):x} "
                   for c in text)
    return f'"{safe}"'


def print_style(state, page_url: str) -> Markup:
    """The page address and 状态截至 date every printed page carries (print.css margin boxes).

    The build writes the address it knows (absolute with SITE_URL, else site-relative);
    standard.js replaces it with the address the reader actually opened."""
    site = state.settings.site_url.rstrip("/")
    address = f"{site}/{page_url}" if site else page_url
    asof = f"状态截至 {state.today.isoformat()}"
    return Markup(f"<style>:root{{--std-print-url:{css_string(address)};"
                  f"--std-print-asof:{css_string(asof)}}}</style>")


def feedback_address(link: str) -> str:
    """The bare e-mail address of a mailto: link ("" for a form), shown as text beside it."""
    if not link.lower().startswith("mailto:"):
        return ""
    return unquote(link[len("mailto:"):].split("?", 1)[0]).strip()


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
        crumbs=standard_trail(std, linker),
        platform=std.platform,
        today=state.today,
        print_style=print_style(state, linker.page_url),
        life=head_context(state, std, linker),  # drafts, consultations, 条文对照, 意见反馈
    )


def standard_extra(state, std: Standard, page, linker: Linker) -> str:
    """STANDARD_EXTRA step: 历次版本, 意见反馈, 复审 and 引用, after the text."""
    life = head_context(state, std, linker)
    draft_banner = life.get("banner")
    # While a consultation is open, its banner carries the page's one 意见 link.
    feedback = life["feedback"] if not (draft_banner and draft_banner["open"]) else ""
    return render(
        "std_history.html",
        std=std,
        life=life,
        history=standard_history(std, linker, state.today, state.settings),
        feedback=feedback,
        feedback_address=feedback_address(feedback),
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


MIN_TOC_ENTRIES = 2  # a text of one chapter needs no 目次


def text_toc(state, std: Standard, html: str, page) -> str:
    """STANDARD_TEXT step: the 目次 (chapters and annexes) in front of the text, for phones.

    The same entries as the sidebar TOC (hooks/pipeline.py prunes `page.toc` before the text
    steps run), as a <details> that works without JavaScript; standard.css hides it where the
    sidebar shows (≥ 960 px) and print.css leaves it out of print."""
    items = [{"title": unescape(link.title), "url": link.url} for link in page.toc or []]
    if not std.has_text or len(items) < MIN_TOC_ENTRIES:
        return html
    return render("std_toc.html", items=items) + "\n" + html
