"""Accessibility (GB/T 37668, WCAG 2.1 AA): axe-core on every page template, keyboard use."""

from __future__ import annotations

import pytest
from .templates import TEMPLATES

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {"type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
    "resultTypes": ["violations"],
}
BLOCKING = {"serious", "critical"}


def axe_violations(page) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page, options=AXE_OPTIONS).response["violations"]


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        targets = [" ".join(map(str, n["target"])) for n in v["nodes"][:5]]
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])}×) {targets}")
    return "\n".join(lines)


@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_axe_has_no_serious_violations(page, site_server, template):
    page.goto(site_server.url(TEMPLATES[template]))
    violations = axe_violations(page)
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, describe(blocking)
