"""Where a reader gets a standard's Markdown source (标准页“引用与下载”, catalogue.json `source_file`).

The source of every standard is its file in the repository, so by default the site links to
that file and publishes no copy: a copy of every source would add the whole corpus again to the
site's size (1× the source at 1,000 standards; docs/guide/performance.md).

- `repo_url` + `edit_uri` set (编写指南 → 持续集成与在线编辑): the link is the file's raw view in the
  repository, derived from its edit link the way Material's `content.action.view` does
  (`…/edit/main/standards/x.md` → `…/raw/main/standards/x.md`).
- `extra.source_copies: true`: the build also publishes a byte-for-byte copy of every source at
  `sources/<slug>.md` and links to it (a site without a public repository, or offline copies).
- Neither: no download link; the page still names the source file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from hooks.model.standard import Standard
from hooks.pages import editing
from hooks.pages.settings import SiteSettings

COPIES_DIR = "sources"


def copy_path(std: Standard) -> str:
    """The published copy's path relative to the site root (when copies are on)."""
    return f"{COPIES_DIR}/{std.slug}.md"


def raw_url(std: Standard, settings: SiteSettings) -> str | None:
    """The file's raw view in the repository, or None without a configured repository."""
    edit = editing.edit_url(std, settings)
    if not edit:
        return None
    for part in ("/edit/", "/blob/"):
        if part in edit:
            return edit.replace(part, "/raw/", 1)
    return None


def source_file(std: Standard, settings: SiteSettings) -> str | None:
    """For data files: the copy's site-relative path, else the repository URL, else None."""
    return copy_path(std) if settings.source_copies else raw_url(std, settings)


def download_link(std: Standard, linker, settings: SiteSettings) -> str | None:
    """The page's 下载源文件 href, relative to the page when it is a published copy."""
    return linker.to_file(copy_path(std)) if settings.source_copies else raw_url(std, settings)


def write_outputs(state, site_dir: Path, config=None) -> None:
    """Publish every standard's Markdown source byte for byte, when `extra.source_copies` is on."""
    out = site_dir / COPIES_DIR
    if not state.settings.source_copies:
        return
    out.mkdir(parents=True, exist_ok=True)
    for std in state.corpus.standards:
        shutil.copyfile(state.root / std.path, out / f"{std.slug}.md")
