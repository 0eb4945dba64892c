"""Editors' commands: `python -m hooks check [PATH ...]` (and more subcommands as they arrive)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hooks.check.problems import FORMATTERS, summary
from hooks.cli import editor as editor_cli
from hooks.cli import linkcheck, safe_build
from hooks.corpus import display_path, load_corpus
from hooks.export import report

ROOT = Path(__file__).resolve().parents[2]


def cmd_check(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve()
    paths = [Path(p) for p in args.paths]
    missing = [p for p in paths if not p.exists()]
    if missing:
        for p in missing:
            print(f"{p}:1: file-missing 找不到文件", file=sys.stderr)
        return 2
    files = [f for p in paths for f in (sorted(p.glob("*.md")) if p.is_dir() else [p])]
    corpus = load_corpus(root, extra=[f.resolve() for f in files])
    problems = corpus.problems
    if files:
        wanted = {display_path(f, root) for f in files}
        problems = [p for p in problems if p.path in wanted]
    if args.verbose and args.format == "text":
        output = editor_cli.format_verbose(problems, root)
    else:
        output = FORMATTERS[args.format](problems)
    if output:
        print(output)
    errors = [p for p in problems if p.is_error]
    failing = bool(errors) or (args.strict and bool(problems))
    if args.format == "text":
        checked = len(files) if files else len(corpus.standards)
        verdict = "未通过" if failing else "通过"
        print(f"检查{verdict}：{checked} 个文件，{summary(problems)}。", file=sys.stderr)
        if problems and not args.verbose:
            print("每条规则的说明和示例：python -m hooks explain 规则号（或加 --verbose）", file=sys.stderr)
    return 1 if failing else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m hooks",
                                     description="机关事务标准公开平台：编辑工具")
    parser.add_argument("--root", default=str(ROOT), help="项目根目录（含 standards/）")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="检查标准文件的元数据和正文结构")
    check.add_argument("paths", nargs="*", help="要检查的文件或目录；不写则检查全部标准")
    check.add_argument("--format", choices=sorted(FORMATTERS), default="text")
    check.add_argument("--strict", action="store_true", help="警告也视为不通过")
    check.add_argument("--verbose", "-v", action="store_true",
                       help="逐条显示出错的原文行和说明链接（text 格式）")
    check.set_defaults(func=cmd_check)
    safe_build.register(sub)  # build, serve
    linkcheck.register(sub)
    editor_cli.add_commands(sub)  # new, explain
    report.register(sub)  # report --period 2026H1
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
