"""Site-internal URLs: where each generated page lives and how one page links to another.

Links are always relative, so the site works at a host's root, under a subpath and from file://
(where `use_directory_urls` is off and pages end in `.html`).
"""

from __future__ import annotations

from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import get_relative_url


def standard_src(slug: str) -> str:
    return f"standards/{slug}.md"


def domain_src(node_slug: str) -> str:
    return f"domains/{node_slug}.md"


def add_page(files: Files, config, src_uri: str, content: str, *, in_nav: bool = True) -> None:
    """Add a generated Markdown page, replacing any file already at `src_uri`."""
    existing = files.get_file_from_path(src_uri)
    if existing is not None:
        files.remove(existing)
    inclusion = InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV
    files.append(File.generated(config, src_uri, content=content, inclusion=inclusion))


class Linker:
    """Turns a source path (e.g. "standards/x.md") into a URL relative to the current page."""

    def __init__(self, files: Files, page_url: str) -> None:
        self.files = files
        self.page_url = page_url

    def to_src(self, src_uri: str) -> str | None:
        target = self.files.get_file_from_path(src_uri)
        if target is None:
            return None
        return get_relative_url(target.url or ".", self.page_url or ".")

    def to_file(self, path: str) -> str:
        """A non-page output such as "catalogue.json" or "assets/x.css"."""
        return get_relative_url(path, self.page_url or ".")
