"""The YAML subset of standards and framework.yml, read safely.

Plain YAML only: no anchors or aliases (`&a`, `*a`), no tags (`!foo`, `!!int`, `!!python/…`),
mapping keys are plain text, and collections nest at most MAX_DEPTH levels. Anything else is
refused while the document is composed, before a node is built for it: no alias is ever expanded
("billion laughs" costs nothing), no tag reaches a constructor, no nesting reaches a recursion
limit. A refusal is a `Refused` error with a rule id and the character offset it was found at.

Every scalar is read as the text the editor wrote (`domain: 01` is "01", `ics: 03.080` stays
"03.080"); only `~` and empty values become None.

Three routes give the same answers (tests/test_safe_loading.py compares them):
- libyaml, direct: a text without `&`, `*` and `!` cannot hold an anchor, alias or tag, and one
  with few collection indicators cannot nest deeper than libyaml's recursive composer takes; it
  is composed in C, then its nodes are walked for depth and keys (the common case, about 5×
  faster than pure Python).
- libyaml, events: any other text has the C parser's events checked first, then is composed in C.
- pure Python: without libyaml, or on any YAML error (so messages and marks are PyYAML's own);
  the composer checks each event before it composes the node.
The parsers themselves differ on one point this module leaves alone: libyaml allows a tab where
YAML allows a blank inside a line (`title: 标题⇥`), PyYAML refuses it. PyYAML's wheels include
libyaml, so the tools read such a file the same everywhere they run.
"""

from __future__ import annotations

import bisect
import re

import yaml
from yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    MappingStartEvent,
    NodeEvent,
)

from hooks.check.registry import checks

# Collections may nest this deep (a framework of 20 levels uses 40; a front-matter uses 2).
MAX_DEPTH = 40
# The direct libyaml route takes a text with at most this many collection indicators
# (- : ? [ {): every collection needs one, so it nests at most this deep, far below the depth
# at which libyaml's recursive composer overflows the C stack.
DIRECT_MAX_INDICATORS = 1000
_MAY_HOLD_ANCHOR_ALIAS_OR_TAG = re.compile(r"[&*!]")
_CORE_TAG = "tag:yaml.org,2002:"


class TextLoader(yaml.SafeLoader):
    """SafeLoader that keeps every plain scalar as a string (no int, float, bool or date).

    It composes any YAML; `compose` below is the safe entry. Use it to construct values from
    nodes `compose` returned."""


TextLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag == "tag:yaml.org,2002:null"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_FastLoader = None
if getattr(yaml, "__with_libyaml__", False):
    class _FastLoader(yaml.CSafeLoader):  # type: ignore[no-redef]
        yaml_implicit_resolvers = TextLoader.yaml_implicit_resolvers


class Refused(yaml.YAMLError):
    """A YAML construct outside the subset: rule id, character offset, message and hint."""

    def __init__(self, rule: str, index: int, message: str, hint: str) -> None:
        super().__init__(message)
        self.rule, self.index, self.message, self.hint = rule, index, message, hint


class LineIndex:
    """Line numbers of character offsets in `text`, which starts on line `first`.

    Lines are counted by "\\n" only. PyYAML's marks also count NEL, LS and PS (U+0085, U+2028,
    U+2029) as line breaks, which would shift every later line; editors, Markdown and the rest
    of the tools count "\\n" only."""

    def __init__(self, text: str, first: int = 1) -> None:
        self.first = first
        self.breaks = [m.start() for m in re.finditer("\n", text)]

    def __call__(self, index: int) -> int:
        return self.first + bisect.bisect_left(self.breaks, index)


@checks("yaml-alias", "yaml-tag", "yaml-key", "yaml-depth")
def compose(text: str) -> yaml.Node | None:
    """The node tree of `text` in the safe subset; raises Refused, or yaml.YAMLError on bad YAML.

    Nothing outside the subset is ever composed: see the module docstring for the three routes."""
    if _FastLoader is not None:
        try:
            if _direct(text):
                node = yaml.compose(text, Loader=_FastLoader)
                _check_nodes(node)
                return node
            _check_events(yaml.parse(text, Loader=_FastLoader))
            return yaml.compose(text, Loader=_FastLoader)
        except Refused:
            raise
        except yaml.YAMLError:
            pass  # the pure-Python route finds it again, with PyYAML's own message and mark
    return yaml.compose(text, Loader=_StrictLoader)


