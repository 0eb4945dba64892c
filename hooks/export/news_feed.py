"""Articles (docs/news/) in feed.xml: one Atom entry each, among the standards' entries by date.

hooks.export.files.feed_xml builds the standards' feed and hands its root element here before
writing it. Each article becomes an entry with a stable id, its page as the link, its date as
published/updated, its category (scheme urn:jgsw:article-category) and a `urn:jgsw:kind`
category "article" that tells it from a standard, and an XHTML summary naming its standards.
Entries are placed so the whole feed stays newest first.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time
from xml.etree import ElementTree as ET

from hooks.model.article import NEWS_DIR, Article
from hooks.model.characters import xml_text
from hooks.model.dates import SHANGHAI

ATOM = "{http://www.w3.org/2005/Atom}"
XHTML = "{http://www.w3.org/1999/xhtml}"
ARTICLE_UUID_NAMESPACE = uuid.UUID("3b0f6a52-8d7e-5c1a-b4f2-7e9d1c2a6f30")  # fixed: ids never change
SUBTITLE = "另有解读与动态（标准解读、工作动态、试点示范、政策文件），按日期排在其中。"


def _time(day: date) -> str:
    return datetime.combine(day, time(0, 0), SHANGHAI).isoformat()


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, tag, {k: xml_text(v) for k, v in attrs.items()})
    node.text = None if text is None else xml_text(text)
    return node


def _page(path: str, site_url: str) -> str:
    return site_url.rstrip("/") + "/" + path if site_url else path


def entry(article: Article, site_url: str, directory_urls: bool) -> ET.Element:
    node = ET.Element(f"{ATOM}entry")
    url = _page(article.url if directory_urls else f"{NEWS_DIR}/{article.key}.html", site_url)
    _sub(node, f"{ATOM}id", f"urn:uuid:{uuid.uuid5(ARTICLE_UUID_NAMESPACE, article.src_uri)}")
    _sub(node, f"{ATOM}title", f"{article.category}：{article.title}")
    _sub(node, f"{ATOM}link", rel="alternate", href=url, type="text/html")
    _sub(node, f"{ATOM}published", _time(article.date))
    _sub(node, f"{ATOM}updated", _time(article.date))
    _sub(node, f"{ATOM}category", term="article", label="文章", scheme="urn:jgsw:kind")
    _sub(node, f"{ATOM}category", term=article.category, label=article.category,
         scheme="urn:jgsw:article-category")
    summary = _sub(_sub(node, f"{ATOM}summary", type="xhtml"), f"{XHTML}div")
    _sub(summary, f"{XHTML}p", f"{article.category}　{article.date.isoformat()}")
    _sub(summary, f"{XHTML}p", article.summary)
    if article.standards:
        _sub(summary, f"{XHTML}p", "相关标准：" + "、".join(s.code for s in article.standards))
    _sub(_sub(summary, f"{XHTML}p"), f"{XHTML}a", "阅读全文", href=url)
    return node


def add_entries(root: ET.Element, articles: list[Article], site_url: str,
                directory_urls: bool = True) -> None:
    """Put each article's entry before the first entry published earlier than it (the feed is
    newest first), and let the feed's `updated` cover the newest article."""
    if not articles:
        return
    subtitle = root.find(f"{ATOM}subtitle/{XHTML}div")
    if subtitle is not None:
        _sub(subtitle, f"{XHTML}p", SUBTITLE)
    for article in articles:
        new = entry(article, site_url, directory_urls)
        published = _time(article.date)
        children = list(root)
        at = next((i for i, child in enumerate(children) if child.tag == f"{ATOM}entry"
                   and (child.findtext(f"{ATOM}published") or "") < published), len(children))
        root.insert(at, new)
    updated = root.find(f"{ATOM}updated")
    newest = _time(max(a.date for a in articles))
    if updated is not None and (updated.text or "") < newest:
        updated.text = newest
