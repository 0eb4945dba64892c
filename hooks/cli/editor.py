"""Editors' subcommands beside `check`: `new` (scaffold a standard) and `explain` (a rule's page
in the terminal, with the function that checks it), and the verbose, rustc-style text format of `check --verbose`."""

from __future__ import annotations

import argparse
import difflib
import sys
import textwrap
from pathlib import Path

import yaml

from hooks.check.problems import Problem, one_line
from hooks.check.registry import describe
from hooks.check.rules import RULES, help_url
from hooks.cli import new_article
from hooks.cli.scaffold import ScaffoldError, scaffold, write
from hooks.model.characters import escape
from hooks.model.facts import SEVERITY


def guide_url(root: Path, rule_id: str) -> str:
    """The rule's anchor in the editors' guide: absolute when mkdocs.yml has a site_url."""
    try:
        config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        config = {}
    base = str(config.get("site_url") or "")
    return (base.rstrip("/") + "/" if base else "") + help_url(rule_id)


def format_verbose(problems: list[Problem], root: Path) -> str:
    """rustc-style: the one-line message, the offending source line, and where to read more."""
    cache: dict[str, list[str]] = {}
    blocks = []
    for p in problems:
        if p.path not in cache:
            source = root / p.path  # never show a line of a linked file or one outside the project
            try:
                shown = (not source.is_symlink() and source.is_file()  # never a FIFO: it blocks
                         and source.resolve().is_relative_to(root.resolve()))
                cache[p.path] = source.read_text(encoding="utf-8-sig").split("\n") if shown else []
            except (OSError, UnicodeDecodeError, RuntimeError):
                cache[p.path] = []
        lines = cache[p.path]
        block = [p.text()]
        if 0 < p.line <= len(lines):
            width = len(str(p.line))
            block += [f"{' ' * width} |", f"{p.line} | {escape(lines[p.line - 1])}", f"{' ' * width} |"]
        block.append(f"  = {SEVERITY[p.severity]}；说明：python -m hooks explain {p.rule}"
                     f" 或 {guide_url(root, p.rule)}")
        blocks.append("\n".join(block))
    return "\n\n".join(blocks)


def cmd_new(args: argparse.Namespace) -> int:
    if getattr(args, "article", False):
        return new_article.cmd_new_article(args)
    root = Path(args.root).resolve()
    try:
        made = scaffold(root, args.number, metadata_only=args.metadata_only)
        write(made)
    except ScaffoldError as exc:
        print(one_line(f"{_shown(args.number)}: {exc.rule} {exc.message} ({exc.hint})"),
              file=sys.stderr)
        return 1
    except FileExistsError:
        print(one_line(f"{_shown(args.number)}: file-exists 文件已经存在，未做任何改动"),
              file=sys.stderr)
        return 1
    print(f"已新建 {made.display}（{made.number.canonical}）。")
    print("下一步：")
    print(f"  1. 用文本编辑器打开 {made.display}，把所有【待填：…】换成实际内容；")
    print("     以 # 开头的说明行可以保留；只收录题录信息时删除 --- 之后的正文。")
    print(f"  2. 检查：python -m hooks check {made.display}")
    print("  3. 预览：mkdocs serve，然后在浏览器中打开 "
          f"http://127.0.0.1:8000/{made.number and 'standards/' + made.number.slug + '/'}")
    return 0


def _shown(number: str, limit: int = 60) -> str:
    """The number as typed, for the one line of a refusal: at most `limit` characters."""
    return number if len(number) <= limit else number[:limit] + "…"


def explain_text(rule_id: str, root: Path) -> str:
    rule = RULES[rule_id]
    out = [f"{rule.id}（{SEVERITY[rule.severity]}）：{rule.title}", "",
           textwrap.fill(rule.explanation, width=60), ""]
    for label, example in (("错误示例：", rule.bad), ("改正后：", rule.fixed)):
        out.append(label)
        out += [f"    {line}" for line in (example.rstrip("\n") or "（空）").split("\n")]
        out.append("")
    out.append(f"实现：{describe(rule.id, lambda s: f'{s.file}:{s.line} 的 {s.function}')}")
    out.append(f"编写指南：{guide_url(root, rule.id)}")
    return "\n".join(out)


def cmd_explain(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve()
    if not args.rule:
        for rule in RULES.values():
            print(f"{rule.id:30} {SEVERITY[rule.severity]}  {rule.title}")
        return 0
    if args.rule not in RULES:
        near = difflib.get_close_matches(args.rule, list(RULES), n=3, cutoff=0.5)
        hint = f"是否想查 {'、'.join(near)}？" if near else "运行 python -m hooks explain 列出全部规则"
        print(f"没有规则“{args.rule}”。{hint}", file=sys.stderr)
        return 2
    print(explain_text(args.rule, root))
    return 0


def add_commands(sub) -> None:
    new = sub.add_parser("new", help="从模板新建一项标准：python -m hooks new \"DB51/T 1234—2025\"")
    new.add_argument("number", help="标准号，任何常见写法均可")
    new.add_argument("--metadata-only", action="store_true",
                     help="只收录题录信息（不生成正文骨架）")
    new_article.add_arguments(new)  # new --article "标题": docs/news/ (hooks/cli/new_article.py)
    new.set_defaults(func=cmd_new)
    explain = sub.add_parser("explain", help="查看一条规则的说明和示例")
    explain.add_argument("rule", nargs="?", help="规则号，如 date-order；不写则列出全部规则")
    explain.set_defaults(func=cmd_explain)