def _direct(text: str) -> bool:
    """Whether `text` can hold no anchor, alias or tag, and cannot nest too deep for libyaml."""
    return (_MAY_HOLD_ANCHOR_ALIAS_OR_TAG.search(text) is None
            and sum(text.count(c) for c in "-:?[{") <= DIRECT_MAX_INDICATORS)


def _refusal(index: int, *, alias: str | None = None, anchor: str | None = None,
             tag: str | None = None, collection: bool = False, is_key: bool = False,
             level: int = 0) -> Refused | None:
    """The one policy of all three routes, for one node about to be composed.

    `level`: how many collections hold the node, counting itself if it is one."""
    if alias is not None:
        return Refused("yaml-alias", index, f"不支持 YAML 别名 *{alias}",
                       "把要重复的值直接写出来，不要用 & 和 * 引用")
    if anchor is not None:
        return Refused("yaml-alias", index, f"不支持 YAML 锚点 &{anchor}",
                       "删除 &（锚点）；要重复的值直接写出来")
    if tag is not None:
        shown = "!!" + tag.removeprefix(_CORE_TAG) if tag.startswith(_CORE_TAG) else tag
        return Refused("yaml-tag", index, f"不支持 YAML 标签 {shown}",
                       "删除 ! 开头的标签，直接写值：所有值都按原文读作文字")
    if collection and is_key:
        return Refused("yaml-key", index, "映射的键只能是文字，不能是列表或映射",
                       "每行写成 键: 值，键是一个简单的词，例如 title")
    if collection and level > MAX_DEPTH:
        return Refused("yaml-depth", index, f"YAML 嵌套超过 {MAX_DEPTH} 层",
                       "减少列表和映射的嵌套层数：元数据的值是文字或一层列表，标准体系每级节点占两层")
    return None


def _event_refusal(event: NodeEvent, is_key: bool, level: int) -> Refused | None:
    if isinstance(event, AliasEvent):
        return _refusal(event.start_mark.index, alias=event.anchor)
    collection = isinstance(event, CollectionStartEvent)
    return _refusal(event.start_mark.index, anchor=event.anchor, tag=event.tag,
                    collection=collection, is_key=is_key, level=level + collection)


def _check_events(events) -> None:
    """Refuse the first event outside the subset, before anything is composed."""
    open_: list[list] = []  # per open collection: [is a mapping, children so far]
    for event in events:
        if isinstance(event, NodeEvent):
            is_key = bool(open_) and open_[-1][0] and open_[-1][1] % 2 == 0
            refusal = _event_refusal(event, is_key, len(open_))
            if refusal is not None:
                raise refusal
            if isinstance(event, CollectionStartEvent):
                open_.append([isinstance(event, MappingStartEvent), 0])
            elif open_:
                open_[-1][1] += 1
        elif isinstance(event, CollectionEndEvent):
            open_.pop()
            if open_:
                open_[-1][1] += 1


def _check_nodes(root: yaml.Node | None) -> None:
    """The direct route: walk a composed tree (no anchors, aliases or tags) in document order.

    Only collections can be refused here (as keys, or too deep), so only they are visited."""
    todo: list[tuple[yaml.Node, bool, int]] = []  # node, is a key, collections above it
    if isinstance(root, yaml.CollectionNode):
        todo.append((root, False, 0))
    while todo:
        node, is_key, level = todo.pop()
        level += 1
        if is_key or level > MAX_DEPTH:
            raise _refusal(node.start_mark.index, collection=True, is_key=is_key, level=level)
        if isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                if not isinstance(value, yaml.ScalarNode):
                    todo.append((value, False, level))
                if not isinstance(key, yaml.ScalarNode):
                    todo.append((key, True, level))
        else:
            todo += [(item, False, level) for item in reversed(node.value)
                     if not isinstance(item, yaml.ScalarNode)]


class _StrictLoader(TextLoader):
    """The pure-Python route: TextLoader whose composer checks every node event first."""

    def __init__(self, stream) -> None:
        super().__init__(stream)
        self._level = 0  # collections open around the node being composed

    def compose_node(self, parent, index):
        event = self.peek_event()
        is_key = isinstance(parent, yaml.MappingNode) and index is None
        if isinstance(event, NodeEvent):
            refusal = _event_refusal(event, is_key, self._level)
            if refusal is not None:
                raise refusal
        if not isinstance(event, CollectionStartEvent):
            return super().compose_node(parent, index)
        self._level += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._level -= 1

