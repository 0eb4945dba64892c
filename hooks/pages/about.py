"""关于本站 (docs/about.md), written for citizens: who runs the site, how to reach them, where the
data comes from, how often it is updated and the ICP 备案 number.

docs/about.md holds the prose and markers such as `<!-- about:contact -->`; each is replaced here
with HTML from templates/about.html, filled from mkdocs.yml `extra` (SiteSettings: operator,
contact, data_sources, update_frequency, icp, feedback). Every value is escaped; only http(s),
mailto: and tel: links are made from them.
"""

from __future__ import annotations

import re

from mkdocs.structure.files import Files

from hooks.pages.templating import render

ABOUT_SRC = "about.md"
MARKER = re.compile(r"<!-- about:(contact|sources|updates|icp) -->")
ICP_URL = "https://beian.miit.gov.cn/"  # 工业和信息化部 ICP/IP 地址/域名信息备案管理系统
EMAIL = re.compile(r"[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+")
PHONE = re.compile(r"\+?[\d\s()\-]{5,}")


def mail_href(email: str) -> str:
    return f"mailto:{email}" if EMAIL.fullmatch(email) else ""


def tel_href(phone: str) -> str:
    """tel: link when the value is a plain number (digits, spaces, dashes, brackets)."""
    if not PHONE.fullmatch(phone):
        return ""
    return "tel:" + re.sub(r"[^\d+]", "", phone)


def feedback_href(address: str) -> str:
    return address if address.startswith(("mailto:", "https://", "http://")) else ""


def render_part(part: str, state) -> str:
    settings = state.settings
    ctx: dict[str, object] = {"part": part}
    if part == "contact":
        contact = settings.contact
        ctx.update(operator=settings.operator, contact=contact,
                   email_href=mail_href(contact.email), tel_href=tel_href(contact.phone),
                   feedback_href=feedback_href(settings.feedback))
    elif part == "sources":
        ctx.update(sources=settings.data_sources)
    elif part == "updates":
        ctx.update(frequency=settings.update_frequency, today=state.today)
    elif part == "icp":
        ctx.update(icp=settings.icp, icp_url=ICP_URL)
    return render("about.html", **ctx)


def page_content(state, html: str, page, files: Files) -> str | None:
    if page.file.src_uri != ABOUT_SRC:
        return None
    return MARKER.sub(lambda m: render_part(m.group(1), state), html)
