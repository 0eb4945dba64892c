"""`python -m hooks build`: build the site without ever leaving a broken one in place.

MkDocs builds into a fresh temporary directory next to the target (same filesystem, so the final
move is a rename). Only a successful build is swapped in:

1. build into `.<target>-build-XXXX/`;
2. on success, exchange it with the target atomically (Linux `renameat2(RENAME_EXCHANGE)`; where
   that is not available, rename target → backup, new → target), then delete the old tree;
3. on failure, Ctrl-C or SIGTERM, delete the temporary directory. The previous site is untouched.

A half-written site therefore never sits at the target path.
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
from pathlib import Path

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


def swap_into_place(new: Path, target: Path) -> None:
    """Put the finished tree `new` at `target`; the old tree (if any) is removed afterwards."""
    if not target.exists():
        os.rename(new, target)
        return
    if _exchange(new, target):
        shutil.rmtree(new, ignore_errors=True)  # `new` now holds the old site
        return
    backup = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}-old-"))
    backup.rmdir()
    os.rename(target, backup)
    try:
        os.rename(new, target)
    except BaseException:
        os.rename(backup, target)  # put the old site back
        raise
    shutil.rmtree(backup, ignore_errors=True)


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
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}-build-"))
    os.chmod(tmp, _mode_for_new_dir())  # mkdtemp makes 0700; web servers must read the site
    args = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(tmp)]
    if strict:
        args.append("--strict")
    args.extend(extra_args or [])
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1"}
    proc: subprocess.Popen | None = None
    swapped = False
    try:
        with _signals_interrupt():
            proc = subprocess.Popen(args, cwd=root, env=env)
            returncode = proc.wait()
            if returncode != 0:
                print(f"构建失败（退出码 {returncode}），原网站未改动：{target}", file=sys.stderr)
                return returncode
            swap_into_place(tmp, target)
            swapped = True
    except (KeyboardInterrupt, Interrupted) as exc:
        if proc is not None and proc.poll() is None:
            proc.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=10)
            if proc.poll() is None:
                proc.kill()
        print(f"构建被中断（{exc or 'Ctrl-C'}），原网站未改动：{target}", file=sys.stderr)
        return 130
    finally:
        if not swapped:
            shutil.rmtree(tmp, ignore_errors=True)
    count = sum(1 for p in target.rglob("*") if p.is_file())
    print(f"构建完成：{target}（{count} 个文件）", file=sys.stderr)
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
