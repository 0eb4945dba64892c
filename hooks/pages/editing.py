"""Editing aids on every standard page: the source file, an edit link, 最近更新 from git, and the
discreet 编辑提示 box with that file's content warnings (GB/T 1.1 structure, review overdue).

Edit links: with `repo_url` (and `edit_uri`, e.g. "edit/main/docs/") in mkdocs.yml, a standard's
page links to `standards/<slug>.md` in the repository (not docs/). The standards' path is
`edit_uri` with the docs directory dropped, or `extra.standards_edit_uri` when set.

最近更新: one `git log` call for all standard files per build; the commit date (%cs), clamped to
the build date so a build under SOURCE_DATE_EPOCH never shows a later day. Outside git, or when
git is missing, nothing is shown.
"""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

from mkdocs.structure.files import Files

from hooks.corpus import STANDARDS_DIR
from hooks.model.facts import RULES_SRC
from hooks.model.standard import Standard
from hooks.pages.links import Linker
from hooks.pages.settings import SiteSettings
from hooks.pages.templating import render


def git_dates(root: Path, folder: str = STANDARDS_DIR) -> dict[str, date]:
    """Last commit date of every file under `folder`, relative to `root`: one git call."""
    try:
        proc = subprocess.run(
            ["git", "-c", "core.quotepath=off", "log", "--format=%x00%cs", "--name-only",
             "--relative", "--no-renames", "--", folder],
            cwd=root, capture_output=True, text=True, encoding="utf-8", check=False, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return {}
    if proc.returncode != 0:
        return {}
    dates: dict[str, date] = {}
    current: date | None = None
    for line in proc.stdout.splitlines():
        if line.startswith("\x00"):
            try:
                current = date.fromisoformat(line[1:].strip())
            except ValueError:
                current = None
        elif line.strip() and current is not None:
            dates.setdefault(line.strip(), current)  # newest first: keep the first seen
    return dates


def add_files(state, files: Files, config) -> None:
    """最近更新: every standard file's last commit day, read once per build."""
    state.updated = {path: min(day, state.today) for path, day in git_dates(Path(state.root)).items()}


def edit_url(std: Standard, settings: SiteSettings) -> str | None:
    base = settings.edit_base
    return f"{base}{std.path}" if base else None


def standard_extra(state, std: Standard, page, linker: Linker) -> str:
    """HTML after the standard's text: source, edit link, 最近更新, 编辑提示."""
    url = edit_url(std, state.settings)
    if url:
        page.edit_url = url  # the theme's edit button points at standards/, not docs/
    notes = [p for p in state.corpus.problems if p.path == std.path and not p.is_error]
    return render("standard_edit.html", std=std, updated=state.updated.get(std.path), edit_url=url,
                  notes=notes, rules_url=linker.to_src(RULES_SRC) or "",
                  guide_url=linker.to_src("guide/index.md") or "")
