"""Reading one standard file: bytes → text → YAML front-matter (with line numbers) + body.

The front-matter lies between two fence lines, each exactly `---` at column 0 (trailing blanks
allowed): an indented `---`, as inside a YAML block scalar, is text and ends nothing. The YAML is
read by hooks.load.safe_yaml: the safe subset (no anchors, aliases or tags), every scalar as the
text the editor wrote (`domain: 01` is "01"); only `~` and empty values become None. Line numbers
count "\n" only. A file over MAX_FILE_BYTES is not read, YAML over MAX_YAML_CHARS is not parsed.
Problems are returned, never raised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from hooks.check.problems import Problem
from hooks.check.registry import also_checks, checks
from hooks.load.safe_yaml import LineIndex, Refused, TextLoader, compose

BOM = "\ufeff"
FENCE = "---"
_FENCE_LINE = re.compile(r"---[ \t]*")
# No standard (nor framework.yml) may be larger: 2 MB hold about 700,000 Chinese characters,
# several times the longest standard text; beyond, a file is a mistake or an attack.
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_FILE_LABEL = "2 MB"
# The YAML of a front-matter (or framework.yml) may hold this many characters: about 200 times a
# real front-matter and 50 times the shipped framework; it bounds the time YAML parsing takes.
MAX_YAML_CHARS = 100_000
MAX_YAML_LABEL = "10 万个字符"


@dataclass
class SourceFile:
    """A standard file as read from disk, before its meaning is checked."""

    path: str
    meta: dict[str, object] = field(default_factory=dict)
    key_lines: dict[str, int] = field(default_factory=dict)
    item_lines: dict[str, list[int]] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    fm_line: int = 1

    def line_of(self, key: str, item: int | None = None) -> int:
        if item is not None and key in self.item_lines and item < len(self.item_lines[key]):
            return self.item_lines[key][item]
        return self.key_lines.get(key, self.fm_line)


@checks("file-empty", "file-encoding")
def decode(path: str, data: bytes, problems: list[Problem]) -> str | None:
    if not data.strip():
        problems.append(Problem(path, 1, "file-empty", "文件为空", "从模板新建：python -m hooks new 标准号"))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(
            Problem(path, line, "file-encoding", "文件不是 UTF-8 编码",
                    "请用 UTF-8 另存（记事本：另存为 → 编码选 UTF-8）")
        )
        return None
    return text.removeprefix(BOM).replace("\r\n", "\n").replace("\r", "\n")


@checks("file-too-large")
def read_limited(path: Path, display: str, problems: list[Problem]) -> bytes | None:
    """The bytes of `path`, or None (with a problem) when it is larger than MAX_FILE_BYTES.

    Reads at most one byte past the limit, whatever the file claims to be."""
    with path.open("rb") as handle:
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) <= MAX_FILE_BYTES:
        return data
    problems.append(
        Problem(display, 1, "file-too-large", f"文件超过 {MAX_FILE_LABEL} 的上限，未读取",
                f"一个文件不得超过 {MAX_FILE_LABEL}：请检查是否误粘贴了大段重复内容或二进制数据")
    )
    return None


@also_checks("file-too-large")  # the YAML part
def yaml_too_large(text: str, display: str, line: int, what: str, problems: list[Problem]) -> bool:
    """Whether the YAML `text` (`what`, starting on `line`) is too long to parse; if so, say so."""
    if len(text) <= MAX_YAML_CHARS:
        return False
    problems.append(
        Problem(display, line, "file-too-large", f"{what}超过 {MAX_YAML_LABEL}的上限，未读取",
                "检查是否误粘贴了大段重复内容；长段文字写在标准正文中，不写在 YAML 里")
    )
    return True


def read_source(path: Path, display: str, problems: list[Problem]) -> SourceFile | None:
    """Read and split one file; append problems and return None when it cannot be used."""
    data = read_limited(path, display, problems)
    text = decode(display, data, problems) if data is not None else None
    if text is None:
        return None
    return parse_source(text, display, problems)


def is_fence(line: str) -> bool:
    """A front-matter fence: `---` at column 0, nothing after it but blanks."""
    return _FENCE_LINE.fullmatch(line) is not None


def yaml_error(exc: yaml.YAMLError, line_of: LineIndex) -> tuple[int, str]:
    """Line (counting "\n" only) and problem of a YAML error."""
    mark = getattr(exc, "problem_mark", None)
    # a ReaderError (a character YAML does not allow) has no mark, only a position
    index = mark.index if mark is not None else getattr(exc, "position", None)
    line = line_of(index) if isinstance(index, int) else line_of.first
    if isinstance(exc, yaml.reader.ReaderError) and isinstance(exc.character, int):
        return line, f"含有 YAML 不允许的字符 U+{exc.character:04X}"
    return line, getattr(exc, "problem", None) or str(exc).split("\n")[0]


@checks("frontmatter-missing", "yaml-syntax", "frontmatter-not-mapping")
def parse_source(text: str, display: str, problems: list[Problem]) -> SourceFile | None:
    lines = text.split("\n")
    if not is_fence(lines[0]):
        problems.append(
            Problem(display, 1, "frontmatter-missing", "文件开头没有 YAML 元数据块",
                    "第一行顶格写 ---，随后是元数据，再以顶格的一行 --- 结束")
        )
        return None
    end = next((i for i in range(1, len(lines)) if is_fence(lines[i])), None)
    if end is None:
        indented = next((i for i in range(1, len(lines)) if lines[i].strip() == FENCE), None)
        hint = ("在元数据之后、正文之前加一行 ---" if indented is None else
                f"第 {indented + 1} 行的 --- 前有空格，不算结束行：结束行 --- 必须顶格写")
        problems.append(Problem(display, 1, "frontmatter-missing", "元数据块没有结束行 ---", hint))
        return None
    source = SourceFile(path=display, fm_line=1, body_line=end + 2)
    source.body = "\n".join(lines[end + 1:])
    yaml_text = "\n".join(lines[1:end])
    if yaml_too_large(yaml_text, display, 2, "元数据块", problems):
        return None
    line_of = LineIndex(yaml_text, 2)
    try:
        node = compose(yaml_text)
    except Refused as exc:  # yaml-alias, yaml-tag, yaml-key, yaml-depth
        problems.append(Problem(display, line_of(exc.index), exc.rule,
                                f"元数据：{exc.message}", exc.hint))
        return None
    except yaml.YAMLError as exc:
        line, problem = yaml_error(exc, line_of)
        problems.append(
            Problem(display, line, "yaml-syntax", f"元数据 YAML 语法错误：{problem}",
                    "检查冒号后的空格、缩进和引号是否成对；含冒号的值请加引号")
        )
        return None
    if node is None:
        problems.append(
            Problem(display, 1, "frontmatter-not-mapping", "元数据块为空",
                    "至少填写 number、title、domain、issued、effective")
        )
        return None
    if not isinstance(node, yaml.MappingNode):
        problems.append(
            Problem(display, line_of(node.start_mark.index), "frontmatter-not-mapping",
                    "元数据应为“键: 值”的映射", "每行写成 键: 值，例如 title: 机关事务管理 术语")
        )
        return None
    _collect(node, line_of, source, problems)
    return source


@checks("yaml-duplicate-key")
@also_checks("field-unknown")  # a key that is not text
def _collect(node: yaml.MappingNode, line_of: LineIndex, source: SourceFile,
             problems: list[Problem]) -> None:
    loader = TextLoader("")
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = line_of(key_node.start_mark.index)
        if not isinstance(key, str):
            problems.append(Problem(source.path, line, "field-unknown", f"无效的键“{key}”", ""))
            continue
        if key in source.meta:
            problems.append(
                Problem(source.path, line, "yaml-duplicate-key", f"字段“{key}”重复出现",
                        f"删除多余的一行，只保留一个 {key}")
            )
            continue
        source.meta[key] = loader.construct_object(value_node, deep=True)
        source.key_lines[key] = line
        if isinstance(value_node, yaml.SequenceNode):
            source.item_lines[key] = [line_of(item.start_mark.index) for item in value_node.value]
