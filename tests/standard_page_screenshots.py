"""Take the standard page screenshots (screenshots/standard-*.png) from a built site.

Not a test: run by hand after a visible change to the standard page and look at them. They are
for review, not published (no guide page shows them): written to screenshots/, not committed. The first screen a reader sees, on a 390 × 844 phone and a 1366 × 900 laptop, of the
sample standard (text on the site) and of a metadata-only national standard:

    SOURCE_DATE_EPOCH=1795752000 mkdocs build -d /tmp/site
    python tests/standard_page_screenshots.py /tmp/site

Uses Debian's chromium through Playwright (never downloads a browser).
"""

from __future__ import annotations

import sys
from pathlib import Path

from guide_screenshots import ARGS, serve
from playwright.sync_api import sync_playwright
from public_screenshots import OUT

PAGES = {"sample": "standards/sljg-001-2023/", "metadata-only": "standards/gb-t-41568-2022/"}
SCREENS = {"390": {"width": 390, "height": 844}, "1366": {"width": 1366, "height": 900}}


def main(site: str) -> None:
    server, base = serve(Path(site))
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            for width, viewport in SCREENS.items():
                phone = viewport["width"] < 960
                page = browser.new_page(viewport=viewport, device_scale_factor=1,
                                        is_mobile=phone, has_touch=phone, locale="zh-CN")
                for name, path in PAGES.items():
                    page.goto(base + path)
                    page.wait_for_timeout(300)
                    page.screenshot(path=OUT / f"standard-{name}-{width}.png")
                page.close()
            browser.close()
    finally:
        server.shutdown()
    for png in sorted(OUT.glob("standard-*.png")):
        print(f"{png.name}: {png.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "site")
