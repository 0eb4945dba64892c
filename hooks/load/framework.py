"""The standard system (标准体系): standards/framework.yml as a tree of 领域 nodes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from hooks.check.problems import Problem
from hooks.load.frontmatter import TextLoader, decode


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


def load_framework(path: Path, display: str, problems: list[Problem]) -> Framework:
    framework = Framework()
    if not path.exists():
        problems.append(Problem(display, 1, "framework-invalid", "找不到标准体系文件",
                                "在 standards/ 下新建 framework.yml，列出体系节点"))
        return framework
    text = decode(display, path.read_bytes(), problems)
    if text is None:
        return framework
    try:
        root = yaml.compose(text, Loader=TextLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problems.append(Problem(display, mark.line + 1 if mark else 1, "framework-invalid",
                                f"YAML 语法错误：{getattr(exc, 'problem', exc)}",
                                "检查缩进、冒号后的空格和引号"))
        return framework
    if not isinstance(root, yaml.SequenceNode):
        problems.append(Problem(display, 1, "framework-invalid", "标准体系应为节点列表",
                                "每个节点以“- code: …”开始"))
        return framework
    framework.roots = _nodes(root, None, display, problems)
    _check_unique(framework, display, problems)
    return framework


def _nodes(seq: yaml.SequenceNode, parent: Node | None, display: str,
           problems: list[Problem]) -> list[Node]:
    loader = TextLoader("")
    nodes = []
    for item in seq.value:
        line = item.start_mark.line + 1
        if not isinstance(item, yaml.MappingNode):
            problems.append(Problem(display, line, "framework-invalid", "节点应写成 code/name 映射",
                                    "如 - code: \"01\"  name: 通用基础"))
            continue
        values = {loader.construct_object(k): v for k, v in item.value}
        unknown = set(values) - {"code", "name", "description", "children"}
        code = loader.construct_object(values["code"]) if "code" in values else None
        name = loader.construct_object(values["name"]) if "name" in values else None
        if unknown or not isinstance(code, str) or not isinstance(name, str) or not code or not name:
            what = f"未知键 {', '.join(sorted(map(str, unknown)))}" if unknown else "缺少 code 或 name"
            problems.append(Problem(display, line, "framework-invalid", f"体系节点无效：{what}",
                                    "节点只有 code、name、description、children 四个键"))
            continue
        desc = values.get("description")
        node = Node(code=code.strip(), name=name.strip(), parent=parent, line=line,
                    description=loader.construct_object(desc) or "" if desc is not None else "")
        children = values.get("children")
        if isinstance(children, yaml.SequenceNode):
            node.children = _nodes(children, node, display, problems)
        elif children is not None and not (isinstance(children, yaml.ScalarNode)
                                           and children.value in ("", "~", "null")):
            problems.append(Problem(display, children.start_mark.line + 1, "framework-invalid",
                                    "children 应为节点列表", "每个子节点以“- code: …”开始"))
        nodes.append(node)
    return nodes


def _check_unique(framework: Framework, display: str, problems: list[Problem]) -> None:
    seen: dict[str, Node] = {}
    for node in framework.walk():
        for key in (node.code, node.name):
            if key in seen and seen[key] is not node:
                problems.append(Problem(display, node.line, "framework-duplicate",
                                        f"体系节点“{key}”重复（第 {seen[key].line} 行已有）",
                                        "每个节点的编号和名称都必须唯一"))
            seen.setdefault(key, node)
