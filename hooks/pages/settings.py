"""The site settings the pages need, read once per build from mkdocs.yml.

Takes the MkDocs config; gives a frozen `SiteSettings` that the build state carries to every
page and output (nothing is kept in module globals).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hooks.derive.maintained import issuers_from_extra


@dataclass(frozen=True)
class Contact:
    """extra.contact: how citizens reach the operator (关于本站)."""

    email: str = ""
    phone: str = ""
    address: str = ""

    def __bool__(self) -> bool:
        return bool(self.email or self.phone or self.address)


@dataclass(frozen=True)
class DataSource:
    """One entry of extra.data_sources: where the published data comes from."""

    name: str
    url: str = ""  # http(s) only; anything else is shown as text, never linked
    covers: str = ""  # what this site takes from it


@dataclass(frozen=True)
class SiteSettings:
    feedback: str = ""  # extra.feedback: the site-wide 意见反馈 address (mailto: or https:)
    site_url: str = ""  # site_url (SITE_URL): absolute page addresses in feedback messages
    source_copies: bool = False  # extra.source_copies: publish sources/<slug>.md
    edit_base: str | None = None  # URL prefix of files in the repository (edit links)
    directory_urls: bool = True  # use_directory_urls: off in the offline (file://) build
    # 关于本站 and the footer (docs/guide/site.md): who runs the site, for citizens.
    operator: str = ""  # extra.operator: 主办单位
    contact: Contact = Contact()  # extra.contact: email, phone, address
    data_sources: tuple[DataSource, ...] = ()  # extra.data_sources
    update_frequency: str = ""  # extra.update_frequency
    icp: str = ""  # extra.icp: ICP 备案号, also in every page's footer (overrides/partials)
    # extra.maintained_issuers: whose standards this site reviews; None = every standard
    # (hooks.derive.maintained)
    maintained_issuers: tuple[str, ...] | None = None

    @classmethod
    def from_config(cls, config) -> SiteSettings:
        extra = config.get("extra") or {}
        get = extra.get if hasattr(extra, "get") else (lambda key, default=None: default)
        return cls(
            feedback=str(get("feedback") or ""),
            site_url=str(config.get("site_url") or ""),
            source_copies=bool(get("source_copies")),
            edit_base=standards_edit_base(config),
            directory_urls=bool(config.get("use_directory_urls", True)),
            operator=_text(get("operator")),
            contact=_contact(get("contact")),
            data_sources=_sources(get("data_sources")),
            update_frequency=_text(get("update_frequency")),
            icp=_text(get("icp")),
            maintained_issuers=issuers_from_extra(extra),
        )


def _text(value: object) -> str:
    return " ".join(str(value).split()) if isinstance(value, str | int | float) else ""


def _contact(value: object) -> Contact:
    if not isinstance(value, dict):
        return Contact()
    return Contact(email=_text(value.get("email")), phone=_text(value.get("phone")),
                   address=_text(value.get("address")))


def _sources(value: object) -> tuple[DataSource, ...]:
    items = value if isinstance(value, list) else []
    found = []
    for item in items:
        if isinstance(item, str) and item.strip():
            found.append(DataSource(name=_text(item)))
        elif isinstance(item, dict) and _text(item.get("name")):
            url = _text(item.get("url"))
            found.append(DataSource(name=_text(item.get("name")),
                                    url=url if url.startswith(("https://", "http://")) else "",
                                    covers=_text(item.get("covers"))))
    return tuple(found)


def standards_edit_base(config) -> str | None:
    """URL prefix for files under the repository root, or None when no repo is configured.

    Edit links: with `repo_url` (and `edit_uri`, e.g. "edit/main/docs/") a standard's page links
    to `standards/<slug>.md` in the repository (not docs/). The standards' path is `edit_uri`
    with the docs directory dropped, or `extra.standards_edit_uri` when set."""
    repo = (config.get("repo_url") or "").rstrip("/")
    if not repo:
        return None
    extra = config.get("extra") or {}
    custom = extra.get("standards_edit_uri") if hasattr(extra, "get") else None
    if custom:
        return custom if "://" in custom else f"{repo}/{custom.strip('/')}/"
    edit_uri = (config.get("edit_uri") or "").strip("/")
    if not edit_uri:
        return None
    docs = Path(config.get("docs_dir") or "docs").name
    segments = edit_uri.split("/")
    if segments and segments[-1] == docs:
        segments = segments[:-1]
    return f"{repo}/{'/'.join(segments)}/"
