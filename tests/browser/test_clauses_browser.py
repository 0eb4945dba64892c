"""search.js `splitClauses` in Chromium splits every standard page of the shared clause cases
(tests/data/clause_cases.json) into the clauses the build numbered: the anchors and headings the
cases name, the text before the first heading first when there is any."""

from __future__ import annotations

import json

import pytest
from clause_cases import CASES, IDS, build_site, slug

from hooks.search.index import clauses, meta_rows

from .conftest import serving

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with serving(build_site(tmp_path_factory.mktemp("clauses-browser")).site) as srv:
        yield srv


def split_pages(page, server, slugs: list[str]) -> dict[str, list]:
    """StandardSearch._split of each standard page's text, as search.js reads it for snippets."""
    page.goto(server.url(f"standards/{slugs[0]}/"))
    return page.evaluate("""async (slugs) => {
        const out = {};
        for (const slug of slugs) {
            const html = await (await fetch("../" + slug + "/")).text();
            const doc = new DOMParser().parseFromString(html, "text/html");
            const text = doc.querySelector(".std-page > .std-text");
            out[slug] = text ? StandardSearch._split(text) : [];
        }
        return out;
    }""", slugs)


def test_split_clauses_agrees_with_the_cases_and_the_index(page, server):
    slugs = [slug(i) for i in range(len(CASES))]
    got = split_pages(page, server, slugs)
    meta = json.loads(page.evaluate("async () => (await fetch('../../search/meta.json')).text()"))
    fields = meta["fields"]
    counts = {r[fields.index("slug")]: r[fields.index("clauses")] for r in meta_rows(meta)}
    for name, key, case in zip(IDS, slugs, CASES, strict=True):
        want = [[a, h] for a, h, _, _ in case["clauses"]]
        assert [[a, h] for a, h, _ in got[key]] == want, name
        assert len(got[key]) == counts[key], name  # pageClauses checks this before snippets
        assert [a for a, _, _ in clauses(case["body"])] == [a for a, _ in want], name
