"""MkDocs hook for the offline build (mkdocs-offline.yml): a site that works from file://.

Does what Material's `offline` plugin does, without its one outside request: that plugin adds
the iframe-worker shim from a public CDN to `extra.polyfills`, and no page of this site may load
anything from another host. Here:
- pages end in `.html` (`use_directory_urls: false`), so relative links work on a disk;
- any polyfill or script given as a full http(s) URL is dropped (none may be fetched).
The site's own search index gets its file:// twins from hooks/search/index.py.
"""

from __future__ import annotations

from urllib.parse import urlsplit


def _is_remote(url: object) -> bool:
    text = url if isinstance(url, str) else getattr(url, "path", "")
    return urlsplit(str(text)).scheme in {"http", "https"} or str(text).startswith("//")


def on_config(config):
    config.use_directory_urls = False
    polyfills = config.extra.get("polyfills") or []
    config.extra["polyfills"] = [p for p in polyfills if not _is_remote(p)]
    config.extra_javascript = [s for s in config.extra_javascript if not _is_remote(s)]
    return config
