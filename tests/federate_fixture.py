"""Helpers for the federation tests: member sites built for real, and a loopback server whose
routes misbehave on purpose (404, a slow answer, invalid JSON, a wrong format version, an
oversized answer, a streamed answer without Content-Length).
"""

from __future__ import annotations

import contextlib
import http.server
import json
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from conftest import FIXED_EPOCH, make_project

from bench.synth import generate

SLOW_SECONDS = 3.0


@dataclass
class Routes:
    """path → bytes (served with Content-Length), or one of the special behaviours."""

    files: dict[str, bytes] = field(default_factory=dict)
    slow: set[str] = field(default_factory=set)  # sleeps SLOW_SECONDS before answering
    streamed: dict[str, int] = field(default_factory=dict)  # path → bytes, no Content-Length
    status: dict[str, int] = field(default_factory=dict)  # path → an HTTP error status


def _handler(routes: Routes):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def do_GET(self) -> None:  # noqa: N802
            path = self.path.split("?", 1)[0]
            if path in routes.slow:
                time.sleep(SLOW_SECONDS)
            if path in routes.status:
                self.send_error(routes.status[path])
                return
            if path in routes.streamed:
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                with contextlib.suppress(OSError):
                    sent = 0
                    chunk = b" " * 65536
                    while sent < routes.streamed[path]:
                        self.wfile.write(chunk)
                        sent += len(chunk)
                return
            body = routes.files.get(path)
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(OSError):
                self.wfile.write(body)

        def log_message(self, format: str, *args) -> None:  # noqa: A002
            pass

    return Handler


@contextlib.contextmanager
def catalogue_server(routes: Routes) -> Iterator[str]:
    """Serve `routes` on 127.0.0.1; yields the base URL ("http://127.0.0.1:PORT")."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(routes))
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def build_synthetic_site(dest: Path, n: int, seed: int) -> Path:
    """A member site of `n` synthetic standards (bench.synth, `seed`), built with mkdocs into
    dest/site; returns the site directory."""
    project = make_project(dest / "project")
    shutil.rmtree(project.root / "standards")
    generate(project.root, n, 1, seed)
    result = project.build(site=dest / "site", epoch=FIXED_EPOCH)
    assert result.returncode == 0, result.output
    return result.site


def write_config(path: Path, members: list[tuple[str, str, str]], **extra: object) -> Path:
    """federation.yml with `members` as (name, site_url, catalogue); values JSON-quoted."""
    lines = [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in extra.items()]
    lines.append("members:")
    for name, site, cat in members:
        lines += [f"  - name: {json.dumps(name, ensure_ascii=False)}",
                  f"    site_url: {json.dumps(site)}",
                  f"    catalogue: {json.dumps(cat)}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
