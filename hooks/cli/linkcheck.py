"""Internal link checker for a built site: `python -m hooks linkcheck site/`.

Every relative `href`/`src` in every HTML file must resolve to a file of the site (a directory URL
resolves to its index.html), and every `#fragment` to an `id` (or `<a name>`) in the target page.
External URLs (http:, https:, mailto:, tel:, data:, javascript: is reported) are not fetched.
Absolute-path links ("/x/") are reported: the site must work under any subpath and from file://.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

EXTERNAL_SCHEMES = {"http", "https", "mailto", "tel", "data", "ftp", "news", "blob"}
LINK_ATTRS = {("a", "href"), ("link", "href"), ("area", "href"), ("script", "src"),
              ("img", "src"), ("iframe", "src"), ("source", "src"), ("video", "src"),
              ("audio", "src"), ("form", "action")}


@dataclass(frozen=True)
class BrokenLink:
    page: str    # page path relative to the site root
    url: str     # the href as written
    reason: str

    def text(self) -> str:
        return f"{self.page}: {self.url} — {self.reason}"


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.base: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif (tag, name) in LINK_ATTRS:
                self.links.append(value)
            elif tag == "base" and name == "href":
                self.base = value

    handle_startendtag = handle_starttag


@dataclass
class _Page:
    ids: set[str]
    links: list[str]


@cache
def _parse(path: Path) -> _Page:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8", errors="replace"))
    collector.close()
    return _Page(collector.ids, collector.links)


def _resolve(site: Path, page: Path, path: str) -> Path | None:
    """The file a relative URL path points to (a directory → its index.html), or None."""
    target = (page.parent / unquote(path)).resolve() if path else page
    try:
        target.relative_to(site)
    except ValueError:
        return None
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def check_page(site: Path, page: Path, base_path: str = "/") -> list[BrokenLink]:
    rel = page.relative_to(site).as_posix()
    broken: list[BrokenLink] = []
    for url in _parse(page).links:
        url = url.strip()
        if not url:
            continue
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme == "javascript":
            broken.append(BrokenLink(rel, url, "javascript: 链接"))
            continue
        if scheme in EXTERNAL_SCHEMES or parts.netloc:
            continue
        if scheme:
            broken.append(BrokenLink(rel, url, f"未知协议 {scheme}:"))
            continue
        path = parts.path
        if path.startswith("/"):
            if rel != "404.html":
                broken.append(BrokenLink(rel, url, "以 / 开头的绝对路径（子路径和 file:// 下失效）"))
                continue
            # The 404 page is served at any depth, so MkDocs gives it root-based URLs
            # (the path of site_url); resolve them from the site root.
            path = path.removeprefix(base_path).lstrip("/") or "."
            page = site / "index.html"
        target = _resolve(site, page, path)
        if target is None:
            broken.append(BrokenLink(rel, url, "目标文件不存在"))
            continue
        if parts.fragment and target.suffix == ".html":
            fragment = unquote(parts.fragment)
            if fragment not in _parse(target).ids:
                where = target.relative_to(site).as_posix()
                broken.append(BrokenLink(rel, url, f"{where} 中没有 id=\"{fragment}\""))
    return broken


def check_site(site: Path, base_path: str = "/") -> tuple[int, list[BrokenLink]]:
    """(number of HTML pages checked, broken links) for a built site directory.

    `base_path` is the path of `site_url` (e.g. "/std/"), used by the 404 page's root-based URLs.
    """
    site = site.resolve()
    _parse.cache_clear()
    pages = sorted(site.rglob("*.html"))
    broken = [b for page in pages for b in check_page(site, page, base_path)]
    _parse.cache_clear()
    return len(pages), broken


def cmd_linkcheck(args: argparse.Namespace) -> int:
    site = Path(args.site)
    if not site.is_dir():
        print(f"{site}: 不是目录（先运行 python -m hooks build）", file=sys.stderr)
        return 2
    count, broken = check_site(site, args.base_path)
    for link in broken:
        print(link.text())
    verdict = "未通过" if broken else "通过"
    print(f"链接检查{verdict}：{count} 个页面，失效链接 {len(broken)} 处。", file=sys.stderr)
    return 1 if broken else 0


def register(sub) -> None:
    check = sub.add_parser("linkcheck", help="检查构建后网站的站内链接和锚点")
    check.add_argument("site", nargs="?", default="site", help="构建输出目录（默认 site/）")
    check.add_argument("--base-path", default="/",
                       help="site_url 的路径部分（如 /std/），用于检查 404 页面的链接")
    check.set_defaults(func=cmd_linkcheck)
