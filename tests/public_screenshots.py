"""Take the public pages' screenshots (screenshots/public-*.png) from a built site.

Not a test: run by hand after a visible change to the catalogue or the framework page, and look
at the PNGs. They are for review, not published: no guide page shows them, so they are written
to screenshots/ (not committed) rather than docs/ (every file there is copied into the site).

    mkdocs build -d /tmp/site
    python tests/public_screenshots.py /tmp/site

The first screen of `catalogue/?q=公务用车` and `framework/` on a 390 × 844 phone and at
1366 × 900, and the framework's 标准明细表 on the phone (cards). Uses Debian's chromium through
Playwright (never downloads a browser).
"""

from __future__ import annotations

import sys
from pathlib import Path

from guide_screenshots import ARGS, serve
from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent.parent / "screenshots"
SIZES = {"390": {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 1,
                 "is_mobile": True, "has_touch": True},
         "1366": {"viewport": {"width": 1366, "height": 900}, "device_scale_factor": 1}}
# (file name, page, element scrolled to the top or None, wait for)
SHOTS = (
    ("public-catalogue-query", "catalogue/?q=公务用车", None, "() => window.Catalogue"),
    ("public-framework", "framework/", None, None),
    ("public-framework-details", "framework/", "#details", None),
)


def main(site: str) -> None:
    server, base = serve(Path(site))
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            for size, options in SIZES.items():
                context = browser.new_context(locale="zh-CN", **options)
                page = context.new_page()
                for name, url, anchor, ready in SHOTS:
                    if anchor and size != "390":
                        continue
                    page.goto(base + url)
                    if ready:
                        page.wait_for_function(ready)
                    page.wait_for_load_state("networkidle")
                    if anchor:
                        page.evaluate("""s => { document.querySelector(s).scrollIntoView();
                            window.scrollBy(0, -document.querySelector('.md-header').offsetHeight); }""",
                                      anchor)
                    page.screenshot(path=str(OUT / f"{name}-{size}.png"))
                context.close()
            browser.close()
    finally:
        server.shutdown()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "site")
