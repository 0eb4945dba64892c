"""Take the 解读与动态 screenshots (docs/assets/img/guide/news-*.webp, the ones docs/guide/news.md
shows, lossless WebP; the others to screenshots/ for review) from a built site.

Not a test: run by hand after a visible change to the news/ list or an article page, look at the
PNGs, then commit them:

    mkdocs build -d /tmp/site
    python tests/news_screenshots.py /tmp/site

The first screen of `news/` and of the sample 标准解读 on a 390 × 844 phone and at 1366 × 900.
Uses Debian's chromium through Playwright (never downloads a browser).
"""

from __future__ import annotations

import sys
from pathlib import Path

from guide_screenshots import save
from playwright.sync_api import sync_playwright
from public_screenshots import ARGS, OUT, SIZES, serve

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "assets" / "img" / "guide"
SHOWN = {"news-1366", "news-390", "news-article-390"}  # in docs/guide/news.md; the rest: OUT

SHOTS = (
    ("news", "news/"),
    ("news-article", "news/2023/gongwu-yongche-diaodu-jiedu/"),
)


def main(site: str) -> None:
    server, base = serve(Path(site))
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            for size, options in SIZES.items():
                context = browser.new_context(locale="zh-CN", **options)
                page = context.new_page()
                for name, url in SHOTS:
                    page.goto(base + url)
                    page.wait_for_load_state("networkidle")
                    shot = f"{name}-{size}"
                    if shot in SHOWN:
                        save(page.screenshot(), GUIDE / f"{shot}.webp")
                    else:
                        page.screenshot(path=str(OUT / f"{shot}.png"))
                context.close()
            browser.close()
    finally:
        server.shutdown()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "site")
