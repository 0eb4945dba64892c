"""Whole-corpus invariants: a build never publishes less than the corpus holds.

Per-file checks can each pass while the site still loses standards (an empty `framework.yml`
left every standard without a domain, and the build replaced the site with 0 standards). These
checks look at the corpus, and at the built site, as a whole:

- `check_corpus` (end of hooks.corpus.load_corpus, so in `check` and in every build's
  on_pre_build, before MkDocs touches `site_dir`):
  - `framework-empty`: `standards/` has standard files but the framework has no node;
  - `domain-unknown`: a standard's domain is not a node of the framework;
  - `standard-unpublished`: a standard file passed every check yet did not become a standard.
- `check_site` (MkDocs on_post_build, and `python -m hooks build` before the new site replaces
  the old one): every standard file of `standards/` has its page in the built site
  (`standards/<slug>/index.html`, or `standards/<slug>.html` offline) and its row in
  `catalogue.json` — `standard-unpublished` otherwise.

Every violation names the file to fix; none is raised.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from hooks.check import paths
from hooks.check.problems import Problem
from hooks.check.registry import also_checks, checks

if TYPE_CHECKING:
    from hooks.corpus import Corpus

STANDARDS_DIR = "standards"
CATALOGUE_JSON = "catalogue.json"
# Problems of the whole corpus: `check PATH` shows them whatever PATH is (an empty framework
# leaves every file without its domain check).
CORPUS_RULES = frozenset({"framework-empty"})


@checks("framework-empty")
def _framework_empty(corpus: Corpus, framework_display: str) -> list[Problem]:
    if not corpus.files or any(True for _ in corpus.framework.walk()):
        return []
    if any(p.path == framework_display and p.is_error for p in corpus.problems):
        return []  # framework.yml already has an error of its own (missing, invalid, empty)
    return [Problem(framework_display, 1, "framework-empty",
                    f"标准体系没有任何节点，但有 {len(corpus.files)} 个标准文件：任何标准都无法归入领域，"
                    "网站将不发布任何标准",
                    "在 framework.yml 中列出体系节点，每个节点写成“- code: \"01\"”加一行"
                    "“name: 通用基础”；可参照编写指南中的标准体系示例")]


@also_checks("domain-unknown")  # a standard whose domain node is not in the framework it was read with
def _domains_in_framework(corpus: Corpus) -> list[Problem]:
    nodes = {id(node) for node in corpus.framework.walk()}
    return [Problem(std.path, std.lines.get("domain", 1), "domain-unknown",
                    f"所属领域“{std.domain.label}”不在标准体系中",
                    "写 standards/framework.yml 中的节点编号或名称")
            for std in corpus.standards if id(std.domain) not in nodes]


@also_checks("standard-unpublished")  # in `check`: a file with no error that gave no standard
def _files_without_standard(corpus: Corpus) -> list[Problem]:
    if corpus.errors:
        return []  # the build fails anyway; the errors say what to fix
    made = {std.path for std in corpus.standards}
    return [Problem(display, 1, "standard-unpublished",
                    "这个文件通过了全部检查，却没有生成标准，网站上会缺少它",
                    "这是检查程序的缺陷，不是文件的错误：请把这个文件和这条信息报告给维护者")
            for display in corpus.files if display not in made]


def check_corpus(corpus: Corpus, framework_display: str) -> list[Problem]:
    """The corpus-level invariants, after every per-file and cross-file check has run."""
    found = [*_framework_empty(corpus, framework_display), *_domains_in_framework(corpus)]
    return found or _files_without_standard(corpus)


def pages_of(slug: str, directory_urls: bool | None = None) -> list[str]:
    """Where a standard's page may be in a built site, relative to its root (None: either URL
    style, for a site built from a config this code has not read)."""
    styles = {True: f"{STANDARDS_DIR}/{slug}/index.html", False: f"{STANDARDS_DIR}/{slug}.html"}
    return list(styles.values()) if directory_urls is None else [styles[directory_urls]]


def _catalogue_slugs(site_dir: Path) -> set[str] | None:
    try:
        data = json.loads((site_dir / CATALOGUE_JSON).read_text(encoding="utf-8"))
        return {row["slug"] for row in data["standards"]}
    except (OSError, ValueError, KeyError, TypeError):
        return None


@checks("standard-unpublished")
def check_site(root: Path, site_dir: Path, directory_urls: bool | None = None) -> list[Problem]:
    """Every standard file of `root/standards` has its page and catalogue row in `site_dir`."""
    standards_dir = Path(root) / STANDARDS_DIR
    files = paths.list_standards(standards_dir, Path.as_posix).files
    catalogue = _catalogue_slugs(site_dir) if files else set()
    problems = []
    for path in files:
        slug, shown = path.stem, f"{STANDARDS_DIR}/{path.name}"
        missing = []
        pages = pages_of(slug, directory_urls)
        if not any((site_dir / page).is_file() for page in pages):
            missing.append(f"页面 {pages[0]}")
        if catalogue is None or slug not in catalogue:
            missing.append(f"{CATALOGUE_JSON} 中的条目")
        if missing:
            problems.append(Problem(
                shown, 1, "standard-unpublished",
                f"构建结果缺少这个标准的{'和'.join(missing)}，发布出去网站上会少一项标准",
                "新网站没有替换原网站。请查看上面的构建日志中这个文件的报错；"
                "若没有报错，请把这个文件和构建日志报告给维护者"))
    return problems
