"""MkDocs hook for the offline build (mkdocs-offline.yml): a site that works from file://.

Does what Material's `offline` plugin does, without its one outside request: that plugin adds
the iframe-worker shim from a public CDN to `extra.polyfills`, and no page of this site may load
anything from another host. Here:
- pages end in `.html` (`use_directory_urls: false`), so relative links work on a disk;
- any polyfill or script given as a full http(s) URL is dropped (none may be fetched);
- if Material's search index exists it is also written as `search/search_index.js`
  (`var __index = …`), which Material's bundle loads on file://.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.plugins import event_priority, get_plugin_logger

log = get_plugin_logger("offline")


def _is_remote(url: object) -> bool:
    text = url if isinstance(url, str) else getattr(url, "path", "")
    return urlsplit(str(text)).scheme in {"http", "https"} or str(text).startswith("//")


def on_config(config):
    config.use_directory_urls = False
    polyfills = config.extra.get("polyfills") or []
    config.extra["polyfills"] = [p for p in polyfills if not _is_remote(p)]
    config.extra_javascript = [s for s in config.extra_javascript if not _is_remote(s)]
    return config


@event_priority(-100)
def on_post_build(config):
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.is_file():
        data = index.read_text(encoding="utf-8")
        (index.parent / "search_index.js").write_text(f"var __index = {data}", encoding="utf-8")
