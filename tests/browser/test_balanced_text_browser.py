"""Hostile raw HTML in Chromium: each text of tests/hostile/html/ stays inside its container.

tests/test_bounded_markdown.py checks the same with html5ever (the HTML5 parser nh3 uses); this
is the browser itself. Scripts are off: what is checked is the page as the parser builds it
(the theme's scripts add their own elements to the text later, e.g. table wrappers).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import make_project

from hooks.load.frontmatter import read_source
from hooks.model.numbers import parse_number

from .conftest import serving

pytestmark = pytest.mark.browser

HOSTILE_HTML = Path(__file__).resolve().parent.parent / "hostile" / "html"
CASES = yaml.safe_load((HOSTILE_HTML / "cases.yml").read_text("utf-8"))

FACTS = """() => {
  const texts = document.querySelectorAll('.std-text');
  const text = texts[0];
  const footer = document.querySelector('footer.md-footer');
  const site = /^(std-|md-|lc-|idx-|cat-)|^status-tag$|^mermaid$/;
  const borrowed = [...text.querySelectorAll('*')]
    .filter(e => !e.closest('.std-toc') && !e.classList.contains('std-ref'))
    .filter(e => [...e.classList].some(c => site.test(c)) || e.hasAttribute('data-status')
                 || ['note', 'alert', 'status'].includes(e.getAttribute('role'))
                 || /^(std-|lc-|md-|__)/.test(e.id))
    .map(e => e.outerHTML.slice(0, 80));
  const count = (node) => node.textContent.split('HOSTILE-END').length - 1;
  return {
    texts: texts.length,
    inPage: text.parentElement.classList.contains('std-page'),
    marksInside: count(text),
    marksInBody: count(document.body),
    footerInside: text.contains(footer),
    footerAfter: !!(text.compareDocumentPosition(footer) & Node.DOCUMENT_POSITION_FOLLOWING),
    borrowed,
    firstStatus: document.querySelector('[data-status]').dataset.status,
  };
}"""


def _slug(name: str) -> str:
    source = read_source(HOSTILE_HTML / name, name, [])
    return parse_number(source.meta["number"]).slug


@pytest.fixture(scope="module")
def hostile_html_server(tmp_path_factory):
    files = {f"{_slug(name)}.md": (HOSTILE_HTML / name).read_text("utf-8") for name in CASES}
    project = make_project(tmp_path_factory.mktemp("hostile-html-browser"), standards=files)
    result = project.build()
    assert result.returncode == 0, result.output[-3000:]
    with serving(result.site) as server:
        yield server


@pytest.mark.parametrize("name", sorted(CASES))
def test_text_stays_in_its_container(new_page, hostile_html_server, name):
    page = new_page(java_script_enabled=False)
    page.goto(hostile_html_server.url(f"standards/{_slug(name)}/"))
    facts = page.evaluate(FACTS)
    assert facts["texts"] == 1 and facts["inPage"]
    assert facts["marksInside"] == 1 and facts["marksInBody"] == 1, "text outside its container"
    assert not facts["footerInside"] and facts["footerAfter"], "the footer was swallowed"
    assert facts["borrowed"] == []
    assert facts["firstStatus"] == "现行"
