"""Browser fixtures: the built site served over loopback, and Debian's Chromium via Playwright.

- `shipped_site` (tests/conftest.py) is the shipped corpus built once per session; `site_server`
  serves it at http://127.0.0.1:<port>/ and `subpath_server` serves the same tree under /std/.
- `offline_site` (tests/conftest.py) is the offline build, opened from file://.
- `browser` is one headless Chromium per session (never downloaded: /usr/bin/chromium).
- `page` is a fresh page in a fresh context that records console errors, page errors, failed
  requests, HTTP errors and every request to a host other than the test server. Requests to other
  hosts are aborted. When the test ends, any of those fails it.
"""

from __future__ import annotations

import contextlib
import http.server
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import BuildResult

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
LOOPBACK = "127.0.0.1"
PHONE = {"width": 390, "height": 844}


# --------------------------------------------------------------------------- servers

# The Content-Security-Policy the README recommends for nginx: the site must work under it.
CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
       "base-uri 'self'; form-action 'self'; frame-ancestors 'self'")


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves `directory` under `prefix` ("/" or "/std/"); anything outside the prefix is a 404.
    Like the README's nginx config: 404.html for missing files, and the same CSP header."""

    prefix = "/"

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def __init__(self, *args, prefix: str = "/", **kwargs) -> None:
        self.prefix = prefix
        super().__init__(*args, **kwargs)

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if not clean.startswith(self.prefix) and clean + "/" != self.prefix:
            return str(Path(self.directory) / ".outside-prefix" / "missing")
        return super().translate_path("/" + clean[len(self.prefix):])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Like nginx `error_page 404 /404.html`: the site's own 404 page, with status 404."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass


@dataclass
class SiteServer:
    root: Path
    prefix: str = "/"
    httpd: http.server.ThreadingHTTPServer | None = None

    def start(self) -> SiteServer:
        handler = partial(_Handler, directory=str(self.root), prefix=self.prefix)
        self.httpd = http.server.ThreadingHTTPServer((LOOPBACK, 0), handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.httpd is not None:
            self.httpd.shutdown()
            self.httpd.server_close()

    @property
    def base(self) -> str:
        assert self.httpd is not None
        return f"http://{LOOPBACK}:{self.httpd.server_address[1]}{self.prefix}"

    def url(self, path: str = "") -> str:
        return self.base + path.lstrip("/")


@contextlib.contextmanager
def serving(root: Path, prefix: str = "/") -> Iterator[SiteServer]:
    server = SiteServer(root, prefix).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def site_server(shipped_site: BuildResult) -> Iterator[SiteServer]:
    with serving(shipped_site.site) as server:
        yield server


@pytest.fixture(scope="session")
def subpath_server(shipped_site: BuildResult) -> Iterator[SiteServer]:
    with serving(shipped_site.site, "/std/") as server:
        yield server


@pytest.fixture(scope="session", params=["root", "subpath"])
def any_server(request, site_server: SiteServer, subpath_server: SiteServer) -> SiteServer:
    """The shipped site at the host's root and under /std/: the same tests run against both."""
    return site_server if request.param == "root" else subpath_server


# --------------------------------------------------------------------------- browser

@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} missing: .ci/run installs Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                              headless=True)
        yield chromium
        chromium.close()


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in {"data", "blob", "about", "file", "chrome-error"}:
        return True
    return parts.scheme in {"http", "https", "ws"} and parts.hostname == LOOPBACK


@dataclass
class Watch:
    """What a page did that it must not: collected while the test runs."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    http_errors: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)
    allow_http_errors: set[str] = field(default_factory=set)

    def problems(self) -> list[str]:
        out = [f"console error: {m}" for m in self.console_errors
               if not any(url in m for url in self.allow_http_errors)]
        out += [f"page error: {m}" for m in self.page_errors]
        out += [f"outside request: {u}" for u in self.outside_requests]
        out += [f"failed request: {u}" for u in self.failed_requests]
        out += [f"HTTP error: {u}" for u in self.http_errors]
        return out

    def assert_clean(self) -> None:
        problems = self.problems()
        assert not problems, "\n".join(problems)


def _watch(context, page) -> Watch:
    watch = Watch()

    def route(route) -> None:
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            watch.outside_requests.append(url)
            route.abort("blockedbyclient")

    context.route("**/*", route)
    page.on("console", lambda m: m.type == "error" and watch.console_errors.append(
        f"{m.text} ({m.location.get('url', '')})"))
    page.on("pageerror", lambda e: watch.page_errors.append(str(e)))

    def failed(request) -> None:
        # ERR_ABORTED: an in-flight request cancelled because the page navigated away.
        if is_local(request.url) and request.failure != "net::ERR_ABORTED":
            watch.failed_requests.append(f"{request.url} ({request.failure})")

    page.on("requestfailed", failed)

    def response(resp) -> None:
        if resp.status >= 400 and resp.url not in watch.allow_http_errors:
            watch.http_errors.append(f"{resp.status} {resp.url}")

    page.on("response", response)
    return watch


@pytest.fixture
def new_page(browser):
    """Factory: `new_page(viewport=..., **context_options)` → (page, watch); closed after the test."""
    opened = []

    def factory(**options):
        options.setdefault("locale", "zh-CN")
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(**options)
        page = context.new_page()
        watch = _watch(context, page)
        opened.append((context, watch))
        page.watch = watch  # type: ignore[attr-defined]
        return page

    yield factory
    problems = [p for _, watch in opened for p in watch.problems()]
    for context, _ in opened:
        context.close()
    assert not problems, "\n".join(problems)


@pytest.fixture
def page(new_page):
    """A desktop page; the test fails on console errors, failed or outside requests."""
    return new_page()


@pytest.fixture
def phone(new_page):
    """A 390 px wide touch page (an ordinary phone)."""
    return new_page(viewport=PHONE, device_scale_factor=3, is_mobile=True, has_touch=True)
