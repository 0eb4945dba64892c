"""federation.yml: the members of a national site, read and checked with line numbers.

    title: 全国机关事务标准汇总          # optional
    framework: standards/framework.yml  # optional: the national framework (default: the shipped one)
    cache: .federation-cache            # optional: last good harvests (default next to the file)
    timeout: 20                         # optional: seconds per member request
    max_bytes: 50000000                 # optional: largest catalogue.json accepted
    members:
      - name: 示例省机关事务管理局
        site_url: https://std.example.gov.cn/
        catalogue: https://std.example.gov.cn/catalogue.json   # or file://…, or a path

Every problem is one `federation.yml:LINE: RULE message（hint）` line; all of them are reported
at once (ConfigError.lines).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from hooks.check.problems import one_line
from hooks.load.safe_yaml import LineIndex, Refused, compose

DEFAULT_TITLE = "全国机关事务标准汇总"
DEFAULT_CACHE = ".federation-cache"
DEFAULT_TIMEOUT = 20.0
DEFAULT_MAX_BYTES = 50_000_000
SHIPPED_FRAMEWORK = Path(__file__).resolve().parents[2] / "standards" / "framework.yml"
TOP_KEYS = ("title", "framework", "cache", "timeout", "max_bytes", "members")
MEMBER_KEYS = ("name", "site_url", "catalogue")
MAX_CONFIG_BYTES = 1_000_000


@dataclass(frozen=True)
class Member:
    name: str
    site_url: str  # http(s), ends with "/"
    catalogue: str  # http(s) URL, file:// URL or an absolute path
    line: int = 1


@dataclass
class Federation:
    path: Path
    members: list[Member]
    title: str = DEFAULT_TITLE
    framework: Path = SHIPPED_FRAMEWORK
    cache: Path = Path(DEFAULT_CACHE)
    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES


@dataclass
class ConfigError(Exception):
    lines: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(self.lines)


class _Reader:
    """Collects problems as `path:line: rule message（hint）`."""

    def __init__(self, shown: str, line_of: LineIndex) -> None:
        self.shown, self.line_of, self.lines = shown, line_of, []

    def line(self, node: yaml.Node) -> int:
        return self.line_of(node.start_mark.index)

    def add(self, node_or_line: yaml.Node | int, rule: str, message: str, hint: str) -> None:
        line = node_or_line if isinstance(node_or_line, int) else self.line(node_or_line)
        self.lines.append(one_line(f"{self.shown}:{line}: {rule} {message}（{hint}）"))


def is_http(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _text(node: yaml.Node) -> str | None:
    if isinstance(node, yaml.ScalarNode) and node.value.strip():
        return node.value.strip()
    return None


def _mapping(node: yaml.MappingNode, keys: tuple[str, ...], read: _Reader,
             where: str) -> dict[str, yaml.Node]:
    values: dict[str, yaml.Node] = {}
    for key_node, value in node.value:
        key = str(key_node.value)
        if key not in keys:
            near = difflib.get_close_matches(key, keys, n=1)
            hint = f"是不是 {near[0]}？" if near else "可用的键：" + "、".join(keys)
            read.add(key_node, "federation-key", f"{where}不认识的键“{key}”", hint)
        elif key in values:
            read.add(key_node, "federation-key", f"{where}键“{key}”重复", "每个键只写一次")
        else:
            values[key] = value
    return values


def _member(node: yaml.Node, base: Path, read: _Reader) -> Member | None:
    if not isinstance(node, yaml.MappingNode):
        read.add(node, "federation-member", "成员应写成 name、site_url、catalogue 三项",
                 "如“- name: 某省机关事务管理局”，下一行缩进写 site_url 和 catalogue")
        return None
    values = _mapping(node, MEMBER_KEYS, read, "成员中")
    found = {}
    for key in MEMBER_KEYS:
        if key not in values:
            read.add(node, "federation-required", f"成员缺少 {key}",
                     {"name": "写成员的名称，如 某省机关事务管理局",
                      "site_url": "写成员网站的地址，如 https://std.example.gov.cn/",
                      "catalogue": "写 catalogue.json 的地址或本地路径"}[key])
            continue
        text = _text(values[key])
        if text is None:
            read.add(values[key], "federation-value", f"成员的 {key} 应为非空文字", "写在冒号之后")
            continue
        found[key] = text
    if len(found) < len(MEMBER_KEYS):
        return None
    site_url = found["site_url"]
    ok = True
    if not is_http(site_url):
        read.add(values["site_url"], "federation-value", f"site_url“{site_url}”不是 http(s) 地址",
                 "写成员网站首页的完整地址，如 https://std.example.gov.cn/")
        ok = False
    catalogue = found["catalogue"]
    scheme = urlsplit(catalogue).scheme
    if scheme in ("http", "https"):
        if not is_http(catalogue):
            read.add(values["catalogue"], "federation-value", f"catalogue“{catalogue}”不是完整地址",
                     "如 https://std.example.gov.cn/catalogue.json")
            ok = False
    elif scheme == "file":
        pass
    elif len(scheme) > 1:  # a Windows drive letter is not a scheme
        read.add(values["catalogue"], "federation-value", f"catalogue 不支持“{scheme}:”地址",
                 "用 http(s)://、file:// 地址或本地路径")
        ok = False
    else:
        catalogue = str((base / catalogue).resolve())
    if not ok:
        return None
    return Member(found["name"], site_url.rstrip("/") + "/", catalogue, read.line(node))


def _number(node: yaml.Node, key: str, read: _Reader, integer: bool) -> float | None:
    text = _text(node)
    try:
        value = int(text) if integer else float(text)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        value = None
    if value is None or value <= 0:
        read.add(node, "federation-value", f"{key} 应为正数", "如 timeout: 20（秒）、max_bytes: 50000000")
        return None
    return value


def load_federation(path: Path, shown: str | None = None) -> Federation:
    """Read federation.yml; raises ConfigError with every problem found."""
    shown = shown or str(path)
    try:
        data = path.read_bytes()[:MAX_CONFIG_BYTES + 1]
    except OSError as exc:
        raise ConfigError([one_line(f"{shown}:1: federation-missing 无法读取配置文件"
                                    f"（{exc.strerror or type(exc).__name__}；请检查路径）")]) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError([f"{shown}:1: federation-yaml 配置文件不是 UTF-8 编码（请另存为 UTF-8）"]) from exc
    read = _Reader(shown, LineIndex(text))
    if len(data) > MAX_CONFIG_BYTES:
        read.add(1, "federation-yaml", "配置文件过大", f"不超过 {MAX_CONFIG_BYTES} 字节")
        raise ConfigError(read.lines)
    try:
        root = compose(text)
    except Refused as exc:
        read.add(read.line_of(exc.index), exc.rule, exc.message, exc.hint)
        raise ConfigError(read.lines) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = read.line_of(mark.index) if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc)
        read.add(line, "federation-yaml", f"YAML 语法错误：{problem}", "检查缩进、冒号后的空格和引号")
        raise ConfigError(read.lines) from exc
    if not isinstance(root, yaml.MappingNode):
        read.add(root if root is not None else 1, "federation-yaml", "配置应为键值对",
                 "至少写 members: 和成员列表")
        raise ConfigError(read.lines)
    values = _mapping(root, TOP_KEYS, read, "")
    base = path.resolve().parent
    fed = Federation(path=path, members=[], cache=base / DEFAULT_CACHE)
    if "title" in values:
        fed.title = _text(values["title"]) or DEFAULT_TITLE
    if "framework" in values:
        where = _text(values["framework"])
        if where is None or not (base / where).is_file():
            read.add(values["framework"], "federation-value", f"找不到标准体系文件“{where or ''}”",
                     "写 framework.yml 的路径（相对于本配置文件）；不写则用随附的标准体系")
        else:
            fed.framework = (base / where).resolve()
    if "cache" in values:
        where = _text(values["cache"])
        if where is None:
            read.add(values["cache"], "federation-value", "cache 应为目录路径", "如 .federation-cache")
        else:
            fed.cache = (base / where).resolve()
    if "timeout" in values and (t := _number(values["timeout"], "timeout", read, False)):
        fed.timeout = float(t)
    if "max_bytes" in values and (m := _number(values["max_bytes"], "max_bytes", read, True)):
        fed.max_bytes = int(m)
    members = values.get("members")
    if members is None:
        read.add(root, "federation-required", "缺少 members", "列出各成员的 name、site_url、catalogue")
    elif not isinstance(members, yaml.SequenceNode) or not members.value:
        read.add(members, "federation-empty", "members 应为非空列表", "每个成员以“- name: …”开始")
    else:
        seen: dict[str, int] = {}
        for item in members.value:
            member = _member(item, base, read)
            if member is None:
                continue
            if member.name in seen:
                read.add(item, "federation-duplicate", f"成员“{member.name}”重复",
                         f"第 {seen[member.name]} 行已有同名成员；每个成员只写一次")
                continue
            seen[member.name] = member.line
            fed.members.append(member)
    if read.lines:
        raise ConfigError(read.lines)
    return fed
