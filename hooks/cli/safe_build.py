"""`python -m hooks build`: build the site without ever leaving a broken one in place.

MkDocs builds into a fresh temporary directory next to the target (same filesystem, so the final
move is a rename). Only a successful build is swapped in:

1. build into `.<target>-build-XXXX/`;
2. on success, exchange it with the target atomically (Linux `renameat2(RENAME_EXCHANGE)`; where
   that is not available, rename target → backup, new → target), then delete the old tree;
3. on failure, Ctrl-C or SIGTERM, delete the temporary directory. The previous site is untouched.

Before the swap the new tree is checked as a whole (hooks.check.invariants.check_site): every
standard file of `standards/` must have its page and its catalogue.json row, or the old site
stays (`standard-unpublished`). A half-written or incomplete site therefore never sits at the
target path.

Every outcome is one line on stderr, never a traceback: an unwritable target says so and what
to do; an interruption says whether the old site is untouched (before the swap) or the new one
is in place (after it). The swap and the recording of its outcome run with SIGINT/SIGTERM/SIGHUP
held back, so the message is always right. MkDocs runs in its own session: Ctrl-C in the terminal
reaches this process only, which stops MkDocs quietly (SIGTERM) instead of letting it print a
KeyboardInterrupt traceback.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from hooks.check import invariants
from hooks.check.problems import format_text, one_line
from hooks.model.dates import build_datetime

OFFLINE_CONFIG = "mkdocs-offline.yml"
DEFAULT_DIRS = {False: "site", True: "site-offline"}


class Interrupted(Exception):
    """A termination signal arrived during the build."""


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2 RENAME_EXCHANGE). False if unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                          ctypes.c_uint]
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return result == 0


def _swap(new: Path, target: Path) -> Path | None:
    """Put the finished tree `new` at `target`; returns where the old tree now is (or None)."""
    if not target.exists():
        os.rename(new, target)
        return None
    if _exchange(new, target):
        return new  # `new` now holds the old site
    backup = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}-old-"))
    backup.rmdir()
    os.rename(target, backup)
    try:
        os.rename(new, target)
    except BaseException:
        os.rename(backup, target)  # put the old site back
        raise
    return backup


def swap_into_place(new: Path, target: Path) -> None:
    """Put the finished tree `new` at `target`; the old tree (if any) is removed afterwards."""
    old = _swap(new, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


@contextlib.contextmanager
def _signals_interrupt() -> Iterator[None]:
    """Turn SIGTERM/SIGHUP into an exception so the cleanup below runs."""

    def handler(signum, frame):  # noqa: ARG001
        raise Interrupted(signal.Signals(signum).name)

    saved = {}
    for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if sig is not None:
            with contextlib.suppress(ValueError):  # not in the main thread
                saved[sig] = signal.signal(sig, handler)
    try:
        yield
    finally:
        for sig, old in saved.items():
            signal.signal(sig, old)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT/SIGTERM/SIGHUP back until the block has run; they are delivered after it."""
    mask = getattr(signal, "pthread_sigmask", None)
    if mask is None:  # not POSIX: the window is a few instructions wide
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])}
    previous = mask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        mask(signal.SIG_SETMASK, previous)


@contextlib.contextmanager
def _signals_ignored() -> Iterator[None]:
    """Housekeeping after the outcome is printed: a second Ctrl-C must not print a traceback."""
    saved = {}
    for sig in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if sig is not None:
            with contextlib.suppress(ValueError):  # not in the main thread
                saved[sig] = signal.signal(sig, signal.SIG_IGN)
    try:
        yield
    finally:
        for sig, old in saved.items():
            signal.signal(sig, old)


def _reason(exc: BaseException) -> str:
    """Why the build stopped, for the message: never empty."""
    if isinstance(exc, Interrupted) and str(exc):
        return f"收到信号 {exc}"
    return "Ctrl-C"


def _say(message: str) -> None:
    print(one_line(message), file=sys.stderr)


def _cannot_write(where: Path, exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return f"无法写入 {where}：权限不足；请换一个输出目录（-d）或检查权限"
    reason = exc.strerror or type(exc).__name__
    return f"无法写入 {where}：{reason}；请换一个输出目录（-d），或检查路径和磁盘空间"


def _stop(proc: subprocess.Popen | None) -> None:
    """End the MkDocs child quietly (SIGTERM has no traceback), then for sure."""
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=10)
    if proc.poll() is None:
        proc.kill()
        proc.wait()


def _mode_for_new_dir() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o777 & ~umask


