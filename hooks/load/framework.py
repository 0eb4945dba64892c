"""The standard system (标准体系): standards/framework.yml as a tree of 领域 nodes.

Read with the safe YAML subset (hooks.load.safe_yaml) and the file-size limit of standard files.
Every odd structure (a node that is not a mapping, a key that is not text, a description that is
not text, a child whose code is not under its parent's) is a Problem with a rule id, never a
traceback. An empty file (blank, only comments, `[]`) is a framework without nodes, no error
by itself: with standards present, hooks.check.invariants reports `framework-empty`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from hooks.check.problems import Problem
from hooks.check.registry import also_checks, checks
from hooks.load.frontmatter import decode, read_limited, yaml_error, yaml_too_large
from hooks.load.safe_yaml import LineIndex, Refused, TextLoader, compose

NODE_KEYS = ("code", "name", "description", "children")


@dataclass(eq=False)
class Node:
    """One 领域 of the framework."""

    code: str
    name: str
    description: str = ""
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    line: int = 1

    @property
    def depth(self) -> int:
        return 0 if self.parent is None else self.parent.depth + 1

    @property
    def ancestors(self) -> list[Node]:
        """From the top-level node down to this node's parent."""
        return [] if self.parent is None else [*self.parent.ancestors, self.parent]

    @property
    def top(self) -> Node:
        return self if self.parent is None else self.parent.top

    @property
    def label(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def slug(self) -> str:
        """URL segment: the code with dots as dashes ("03.02" → "03-02")."""
        return self.code.replace(".", "-").lower()

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Framework:
    roots: list[Node] = field(default_factory=list)

    def walk(self):
        for root in self.roots:
            yield from root.walk()

    def find(self, ref: str) -> Node | None:
        """A node by its code or its name."""
        ref = ref.strip()
        for node in self.walk():
            if ref in (node.code, node.name):
                return node
        return None


@checks("framework-invalid")
def load_framework(path: Path, display: str, problems: list[Problem]) -> Framework:
    framework = Framework()
    if not path.is_file():
        problems.append(Problem(display, 1, "framework-invalid", "找不到标准体系文件",
                                "在 standards/ 下新建 framework.yml，列出体系节点"))
        return framework
    data = read_limited(path, display, problems)
    if data is None or not data.strip():
        return framework  # no nodes: hooks.check.invariants says framework-empty if it matters
    text = decode(display, data, problems)
    if text is None or yaml_too_large(text, display, 1, "标准体系文件", problems):
        return framework
    line_of = LineIndex(text)
    try:
        root = compose(text)
    except Refused as exc:  # yaml-alias, yaml-tag, yaml-key, yaml-depth
        problems.append(Problem(display, line_of(exc.index), exc.rule,
                                f"标准体系文件：{exc.message}", exc.hint))
        return framework
    except yaml.YAMLError as exc:
        line, problem = yaml_error(exc, line_of)
        problems.append(Problem(display, line, "framework-invalid", f"YAML 语法错误：{problem}",
                                "检查缩进、冒号后的空格和引号"))
        return framework
    if root is None:
        return framework  # only comments: as empty
    if not isinstance(root, yaml.SequenceNode):
        problems.append(Problem(display, line_of(root.start_mark.index), "framework-invalid",
                                "标准体系应为节点列表", "每个节点以“- code: …”开始"))
        return framework
    framework.roots = _nodes(root, None, _Reader(display, line_of, problems))
    _check_codes(framework, display, problems)
    _check_unique(framework, display, problems)
    return framework


@dataclass
class _Reader:
    """What reading the nodes of one framework file needs: where, lines, problems, a constructor."""

    display: str
    line_of: LineIndex
    problems: list[Problem]
    loader: TextLoader = field(default_factory=lambda: TextLoader(""))

    def value(self, node: yaml.Node) -> object:
        return self.loader.construct_object(node, deep=True)

    def invalid(self, node: yaml.Node, message: str, hint: str) -> None:
        self.problems.append(Problem(self.display, self.line_of(node.start_mark.index),
                                     "framework-invalid", message, hint))


@also_checks("framework-invalid", "yaml-duplicate-key")  # bad nodes; a key written twice
def _nodes(seq: yaml.SequenceNode, parent: Node | None, read: _Reader) -> list[Node]:
    nodes = []
    for item in seq.value:
        if not isinstance(item, yaml.MappingNode):
            read.invalid(item, "节点应写成 code/name 映射", "如 - code: \"01\"  name: 通用基础")
            continue
        values: dict[str, yaml.Node] = {}  # key → its value's node
        keys: dict[str, yaml.Node] = {}  # key → its own node (for its line)
        for key_node, value_node in item.value:
            key = read.value(key_node)  # text or None: safe_yaml refuses other keys
            if key in values:
                read.problems.append(Problem(read.display, read.line_of(key_node.start_mark.index),
                                             "yaml-duplicate-key", f"节点的“{key}”重复出现",
                                             f"删除多余的一行，每个节点只写一个 {key}"))
                continue
            values[str(key)], keys[str(key)] = value_node, key_node
        node = _node(item, values, keys, parent, read)
        if node is not None:
            nodes.append(node)
    return nodes


def _node(item: yaml.MappingNode, values: dict[str, yaml.Node], keys: dict[str, yaml.Node],
          parent: Node | None, read: _Reader) -> Node | None:
    """One node from its keys' value nodes; None (with a problem) when it is not usable."""
    unknown = [key for key in keys if key not in NODE_KEYS]
    if unknown:
        read.invalid(keys[unknown[0]], f"体系节点无效：未知键 {', '.join(unknown)}",
                     "节点只有 code、name、description、children 四个键")
        return None
    code, name = (read.value(values[k]) if k in values else None for k in ("code", "name"))
    if code is None or name is None:
        read.invalid(item, "体系节点无效：缺少 code 或 name", "如 - code: \"01\"  name: 通用基础")
        return None
    for key, value in (("code", code), ("name", name)):
        if not isinstance(value, str) or not value.strip():
            read.invalid(values[key], f"体系节点无效：{key} 必须是非空的文字，不能是列表或映射",
                         "如 - code: \"01\"  name: 通用基础")
            return None
    description = read.value(values["description"]) if "description" in values else None
    if description is not None and not isinstance(description, str):
        read.invalid(values["description"], "description 应为一段文字，不能是列表或映射",
                     "把说明写成一段话：description: 基础通用标准。")
        description = None
    node = Node(code=code.strip(), name=name.strip(), parent=parent,
                line=read.line_of(item.start_mark.index), description=description or "")
    children = values.get("children")
    if isinstance(children, yaml.SequenceNode):
        node.children = _nodes(children, node, read)
    elif children is not None and read.value(children) is not None:
        read.invalid(children, "children 应为节点列表", "每个子节点以“- code: …”开始")
    return node


@checks("framework-code")
def _check_codes(framework: Framework, display: str, problems: list[Problem]) -> None:
    """A child's code continues its parent's: 03 → 03.01, never 04.01."""
    for node in framework.walk():
        parent = node.parent
        if parent is not None and not node.code.startswith(parent.code + "."):
            problems.append(Problem(display, node.line, "framework-code",
                                    f"节点编号“{node.code}”不在上级节点“{parent.label}”之下",
                                    f"下级节点的编号以上级编号加“.”开头，如 {parent.code}.01；"
                                    "或把该节点移到正确的上级节点下"))


@checks("framework-duplicate")
def _check_unique(framework: Framework, display: str, problems: list[Problem]) -> None:
    seen: dict[str, Node] = {}
    for node in framework.walk():
        for key in (node.code, node.name):
            if key in seen and seen[key] is not node:
                problems.append(Problem(display, node.line, "framework-duplicate",
                                        f"体系节点“{key}”重复（第 {seen[key].line} 行已有）",
                                        "每个节点的编号和名称都必须唯一"))
            seen.setdefault(key, node)
