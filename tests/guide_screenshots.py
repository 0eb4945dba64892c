"""Take the editors' guide screenshots (docs/assets/img/guide/*.png) from a built site.

Not a test: run by hand after a visible change, then commit the PNGs (each < 150 KB):

    mkdocs build -d /tmp/site   # the site must contain standards/db51-t-1234-2025/ (the guide's
                                # example, made with `python -m hooks new` as the guide shows)
    python tests/guide_screenshots.py /tmp/site

Uses Debian's chromium through Playwright (never downloads a browser).
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent.parent / "docs" / "assets" / "img" / "guide"
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
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
            page.screenshot(path=OUT / "new-standard-page.png",
                            clip={"x": 0, "y": 0, "width": 960, "height": 640})

            page.goto(base + "standards/sljg-002-2020/")
            footer = page.locator("footer.std-edit")
            footer.locator("summary").click()
            footer.scroll_into_view_if_needed()
            footer.screenshot(path=OUT / "edit-notes.png")

            page.goto(base + "guide/rules/#date-order")
            page.wait_for_timeout(300)
            page.screenshot(path=OUT / "rule-reference.png")
            browser.close()
    finally:
        server.shutdown()
    for png in sorted(OUT.glob("*.png")):
        print(f"{png.name}: {png.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "site")