def safe_build(root: Path, target: Path | None = None, offline: bool = False,
               strict: bool = True, config: Path | None = None,
               extra_args: list[str] | None = None) -> int:
    """Build the site of project `root` into `target`; returns the exit status."""
    config = config or root / (OFFLINE_CONFIG if offline else "mkdocs.yml")
    target = (target or root / DEFAULT_DIRS[offline]).resolve()
    build_datetime()  # a malformed SOURCE_DATE_EPOCH: one clear line (hooks.cli.main), no build
    if target.exists() and not target.is_dir():
        _say(f"输出位置 {target} 已有一个文件，不是目录；未构建。请换一个输出目录（-d）")
        return 1
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}-build-"))
        os.chmod(tmp, _mode_for_new_dir())  # mkdtemp makes 0700; web servers must read the site
    except OSError as exc:
        _say(_cannot_write(target.parent, exc))
        return 1
    args = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(tmp)]
    if strict:
        args.append("--strict")
    args.extend(extra_args or [])
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1"}
    run = _Run()
    try:
        try:
            return _build_and_swap(run, args, root, env, tmp, target)
        finally:
            leftover = run.old if run.swapped else tmp  # the old site after a swap, else the build
            with _signals_ignored():
                _stop(run.proc)
                if leftover is not None:
                    shutil.rmtree(leftover, ignore_errors=True)
    except (KeyboardInterrupt, Interrupted) as exc:
        with _signals_ignored():
            _stop(run.proc)
            state = "新网站已就位" if run.swapped else "原网站未改动"
            _say(f"构建被中断（{_reason(exc)}），{state}：{target}")
        return 130


@dataclass
class _Run:
    """How far one build got: what an interruption message and the cleanup must know."""

    proc: subprocess.Popen | None = None
    swapped: bool = False  # the new site is at the target
    old: Path | None = None  # where the previous site went, to be deleted


def _build_and_swap(run: _Run, args: list[str], root: Path, env: dict, tmp: Path,
                    target: Path) -> int:
    with _signals_interrupt():
        # Its own session: the terminal's Ctrl-C reaches this process, which stops MkDocs.
        run.proc = subprocess.Popen(args, cwd=root, env=env, start_new_session=True)
        returncode = run.proc.wait()
        if returncode != 0:
            _say(f"构建失败（退出码 {returncode}），原网站未改动：{target}")
            return returncode
        problems = invariants.check_site(root, tmp)
        if problems:
            print(format_text(problems), file=sys.stderr)
            _say(f"构建结果不完整（{len(problems)} 项标准缺少页面），新网站没有发布，"
                 f"原网站未改动：{target}")
            return 1
        try:
            with _signals_held():
                run.old = _swap(tmp, target)
                run.swapped = True
        except OSError as exc:  # a target that cannot be renamed
            _say(_cannot_write(target, exc) + f"（原网站未改动：{target}）")
            return 1
        count = sum(1 for p in target.rglob("*") if p.is_file())
        _say(f"构建完成：{target}（{count} 个文件）")
        return 0


def serve(root: Path, offline: bool = False, extra_args: list[str] | None = None) -> int:
    """`mkdocs serve` for the project (live reload for editors)."""
    config = root / (OFFLINE_CONFIG if offline else "mkdocs.yml")
    args = [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), *(extra_args or [])]
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1"}
    if os.name == "posix":
        # Become `mkdocs serve` (same pid): signals to this process reach the server itself.
        os.chdir(root)
        os.execve(sys.executable, args, env)
    try:
        return subprocess.call(args, cwd=root, env=env)
    except KeyboardInterrupt:
        return 0


def cmd_build(args) -> int:
    root = Path(args.root).resolve()
    target = Path(args.site_dir) if args.site_dir else None
    config = Path(args.config_file).resolve() if args.config_file else None
    return safe_build(root, target, offline=args.offline, strict=not args.no_strict,
                      config=config)


def cmd_serve(args) -> int:
    extra = ["-a", args.dev_addr] if args.dev_addr else []
    return serve(Path(args.root).resolve(), offline=args.offline, extra_args=extra)


def register(sub) -> None:
    """Add `build` and `serve` to the `python -m hooks` subcommands."""
    build = sub.add_parser("build", help="构建网站（先构建到临时目录，成功后整体替换，失败不影响原网站）")
    build.add_argument("--offline", action="store_true",
                       help=f"离线版（{OFFLINE_CONFIG}，可从 file:// 打开，默认输出 site-offline/）")
    build.add_argument("-d", "--site-dir", help="输出目录（默认 site/ 或 site-offline/）")
    build.add_argument("-f", "--config-file", help="MkDocs 配置文件（默认 mkdocs.yml）")
    build.add_argument("--no-strict", action="store_true", help="MkDocs 警告（如失效链接）不算失败")
    build.set_defaults(func=cmd_build)
    serve_cmd = sub.add_parser("serve", help="本地预览（mkdocs serve，修改后自动刷新）")
    serve_cmd.add_argument("--offline", action="store_true", help="预览离线版配置")
    serve_cmd.add_argument("-a", "--dev-addr", help="监听地址，如 127.0.0.1:8000")
    serve_cmd.set_defaults(func=cmd_serve)
