"""A throwaway nginx serving one built site on loopback, as README.md's hosting section sets it up.

    with Nginx(site) as server:
        server.base            # http://127.0.0.1:<port>/
        mark = server.mark()   # the access log's current end
        server.requests(mark)  # [(uri, status, bytes_sent, msec), ...] logged since

Runs Debian's /usr/sbin/nginx as the current user (single process, `daemon off`) from a generated
config in a temporary prefix: error_log and access_log in that prefix; `gzip on` with README's
gzip_types; `charset utf-8`, `index index.html`, `error_page 404 /404.html`, `try_files` and
`Cache-Control: no-cache` on pages as README sets them (README's security headers are left out:
their CSP would block Pagefind's WebAssembly, and they do not change sizes or times). The access
log records `$request_uri $status $bytes_sent $msec`, so bytes on the wire are nginx's own count
(headers and gzip body) and each request carries the time it finished.
"""

from __future__ import annotations

import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

NGINX = "/usr/sbin/nginx"
GZIP_TYPES = "text/css application/javascript application/json application/xml image/svg+xml"

CONFIG = """\
daemon off;
master_process off;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    log_format bench '$request_uri $status $bytes_sent $msec';
    access_log {prefix}/access.log bench;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    sendfile on;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        index index.html;
        charset utf-8;
        error_page 404 /404.html;
        gzip on;
        gzip_types {gzip_types};
        location / {{
            try_files $uri $uri/ =404;
            add_header Cache-Control "no-cache" always;
        }}
        location ~ "\\.[0-9a-f]{{8}}\\.min\\.(css|js)$" {{
            add_header Cache-Control "public, max-age=31536000, immutable" always;
        }}
        location ~ "^/(search/|catalogue\\.(json|csv|xlsx)$|feed\\.xml$)" {{
            add_header Cache-Control "public, max-age=300" always;
        }}
    }}
}}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Nginx:
    """nginx serving `root` on 127.0.0.1:<free port> while the `with` block runs."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root).resolve()
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self._tmp = tempfile.TemporaryDirectory(prefix="web-bench-nginx-")
        self.prefix = Path(self._tmp.name)
        self.log = self.prefix / "access.log"
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> Nginx:
        conf = self.prefix / "nginx.conf"
        conf.write_text(CONFIG.format(prefix=self.prefix, port=self.port, root=self.root,
                                      gzip_types=GZIP_TYPES), encoding="utf-8")
        self.log.touch()
        self.proc = subprocess.Popen([NGINX, "-p", str(self.prefix), "-c", str(conf)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while True:
            try:
                with urllib.request.urlopen(self.base, timeout=2):
                    break
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    error = (self.prefix / "error.log")
                    detail = error.read_text() if error.is_file() else ""
                    raise RuntimeError(f"nginx did not start: {detail}") from None
                time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._tmp.cleanup()

    def mark(self) -> int:
        """The access log's current size: requests() after it are the ones logged since."""
        return self.log.stat().st_size

    def requests(self, mark: int) -> list[tuple[str, int, int, float]]:
        """(uri, status, bytes_sent, msec) of every request logged after `mark`."""
        with self.log.open("rb") as f:
            f.seek(mark)
            lines = f.read().decode("utf-8", "replace").splitlines()
        out = []
        for line in lines:
            uri, status, sent, msec = line.rsplit(" ", 3)
            out.append((uri, int(status), int(sent), float(msec)))
        return out
