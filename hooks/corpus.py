"""Loading the corpus: every standard file plus framework.yml → validated, derived `Corpus`.

load → per-file checks (encoding, YAML, schema, number, domain, dates, level) → cross-file checks
→ derived fields. Every problem of every file is collected; nothing is raised.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from hooks.check import (
    characters,
    date_range,
    invariants,
    markdown_guard,
    paths,
    placeholders,
    structure,
    validate,
)
from hooks.check.problems import Problem
from hooks.check.registry import checks
from hooks.check.schema import check_schema
from hooks.derive import lifecycle, maintained
from hooks.derive.status import derive
from hooks.load import articles
from hooks.load.framework import Framework, load_framework
from hooks.load.frontmatter import SourceFile, read_source
from hooks.model.article import Article
from hooks.model.dates import build_date, parse_date
from hooks.model.numbers import INTERNAL as INTERNAL_LEVEL
from hooks.model.numbers import NumberError, StandardNumber, parse_number
from hooks.model.standard import LEVELS, Standard

STANDARDS_DIR = "standards"
FRAMEWORK_FILE = "framework.yml"
# Errors that still let the file take part in cross-file checks (e.g. duplicate numbers).
NON_BLOCKING = frozenset({"file-name"})


@dataclass
class Corpus:
    root: Path
    today: date
    framework: Framework
    standards: list[Standard] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # display paths of the files read as standards
    articles: list[Article] = field(default_factory=list)  # docs/news/ (hooks.load.articles)
    article_files: list[str] = field(default_factory=list)  # display paths of the articles read

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def by_code(self, code: str) -> Standard | None:
        return next((s for s in self.standards if s.code == code), None)


def display_path(path: Path, root: Path) -> str:
    """`path` relative to the project root: where it really is, else where it was named."""
    for candidate, base in ((paths.real(path), paths.real(root)), (path.absolute(), paths.real(root)),
                            (path.absolute(), root.absolute())):
        if candidate.is_relative_to(base):
            return candidate.relative_to(base).as_posix()
    return path.as_posix()


def standard_files(standards_dir: Path) -> list[Path]:
    """The standard files of `standards_dir` (regular `*.md` files; links are never followed)."""
    return paths.list_standards(standards_dir, Path.as_posix).files


def load_corpus(root: Path, today: date | None = None, extra: list[Path] | None = None,
                maintained_issuers: tuple[str, ...] | None = None) -> Corpus:
    """Load `root/standards` (and any extra files) as of `today` (default: the build date).

    `maintained_issuers` (extra.maintained_issuers) names whose standards this site reviews;
    None: every standard (hooks.derive.maintained)."""
    root = Path(root)
    today = today or build_date()
    problems: list[Problem] = []
    standards_dir = root / STANDARDS_DIR
    framework_display = display_path(standards_dir / FRAMEWORK_FILE, root)
    framework = load_framework(standards_dir / FRAMEWORK_FILE, framework_display, problems)
    problems.extend(characters.check_framework(framework, framework_display))
    corpus = Corpus(root=root, today=today, framework=framework, problems=problems)
    shown_dir = display_path(standards_dir, root)
    listing = paths.list_standards(standards_dir, lambda p: f"{shown_dir}/{p.name}")
    problems.extend(listing.problems)
    files = listing.files
    seen = {paths.real(p) for p in files} | {p.absolute() for p in listing.skipped}
    extra = [p for p in extra or [] if not articles.is_article_path(p, root)]  # read below
    for path in extra:  # `check PATH`: each file once; links and strays are reported above
        if path.absolute() in seen or paths.real(path) in seen:
            continue
        outside = paths.check_argument(path, root, display_path(path, root))
        if outside is not None:
            problems.append(outside)
            continue
        files.append(path)
        seen.add(paths.real(path))
    for path in files:
        display = display_path(path, root)
        corpus.files.append(display)
        source = read_source(path, display, problems)
        if source is None:
            continue
        problems.extend(characters.check_source(source))  # what every output can carry
        problems.extend(date_range.check_source(source))  # 1949-10-01 to 2100-12-31
        problems.extend(markdown_guard.check_source(source))  # bounded Markdown; sets bad bodies aside
        std = build_standard(source, path.name, framework, problems)
        if std is not None:
            corpus.standards.append(std)
        else:  # metadata errors: still lint the text, so one run reports everything
            problems.extend(structure.check_text(source.path, source.body, source.body_line))
    problems.extend(validate.check_unique_numbers(corpus.standards))
    problems.extend(validate.check_replaces(corpus.standards))
    derive(corpus.standards, today)
    maintained.derive(corpus.standards, maintained_issuers)
    problems.extend(validate.check_reviews(corpus.standards, today))
    problems.extend(lifecycle.check_corpus(corpus.standards, today))  # overdue plans: warnings
    problems.extend(structure.check_corpus(corpus.standards))  # GB/T 1.1 lint: warnings
    problems.extend(invariants.check_corpus(corpus, framework_display))  # last: nothing lost
    # Articles (docs/news/) name standards: checked against the corpus just derived.
    corpus.articles, corpus.article_files = articles.load_articles(root, corpus.standards, problems)
    problems.sort(key=lambda p: (p.path, p.line, p.rule))
    return corpus


@checks("domain-unknown")
def build_standard(source: SourceFile, filename: str, framework: Framework,
                   problems: list[Problem]) -> Standard | None:
    """Check one file and turn it into a Standard; None if it has any error."""
    found = check_schema(source)
    meta = source.meta
    number = _number(source, filename, found)
    node = None
    if isinstance(meta.get("domain"), str) and meta["domain"].strip():
        node = framework.find(meta["domain"])
        if node is None and framework.roots:
            codes = "、".join(f"{n.code} {n.name}" for n in list(framework.walk())[:6])
            found.append(Problem(source.path, source.line_of("domain"), "domain-unknown",
                                 f"所属领域“{meta['domain']}”不在标准体系中",
                                 f"写 standards/framework.yml 中的节点编号或名称，如 {codes}…"))
    dates = {k: parse_date(meta[k]) for k in ("issued", "effective", "abolished", "reviewed")
             if isinstance(meta.get(k), str)}
    found.extend(_date_order(source, dates))
    level = _level(source, number, found)
    replaces = _replaces(source, found)
    life = lifecycle.read_fields(source, found)  # stage, stages, planned, comment_until, feedback
    found = placeholders.suppress(source, found)  # one message per unfilled template field
    problems.extend(found)
    if any(p.is_error and p.rule not in NON_BLOCKING for p in found) or number is None or node is None or level is None:
        return None
    draft = lifecycle.is_draft_meta(meta)  # a draft has no issued/effective date
    if not draft and (dates.get("issued") is None or dates.get("effective") is None):
        return None
    return Standard(
        path=source.path, number=number, title=meta["title"].strip(), domain=node,
        issued=dates.get("issued"), effective=dates.get("effective"), level=level,
        abolished=dates.get("abolished"), reviewed=dates.get("reviewed"), replaces=replaces,
        title_en=_text(meta, "title_en"), issuer=_list(meta.get("issuer")),
        proposer=_text(meta, "proposer"), responsible=_text(meta, "responsible"),
        drafters=_list(meta.get("drafters")), authors=_list(meta.get("authors")),
        ics=_text(meta, "ics"), ccs=_text(meta, "ccs"), keywords=_list(meta.get("keywords")),
        summary=_text(meta, "summary"), source=_text(meta, "source"),
        license=_text(meta, "license"), body=source.body, body_line=source.body_line,
        lines=_lines(source), **life,
    )


@checks("file-name")
def _number(source: SourceFile, filename: str, found: list[Problem]) -> StandardNumber | None:
    raw = source.meta.get("number")
    if not isinstance(raw, str) or not raw.strip():
        return None
    try:
        number = parse_number(raw)
    except NumberError as exc:
        number = lifecycle.read_number(source, raw, exc, found)  # a plan number on a draft
        if number is None:
            return None
    expected = f"{number.slug}.md"
    if filename != expected:
        found.append(Problem(source.path, source.line_of("number"), "file-name",
                             f"文件名 {filename} 与标准号 {number.canonical} 不一致",
                             f"把文件改名为 standards/{expected}"))
    return number


@checks("date-order")
def _date_order(source: SourceFile, dates: dict[str, date | None]) -> list[Problem]:
    labels = {"issued": "发布日期", "effective": "实施日期", "abolished": "废止日期",
              "reviewed": "复审确认日期"}
    problems = []
    for earlier, later in (("issued", "effective"), ("effective", "abolished"),
                           ("effective", "reviewed")):
        a, b = dates.get(earlier), dates.get(later)
        if a and b and b < a:
            problems.append(Problem(source.path, source.line_of(later), "date-order",
                                    f"{labels[later]} {b} 早于{labels[earlier]} {a}",
                                    f"{later} 不得早于 {earlier}，请核对两个日期"))
    return problems


@checks("level-required", "level-mismatch")
def _level(source: SourceFile, number: StandardNumber | None, found: list[Problem]) -> str | None:
    written = source.meta.get("level")
    written = written if isinstance(written, str) and written else None
    if written is not None and written not in LEVELS:
        return None  # level-value (schema) already says so; no level-mismatch on top
    if number is None:
        return written
    derived = number.level
    if derived is None:
        if written is None:
            found.append(Problem(source.path, source.line_of("number"), "level-required",
                                 f"无法从代号“{number.code}”判断标准层级",
                                 "单位自编标准请加一行 level: 单位内部标准；否则请检查标准号代号"))
            return None
        if written != INTERNAL_LEVEL:
            found.append(Problem(source.path, source.line_of("level"), "level-mismatch",
                                 f"代号“{number.code}”不是{written}的代号",
                                 "改为 level: 单位内部标准，或改正标准号"))
            return None
        return written
    if written is not None and written != derived:
        found.append(Problem(source.path, source.line_of("level"), "level-mismatch",
                             f"标准层级写的是“{written}”，但 {number.canonical} 是{derived}",
                             f"删除 level 这一行（自动判断），或改为 level: {derived}"))
        return None
    return derived


def _replaces(source: SourceFile, found: list[Problem]) -> list[str]:
    raw = source.meta.get("replaces")
    if not isinstance(raw, list):
        return []
    numbers = []
    for i, item in enumerate(raw):
        if not isinstance(item, str) or not item.strip():
            continue
        try:
            numbers.append(parse_number(item).canonical)
        except NumberError as exc:
            found.append(Problem(source.path, source.line_of("replaces", i), exc.rule,
                                 f"代替标准：{exc.message}", exc.hint))
    return numbers


def _lines(source: SourceFile) -> dict[str, int]:
    lines = dict(source.key_lines)
    for key, items in source.item_lines.items():
        for i, line in enumerate(items):
            lines[f"{key}.{i}"] = line
    return lines


def _text(meta: dict, key: str) -> str:
    value = meta.get(key)
    return value.strip() if isinstance(value, str) else ""


def _list(value: object) -> list[str]:
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, list):
        return [v.strip() for v in value if isinstance(v, str) and v.strip()]
    return []
