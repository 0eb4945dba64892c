"""Build the national site: a generated MkDocs project (Material, zh) built into a temporary
directory next to the target, then swapped into place as `python -m hooks build` does
(hooks.cli.safe_build.swap_into_place). A failure anywhere leaves the previous site untouched.

The generated project borrows the member sites' look: Material with the same palette and the
stylesheets of docs/assets/css (site, typography, indexes), plus hooks/federate/assets. No page
requests anything from another host (fonts off, no search plugin, no CDN).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import tempfile
from datetime import datetime
from html import escape as html_escape
from pathlib import Path
from types import SimpleNamespace

import yaml

from hooks.cli.safe_build import swap_into_place
from hooks.export.report import Period
from hooks.federate import pages
from hooks.federate.harvest import SCHEMA_FILE
from hooks.federate.national import National

REPO = Path(__file__).resolve().parents[2]
SHARED_CSS = ("site.css", "typography.css", "indexes.css")
ASSETS = Path(__file__).parent / "assets"
WIDE = ["navigation", "toc"]


class SiteError(Exception):
    """The national site could not be built; the previous one is untouched."""


def _config(title: str) -> dict[str, object]:
    return {
        "site_name": html_escape(title),  # Material shows it unescaped
        "site_description": "各成员机关事务标准网站的全国汇总：目录与检索、统计、半年报告",
        "docs_dir": "docs",
        "use_directory_urls": True,
        "copyright": "本站汇总各成员网站发布的 catalogue.json；标准内容以成员网站为准。",
        "theme": {"name": "material", "language": "zh", "font": False,
                  "palette": {"scheme": "default", "primary": "custom", "accent": "custom"},
                  "features": ["navigation.tabs", "navigation.top", "navigation.footer"]},
        "extra": {"generator": False},
        "extra_css": [f"assets/css/{name}" for name in (*SHARED_CSS, "federation.css")],
        "extra_javascript": [{"path": "assets/js/federation.js", "defer": True}],
        "markdown_extensions": ["tables", "admonition", "attr_list"],
        "plugins": [],
        "validation": {"nav": {"omitted_files": "ignore"}},
        "nav": [{"标准目录": "index.md"}, {"统计": "statistics.md"}, {"半年报告": "report.md"},
                {"成员": "members.md"}],
    }


def _page(path: Path, title: str, html: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Material puts the title into <title> and the header unescaped: escape it here. JSON strings
    # are YAML: the title is quoted whatever it holds.
    shown = json.dumps(html_escape(title), ensure_ascii=False)
    front = f"---\ntitle: {shown}\nhide: {json.dumps(WIDE)}\n---\n\n"
    path.write_text(front + html + "\n", encoding="utf-8")


def _members(nat: National, depth: int) -> list[SimpleNamespace]:
    return [SimpleNamespace(name=m.name, slug=m.slug, entries=m.entries, harvest=m.harvest,
                            page=pages.rel(depth, pages.member_page(m.slug))) for m in nat.members]


def write_project(root: Path, nat: National, title: str, period: Period, built: datetime) -> None:
    docs = root / "docs"
    (docs / "assets" / "css").mkdir(parents=True)
    (docs / "assets" / "js").mkdir(parents=True)
    for name in SHARED_CSS:
        shutil.copy(REPO / "docs" / "assets" / "css" / name, docs / "assets" / "css" / name)
    shutil.copy(ASSETS / "federation.css", docs / "assets" / "css" / "federation.css")
    shutil.copy(ASSETS / "federation.js", docs / "assets" / "js" / "federation.js")
    (docs / "schema").mkdir()
    shutil.copy(SCHEMA_FILE, docs / "schema" / "catalogue.schema.json")
    (docs / pages.INDEX_FILE).write_text(pages.search_index(nat), encoding="utf-8")
    (root / "mkdocs.yml").write_text(yaml.safe_dump(_config(title), allow_unicode=True,
                                                    sort_keys=False), encoding="utf-8")
    today = nat.today.isoformat()
    warnings = sum(1 for m in nat.members if m.harvest.result != "ok")
    _page(docs / "index.md", "全国标准目录", pages.render(
        "federation_catalogue.html", members=_members(nat, 0), index_url=pages.INDEX_FILE,
        warnings=warnings, members_page=pages.rel(0, "members/"), **pages.catalogue_context(nat)))
    for m, view in zip(nat.members, _members(nat, 2), strict=True):
        _page(docs / "member" / f"{m.slug}.md", m.name, pages.render(
            "federation_member.html", view=view, today=today, home=pages.rel(2, ""),
            members_page=pages.rel(2, "members/")))
    _page(docs / "statistics.md", "全国统计", pages.render(
        "federation_statistics.html", members=nat.members, total=len(nat.entries), today=today,
        **pages.statistics_context(nat)))
    report = pages.report_context(nat, period)
    (docs / "report").mkdir()
    (docs / pages.REPORT_CSV).write_bytes(pages.report_csv(report))
    _page(docs / "report.md", "半年报告", pages.render(
        "federation_report.html", csv_url="report.csv", **report))
    unmatched = [(m.name, code, name) for m in nat.members for code, name in m.unmatched.items()]
    _page(docs / "members.md", "成员与收录情况", pages.render(
        "federation_members.html", members=_members(nat, 1), built=built.strftime("%Y-%m-%d %H:%M"),
        unmatched=unmatched, schema_url=pages.rel(1, pages.SCHEMA_URL)))


def _mkdocs_build(project: Path, site: Path) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's notice about MkDocs 2
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.ERROR)  # MkDocs' INFO lines are not the operator's concern
    try:
        with contextlib.chdir(project):
            build(load_config(str(project / "mkdocs.yml"), site_dir=str(site)))
    finally:
        logger.setLevel(level)


def build_site(nat: National, target: Path, title: str, period: Period, built: datetime) -> int:
    """Build into a temporary directory next to `target`, then swap; returns the file count."""
    target = target.resolve()
    if target.exists() and not target.is_dir():
        raise SiteError(f"输出位置 {target} 已有一个文件，不是目录；请换一个输出目录（-d）")
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}-federate-"))
    try:
        site = work / "site"
        write_project(work / "project", nat, title, period, built)
        try:
            _mkdocs_build(work / "project", site)
        except Exception as exc:  # noqa: BLE001 — MkDocs' own errors: one line, old site stays
            raise SiteError(f"构建全国汇总网站失败（{type(exc).__name__}：{exc}），原网站未改动：{target}") from exc
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(site, 0o777 & ~umask)  # mkdtemp's 0700 is not for a web server
        count = sum(1 for p in site.rglob("*") if p.is_file())
        swap_into_place(site, target)
        return count
    finally:
        shutil.rmtree(work, ignore_errors=True)
