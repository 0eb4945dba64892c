"""Which files are standards: the listing of `standards/` and the paths given to `check`.

Only a regular file `standards/<name>.md` (lower-case `.md`) is a standard. Everything else in
`standards/` is named in a message, so nothing an editor put there is skipped without a word:

- a symbolic link (to a file or a directory, inside or outside the repository): `path-symlink`,
  an error; it is never followed, read or published;
- a file with another Markdown extension (`.MD`, `.Md`, `.markdown`, `.mdown`, `.mkd`, …):
  `file-extension`, an error (the editor very likely expects it to be published);
- a subdirectory that holds Markdown files, or is itself named like one (`x.md/`):
  `standards-subdir`, an error (standards are read from `standards/` only, not from folders);
- any other file or subdirectory (`notes.txt`, `x.md.bak`, `images/`): `file-unexpected`, a
  warning (it is not published, and nothing else depends on it).

Not reported: `framework.yml`; names starting with a dot (`.gitkeep`, editors' swap files); and
`README.md` (any case) when it is a note for people browsing the repository, i.e. it does not
start with a front-matter fence. A README.md that starts with `---` is checked as a standard (and
then fails `file-name`), so a standard saved under that name is not skipped either.

`check PATH` resolves each PATH (following symbolic links); a PATH whose real location is outside
the repository (`--root`) is `path-outside`, an error, and is not read.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from hooks.check.problems import Problem
from hooks.check.registry import checks

FRAMEWORK_NAME = "framework.yml"
STANDARD_SUFFIX = ".md"
# Extensions editors and tools use for Markdown; only a file ending in exactly ".md" is read.
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn", ".mdtxt",
                               ".mdtext"})
README = "readme.md"
MAX_NAMES = 3  # Markdown files named in a standards-subdir message
MAX_SCAN = 10_000  # entries looked at inside one subdirectory before it is judged by what was seen

Display = Callable[[Path], str]


@dataclass
class Listing:
    """What `standards/` holds: the standard files, and a problem for everything else."""

    files: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: set[Path] = field(default_factory=set)  # entries reported here and never read


def _looks_markdown(name: str) -> bool:
    return Path(name.rstrip()).suffix.lower() in MARKDOWN_SUFFIXES


def _starts_with_fence(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError:
        return True  # unreadable: let the loader report it as a standard
    return head.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t").startswith(b"---")


def _is_readme_note(path: Path) -> bool:
    return path.name.lower() == README and not _starts_with_fence(path)


def _markdown_inside(directory: Path) -> list[str]:
    """Markdown-like files below `directory` (not following links), at most a few names."""
    found: list[str] = []
    seen = 0
    for dirpath, dirnames, filenames in os.walk(directory, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            seen += 1
            if _looks_markdown(name) and not name.startswith("."):
                found.append((Path(dirpath) / name).relative_to(directory).as_posix())
            if len(found) >= MAX_NAMES or seen >= MAX_SCAN:
                return found
    return found


def _entries(standards_dir: Path) -> list[Path]:
    try:
        return sorted(standards_dir.iterdir())
    except (FileNotFoundError, NotADirectoryError):
        return []


@checks("path-symlink", "file-extension", "standards-subdir", "file-unexpected")
def list_standards(standards_dir: Path, display: Display) -> Listing:
    """Sort every entry of `standards_dir` into standard files and reported entries."""
    listing = Listing()
    for path in _entries(standards_dir):
        name = path.name
        if name.startswith(".") or (name == FRAMEWORK_NAME and path.is_file()
                                    and not path.is_symlink()):
            continue
        shown = display(path)
        if path.is_symlink():
            listing.problems.append(Problem(
                shown, 1, "path-symlink",
                "这是符号链接，不会被读取，也不会发布",
                "把文件本身放进 standards/（复制内容后删除这个链接）；标准不能指向仓库内外的其他文件"))
        elif path.is_dir():
            found = _markdown_inside(path)
            if found or _looks_markdown(name):
                more = "等文件" if len(found) >= MAX_NAMES else ""
                what = (f"其中的 {'、'.join(found)}{more}不会发布" if found
                        else "目录不是标准文件，不会发布")
                listing.problems.append(Problem(
                    shown, 1, "standards-subdir",
                    f"这是 standards/ 下的子目录：{what}",
                    "标准文件直接放在 standards/ 下，写成 standards/<标准号对应的文件名>.md；"
                    "把文件移出子目录，再删除这个子目录"))
            else:
                listing.problems.append(Problem(
                    shown, 1, "file-unexpected",
                    "这是 standards/ 下的子目录，不会读取或发布",
                    "standards/ 只放标准文件（*.md）和 framework.yml；请把它移到别处"))
        elif not path.is_file():
            listing.problems.append(Problem(
                shown, 1, "file-unexpected", "这不是普通文件，不会读取或发布",
                "standards/ 只放标准文件（*.md）和 framework.yml；请删除它"))
        elif path.suffix == STANDARD_SUFFIX and name == name.rstrip():
            if not _is_readme_note(path):
                listing.files.append(path)
            continue
        elif _looks_markdown(name):
            fixed = Path(name.rstrip()).stem + STANDARD_SUFFIX
            wrong = ("文件名末尾有空白字符" if name != name.rstrip()
                     else f"扩展名 {Path(name).suffix} 不是小写 .md")
            listing.problems.append(Problem(
                shown, 1, "file-extension", f"{wrong}，这个文件不会发布",
                f"改名为 standards/{fixed}（标准文件的扩展名只能是小写 .md）"))
        else:
            listing.problems.append(Problem(
                shown, 1, "file-unexpected", "这不是标准文件（*.md），不会读取或发布",
                "standards/ 只放标准文件（*.md）和 framework.yml；备份和其他资料请放到别处"))
        listing.skipped.add(path)
    return listing


def real(path: Path) -> Path:
    """Where `path` really is (every symbolic link followed); a link loop stays where it is."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop (Python < 3.13)
        return path.absolute()


def inside(path: Path, root: Path) -> bool:
    """Whether `path`, with every symbolic link followed, lies inside the directory `root`."""
    return real(path).is_relative_to(real(root))


@checks("path-outside")
def check_argument(path: Path, root: Path, shown: str) -> Problem | None:
    """`path-outside` for a path given to `check` that is not inside the repository `root`."""
    if inside(path, root):
        return None
    where = real(path).as_posix()
    where = f"（实际位置 {where}）" if where != path.absolute().as_posix() else ""
    return Problem(shown, 1, "path-outside",
                   f"文件{where}不在项目目录 {real(root).as_posix()} 中，未检查",
                   "只检查本仓库中的文件：把文件放进仓库的 standards/ 后再检查，"
                   "或用 --root 指定它所在的项目目录")
