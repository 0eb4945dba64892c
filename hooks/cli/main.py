"""Editors' commands: `python -m hooks check [PATH ...]`, build, serve, new, explain, report, ….

`main` is the one entry: no traceback reaches a user. Every failure is one line on stderr that
says what happened and what to do; Ctrl-C says what state the site directory is in (the build
command says it itself: hooks/cli/safe_build.py). Developers who want the traceback set the
environment variable HOOKS_DEBUG=1.

Exit status: 0 passed; 1 errors found (or a build failed); 2 a wrong argument (no such file, a
path outside the project, a malformed SOURCE_DATE_EPOCH); 70 an internal error (a defect: please
report it); 130 interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path

from hooks.check import invariants
from hooks.check.paths import check_argument
from hooks.check.problems import FORMATTERS, one_line, summary
from hooks.cli import editor as editor_cli
from hooks.cli import linkcheck, safe_build
from hooks.corpus import display_path, load_corpus
from hooks.derive import maintained
from hooks.export import report
from hooks.federate import command as federate_cli
from hooks.importer import command as import_cli
from hooks.load.articles import is_article_path
from hooks.model.dates import BuildDateError

ROOT = Path(__file__).resolve().parents[2]
DEBUG_VAR = "HOOKS_DEBUG"  # set to 1: let exceptions through with their traceback
EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED = 2, 70, 130


def _wanted(problem_path: str, files: set[str], dirs: set[str]) -> bool:
    return problem_path in files or any(problem_path.startswith(d + "/") for d in dirs)


def cmd_check(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve()
    paths = [Path(p) for p in args.paths]
    missing = [p for p in paths if not p.exists()]
    if missing:
        for p in missing:
            print(one_line(f"{p}:1: file-missing 找不到文件（或符号链接指向的文件不存在）"), file=sys.stderr)
        return EXIT_USAGE
    special = [p for p in paths if not (p.is_file() or p.is_dir())]  # a pipe or device: never read
    if special:
        for p in special:
            print(one_line(f"{p}:1: file-missing 不是普通文件或目录，未检查"), file=sys.stderr)
        return EXIT_USAGE
    # Every PATH is resolved (links followed): one outside the project is refused, not "passed".
    outside = [problem for p in paths
               if (problem := check_argument(p, root, display_path(p, root))) is not None]
    if outside:
        print(FORMATTERS[args.format](outside))
        return EXIT_USAGE
    files = [f for p in paths
             for f in ([f for f in sorted(p.glob("*.md")) if f.is_file()] if p.is_dir() else [p])]
    files += [f for p in paths if p.is_dir() and is_article_path(p, root)  # articles: any depth
              for f in sorted(p.glob("*/**/*.md"))]
    corpus = load_corpus(root, extra=[f.absolute() for f in files],
                         maintained_issuers=maintained.project_issuers(root))
    problems = corpus.problems
    if paths:
        shown = {display_path(f, root) for f in files}
        dirs = {display_path(p, root) for p in paths if p.is_dir()}
        problems = [p for p in problems
                    if _wanted(p.path, shown, dirs) or p.rule in invariants.CORPUS_RULES]
    if args.verbose and args.format == "text":
        output = editor_cli.format_verbose(problems, root)
    else:
        output = FORMATTERS[args.format](problems)
    if output:
        print(output)
    errors = [p for p in problems if p.is_error]
    failing = bool(errors) or (args.strict and bool(problems))
    if args.format == "text":
        checked = len(files) if paths else len(corpus.files) + len(corpus.article_files)
        verdict = "未通过" if failing else "通过"
        print(f"检查{verdict}：{checked} 个文件，{summary(problems)}。", file=sys.stderr)
        if problems and not args.verbose:
            print("每条规则的说明和示例：python -m hooks explain 规则号（或加 --verbose）", file=sys.stderr)
    return 1 if failing else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m hooks",
                                     description="机关事务标准公开平台：编辑工具",
                                     epilog=f"开发者调试：设置环境变量 {DEBUG_VAR}=1 可显示出错时的完整调用栈")
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
    import_cli.register(sub)  # import 草案.docx (python-docx is loaded only when it runs)
    federate_cli.register(sub)  # federate federation.yml: the national site
    return parser


def _debug() -> bool:
    return os.environ.get(DEBUG_VAR, "") not in ("", "0")


def _say(message: str) -> None:
    print(one_line(message), file=sys.stderr)


def os_error_message(exc: OSError) -> str:
    """An OSError in the user's words: what could not be done, and what to do."""
    where = exc.filename if exc.filename is not None else "文件"
    if isinstance(exc, PermissionError):
        return f"无法读写 {where}：权限不足；请检查这个文件或目录的权限，或换一个输出目录（-d）"
    if isinstance(exc, FileNotFoundError):
        return f"找不到 {where}；请检查路径是否写对"
    reason = exc.strerror or type(exc).__name__
    return f"无法读写 {where}：{reason}；请检查路径、权限和磁盘空间"


def _robust_streams() -> None:
    """Printing never fails: a character the terminal cannot show is printed as an escape."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # a stream in some special use
                reconfigure(errors="backslashreplace")


def main(argv: list[str] | None = None) -> int:
    _robust_streams()
    try:
        args = build_parser().parse_args(argv)
        return args.func(args)
    except KeyboardInterrupt:
        if _debug():
            raise
        # `build` reports its own interruptions (hooks.cli.safe_build); anything else never
        # touches the site directory.
        _say("已中断（Ctrl-C）；网站目录未改动。")
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `check | head`: the reader has gone; say nothing more
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except BuildDateError as exc:
        if _debug():
            raise
        _say(str(exc))
        return EXIT_USAGE
    except OSError as exc:
        if _debug():
            raise
        _say(os_error_message(exc))
        return 1
    except Exception as exc:  # noqa: BLE001 — the last line of defence: one line, no traceback
        if _debug():
            raise
        _say(f"内部错误（{type(exc).__name__}：{exc}）。这是程序的缺陷，不是你的操作问题；"
             f"请把这一行和所用的命令报告给维护者（设置环境变量 {DEBUG_VAR}=1 再运行可看到出错位置）")
        return EXIT_INTERNAL
