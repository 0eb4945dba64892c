"""Reading one standard file: bytes → text → YAML front-matter (with line numbers) + body.

Every scalar is read as the text the editor wrote (`domain: 01` is "01", `ics: 03.080` stays
"03.080"); only `~` and empty values become None. Problems are returned, never raised.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from hooks.check.problems import Problem

BOM = "\ufeff"
FENCE = "---"


class TextLoader(yaml.SafeLoader):
    """SafeLoader that keeps every plain scalar as a string (no int, float, bool or date)."""


TextLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag == "tag:yaml.org,2002:null"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

# The same resolvers on libyaml's parser (about 5× faster). It only composes valid front-matter:
# on any YAML error the pure-Python TextLoader parses again, so messages and lines stay its own.
_FastLoader = None
if getattr(yaml, "__with_libyaml__", False):
    class _FastLoader(yaml.CSafeLoader):  # type: ignore[no-redef]
        yaml_implicit_resolvers = TextLoader.yaml_implicit_resolvers


def compose(text: str) -> yaml.Node | None:
    """The YAML node tree of `text`, with TextLoader's meaning; raises yaml.YAMLError."""
    if _FastLoader is not None:
        try:
            return yaml.compose(text, Loader=_FastLoader)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=TextLoader)


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


def read_source(path: Path, display: str, problems: list[Problem]) -> SourceFile | None:
    """Read and split one file; append problems and return None when it cannot be used."""
    text = decode(display, path.read_bytes(), problems)
    if text is None:
        return None
    return parse_source(text, display, problems)


def parse_source(text: str, display: str, problems: list[Problem]) -> SourceFile | None:
    lines = text.split("\n")
    if not lines or lines[0].strip() != FENCE:
        problems.append(
            Problem(display, 1, "frontmatter-missing", "文件开头没有 YAML 元数据块",
                    "第一行写 ---，随后是元数据，再以一行 --- 结束")
        )
        return None
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == FENCE), None)
    if end is None:
        problems.append(
            Problem(display, 1, "frontmatter-missing", "元数据块没有结束行 ---",
                    "在元数据之后、正文之前加一行 ---")
        )
        return None
    source = SourceFile(path=display, fm_line=1, body_line=end + 2)
    source.body = "\n".join(lines[end + 1:])
    yaml_text = "\n".join(lines[1:end])
    try:
        node = compose(yaml_text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
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
            Problem(display, node.start_mark.line + 2, "frontmatter-not-mapping",
                    "元数据应为“键: 值”的映射", "每行写成 键: 值，例如 title: 机关事务管理 术语")
        )
        return None
    _collect(node, source, problems)
    return source


def _collect(node: yaml.MappingNode, source: SourceFile, problems: list[Problem]) -> None:
    loader = TextLoader("")
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 2
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
            source.item_lines[key] = [item.start_mark.line + 2 for item in value_node.value]
