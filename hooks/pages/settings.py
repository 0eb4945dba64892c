"""The site settings the pages need, read once per build from mkdocs.yml.

Takes the MkDocs config; gives a frozen `SiteSettings` that the build state carries to every
page and output (nothing is kept in module globals).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SiteSettings:
    feedback: str = ""  # extra.feedback: the site-wide 意见反馈 address (mailto: or https:)
    site_url: str = ""  # site_url (SITE_URL): absolute page addresses in feedback messages
    source_copies: bool = False  # extra.source_copies: publish sources/<slug>.md
    edit_base: str | None = None  # URL prefix of files in the repository (edit links)
    directory_urls: bool = True  # use_directory_urls: off in the offline (file://) build

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
        )


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
