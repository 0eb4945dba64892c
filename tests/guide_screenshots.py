"""Take the editors' guide screenshots (docs/assets/img/guide/*.webp) from a built site.

Not a test: run by hand after a visible change, then commit the images. They are saved as
lossless WebP (`save`, Pillow: the same pixels in about a third of the PNG's bytes):

    mkdocs build -d /tmp/site   # the site must contain standards/db51-t-1234-2025/ (the guide's
                                # example, made with `python -m hooks new` as the guide shows)
    python tests/guide_screenshots.py /tmp/site

Uses Debian's chromium through Playwright (never downloads a browser).
"""

from __future__ import annotations

import functools
import http.server
import io
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent.parent / "docs" / "assets" / "img" / "guide"
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def save(shot: bytes, path: Path) -> None:
    """A Playwright screenshot (PNG bytes) as lossless WebP at `path`."""
    from PIL import Image

    Image.open(io.BytesIO(shot)).save(path, "WEBP", lossless=True, method=6)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """`site` over loopback on a free port, without a log line per request."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def main(site: str) -> None:
    server, base = serve(Path(site))
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page(viewport={"width": 960, "height": 640}, device_scale_factor=1)

            page.goto(base + "standards/db51-t-1234-2025/")
            page.locator(".std-head").scroll_into_view_if_needed()
            save(page.screenshot(clip={"x": 0, "y": 0, "width": 960, "height": 640}),
                 OUT / "new-standard-page.webp")

            page.goto(base + "standards/sljg-002-2020/")
            footer = page.locator("footer.std-edit")
            footer.locator("summary").click()
            footer.scroll_into_view_if_needed()
            save(footer.screenshot(), OUT / "edit-notes.webp")

            page.goto(base + "guide/rules/#date-order")
            page.wait_for_timeout(300)
            save(page.screenshot(), OUT / "rule-reference.webp")
            browser.close()
    finally:
        server.shutdown()
    for png in sorted(OUT.glob("*.webp")):
        print(f"{png.name}: {png.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "site")
