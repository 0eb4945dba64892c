"""The site's own stylesheets (mkdocs.yml `extra_css`) served as one file.

Each feature keeps its own file under docs/assets/css/ and lists it in mkdocs.yml; the build
joins them, in the listed order, into `assets/css/bundle.css`, and pages link that one file.
Every stylesheet is a request that blocks the first paint and every script below it (a script
waits for the stylesheets above it): seven small files meant a second round of requests on an
HTTP/1.1 server (six connections per host) before the catalogue's search could run. The rules
and their order are unchanged, so the cascade is the same; the separate files stay in the site.

Only local files from the same folder are joined (relative `url()`s keep working); if the list
has anything else (a remote URL, another folder, a missing file), it is left as it is.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from mkdocs.structure.files import File, Files

BUNDLE = "assets/css/bundle.css"


def add_files(state, files: Files, config) -> None:
    sheets = [str(s) for s in config.extra_css]
    folder = PurePosixPath(BUNDLE).parent
    sources = [files.get_file_from_path(s) for s in sheets]
    if len(sheets) < 2 or any(f is None or PurePosixPath(s).parent != folder
                              for s, f in zip(sheets, sources, strict=True)):
        return
    parts = [f"/* {s} */\n{f.content_string.strip()}\n" for s, f in zip(sheets, sources, strict=True)]
    existing = files.get_file_from_path(BUNDLE)
    if existing is not None:
        files.remove(existing)
    files.append(File.generated(config, BUNDLE, content="\n".join(parts)))
    config.extra_css = [BUNDLE]  # read when pages are rendered, after this event
