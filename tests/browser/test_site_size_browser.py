"""In Chromium: the shorter 意见反馈 href opens the same mailto: URL as the fully percent-encoded
one, Material's code copy button still has its Chinese label with the slimmer __config, and a
standard's text without newlines between blocks renders as it did with them."""

from __future__ import annotations

from urllib.parse import quote


def test_feedback_href_resolves_to_the_fully_encoded_url(page, site_server):
    page.goto(site_server.url("standards/sljg-002-2025/"))
    attr = page.locator("#lc-feedback").get_attribute("href")
    assert "【意见反馈】" in attr
    full = quote(attr, safe="".join(chr(c) for c in range(0x21, 0x7F)))
    resolved = page.evaluate(
        "(full) => [document.getElementById('lc-feedback').href, new URL(full).href]", full)
    assert resolved[0] == resolved[1] == full


def test_code_copy_button_keeps_its_label(page, site_server):
    page.goto(site_server.url("guide/performance/"))  # has ```sh blocks
    buttons = page.locator("button.md-code__button, button.md-clipboard")
    buttons.first.wait_for(state="attached")
    assert buttons.first.get_attribute("title") == "复制"


def test_text_without_newlines_between_blocks_renders_the_same(page, site_server):
    page.goto(site_server.url("standards/sljg-002-2025/"))
    # The same text with a newline after every block tag again, as Markdown wrote it.
    same = page.evaluate("""() => {
      const text = document.querySelector(".std-text");
      const box = (el) => [el.innerText, el.getBoundingClientRect().height,
                           [...el.querySelectorAll("p, h2, h3, h4, li, td, th")].map(
                             (x) => Math.round(x.getBoundingClientRect().top))];
      const joined = box(text);
      text.innerHTML = text.innerHTML.replace(
        /(<\\/(?:p|h[1-6]|li|dd|dt|td|th|tr|thead|tbody|tfoot|table|ol|ul|dl|blockquote)>|<(?:table|thead|tbody|tfoot|tr|ol|ul|dl)>)(?=<)/g,
        "$1\\n");
      const spaced = box(text);
      return [JSON.stringify(joined) === JSON.stringify(spaced), text.innerHTML.split("\\n").length];
    }""")
    assert same[1] > 20  # the newlines were put back
    assert same[0]
